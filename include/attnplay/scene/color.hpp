// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

namespace manim {

/// Manim Community v0.17.3's palette (manim/utils/color.py), GREY_* spellings included.
const std::vector<std::pair<std::string, Color>>& palette();
/// Looks a palette name up, case-insensitively ("BLUE_E", "blue_e").
std::optional<Color> namedColor(std::string_view name);

inline const Color WHITE{1, 1, 1};
inline const Color BLACK{0, 0, 0};

}  // namespace manim
}  // namespace attnplay
