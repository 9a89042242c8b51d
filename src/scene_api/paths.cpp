// SPDX-License-Identifier: MIT
// The scene API's paths beyond the seed's shapes: points set as corners, DashedLine, Angle and
// Brace (ManimCE 0.17.3's types/vectorized_mobject.py, geometry/line.py, svg/brace.py).
#include <cmath>
#include <numbers>

#include "attnplay/scene/shapes.hpp"
#include "session.hpp"

namespace attnplay::api::detail {

namespace {

constexpr double kMaxDashes = 10000;
/// Points one apply_function sends through the scene's function: well inside its time limit.
constexpr std::size_t kMaxFunctionPoints = 200000;

/// A line's ends, or a failure naming the argument.
std::pair<Vec2, Vec2> endsOf(const Session& s, MobjectId id, const char* which) {
  const auto ends = lineEnds(s.graph, id);
  if (!ends) fail(s.current + ": " + which + " must be a line, with points to start and end at");
  return *ends;
}

// Angle (geometry/line.py): an arc, or an elbow, between two lines from where they cross.
void addAngle(std::vector<Entry>& table) {
  struct AngleArgs {
    MobjectId line1 = 0, line2 = 0;
    std::optional<double> radius;
    Value quadrant;
    bool otherAngle = false, dot = false, elbow = false;
    std::optional<double> dotRadius;
    double dotDistance = 0.55;
    Color dotColor = manim::WHITE;
    std::optional<Color> color;
    std::optional<double> strokeWidth;
  };
  table.push_back(
      entry(mobjectInfo("Angle", "an arc (or an elbow) marking the angle between two lines"),
            std::vector<Field<AngleArgs>>{
                required(field("line1", &AngleArgs::line1, ParamType::Mobject)),
                required(field("line2", &AngleArgs::line2, ParamType::Mobject)),
                field("radius", &AngleArgs::radius, ParamType::NonNegative, "None"),
                field("quadrant", &AngleArgs::quadrant, ParamType::Any, "(1, 1)"),
                field("other_angle", &AngleArgs::otherAngle, ParamType::Boolean, "False"),
                field("dot", &AngleArgs::dot, ParamType::Boolean, "False"),
                field("dot_radius", &AngleArgs::dotRadius, ParamType::NonNegative, "None"),
                field("dot_distance", &AngleArgs::dotDistance, ParamType::Number, "0.55"),
                field("dot_color", &AngleArgs::dotColor, ParamType::Color, "WHITE"),
                field("elbow", &AngleArgs::elbow, ParamType::Boolean, "False"),
                field("color", &AngleArgs::color, ParamType::Color, "WHITE"),
                field("stroke_width", &AngleArgs::strokeWidth, ParamType::NonNegative, "4"),
            },
            [](Session& s, const Self&, AngleArgs& a) -> Value {
              std::array<double, 2> quadrant{1, 1};
              if (!a.quadrant.isNone()) {
                const List* q = a.quadrant.get<List>();
                if (!q || q->size() != 2) fail(s.current + ": quadrant must be two of 1 and -1, such as (1, -1)");
                for (std::size_t i = 0; i < 2; ++i) {
                  quadrant[i] = toNumber((*q)[i], ParamType::Number, What{s.current + ": quadrant"}, s);
                  if (quadrant[i] != 1 && quadrant[i] != -1) fail(s.current + ": quadrant must be two of 1 and -1");
                }
              }
              const auto [s1, e1] = endsOf(s, a.line1, "line1");
              const auto [s2, e2] = endsOf(s, a.line2, "line2");
              // line_intersection: the crossing of the two lines through their ends.
              const Eigen::Vector3d l1 = Eigen::Vector3d(s1.x(), s1.y(), 1).cross(Eigen::Vector3d(e1.x(), e1.y(), 1));
              const Eigen::Vector3d l2 = Eigen::Vector3d(s2.x(), s2.y(), 1).cross(Eigen::Vector3d(e2.x(), e2.y(), 1));
              const Eigen::Vector3d x = l1.cross(l2);
              if (x.z() == 0) fail(s.current + ": the lines are parallel, there is no unique intersection point");
              const Vec2 inter(x.x() / x.z(), x.y() / x.z());
              double radius = 0.4;
              if (a.radius) {
                radius = *a.radius;
              } else {
                const double d1 = ((quadrant[0] == 1 ? e1 : s1) - inter).norm();
                const double d2 = ((quadrant[1] == 1 ? e2 : s2) - inter).norm();
                if (std::min(d1, d2) < 0.6) radius = 2.0 / 3 * std::min(d1, d2);
              }
              const Vec2 u1 = (e1 - s1).normalized(), u2 = (e2 - s2).normalized();
              const Vec2 a1 = inter + quadrant[0] * radius * u1, a2 = inter + quadrant[1] * radius * u2;
              Mobject m;
              m.kind = "Angle";
              if (a.elbow) {
                m.path = Path::polyline({a1, inter + quadrant[0] * radius * u1 + quadrant[1] * radius * u2, a2}, false);
              } else {
                const double angle1 = std::atan2((a1 - inter).y(), (a1 - inter).x());
                const double angle2 = std::atan2((a2 - inter).y(), (a2 - inter).x());
                const double tau = 2 * std::numbers::pi;
                const double sweep = !a.otherAngle ? (angle2 > angle1 ? angle2 - angle1 : tau - (angle1 - angle2))
                                                   : (angle2 < angle1 ? angle2 - angle1 : -tau + (angle2 - angle1));
                m.path = makeArc(radius, angle1, sweep, 9, inter).path;
              }
              m.style.strokeColor = m.style.fillColor = a.color.value_or(manim::WHITE);
              m.style.fillOpacity = 0;
              m.style.strokeWidth = a.strokeWidth.value_or(manim::DEFAULT_STROKE_WIDTH);
              const MobjectId id = s.check(s.builder.add(std::move(m)));
              if (a.dot && !a.elbow) {
                const Vec2 toward = s.graph.center(id) - inter;
                Mobject d = makeDot(inter + toward / toward.norm() * radius * a.dotDistance,
                                    a.dotRadius.value_or(radius / 10), a.dotColor);
                s.graph.addChild(id, s.check(s.builder.add(std::move(d))));
              }
              s.checkFinite(id);
              return MobjectRef{id};
            }));
}

// Brace (svg/brace.py) and what it puts at its tip.
void addBrace(std::vector<Entry>& table) {
  struct BraceArgs {
    MobjectId mobject = 0;
    Vec2 direction = manim::DOWN;
    double buff = 0.2, sharpness = 2;
    std::optional<Color> color;
  };
  table.push_back(entry(mobjectInfo("Brace", "a curly brace along a mobject's side"),
                        std::vector<Field<BraceArgs>>{
                            required(field("mobject", &BraceArgs::mobject, ParamType::Mobject)),
                            field("direction", &BraceArgs::direction, ParamType::Vector, "DOWN"),
                            field("buff", &BraceArgs::buff, ParamType::Number, "0.2"),
                            field("sharpness", &BraceArgs::sharpness, ParamType::NonNegative, "2"),
                            field("color", &BraceArgs::color, ParamType::Color, "WHITE"),
                        },
                        [](Session& s, const Self&, BraceArgs& a) -> Value {
                          if (a.direction.norm() == 0) fail(s.current + ": the direction must not be 0");
                          Mobject m = s.check(makeBrace(s.graph, a.mobject, a.direction, a.buff, a.sharpness));
                          if (a.color) m.style.fillColor = m.style.strokeColor = *a.color;
                          return MobjectRef{s.check(s.builder.add(std::move(m)))};
                        }));
  const auto tipOf = [](Session& s, MobjectId id) {
    const auto tip = braceTip(s.graph[id]);
    if (!tip) fail(s.current + ": this Brace has lost its shape");
    return *tip;
  };
  const auto directionOf = [tipOf](Session& s, MobjectId id) {
    const Vec2 v = tipOf(s, id) - s.graph.center(id);
    return Vec2(v / v.norm());
  };
  table.push_back(reading(methodInfo("get_tip", "the point of its middle", false, false, "Brace"),
                          [tipOf](Session& s, MobjectId id) { return Value(tipOf(s, id)); }));
  table.push_back(reading(methodInfo("get_direction", "from its centre to its tip, of length 1", false, false, "Brace"),
                          [directionOf](Session& s, MobjectId id) { return Value(directionOf(s, id)); }));
  // put_at_tip: next to the tip, along the direction rounded to whole steps (np.round).
  const auto putAtTip = [tipOf, directionOf](Session& s, MobjectId brace, MobjectId mob, double buff) {
    const Vec2 d = directionOf(s, brace);
    s.graph.nextTo(mob, tipOf(s, brace), Vec2(std::nearbyint(d.x()), std::nearbyint(d.y())), buff);
  };
  struct PutArgs {
    MobjectId mobject = 0;
    double buff = manim::DEFAULT_MOBJECT_TO_MOBJECT_BUFFER;
  };
  table.push_back(changing(methodInfo("put_at_tip", "puts a mobject beside its tip", false, false, "Brace"),
                           std::vector<Field<PutArgs>>{
                               required(field("mob", &PutArgs::mobject, ParamType::Mobject)),
                               field("buff", &PutArgs::buff, ParamType::Number, "DEFAULT_MOBJECT_TO_MOBJECT_BUFFER")},
                           [putAtTip](Session& s, MobjectId id, PutArgs& a) { putAtTip(s, id, a.mobject, a.buff); }));
  struct LabelArgs {
    std::vector<Value> parts;
    double buff = manim::DEFAULT_MOBJECT_TO_MOBJECT_BUFFER;
  };
  for (const bool text : {true, false}) {
    table.push_back(entry(methodInfo(text ? "get_text" : "get_tex",
                                     text ? "a Tex beside its tip" : "a MathTex beside its tip", false, false, "Brace"),
                          std::vector<Field<LabelArgs>>{
                              rest("text", &LabelArgs::parts, ParamType::Any),
                              field("buff", &LabelArgs::buff, ParamType::Number, "DEFAULT_MOBJECT_TO_MOBJECT_BUFFER")},
                          [putAtTip, text](Session& s, const Self& me, LabelArgs& a) -> Value {
                            const Entry* tex = find("", text ? "Tex" : "MathTex");
                            const Value made = tex->invoke(s, {}, Args{a.parts, {}});
                            const MobjectId id = toMobject(made, What{s.current}, s);
                            putAtTip(s, self(me), id, a.buff);
                            return made;
                          }));
  }
}

}  // namespace

void applyFunction(Session& s, MobjectId id, const Function& function) {
  std::size_t points = 0;
  for (MobjectId m : s.graph.family(id)) points += 4 * s.graph[m].path.cubicCount();
  if (points > kMaxFunctionPoints) {
    fail(s.current + ": more than " + std::to_string(kMaxFunctionPoints) + " points to send through the function", {},
         ErrorCode::LimitExceeded);
  }
  const What what{s.current + ": the function's result"};
  // VMobject.apply_function: handles pulled to 1/100 of their distance from their anchors, the
  // function applied, then pushed back out, so each curve follows the function's tangents.
  constexpr double kHandleFactor = 0.01;
  const auto scaleHandles = [](Path& path, double factor) {
    for (Subpath& sp : path.subpaths) {
      for (Cubic& c : sp.cubics) {
        c.p1 = c.p0 + factor * (c.p1 - c.p0);
        c.p2 = c.p3 + factor * (c.p2 - c.p3);
      }
    }
  };
  for (MobjectId m : s.graph.family(id)) {
    Path path = s.graph[m].path;
    scaleHandles(path, kHandleFactor);
    path.mapPoints([&](const Vec2& p) { return toVec(callFunction(function, {Value(p)}, s), what, s); });
    scaleHandles(path, 1 / kHandleFactor);
    s.graph[m].path = std::move(path);
  }
  s.checkFinite(id);
}

void addPaths(std::vector<Entry>& table) {
  struct FunctionArgs {
    Function function;
  };
  table.push_back(changing(
      methodInfo("apply_function", "every point through a function of a point", true),
      std::vector<Field<FunctionArgs>>{required(field("function", &FunctionArgs::function, ParamType::Function))},
      [](Session& s, MobjectId id, FunctionArgs& a) { applyFunction(s, id, a.function); }));
  struct InsertArgs {
    double curves = 50;
  };
  const auto prepare = [](Session& s, MobjectId id, InsertArgs& a) {
    // NumberPlane.prepare_for_nonlinear_transform: each path up to that many curves.
    if (a.curves < 0 || a.curves > 1000)
      fail(s.current + ": the curves must be from 0 to 1000", {}, ErrorCode::OutOfRange);
    const auto n = static_cast<std::size_t>(a.curves);
    std::size_t added = 0;
    for (MobjectId m : s.graph.family(id)) {
      const std::size_t have = s.graph[m].path.cubicCount();
      if (have > 0 && n > have) added += n - have;
    }
    if (added * 4 > kMaxFunctionPoints) fail(s.current + ": too many curves to insert", {}, ErrorCode::LimitExceeded);
    for (MobjectId m : s.graph.family(id)) {
      Path& path = s.graph[m].path;
      const std::size_t have = path.cubicCount();
      if (have > 0 && n > have) path = insertCurves(path, n - have);
    }
  };
  for (const char* owner : {"NumberPlane", "Axes"}) {
    table.push_back(changing(
        methodInfo("prepare_for_nonlinear_transform",
                   "more curves on each line, so a function of points bends them smoothly", false, false, owner),
        std::vector<Field<InsertArgs>>{field("num_inserted_curves", &InsertArgs::curves, ParamType::Integer, "50")},
        prepare));
  }

  // VMobject.set_points_as_corners / add_points_as_corners: straight cubics through points.
  struct CornersArgs {
    std::vector<Vec2> points;
  };
  const auto pointsField = [](CornersArgs& a, const Value& v, const What& w, const Session& s) {
    const List* l = v.get<List>();
    if (!l) fail(w.text + " must be a list of points, got " + describe(v, s.language));
    if (l->size() > 100000) fail(w.text + ": more than 100000 points", {}, ErrorCode::LimitExceeded);
    for (std::size_t i = 0; i < l->size(); ++i) {
      a.points.push_back(toVec((*l)[i], What{w.text + " point " + std::to_string(i + 1)}, s));
    }
  };
  Field<CornersArgs> points;
  points.info = {"points", ParamType::Any, false, true, {}, {}, {}};
  points.set = pointsField;
  table.push_back(changing(
      methodInfo("set_points_as_corners", "its points: straight lines through these, in order", true),
      std::vector<Field<CornersArgs>>{points},
      [](Session& s, MobjectId id, CornersArgs& a) {
        if (a.points.empty()) fail(s.current + " needs at least one point");
        std::vector<Vec2> p = a.points;
        if (p.size() == 1) p.push_back(p.front());
        s.graph[id].path = Path::polyline(p, false);
      },
      true));
  table.push_back(changing(
      methodInfo("add_points_as_corners", "straight lines on from its last point through these", true),
      std::vector<Field<CornersArgs>>{points},
      [](Session& s, MobjectId id, CornersArgs& a) {
        Path& path = s.graph[id].path;
        if (path.empty()) {
          fail(s.current + ": it has no points to go on from", "start with " + s.api("set_points_as_corners"));
        }
        Subpath& last = path.subpaths.back();
        for (const Vec2& p : a.points) last.cubics.push_back(Cubic::line(last.cubics.back().p3, p));
      },
      true));

  struct DashedArgs {
    LayoutTarget start = manim::LEFT, end = manim::RIGHT;
    double buff = 0, dashLength = 0.05, ratio = 0.5;
    std::optional<Color> color;
    std::optional<double> strokeWidth;
  };
  table.push_back(entry(mobjectInfo("DashedLine", "a line of dashes between points or mobjects' edges"),
                        std::vector<Field<DashedArgs>>{
                            field("start", &DashedArgs::start, ParamType::Target, "LEFT"),
                            field("end", &DashedArgs::end, ParamType::Target, "RIGHT"),
                            field("buff", &DashedArgs::buff, ParamType::NonNegative, "0"),
                            field("dash_length", &DashedArgs::dashLength, ParamType::Positive, "DEFAULT_DASH_LENGTH"),
                            field("dashed_ratio", &DashedArgs::ratio, ParamType::Opacity, "0.5"),
                            field("color", &DashedArgs::color, ParamType::Color, "WHITE"),
                            field("stroke_width", &DashedArgs::strokeWidth, ParamType::NonNegative, "4"),
                        },
                        [](Session& s, const Self&, DashedArgs& a) -> Value {
                          const MobjectId line = s.check(s.builder.line(a.start, a.end, a.buff));
                          Mobject m = s.graph[line];
                          if (a.color) m.style.strokeColor = m.style.fillColor = *a.color;
                          if (a.strokeWidth) m.style.strokeWidth = *a.strokeWidth;
                          const Path& p = m.path;
                          const double length =
                              p.empty()
                                  ? 0
                                  : (p.subpaths.back().cubics.back().p3 - p.subpaths.front().cubics.front().p0).norm();
                          if (a.ratio <= 0) fail(s.current + ": " + s.spelled("dashed_ratio") + " must be more than 0");
                          if (length / a.dashLength * a.ratio > kMaxDashes) {
                            fail(s.current + ": more than 10000 dashes", {}, ErrorCode::LimitExceeded);
                          }
                          s.check(s.builder.checkRoom(static_cast<std::size_t>(length / a.dashLength * a.ratio) + 4));
                          return MobjectRef{makeDashedLine(s.graph, m, a.dashLength, a.ratio)};
                        }));

  addAngle(table);
  addBrace(table);
}

}  // namespace attnplay::api::detail
