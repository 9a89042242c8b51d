// SPDX-License-Identifier: MIT
#include "attnplay/scene/shapes.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace attnplay {

Mobject makeRectangle(double width, double height) {
  const double w = width / 2, h = height / 2;
  Mobject m;
  m.kind = "Rectangle";
  m.path = Path::polyline({{w, h}, {-w, h}, {-w, -h}, {w, -h}}, true);
  return m;
}

Mobject makeSquare(double side) {
  Mobject m = makeRectangle(side, side);
  m.kind = "Square";
  return m;
}

Mobject makeCircle(double radius) {
  constexpr int kComponents = 9;  // Manim's Arc default: 9 anchors, 8 curves
  const double dTheta = 2 * std::numbers::pi / (kComponents - 1);
  Subpath sp;
  for (int i = 0; i + 1 < kComponents; ++i) {
    const double a0 = i * dTheta, a1 = (i + 1) * dTheta;
    const Vec2 p0(radius * std::cos(a0), radius * std::sin(a0));
    const Vec2 p3(radius * std::cos(a1), radius * std::sin(a1));
    const Vec2 t0(-p0.y(), p0.x()), t1(-p3.y(), p3.x());
    sp.cubics.push_back({p0, p0 + dTheta / 3 * t0, p3 - dTheta / 3 * t1, p3});
  }
  Mobject m;
  m.kind = "Circle";
  m.path.subpaths.push_back(std::move(sp));
  m.style.strokeColor = m.style.fillColor = *manim::namedColor("RED");
  return m;
}

Mobject makeLine(const Vec2& start, const Vec2& end, double buff) {
  Mobject m;
  m.kind = "Line";
  m.path = Path::polyline({start, end}, false);
  const double length = (end - start).norm();
  if (buff > 0 && length >= 2 * buff) {
    const double proportion = buff / length;
    m.path = partial(m.path, proportion, 1 - proportion);
  }
  return m;
}

Mobject makeGroup() {
  Mobject m;
  m.kind = "VGroup";
  return m;
}

MobjectId makeArrow(SceneGraph& graph, const Vec2& start, const Vec2& end, const ArrowOptions& options) {
  Mobject shaft = makeLine(start, end, options.buff);
  shaft.kind = "Arrow";
  const Vec2 from = shaft.path.subpaths.front().cubics.front().p0;
  const Vec2 to = shaft.path.subpaths.front().cubics.back().p3;
  const double length = (to - from).norm();

  // The tip is an isoceles triangle pointing along the arrow, as wide as it is long.
  const double tipLength = std::min(options.tipLength, options.maxTipLengthToLengthRatio * length);
  const Vec2 back = length > 0 ? Vec2((from - to) / length) : Vec2(-1, 0);
  const Vec2 base = to + tipLength * back;
  const Vec2 side(back.y(), -back.x());
  Mobject tip;
  tip.kind = "ArrowTip";
  tip.path = Path::polyline({to, base + tipLength / 2 * side, base - tipLength / 2 * side}, true);
  tip.style.fillColor = tip.style.strokeColor = options.color;
  tip.style.fillOpacity = 1.0;
  tip.style.strokeWidth = 0.0;

  // The shaft stops at the tip's base; its stroke may not outgrow 5 × its length.
  if (length > 0) shaft.path = Path::polyline({from, base}, false);
  shaft.style.fillColor = shaft.style.strokeColor = options.color;
  shaft.style.strokeWidth = std::min(options.strokeWidth, options.maxStrokeWidthToLengthRatio * (base - from).norm());

  const MobjectId arrow = graph.create(std::move(shaft));
  graph.addChild(arrow, graph.create(std::move(tip)));
  return arrow;
}

Mobject makeSurroundingRectangle(const SceneGraph& graph, MobjectId target, double buff, const Color& color) {
  const Bounds box = graph.bounds(target);
  Mobject rect = makeRectangle(box.width() + 2 * buff, box.height() + 2 * buff);
  rect.kind = "SurroundingRectangle";
  rect.style.strokeColor = rect.style.fillColor = color;
  rect.path.translate(box.center());
  return rect;
}

}  // namespace attnplay
