// SPDX-License-Identifier: MIT
// Create, Uncreate, Write, Unwrite, DrawBorderThenFill: Manim's creation family.
#include <algorithm>

#include "families.hpp"

namespace attnplay::detail {

Status buildCreation(const AnimationSpec& spec, SceneGraph& graph, std::vector<BuiltAnimation>& out) {
  if (!spec.target) return missing(spec, "a mobject");
  const AnimationKind k = spec.kind;
  BuiltAnimation b = startBuilt(k, graph, *spec.target);
  Animation& a = *b.animation;
  Timing& t = a.timing;
  a.leaves = stillLeaves(graph, a.target, b.members);
  if (k == AnimationKind::Create || k == AnimationKind::Uncreate) {
    a.effect = Effect::Partial;
    t.lagRatio = 1.0;
    a.introducer = k == AnimationKind::Create;
    a.remover = a.reverse = k == AnimationKind::Uncreate;
  } else {
    a.effect = Effect::BorderThenFill;
    if (k == AnimationKind::DrawBorderThenFill) {
      t.runTime = 2;
      t.rate = *RateFunc::named("double_smooth");
    } else {
      // Manim's Write: 1 s under 15 paths, else 2 s; lag min(4/n, 0.2); linear.
      const double n = static_cast<double>(a.leaves.size());
      t.runTime = n < 15 ? 1.0 : 2.0;
      t.lagRatio = std::min(4.0 / std::max(1.0, n), 0.2);
      t.rate = *RateFunc::named("linear");
    }
    if (k == AnimationKind::Unwrite) {
      std::reverse(a.leaves.begin(), a.leaves.end());
      std::reverse(b.members.begin(), b.members.end());
      a.reverse = a.remover = true;
    } else {
      a.introducer = true;
    }
  }
  applyTiming(spec, t);
  out.push_back(std::move(b));
  return {};
}

}  // namespace attnplay::detail
