// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attnplay/animation/animation.hpp"
#include "attnplay/base/error.hpp"
#include "attnplay/scene/scene_graph.hpp"

namespace attnplay {

/// An animation as a scene asks for it, before it is built against the scene's state. Any
/// scene language fills one of these; the builders below give it Manim's meaning.
struct AnimationSpec {
  AnimationKind kind = AnimationKind::Wait;
  std::optional<MobjectId> target;
  std::optional<MobjectId> other;  ///< Transform's end mobject; GrowFromPoint's point is `point`
  std::optional<double> runTime, lagRatio;
  std::optional<RateFunc> rate;
  std::optional<Vec2> point;            ///< GrowFromPoint, Flash
  std::optional<Vec2> edge;             ///< GrowFromEdge
  std::optional<Vec2> shift;            ///< FadeIn/FadeOut
  std::optional<Vec2> targetPosition;   ///< FadeIn/FadeOut
  double scale = 1;                     ///< FadeIn/FadeOut; Indicate's scale factor
  std::optional<Color> color;           ///< Indicate, Flash, Circumscribe, Grow*'s point colour
  std::optional<double> timeWidth;      ///< ShowPassingFlash, Circumscribe, Flash
  std::optional<double> angle;          ///< Rotating's radians, Rotate's angle
  std::optional<double> fraction;       ///< SpiralIn's fade_in_fraction
  std::optional<double> scaleFactor;    ///< SpiralIn's scale_factor
  std::string methods;                  ///< .animate: the methods called, for the segment table
  std::vector<AnimationSpec> children;  ///< a composition's animations
};

/// One enclosing composition of a leaf animation: the group's rate function over its whole
/// span, and this leaf's window in it (Manim's build_animations_with_timings).
struct GroupWindow {
  RateFunc rate;
  double maxEnd = 1, start = 0, end = 1;
};

/// A leaf's progress from its top-level animation's progress, through its windows (outermost
/// first), as Manim's AnimationGroup.interpolate hands time down.
double windowedAlpha(double alpha, const std::vector<GroupWindow>& windows);

/// A leaf animation built against the scene: what it draws, where it sits in its groups, and
/// what it leaves behind when it ends.
struct BuiltAnimation {
  std::shared_ptr<Animation> animation;
  std::vector<GroupWindow> windows;     ///< outermost first
  std::vector<MobjectId> members;       ///< the graph member each leaf is (kNoMember for added copies)
  std::optional<MobjectId> becomes;     ///< Transform of a different shape: the target takes this one's form
  std::optional<MobjectId> replacedBy;  ///< ReplacementTransform: this takes the target's place on stage
};

/// Marks a leaf with no mobject of its own (an invisible copy added to match a morph's shapes).
inline constexpr MobjectId kNoMember = static_cast<MobjectId>(-1);

/// A top-level animation built: its leaf animations and its run time.
struct Built {
  std::vector<BuiltAnimation> leaves;
  double runTime = 0;
};

/// Builds `spec` against the graph as it stands. The graph only gains the helper mobjects some
/// animations draw (Circumscribe's rectangle, Flash's lines); the scene does not change.
Result<Built> buildAnimation(const AnimationSpec& spec, SceneGraph& graph);

/// Leaves the graph as the animation leaves the scene: shapes at their end, the target replaced
/// or removed where the animation does that.
void applyEnd(const BuiltAnimation& built, SceneGraph& graph);

}  // namespace attnplay
