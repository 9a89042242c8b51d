// SPDX-License-Identifier: MIT
// The scene API's mobject methods: the tree, measures, layout and style, with Manim's
// signatures and defaults.
#include <QString>
#include <cmath>
#include <tuple>

#include "attnplay/scene/constants.hpp"
#include "session.hpp"

namespace attnplay::api::detail {

namespace {

struct DirectionArgs {
  Vec2 direction = manim::ORIGIN;
};

}  // namespace

void addMethods(std::vector<Entry>& table) {
  // Tree
  struct MobjectsArgs {
    std::vector<MobjectId> mobjects;
  };
  table.push_back(
      changing(methodInfo("add", "appends submobjects"),
               std::vector<Field<MobjectsArgs>>{rest("mobjects", &MobjectsArgs::mobjects, ParamType::Mobject)},
               [](Session& s, MobjectId id, MobjectsArgs& a) { s.check(s.builder.addChildren(id, a.mobjects)); }));

  struct IndexArgs {
    double index = 0;
  };
  table.push_back(entry(
      methodInfo("submobject", "the submobject at an index (indexing)", false, true),
      std::vector<Field<IndexArgs>>{required(field("index", &IndexArgs::index, ParamType::Number))},
      [](Session& s, const Self& me, IndexArgs& a) -> Value {
        const auto& children = s.graph[self(me)].children;
        const double n = static_cast<double>(children.size());
        double i = a.index;
        if (s.language == Language::Python && i < 0 && i >= -n) i += n;  // Python's [-1]
        if (i != std::floor(i) || i < 0 || i >= n) {
          const std::string text = QString::number(a.index).toStdString();
          const std::string call = s.language == Language::Python ? "[" + text + "]" : "at(" + text + ")";
          fail(
              call + ": no such submobject; this " + s.graph[self(me)].kind + " has " + std::to_string(children.size()),
              s.language == Language::Python ? "indices start at 0; -1 is the last" : "indices start at 0",
              ErrorCode::OutOfRange);
        }
        return MobjectRef{children[static_cast<std::size_t>(i)]};
      }));
  table.push_back(
      reading(methodInfo("submobjects", "the submobjects, in order", false, true), [](Session& s, MobjectId id) {
        List out;
        for (MobjectId c : s.graph[id].children) out.emplace_back(MobjectRef{c});
        return Value(std::move(out));
      }));
  table.push_back(reading(methodInfo("count", "how many submobjects (len)", false, true), [](Session& s, MobjectId id) {
    return Value(static_cast<double>(s.graph[id].children.size()));
  }));
  table.push_back(reading(methodInfo("kind", "the class the mobject was made with", false, true),
                          [](Session& s, MobjectId id) { return Value(s.graph[id].kind); }));
  table.push_back(reading(methodInfo("copy", "a deep copy, not on stage"),
                          [](Session& s, MobjectId id) { return Value(MobjectRef{s.copyOf(id)}); }));
  table.push_back(reading(methodInfo("generate_target", "a copy kept as its target, for MoveToTarget"),
                          [](Session& s, MobjectId id) {
                            const MobjectId copy = s.copyOf(id);
                            s.targets[id] = copy;
                            return Value(MobjectRef{copy});
                          }));
  table.push_back(reading(methodInfo("target", "the copy generate_target kept (mobject.target)", false, true),
                          [](Session& s, MobjectId id) -> Value {
                            const auto it = s.targets.find(id);
                            if (it == s.targets.end()) return {};
                            return MobjectRef{it->second};
                          }));
  table.push_back(
      reading(methodInfo("save_state", "keeps a copy of it as it is now, for Restore"), [](Session& s, MobjectId id) {
        s.savedStates[id] = s.copyOf(id);
        return Value(MobjectRef{id});
      }));
  table.push_back(reading(methodInfo("animate", "the builder whose method calls shape one transform's end state"),
                          [](Session& s, MobjectId id) {
                            AnimateState state;
                            state.mobject = id;
                            state.target = s.copyOf(id);
                            s.animates.push_back(std::move(state));
                            return Value(AnimateRef{static_cast<std::uint32_t>(s.animates.size() - 1)});
                          }));

  // Measures
  table.push_back(reading(methodInfo("get_width", "the width of the bounding box"),
                          [](Session& s, MobjectId id) { return Value(s.graph.width(id)); }));
  table.push_back(reading(methodInfo("get_height", "the height of the bounding box"),
                          [](Session& s, MobjectId id) { return Value(s.graph.height(id)); }));
  for (const auto& [name, dir] :
       {std::pair{"get_center", manim::ORIGIN}, std::pair{"get_top", manim::UP}, std::pair{"get_bottom", manim::DOWN},
        std::pair{"get_left", manim::LEFT}, std::pair{"get_right", manim::RIGHT}}) {
    table.push_back(reading(methodInfo(name, "a point of the bounding box"),
                            [dir = dir](Session& s, MobjectId id) { return Value(s.graph.criticalPoint(id, dir)); }));
  }
  for (const char* name : {"get_corner", "get_critical_point"}) {
    table.push_back(entry(
        methodInfo(name, "the bounding box's point in a direction"),
        std::vector<Field<DirectionArgs>>{required(field("direction", &DirectionArgs::direction, ParamType::Vector))},
        [](Session& s, const Self& me, DirectionArgs& a) {
          return Value(s.graph.criticalPoint(self(me), a.direction));
        }));
  }
  // A line's ends (TipableVMobject's: an arrow ends at its tip's point), and what follows from them.
  const auto endOf = [](Session& s, MobjectId id, bool end) -> Vec2 {
    const auto ends = lineEnds(s.graph, id);
    if (!ends) {
      fail(s.current + ": a " + s.graph[id].kind + " has no points of its own to start or end at",
           "get_start and get_end are for lines, arrows and other paths");
    }
    return end ? ends->second : ends->first;
  };
  table.push_back(reading(methodInfo("get_start", "its first point"),
                          [endOf](Session& s, MobjectId id) { return Value(endOf(s, id, false)); }));
  table.push_back(reading(methodInfo("get_end", "its last point; an arrow's is its tip's"),
                          [endOf](Session& s, MobjectId id) { return Value(endOf(s, id, true)); }));
  table.push_back(reading(methodInfo("get_vector", "from its start to its end"), [endOf](Session& s, MobjectId id) {
    return Value(Vec2(endOf(s, id, true) - endOf(s, id, false)));
  }));
  table.push_back(
      reading(methodInfo("get_length", "the distance from its start to its end"),
              [endOf](Session& s, MobjectId id) { return Value((endOf(s, id, true) - endOf(s, id, false)).norm()); }));
  table.push_back(reading(methodInfo("get_unit_vector", "its direction, of length 1 (zero for a point)"),
                          [endOf](Session& s, MobjectId id) {
                            const Vec2 v = endOf(s, id, true) - endOf(s, id, false);
                            const double n = v.norm();
                            return Value(n > 0 ? Vec2(v / n) : Vec2(0, 0));
                          }));
  table.push_back(reading(methodInfo("get_angle", "the angle of its direction, from the x axis"),
                          [endOf](Session& s, MobjectId id) {
                            const Vec2 v = endOf(s, id, true) - endOf(s, id, false);
                            return Value(std::atan2(v.y(), v.x()));
                          }));
  table.push_back(entry(
      methodInfo("get_boundary_point", "the outline's point furthest in a direction"),
      std::vector<Field<DirectionArgs>>{required(field("direction", &DirectionArgs::direction, ParamType::Vector))},
      [](Session& s, const Self& me, DirectionArgs& a) {
        return Value(s.builder.boundaryPoint(self(me), a.direction));
      }));

  struct ProportionArgs {
    double alpha = 0;
  };
  table.push_back(
      entry(methodInfo("point_from_proportion", "the point a proportion of the way along its outline, by length"),
            std::vector<Field<ProportionArgs>>{required(field("alpha", &ProportionArgs::alpha, ParamType::Number))},
            [](Session& s, const Self& me, ProportionArgs& a) -> Value {
              const Path& path = s.graph[self(me)].path;
              if (a.alpha < 0 || a.alpha > 1) {
                fail(s.current + ": alpha " + QString::number(a.alpha).toStdString() + " is not between 0 and 1", {},
                     ErrorCode::OutOfRange);
              }
              if (path.empty()) {
                fail(s.current + ": this " + s.graph[self(me)].kind + " has no points of its own",
                     "call it on a mobject with an outline (a Line, a Circle), or on one of its submobjects");
              }
              // Manim's rule: each curve's length is measured through 10 points along it.
              std::vector<const Cubic*> curves;
              std::vector<double> lengths;
              double total = 0;
              for (const Subpath& sp : path.subpaths) {
                for (const Cubic& c : sp.cubics) {
                  double length = 0;
                  for (int i = 1; i < 10; ++i) length += (c.at(i / 9.0) - c.at((i - 1) / 9.0)).norm();
                  curves.push_back(&c);
                  lengths.push_back(length);
                  total += length;
                }
              }
              if (a.alpha == 1) return Value(curves.back()->p3);
              const double target = a.alpha * total;
              double sofar = 0;
              for (std::size_t i = 0; i < curves.size(); ++i) {
                if (sofar + lengths[i] >= target) {
                  return Value(curves[i]->at(lengths[i] != 0 ? (target - sofar) / lengths[i] : 0));
                }
                sofar += lengths[i];
              }
              return Value(curves.back()->p3);
            }));

  // Layout
  struct ShiftArgs {
    std::vector<Vec2> vectors;
  };
  table.push_back(changing(
      methodInfo("shift", "moves by the sum of the vectors", true),
      std::vector<Field<ShiftArgs>>{rest("vectors", &ShiftArgs::vectors, ParamType::Vector)},
      [](Session& s, MobjectId id, ShiftArgs& a) {
        if (a.vectors.empty()) {
          fail(s.current + " needs at least one vector, such as " + s.spelled("shift") + "(UP) or " +
               s.spelled("shift") + "([1, 0])");
        }
        Vec2 total(0, 0);
        for (const Vec2& v : a.vectors) total += v;
        s.graph.shift(id, total);
      },
      true));
  struct MoveToArgs {
    LayoutTarget target = manim::ORIGIN;
    Vec2 alignedEdge = manim::ORIGIN;
  };
  {
    auto target = required(field("point_or_mobject", &MoveToArgs::target, ParamType::Target));
    target.info.role = "the target";
    table.push_back(changing(
        methodInfo("move_to", "moves its centre (or an edge) to a point or mobject", true),
        std::vector<Field<MoveToArgs>>{target,
                                       field("aligned_edge", &MoveToArgs::alignedEdge, ParamType::Vector, "ORIGIN")},
        [](Session& s, MobjectId id, MoveToArgs& a) { s.graph.moveTo(id, a.target, a.alignedEdge); }, true));
  }
  struct NextToArgs {
    LayoutTarget target = manim::ORIGIN;
    Vec2 direction = manim::RIGHT;
    double buff = manim::DEFAULT_MOBJECT_TO_MOBJECT_BUFFER;
    Vec2 alignedEdge = manim::ORIGIN;
  };
  {
    auto target = required(field("mobject_or_point", &NextToArgs::target, ParamType::Target));
    target.info.role = "the target";
    auto direction = field("direction", &NextToArgs::direction, ParamType::Vector, "RIGHT");
    table.push_back(changing(
        methodInfo("next_to", "places it beside a mobject or point", true),
        std::vector<Field<NextToArgs>>{
            target, direction, field("buff", &NextToArgs::buff, ParamType::Number, "DEFAULT_MOBJECT_TO_MOBJECT_BUFFER"),
            field("aligned_edge", &NextToArgs::alignedEdge, ParamType::Vector, "ORIGIN")},
        [](Session& s, MobjectId id, NextToArgs& a) {
          s.graph.nextTo(id, a.target, a.direction, a.buff, a.alignedEdge);
        },
        true));
  }
  struct ArrangeArgs {
    Vec2 direction = manim::RIGHT;
    double buff = manim::DEFAULT_MOBJECT_TO_MOBJECT_BUFFER;
    bool center = true;
    Vec2 alignedEdge = manim::ORIGIN;
  };
  table.push_back(
      changing(methodInfo("arrange", "places the submobjects in a row or column", true),
               std::vector<Field<ArrangeArgs>>{
                   field("direction", &ArrangeArgs::direction, ParamType::Vector, "RIGHT"),
                   field("buff", &ArrangeArgs::buff, ParamType::Number, "DEFAULT_MOBJECT_TO_MOBJECT_BUFFER"),
                   field("center", &ArrangeArgs::center, ParamType::Boolean, "True"),
                   field("aligned_edge", &ArrangeArgs::alignedEdge, ParamType::Vector, "ORIGIN")},
               [](Session& s, MobjectId id, ArrangeArgs& a) {
                 s.graph.arrange(id, a.direction, a.buff, a.center, a.alignedEdge);
               }));
  struct EdgeArgs {
    Vec2 edge = manim::LEFT;
    double buff = manim::DEFAULT_MOBJECT_TO_EDGE_BUFFER;
  };
  table.push_back(changing(
      methodInfo("to_edge", "moves it to an edge of the frame", true),
      std::vector<Field<EdgeArgs>>{field("edge", &EdgeArgs::edge, ParamType::Vector, "LEFT"),
                                   field("buff", &EdgeArgs::buff, ParamType::Number, "DEFAULT_MOBJECT_TO_EDGE_BUFFER")},
      [](Session& s, MobjectId id, EdgeArgs& a) { s.graph.toEdge(id, a.edge, a.buff); }));
  struct CornerArgs {
    Vec2 corner = manim::DL;
    double buff = manim::DEFAULT_MOBJECT_TO_EDGE_BUFFER;
  };
  table.push_back(changing(methodInfo("to_corner", "moves it to a corner of the frame", true),
                           std::vector<Field<CornerArgs>>{
                               field("corner", &CornerArgs::corner, ParamType::Vector, "DL"),
                               field("buff", &CornerArgs::buff, ParamType::Number, "DEFAULT_MOBJECT_TO_EDGE_BUFFER")},
                           [](Session& s, MobjectId id, CornerArgs& a) { s.graph.toCorner(id, a.corner, a.buff); }));
  struct AlignArgs {
    LayoutTarget target = manim::ORIGIN;
    Vec2 direction = manim::ORIGIN;
  };
  {
    auto target = required(field("mobject_or_point", &AlignArgs::target, ParamType::Target));
    target.info.role = "the target";
    table.push_back(changing(
        methodInfo("align_to", "lines up an edge with a mobject's or a point", true),
        std::vector<Field<AlignArgs>>{target, field("direction", &AlignArgs::direction, ParamType::Vector, "ORIGIN")},
        [](Session& s, MobjectId id, AlignArgs& a) { s.graph.alignTo(id, a.target, a.direction); }));
  }
  table.push_back(changing(methodInfo("center", "moves it to the centre of the frame", true),
                           std::vector<Field<NoArgs>>{},
                           [](Session& s, MobjectId id, NoArgs&) { s.graph.moveTo(id, manim::ORIGIN); }));
  struct FlipArgs {
    Vec2 axis = manim::UP;
    std::optional<Vec2> aboutPoint;
  };
  table.push_back(changing(
      methodInfo("flip", "turns it over about an axis in the plane (a mirror image)", true),
      std::vector<Field<FlipArgs>>{field("axis", &FlipArgs::axis, ParamType::Vector, "UP"),
                                   field("about_point", &FlipArgs::aboutPoint, ParamType::Vector)},
      [](Session& s, MobjectId id, FlipArgs& a) {
        // Manim's half turn about an axis in the plane: seen from the camera, the reflection
        // across the line through the point along that axis.
        const double n = a.axis.norm();
        if (!(n > 0)) fail(s.current + ": the axis must not be zero");
        const Vec2 u = a.axis / n;
        const Vec2 about = a.aboutPoint.value_or(s.graph.center(id));
        Eigen::Matrix2d reflect = 2 * u * u.transpose() - Eigen::Matrix2d::Identity();
        Affine2 m = Affine2::Identity();
        m.linear() = reflect;
        m.translation() = about - reflect * about;
        s.graph.applyTransform(id, m);
      },
      true));
  for (const auto& [name, axis] : {std::pair{"get_x", 0}, std::pair{"get_y", 1}}) {
    table.push_back(entry(
        methodInfo(name, axis == 0 ? "the x of its centre, or of an edge" : "the y of its centre, or of an edge"),
        std::vector<Field<DirectionArgs>>{field("direction", &DirectionArgs::direction, ParamType::Vector, "ORIGIN")},
        [axis = axis](Session& s, const Self& me, DirectionArgs& a) -> Value {
          return s.graph.criticalPoint(self(me), a.direction)[axis];
        }));
  }
  struct CoordArgs {
    double value = 0;
    Vec2 direction = manim::ORIGIN;
  };
  for (const auto& [name, axis] : {std::pair{"set_x", 0}, std::pair{"set_y", 1}}) {
    table.push_back(changing(
        methodInfo(name,
                   axis == 0 ? "moves it so its centre (or an edge) has this x"
                             : "moves it so its centre (or an edge) has this y",
                   true),
        std::vector<Field<CoordArgs>>{required(field(axis == 0 ? "x" : "y", &CoordArgs::value, ParamType::Number)),
                                      field("direction", &CoordArgs::direction, ParamType::Vector, "ORIGIN")},
        [axis = axis](Session& s, MobjectId id, CoordArgs& a) {
          Vec2 by(0, 0);
          by[axis] = a.value - s.graph.criticalPoint(id, a.direction)[axis];
          s.graph.shift(id, by);
        },
        true));
  }
  struct ScaleArgs {
    double factor = 1;
    std::optional<Vec2> aboutPoint, aboutEdge;
  };
  table.push_back(changing(
      methodInfo("scale", "scales about its centre, a point or an edge", true),
      std::vector<Field<ScaleArgs>>{required(field("scale_factor", &ScaleArgs::factor, ParamType::Number)),
                                    field("about_point", &ScaleArgs::aboutPoint, ParamType::Vector),
                                    field("about_edge", &ScaleArgs::aboutEdge, ParamType::Vector)},
      [](Session& s, MobjectId id, ScaleArgs& a) {
        const Vec2 about =
            a.aboutPoint ? *a.aboutPoint : s.graph.criticalPoint(id, a.aboutEdge.value_or(manim::ORIGIN));
        s.graph.scale(id, a.factor, about);
      },
      true));
  struct RotateArgs {
    double angle = 0;
    Value axis;
    std::optional<Vec2> aboutPoint;
  };
  table.push_back(changing(
      methodInfo("rotate", "rotates in the plane about its centre or a point", true),
      std::vector<Field<RotateArgs>>{required(field("angle", &RotateArgs::angle, ParamType::Number)),
                                     field("axis", &RotateArgs::axis, ParamType::Any, "OUT"),
                                     field("about_point", &RotateArgs::aboutPoint, ParamType::Vector)},
      [](Session& s, MobjectId id, RotateArgs& a) {
        if (!a.axis.isNone()) checkPlaneAxis(a.axis, What{s.current});
        s.graph.rotate(id, a.angle, a.aboutPoint.value_or(s.graph.center(id)));
      },
      true));
  table.push_back(changing(
      methodInfo("rotate_about_origin", "rotates in the plane about the origin", true),
      std::vector<Field<RotateArgs>>{required(field("angle", &RotateArgs::angle, ParamType::Number)),
                                     field("axis", &RotateArgs::axis, ParamType::Any, "OUT")},
      [](Session& s, MobjectId id, RotateArgs& a) {
        if (!a.axis.isNone()) checkPlaneAxis(a.axis, What{s.current});
        s.graph.rotate(id, a.angle, manim::ORIGIN);
      },
      true));
  struct LengthArgs {
    double length = 0;
  };
  for (const auto& [name, axis, stretch] :
       {std::tuple{"scale_to_fit_width", 0, false}, std::tuple{"scale_to_fit_height", 1, false},
        std::tuple{"stretch_to_fit_width", 0, true}, std::tuple{"stretch_to_fit_height", 1, true}}) {
    auto length = required(field(axis == 0 ? "width" : "height", &LengthArgs::length, ParamType::NonNegative));
    table.push_back(changing(
        methodInfo(name, stretch ? "stretches one axis to a length" : "scales to a length", true),
        std::vector<Field<LengthArgs>>{length},
        [axis = axis, stretch = stretch](Session& s, MobjectId id, LengthArgs& a) {
          s.builder.scaleToFit(id, a.length, axis, stretch);
        },
        true));
  }

  // Style
  struct FillArgs {
    std::optional<Color> color;
    std::optional<double> opacity;
    bool family = true;
  };
  table.push_back(changing(methodInfo("set_fill", "the fill colour and opacity of the family", true),
                           std::vector<Field<FillArgs>>{field("color", &FillArgs::color, ParamType::Color),
                                                        field("opacity", &FillArgs::opacity, ParamType::Opacity),
                                                        field("family", &FillArgs::family, ParamType::Boolean, "True")},
                           [](Session& s, MobjectId id, FillArgs& a) {
                             if (!a.family) fail(s.current + ": attnplay styles the whole family (family=True)");
                             if (a.color) s.graph.setFillColor(id, *a.color);
                             if (a.opacity) s.graph.setFillOpacity(id, *a.opacity);
                           }));
  struct StrokeArgs {
    std::optional<Color> color;
    std::optional<double> width, opacity;
    bool family = true;
  };
  table.push_back(
      changing(methodInfo("set_stroke", "the outline's colour, width and opacity", true),
               std::vector<Field<StrokeArgs>>{field("color", &StrokeArgs::color, ParamType::Color),
                                              field("width", &StrokeArgs::width, ParamType::NonNegative),
                                              field("opacity", &StrokeArgs::opacity, ParamType::Opacity),
                                              field("family", &StrokeArgs::family, ParamType::Boolean, "True")},
               [](Session& s, MobjectId id, StrokeArgs& a) {
                 if (!a.family) fail(s.current + ": attnplay styles the whole family (family=True)");
                 if (a.color) s.graph.setStrokeColor(id, *a.color);
                 if (a.width) s.graph.setStrokeWidth(id, *a.width);
                 if (a.opacity) s.graph.setStrokeOpacity(id, *a.opacity);
               }));
  struct ZArgs {
    double z = 0;
    bool family = true;
  };
  table.push_back(
      changing(methodInfo("set_z_index", "drawn over mobjects of lower z index, whatever their order on stage"),
               std::vector<Field<ZArgs>>{required(field("z_index_value", &ZArgs::z, ParamType::Number)),
                                         field("family", &ZArgs::family, ParamType::Boolean, "True")},
               [](Session& s, MobjectId id, ZArgs& a) {
                 if (!a.family) {
                   s.graph[id].zIndex = a.z;
                   return;
                 }
                 for (MobjectId m : s.graph.family(id)) s.graph[m].zIndex = a.z;
               }));
  struct ColorArgs {
    Color color;
    bool family = true;
  };
  table.push_back(
      changing(methodInfo("set_color", "fill and stroke colour", true),
               std::vector<Field<ColorArgs>>{required(field("color", &ColorArgs::color, ParamType::Color)),
                                             field("family", &ColorArgs::family, ParamType::Boolean, "True")},
               [](Session& s, MobjectId id, ColorArgs& a) {
                 if (!a.family) fail(s.current + ": attnplay styles the whole family (family=True)");
                 s.graph.setColor(id, a.color);
               }));
  struct OpacityArgs {
    double opacity = 1;
    bool family = true;
  };
  table.push_back(
      changing(methodInfo("set_opacity", "fill and stroke opacity", true),
               std::vector<Field<OpacityArgs>>{required(field("opacity", &OpacityArgs::opacity, ParamType::Opacity)),
                                               field("family", &OpacityArgs::family, ParamType::Boolean, "True")},
               [](Session& s, MobjectId id, OpacityArgs& a) {
                 if (!a.family) fail(s.current + ": attnplay styles the whole family (family=True)");
                 s.graph.setOpacity(id, a.opacity);
               }));
  table.push_back(reading(methodInfo("get_color", "the fill colour, or the stroke's when nothing is filled"),
                          [](Session& s, MobjectId id) { return Value(s.builder.color(id)); }));
  table.push_back(reading(methodInfo("get_fill_opacity", "the fill opacity"),
                          [](Session& s, MobjectId id) { return Value(s.graph[id].style.fillOpacity); }));
  table.push_back(reading(methodInfo("get_stroke_width", "the outline's width"),
                          [](Session& s, MobjectId id) { return Value(s.graph[id].style.strokeWidth); }));
  table.push_back(reading(methodInfo("get_stroke_opacity", "the outline's opacity"),
                          [](Session& s, MobjectId id) { return Value(s.graph[id].style.strokeOpacity); }));

  // Matrix
  const auto shape = [](Session& s, MobjectId id) {
    const auto it = s.matrixShapes.find(id);
    if (it == s.matrixShapes.end()) fail(s.current + ": this " + s.graph[id].kind + " is not a Matrix");
    return it->second;
  };
  table.push_back(reading(methodInfo("get_entries", "the entries, row by row", false, false, "Matrix"),
                          [](Session& s, MobjectId id) { return Value(MobjectRef{s.graph[id].children.at(0)}); }));
  table.push_back(
      reading(methodInfo("get_rows", "a VGroup per row", false, false, "Matrix"), [shape](Session& s, MobjectId id) {
        const auto [rows, cols] = shape(s, id);
        const auto entries = s.graph[s.graph[id].children.at(0)].children;
        std::vector<MobjectId> out;
        for (std::size_t i = 0; i < rows; ++i)
          out.push_back(s.newGroup({entries.begin() + static_cast<std::ptrdiff_t>(i * cols),
                                    entries.begin() + static_cast<std::ptrdiff_t>((i + 1) * cols)}));
        return Value(MobjectRef{s.newGroup(out)});
      }));
  table.push_back(reading(methodInfo("get_columns", "a VGroup per column", false, false, "Matrix"),
                          [shape](Session& s, MobjectId id) {
                            const auto [rows, cols] = shape(s, id);
                            const auto entries = s.graph[s.graph[id].children.at(0)].children;
                            std::vector<MobjectId> out;
                            for (std::size_t j = 0; j < cols; ++j) {
                              std::vector<MobjectId> column;
                              for (std::size_t i = 0; i < rows; ++i) column.push_back(entries[i * cols + j]);
                              out.push_back(s.newGroup(column));
                            }
                            return Value(MobjectRef{s.newGroup(out)});
                          }));
  table.push_back(
      reading(methodInfo("get_brackets", "the two brackets", false, false, "Matrix"), [](Session& s, MobjectId id) {
        const auto& c = s.graph[id].children;
        return Value(MobjectRef{s.newGroup({c.at(1), c.at(2)})});
      }));
}

}  // namespace attnplay::api::detail
