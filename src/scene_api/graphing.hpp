// SPDX-License-Identifier: MIT
#pragma once

// What the scene API's graphing entries share (graphing.cpp, plots.cpp).

#include "session.hpp"

namespace attnplay::api::detail {

/// Ticks, numbers or samples of one call: well inside the script's time limit.
inline constexpr double kMaxSteps = 10000;
inline constexpr double kMaxSamples = 100000;

std::vector<double> toNumbers(const Value& v, const What& w, const Session& s);
/// (min, max) or (min, max, step), as Manim's ranges are given.
NumberRange toRange(const Value& v, const What& w, const Session& s, NumberRange fallback, double maxSteps);
const CoordinateSystem& systemOf(const Session& s, MobjectId id);
/// The graph plot() made, or a failure saying the graph must be one.
const Session::Graph& graphOf(const Session& s, MobjectId id);
/// The graph's function at x.
double valueAt(const Session& s, const Session::Graph& g, double x);
/// Manim's input_to_graph_point: the graph's function through the axes it was plotted on.
Vec2 graphPoint(const Session& s, const Session::Graph& g, double x);
/// Manim's _create_label_tex: a mobject as it is, anything else as MathTex.
MobjectId labelOf(Session& s, const Value& label, double fontSize = kDefaultFontSize);
/// Mobject.shift_onto_screen: back inside the frame by `buff` where it crosses an edge.
void shiftOntoScreen(Session& s, MobjectId id, double buff);
/// Manim's color_gradient: n colours evenly along the given ones.
std::vector<Color> gradient(const std::vector<Color>& colors, std::size_t n);
/// One colour or a list of them.
std::vector<Color> toColors(const Value& v, const What& w, const Session& s);

/// The entries of plots.cpp: plot() and what Axes give about graphs.
void addPlots(std::vector<Entry>& table);

}  // namespace attnplay::api::detail
