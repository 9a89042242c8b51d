// SPDX-License-Identifier: MIT
#include "attnplay/scene/shapes.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

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

Mobject makeArc(double radius, double startAngle, double angle, int numComponents, const Vec2& center) {
  // Manim's _set_pre_positioned_points on the unit circle, then scale(radius) and shift(center).
  const int n = std::max(numComponents, 2);
  const double dTheta = angle / (n - 1);
  Subpath sp;
  for (int i = 0; i + 1 < n; ++i) {
    // linspace's own points: start + i·step, the last one exactly start + angle.
    const double a0 = startAngle + i * dTheta, a1 = i + 2 == n ? startAngle + angle : startAngle + (i + 1) * dTheta;
    const Vec2 p0(std::cos(a0), std::sin(a0)), p3(std::cos(a1), std::sin(a1));
    const Vec2 t0(-p0.y(), p0.x()), t1(-p3.y(), p3.x());
    const Vec2 h1 = p0 + dTheta / 3 * t0, h2 = p3 - dTheta / 3 * t1;
    sp.cubics.push_back({radius * p0 + center, radius * h1 + center, radius * h2 + center, radius * p3 + center});
  }
  Mobject m;
  m.kind = "Arc";
  m.path.subpaths.push_back(std::move(sp));
  return m;
}

Mobject makeCircle(double radius) {
  Mobject m = makeArc(radius, 0.0, 2 * std::numbers::pi, 9);  // Manim's Arc default: 9 anchors, 8 curves
  m.kind = "Circle";
  m.style.strokeColor = m.style.fillColor = *manim::namedColor("RED");
  return m;
}

Mobject makePolygram(const std::vector<std::vector<Vec2>>& vertexGroups) {
  Mobject m;
  m.kind = "Polygram";
  for (const auto& group : vertexGroups) {
    if (group.empty()) continue;
    Path p = Path::polyline(group, true);
    for (Subpath& sp : p.subpaths) m.path.subpaths.push_back(std::move(sp));
  }
  m.style.strokeColor = m.style.fillColor = *manim::namedColor("BLUE");
  return m;
}

std::vector<Vec2> regularVertices(int n, double radius, std::optional<double> startAngle) {
  const double start = startAngle.value_or(n % 2 == 0 ? 0.0 : std::numbers::pi / 2);
  std::vector<Vec2> out;
  // compass_directions: the start vector rotated by k·TAU/n.
  const Vec2 first(radius * std::cos(start), radius * std::sin(start));
  for (int k = 0; k < n; ++k) {
    const double a = k * 2 * std::numbers::pi / n;
    out.emplace_back(std::cos(a) * first.x() - std::sin(a) * first.y(),
                     std::sin(a) * first.x() + std::cos(a) * first.y());
  }
  return out;
}

Mobject makeRegularPolygram(int n, int density, double radius, std::optional<double> startAngle) {
  const int gons = std::gcd(n, density);
  const int vertices = n / gons, step = density / gons;
  const double start = startAngle.value_or(vertices % 2 == 0 ? 0.0 : std::numbers::pi / 2);
  std::vector<std::vector<Vec2>> groups;
  for (int g = 0; g < gons; ++g) {
    const std::vector<Vec2> regular =
        regularVertices(vertices, radius, start + (double(g) / gons) * 2 * std::numbers::pi / vertices);
    std::vector<Vec2> group;
    int i = 0;
    do {
      group.push_back(regular[static_cast<std::size_t>(i)]);
      i = (i + step) % vertices;
    } while (i != 0);
    groups.push_back(std::move(group));
  }
  Mobject m = makePolygram(groups);
  m.kind = "RegularPolygram";
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

Mobject makeArrowTip(const Vec2& point, const Vec2& back, double length, double width, const Color& color) {
  const Vec2 base = point + length * back;
  const Vec2 side(back.y(), -back.x());
  Mobject tip;
  tip.kind = "ArrowTip";
  // Manim's ArrowTriangleFilledTip: its first point is the tip's, then the base's corners.
  tip.path = Path::polyline({point, base + width / 2 * side, base - width / 2 * side}, true);
  tip.style.fillColor = tip.style.strokeColor = color;
  tip.style.fillOpacity = 1.0;
  tip.style.strokeWidth = 0.0;
  return tip;
}

MobjectId makeDashedLine(SceneGraph& graph, const Mobject& line, double dashLength, double dashedRatio) {
  // DashedLine (geometry/line.py) and DashedVMobject (types/vectorized_mobject.py) for an open
  // line, whose length is its parameter: n dashes of r/n, n − 1 gaps between them.
  const Path& path = line.path;
  double length = 0;
  for (const Subpath& sp : path.subpaths) {
    for (const Cubic& c : sp.cubics) length += (c.p3 - c.p0).norm();
  }
  const int n = std::max(2, static_cast<int>(std::ceil(length / dashLength * dashedRatio)));
  const double r = dashedRatio, dash = r / n, gap = (1 - r) / (n - 1), period = dash + gap, pattern = 1 + gap;
  std::vector<double> starts, ends;
  for (int i = 0; i < n; ++i) {
    starts.push_back(std::fmod(i * period, pattern));
    ends.push_back(std::fmod(i * period + dash, pattern));
  }
  if (ends.back() > 1 && starts.back() > 1) {
    ends.pop_back();
    starts.pop_back();
  } else if (ends.back() < dash) {
    if (starts.back() < 1) {
      starts.push_back(0);
      ends.push_back(ends.back());
      ends[ends.size() - 2] = 1;
    } else {
      starts.back() = 0;
    }
  } else if (starts.back() > 1 - dash) {
    ends.back() = 1;
  }
  Mobject whole = line;
  whole.kind = "DashedLine";
  whole.path = {};
  const MobjectId id = graph.create(std::move(whole));
  for (std::size_t i = 0; i < starts.size(); ++i) {
    Mobject piece = line;
    piece.kind = "Line";
    piece.path = partial(path, starts[i], ends[i]);
    graph.addChild(id, graph.create(std::move(piece)));
  }
  return id;
}

MobjectId makeArrow(SceneGraph& graph, const Vec2& start, const Vec2& end, const ArrowOptions& options) {
  Mobject shaft = makeLine(start, end, options.buff);
  shaft.kind = "Arrow";
  const Vec2 from = shaft.path.subpaths.front().cubics.front().p0;
  const Vec2 to = shaft.path.subpaths.front().cubics.back().p3;
  const double length = (to - from).norm();

  // The tip is as wide as it is long.
  const double tipLength = std::min(options.tipLength, options.maxTipLengthToLengthRatio * length);
  const Vec2 back = length > 0 ? Vec2((from - to) / length) : Vec2(-1, 0);
  const Vec2 base = to + tipLength * back;
  Mobject tip = makeArrowTip(to, back, tipLength, tipLength, options.color);

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
