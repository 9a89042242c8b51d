// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <vector>

#include "attnplay/geometry/path.hpp"
#include "attnplay/scene/scene_graph.hpp"

namespace attnplay {

/// One thing to paint: a path with its fill and stroke. Paths are shared, so the parts of a
/// scene an animation leaves alone cost no copying from frame to frame.
struct DrawItem {
  std::shared_ptr<const Path> path;
  Style style;
  bool operator==(const DrawItem& o) const { return style == o.style && *path == *o.path; }
};

/// Everything one frame shows, back to front: the plain render tree between scene and painter.
struct FrameState {
  Color background = manim::BLACK;
  std::vector<DrawItem> items;
  bool operator==(const FrameState&) const = default;
};

/// The stage as it stands: every on-stage mobject's family in paint order, each mobject once
/// (its last occurrence, as Manim's camera keeps it), those without points left out.
FrameState snapshot(const SceneGraph& graph);

}  // namespace attnplay
