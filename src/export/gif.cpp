// SPDX-License-Identifier: MIT
#include "attnplay/export/gif.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

namespace attnplay {

const std::vector<std::string>& ditherNames() {
  static const std::vector<std::string> names = {"none", "bayer", "floyd_steinberg", "sierra2_4a"};
  return names;
}

std::optional<Dither> ditherByName(const std::string& name) {
  const auto& names = ditherNames();
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<Dither>(it - names.begin());
}

namespace {

/// A pixel's straight colour (0xRRGGBB) and whether it is covered at least half.
inline bool straight(QRgb p, std::uint32_t& rgb) {
  const int a = qAlpha(p);
  if (a < 128) return false;
  if (a == 255) {
    rgb = p & 0xffffffu;
    return true;
  }
  auto un = [a](int c) { return std::min(255, (c * 255 + a / 2) / a); };
  rgb = (static_cast<std::uint32_t>(un(qRed(p))) << 16) | (static_cast<std::uint32_t>(un(qGreen(p))) << 8) |
        static_cast<std::uint32_t>(un(qBlue(p)));
  return true;
}

QImage premultiplied(const QImage& frame) {
  return frame.format() == QImage::Format_ARGB32_Premultiplied
             ? frame
             : frame.convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

}  // namespace

void PaletteBuilder::add(const QImage& frame, bool transparent) {
  const QImage image = premultiplied(frame);
  for (int y = 0; y < image.height(); ++y) {
    const auto* row = reinterpret_cast<const QRgb*>(image.constScanLine(y));
    for (int x = 0; x < image.width(); ++x) {
      std::uint32_t rgb;
      if (!straight(transparent ? row[x] : (row[x] | 0xff000000u), rgb)) continue;
      const std::uint32_t r = rgb >> 16, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
      Bin& bin = bins_[((r >> 2) << 12) | ((g >> 2) << 6) | (b >> 2)];
      ++bin.count;
      bin.r += r;
      bin.g += g;
      bin.b += b;
    }
  }
}

std::vector<std::uint32_t> PaletteBuilder::build(int colours) const {
  // The occupied bins, each a weighted point at its mean.
  struct Point {
    std::array<double, 3> c;
    double weight;
  };
  std::vector<Point> points;
  for (const Bin& b : bins_) {
    if (b.count == 0) continue;
    const double n = static_cast<double>(b.count);
    points.push_back({{static_cast<double>(b.r) / n, static_cast<double>(b.g) / n, static_cast<double>(b.b) / n}, n});
  }
  struct Box {
    std::size_t begin, end;
    std::array<double, 3> mean{};
    double error = 0;  ///< weighted squared distance to the mean
    int axis = 0;      ///< the channel of the largest spread
  };
  auto describe = [&](Box& box) {
    double weight = 0;
    std::array<double, 3> sum{}, squares{};
    for (std::size_t i = box.begin; i < box.end; ++i) {
      weight += points[i].weight;
      for (int k = 0; k < 3; ++k) {
        sum[k] += points[i].weight * points[i].c[k];
        squares[k] += points[i].weight * points[i].c[k] * points[i].c[k];
      }
    }
    box.error = 0;
    double widest = -1;
    for (int k = 0; k < 3; ++k) {
      box.mean[k] = sum[k] / weight;
      const double spread = squares[k] - sum[k] * box.mean[k];
      box.error += spread;
      if (spread > widest) {
        widest = spread;
        box.axis = k;
      }
    }
  };
  std::vector<Box> boxes;
  if (!points.empty()) {
    boxes.push_back({0, points.size()});
    describe(boxes.back());
  }
  while (static_cast<int>(boxes.size()) < colours) {
    // The box that costs most, if it can be split.
    auto worst = std::max_element(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) {
      return (a.end - a.begin > 1 ? a.error : -1) < (b.end - b.begin > 1 ? b.error : -1);
    });
    if (worst == boxes.end() || worst->end - worst->begin < 2 || worst->error <= 0) break;
    Box box = *worst;
    const int axis = box.axis;
    std::sort(points.begin() + static_cast<std::ptrdiff_t>(box.begin),
              points.begin() + static_cast<std::ptrdiff_t>(box.end),
              [axis](const Point& a, const Point& b) { return a.c[axis] < b.c[axis]; });
    // The weighted median, keeping a point on each side.
    double total = 0;
    for (std::size_t i = box.begin; i < box.end; ++i) total += points[i].weight;
    double below = 0;
    std::size_t cut = box.begin + 1;
    for (std::size_t i = box.begin; i + 1 < box.end; ++i) {
      below += points[i].weight;
      cut = i + 1;
      if (below >= total / 2) break;
    }
    Box low{box.begin, cut}, high{cut, box.end};
    describe(low);
    describe(high);
    *worst = low;
    boxes.push_back(high);
  }
  std::vector<std::uint32_t> palette;
  for (const Box& b : boxes) {
    auto channel = [](double v) { return static_cast<std::uint32_t>(std::clamp(std::lround(v), 0l, 255l)); };
    palette.push_back(0xff000000u | (channel(b.mean[0]) << 16) | (channel(b.mean[1]) << 8) | channel(b.mean[2]));
  }
  std::sort(palette.begin(), palette.end());
  palette.erase(std::unique(palette.begin(), palette.end()), palette.end());
  if (palette.empty()) palette.push_back(0xff000000u);  // a wholly transparent animation
  return palette;
}

PaletteMapper::PaletteMapper(std::vector<std::uint32_t> palette, Dither dither, int transparentIndex)
    : palette_(std::move(palette)),
      dither_(dither),
      transparent_(transparentIndex),
      lookup_(std::size_t{1} << 24),
      known_((std::size_t{1} << 24) / 64) {}

std::uint8_t PaletteMapper::nearest(std::uint32_t rgb) {
  std::uint64_t& word = known_[rgb >> 6];
  const std::uint64_t bit = std::uint64_t{1} << (rgb & 63);
  if (word & bit) return lookup_[rgb];
  const int r = static_cast<int>(rgb >> 16), g = static_cast<int>((rgb >> 8) & 0xff), b = static_cast<int>(rgb & 0xff);
  int best = 0, bestDistance = 1 << 30;
  for (std::size_t i = 0; i < palette_.size(); ++i) {
    if (static_cast<int>(i) == transparent_) continue;
    const std::uint32_t p = palette_[i];
    const int dr = r - static_cast<int>((p >> 16) & 0xff), dg = g - static_cast<int>((p >> 8) & 0xff),
              db = b - static_cast<int>(p & 0xff);
    const int d = dr * dr + dg * dg + db * db;
    if (d < bestDistance) {
      bestDistance = d;
      best = static_cast<int>(i);
    }
  }
  word |= bit;
  lookup_[rgb] = static_cast<std::uint8_t>(best);
  return static_cast<std::uint8_t>(best);
}

const std::vector<std::uint8_t>& PaletteMapper::map(const QImage& input) {
  const QImage frame = premultiplied(input);
  const int w = frame.width(), h = frame.height();
  QRect box(0, 0, w, h);
  if (!previous_.isNull() && previous_.size() == frame.size()) {
    int top = h, bottom = -1, left = w, right = -1;
    for (int y = 0; y < h; ++y) {
      const auto* a = reinterpret_cast<const QRgb*>(frame.constScanLine(y));
      const auto* b = reinterpret_cast<const QRgb*>(previous_.constScanLine(y));
      if (std::memcmp(a, b, static_cast<std::size_t>(w) * 4) == 0) continue;
      top = std::min(top, y);
      bottom = y;
      int x0 = 0, x1 = w - 1;
      while (a[x0] == b[x0]) ++x0;
      while (a[x1] == b[x1]) --x1;
      left = std::min(left, x0);
      right = std::max(right, x1);
    }
    box = bottom < 0 ? QRect() : QRect(QPoint(left, top), QPoint(right, bottom));
  } else {
    indices_.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), 0);
  }
  previous_ = frame;
  changed_ = box;
  if (box.isEmpty()) return indices_;

  // Error diffusion within the box: the current row's and the next row's carried errors.
  const int bw = box.width();
  std::vector<std::array<int, 3>> here(static_cast<std::size_t>(bw) + 2), next(static_cast<std::size_t>(bw) + 2);
  static constexpr int kBayer[8][8] = {{0, 32, 8, 40, 2, 34, 10, 42},  {48, 16, 56, 24, 50, 18, 58, 26},
                                       {12, 44, 4, 36, 14, 46, 6, 38}, {60, 28, 52, 20, 62, 30, 54, 22},
                                       {3, 35, 11, 43, 1, 33, 9, 41},  {51, 19, 59, 27, 49, 17, 57, 25},
                                       {15, 47, 7, 39, 13, 45, 5, 37}, {63, 31, 55, 23, 61, 29, 53, 21}};
  for (int y = box.top(); y <= box.bottom(); ++y) {
    const auto* row = reinterpret_cast<const QRgb*>(frame.constScanLine(y));
    std::uint8_t* out = indices_.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(w);
    std::swap(here, next);
    std::fill(next.begin(), next.end(), std::array<int, 3>{});
    for (int i = 0; i < bw; ++i) {
      const int x = box.left() + i;
      std::uint32_t rgb;
      if (!straight(transparent_ >= 0 ? row[x] : (row[x] | 0xff000000u), rgb)) {
        out[x] = static_cast<std::uint8_t>(transparent_);
        continue;
      }
      int c[3] = {static_cast<int>(rgb >> 16), static_cast<int>((rgb >> 8) & 0xff), static_cast<int>(rgb & 0xff)};
      const std::size_t at = static_cast<std::size_t>(i) + 1;
      if (dither_ == Dither::Bayer) {
        const int offset = (kBayer[y & 7][x & 7] - 32) / 4;  // ±8 levels
        for (int& v : c) v += offset;
      } else if (dither_ != Dither::None) {
        for (int k = 0; k < 3; ++k) c[k] += here[at][static_cast<std::size_t>(k)] / 16;
      }
      for (int& v : c) v = std::clamp(v, 0, 255);
      const std::uint8_t index = nearest((static_cast<std::uint32_t>(c[0]) << 16) |
                                         (static_cast<std::uint32_t>(c[1]) << 8) | static_cast<std::uint32_t>(c[2]));
      out[x] = index;
      if (dither_ != Dither::FloydSteinberg && dither_ != Dither::Sierra2_4a) continue;
      const std::uint32_t p = palette_[index];
      const int e[3] = {c[0] - static_cast<int>((p >> 16) & 0xff), c[1] - static_cast<int>((p >> 8) & 0xff),
                        c[2] - static_cast<int>(p & 0xff)};
      for (std::size_t k = 0; k < 3; ++k) {
        // In sixteenths: Floyd–Steinberg 7 right, 3 below left, 5 below, 1 below right;
        // Sierra lite 8 right, 4 below left, 4 below.
        if (dither_ == Dither::FloydSteinberg) {
          here[at + 1][k] += e[k] * 7;
          next[at - 1][k] += e[k] * 3;
          next[at][k] += e[k] * 5;
          next[at + 1][k] += e[k];
        } else {
          here[at + 1][k] += e[k] * 8;
          next[at - 1][k] += e[k] * 4;
          next[at][k] += e[k] * 4;
        }
      }
    }
  }
  return indices_;
}

}  // namespace attnplay
