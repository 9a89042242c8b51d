// SPDX-License-Identifier: MIT
#pragma once

// Manim's numbers and graphing (mobject/text/numbers.py, mobject/graphing/number_line.py,
// coordinate_systems.py, functions.py of ManimCE 0.17.3): DecimalNumber, NumberLine, Axes and
// the graphs plotted on them.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "attnplay/base/error.hpp"
#include "attnplay/scene/scene_graph.hpp"

namespace attnplay {

/// DecimalNumber's options and defaults.
struct DecimalOptions {
  int decimalPlaces = 2;
  bool includeSign = false;
  bool groupWithCommas = true;
  bool showEllipsis = false;
  std::string unit;  ///< TeX after the number; empty for none
  double fontSize = 48;
  Vec2 edgeToFix = manim::LEFT;
  Color color = manim::WHITE;
};

/// The text a DecimalNumber shows: Python's format "{:+,.Nf}" as the options ask, with a
/// negative number that rounds to zero shown without its minus.
std::string decimalText(double number, const DecimalOptions& options);

/// The most characters a DecimalNumber may have (each is a MathTex of its own).
inline constexpr std::size_t kMaxDecimalCharacters = 200;

/// Manim's DecimalNumber: one MathTex per character (then "\dots", then the unit), arranged
/// left to right 0.001 × font size apart on their bottoms, a minus centred on the digit after
/// it, a comma half its height down; centred on the origin.
Result<MobjectId> makeDecimalNumber(SceneGraph& graph, double number, const DecimalOptions& options);

/// DecimalNumber.set_value: the characters of `number` in place of the old ones, at the size
/// the number has now (its height over `initialHeight`, its height when made), its
/// `edgeToFix` kept where it was, each new character styled as the old one in its place.
/// Gives the new characters' initial height.
Result<double> setDecimalNumber(SceneGraph& graph, MobjectId id, double number, const DecimalOptions& options,
                                double initialHeight);

/// A range of numbers: min, max, step.
using NumberRange = std::array<double, 3>;

/// NumberLine's options and defaults.
struct NumberLineOptions {
  NumberRange range{-7, 7, 1};
  std::optional<double> length;
  double unitSize = 1;
  bool includeTicks = true;
  double tickSize = 0.1;
  std::vector<double> elongatedTicks;
  double longerTickMultiple = 2;
  bool excludeOriginTick = false;
  double rotation = 0;
  double strokeWidth = 2;
  bool includeTip = false;
  double tipWidth = manim::DEFAULT_ARROW_TIP_LENGTH, tipHeight = manim::DEFAULT_ARROW_TIP_LENGTH;
  bool includeNumbers = false;
  double fontSize = 36;
  Vec2 labelDirection = manim::DOWN;
  double lineToNumberBuff = manim::MED_SMALL_BUFF;
  int decimalPlaces = 0;  ///< Manim's from the step as Python prints it
  std::vector<double> numbersToExclude;
  std::optional<std::vector<double>> numbersToInclude;
  Color color = manim::WHITE;
};

/// The numbers that get ticks (NumberLine.get_tick_range).
std::vector<double> tickRange(const NumberLineOptions& options);

/// How many mobjects a NumberLine with these options makes, to check before making it.
std::size_t numberLineSize(const NumberLineOptions& options);

/// Manim's NumberLine: a line from min to max (scaled to `length`, or by `unitSize`), centred;
/// then its tip, its ticks (a group), rotated; then its numbers (a group of DecimalNumbers).
Result<MobjectId> makeNumberLine(SceneGraph& graph, const NumberLineOptions& options);

/// Where a number is on a number line as it stands now: between its start and its end (its
/// tip's point, when it has a tip), whatever has moved it since.
Vec2 numberToPoint(const SceneGraph& graph, MobjectId line, const NumberRange& range, double x);
/// The number at a point's projection on the line.
double pointToNumber(const SceneGraph& graph, MobjectId line, const NumberRange& range, const Vec2& point);

/// Manim's Axes._origin_shift: 0, or the end of the range nearer 0.
double originShift(const NumberRange& range);

/// Where a coordinate system's axes are among its submobjects, and their ranges.
struct CoordinateSystem {
  std::size_t xAxis = 0, yAxis = 1;
  NumberRange x{-7, 7, 1}, y{-4, 4, 1};
};

/// Axes.coords_to_point and point_to_coords, through the axes as they stand now.
Vec2 coordsToPoint(const SceneGraph& graph, MobjectId axes, const CoordinateSystem& system, double x, double y);
Vec2 pointToCoords(const SceneGraph& graph, MobjectId axes, const CoordinateSystem& system, const Vec2& point);

/// Manim's Axes from its two number lines' options: each axis made and shifted so its origin
/// number is at the origin, the pair then shifted so the middle of the ranges is there.
Result<MobjectId> makeAxes(SceneGraph& graph, const NumberLineOptions& x, const NumberLineOptions& y);

/// The inputs ParametricFunction samples: min, min + step, … below max, then max.
std::vector<double> sampleInputs(const NumberRange& range);

/// Manim's ParametricFunction's path through its points: corners, smoothed unless told not to.
Path graphPath(const std::vector<Vec2>& points, bool smooth);

}  // namespace attnplay
