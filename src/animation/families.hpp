// SPDX-License-Identifier: MIT
#pragma once

// What the animation families share: leaves made from the scene graph, and one builder per
// family. Each builder appends the leaf animations of one spec to `out`.

#include <functional>
#include <vector>

#include "attnplay/animation/build.hpp"

namespace attnplay::detail {

/// A family builder: the spec's kind belongs to its family.
using FamilyBuilder = Status (*)(const AnimationSpec& spec, SceneGraph& graph, std::vector<BuiltAnimation>& out);

Status buildCreation(const AnimationSpec& spec, SceneGraph& graph, std::vector<BuiltAnimation>& out);
Status buildFading(const AnimationSpec& spec, SceneGraph& graph, std::vector<BuiltAnimation>& out);
Status buildGrowing(const AnimationSpec& spec, SceneGraph& graph, std::vector<BuiltAnimation>& out);
Status buildTransform(const AnimationSpec& spec, SceneGraph& graph, std::vector<BuiltAnimation>& out);
Status buildIndication(const AnimationSpec& spec, SceneGraph& graph, std::vector<BuiltAnimation>& out);
Status buildMovement(const AnimationSpec& spec, SceneGraph& graph, std::vector<BuiltAnimation>& out);

/// A leaf animation of `kind` on `target`, with the spec's timing still to apply.
BuiltAnimation startBuilt(AnimationKind kind, const SceneGraph& graph, MobjectId target);
/// The spec's run time, rate function and lag ratio over the family's defaults.
void applyTiming(const AnimationSpec& spec, Timing& timing);
/// "Write() needs a mobject".
Error missing(const AnimationSpec& spec, const char* what);

/// `id`'s members with points, each at rest.
std::vector<Leaf> stillLeaves(const SceneGraph& graph, MobjectId id, std::vector<MobjectId>& members);
/// A copy of `id`'s leaves changed by `change` at the start (or the end) of each leaf.
std::vector<Leaf> changedLeaves(const SceneGraph& graph, MobjectId id, std::vector<MobjectId>& members,
                                bool changedIsStart, const std::function<void(Path&, Style&)>& change);

}  // namespace attnplay::detail
