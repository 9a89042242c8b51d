// SPDX-License-Identifier: MIT
// How close two 1080p frames are, as docs/fidelity.md quotes it: PSNR over RGB, and the F1 score
// of their ink (the pixels that are not background) with one pixel of slack.
#pragma once

#include <QImage>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <vector>

namespace attnplay::fidelity {

/// Peak signal-to-noise ratio of two same-sized RGB images, in dB (99 when they are equal).
inline double psnr(const QImage& a, const QImage& b) {
  const QImage x = a.convertToFormat(QImage::Format_RGB32), y = b.convertToFormat(QImage::Format_RGB32);
  if (x.size() != y.size()) return 0;
  double sum = 0;
  for (int row = 0; row < x.height(); ++row) {
    const auto* p = reinterpret_cast<const QRgb*>(x.constScanLine(row));
    const auto* q = reinterpret_cast<const QRgb*>(y.constScanLine(row));
    for (int col = 0; col < x.width(); ++col) {
      const double dr = qRed(p[col]) - qRed(q[col]), dg = qGreen(p[col]) - qGreen(q[col]),
                   db = qBlue(p[col]) - qBlue(q[col]);
      sum += dr * dr + dg * dg + db * db;
    }
  }
  const double mse = sum / (3.0 * x.width() * x.height());
  return mse == 0 ? 99.0 : 10 * std::log10(255.0 * 255.0 / mse);
}

/// Where a frame has ink: a channel at least `threshold` away from the corner pixel's (the
/// background's) colour.
inline std::vector<bool> inkMask(const QImage& image, int threshold = 64) {
  const QImage x = image.convertToFormat(QImage::Format_RGB32);
  const QRgb bg = x.pixel(0, 0);
  std::vector<bool> mask(static_cast<std::size_t>(x.width()) * x.height());
  for (int row = 0; row < x.height(); ++row) {
    const auto* p = reinterpret_cast<const QRgb*>(x.constScanLine(row));
    for (int col = 0; col < x.width(); ++col) {
      const int d = std::max({std::abs(qRed(p[col]) - qRed(bg)), std::abs(qGreen(p[col]) - qGreen(bg)),
                              std::abs(qBlue(p[col]) - qBlue(bg))});
      mask[static_cast<std::size_t>(row) * x.width() + col] = d >= threshold;
    }
  }
  return mask;
}

/// F1 of `ours`'s ink against `reference`'s: a pixel of ink counts as matched when the other
/// frame has ink within `slack` pixels of it. 1.0 when both are blank.
inline double inkF1(const QImage& ours, const QImage& reference, int slack = 1) {
  if (ours.size() != reference.size()) return 0;
  const int w = ours.width(), h = ours.height();
  const std::vector<bool> a = inkMask(ours), b = inkMask(reference);
  auto near = [&](const std::vector<bool>& m, int x, int y) {
    for (int dy = -slack; dy <= slack; ++dy)
      for (int dx = -slack; dx <= slack; ++dx) {
        const int xx = x + dx, yy = y + dy;
        if (xx >= 0 && yy >= 0 && xx < w && yy < h && m[static_cast<std::size_t>(yy) * w + xx]) return true;
      }
    return false;
  };
  long long inkA = 0, inkB = 0, hitA = 0, hitB = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * w + x;
      if (a[i]) ++inkA, hitA += near(b, x, y);
      if (b[i]) ++inkB, hitB += near(a, x, y);
    }
  if (inkA == 0 && inkB == 0) return 1.0;
  if (inkA == 0 || inkB == 0) return 0.0;
  const double precision = double(hitA) / inkA, recall = double(hitB) / inkB;
  return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
}

/// attnplay (left) beside the reference (right), both scaled to 960×540.
inline QImage sideBySide(const QImage& ours, const QImage& reference) {
  QImage out(1930, 540, QImage::Format_RGB32);
  out.fill(QColor(128, 128, 128));
  QPainter p(&out);
  p.setRenderHint(QPainter::SmoothPixmapTransform);
  p.drawImage(QRect(0, 0, 960, 540), ours);
  p.drawImage(QRect(970, 0, 960, 540), reference);
  return out;
}

}  // namespace attnplay::fidelity
