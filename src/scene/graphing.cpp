// SPDX-License-Identifier: MIT
#include "attnplay/scene/graphing.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "attnplay/scene/math_tex.hpp"
#include "attnplay/scene/shapes.hpp"

namespace attnplay {

namespace {

/// NumPy's arange(a, b, step): ceil((b − a) / step) values a + i·step.
std::vector<double> arange(double a, double b, double step) {
  std::vector<double> out;
  const double count = std::ceil((b - a) / step);
  for (double i = 0; i < count; ++i) out.push_back(a + i * step);
  return out;
}

void styleAsGlyphs(Mobject& m, const Color& color) {
  m.style.fillColor = m.style.strokeColor = color;
  m.style.fillOpacity = 1.0;
  m.style.strokeWidth = 0.0;
}

bool contains(const std::vector<double>& values, double x) {
  return std::find(values.begin(), values.end(), x) != values.end();
}

}  // namespace

std::string decimalText(double number, const DecimalOptions& options) {
  const int places = std::clamp(options.decimalPlaces, 0, 100);
  std::vector<char> buffer(static_cast<std::size_t>(places) + 400);
  std::snprintf(buffer.data(), buffer.size(), "%.*f", places, number);
  std::string digits = buffer.data();
  bool negative = !digits.empty() && digits[0] == '-';
  if (negative) digits.erase(0, 1);
  // Manim drops the minus of a number that rounds to zero.
  if (negative && digits.find_first_not_of("0.") == std::string::npos) negative = false;
  if (options.groupWithCommas) {
    const std::size_t point = std::min(digits.find('.'), digits.size());
    for (std::size_t at = point; at > 3; at -= 3) digits.insert(at - 3, ",");
  }
  return (negative ? "-" : options.includeSign ? "+" : "") + digits;
}

Result<MobjectId> makeDecimalNumber(SceneGraph& graph, double number, const DecimalOptions& options) {
  if (!std::isfinite(number)) return Error(ErrorCode::InvalidArgument, "the number must be finite");
  const std::string text = decimalText(number, options);
  if (text.size() > kMaxDecimalCharacters) {
    return Error(ErrorCode::LimitExceeded,
                 "the number has more than " + std::to_string(kMaxDecimalCharacters) + " characters");
  }
  Mobject root = makeGroup();
  root.kind = "DecimalNumber";
  styleAsGlyphs(root, options.color);
  const MobjectId id = graph.create(std::move(root));
  const MathTexOptions tex{options.fontSize, options.color};
  std::vector<std::string> pieces;
  for (char c : text) pieces.emplace_back(1, c);
  if (options.showEllipsis) pieces.emplace_back("\\dots");
  if (!options.unit.empty()) pieces.push_back(options.unit);
  for (const std::string& piece : pieces) {
    auto character = makeMathTex(graph, {piece}, tex);
    if (!character) return character.error();
    graph.addChild(id, *character);
  }
  graph.arrange(id, manim::RIGHT, 0.001 * options.fontSize, true, manim::DOWN);
  const auto children = graph[id].children;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '-' && i + 1 < text.size()) {
      graph.alignTo(children[i], children[i + 1], manim::UP);
      graph.shift(children[i], manim::DOWN * graph.height(children[i + 1]) / 2);
    } else if (text[i] == ',') {
      graph.shift(children[i], manim::DOWN * graph.height(children[i]) / 2);
    }
  }
  if (!options.unit.empty() && options.unit[0] == '^') graph.alignTo(children.back(), id, manim::UP);
  return id;
}

Result<double> setDecimalNumber(SceneGraph& graph, MobjectId id, double number, const DecimalOptions& options,
                                double initialHeight) {
  const double height = graph.height(id);
  const double fontSize = initialHeight > 0 ? height / initialHeight * options.fontSize : options.fontSize;
  const Vec2 fixed = graph.criticalPoint(id, options.edgeToFix);
  const std::vector<MobjectId> old = graph[id].children;
  auto fresh = makeDecimalNumber(graph, number, options);
  if (!fresh) return fresh.error();
  graph[id].children = graph[*fresh].children;
  graph[*fresh].children.clear();
  const double newInitial = graph.height(id);
  if (newInitial > 0 && fontSize > 0) graph.scale(id, fontSize / options.fontSize);
  graph.moveTo(id, fixed, options.edgeToFix);
  // match_style, character by character.
  const auto& now = graph[id].children;
  for (std::size_t i = 0; i < now.size() && i < old.size(); ++i) {
    const std::vector<MobjectId> was = graph.membersWithPoints(old[i]);
    const Style style = was.empty() ? graph[old[i]].style : graph[was.front()].style;
    for (MobjectId m : graph.family(now[i])) graph[m].style = style;
  }
  return newInitial;
}

std::vector<double> tickRange(const NumberLineOptions& o) {
  const auto [min, x, step] = o.range;
  const double max = o.includeTip ? x : x + 1e-6;
  if ((min < max && max < 0) || (max > min && min > 0)) return arange(min, max, step);
  const double start = o.excludeOriginTick ? step : 0;
  std::vector<double> out;
  for (double v : arange(start, std::abs(min) + 1e-6, step)) out.push_back(-v);
  for (double v : arange(start, max, step)) out.push_back(v);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::size_t numberLineSize(const NumberLineOptions& o) {
  const std::size_t ticks = o.includeTicks ? tickRange(o).size() : 0;
  std::size_t numbers = 0;
  if (o.numbersToInclude) {
    numbers = o.numbersToInclude->size();
  } else if (o.includeNumbers) {
    numbers = tickRange(o).size();
  }
  // A number is a group of characters, each a MathTex of a part and its glyphs.
  constexpr std::size_t kPerNumber = 1 + 12 * 3;
  return 4 + ticks + numbers * kPerNumber;
}

Result<MobjectId> makeNumberLine(SceneGraph& graph, const NumberLineOptions& o) {
  const auto [min, max, step] = o.range;
  if (!(min < max) || !(step > 0))
    return Error(ErrorCode::OutOfRange, "a number line needs min < max and a step more than 0");
  const double factor = o.length && *o.length != 0 ? *o.length / (max - min) : o.unitSize;
  const double half = (max - min) * factor / 2;
  Mobject line = makeLine(Vec2(-half, 0), Vec2(half, 0));
  line.kind = "NumberLine";
  line.style.strokeColor = line.style.fillColor = o.color;
  line.style.strokeWidth = o.strokeWidth;
  line.style.fillOpacity = 0;
  const MobjectId id = graph.create(line);
  if (o.includeTip) {
    Mobject tip = makeArrowTip(Vec2(half, 0), manim::LEFT, o.tipHeight, o.tipWidth, o.color);
    tip.style.strokeWidth = o.strokeWidth;
    if (half > 0) graph[id].path = Path::polyline({Vec2(-half, 0), Vec2(half - o.tipHeight, 0)}, false);
    graph.addChild(id, graph.create(std::move(tip)));
  }
  if (o.includeTicks) {
    Mobject group = makeGroup();
    const MobjectId ticks = graph.create(std::move(group));
    for (double x : tickRange(o)) {
      const double size = contains(o.elongatedTicks, x) ? o.tickSize * o.longerTickMultiple : o.tickSize;
      const Vec2 at = numberToPoint(graph, id, o.range, x);
      Mobject tick = makeLine(at + size * manim::DOWN, at + size * manim::UP);
      tick.style = graph[id].style;
      graph.addChild(ticks, graph.create(std::move(tick)));
    }
    graph.addChild(id, ticks);
  }
  if (o.rotation != 0) graph.rotate(id, o.rotation, graph.center(id));
  std::optional<std::vector<double>> values = o.numbersToInclude;
  if (!values && o.includeNumbers) values = tickRange(o);
  if (values) {
    const MobjectId numbers = graph.create(makeGroup());
    DecimalOptions d;
    d.decimalPlaces = o.decimalPlaces;
    d.fontSize = o.fontSize;
    for (double x : *values) {
      if (contains(o.numbersToExclude, x)) continue;
      auto number = makeDecimalNumber(graph, x, d);
      if (!number) return number.error();
      graph.nextTo(*number, numberToPoint(graph, id, o.range, x), o.labelDirection, o.lineToNumberBuff);
      if (x < 0 && o.labelDirection.x() == 0) {
        graph.shift(*number, manim::LEFT * graph.width(graph[*number].children.front()) / 2);
      }
      graph.addChild(numbers, *number);
    }
    graph.addChild(id, numbers);
  }
  return id;
}

Vec2 numberToPoint(const SceneGraph& graph, MobjectId line, const NumberRange& range, double x) {
  const auto [start, end] = lineEnds(graph, line).value_or(std::pair{Vec2(0, 0), Vec2(0, 0)});
  const double alpha = (x - range[0]) / (range[1] - range[0]);
  return start + alpha * (end - start);
}

double pointToNumber(const SceneGraph& graph, MobjectId line, const NumberRange& range, const Vec2& point) {
  const auto [start, end] = lineEnds(graph, line).value_or(std::pair{Vec2(0, 0), Vec2(0, 0)});
  const Vec2 along = end - start;
  const double norm = along.norm();
  if (norm == 0) return range[0];
  const Vec2 unit = along / norm;
  const double proportion = (point - start).dot(unit) / along.dot(unit);
  return range[0] + proportion * (range[1] - range[0]);
}

double originShift(const NumberRange& range) {
  if (range[0] > 0) return range[0];
  if (range[1] < 0) return range[1];
  return 0;
}

Vec2 coordsToPoint(const SceneGraph& graph, MobjectId axes, const CoordinateSystem& system, double x, double y) {
  const auto& children = graph[axes].children;
  const MobjectId xAxis = children.at(system.xAxis), yAxis = children.at(system.yAxis);
  const Vec2 origin = numberToPoint(graph, xAxis, system.x, originShift(system.x));
  return origin + (numberToPoint(graph, xAxis, system.x, x) - origin) +
         (numberToPoint(graph, yAxis, system.y, y) - origin);
}

Vec2 pointToCoords(const SceneGraph& graph, MobjectId axes, const CoordinateSystem& system, const Vec2& point) {
  const auto& children = graph[axes].children;
  return {pointToNumber(graph, children.at(system.xAxis), system.x, point),
          pointToNumber(graph, children.at(system.yAxis), system.y, point)};
}

Result<MobjectId> makeAxes(SceneGraph& graph, const NumberLineOptions& x, const NumberLineOptions& y) {
  std::vector<MobjectId> axes;
  for (const NumberLineOptions* o : {&x, &y}) {
    auto axis = makeNumberLine(graph, *o);
    if (!axis) return axis.error();
    graph.shift(*axis, -numberToPoint(graph, *axis, o->range, originShift(o->range)));
    axes.push_back(*axis);
  }
  Mobject group = makeGroup();
  group.kind = "Axes";
  const MobjectId id = graph.create(std::move(group));
  for (MobjectId a : axes) graph.addChild(id, a);
  const CoordinateSystem system{0, 1, x.range, y.range};
  graph.shift(id, -coordsToPoint(graph, id, system, (x.range[0] + x.range[1]) / 2, (y.range[0] + y.range[1]) / 2));
  return id;
}

std::vector<double> sampleInputs(const NumberRange& range) {
  std::vector<double> out = arange(range[0], range[1], range[2]);
  out.push_back(range[1]);
  return out;
}

Path graphPath(const std::vector<Vec2>& points, bool smooth) {
  if (points.size() < 2) return {};
  if (!smooth) return Path::polyline(points, false);
  Path path;
  path.subpaths.push_back(smoothThrough(points));
  return path;
}

}  // namespace attnplay
