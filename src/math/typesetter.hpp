// SPDX-License-Identifier: MIT
#pragma once

// TeX's layout of a math list (The TeXbook, appendix G): the boxes and the Typesetter that
// builds them. typeset.cpp holds atoms, spacing and text; typeset_structures.cpp fractions,
// radicals, delimiters, accents, matrices and scripts.

#include <hb-ot.h>

#include <cstdint>
#include <string>
#include <vector>

#include "attnplay/base/error.hpp"
#include "attnplay/math/math_list.hpp"
#include "attnplay/text/font.hpp"
#include "math/tex_fonts.hpp"
#include "math/tfm.hpp"
#include "text/font_data.hpp"

namespace attnplay::math::layout {

enum class Style { Display, Text, Script, ScriptScript };

struct Env {
  Style style = Style::Display;
  bool cramped = false;
};

/// One piece of output: a glyph at a scale, or a filled rule.
struct Item {
  bool rule = false;
  std::uint32_t glyph = 0;
  double scale = 1;
  Vec2 pos{0, 0};  ///< glyph origin, or a rule's lower-left corner
  double w = 0, h = 0;
  const Font* font = nullptr;  ///< the glyph's font when it is not the math font (cmex10)
};

/// TeX's box: an hlist flattened to positioned items.
struct Box {
  double width = 0, height = 0, depth = 0;
  double italic = 0;  ///< italic correction, when the box is one glyph
  std::uint32_t glyph = 0;
  bool singleGlyph = false;
  std::vector<Item> items;

  void append(const Box& b, double dx, double dy) {
    for (Item it : b.items) {
      it.pos += Vec2(dx, dy);
      items.push_back(it);
    }
  }
  /// The same box moved up by dy (down when negative): its baseline stays, its ink moves.
  Box raised(double dy) const {
    Box out;
    out.append(*this, 0, dy);
    out.width = width;
    out.height = height + dy;
    out.depth = depth - dy;
    out.italic = italic;
    out.glyph = glyph;
    out.singleGlyph = singleGlyph;
    return out;
  }
  /// Puts `b` at the right end, on the baseline shifted by dy.
  void extend(const Box& b, double dy = 0) {
    append(b, width, dy);
    width += b.width;
    height = std::max(height, b.height + dy);
    depth = std::max(depth, b.depth - dy);
  }
};

class Typesetter {
 public:
  explicit Typesetter(const Font& font)
      : font_(font), hb_(detail::fontData(font).hbFont), upem_(detail::fontData(font).unitsPerEm) {}

  Result<Box> list(const std::vector<Node>& nodes, Env env);

  Result<Box> node(const Node& n, Env env);

  Result<Box> centredDelimiter(char32_t cp, double size);

 private:
  // --- font access ---------------------------------------------------------------------
  double constant(hb_ot_math_constant_t c) const { return hb_ot_math_get_constant(hb_, c) / upem_; }
  double percent(hb_ot_math_constant_t c) const { return hb_ot_math_get_constant(hb_, c) / 100.0; }

  double scale(Env env) const;
  double c(hb_ot_math_constant_t k, Env env) const { return constant(k) * scale(env); }

  static Env supEnv(Env e);
  static Env subEnv(Env e) { return {supEnv(e).style, true}; }
  static Env numEnv(Env e);
  static Env denEnv(Env e) { return {numEnv(e).style, true}; }

  Box glyphBox(std::uint32_t glyph, double s) const;

  /// The glyph for a character, in the optical size of the style: script styles use the
  /// font's 'ssty' alternates, drawn for small sizes as cmr7 and cmr5 are.
  Result<std::uint32_t> sizedGlyphFor(char32_t cp, int column, Env env) const;

  Result<std::uint32_t> glyphFor(char32_t cp, int column) const;

  static double spaceBetween(AtomClass a, AtomClass b, Env env);

  // --- nuclei -----------------------------------------------------------------------------
  Result<Box> symbol(const Node& n, Env env);

  /// The glyph as TeX sets it for Manim: Computer Modern in the style's size (cmmi10, cmmi7,
  /// cmmi5…), its box from the TFM file, its outline (and so where Write starts tracing each
  /// contour) from the Type 1 font dvisvgm draws. Latin Modern shares the metrics nearly but not
  /// quite (its italic V is 0.0085 em short of cmmi10's width plus italic correction).
  Result<Box> drawnInComputerModern(Box b, TexGlyph tex, Env env) const;

  Result<Box> text(const std::string& s, Env env);

  Result<Box> fraction(const Node& n, Env env);

  /// A delimiter at least `size` tall as TeX chooses it (The TeXbook, appendix G, rule 19, and
  /// TeX's var_delimiter): the text font's own glyph when it is tall enough, else the first of
  /// cmex10's chain of larger variants that is, else cmex10's extensible recipe built up to the
  /// size. Delimiters without a large form in TeX come from the math font's variants.
  Result<Box> fence(char32_t cp, std::uint32_t small, double size, Env env) const;

  /// TeX's var_delimiter past the small character: `small` if it is `size` tall, else the first
  /// of cmex10's chain from `start` that is, or its extensible recipe; else the tallest there.
  Result<Box> texLarge(int start, Box small, double size, double s) const;

  /// One cmex10 character as TeX boxes it: its TFM width plus italic correction, height, depth.
  static Box texCharBox(const TexFonts& ex, int code, double s);

  /// TeX's extensible delimiter (§713–714 of tex.web): bottom, repeats, middle, repeats, top,
  /// the repeats added in equal numbers until the whole is at least `size`; listed top first,
  /// as TeX's vlist and so the DVI and dvisvgm's SVG have them, so Create draws from the top.
  static Box extensible(const TexFonts& ex, const TfmFont::Recipe& recipe, double size, double s);

  /// The smallest vertical variant of a glyph at least `size` tall, or an assembly of its parts.
  Box stretchy(std::uint32_t glyph, double size, double s) const;

  Result<Box> radical(const Node& n, Env env);

  /// A delimiter for `size` (TeX's rule 19 size), centred on the math axis; '.' is empty space.
  Result<Box> delimiterBox(char32_t cp, double size, Env env, int column);

  double delimiterSize(const Box& body, Env env) const;

  Result<Box> leftRight(const Node& n, Env env);
  /// The body between the node's left and right delimiters, sized for it.
  Result<Box> fenced(const Box& body, const Node& n, Env env);

  Result<Box> accent(const Node& n, Env env);

  Result<Box> matrix(const Node& n, Env env);

  // --- scripts ------------------------------------------------------------------------------
  Result<Box> scripts(const Box& nucleus, const Node& n, Env env);

  Result<Box> limits(const Box& nucleus, const Node& n, Env env);

  const Font& font_;
  hb_font_t* hb_;
  double upem_;
};

}  // namespace attnplay::math::layout
