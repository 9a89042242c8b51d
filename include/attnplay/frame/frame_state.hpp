// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "attnplay/frame/style.hpp"
#include "attnplay/geometry/path.hpp"

namespace attnplay {

namespace manim {
/// The frame a scene is drawn in, in scene units: 14.222 × 8, origin at the centre, y up.
inline constexpr double FRAME_HEIGHT = 8.0;
inline constexpr double FRAME_WIDTH = FRAME_HEIGHT * 16.0 / 9.0;
}  // namespace manim

/// The part of the scene a frame shows (Manim's camera frame): its centre and size in scene
/// units. The default is the whole frame around the origin; a MovingCameraScene moves it.
struct View {
  Vec2 center{0, 0};
  double width = manim::FRAME_WIDTH, height = manim::FRAME_HEIGHT;
  bool operator==(const View&) const = default;
  /// The view a renderer can draw: a size below a thousandth of the frame's (Manim would divide
  /// by zero) or a point that is not finite falls back to the nearest drawable one.
  View drawable() const;
  /// What a camera frame shows: its points' box, centre and size (MovingCamera's frame_center,
  /// frame_width, frame_height; a turned frame shows its box, as Manim's does).
  static View of(const Path& frame);
};

/// One thing to paint: a path with its fill and stroke. Paths are shared, so the parts of a
/// scene an animation leaves alone cost no copying from frame to frame.
struct DrawItem {
  std::shared_ptr<const Path> path;
  Style style;
  bool operator==(const DrawItem& o) const { return style == o.style && *path == *o.path; }
};

/// A run of consecutive items. A run with a key is the same in every frame that carries the key
/// (nothing in it moves), so a renderer may paint it once and reuse the pixels.
struct Layer {
  std::size_t end = 0;    ///< one past its last item
  std::uint64_t key = 0;  ///< 0: changes from frame to frame
  bool operator==(const Layer&) const = default;
};

/// Everything one frame shows, back to front: the plain render tree between scene and painter.
struct FrameState {
  Color background{0, 0, 0};
  std::vector<DrawItem> items;
  std::vector<Layer> layers;  ///< empty: all items form one run that changes
  View view;
  bool operator==(const FrameState&) const = default;
};

}  // namespace attnplay
