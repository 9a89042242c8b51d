// SPDX-License-Identifier: MIT
#pragma once

#include "attnplay/frame/color.hpp"

namespace attnplay {

namespace manim {
inline constexpr double DEFAULT_STROKE_WIDTH = 4.0;
/// Cairo line width per unit of stroke_width, in scene units (camera.py).
inline constexpr double CAIRO_LINE_WIDTH_MULTIPLE = 0.01;
}  // namespace manim

/// How a path is painted: fill first, then stroke over it, as Manim's Cairo camera does.
struct Style {
  Color fillColor{1, 1, 1};
  double fillOpacity = 0.0;
  Color strokeColor{1, 1, 1};
  double strokeOpacity = 1.0;
  double strokeWidth = manim::DEFAULT_STROKE_WIDTH;
  bool operator==(const Style&) const = default;
};

/// Interpolated style, every field linear in sRGB as Manim interpolates colours.
Style interpolate(const Style& a, const Style& b, double t);

}  // namespace attnplay
