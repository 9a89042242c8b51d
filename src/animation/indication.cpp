// SPDX-License-Identifier: MIT
// Indicate, ShowPassingFlash, Circumscribe, Flash, Wiggle: Manim's indication family.
#include <cmath>

#include "attnplay/scene/shapes.hpp"
#include "families.hpp"

namespace attnplay::detail {

namespace {

/// Manim's ShowPassingFlash on `id`: a window sliding along each path, removed at the end.
void passingFlash(BuiltAnimation& b, const SceneGraph& graph, MobjectId id, double timeWidth) {
  Animation& a = *b.animation;
  a.target = id;
  a.targetKind = graph[id].kind;
  a.effect = Effect::PassingFlash;
  a.leaves = stillLeaves(graph, id, b.members);
  a.timeWidth = timeWidth;
  a.remover = true;
}

Color yellowOr(const std::optional<Color>& color) { return color.value_or(*manim::namedColor("YELLOW")); }

/// Flash: twelve short lines around a point (or a mobject's centre), each passing as a flash.
Status buildFlash(const AnimationSpec& spec, SceneGraph& graph, std::vector<BuiltAnimation>& out) {
  if (!spec.point && !spec.target) return missing(spec, "a point or a mobject");
  const Vec2 point = spec.point ? *spec.point : graph.center(*spec.target);
  const MobjectId lines = graph.create(makeGroup());
  constexpr int kLines = 12;
  for (int i = 0; i < kLines; ++i) {
    const double angle = 2 * 3.141592653589793 * i / kLines;
    const Vec2 dir(std::cos(angle), std::sin(angle));
    Mobject line = makeLine(point + 0.1 * dir, point + 0.3 * dir);
    line.style.strokeColor = line.style.fillColor = yellowOr(spec.color);
    line.style.strokeWidth = 3;
    graph.addChild(lines, graph.create(std::move(line)));
  }
  BuiltAnimation b = startBuilt(spec.kind, graph, lines);
  passingFlash(b, graph, lines, spec.timeWidth.value_or(1.0));
  applyTiming(spec, b.animation->timing);
  out.push_back(std::move(b));
  return {};
}

}  // namespace

Status buildIndication(const AnimationSpec& spec, SceneGraph& graph, std::vector<BuiltAnimation>& out) {
  if (spec.kind == AnimationKind::Flash) return buildFlash(spec, graph, out);
  if (!spec.target) return missing(spec, "a mobject");
  const MobjectId target = *spec.target;
  BuiltAnimation b = startBuilt(spec.kind, graph, target);
  Animation& a = *b.animation;
  switch (spec.kind) {
    case AnimationKind::Indicate: {
      const Vec2 centre = graph.center(target);
      const Color color = yellowOr(spec.color);
      const double factor = spec.scale == 1 ? 1.2 : spec.scale;
      a.effect = Effect::Morph;
      a.leaves = changedLeaves(graph, target, b.members, false, [&](Path& p, Style& s) {
        Affine2 m = Affine2::Identity();
        m.translate(centre).scale(factor).translate(-centre);
        p.transform(m);
        s.fillColor = s.strokeColor = color;
      });
      a.timing.rate = *RateFunc::named("there_and_back");
      break;
    }
    case AnimationKind::ShowPassingFlash:
      passingFlash(b, graph, target, spec.timeWidth.value_or(0.1));
      break;
    case AnimationKind::Circumscribe: {
      // Manim's default Circumscribe: a yellow surrounding rectangle passing as a flash.
      Mobject frame = makeSurroundingRectangle(graph, target, manim::SMALL_BUFF, yellowOr(spec.color));
      passingFlash(b, graph, graph.create(std::move(frame)), spec.timeWidth.value_or(0.3));
      break;
    }
    default:  // Wiggle
      a.effect = Effect::Wiggle;
      a.leaves = stillLeaves(graph, target, b.members);
      a.about = graph.center(target);
      a.timing.runTime = 2;
      break;
  }
  applyTiming(spec, a.timing);
  out.push_back(std::move(b));
  return {};
}

}  // namespace attnplay::detail
