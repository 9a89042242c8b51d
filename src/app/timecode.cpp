// SPDX-License-Identifier: MIT
#include "app/timecode.hpp"

#include <QRegularExpression>
#include <QStringList>
#include <cmath>

namespace attnplay::app {

std::optional<std::int64_t> parseTimecode(const QString& text, double fps) {
  const QString t = text.trimmed().toLower();
  if (t.isEmpty() || fps <= 0) return std::nullopt;
  auto frames = [fps](double seconds) -> std::optional<std::int64_t> {
    if (!std::isfinite(seconds) || seconds < 0 || seconds > 24 * 3600.0) return std::nullopt;
    return static_cast<std::int64_t>(std::llround(seconds * fps));
  };
  static const QRegularExpression frame(QStringLiteral("^(\\d+)\\s*f$"));
  if (const auto m = frame.match(t); m.hasMatch()) return m.captured(1).toLongLong();
  static const QRegularExpression seconds(QStringLiteral("^(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*s?$"));
  if (const auto m = seconds.match(t); m.hasMatch()) return frames(m.captured(1).toDouble());
  const QStringList parts = t.split(QLatin1Char(':'));
  if (parts.size() < 2 || parts.size() > 4) return std::nullopt;
  std::vector<double> v;
  for (const QString& part : parts) {
    bool ok = false;
    const double x = part.toDouble(&ok);
    if (!ok || x < 0) return std::nullopt;
    v.push_back(x);
  }
  if (parts.size() == 2) return frames(v[0] * 60 + v[1]);
  if (parts.size() == 3) return frames(v[0] * 3600 + v[1] * 60 + v[2]);
  const auto whole = frames(v[0] * 3600 + v[1] * 60 + v[2]);
  if (!whole || v[3] != std::floor(v[3]) || v[3] >= std::ceil(fps)) return std::nullopt;
  return *whole + static_cast<std::int64_t>(v[3]);
}

QString smpte(std::int64_t frame, double fps) {
  const auto perSecond = static_cast<std::int64_t>(std::ceil(fps));
  const std::int64_t seconds = static_cast<std::int64_t>(std::floor(static_cast<double>(frame) / fps));
  const std::int64_t rest = frame - static_cast<std::int64_t>(std::llround(static_cast<double>(seconds) * fps));
  return QStringLiteral("%1:%2:%3:%4")
      .arg(seconds / 3600, 2, 10, QLatin1Char('0'))
      .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
      .arg(seconds % 60, 2, 10, QLatin1Char('0'))
      .arg(std::min(rest, perSecond - 1), 2, 10, QLatin1Char('0'));
}

}  // namespace attnplay::app
