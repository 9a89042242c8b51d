// SPDX-License-Identifier: MIT
#include "attnplay/animation/animation.hpp"

#include <algorithm>
#include <cmath>

namespace attnplay {

namespace {

/// Manim's integer_interpolate(0, 2, alpha), used by DrawBorderThenFill.
std::pair<int, double> halves(double alpha) {
  if (alpha >= 1) return {1, 1.0};
  if (alpha <= 0) return {0, 0.0};
  const double scaled = 2 * alpha;
  const int index = static_cast<int>(scaled);
  return {index, scaled - index};
}

/// DrawBorderThenFill's outline: no fill, a 2-wide stroke in the stroke colour (or the fill
/// colour when the shape has no stroke).
Style outlineOf(const Style& s) {
  Style o = s;
  o.fillOpacity = 0;
  o.strokeColor = s.strokeWidth > 0 ? s.strokeColor : (s.fillOpacity == 0 ? s.strokeColor : s.fillColor);
  o.strokeWidth = 2;
  return o;
}

}  // namespace

Style interpolate(const Style& a, const Style& b, double t) {
  Style s;
  s.fillColor = interpolateColor(a.fillColor, b.fillColor, t);
  s.fillOpacity = a.fillOpacity + t * (b.fillOpacity - a.fillOpacity);
  s.strokeColor = interpolateColor(a.strokeColor, b.strokeColor, t);
  s.strokeOpacity = a.strokeOpacity + t * (b.strokeOpacity - a.strokeOpacity);
  s.strokeWidth = a.strokeWidth + t * (b.strokeWidth - a.strokeWidth);
  return s;
}

double Animation::subAlpha(double alpha, std::size_t index, std::size_t count) const {
  const double lag = timing.lagRatio;
  const double full = (static_cast<double>(count) - 1) * lag + 1;
  const double x = alpha * full - static_cast<double>(index) * lag;
  return reverse ? 1 - timing.rate(x) : timing.rate(x);
}

void Animation::draw(double alpha, std::vector<DrawItem>& out) const {
  const std::size_t n = leaves.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Leaf& leaf = leaves[i];
    const double a = subAlpha(alpha, i, n);
    switch (effect) {
      case Effect::Partial:
        if (a <= 0) break;
        out.push_back({a >= 1 ? leaf.to : std::make_shared<const Path>(partial(*leaf.to, 0, a)), leaf.toStyle});
        break;
      case Effect::BorderThenFill: {
        const auto [index, sub] = halves(a);
        const Style outline = outlineOf(leaf.toStyle);
        if (index == 0) {
          if (sub > 0) out.push_back({std::make_shared<const Path>(partial(*leaf.to, 0, sub)), outline});
        } else {
          out.push_back({leaf.to, interpolate(outline, leaf.toStyle, sub)});
        }
        break;
      }
      case Effect::Morph:
        if (a <= 0) {
          out.push_back({leaf.from, leaf.fromStyle});
        } else if (a >= 1) {
          out.push_back({leaf.to, leaf.toStyle});
        } else {
          out.push_back({std::make_shared<const Path>(attnplay::interpolate(*leaf.from, *leaf.to, a)),
                         interpolate(leaf.fromStyle, leaf.toStyle, a)});
        }
        break;
      case Effect::PassingFlash: {
        // Manim's ShowPassingFlash bounds: a window of timeWidth sliding from before 0 to past 1.
        const double upper = a * (1 + timeWidth);
        const double lower = std::max(upper - timeWidth, 0.0);
        const double top = std::min(upper, 1.0);
        if (top > lower) out.push_back({std::make_shared<const Path>(partial(*leaf.to, lower, top)), leaf.toStyle});
        break;
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
        out.push_back({std::make_shared<const Path>(std::move(p)), leaf.toStyle});
        break;
      }
    }
  }
}

}  // namespace attnplay
