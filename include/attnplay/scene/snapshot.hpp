// SPDX-License-Identifier: MIT
#pragma once

#include "attnplay/frame/frame_state.hpp"
#include "attnplay/scene/scene_graph.hpp"

namespace attnplay {

/// The stage's members in paint order: every on-stage mobject's family, each mobject once (its
/// last occurrence, as Manim's camera keeps it).
std::vector<MobjectId> paintOrder(const SceneGraph& graph);

/// True when `id` is on stage itself or inside the family of something that is.
bool onStage(const SceneGraph& graph, MobjectId id);

/// The stage as it stands: every on-stage mobject's family in paint order, each mobject once
/// (its last occurrence, as Manim's camera keeps it), those without points left out.
FrameState snapshot(const SceneGraph& graph);

}  // namespace attnplay
