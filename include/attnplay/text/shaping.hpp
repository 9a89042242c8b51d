// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "attnplay/text/font.hpp"

namespace attnplay {

/// One positioned glyph of shaped text.
struct PlacedGlyph {
  const Font* font = nullptr;  ///< nullptr when no font has the character: drawn as a box
  std::uint32_t glyph = 0;
  Vec2 origin{0, 0};          ///< pen position in em units; line 0's baseline is y = 0, y up
  double advance = 0;         ///< em units
  std::uint32_t cluster = 0;  ///< byte offset of its character in the input: reading order
  int line = 0;
};

struct ShapedText {
  std::vector<PlacedGlyph> glyphs;  ///< in visual order within each line
  std::vector<char32_t> missing;    ///< characters no font has, once each
  std::vector<double> lineWidths;   ///< em units
};

/// Shapes UTF-8 text with HarfBuzz (kerning, ligatures, combining marks, right-to-left and CJK
/// runs), taking each character from the first font in `fonts` that has it. Lines break at
/// '\n' and are `lineAdvance` em apart. Runs are placed left to right in logical order; mixed
/// directions in one line are not reordered (no bidi).
/// With `advanceGrid` > 0 every advance is rounded to a multiple of it (em units), as Pango
/// rounds glyph positions to whole device pixels when it hints metrics.
ShapedText shapeText(const std::string& utf8, const std::vector<const Font*>& fonts, double lineAdvance,
                     double advanceGrid = 0);

/// Decodes UTF-8; invalid bytes become U+FFFD. Each code point comes with its byte offset.
std::vector<std::pair<char32_t, std::uint32_t>> decodeUtf8(const std::string& utf8);

}  // namespace attnplay
