// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace attnplay {

/// An sRGB colour with components in [0, 1], kept as floats the way Manim keeps them.
struct Color {
  double r = 1, g = 1, b = 1;

  /// "#RRGGBB" or "#RGB"; nullopt when the text is not a hex colour.
  static std::optional<Color> fromHex(std::string_view hex);
  /// "#rrggbb", rounding each component.
  std::string toHex() const;
  bool operator==(const Color&) const = default;
};

/// Manim's interpolate_color: linear in sRGB, alpha not clamped.
Color interpolateColor(const Color& a, const Color& b, double alpha);

}  // namespace attnplay
