// SPDX-License-Identifier: MIT
// The scene API's NumberLine and Axes (ManimCE 0.17.3's mobject/graphing/number_line.py and
// coordinate_systems.py). The rules are the scene library's (attnplay/scene/graphing.hpp); this
// file binds their arguments.
#include <cmath>
#include <cstdio>
#include <numbers>

#include "graphing.hpp"

namespace attnplay::api::detail {

std::vector<double> toNumbers(const Value& v, const What& w, const Session& s) {
  if (v.isNone()) return {};
  const List* l = v.get<List>();
  if (!l) fail(w.text + " must be a list of numbers, got " + describe(v, s.language));
  if (l->size() > kMaxSteps) fail(w.text + ": more than 10000 numbers", {}, ErrorCode::LimitExceeded);
  std::vector<double> out;
  for (std::size_t i = 0; i < l->size(); ++i) {
    out.push_back(toNumber((*l)[i], ParamType::Number, What{w.text + " item " + std::to_string(i + 1)}, s));
  }
  return out;
}

/// (min, max) or (min, max, step), as Manim's ranges are given.
NumberRange toRange(const Value& v, const What& w, const Session& s, NumberRange fallback, double maxSteps) {
  NumberRange r = fallback;
  if (v.isNone()) return r;
  const List* l = v.get<List>();
  if (!l || l->size() < 2 || l->size() > 3) {
    fail(w.text + " must be (min, max) or (min, max, step), got " + describe(v, s.language));
  }
  for (std::size_t i = 0; i < l->size(); ++i) r[i] = toNumber((*l)[i], ParamType::Number, w, s);
  if (!(r[0] < r[1]) || !(r[2] > 0))
    fail(w.text + " needs min < max and a step more than 0", {}, ErrorCode::OutOfRange);
  if ((r[1] - r[0]) / r[2] > maxSteps) {
    fail(w.text + ": more than " + std::to_string(static_cast<long>(maxSteps)) + " steps", {},
         ErrorCode::LimitExceeded);
  }
  return r;
}

const CoordinateSystem& systemOf(const Session& s, MobjectId id) {
  const auto it = s.coordinateSystems.find(id);
  if (it == s.coordinateSystems.end()) fail(s.current + ": this " + s.graph[id].kind + " is not Axes or a NumberPlane");
  return it->second;
}

const Session::Graph& graphOf(const Session& s, MobjectId id) {
  const auto it = s.graphs.find(id);
  if (it == s.graphs.end()) {
    fail(s.current + ": the graph must be one plot() made", "attnplay reads a graph's points through its function");
  }
  return it->second;
}

double valueAt(const Session& s, const Session::Graph& g, double x) {
  return toNumber(callFunction(g.function, {Value(x)}, s), ParamType::Number,
                  What{s.current + ": the function's value"}, s);
}

/// Manim's input_to_graph_point: the graph's function through the axes it was plotted on.
Vec2 graphPoint(const Session& s, const Session::Graph& g, double x) {
  return coordsToPoint(s.graph, g.axes, systemOf(s, g.axes), x, valueAt(s, g, x));
}

/// Manim's _create_label_tex: a mobject as it is, anything else as MathTex.
MobjectId labelOf(Session& s, const Value& label, double fontSize) {
  if (label.get<MobjectRef>()) return toMobject(label, What{s.current + ": the label"}, s);
  const std::string tex = toString(label, ParamType::Tex, {}, What{s.current + ": the label"}, s);
  MathTexOptions o;
  o.fontSize = fontSize;
  return s.check(s.builder.mathTex({tex}, o));
}

/// Mobject.shift_onto_screen: back inside the frame by `buff` where it crosses an edge.
void shiftOntoScreen(Session& s, MobjectId id, double buff) {
  for (const Vec2& v : {manim::UP, manim::DOWN, manim::LEFT, manim::RIGHT}) {
    const double radius = v.x() != 0 ? manim::FRAME_X_RADIUS : manim::FRAME_Y_RADIUS;
    if (s.graph.criticalPoint(id, v).dot(v) > radius - buff) s.graph.toEdge(id, v, buff);
  }
}

/// Manim's color_gradient: n colours evenly along the given ones.
std::vector<Color> gradient(const std::vector<Color>& colors, std::size_t n) {
  std::vector<Color> out;
  if (colors.size() == 1 || n == 0) return std::vector<Color>(n, colors.front());
  for (std::size_t i = 0; i < n; ++i) {
    const double alpha = n == 1 ? 0 : static_cast<double>(i) * static_cast<double>(colors.size() - 1) / (n - 1);
    std::size_t floor = static_cast<std::size_t>(alpha);
    double rest = alpha - std::floor(alpha);
    if (i + 1 == n) {
      floor = colors.size() - 2;
      rest = 1;
    }
    out.push_back(interpolateColor(colors[floor], colors[floor + 1], rest));
  }
  return out;
}

std::vector<Color> toColors(const Value& v, const What& w, const Session& s) {
  if (const List* l = v.get<List>()) {
    std::vector<Color> out;
    for (const Value& c : *l) out.push_back(toColor(c, w, s));
    if (out.empty()) fail(w.text + " needs at least one colour");
    return out;
  }
  return {toColor(v, w, s)};
}

namespace {

/// NumberLine's decimal places from its step as Python prints it (0.25 → 2, 1 → 0). A step
/// written 1.0 prints "1.0" in Python, one place; a number here does not keep how it was written.
int placesOf(double step) {
  for (int places = 0; places < 17; ++places) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", places, step);
    if (std::strtod(text, nullptr) == step) return places;
  }
  return 17;
}

const EntryInfo kNumberLineInfo = mobjectInfo("NumberLine", "a line with ticks, and numbers under them");

struct LineArgs {
  Value range, decimalConfig, elongated, exclude, include;
  NumberLineOptions o;
  std::optional<Color> color;
};

template <typename T>
Field<LineArgs> option(const char* name, T NumberLineOptions::*member, ParamType type, const char* def) {
  Field<LineArgs> f;
  f.info = {name, type, false, false, def, {}, {}};
  f.set = [member, info = f.info](LineArgs& a, const Value& v, const What& w, const Session& s) {
    a.o.*member = Convert<T>::from(v, info, w, s);
  };
  return f;
}

std::vector<Field<LineArgs>> lineFields() {
  using D = std::optional<double>;
  std::vector<Field<LineArgs>> f = {
      field("x_range", &LineArgs::range, ParamType::Any, "[-7, 7, 1]"),
      option<D>("length", &NumberLineOptions::length, ParamType::NonNegative, "None"),
      option("unit_size", &NumberLineOptions::unitSize, ParamType::Positive, "1"),
      option("include_ticks", &NumberLineOptions::includeTicks, ParamType::Boolean, "True"),
      option("tick_size", &NumberLineOptions::tickSize, ParamType::NonNegative, "0.1"),
      field("numbers_with_elongated_ticks", &LineArgs::elongated, ParamType::Any, "None"),
      option("longer_tick_multiple", &NumberLineOptions::longerTickMultiple, ParamType::NonNegative, "2"),
      option("exclude_origin_tick", &NumberLineOptions::excludeOriginTick, ParamType::Boolean, "False"),
      option("rotation", &NumberLineOptions::rotation, ParamType::Number, "0"),
      option("stroke_width", &NumberLineOptions::strokeWidth, ParamType::NonNegative, "2.0"),
      option("include_tip", &NumberLineOptions::includeTip, ParamType::Boolean, "False"),
      option("tip_width", &NumberLineOptions::tipWidth, ParamType::NonNegative, "DEFAULT_ARROW_TIP_LENGTH"),
      option("tip_height", &NumberLineOptions::tipHeight, ParamType::NonNegative, "DEFAULT_ARROW_TIP_LENGTH"),
      option("include_numbers", &NumberLineOptions::includeNumbers, ParamType::Boolean, "False"),
      option("font_size", &NumberLineOptions::fontSize, ParamType::Positive, "36"),
      option("label_direction", &NumberLineOptions::labelDirection, ParamType::Vector, "DOWN"),
      option("line_to_number_buff", &NumberLineOptions::lineToNumberBuff, ParamType::Number, "MED_SMALL_BUFF"),
      field("decimal_number_config", &LineArgs::decimalConfig, ParamType::Any, "None"),
      field("numbers_to_exclude", &LineArgs::exclude, ParamType::Any, "None"),
      field("numbers_to_include", &LineArgs::include, ParamType::Any, "None"),
      field("color", &LineArgs::color, ParamType::Color, "WHITE"),
  };
  return f;
}

/// The options a NumberLine's arguments make; `what` names them in messages.
NumberLineOptions lineOptions(LineArgs& a, const std::string& what, Session& s, NumberRange fallback) {
  NumberLineOptions o = a.o;
  o.range = toRange(a.range, What{what + " " + s.spelled("x_range")}, s, fallback, kMaxSteps);
  o.elongatedTicks = toNumbers(a.elongated, What{what + " " + s.spelled("numbers_with_elongated_ticks")}, s);
  o.numbersToExclude = toNumbers(a.exclude, What{what + " " + s.spelled("numbers_to_exclude")}, s);
  if (!a.include.isNone()) {
    o.numbersToInclude = toNumbers(a.include, What{what + " " + s.spelled("numbers_to_include")}, s);
  }
  o.decimalPlaces = placesOf(o.range[2]);
  if (const Dict* d = a.decimalConfig.get<Dict>()) {
    for (const auto& [key, v] : *d) {
      if (snakeCase(key) != "num_decimal_places") {
        fail(what + ": " + s.spelled("decimal_number_config") + " takes num_decimal_places only, not '" + key + "'");
      }
      o.decimalPlaces = static_cast<int>(toNumber(v, ParamType::Integer, What{what + " num_decimal_places"}, s));
    }
  }
  if (a.color) o.color = *a.color;
  const std::size_t size = numberLineSize(o);
  s.check(s.builder.checkRoom(size));
  return o;
}

/// A NumberLine's arguments given as a dict (Axes' axis_config), keys in either spelling.
LineArgs bindLineDict(const Dict& config, const Session& s) {
  Args args;
  for (const auto& [key, v] : config) args.keywords.emplace_back(snakeCase(key), v);
  EntryInfo info = kNumberLineInfo;
  return bindArgs(info, lineFields(), args, s);
}

/// The keys of `over` replace those of `base` (Manim's update_dict_recursively, one level).
Dict merged(Dict base, const Value& over, const What& w, const Session& s) {
  if (over.isNone()) return base;
  const Dict* d = over.get<Dict>();
  if (!d) fail(w.text + " must be a dict of NumberLine options, got " + describe(over, s.language));
  for (const auto& [key, v] : *d) {
    const std::string name = snakeCase(key);
    auto it = std::find_if(base.begin(), base.end(), [&](const auto& kv) { return kv.first == name; });
    if (it == base.end()) {
      base.emplace_back(name, v);
    } else {
      it->second = v;
    }
  }
  return base;
}

void addCoordinateSystems(std::vector<Entry>& table) {
  table.push_back(entry(kNumberLineInfo, lineFields(), [](Session& s, const Self&, LineArgs& a) -> Value {
    const NumberLineOptions o = lineOptions(a, s.current, s, {-7, 7, 1});
    const MobjectId id = s.check(makeNumberLine(s.graph, o));
    s.numberLines[id] = o.range;
    return MobjectRef{id};
  }));
  struct NumberArgs {
    double x = 0;
  };
  for (const char* name : {"number_to_point", "n2p"}) {
    table.push_back(entry(methodInfo(name, "the point of a number on the line", false, false, "NumberLine"),
                          std::vector<Field<NumberArgs>>{required(field("number", &NumberArgs::x, ParamType::Number))},
                          [](Session& s, const Self& me, NumberArgs& a) -> Value {
                            const auto it = s.numberLines.find(self(me));
                            if (it == s.numberLines.end()) fail(s.current + ": this is not a NumberLine");
                            return numberToPoint(s.graph, self(me), it->second, a.x);
                          }));
  }
  struct PointArgs {
    Vec2 point = manim::ORIGIN;
  };
  for (const char* name : {"point_to_number", "p2n"}) {
    table.push_back(entry(methodInfo(name, "the number at a point's place along the line", false, false, "NumberLine"),
                          std::vector<Field<PointArgs>>{required(field("point", &PointArgs::point, ParamType::Vector))},
                          [](Session& s, const Self& me, PointArgs& a) -> Value {
                            const auto it = s.numberLines.find(self(me));
                            if (it == s.numberLines.end()) fail(s.current + ": this is not a NumberLine");
                            return pointToNumber(s.graph, self(me), it->second, a.point);
                          }));
  }

  struct AxesArgs {
    Value xRange, yRange, axisConfig, xConfig, yConfig;
    std::optional<double> xLength = 12, yLength = 6;
    bool tips = true;
  };
  table.push_back(entry(
      mobjectInfo("Axes", "two number lines crossing at the origin of their ranges"),
      std::vector<Field<AxesArgs>>{
          field("x_range", &AxesArgs::xRange, ParamType::Any, "[-7, 7, 1]"),
          field("y_range", &AxesArgs::yRange, ParamType::Any, "[-4, 4, 1]"),
          field("x_length", &AxesArgs::xLength, ParamType::NonNegative, "round(config.frame_width) - 2"),
          field("y_length", &AxesArgs::yLength, ParamType::NonNegative, "round(config.frame_height) - 2"),
          field("axis_config", &AxesArgs::axisConfig, ParamType::Any, "None"),
          field("x_axis_config", &AxesArgs::xConfig, ParamType::Any, "None"),
          field("y_axis_config", &AxesArgs::yConfig, ParamType::Any, "None"),
          field("tips", &AxesArgs::tips, ParamType::Boolean, "True"),
      },
      [](Session& s, const Self&, AxesArgs& a) -> Value {
        const Dict common = merged({{"include_tip", a.tips}, {"numbers_to_exclude", List{Value(0)}}}, a.axisConfig,
                                   What{s.current + ": " + s.spelled("axis_config")}, s);
        Dict x = merged(common, a.xConfig, What{s.current + ": " + s.spelled("x_axis_config")}, s);
        Dict y =
            merged(merged(common, Dict{{"rotation", std::numbers::pi / 2}, {"label_direction", manim::LEFT}}, {}, s),
                   a.yConfig, What{s.current + ": " + s.spelled("y_axis_config")}, s);
        const auto options = [&](Dict& config, const Value& range, const char* name, NumberRange fallback,
                                 std::optional<double> length) {
          for (auto& [key, v] : config) {
            if (key == "x_range") fail(s.current + ": give the axis's range as " + s.spelled(name));
          }
          config.emplace_back("x_range", range);
          LineArgs line = bindLineDict(config, s);
          NumberLineOptions o = lineOptions(line, s.current + " " + s.spelled(name), s, fallback);
          o.excludeOriginTick = true;
          o.length = length;
          return o;
        };
        const NumberLineOptions xo = options(x, a.xRange, "x_range", {-7, 7, 1}, a.xLength);
        const NumberLineOptions yo = options(y, a.yRange, "y_range", {-4, 4, 1}, a.yLength);
        const MobjectId id = s.check(makeAxes(s.graph, xo, yo));
        s.coordinateSystems[id] = CoordinateSystem{0, 1, xo.range, yo.range};
        s.numberLines[s.graph[id].children[0]] = xo.range;
        s.numberLines[s.graph[id].children[1]] = yo.range;
        return MobjectRef{id};
      }));

  struct CoordsArgs {
    double x = 0, y = 0, z = 0;
  };
  for (const char* owner : {"Axes", "NumberPlane"}) {
    for (const char* name : {"coords_to_point", "c2p"}) {
      table.push_back(entry(methodInfo(name, "the scene point of coordinates (x, y)", false, false, owner),
                            std::vector<Field<CoordsArgs>>{required(field("x", &CoordsArgs::x, ParamType::Number)),
                                                           required(field("y", &CoordsArgs::y, ParamType::Number)),
                                                           field("z", &CoordsArgs::z, ParamType::Number, "0")},
                            [](Session& s, const Self& me, CoordsArgs& a) -> Value {
                              return coordsToPoint(s.graph, self(me), systemOf(s, self(me)), a.x, a.y);
                            }));
    }
    for (const char* name : {"point_to_coords", "p2c"}) {
      table.push_back(
          entry(methodInfo(name, "the coordinates (x, y) of a scene point", false, false, owner),
                std::vector<Field<PointArgs>>{required(field("point", &PointArgs::point, ParamType::Vector))},
                [](Session& s, const Self& me, PointArgs& a) -> Value {
                  const Vec2 c = pointToCoords(s.graph, self(me), systemOf(s, self(me)), a.point);
                  return List{Value(c.x()), Value(c.y())};
                }));
    }
    table.push_back(
        reading(methodInfo("get_origin", "the scene point of (0, 0)", false, false, owner),
                [](Session& s, MobjectId id) -> Value { return coordsToPoint(s.graph, id, systemOf(s, id), 0, 0); }));
    for (const bool x : {true, false}) {
      const auto axis = [x](Session& s, MobjectId id) {
        const CoordinateSystem& c = systemOf(s, id);
        return s.graph[id].children.at(x ? c.xAxis : c.yAxis);
      };
      for (const char* name : {x ? "get_x_axis" : "get_y_axis", x ? "x_axis" : "y_axis"}) {
        const bool attribute = name[0] != 'g';
        table.push_back(reading(
            methodInfo(name, x ? "the x axis, a NumberLine" : "the y axis, a NumberLine", false, attribute, owner),
            [axis](Session& s, MobjectId id) -> Value { return MobjectRef{axis(s, id)}; }));
      }
      table.push_back(
          reading(methodInfo(x ? "x_range" : "y_range", "the axis's range: min, max, step", false, true, owner),
                  [x](Session& s, MobjectId id) -> Value {
                    const NumberRange& r = x ? systemOf(s, id).x : systemOf(s, id).y;
                    return List{Value(r[0]), Value(r[1]), Value(r[2])};
                  }));
    }
    table.push_back(reading(methodInfo("get_axes", "the two axes, as a group", false, false, owner),
                            [](Session& s, MobjectId id) -> Value {
                              const CoordinateSystem& c = systemOf(s, id);
                              const auto& ch = s.graph[id].children;
                              return MobjectRef{s.newGroup({ch.at(c.xAxis), ch.at(c.yAxis)})};
                            }));
  }
}
}  // namespace

NumberRange planeRange(const Value& v, const What& w, const Session& s, double radius) {
  return toRange(v, w, s, {-radius, radius, 1}, kMaxSteps);
}
void addGraphing(std::vector<Entry>& table) {
  addCoordinateSystems(table);
  // A NumberPlane is Axes, as in Manim: it plots and labels the same.
  const std::size_t from = table.size();
  addPlots(table);
  for (std::size_t i = from, end = table.size(); i < end; ++i) {
    Entry twin = table[i];
    twin.info.owner = "NumberPlane";
    table.push_back(std::move(twin));
  }
}

}  // namespace attnplay::api::detail
