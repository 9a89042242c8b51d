// SPDX-License-Identifier: MIT
#include "attnplay/scene/shapes.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <numeric>
#include <string>

#include "attnplay/geometry/svg_path.hpp"

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

Mobject makeDot(const Vec2& point, double radius, const Color& color) {
  Mobject m = makeArc(radius, 0.0, 2 * std::numbers::pi, 9, point);
  m.kind = "Dot";
  m.style.strokeColor = m.style.fillColor = color;
  m.style.strokeWidth = 0;
  m.style.fillOpacity = 1.0;
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

Result<Mobject> makeBrace(const SceneGraph& graph, MobjectId target, const Vec2& direction, double buff,
                          double sharpness) {
  // The target as if turned so that `direction` points down: its box over every point.
  const double angle = -std::atan2(direction.x(), direction.y()) + std::numbers::pi;
  const Eigen::Rotation2Dd back(-angle);
  Bounds box;
  for (MobjectId m : graph.family(target)) graph[m].path.forEachPoint([&](const Vec2& p) { box.extend(back * p); });
  if (box.empty) return Error(ErrorCode::InvalidArgument, "a brace needs a mobject with points to go under");
  const Vec2 left = box.min;
  const double width = box.max.x() - box.min.x();
  constexpr double kMinWidth = 0.90552;
  const double straight = std::max(0.0, (width * sharpness - kMinWidth) / 2);
  char a[64], b[64];
  std::snprintf(a, sizeof a, "%.17g", straight);
  std::snprintf(b, sizeof b, "%.17g", -straight);
  std::string data =
      "m0.01216 0c-0.01152 0-0.01216 6.103e-4 -0.01216 0.01311v0.007762c0.06776 0.122 0.1799 0.1455 0.2307 "
      "0.1455h{0}c0.03046 3.899e-4 0.07964 0.00449 0.1246 0.02636 0.0537 0.02695 0.07418 0.05816 0.08648 0.07769 "
      "0.001562 0.002538 0.004539 0.002563 0.01098 0.002563 0.006444-2e-8 0.009421-2.47e-5 0.01098-0.002563 0.0123"
      "-0.01953 0.03278-0.05074 0.08648-0.07769 0.04491-0.02187 0.09409-0.02597 0.1246-0.02636h{0}c0.05077 0 "
      "0.1629-0.02346 0.2307-0.1455v-0.007762c-1.78e-6 -0.0125-6.365e-4 -0.01311-0.01216-0.01311-0.006444-3.919e-8 "
      "-0.009348 2.448e-5 -0.01091 0.002563-0.0123 0.01953-0.03278 0.05074-0.08648 0.07769-0.04491 0.02187-0.09416 "
      "0.02597-0.1246 0.02636h{1}c-0.04786 0-0.1502 0.02094-0.2185 0.1256-0.06833-0.1046-0.1706-0.1256-0.2185-0.1256"
      "h{1}c-0.03046-3.899e-4 -0.07972-0.004491-0.1246-0.02636-0.0537-0.02695-0.07418-0.05816-0.08648-0.07769-"
      "0.001562-0.002538-0.004467-0.002563-0.01091-0.002563z";
  for (const auto& [key, value] :
       {std::pair{std::string("{0}"), std::string(a)}, {std::string("{1}"), std::string(b)}}) {
    for (std::size_t at; (at = data.find(key)) != std::string::npos;) data.replace(at, key.size(), value);
  }
  auto path = parseSvgPath(data);
  if (!path) return path.error();
  Mobject brace;
  brace.kind = "Brace";
  brace.path = std::move(*path);
  brace.style.fillColor = brace.style.strokeColor = manim::WHITE;
  brace.style.fillOpacity = 1.0;
  brace.style.strokeWidth = 0.0;
  // flip(RIGHT), stretch_to_fit_width, then its upper left corner to the target's lower left.
  const Bounds own = brace.path.bounds();
  const double cy = own.center().y(), cx = own.center().x();
  const double stretch = own.width() > 0 ? width / own.width() : 1;
  brace.path.mapPoints([&](const Vec2& p) { return Vec2(cx + (p.x() - cx) * stretch, 2 * cy - p.y()); });
  const Bounds placed = brace.path.bounds();
  const Vec2 shift = left - Vec2(placed.min.x(), placed.max.y()) + buff * manim::DOWN;
  const Eigen::Rotation2Dd turn(angle);
  brace.path.mapPoints([&](const Vec2& p) { return Vec2(turn * Vec2(p + shift)); });
  return brace;
}

std::optional<Vec2> braceTip(const Mobject& brace) {
  if (brace.path.subpaths.empty() || brace.path.subpaths.front().cubics.size() <= 7) return std::nullopt;
  return brace.path.subpaths.front().cubics[7].p0;
}

std::optional<std::pair<Vec2, Vec2>> lineEnds(const SceneGraph& graph, MobjectId id) {
  const Mobject& m = graph[id];
  if (m.kind == "DashedLine" && m.path.empty() && !m.children.empty()) {
    const auto first = lineEnds(graph, m.children.front()), last = lineEnds(graph, m.children.back());
    if (!first || !last) return std::nullopt;
    return std::pair{first->first, last->second};
  }
  if (m.path.empty()) return std::nullopt;
  Vec2 end = m.path.subpaths.back().cubics.back().p3;
  for (MobjectId child : m.children) {
    if (graph[child].kind == "ArrowTip" && !graph[child].path.empty()) {
      end = graph[child].path.subpaths.front().cubics.front().p0;
    }
  }
  return std::pair{m.path.subpaths.front().cubics.front().p0, end};
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
