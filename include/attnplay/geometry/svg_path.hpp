// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "attnplay/base/error.hpp"
#include "attnplay/geometry/path.hpp"

namespace attnplay {

/// SVG path data (a `d` attribute) as cubics, as Manim's VMobjectFromSVGPath reads it: lines
/// become straight cubics, a close adds the line back to the start when the subpath is open.
/// The commands M L H V C Z, absolute and relative; anything else is an error saying so.
Result<Path> parseSvgPath(const std::string& data);

}  // namespace attnplay
