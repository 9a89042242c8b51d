// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "attnplay/base/error.hpp"
#include "attnplay/geometry/path.hpp"

namespace attnplay::math {

/// A typeset formula: its pieces (one per glyph and per rule) in reading order, as paths in em
/// units of the base size, baseline at y = 0, y up.
struct Formula {
  std::vector<Path> pieces;
  double width = 0, height = 0, depth = 0;
};

/// How the lines a top-level \\ breaks are set, as the environment Manim wraps the TeX in sets them.
enum class Lines {
  Align,      ///< MathTex's align* with no &: flush right, \baselineskip plus \jot apart
  Paragraph,  ///< Tex's center environment: centred, \baselineskip apart
};

/// Typesets TeX math in display style with Latin Modern Math's OpenType MATH table, following
/// TeX's rules for atom spacing, scripts, fractions, radicals, delimiters and large operators.
/// A \\ outside braces and environments starts a new line below; the first line's baseline
/// is at y = 0. Results are cached by formula text, so re-running a scene typesets nothing twice.
Result<Formula> typeset(const std::string& tex, Lines lines = Lines::Align);
/// Empties the formula cache (for measuring cold starts, or to give memory back).
void clearCache();

/// A delimiter (such as U+005B '[') at least `size` em tall: the smallest of the font's
/// variants, or an assembly of its parts. Pieces are in em units, centred on y = 0.
Result<Formula> delimiter(char32_t codepoint, double size);

}  // namespace attnplay::math
