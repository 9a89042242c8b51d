// SPDX-License-Identifier: MIT
// The scene API's plot() and what Manim's Axes give about a graph (CoordinateSystem in
// ManimCE 0.17.3's mobject/graphing/coordinate_systems.py): points, labels, lines, areas.
#include <cmath>
#include <numbers>

#include "attnplay/scene/shapes.hpp"
#include "graphing.hpp"

namespace attnplay::api::detail {

void addPlots(std::vector<Entry>& table) {
  struct PlotArgs {
    Function function;
    Value xRange;
    bool smooth = true;
    std::optional<Color> color;
    std::optional<double> strokeWidth, strokeOpacity;
  };
  table.push_back(
      entry(methodInfo("plot", "the graph of a function of x, through the axes' coordinates", false, false, "Axes"),
            std::vector<Field<PlotArgs>>{
                required(field("function", &PlotArgs::function, ParamType::Function)),
                field("x_range", &PlotArgs::xRange, ParamType::Any, "the axes' x_range, a tenth of its step"),
                field("use_smoothing", &PlotArgs::smooth, ParamType::Boolean, "True"),
                field("color", &PlotArgs::color, ParamType::Color, "WHITE"),
                field("stroke_width", &PlotArgs::strokeWidth, ParamType::NonNegative, "4"),
                field("stroke_opacity", &PlotArgs::strokeOpacity, ParamType::Opacity, "1.0"),
            },
            [](Session& s, const Self& me, PlotArgs& a) -> Value {
              const MobjectId axes = self(me);
              const CoordinateSystem& c = systemOf(s, axes);
              NumberRange t = c.x;
              std::size_t given = 0;
              if (const List* l = a.xRange.get<List>()) {
                given = l->size();
                if (given < 2 || given > 3) {
                  fail(s.current + ": " + s.spelled("x_range") + " must be (min, max) or (min, max, step)");
                }
                for (std::size_t i = 0; i < given; ++i) {
                  t[i] = toNumber((*l)[i], ParamType::Number, What{s.current + ": " + s.spelled("x_range")}, s);
                }
              } else if (!a.xRange.isNone()) {
                fail(s.current + ": " + s.spelled("x_range") + " must be (min, max) or (min, max, step), got " +
                     describe(a.xRange, s.language));
              }
              if (given < 3) t[2] /= 10;  // CoordinateSystem.num_sampled_graph_points_per_tick
              if (!(t[2] > 0) || (t[1] - t[0]) / t[2] > kMaxSamples) {
                fail(s.current + ": the step must be more than 0 and give at most 100000 points", {},
                     ErrorCode::LimitExceeded);
              }
              const Session::Graph g{a.function, axes, t};
              std::vector<Vec2> points;
              for (double x : sampleInputs(t)) points.push_back(graphPoint(s, g, x));
              Mobject m;
              m.kind = "ParametricFunction";
              m.path = graphPath(points, a.smooth);
              m.style.strokeColor = m.style.fillColor = a.color.value_or(manim::WHITE);
              m.style.fillOpacity = 0;
              m.style.strokeWidth = a.strokeWidth.value_or(4);
              if (a.strokeOpacity) m.style.strokeOpacity = *a.strokeOpacity;
              const MobjectId id = s.check(s.builder.add(std::move(m)));
              s.checkFinite(id);
              s.graphs[id] = g;
              return MobjectRef{id};
            }));

  struct GraphPointArgs {
    double x = 0;
    MobjectId graph = 0;
  };
  for (const char* name : {"input_to_graph_point", "i2gp"}) {
    table.push_back(entry(
        methodInfo(name, "the point of a graph plot() made above x", false, false, "Axes"),
        std::vector<Field<GraphPointArgs>>{required(field("x", &GraphPointArgs::x, ParamType::Number)),
                                           required(field("graph", &GraphPointArgs::graph, ParamType::Mobject))},
        [](Session& s, const Self&, GraphPointArgs& a) -> Value { return graphPoint(s, graphOf(s, a.graph), a.x); }));
  }
  // ParametricFunction's t_range, t_min and t_max: the inputs plot() sampled.
  for (const char* name : {"t_range", "t_min", "t_max"}) {
    table.push_back(reading(methodInfo(name, "a plotted graph's inputs: t_range is min, max, step", false, true),
                            [which = std::string(name)](Session& s, MobjectId id) -> Value {
                              const NumberRange& t = graphOf(s, id).inputs;
                              if (which == "t_min") return Value(t[0]);
                              if (which == "t_max") return Value(t[1]);
                              return List{Value(t[0]), Value(t[1]), Value(t[2])};
                            }));
  }
  for (const char* name : {"input_to_graph_coords", "i2gc"}) {
    table.push_back(
        entry(methodInfo(name, "x and the graph's function at x", false, false, "Axes"),
              std::vector<Field<GraphPointArgs>>{required(field("x", &GraphPointArgs::x, ParamType::Number)),
                                                 required(field("graph", &GraphPointArgs::graph, ParamType::Mobject))},
              [](Session& s, const Self&, GraphPointArgs& a) -> Value {
                return List{Value(a.x), Value(valueAt(s, graphOf(s, a.graph), a.x))};
              }));
  }

  struct AxisLabelArgs {
    Value x = Value("x"), y = Value("y");
  };
  const auto axisLabel = [](Session& s, MobjectId axes, const Value& label, bool x) {
    const CoordinateSystem& c = systemOf(s, axes);
    const MobjectId axis = s.graph[axes].children.at(x ? c.xAxis : c.yAxis);
    const MobjectId id = labelOf(s, label);
    s.graph.nextTo(id, s.graph.criticalPoint(axis, manim::UR), x ? manim::UR : Vec2(manim::UP * 0.5 + manim::RIGHT),
                   manim::SMALL_BUFF);
    shiftOntoScreen(s, id, manim::MED_SMALL_BUFF);
    return id;
  };
  table.push_back(entry(
      methodInfo("get_axis_labels", "the axes' labels, x at the x axis's end, y at the y axis's", false, false, "Axes"),
      std::vector<Field<AxisLabelArgs>>{field("x_label", &AxisLabelArgs::x, ParamType::Any, "\"x\""),
                                        field("y_label", &AxisLabelArgs::y, ParamType::Any, "\"y\"")},
      [axisLabel](Session& s, const Self& me, AxisLabelArgs& a) -> Value {
        const MobjectId x = axisLabel(s, self(me), a.x, true);
        const MobjectId y = axisLabel(s, self(me), a.y, false);
        return MobjectRef{s.newGroup({x, y})};
      }));
  struct OneLabelArgs {
    Value label;
  };
  for (const bool x : {true, false}) {
    table.push_back(entry(
        methodInfo(x ? "get_x_axis_label" : "get_y_axis_label", "a label at the axis's end", false, false, "Axes"),
        std::vector<Field<OneLabelArgs>>{required(field("label", &OneLabelArgs::label, ParamType::Any))},
        [axisLabel, x](Session& s, const Self& me, OneLabelArgs& a) -> Value {
          return MobjectRef{axisLabel(s, self(me), a.label, x)};
        }));
  }

  struct GraphLabelArgs {
    MobjectId graph = 0;
    Value label = Value("f(x)");
    std::optional<double> x;
    Vec2 direction = manim::RIGHT;
    double buff = manim::MED_SMALL_BUFF;
    std::optional<Color> color;
    bool dot = false;
  };
  table.push_back(entry(methodInfo("get_graph_label", "a label beside a graph, where it leaves the frame or at x_val",
                                   false, false, "Axes"),
                        std::vector<Field<GraphLabelArgs>>{
                            required(field("graph", &GraphLabelArgs::graph, ParamType::Mobject)),
                            field("label", &GraphLabelArgs::label, ParamType::Any, "\"f(x)\""),
                            field("x_val", &GraphLabelArgs::x, ParamType::Number, "None"),
                            field("direction", &GraphLabelArgs::direction, ParamType::Vector, "RIGHT"),
                            field("buff", &GraphLabelArgs::buff, ParamType::Number, "MED_SMALL_BUFF"),
                            field("color", &GraphLabelArgs::color, ParamType::Color, "the graph's"),
                            field("dot", &GraphLabelArgs::dot, ParamType::Boolean, "False"),
                        },
                        [](Session& s, const Self& me, GraphLabelArgs& a) -> Value {
                          const Session::Graph& g = graphOf(s, a.graph);
                          const Color color = a.color.value_or(s.graph[a.graph].style.strokeColor);
                          const MobjectId label = labelOf(s, a.label);
                          s.graph.setColor(label, color);
                          Vec2 point(0, 0);
                          if (a.x) {
                            point = graphPoint(s, g, *a.x);
                          } else {
                            const NumberRange& r = systemOf(s, self(me)).x;
                            for (int i = 0; i < 100; ++i) {
                              point = graphPoint(s, g, r[1] + (r[0] - r[1]) * i / 99.0);
                              if (point.y() < manim::FRAME_Y_RADIUS) break;
                            }
                          }
                          s.graph.nextTo(label, point, a.direction, a.buff);
                          shiftOntoScreen(s, label, manim::DEFAULT_MOBJECT_TO_EDGE_BUFFER);
                          if (a.dot) {
                            s.graph.addChild(label, s.check(s.builder.add(makeDot(point))));
                          }
                          s.checkFinite(label);
                          return MobjectRef{label};
                        }));

  struct AxisLineArgs {
    Vec2 point = manim::ORIGIN;
    std::string lineFunc = "DashedLine";
    std::optional<Color> color;
    double strokeWidth = 2;
  };
  for (const bool vertical : {true, false}) {
    table.push_back(
        entry(methodInfo(vertical ? "get_vertical_line" : "get_horizontal_line",
                         vertical ? "a dashed line from the x axis up or down to a point"
                                  : "a dashed line from the y axis across to a point",
                         false, false, "Axes"),
              std::vector<Field<AxisLineArgs>>{
                  required(field("point", &AxisLineArgs::point, ParamType::Vector)),
                  field("line_func", &AxisLineArgs::lineFunc, ParamType::Choice, "DashedLine", {"DashedLine", "Line"}),
                  field("color", &AxisLineArgs::color, ParamType::Color, "WHITE"),
                  field("stroke_width", &AxisLineArgs::strokeWidth, ParamType::NonNegative, "2"),
              },
              [vertical](Session& s, const Self& me, AxisLineArgs& a) -> Value {
                const CoordinateSystem& c = systemOf(s, self(me));
                const MobjectId axis = s.graph[self(me)].children.at(vertical ? c.xAxis : c.yAxis);
                // Line.get_projection: the point's foot on the axis's line.
                const Vec2 start = numberToPoint(s.graph, axis, vertical ? c.x : c.y, (vertical ? c.x : c.y)[0]);
                const Vec2 end = numberToPoint(s.graph, axis, vertical ? c.x : c.y, (vertical ? c.x : c.y)[1]);
                const Vec2 unit = (end - start).normalized();
                const Vec2 foot = start + (a.point - start).dot(unit) * unit;
                Mobject line = makeLine(foot, a.point);
                line.style.strokeColor = line.style.fillColor = a.color.value_or(manim::WHITE);
                line.style.strokeWidth = a.strokeWidth;
                line.style.fillOpacity = 0;
                if (a.lineFunc == "Line") return MobjectRef{s.check(s.builder.add(std::move(line)))};
                s.check(s.builder.checkRoom(static_cast<std::size_t>((a.point - foot).norm() / 0.05) + 4));
                return MobjectRef{makeDashedLine(s.graph, line)};
              }));
  }

  struct RiemannArgs {
    MobjectId graph = 0;
    Value xRange, color = Value(List{Value(*manim::namedColor("BLUE")), Value(*manim::namedColor("GREEN"))});
    double dx = 0.1;
    std::string sample = "left";
    double strokeWidth = 1;
    Color strokeColor = manim::BLACK;
    double fillOpacity = 1;
    bool signedArea = true;
    std::optional<MobjectId> bounded;
    bool blend = false;
    double widthScale = 1.001;
  };
  table.push_back(entry(
      methodInfo("get_riemann_rectangles", "rectangles under a graph, one per dx", false, false, "Axes"),
      std::vector<Field<RiemannArgs>>{
          required(field("graph", &RiemannArgs::graph, ParamType::Mobject)),
          field("x_range", &RiemannArgs::xRange, ParamType::Any, "the graph's"),
          field("dx", &RiemannArgs::dx, ParamType::Positive, "0.1"),
          field("input_sample_type", &RiemannArgs::sample, ParamType::Choice, "\"left\"", {"left", "right", "center"}),
          field("stroke_width", &RiemannArgs::strokeWidth, ParamType::NonNegative, "1"),
          field("stroke_color", &RiemannArgs::strokeColor, ParamType::Color, "BLACK"),
          field("fill_opacity", &RiemannArgs::fillOpacity, ParamType::Opacity, "1"),
          field("color", &RiemannArgs::color, ParamType::Any, "(BLUE, GREEN)"),
          field("show_signed_area", &RiemannArgs::signedArea, ParamType::Boolean, "True"),
          field("bounded_graph", &RiemannArgs::bounded, ParamType::Mobject, "None"),
          field("blend", &RiemannArgs::blend, ParamType::Boolean, "False"),
          field("width_scale_factor", &RiemannArgs::widthScale, ParamType::Number, "1.001"),
      },
      [](Session& s, const Self& me, RiemannArgs& a) -> Value {
        const MobjectId axes = self(me);
        const CoordinateSystem& c = systemOf(s, axes);
        const Session::Graph& g = graphOf(s, a.graph);
        const Session::Graph* bounded = a.bounded ? &graphOf(s, *a.bounded) : nullptr;
        NumberRange r{g.inputs[0], g.inputs[1], a.dx};
        if (bounded) r = {std::max(g.inputs[0], bounded->inputs[0]), std::min(g.inputs[1], bounded->inputs[1]), a.dx};
        if (!a.xRange.isNone()) {
          const NumberRange given = toRange(a.xRange, What{s.current + ": " + s.spelled("x_range")}, s, r, kMaxSteps);
          r = {given[0], given[1], a.dx};
        }
        if ((r[1] - r[0]) / a.dx > kMaxSteps)
          fail(s.current + ": more than 10000 rectangles", {}, ErrorCode::LimitExceeded);
        std::vector<double> xs;
        for (double x = 0, n = std::ceil((r[1] - r[0]) / a.dx); x < n; ++x) xs.push_back(r[0] + x * a.dx);
        const std::vector<Color> colors =
            a.color.get<List>() ? gradient(toColors(a.color, What{s.current + ": the colours"}, s), xs.size())
                                : std::vector<Color>(xs.size(), toColor(a.color, What{s.current + ": color"}, s));
        s.check(s.builder.checkRoom(xs.size() + 1));
        std::vector<MobjectId> rects;
        for (std::size_t i = 0; i < xs.size(); ++i) {
          const double x = xs[i];
          const double input = a.sample == "left" ? x : a.sample == "right" ? x + a.dx : x + 0.5 * a.dx;
          const Vec2 top = graphPoint(s, g, input);
          const double base = bounded ? valueAt(s, *bounded, x) : originShift(c.y);
          Bounds box;
          box.extend(coordsToPoint(s.graph, axes, c, x, base));
          box.extend(coordsToPoint(s.graph, axes, c, x + a.widthScale * a.dx, base));
          box.extend(top);
          Mobject rect = makeRectangle(box.width(), box.height());
          rect.path.translate(box.center());
          Color color = colors[i];
          if (a.signedArea && pointToCoords(s.graph, axes, c, top).y() < base) {
            color = Color{1 - color.r, 1 - color.g, 1 - color.b};
          }
          rect.style.fillColor = color;
          rect.style.fillOpacity = a.fillOpacity;
          rect.style.strokeColor = a.blend ? color : a.strokeColor;
          rect.style.strokeWidth = a.strokeWidth;
          rects.push_back(s.check(s.builder.add(std::move(rect))));
        }
        const MobjectId group = s.newGroup(rects);
        s.checkFinite(group);
        return MobjectRef{group};
      }));

  struct AreaArgs {
    MobjectId graph = 0;
    Value xRange, color;
    double opacity = 0.3;
    std::optional<MobjectId> bounded;
    std::optional<double> strokeWidth;
  };
  table.push_back(entry(
      methodInfo("get_area", "the region between a graph and the x axis (or another graph)", false, false, "Axes"),
      std::vector<Field<AreaArgs>>{
          required(field("graph", &AreaArgs::graph, ParamType::Mobject)),
          field("x_range", &AreaArgs::xRange, ParamType::Any, "the graph's"),
          field("color", &AreaArgs::color, ParamType::Any, "[BLUE, GREEN]"),
          field("opacity", &AreaArgs::opacity, ParamType::Opacity, "0.3"),
          field("bounded_graph", &AreaArgs::bounded, ParamType::Mobject, "None"),
          field("stroke_width", &AreaArgs::strokeWidth, ParamType::NonNegative, "4"),
      },
      [](Session& s, const Self& me, AreaArgs& a) -> Value {
        if (a.color.isNone() || a.color.get<List>()) {
          fail(s.current + ": a list of colours fills with a gradient, which attnplay does not draw",
               "give one colour, such as color=GREY");
        }
        const Color color = toColor(a.color, What{s.current + ": color"}, s);
        const MobjectId axes = self(me);
        const CoordinateSystem& c = systemOf(s, axes);
        const Session::Graph& g = graphOf(s, a.graph);
        double lo = g.inputs[0], hi = g.inputs[1];
        if (!a.xRange.isNone()) {
          const NumberRange r = toRange(a.xRange, What{s.current + ": " + s.spelled("x_range")}, s, {lo, hi, 1}, 1e300);
          lo = r[0];
          hi = r[1];
        }
        // The graph's own points (anchors and handles) between a and b, ends from its function.
        const auto pointsOf = [&](MobjectId id, const Session::Graph& graph) {
          std::vector<Vec2> out{graphPoint(s, graph, lo)};
          s.graph[id].path.forEachPoint([&](const Vec2& p) {
            const double x = pointToCoords(s.graph, axes, c, p).x();
            if (lo <= x && x <= hi) out.push_back(p);
          });
          out.push_back(graphPoint(s, graph, hi));
          return out;
        };
        std::vector<Vec2> vertices;
        if (a.bounded) {
          const Session::Graph& b = graphOf(s, *a.bounded);
          if (b.inputs[0] > hi || b.inputs[1] < lo) {
            fail(s.current + ": the bounded graph's range does not meet the area's", {}, ErrorCode::OutOfRange);
          }
          lo = std::max(lo, b.inputs[0]);
          hi = std::min(hi, b.inputs[1]);
          vertices = pointsOf(a.graph, g);
          std::vector<Vec2> under = pointsOf(*a.bounded, b);
          vertices.insert(vertices.end(), under.rbegin(), under.rend());
        } else {
          vertices.push_back(coordsToPoint(s.graph, axes, c, lo, 0));
          const std::vector<Vec2> over = pointsOf(a.graph, g);
          vertices.insert(vertices.end(), over.begin(), over.end());
          vertices.push_back(coordsToPoint(s.graph, axes, c, hi, 0));
        }
        Mobject m = makePolygram({vertices});
        m.kind = "Polygon";
        m.style.fillColor = m.style.strokeColor = color;
        m.style.fillOpacity = m.style.strokeOpacity = a.opacity;
        m.style.strokeWidth = a.strokeWidth.value_or(4);
        const MobjectId id = s.check(s.builder.add(std::move(m)));
        s.checkFinite(id);
        return MobjectRef{id};
      }));

  struct LineGraphArgs {
    Value xs, ys, zs;
    Color color = *manim::namedColor("YELLOW");
    bool dots = true;
    double radius = manim::DEFAULT_DOT_RADIUS;
    std::optional<double> strokeWidth;
  };
  table.push_back(
      entry(methodInfo("plot_line_graph", "straight lines through points given by coordinates, a dot at each", false,
                       false, "Axes"),
            std::vector<Field<LineGraphArgs>>{
                required(field("x_values", &LineGraphArgs::xs, ParamType::Any)),
                required(field("y_values", &LineGraphArgs::ys, ParamType::Any)),
                field("z_values", &LineGraphArgs::zs, ParamType::Any, "None"),
                field("line_color", &LineGraphArgs::color, ParamType::Color, "YELLOW"),
                field("add_vertex_dots", &LineGraphArgs::dots, ParamType::Boolean, "True"),
                field("vertex_dot_radius", &LineGraphArgs::radius, ParamType::NonNegative, "DEFAULT_DOT_RADIUS"),
                field("stroke_width", &LineGraphArgs::strokeWidth, ParamType::NonNegative, "4"),
            },
            [](Session& s, const Self& me, LineGraphArgs& a) -> Value {
              const std::vector<double> xs = toNumbers(a.xs, What{s.current + ": " + s.spelled("x_values")}, s);
              const std::vector<double> ys = toNumbers(a.ys, What{s.current + ": " + s.spelled("y_values")}, s);
              if (xs.size() != ys.size() || xs.empty()) {
                fail(s.current + ": x_values and y_values must be as many, and at least one");
              }
              const CoordinateSystem& c = systemOf(s, self(me));
              std::vector<Vec2> vertices;
              for (std::size_t i = 0; i < xs.size(); ++i)
                vertices.push_back(coordsToPoint(s.graph, self(me), c, xs[i], ys[i]));
              s.check(s.builder.checkRoom(vertices.size() + 3));
              Mobject line = makeGroup();
              line.path = Path::polyline(vertices, false);
              line.style.strokeColor = line.style.fillColor = a.color;
              line.style.fillOpacity = 0;
              line.style.strokeWidth = a.strokeWidth.value_or(4);
              std::vector<MobjectId> parts{s.check(s.builder.add(std::move(line)))};
              if (a.dots) {
                std::vector<MobjectId> dots;
                for (const Vec2& v : vertices) {
                  dots.push_back(s.check(s.builder.add(makeDot(v, a.radius))));
                }
                parts.push_back(s.newGroup(dots));
              }
              const MobjectId id = s.newGroup(parts);
              s.checkFinite(id);
              return MobjectRef{id};
            }));
}

}  // namespace attnplay::api::detail
