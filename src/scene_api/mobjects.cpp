// SPDX-License-Identifier: MIT
// The scene API's mobject classes, with Manim's positional order and defaults (ManimCE 0.17.3).
#include <QString>
#include <array>
#include <numbers>

#include "attnplay/scene/constants.hpp"
#include "attnplay/scene/shapes.hpp"
#include "session.hpp"

namespace attnplay::api::detail {

namespace {

/// Manim's VMobject style arguments.
struct StyleArgs {
  std::optional<Color> color, fillColor, strokeColor;
  std::optional<double> fillOpacity, strokeOpacity, strokeWidth;

  /// `color` sets fill and stroke unless they are given themselves, as in Manim.
  void apply(Style& style) const {
    if (color) style.fillColor = style.strokeColor = *color;
    if (fillColor) style.fillColor = *fillColor;
    if (strokeColor) style.strokeColor = *strokeColor;
    if (fillOpacity) style.fillOpacity = *fillOpacity;
    if (strokeOpacity) style.strokeOpacity = *strokeOpacity;
    if (strokeWidth) style.strokeWidth = *strokeWidth;
  }
};

template <typename A>
std::vector<Field<A>> withStyle(std::vector<Field<A>> fields, bool color = true, bool style = true) {
  using C = std::optional<Color>;
  using D = std::optional<double>;
  if (color) fields.push_back(field<A, C>("color", &A::color, ParamType::Color));
  if (!style) return fields;
  fields.push_back(field<A, C>("fill_color", &A::fillColor, ParamType::Color));
  fields.push_back(field<A, D>("fill_opacity", &A::fillOpacity, ParamType::Opacity, "0.0"));
  fields.push_back(field<A, C>("stroke_color", &A::strokeColor, ParamType::Color));
  fields.push_back(field<A, D>("stroke_width", &A::strokeWidth, ParamType::NonNegative, "4"));
  fields.push_back(field<A, D>("stroke_opacity", &A::strokeOpacity, ParamType::Opacity, "1.0"));
  return fields;
}

Value made(Session& s, Mobject m, const StyleArgs& style) {
  style.apply(m.style);
  return MobjectRef{s.check(s.builder.add(std::move(m)))};
}

/// Native work must end well inside the script's time limit.
constexpr std::size_t kMaxMatrixCells = 10000;

/// Text and TeX glyphs are filled and unstroked: the style arguments' defaults say so.
template <typename A>
std::vector<Field<A>> glyphStyle(std::vector<Field<A>> fields) {
  for (Field<A>& f : fields) {
    if (f.info.name == "fill_opacity") f.info.defaultText = "1.0";
    if (f.info.name == "stroke_width") f.info.defaultText = "0";
  }
  return fields;
}

/// Tex's string as math: text in \\text{…}, and what stands between $ signs as math, as
/// LaTeX reads a Tex string.
std::string textWithMath(const std::string& tex) {
  std::string out, run;
  bool math = false;
  const auto flush = [&] {
    if (!run.empty()) out += math ? "{" + run + "}" : "\\text{" + run + "}";
    run.clear();
  };
  for (std::size_t i = 0; i < tex.size(); ++i) {
    if (!math && tex.compare(i, 2, "\\\\") == 0) {
      // A line break of the paragraph, set by the typesetter outside \text{}; LaTeX drops the
      // spaces on either side of it.
      while (!run.empty() && run.back() == ' ') run.pop_back();
      flush();
      out += "\\\\";
      for (++i; i + 1 < tex.size() && tex[i + 1] == ' ';) ++i;
    } else if (tex[i] == '\\' && i + 1 < tex.size()) {
      run += tex.substr(i, 2);
      ++i;
    } else if (tex[i] == '$') {
      flush();
      math = !math;
    } else {
      run += tex[i];
    }
  }
  flush();
  return out.empty() ? "\\text{}" : out;
}

/// Vertices of one shape: well inside the script's time limit.
constexpr std::size_t kMaxShapeVertices = 10000;

/// Manim's geometry beyond the seed's (geometry/arc.py, geometry/polygram.py of ManimCE 0.17.3).
void addShapes(std::vector<Entry>& table) {
  using OptColor = std::optional<Color>;
  struct ArcArgs : StyleArgs {
    double radius = 1.0, startAngle = 0.0, angle = std::numbers::pi / 2, components = 9;
    Vec2 center = manim::ORIGIN;
  };
  table.push_back(entry(mobjectInfo("Arc", "a circular arc of cubic pieces, white outline"),
                        withStyle<ArcArgs>({
                            field("radius", &ArcArgs::radius, ParamType::NonNegative, "1.0"),
                            field("start_angle", &ArcArgs::startAngle, ParamType::Number, "0"),
                            field("angle", &ArcArgs::angle, ParamType::Number, "TAU/4"),
                            field("num_components", &ArcArgs::components, ParamType::Integer, "9"),
                            field("arc_center", &ArcArgs::center, ParamType::Vector, "ORIGIN"),
                        }),
                        [](Session& s, const Self&, ArcArgs& a) {
                          if (a.components < 2 || a.components > kMaxShapeVertices) {
                            fail(s.current + ": " + s.spelled("num_components") + " must be from 2 to " +
                                     std::to_string(kMaxShapeVertices),
                                 {}, ErrorCode::OutOfRange);
                          }
                          Mobject m =
                              makeArc(a.radius, a.startAngle, a.angle, static_cast<int>(a.components), a.center);
                          return made(s, std::move(m), a);
                        }));

  struct DotArgs : StyleArgs {
    Vec2 point = manim::ORIGIN;
    double radius = manim::DEFAULT_DOT_RADIUS;
  };
  table.push_back(entry(
      mobjectInfo("Dot", "a small filled circle, white, no outline"),
      withStyle<DotArgs>(
          {
              field("point", &DotArgs::point, ParamType::Vector, "ORIGIN"),
              field("radius", &DotArgs::radius, ParamType::NonNegative, "DEFAULT_DOT_RADIUS"),
              field<DotArgs, std::optional<double>>("stroke_width", &DotArgs::strokeWidth, ParamType::NonNegative, "0"),
              field<DotArgs, std::optional<double>>("fill_opacity", &DotArgs::fillOpacity, ParamType::Opacity, "1.0"),
              field<DotArgs, OptColor>("color", &DotArgs::color, ParamType::Color, "WHITE"),
              field<DotArgs, OptColor>("fill_color", &DotArgs::fillColor, ParamType::Color),
              field<DotArgs, OptColor>("stroke_color", &DotArgs::strokeColor, ParamType::Color),
              field<DotArgs, std::optional<double>>("stroke_opacity", &DotArgs::strokeOpacity, ParamType::Opacity,
                                                    "1.0"),
          },
          false, false),
      [](Session& s, const Self&, DotArgs& a) { return made(s, makeDot(a.point, a.radius), a); }));

  struct EllipseArgs : StyleArgs {
    double width = 2.0, height = 1.0;
  };
  table.push_back(entry(mobjectInfo("Ellipse", "a circle stretched to a width and height, red outline"),
                        withStyle<EllipseArgs>(
                            {
                                field("width", &EllipseArgs::width, ParamType::NonNegative, "2"),
                                field("height", &EllipseArgs::height, ParamType::NonNegative, "1"),
                                field<EllipseArgs, OptColor>("color", &EllipseArgs::color, ParamType::Color, "RED"),
                            },
                            false),
                        [](Session& s, const Self&, EllipseArgs& a) {
                          Value v = made(s, makeCircle(1.0), a);
                          const MobjectId id = v.get<MobjectRef>()->id;
                          s.graph[id].kind = "Ellipse";
                          s.graph.stretchToFit(id, a.width, 0);
                          s.graph.stretchToFit(id, a.height, 1);
                          return v;
                        }));

  struct PolygonArgs : StyleArgs {
    std::vector<Vec2> vertices;
  };
  table.push_back(entry(mobjectInfo("Polygon", "a closed path of straight segments through the vertices, blue outline"),
                        withStyle<PolygonArgs>({rest("vertices", &PolygonArgs::vertices, ParamType::Vector)}),
                        [](Session& s, const Self&, PolygonArgs& a) {
                          if (a.vertices.empty()) fail(s.current + ": a polygon needs at least one vertex");
                          if (a.vertices.size() > kMaxShapeVertices) {
                            fail(s.current + ": more than " + std::to_string(kMaxShapeVertices) + " vertices", {},
                                 ErrorCode::LimitExceeded);
                          }
                          Mobject m = makePolygram({a.vertices});
                          m.kind = "Polygon";
                          return made(s, std::move(m), a);
                        }));

  struct RegularArgs : StyleArgs {
    double n = 6, density = 2, radius = 1.0;
    std::optional<double> startAngle;
  };
  const auto regular = [&](const char* name, const char* summary, double n, bool density) {
    std::vector<Field<RegularArgs>> fields;
    if (n == 0) {
      fields.push_back(field(density ? "num_vertices" : "n", &RegularArgs::n, ParamType::Integer, density ? "" : "6"));
      if (density) fields.back().info.required = true;
    }
    if (density) fields.push_back(field("density", &RegularArgs::density, ParamType::Integer, "2"));
    fields.push_back(field("radius", &RegularArgs::radius, ParamType::NonNegative, "1"));
    fields.push_back(
        field<RegularArgs, std::optional<double>>("start_angle", &RegularArgs::startAngle, ParamType::Number, "None"));
    table.push_back(entry(mobjectInfo(name, summary), withStyle<RegularArgs>(std::move(fields)),
                          [name = std::string(name), n, density](Session& s, const Self&, RegularArgs& a) {
                            const double vertices = n != 0 ? n : a.n;
                            if (vertices < 1 || vertices > kMaxShapeVertices) {
                              fail(s.current + ": a polygon of " + QString::number(vertices).toStdString() +
                                       " vertices; give from 1 to " + std::to_string(kMaxShapeVertices),
                                   {}, ErrorCode::OutOfRange);
                            }
                            const double d = density ? a.density : 1;
                            if (d < 1) fail(s.current + ": the density must be 1 or more", {}, ErrorCode::OutOfRange);
                            Mobject m = makeRegularPolygram(static_cast<int>(vertices), static_cast<int>(d), a.radius,
                                                            a.startAngle);
                            m.kind = name;
                            return made(s, std::move(m), a);
                          }));
  };
  regular("RegularPolygram", "every density-th of n regular vertices joined, blue outline", 0, true);
  regular("RegularPolygon", "a regular polygon of n vertices, blue outline", 0, false);
  regular("Triangle", "an equilateral triangle pointing up, blue outline", 3, false);

  // NumberPlane (graphing/coordinate_systems.py): BLUE_D grid lines every step, parallel to
  // each axis from the other's crossing outwards, under two white axes; the middle of the
  // ranges at the origin, one unit per scene unit.
  struct PlaneArgs {
    Value xRange, yRange;
  };
  table.push_back(entry(
      mobjectInfo("NumberPlane", "a grid of blue lines under white axes, one unit per scene unit"),
      std::vector<Field<PlaneArgs>>{
          field("x_range", &PlaneArgs::xRange, ParamType::Any, "(-FRAME_X_RADIUS, FRAME_X_RADIUS, 1)"),
          field("y_range", &PlaneArgs::yRange, ParamType::Any, "(-FRAME_Y_RADIUS, FRAME_Y_RADIUS, 1)")},
      [](Session& s, const Self&, PlaneArgs& a) -> Value {
        const auto range = [&](const Value& v, const char* name, double radius) {
          return planeRange(v, What{s.current + ": " + s.spelled(name)}, s, radius);
        };
        const auto x = range(a.xRange, "x_range", manim::FRAME_X_RADIUS);
        const auto y = range(a.yRange, "y_range", manim::FRAME_Y_RADIUS);
        // Each axis crosses the other at 0, or at the end of its range nearer 0.
        const auto originOf = [](const std::array<double, 3>& r) { return r[0] > 0 ? r[0] : r[1] < 0 ? r[1] : 0.0; };
        const double cx = (x[0] + x[1]) / 2, cy = (y[0] + y[1]) / 2, ox = originOf(x), oy = originOf(y);
        const auto point = [&](double px, double py) { return Vec2(px - cx, py - cy); };
        const auto styled = [](Mobject m, const Color& c) {
          m.style.strokeColor = m.style.fillColor = c;
          m.style.strokeWidth = 2;
          m.style.strokeOpacity = 1;
          return m;
        };
        const Color blue = *manim::namedColor("BLUE_D");
        // Manim's _get_lines_parallel_to_axis: offsets 0, step, 2·step… and −step… (np.arange).
        const auto offsets = [](const std::array<double, 3>& r) {
          std::vector<double> out{0};
          for (double v = r[2]; v < std::min(r[1] - r[0], r[1]); v += r[2]) out.push_back(v);
          for (double v = -r[2]; v > std::max(r[0] - r[1], r[0]); v -= r[2]) out.push_back(v);
          return out;
        };
        std::vector<MobjectId> lines;
        for (double dy : offsets(y)) {
          lines.push_back(s.check(s.builder.add(styled(makeLine(point(x[0], oy + dy), point(x[1], oy + dy)), blue))));
        }
        for (double dx : offsets(x)) {
          lines.push_back(s.check(s.builder.add(styled(makeLine(point(ox + dx, y[0]), point(ox + dx, y[1])), blue))));
        }
        const MobjectId faded = s.check(s.builder.group({}));
        const MobjectId background = s.check(s.builder.group(lines));
        Mobject xAxis = styled(makeLine(point(x[0], oy), point(x[1], oy)), manim::WHITE);
        Mobject yAxis = styled(makeLine(point(ox, y[0]), point(ox, y[1])), manim::WHITE);
        xAxis.kind = yAxis.kind = "NumberLine";
        const MobjectId xa = s.check(s.builder.add(std::move(xAxis)));
        const MobjectId ya = s.check(s.builder.add(std::move(yAxis)));
        const MobjectId plane = s.check(s.builder.group({faded, background, xa, ya}));
        s.graph[plane].kind = "NumberPlane";
        s.coordinateSystems[plane] = CoordinateSystem{2, 3, x, y};
        s.numberLines[xa] = x;
        s.numberLines[ya] = y;
        return MobjectRef{plane};
      }));
}

}  // namespace

void addMobjects(std::vector<Entry>& table) {
  struct RectangleArgs : StyleArgs {
    double height = 2.0, width = 4.0;
  };
  table.push_back(entry(
      mobjectInfo("Rectangle", "a rectangle, white outline, no fill"),
      withStyle<RectangleArgs>(
          {
              field<RectangleArgs, std::optional<Color>>("color", &RectangleArgs::color, ParamType::Color, "WHITE"),
              field("height", &RectangleArgs::height, ParamType::NonNegative, "2.0"),
              field("width", &RectangleArgs::width, ParamType::NonNegative, "4.0"),
          },
          false),
      [](Session& s, const Self&, RectangleArgs& a) { return made(s, makeRectangle(a.width, a.height), a); }));

  struct SquareArgs : StyleArgs {
    double sideLength = 2.0;
  };
  table.push_back(
      entry(mobjectInfo("Square", "a square, white outline, no fill"),
            withStyle<SquareArgs>({field("side_length", &SquareArgs::sideLength, ParamType::NonNegative, "2.0")}),
            [](Session& s, const Self&, SquareArgs& a) { return made(s, makeSquare(a.sideLength), a); }));

  struct CircleArgs : StyleArgs {
    double radius = 1.0;
  };
  table.push_back(
      entry(mobjectInfo("Circle", "a circle of eight cubic arcs, red outline"),
            withStyle<CircleArgs>(
                {
                    field("radius", &CircleArgs::radius, ParamType::NonNegative, "1.0"),
                    field<CircleArgs, std::optional<Color>>("color", &CircleArgs::color, ParamType::Color, "RED"),
                },
                false),
            [](Session& s, const Self&, CircleArgs& a) { return made(s, makeCircle(a.radius), a); }));

  struct LineArgs : StyleArgs {
    LayoutTarget start = manim::LEFT, end = manim::RIGHT;
    double buff = 0;
  };
  table.push_back(entry(mobjectInfo("Line", "a line between points or mobjects' edges"),
                        withStyle<LineArgs>({
                            field("start", &LineArgs::start, ParamType::Target, "LEFT"),
                            field("end", &LineArgs::end, ParamType::Target, "RIGHT"),
                            field("buff", &LineArgs::buff, ParamType::NonNegative, "0"),
                        }),
                        [](Session& s, const Self&, LineArgs& a) {
                          const MobjectId id = s.check(s.builder.line(a.start, a.end, a.buff));
                          a.apply(s.graph[id].style);
                          return Value(MobjectRef{id});
                        }));

  struct ArrowArgs {
    LayoutTarget start = manim::LEFT, end = manim::RIGHT;
    ArrowOptions o;
    std::optional<double> buff;  ///< Arrow's MED_SMALL_BUFF, Vector's 0, unless given
  };
  std::vector<Field<ArrowArgs>> arrow = {
      field("start", &ArrowArgs::start, ParamType::Target, "LEFT"),
      field("end", &ArrowArgs::end, ParamType::Target, "RIGHT"),
  };
  const auto arrowOption = [&](const char* name, double ArrowOptions::*member, const char* def) {
    Field<ArrowArgs> f;
    f.info.name = name;
    f.info.type = ParamType::NonNegative;
    f.info.defaultText = def;
    f.set = [member, info = f.info](ArrowArgs& a, const Value& v, const What& w, const Session& s) {
      a.o.*member = toNumber(v, info.type, w, s);
    };
    arrow.push_back(f);
  };
  {
    Field<ArrowArgs> f;
    f.info.name = "buff";
    f.info.type = ParamType::NonNegative;
    f.info.defaultText = "MED_SMALL_BUFF";
    f.set = [info = f.info](ArrowArgs& a, const Value& v, const What& w, const Session& s) {
      a.buff = toNumber(v, info.type, w, s);
    };
    arrow.push_back(f);
  }
  arrowOption("stroke_width", &ArrowOptions::strokeWidth, "6");
  arrowOption("tip_length", &ArrowOptions::tipLength, "DEFAULT_ARROW_TIP_LENGTH");
  arrowOption("max_tip_length_to_length_ratio", &ArrowOptions::maxTipLengthToLengthRatio, "0.25");
  arrowOption("max_stroke_width_to_length_ratio", &ArrowOptions::maxStrokeWidthToLengthRatio, "5");
  {
    Field<ArrowArgs> f;
    f.info.name = "color";
    f.info.type = ParamType::Color;
    f.info.defaultText = "WHITE";
    f.set = [](ArrowArgs& a, const Value& v, const What& w, const Session& s) { a.o.color = toColor(v, w, s); };
    arrow.push_back(f);
  }
  // Manim's Vector: an arrow from the origin, no buff, a direction its one positional argument.
  std::vector<Field<ArrowArgs>> vector(arrow.begin() + 2, arrow.end());
  for (Field<ArrowArgs>& f : vector) {
    if (f.info.name == "buff") f.info.defaultText = "0";
  }
  vector.insert(vector.begin(), field("direction", &ArrowArgs::end, ParamType::Target, "RIGHT"));
  table.push_back(entry(mobjectInfo("Arrow", "a line with a triangular tip, Manim's rules for short arrows"),
                        std::move(arrow), [](Session& s, const Self&, ArrowArgs& a) {
                          a.o.buff = a.buff.value_or(manim::MED_SMALL_BUFF);
                          return Value(MobjectRef{s.check(s.builder.arrow(a.start, a.end, a.o))});
                        }));
  table.push_back(entry(mobjectInfo("Vector", "an arrow from the origin in a direction"), std::move(vector),
                        [](Session& s, const Self&, ArrowArgs& a) {
                          a.o.buff = a.buff.value_or(0.0);
                          const MobjectId id = s.check(s.builder.arrow(manim::ORIGIN, a.end, a.o));
                          s.graph[id].kind = "Vector";
                          return Value(MobjectRef{id});
                        }));

  struct SurroundArgs : StyleArgs {
    MobjectId mobject = 0;
    double buff = manim::SMALL_BUFF;
  };
  {
    auto target = required(field("mobject", &SurroundArgs::mobject, ParamType::Mobject));
    target.info.role = "the first argument";
    table.push_back(entry(
        mobjectInfo("SurroundingRectangle", "a yellow rectangle around a mobject"),
        withStyle<SurroundArgs>(
            {
                target,
                field<SurroundArgs, std::optional<Color>>("color", &SurroundArgs::color, ParamType::Color, "YELLOW"),
                field("buff", &SurroundArgs::buff, ParamType::NonNegative, "SMALL_BUFF"),
            },
            false),
        [](Session& s, const Self&, SurroundArgs& a) {
          return made(s, makeSurroundingRectangle(s.graph, a.mobject, a.buff), a);
        }));
  }

  struct GroupArgs {
    std::vector<MobjectId> mobjects;
  };
  for (const char* name : {"VGroup", "Group"}) {
    table.push_back(
        entry(mobjectInfo(name, "a group of mobjects, laid out and animated together"),
              std::vector<Field<GroupArgs>>{rest("vmobjects", &GroupArgs::mobjects, ParamType::Mobject)},
              [](Session& s, const Self&, GroupArgs& a) { return Value(MobjectRef{s.newGroup(a.mobjects)}); }));
  }

  struct TextArgs {
    std::string text;
    TextOptions o;
    std::optional<double> fillOpacity, strokeWidth;
    std::optional<Color> strokeColor;
    std::string weight = "NORMAL", slant = "NORMAL";
    std::optional<std::string> font;
  };
  table.push_back(entry(
      mobjectInfo("Text", "text shaped with HarfBuzz from the shipped fonts, a glyph per character"),
      std::vector<Field<TextArgs>>{
          required(field("text", &TextArgs::text, ParamType::String)),
          field("fill_opacity", &TextArgs::fillOpacity, ParamType::Opacity, "1.0"),
          field("stroke_width", &TextArgs::strokeWidth, ParamType::NonNegative, "0"),
          field("stroke_color", &TextArgs::strokeColor, ParamType::Color),
          [] {
            Field<TextArgs> f;
            f.info = {"color", ParamType::Color, false, false, "WHITE", {}, {}};
            f.set = [](TextArgs& a, const Value& v, const What& w, const Session& s) { a.o.color = toColor(v, w, s); };
            return f;
          }(),
          [] {
            Field<TextArgs> f;
            f.info = {"font_size", ParamType::Positive, false, false, "DEFAULT_FONT_SIZE", {}, {}};
            f.set = [info = f.info](TextArgs& a, const Value& v, const What& w, const Session& s) {
              a.o.fontSize = toNumber(v, info.type, w, s);
            };
            return f;
          }(),
          [] {
            Field<TextArgs> f;
            f.info = {"line_spacing", ParamType::NonNegative, false, false, "-1", {}, {}};
            f.set = [info = f.info](TextArgs& a, const Value& v, const What& w, const Session& s) {
              a.o.lineSpacing = toNumber(v, info.type, w, s);
            };
            return f;
          }(),
          field("font", &TextArgs::font, ParamType::String, "\"\""),
          field("slant", &TextArgs::slant, ParamType::Choice, "NORMAL", {"NORMAL", "ITALIC", "OBLIQUE"}),
          field("weight", &TextArgs::weight, ParamType::Choice, "NORMAL", {"NORMAL", "BOLD"}),
      },
      [](Session& s, const Self&, TextArgs& a) {
        if (a.font) a.o.font = *a.font;
        a.o.bold = a.weight == "BOLD";
        a.o.italic = a.slant != "NORMAL";
        const MobjectId id = s.check(s.builder.text(a.text, a.o));
        if (a.fillOpacity) s.graph.setFillOpacity(id, *a.fillOpacity);
        if (a.strokeWidth) s.graph.setStrokeWidth(id, *a.strokeWidth);
        if (a.strokeColor) s.graph.setStrokeColor(id, *a.strokeColor);
        return Value(MobjectRef{id});
      }));

  // MathTex and Tex: Manim's SingleStringMathTex family. Tex sets its strings in text mode
  // (each as \text{…}), joined with no separator; MathTex in display math, joined by a space.
  struct MathArgs : StyleArgs {
    std::vector<std::string> parts;
    MathTexOptions o;
    std::vector<std::pair<std::string, Color>> colorMap;
  };
  for (const bool text : {false, true}) {
    Field<MathArgs> colorMap;
    colorMap.info = {"tex_to_color_map", ParamType::Any, false, false, "None", {}, {}};
    colorMap.set = [](MathArgs& a, const Value& v, const What& w, const Session& s) {
      const Dict* d = v.get<Dict>();
      if (!d)
        fail(w.text + " must map TeX strings to colours, such as {\"x\": YELLOW}, got " + describe(v, s.language));
      for (const auto& [key, c] : *d) {
        if (key.empty()) fail(w.text + ": an empty string cannot be coloured");
        a.colorMap.emplace_back(key, toColor(c, What{w.text + " \"" + key + "\""}, s));
      }
    };
    table.push_back(entry(
        mobjectInfo(text ? "Tex" : "MathTex", text ? "LaTeX text typeset as TeX sets it, one piece per string"
                                                   : "TeX math typeset as TeX sets it for Manim, one piece per string"),
        glyphStyle(withStyle<MathArgs>(
            {rest("tex_strings", &MathArgs::parts, ParamType::Tex),
             [] {
               Field<MathArgs> f;
               f.info = {"font_size", ParamType::Positive, false, false, "DEFAULT_FONT_SIZE", {}, {}};
               f.set = [info = f.info](MathArgs& a, const Value& v, const What& w, const Session& s) {
                 a.o.fontSize = toNumber(v, info.type, w, s);
               };
               return f;
             }(),
             [] {
               Field<MathArgs> f;
               f.info = {"color", ParamType::Color, false, false, "WHITE", {}, {}};
               f.set = [](MathArgs& a, const Value& v, const What& w, const Session& s) {
                 a.o.color = toColor(v, w, s);
               };
               return f;
             }(),
             colorMap},
            false)),
        [text](Session& s, const Self&, MathArgs& a) {
          if (a.parts.empty()) {
            fail(s.current + " needs at least one TeX string, such as " +
                 (text ? "Tex(\"text\")" : "MathTex(\"x^2\")"));
          }
          // Manim's break_up_by_substrings: each string split around the keys of
          // tex_to_color_map, so each key is a piece of its own, coloured.
          std::vector<std::string> pieces = a.parts;
          for (const auto& [key, color] : a.colorMap) {
            std::vector<std::string> split;
            for (const std::string& piece : pieces) {
              std::size_t from = 0;
              for (std::size_t at; (at = piece.find(key, from)) != std::string::npos; from = at + key.size()) {
                if (at > from) split.push_back(piece.substr(from, at - from));
                split.push_back(key);
              }
              if (from < piece.size()) split.push_back(piece.substr(from));
            }
            pieces = std::move(split);
          }
          std::vector<std::string> typeset = pieces;
          if (text) {
            for (std::string& p : typeset) p = textWithMath(p);
            a.o.lines = math::Lines::Paragraph;
          }
          const MobjectId id = s.check(s.builder.mathTex(typeset, a.o));
          if (text) s.graph[id].kind = "Tex";
          // VMobject's style arguments, on every glyph, as Manim's SVG pieces take them.
          if (a.fillColor) s.graph.setFillColor(id, *a.fillColor);
          if (a.fillOpacity) s.graph.setFillOpacity(id, *a.fillOpacity);
          if (a.strokeColor) s.graph.setStrokeColor(id, *a.strokeColor);
          if (a.strokeWidth) s.graph.setStrokeWidth(id, *a.strokeWidth);
          if (a.strokeOpacity) s.graph.setStrokeOpacity(id, *a.strokeOpacity);
          const auto& children = s.graph[id].children;
          for (std::size_t i = 0; i < pieces.size() && i < children.size(); ++i) {
            for (const auto& [key, color] : a.colorMap) {
              if (pieces[i] == key) s.graph.setColor(children[i], color);
            }
          }
          return Value(MobjectRef{id});
        }));
  }

  struct MatrixArgs {
    Value rows;
    MatrixOptions o;
  };
  const auto matrixNumber = [](const char* name, double MatrixOptions::*member, const char* def) {
    Field<MatrixArgs> f;
    f.info = {name, ParamType::Number, false, false, def, {}, {}};
    f.set = [member](MatrixArgs& a, const Value& v, const What& w, const Session& s) {
      a.o.*member = toNumber(v, ParamType::Number, w, s);
    };
    return f;
  };
  const std::vector<std::string> brackets = {"[", "]", "(", ")", "|", "\\{", "\\}", ".", "\\|", "\\langle", "\\rangle"};
  const auto bracket = [&](const char* name, std::string MatrixOptions::*member, const char* def) {
    Field<MatrixArgs> f;
    f.info = {name, ParamType::Choice, false, false, def, brackets, {}};
    f.set = [member, info = f.info](MatrixArgs& a, const Value& v, const What& w, const Session& s) {
      a.o.*member = toString(v, ParamType::Choice, info.choices, w, s);
    };
    return f;
  };
  std::vector<Field<MatrixArgs>> matrix = {
      required(field("matrix", &MatrixArgs::rows, ParamType::Any)),
      matrixNumber("v_buff", &MatrixOptions::vBuff, "0.8"),
      matrixNumber("h_buff", &MatrixOptions::hBuff, "1.3"),
      matrixNumber("bracket_h_buff", &MatrixOptions::bracketHBuff, "MED_SMALL_BUFF"),
      matrixNumber("bracket_v_buff", &MatrixOptions::bracketVBuff, "MED_SMALL_BUFF"),
  };
  {
    Field<MatrixArgs> f;
    f.info = {"element_alignment_corner", ParamType::Vector, false, false, "DR", {}, {}};
    f.set = [](MatrixArgs& a, const Value& v, const What& w, const Session& s) {
      a.o.elementAlignment = toVec(v, w, s);
    };
    matrix.push_back(f);
  }
  matrix.push_back(bracket("left_bracket", &MatrixOptions::leftBracket, "\"[\""));
  matrix.push_back(bracket("right_bracket", &MatrixOptions::rightBracket, "\"]\""));
  {
    Field<MatrixArgs> f;
    f.info = {"font_size", ParamType::Positive, false, false, "DEFAULT_FONT_SIZE", {}, {}};
    f.set = [](MatrixArgs& a, const Value& v, const What& w, const Session& s) {
      a.o.entry.fontSize = toNumber(v, ParamType::Positive, w, s);
    };
    matrix.push_back(f);
    f.info = {"color", ParamType::Color, false, false, "WHITE", {}, {}};
    f.set = [](MatrixArgs& a, const Value& v, const What& w, const Session& s) { a.o.entry.color = toColor(v, w, s); };
    matrix.push_back(f);
  }
  table.push_back(
      entry(mobjectInfo("Matrix", "a matrix of MathTex entries between brackets"), std::move(matrix),
            [](Session& s, const Self&, MatrixArgs& a) {
              const List* rows = a.rows.get<List>();
              if (!rows || rows->empty()) {
                fail(s.current + ": the first argument must be a list of rows, such as [[\"a\", \"b\"]], got " +
                     describe(a.rows, s.language));
              }
              std::vector<std::vector<std::string>> cells;
              std::size_t count = 0;
              for (std::size_t i = 0; i < rows->size(); ++i) {
                const List* row = (*rows)[i].get<List>();
                if (!row) {
                  fail(s.current + ": row " + std::to_string(i + 1) + " must be a list of entries, got " +
                       describe((*rows)[i], s.language));
                }
                std::vector<std::string> r;
                for (std::size_t j = 0; j < row->size(); ++j) {
                  r.push_back(toString(
                      (*row)[j], ParamType::Tex, {},
                      What{s.current + ": entry (" + std::to_string(i + 1) + ", " + std::to_string(j + 1) + ")"}, s));
                }
                count += r.size();
                if (count > kMaxMatrixCells) {
                  fail(s.current + ": more than " + std::to_string(kMaxMatrixCells) + " entries", {},
                       ErrorCode::LimitExceeded);
                }
                cells.push_back(std::move(r));
              }
              const MobjectId id = s.check(s.builder.matrix(cells, a.o));
              s.matrixShapes[id] = {cells.size(), cells.front().size()};
              return Value(MobjectRef{id});
            }));

  addShapes(table);
}

}  // namespace attnplay::api::detail
