// SPDX-License-Identifier: MIT
// AnimationGroup, LaggedStart, Succession and Wait, and the one entry point that hands every
// other kind to its family.
#include <algorithm>

#include "families.hpp"

namespace attnplay {

namespace {

detail::FamilyBuilder familyOf(AnimationKind kind) {
  switch (kind) {
    case AnimationKind::Create:
    case AnimationKind::Uncreate:
    case AnimationKind::Write:
    case AnimationKind::Unwrite:
    case AnimationKind::DrawBorderThenFill:
      return detail::buildCreation;
    case AnimationKind::FadeIn:
    case AnimationKind::FadeOut:
    case AnimationKind::FadeTransform:
      return detail::buildFading;
    case AnimationKind::GrowArrow:
    case AnimationKind::GrowFromCenter:
    case AnimationKind::GrowFromPoint:
    case AnimationKind::GrowFromEdge:
      return detail::buildGrowing;
    case AnimationKind::Transform:
    case AnimationKind::ReplacementTransform:
    case AnimationKind::MethodAnimation:
      return detail::buildTransform;
    case AnimationKind::Indicate:
    case AnimationKind::ShowPassingFlash:
    case AnimationKind::Circumscribe:
    case AnimationKind::Flash:
    case AnimationKind::Wiggle:
      return detail::buildIndication;
    case AnimationKind::Rotating:
    case AnimationKind::Rotate:
    case AnimationKind::MoveAlongPath:
    case AnimationKind::SpiralIn:
      return detail::buildMovement;
    case AnimationKind::Wait:
    case AnimationKind::AnimationGroup:
    case AnimationKind::LaggedStart:
    case AnimationKind::Succession:
      break;
  }
  return nullptr;
}

/// Manim's build_animations_with_timings: each child starts `lag` of the way through the one
/// before; the group's rate function runs over the whole span.
Result<Built> buildComposition(const AnimationSpec& spec, SceneGraph& graph) {
  const double lag = spec.lagRatio.value_or(spec.kind == AnimationKind::LaggedStart  ? 0.05
                                            : spec.kind == AnimationKind::Succession ? 1.0
                                                                                     : 0.0);
  double current = 0, maxEnd = 0;
  std::vector<std::pair<Built, std::pair<double, double>>> children;
  for (const AnimationSpec& child : spec.children) {
    auto c = buildAnimation(child, graph);
    if (!c) return c.error();
    const double start = current, end = start + c->runTime;
    children.emplace_back(std::move(*c), std::pair{start, end});
    current = start + lag * (end - start);
    maxEnd = std::max(maxEnd, end);
  }
  const RateFunc rate = spec.rate.value_or(*RateFunc::named("linear"));
  Built out;
  for (auto& [child, window] : children) {
    for (BuiltAnimation& b : child.leaves) {
      b.windows.insert(b.windows.begin(), GroupWindow{rate, maxEnd, window.first, window.second});
      out.leaves.push_back(std::move(b));
    }
  }
  out.runTime = spec.runTime.value_or(maxEnd);
  return out;
}

}  // namespace

double windowedAlpha(double alpha, const std::vector<GroupWindow>& windows) {
  for (const GroupWindow& w : windows) {
    // Manim's AnimationGroup.interpolate: group time through its rate function, then the
    // child's share of it.
    const double time = w.rate(alpha) * w.maxEnd;
    const double span = w.end - w.start;
    alpha = span == 0 ? (time >= w.end ? 1.0 : 0.0) : std::clamp((time - w.start) / span, 0.0, 1.0);
  }
  return alpha;
}

Result<Built> buildAnimation(const AnimationSpec& spec, SceneGraph& graph) {
  if (isComposition(spec.kind)) return buildComposition(spec, graph);
  Built built;
  if (spec.kind == AnimationKind::Wait) {
    BuiltAnimation b;
    b.animation = std::make_shared<Animation>();
    b.animation->timing.runTime = spec.runTime.value_or(1.0);
    b.animation->timing.rate = *RateFunc::named("linear");
    built.leaves.push_back(std::move(b));
  } else {
    // Script hosts check handles first; a C++ caller's stale id is an error here too, not an abort.
    if (spec.target && !graph.contains(*spec.target)) return detail::missing(spec, "a mobject of this scene");
    if (spec.other && !graph.contains(*spec.other)) return detail::missing(spec, "a mobject of this scene to become");
    if (const Status s = familyOf(spec.kind)(spec, graph, built.leaves); !s) return s.error();
  }
  built.runTime = built.leaves.front().animation->timing.runTime;
  return built;
}

void applyEnd(const BuiltAnimation& b, SceneGraph& graph) {
  const Animation& a = *b.animation;
  if (a.kind == AnimationKind::Wait) return;
  if (a.effect == Effect::Morph && !a.remover) {
    for (std::size_t i = 0; i < a.leaves.size(); ++i) {
      if (b.members[i] == kNoMember) continue;
      const double end = a.subAlpha(1.0, i, a.leaves.size());
      const Leaf& leaf = a.leaves[i];
      Mobject& m = graph[b.members[i]];
      m.path = end >= 1 ? *leaf.to : end <= 0 ? *leaf.from : interpolate(*leaf.from, *leaf.to, end);
      m.style = interpolate(leaf.fromStyle, leaf.toStyle, std::clamp(end, 0.0, 1.0));
    }
  }
  if (a.effect == Effect::Motion) {
    for (std::size_t i = 0; i < a.leaves.size(); ++i) {
      if (b.members[i] == kNoMember) continue;
      Mobject& m = graph[b.members[i]];
      m.path = *a.leaves[i].from;
      m.style = a.leaves[i].fromStyle;
      a.motion.apply(a.subAlpha(1.0, i, a.leaves.size()), i, m.path, m.style);
    }
  }
  if (b.becomes) graph.becomeCopyOf(a.target, *b.becomes);
  if (b.replacedBy) graph.replaceOnStage(a.target, *b.replacedBy);
  if (a.remover) graph.removeFromScene(a.target);
}

}  // namespace attnplay
