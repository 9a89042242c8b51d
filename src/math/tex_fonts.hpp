// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <optional>
#include <string>

#include "attnplay/base/error.hpp"
#include "attnplay/text/font.hpp"
#include "math/tfm.hpp"

namespace attnplay::math {

/// What TeX itself reads for Manim's formulas, where Latin Modern Math differs: the Computer
/// Modern outlines (the same metrics, other outlines: where Write starts tracing a glyph, and
/// its exact shape), cmex10's large delimiters, cmr10's kerns, cmsy10's script shifts.
struct TexFonts {
  enum Family { Roman, Italic, Symbols, Blackboard };
  std::array<std::array<const Font*, 3>, 4> faces{};  ///< [family][text, script, scriptscript]
  std::array<std::array<TfmFont, 3>, 4> metrics{};    ///< their TFM files
  const Font* extension = nullptr;
  TfmFont ex;
  const TfmFont& roman() const { return metrics[Roman][0]; }
  const TfmFont& symbols() const { return metrics[Symbols][0]; }
};

/// The fonts and their metrics, loaded once from the shipped files.
Result<const TexFonts*> texFonts();

/// Where TeX (plain TeX's and LaTeX's math codes, amsmath's symbols) finds a math character in
/// Computer Modern: the family and the character code. Codes absent here are drawn from Latin
/// Modern Math.
struct TexGlyph {
  TexFonts::Family family;
  int code;
};
std::optional<TexGlyph> texMathGlyph(char32_t cp);

/// cmex10's display-size character of a large operator (plain TeX's \sum is "1350 → 0x58 in
/// display style), or -1.
int cmexDisplayOperator(char32_t c);

/// The cmex10 character that starts TeX's chain of large variants for a delimiter (plain TeX's
/// and LaTeX's \delcode and \delimiter values), or -1 for one TeX has no large form of.
int texLargeDelimiter(char32_t cp);

}  // namespace attnplay::math
