// SPDX-License-Identifier: MIT
// The scene API's numbers and graphing: DecimalNumber, Integer, NumberLine, Axes, plot() and
// what Manim's coordinate systems give about their graphs (ManimCE 0.17.3's
// mobject/text/numbers.py, mobject/graphing/*.py). The rules are the scene library's
// (attnplay/scene/graphing.hpp); this file binds their arguments.
#include <cmath>
#include <cstdio>
#include <numbers>

#include "attnplay/frame/color.hpp"
#include "attnplay/scene/shapes.hpp"
#include "session.hpp"

namespace attnplay::api::detail {

namespace {

/// Ticks, numbers or samples of one call: well inside the script's time limit.
constexpr double kMaxSteps = 10000;
constexpr double kMaxSamples = 100000;

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
MobjectId labelOf(Session& s, const Value& label, double fontSize = kDefaultFontSize) {
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

void addNumbers(std::vector<Entry>& table) {
  struct DecimalArgs {
    double number = 0;
    std::optional<double> places;
    DecimalOptions o;
    std::optional<Color> color;
  };
  for (const bool integer : {false, true}) {
    const char* name = integer ? "Integer" : "DecimalNumber";
    std::vector<Field<DecimalArgs>> fields = {
        field("number", &DecimalArgs::number, ParamType::Number, "0"),
        field("num_decimal_places", &DecimalArgs::places, ParamType::Integer, integer ? "0" : "2"),
    };
    const auto flag = [&](const char* option, bool DecimalOptions::*member, const char* def) {
      Field<DecimalArgs> f;
      f.info = {option, ParamType::Boolean, false, false, def, {}, {}};
      f.set = [member](DecimalArgs& a, const Value& v, const What& w, const Session& s) {
        a.o.*member = toBool(v, w, s);
      };
      fields.push_back(f);
    };
    flag("include_sign", &DecimalOptions::includeSign, "False");
    flag("group_with_commas", &DecimalOptions::groupWithCommas, "True");
    flag("show_ellipsis", &DecimalOptions::showEllipsis, "False");
    {
      Field<DecimalArgs> f;
      f.info = {"unit", ParamType::Tex, false, false, "None", {}, {}};
      f.set = [](DecimalArgs& a, const Value& v, const What& w, const Session& s) {
        a.o.unit = toString(v, ParamType::Tex, {}, w, s);
      };
      fields.push_back(f);
      f.info = {"edge_to_fix", ParamType::Vector, false, false, "LEFT", {}, {}};
      f.set = [](DecimalArgs& a, const Value& v, const What& w, const Session& s) { a.o.edgeToFix = toVec(v, w, s); };
      fields.push_back(f);
      f.info = {"font_size", ParamType::Positive, false, false, "DEFAULT_FONT_SIZE", {}, {}};
      f.set = [](DecimalArgs& a, const Value& v, const What& w, const Session& s) {
        a.o.fontSize = toNumber(v, ParamType::Positive, w, s);
      };
      fields.push_back(f);
    }
    fields.push_back(field("color", &DecimalArgs::color, ParamType::Color, "WHITE"));
    table.push_back(
        entry(mobjectInfo(name, integer ? "a whole number, one MathTex per digit"
                                        : "a number with a fixed count of decimals, one MathTex per character"),
              std::move(fields), [integer](Session& s, const Self&, DecimalArgs& a) -> Value {
                a.o.decimalPlaces = static_cast<int>(a.places.value_or(integer ? 0 : 2));
                if (a.o.decimalPlaces < 0 || a.o.decimalPlaces > 100) {
                  fail(s.current + ": " + s.spelled("num_decimal_places") + " must be from 0 to 100", {},
                       ErrorCode::OutOfRange);
                }
                if (a.color) a.o.color = *a.color;
                s.check(s.builder.checkRoom(kMaxDecimalCharacters * 4));
                const MobjectId id = s.check(makeDecimalNumber(s.graph, a.number, a.o));
                if (integer) s.graph[id].kind = "Integer";
                s.decimals[id] = {a.number, a.o, s.graph.height(id)};
                return MobjectRef{id};
              }));
  }
  for (const char* owner : {"DecimalNumber", "Integer"}) {
    const auto decimalOf = [](Session& s, MobjectId id) -> Session::Decimal& {
      const auto it = s.decimals.find(id);
      if (it == s.decimals.end()) fail(s.current + ": this " + s.graph[id].kind + " is not a DecimalNumber");
      return it->second;
    };
    const bool integer = std::string_view(owner) == "Integer";
    table.push_back(reading(methodInfo("get_value", "the number it shows", false, false, owner),
                            [decimalOf, integer](Session& s, MobjectId id) {
                              const double n = decimalOf(s, id).number;
                              return Value(integer ? std::nearbyint(n) : n);
                            }));
    struct ValueArgs {
      double value = 0;
    };
    const auto set = [decimalOf](Session& s, MobjectId id, double value) {
      Session::Decimal& d = decimalOf(s, id);
      s.check(s.builder.checkRoom(kMaxDecimalCharacters * 4));
      d.initialHeight = s.check(setDecimalNumber(s.graph, id, value, d.options, d.initialHeight));
      d.number = value;
    };
    table.push_back(
        changing(methodInfo("set_value", "shows another number, its left edge kept", true, false, owner),
                 std::vector<Field<ValueArgs>>{required(field("number", &ValueArgs::value, ParamType::Number))},
                 [set](Session& s, MobjectId id, ValueArgs& a) { set(s, id, a.value); }));
    table.push_back(changing(
        methodInfo("increment_value", "adds to the number it shows", true, false, owner),
        std::vector<Field<ValueArgs>>{field("delta_t", &ValueArgs::value, ParamType::Number, "1")},
        [set, decimalOf](Session& s, MobjectId id, ValueArgs& a) { set(s, id, decimalOf(s, id).number + a.value); }));
  }
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

void addGraphs(std::vector<Entry>& table) {
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
                            Mobject d = makeArc(manim::DEFAULT_DOT_RADIUS, 0.0, 2 * std::numbers::pi, 9, point);
                            d.kind = "Dot";
                            d.style.strokeColor = d.style.fillColor = manim::WHITE;
                            d.style.strokeWidth = 0;
                            d.style.fillOpacity = 1;
                            s.graph.addChild(label, s.check(s.builder.add(std::move(d))));
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
                  Mobject d = makeArc(a.radius, 0.0, 2 * std::numbers::pi, 9, v);
                  d.kind = "Dot";
                  d.style.strokeColor = d.style.fillColor = manim::WHITE;
                  d.style.strokeWidth = 0;
                  d.style.fillOpacity = 1;
                  dots.push_back(s.check(s.builder.add(std::move(d))));
                }
                parts.push_back(s.newGroup(dots));
              }
              const MobjectId id = s.newGroup(parts);
              s.checkFinite(id);
              return MobjectRef{id};
            }));
}

}  // namespace

NumberRange planeRange(const Value& v, const What& w, const Session& s, double radius) {
  return toRange(v, w, s, {-radius, radius, 1}, kMaxSteps);
}

void addGraphing(std::vector<Entry>& table) {
  addNumbers(table);
  addCoordinateSystems(table);
  // A NumberPlane is Axes, as in Manim: it plots and labels the same.
  const std::size_t from = table.size();
  addGraphs(table);
  for (std::size_t i = from, end = table.size(); i < end; ++i) {
    Entry twin = table[i];
    twin.info.owner = "NumberPlane";
    table.push_back(std::move(twin));
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
                          if (length / a.dashLength * a.ratio > kMaxSteps) {
                            fail(s.current + ": more than 10000 dashes", {}, ErrorCode::LimitExceeded);
                          }
                          s.check(s.builder.checkRoom(static_cast<std::size_t>(length / a.dashLength * a.ratio) + 4));
                          return MobjectRef{makeDashedLine(s.graph, m, a.dashLength, a.ratio)};
                        }));
}

}  // namespace attnplay::api::detail
