// SPDX-License-Identifier: MIT
// GrowArrow, GrowFromCenter, GrowFromPoint, GrowFromEdge: Manim's growing family.
#include "families.hpp"

namespace attnplay::detail {

Status buildGrowing(const AnimationSpec& spec, SceneGraph& graph, std::vector<BuiltAnimation>& out) {
  if (!spec.target) return missing(spec, "a mobject");
  const MobjectId target = *spec.target;
  BuiltAnimation b = startBuilt(spec.kind, graph, target);
  Animation& a = *b.animation;
  Vec2 point = graph.center(target);
  switch (spec.kind) {
    case AnimationKind::GrowArrow: {
      const Path& path = graph[target].path;
      if (path.empty()) return Error(ErrorCode::InvalidArgument, "GrowArrow() needs an arrow, got a " + a.targetKind);
      point = path.subpaths.front().cubics.front().p0;
      break;
    }
    case AnimationKind::GrowFromPoint:
      if (!spec.point) return missing(spec, "a point");
      point = *spec.point;
      break;
    case AnimationKind::GrowFromEdge:
      if (!spec.edge) return missing(spec, "an edge");
      point = graph.criticalPoint(target, *spec.edge);
      break;
    default:
      break;
  }
  // Every point starts collapsed onto the growing point (Manim scales the start copy to 0).
  a.effect = Effect::Morph;
  const std::size_t first = b.members.size();
  a.leaves = changedLeaves(graph, target, b.members, true, [&](Path& p, Style& s) {
    p.mapPoints([&](const Vec2&) { return point; });
    if (spec.color) s.fillColor = s.strokeColor = *spec.color;
  });
  if (spec.kind == AnimationKind::GrowArrow) {
    // Arrow.scale sets the shaft's width from its length (min(width, 5 × length)), so the copy
    // scaled to 0 has a shaft of width 0 and the width grows with the arrow; the tip keeps its own.
    for (std::size_t j = 0; j < a.leaves.size(); ++j) {
      if (b.members[first + j] == target) a.leaves[j].fromStyle.strokeWidth = 0;
    }
  }
  a.introducer = true;
  applyTiming(spec, a.timing);
  out.push_back(std::move(b));
  return {};
}

}  // namespace attnplay::detail
