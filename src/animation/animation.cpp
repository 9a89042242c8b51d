// SPDX-License-Identifier: MIT
#include "attnplay/animation/animation.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace attnplay {

namespace {

struct KindName {
  AnimationKind kind;
  std::string_view name;
};

/// The one table of Manim class names, in AnimationKind's order.
constexpr std::array kNames{
    KindName{AnimationKind::Wait, "Wait"},
    KindName{AnimationKind::Create, "Create"},
    KindName{AnimationKind::Uncreate, "Uncreate"},
    KindName{AnimationKind::Write, "Write"},
    KindName{AnimationKind::Unwrite, "Unwrite"},
    KindName{AnimationKind::DrawBorderThenFill, "DrawBorderThenFill"},
    KindName{AnimationKind::FadeIn, "FadeIn"},
    KindName{AnimationKind::FadeOut, "FadeOut"},
    KindName{AnimationKind::FadeTransform, "FadeTransform"},
    KindName{AnimationKind::GrowArrow, "GrowArrow"},
    KindName{AnimationKind::GrowFromCenter, "GrowFromCenter"},
    KindName{AnimationKind::GrowFromPoint, "GrowFromPoint"},
    KindName{AnimationKind::GrowFromEdge, "GrowFromEdge"},
    KindName{AnimationKind::Transform, "Transform"},
    KindName{AnimationKind::ReplacementTransform, "ReplacementTransform"},
    KindName{AnimationKind::MethodAnimation, "_MethodAnimation"},
    KindName{AnimationKind::Indicate, "Indicate"},
    KindName{AnimationKind::ShowPassingFlash, "ShowPassingFlash"},
    KindName{AnimationKind::Circumscribe, "Circumscribe"},
    KindName{AnimationKind::Flash, "Flash"},
    KindName{AnimationKind::Wiggle, "Wiggle"},
    KindName{AnimationKind::Rotating, "Rotating"},
    KindName{AnimationKind::Rotate, "Rotate"},
    KindName{AnimationKind::MoveAlongPath, "MoveAlongPath"},
    KindName{AnimationKind::SpiralIn, "SpiralIn"},
    KindName{AnimationKind::AnimationGroup, "AnimationGroup"},
    KindName{AnimationKind::LaggedStart, "LaggedStart"},
    KindName{AnimationKind::Succession, "Succession"},
};

constexpr bool tableInOrder() {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (static_cast<std::size_t>(kNames[i].kind) != i) return false;
  }
  return true;
}
static_assert(tableInOrder(), "kNames must list every AnimationKind in declaration order");

constexpr std::array kKinds = [] {
  std::array<AnimationKind, kNames.size()> out{};
  for (std::size_t i = 0; i < kNames.size(); ++i) out[i] = kNames[i].kind;
  return out;
}();

/// Manim's integer_interpolate(0, 2, alpha), used by DrawBorderThenFill.
std::pair<int, double> halves(double alpha) {
  if (alpha >= 1) return {1, 1.0};
  if (alpha <= 0) return {0, 0.0};
  const double scaled = 2 * alpha;
  const int index = static_cast<int>(scaled);
  return {index, scaled - index};
}

/// DrawBorderThenFill's outline: no fill, a 2-wide stroke in the stroke colour. Manim asks each
/// outline path for its stroke colour, or else its get_color(), after setting the outline's fill
/// opacity to 0 — and get_color() of an unfilled path is its stroke colour: so the stroke colour
/// either way, even where the shape has no stroke (Text's white outline under a coloured fill).
Style outlineOf(const Style& s) {
  Style o = s;
  o.fillOpacity = 0;
  o.strokeWidth = 2;
  return o;
}

}  // namespace

std::string_view animationName(AnimationKind kind) { return kNames[static_cast<std::size_t>(kind)].name; }

std::optional<AnimationKind> animationKindNamed(std::string_view name) {
  for (const KindName& k : kNames) {
    if (k.name == name) return k.kind;
  }
  return std::nullopt;
}

std::span<const AnimationKind> animationKinds() { return kKinds; }

bool isComposition(AnimationKind kind) {
  return kind == AnimationKind::AnimationGroup || kind == AnimationKind::LaggedStart ||
         kind == AnimationKind::Succession;
}

std::string AnimationLabel::text() const {
  if (kind == AnimationKind::Wait) return "Wait";
  if (isComposition(kind)) {
    std::string inner;
    for (const AnimationLabel& c : children) inner += (inner.empty() ? "" : ", ") + c.text();
    return std::string(animationName(kind)) + "[" + inner + "]";
  }
  const std::string name = kind == AnimationKind::MethodAnimation && !methods.empty()
                               ? ".animate." + methods
                               : std::string(animationName(kind));
  return name + "(" + targetKind + ")";
}

double Animation::subAlpha(double alpha, std::size_t index, std::size_t count) const {
  const double lag = timing.lagRatio;
  const double full = (static_cast<double>(count) - 1) * lag + 1;
  const double x = alpha * full - static_cast<double>(index) * lag;
  return reverse ? 1 - timing.rate(x) : timing.rate(x);
}

void Animation::draw(double alpha, std::vector<DrawItem>& out) const {
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    if (auto item = drawLeaf(alpha, i)) out.push_back(std::move(*item));
  }
}

std::optional<DrawItem> Animation::drawLeaf(double alpha, std::size_t i) const {
  const Leaf& leaf = leaves[i];
  const double a = subAlpha(alpha, i, leaves.size());
  switch (effect) {
    case Effect::Partial:
      if (a <= 0) return std::nullopt;
      return DrawItem{a >= 1 ? leaf.to : std::make_shared<const Path>(partial(*leaf.to, 0, a)), leaf.toStyle};
    case Effect::BorderThenFill: {
      const auto [index, sub] = halves(a);
      const Style outline = outlineOf(leaf.toStyle);
      if (index == 0) {
        if (sub <= 0) return std::nullopt;
        return DrawItem{std::make_shared<const Path>(partial(*leaf.to, 0, sub)), outline};
      }
      return DrawItem{leaf.to, interpolate(outline, leaf.toStyle, sub)};
    }
    case Effect::Morph:
      if (a <= 0) return DrawItem{leaf.from, leaf.fromStyle};
      if (a >= 1) return DrawItem{leaf.to, leaf.toStyle};
      return DrawItem{std::make_shared<const Path>(attnplay::interpolate(*leaf.from, *leaf.to, a)),
                      interpolate(leaf.fromStyle, leaf.toStyle, a)};
    case Effect::PassingFlash: {
      // Manim's ShowPassingFlash bounds: a window of timeWidth sliding from before 0 to past 1.
      const double upper = a * (1 + timeWidth);
      const double lower = std::max(upper - timeWidth, 0.0);
      const double top = std::min(upper, 1.0);
      if (top <= lower) return std::nullopt;
      return DrawItem{std::make_shared<const Path>(partial(*leaf.to, lower, top)), leaf.toStyle};
    }
    case Effect::Motion: {
      Path p = *leaf.from;
      Style s = leaf.fromStyle;
      motion.apply(a, i, p, s);
      return DrawItem{std::make_shared<const Path>(std::move(p)), s};
    }
    case Effect::Wiggle: {
      const double swing = rate::thereAndBack(a) * std::sin(wiggles * 3.141592653589793 * a);
      Affine2 m = Affine2::Identity();
      m.translate(about)
          .rotate(swing * wiggleAngle)
          .scale(1 + (wiggleScale - 1) * rate::thereAndBack(a))
          .translate(-about);
      Path p = *leaf.to;
      p.transform(m);
      return DrawItem{std::make_shared<const Path>(std::move(p)), leaf.toStyle};
    }
  }
  return std::nullopt;
}

}  // namespace attnplay
