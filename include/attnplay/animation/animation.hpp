// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "attnplay/animation/rate_functions.hpp"
#include "attnplay/frame/frame_state.hpp"
#include "attnplay/scene/scene_graph.hpp"

namespace attnplay {

/// Every Manim animation attnplay plays, by family. The name table in animation.cpp is the only
/// place a kind meets its Manim class name.
enum class AnimationKind : std::uint8_t {
  Wait,
  // creation
  Create,
  Uncreate,
  Write,
  Unwrite,
  DrawBorderThenFill,
  // fading
  FadeIn,
  FadeOut,
  FadeTransform,
  // growing
  GrowArrow,
  GrowFromCenter,
  GrowFromPoint,
  GrowFromEdge,
  // transform
  Transform,
  ReplacementTransform,
  MethodAnimation,  ///< mobject.animate…
  // indication
  Indicate,
  ShowPassingFlash,
  Circumscribe,
  Flash,
  Wiggle,
  // movement
  Rotating,
  Rotate,
  MoveAlongPath,
  SpiralIn,
  // composition
  AnimationGroup,
  LaggedStart,
  Succession,
};

/// Manim's class name of a kind: "Write", "GrowArrow", "_MethodAnimation", …
std::string_view animationName(AnimationKind kind);
/// The kind a Manim class name names; nullopt for an animation attnplay does not play.
std::optional<AnimationKind> animationKindNamed(std::string_view name);
/// Every kind, in declaration order.
std::span<const AnimationKind> animationKinds();
/// AnimationGroup, LaggedStart and Succession: kinds that play other animations.
bool isComposition(AnimationKind kind);

/// What a segment table shows of one animation, as data: widgets and tools read the kind, never
/// the display text.
struct AnimationLabel {
  AnimationKind kind = AnimationKind::Wait;
  std::string targetKind;                ///< the target's mobject kind ("Text"); empty for Wait and compositions
  std::string methods;                   ///< .animate: the methods called, "shift.setFill"
  std::vector<AnimationLabel> children;  ///< a composition's animations, flattened
  /// "Write(Text)", ".animate.shift(Square)", "Succession[Create(Square), Wait]", "Wait".
  std::string text() const;
  bool operator==(const AnimationLabel&) const = default;
};

/// One family member with points, in the two states an animation moves it between.
struct Leaf {
  std::shared_ptr<const Path> from, to;  ///< aligned to the same shape where the effect morphs
  Style fromStyle, toStyle;
};

/// How an animation turns progress into shapes.
enum class Effect {
  Partial,         ///< Create, Uncreate: the first part of each path (Manim's ShowPartial)
  BorderThenFill,  ///< Write, DrawBorderThenFill: outline drawn, then filled
  Morph,           ///< Transform and everything built on it: points and style interpolated
  PassingFlash,    ///< ShowPassingFlash: a window of each path sliding along it
  Wiggle,          ///< Wiggle: scaled and rocked about a point
  Motion,          ///< Rotating, MoveAlongPath, SpiralIn: each leaf moved from its rest by `motion`
};

/// How a Motion effect carries its leaves along, as data: an animation crosses from the scene
/// worker to the player and the exporter as bytes, so it holds no code.
struct Motion {
  enum class Kind : std::uint8_t {
    None,
    Rotation,   ///< Rotating, Rotate: by `angle` about `about`
    AlongPath,  ///< MoveAlongPath: the target's centre (`start` at rest) along `path`
    Spiral,     ///< SpiralIn: each shape in from `scale` times as far, a turn about `about`
  };
  /// SpiralIn's shape (a child of the target): how far it travels, its centre of mass at the
  /// start, and the opacity it fades in to.
  struct Shape {
    Vec2 travel{0, 0}, comStart{0, 0};
    double opacity = 1;
    bool operator==(const Shape&) const = default;
  };
  Kind kind = Kind::None;
  Vec2 about{0, 0};
  double angle = 0;
  std::shared_ptr<const Path> path;
  Vec2 start{0, 0};
  std::vector<Shape> shapes;
  std::vector<std::uint32_t> shapeOf;  ///< Spiral: the shape of each leaf
  double fraction = 0.3;               ///< Spiral: SpiralIn's fade_in_fraction

  /// Moves leaf `index` (at rest: its `from`) to where it is at progress `alpha` (rate applied).
  void apply(double alpha, std::size_t index, Path& path, Style& style) const;
};

/// Manim's run_time, rate_func and lag_ratio.
struct Timing {
  double runTime = 1.0;
  RateFunc rate;
  double lagRatio = 0.0;
};

/// An animation as recorded: everything needed to draw it at any progress, fixed at play()
/// time. Immutable once recorded and shared between threads.
struct Animation {
  AnimationKind kind = AnimationKind::Wait;
  std::string methods;     ///< .animate: the methods called, for the segment table
  std::string targetKind;  ///< the target's kind, for the segment table
  MobjectId target = 0;
  Timing timing;
  Effect effect = Effect::Morph;
  bool reverse = false;     ///< progress runs backwards through the rate function (Uncreate, Unwrite)
  bool introducer = false;  ///< puts its target on stage when it starts
  bool remover = false;     ///< takes its target off stage when it ends
  std::vector<Leaf> leaves;
  double timeWidth = 0.1;  ///< PassingFlash: the window, as a proportion of each path
  Vec2 about{0, 0};        ///< Wiggle: the point it scales and rocks about
  double wiggleScale = 1.1, wiggleAngle = 0.01 * 2 * 3.141592653589793, wiggles = 6;
  Motion motion;  ///< Motion: how the leaves move

  /// The target's draw items at progress alpha ∈ [0, 1] (time, before any rate function).
  void draw(double alpha, std::vector<DrawItem>& out) const;
  /// Leaf `index` at progress alpha: its shape and style then, or nothing while it is not drawn.
  std::optional<DrawItem> drawLeaf(double alpha, std::size_t index) const;
  /// Progress of leaf `index` of `count` (Manim's get_sub_alpha: lag ratio, then rate function).
  double subAlpha(double alpha, std::size_t index, std::size_t count) const;
  /// Its line in the segment table.
  AnimationLabel label() const { return {kind, kind == AnimationKind::Wait ? "" : targetKind, methods, {}}; }
};

}  // namespace attnplay
