// SPDX-License-Identifier: MIT
#include "attnplay/frame/frame_state.hpp"

#include <algorithm>
#include <cmath>

namespace attnplay {

View View::drawable() const {
  // A thousandth of the frame is a 1000x zoom: strokes are still a few thousand pixels wide.
  constexpr double kSmallest = 1e-3;
  View v = *this;
  if (!std::isfinite(v.center.x()) || !std::isfinite(v.center.y())) v.center = Vec2(0, 0);
  v.width = std::isfinite(v.width) ? std::max(std::abs(v.width), kSmallest * manim::FRAME_WIDTH) : manim::FRAME_WIDTH;
  v.height =
      std::isfinite(v.height) ? std::max(std::abs(v.height), kSmallest * manim::FRAME_HEIGHT) : manim::FRAME_HEIGHT;
  return v;
}

View View::of(const Path& frame) {
  const Bounds b = frame.bounds();
  if (b.empty) return {};
  return {b.center(), b.width(), b.height()};
}

}  // namespace attnplay
