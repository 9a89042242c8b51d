// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <vector>

#include "attnplay/base/error.hpp"
#include "attnplay/scene/scene_graph.hpp"

namespace attnplay {

/// Manim's Rectangle: corners UR, UL, DL, DR, closed; white outline, no fill.
Mobject makeRectangle(double width = 4.0, double height = 2.0);
Mobject makeSquare(double side = 2.0);
/// Manim's Circle: 8 cubic arcs from angle 0, handles at dθ/3 along the tangent; red outline.
Mobject makeCircle(double radius = 1.0);
/// Manim's Arc: `numComponents` anchors from `startAngle` over `angle`, each cubic's handles at
/// dθ/3 along the tangents, scaled by `radius` and moved to `center`; white outline.
Mobject makeArc(double radius = 1.0, double startAngle = 0.0, double angle = 1.5707963267948966, int numComponents = 9,
                const Vec2& center = Vec2(0, 0));
/// Manim's Polygram: each group of vertices a closed path of straight segments; blue outline.
Mobject makePolygram(const std::vector<std::vector<Vec2>>& vertexGroups);
/// Manim's regular_vertices: n points on a circle of `radius` from `startAngle` (by default 0
/// for an even n, a quarter turn for an odd one, so a triangle points up).
std::vector<Vec2> regularVertices(int n, double radius = 1.0, std::optional<double> startAngle = std::nullopt);
/// Manim's RegularPolygram: every `density`-th of n regular vertices joined, as several
/// polygons when they share a factor (a hexagram is two triangles).
Mobject makeRegularPolygram(int n, int density = 2, double radius = 1.0,
                            std::optional<double> startAngle = std::nullopt);
/// Manim's Line, shortened by `buff` at both ends when it is long enough.
/// Manim's Dot: a filled circle, no outline.
Mobject makeDot(const Vec2& point, double radius = manim::DEFAULT_DOT_RADIUS, const Color& color = manim::WHITE);
Mobject makeLine(const Vec2& start, const Vec2& end, double buff = 0.0);
/// An empty group.
Mobject makeGroup();

/// Manim's Arrow options, with Manim's defaults (geometry/line.py).
struct ArrowOptions {
  double buff = manim::MED_SMALL_BUFF;
  double strokeWidth = 6.0;
  Color color = manim::WHITE;
  double tipLength = manim::DEFAULT_ARROW_TIP_LENGTH;
  double maxTipLengthToLengthRatio = 0.25;
  double maxStrokeWidthToLengthRatio = 5.0;
};

/// A shaft with a filled triangular tip as its one submobject. The tip is as wide as it is
/// long, at most a quarter of the arrow; the shaft ends at the tip's base and its stroke is at
/// most 5 × its length — Manim's rules for short arrows.
/// Manim's ArrowTriangleFilledTip at `point`, its base `length` back along the unit `back`.
Mobject makeArrowTip(const Vec2& point, const Vec2& back, double length, double width, const Color& color);
/// Manim's Brace under `target` as seen from `direction` (svg/brace.py): its SVG path, the straight
/// parts long enough for the width times `sharpness`, flipped, stretched to the width and put
/// `buff` beyond the target's edge, then turned back. Filled white, no outline.
Result<Mobject> makeBrace(const SceneGraph& graph, MobjectId target, const Vec2& direction, double buff = 0.2,
                          double sharpness = 2);
/// A Brace's tip, the point of its middle (Manim's points[28]).
std::optional<Vec2> braceTip(const Mobject& brace);

/// A line's start and end as Manim's TipableVMobject gives them (an end tip's point is its end;
/// a DashedLine's are its first dash's start and its last dash's end); nullopt without points.
std::optional<std::pair<Vec2, Vec2>> lineEnds(const SceneGraph& graph, MobjectId id);
/// Manim's DashedLine over a straight `line` (its style kept): dashes as children, no points of its own.
MobjectId makeDashedLine(SceneGraph& graph, const Mobject& line, double dashLength = 0.05, double dashedRatio = 0.5);

MobjectId makeArrow(SceneGraph& graph, const Vec2& start, const Vec2& end, const ArrowOptions& options = {});

/// Manim's SurroundingRectangle: the target's box grown by `buff` on every side, yellow.
Mobject makeSurroundingRectangle(const SceneGraph& graph, MobjectId target, double buff = manim::SMALL_BUFF,
                                 const Color& color = *manim::namedColor("YELLOW"));

}  // namespace attnplay
