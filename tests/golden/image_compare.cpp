// SPDX-License-Identifier: MIT
#include "golden/image_compare.hpp"

#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace attnplay::testing {

Comparison compareImages(const QImage& expectedImage, const QImage& actualImage) {
  Comparison c;
  if (expectedImage.size() != actualImage.size()) return c;
  c.sameSize = true;
  const QImage e = expectedImage.convertToFormat(QImage::Format_ARGB32);
  const QImage a = actualImage.convertToFormat(QImage::Format_ARGB32);
  c.diff = QImage(e.size(), QImage::Format_RGB32);
  for (int y = 0; y < e.height(); ++y) {
    const auto* el = reinterpret_cast<const QRgb*>(e.constScanLine(y));
    const auto* al = reinterpret_cast<const QRgb*>(a.constScanLine(y));
    auto* dl = reinterpret_cast<QRgb*>(c.diff.scanLine(y));
    for (int x = 0; x < e.width(); ++x) {
      const int delta = std::max({std::abs(qRed(el[x]) - qRed(al[x])), std::abs(qGreen(el[x]) - qGreen(al[x])),
                                  std::abs(qBlue(el[x]) - qBlue(al[x])), std::abs(qAlpha(el[x]) - qAlpha(al[x]))});
      c.maxDelta = std::max(c.maxDelta, delta);
      if (delta > kChannelTolerance) {
        ++c.mismatched;
        dl[x] = qRgb(255, 0, 0);
      } else {
        dl[x] = delta > 0 ? qRgb(80, 80, 80) : qRgb(0, 0, 0);
      }
    }
  }
  c.fraction = static_cast<double>(c.mismatched) / (static_cast<double>(e.width()) * e.height());
  return c;
}

QString checkGolden(const QImage& actual, const QString& goldenPath, const QString& name) {
  const char* update = std::getenv("ATTNPLAY_UPDATE_GOLDENS");
  if (update && QByteArray(update) == "1") {
    QDir().mkpath(QFileInfo(goldenPath).absolutePath());
    if (!actual.save(goldenPath, "PNG")) return "could not rewrite " + goldenPath;
    std::cout << "rewrote golden " << goldenPath.toStdString() << std::endl;
    return {};
  }
  const QImage expected(goldenPath);
  if (expected.isNull()) {
    return "no golden image at " + goldenPath + " (create it with ATTNPLAY_UPDATE_GOLDENS=1, then look at it)";
  }
  const Comparison c = compareImages(expected, actual);
  if (const char* report = std::getenv("ATTNPLAY_GOLDEN_REPORT"); report && QByteArray(report) == "1") {
    std::cout << "golden " << name.toStdString() << ": largest difference " << c.maxDelta << ", " << c.mismatched
              << " pixels beyond ±" << kChannelTolerance << std::endl;
  }
  if (c.passes()) return {};
  const QString outDir = QStringLiteral(ATTNPLAY_TEST_OUTPUT_DIR) + QStringLiteral("/golden");
  QDir().mkpath(outDir);
  actual.save(outDir + "/" + name + ".actual.png");
  if (c.sameSize) c.diff.save(outDir + "/" + name + ".diff.png");
  if (!c.sameSize) {
    return QStringLiteral("%1: size %2x%3, golden is %4x%5")
        .arg(name)
        .arg(actual.width())
        .arg(actual.height())
        .arg(expected.width())
        .arg(expected.height());
  }
  return QStringLiteral(
             "%1: %2 pixels (%3 %, at most %4 % allowed) differ by more than %5; the largest difference is %6 (at "
             "most %7 allowed); see %8")
      .arg(name)
      .arg(c.mismatched)
      .arg(c.fraction * 100, 0, 'f', 3)
      .arg(kMaxMismatchFraction * 100, 0, 'f', 1)
      .arg(kChannelTolerance)
      .arg(c.maxDelta)
      .arg(kMaxChannelDelta)
      .arg(outDir);
}

}  // namespace attnplay::testing
