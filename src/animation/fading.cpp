// SPDX-License-Identifier: MIT
// FadeIn, FadeOut, FadeTransform: Manim's fading family.
#include "families.hpp"

namespace attnplay::detail {

namespace {

/// Maps one box onto another, stretching (Manim's FadeTransform, stretch=True).
Affine2 fit(const Bounds& src, const Bounds& dst) {
  Affine2 m = Affine2::Identity();
  const Vec2 sx(src.width() > 0 ? dst.width() / src.width() : 1, src.height() > 0 ? dst.height() / src.height() : 1);
  m.translate(dst.center()).scale(sx).translate(-src.center());
  return m;
}

void fadeTo(Path& p, Style& s, const Affine2& m) {
  p.transform(m);
  s.fillOpacity = s.strokeOpacity = 0;
}

}  // namespace

Status buildFading(const AnimationSpec& spec, SceneGraph& graph, std::vector<BuiltAnimation>& out) {
  if (!spec.target) return missing(spec, "a mobject");
  const MobjectId target = *spec.target;
  BuiltAnimation b = startBuilt(spec.kind, graph, target);
  Animation& a = *b.animation;
  a.effect = Effect::Morph;
  if (spec.kind == AnimationKind::FadeTransform) {
    if (!spec.other) return missing(spec, "a mobject to become");
    // The source fades out while taking the target's box; the target fades in from the
    // source's box. The two halves share the run time.
    const MobjectId other = *spec.other;
    const Bounds from = graph.bounds(target), to = graph.bounds(other);
    a.leaves = changedLeaves(graph, target, b.members, false, [&](Path& p, Style& s) { fadeTo(p, s, fit(from, to)); });
    a.remover = true;
    BuiltAnimation second = startBuilt(spec.kind, graph, other);
    Animation& in = *second.animation;
    in.effect = Effect::Morph;
    in.introducer = true;
    in.leaves =
        changedLeaves(graph, other, second.members, true, [&](Path& p, Style& s) { fadeTo(p, s, fit(to, from)); });
    applyTiming(spec, a.timing);
    applyTiming(spec, in.timing);
    out.push_back(std::move(b));
    out.push_back(std::move(second));
    return {};
  }
  const bool in = spec.kind == AnimationKind::FadeIn;
  Vec2 shift = spec.shift.value_or(Vec2(0, 0));
  bool towardPoint = false;
  if (!spec.shift && spec.targetPosition) {
    shift = *spec.targetPosition - graph.center(target);
    towardPoint = true;
  }
  const Vec2 move = (in && !towardPoint) ? Vec2(-shift) : shift;
  const Vec2 centre = graph.center(target) + move;
  Affine2 m = Affine2::Identity();
  m.translate(centre).scale(spec.scale).translate(-centre);
  a.leaves = changedLeaves(graph, target, b.members, in, [&](Path& p, Style& s) {
    p.translate(move);
    fadeTo(p, s, m);
  });
  a.introducer = in;
  a.remover = !in;
  applyTiming(spec, a.timing);
  out.push_back(std::move(b));
  return {};
}

}  // namespace attnplay::detail
