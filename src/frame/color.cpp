// SPDX-License-Identifier: MIT
#include "attnplay/frame/color.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace attnplay {

namespace {

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<Color> Color::fromHex(std::string_view text) {
  if (text.empty() || text.front() != '#') return std::nullopt;
  text.remove_prefix(1);
  std::string digits;
  if (text.size() == 3) {
    for (char c : text) digits += std::string(2, c);
  } else if (text.size() == 6) {
    digits = text;
  } else {
    return std::nullopt;
  }
  double comps[3];
  for (int i = 0; i < 3; ++i) {
    const int hi = hexDigit(digits[2 * i]), lo = hexDigit(digits[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    comps[i] = (hi * 16 + lo) / 255.0;
  }
  return Color{comps[0], comps[1], comps[2]};
}

std::string Color::toHex() const {
  auto byte = [](double v) { return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0)); };
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", byte(r), byte(g), byte(b));
  return buf;
}

Color interpolateColor(const Color& a, const Color& b, double alpha) {
  return {a.r + alpha * (b.r - a.r), a.g + alpha * (b.g - a.g), a.b + alpha * (b.b - a.b)};
}

}  // namespace attnplay
