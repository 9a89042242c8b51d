// SPDX-License-Identifier: MIT
#include "attnplay/frame/style.hpp"

namespace attnplay {

Style interpolate(const Style& a, const Style& b, double t) {
  Style s;
  s.fillColor = interpolateColor(a.fillColor, b.fillColor, t);
  s.fillOpacity = a.fillOpacity + t * (b.fillOpacity - a.fillOpacity);
  s.strokeColor = interpolateColor(a.strokeColor, b.strokeColor, t);
  s.strokeOpacity = a.strokeOpacity + t * (b.strokeOpacity - a.strokeOpacity);
  s.strokeWidth = a.strokeWidth + t * (b.strokeWidth - a.strokeWidth);
  return s;
}

}  // namespace attnplay
