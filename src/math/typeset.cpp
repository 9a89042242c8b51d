// SPDX-License-Identifier: MIT
#include "attnplay/math/typeset.hpp"

#include <hb-ot.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "attnplay/math/math_list.hpp"
#include "attnplay/text/font.hpp"
#include "attnplay/text/shaping.hpp"
#include "math/tex_fonts.hpp"
#include "math/tfm.hpp"
#include "text/font_data.hpp"

namespace attnplay::math {

namespace {

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

  Result<Box> list(const std::vector<Node>& nodes, Env env) {
    Box out;
    bool havePrevious = false;
    AtomClass previous = AtomClass::Ord;
    // TeX turns a Bin into an Ord where it cannot be binary: first, or after Bin/Op/Rel/Open/Punct,
    // or before Rel/Close/Punct.
    std::vector<AtomClass> classes;
    for (const Node& n : nodes) classes.push_back(n.cls);
    int last = -1;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (nodes[i].type == Node::Type::Space) continue;
      if (classes[i] == AtomClass::Bin) {
        const bool afterNonOperand = last < 0 || classes[last] == AtomClass::Bin || classes[last] == AtomClass::Op ||
                                     classes[last] == AtomClass::Rel || classes[last] == AtomClass::Open ||
                                     classes[last] == AtomClass::Punct;
        if (afterNonOperand) classes[i] = AtomClass::Ord;
      }
      if (last >= 0 && classes[last] == AtomClass::Bin &&
          (classes[i] == AtomClass::Rel || classes[i] == AtomClass::Close || classes[i] == AtomClass::Punct)) {
        classes[last] = AtomClass::Ord;
      }
      last = static_cast<int>(i);
    }
    // Spaces are decided once classes are final, so lay out after the pass above.
    std::vector<Box> boxes;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      auto b = node(nodes[i], env);
      if (!b) return b;
      boxes.push_back(std::move(*b));
    }
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (nodes[i].type != Node::Type::Space) {
        if (havePrevious) {
          const double mu = spaceBetween(previous, classes[i], env);
          if (mu != 0) {
            Box glue;
            glue.width = mu / 18.0 * scale(env);
            out.extend(glue);
          }
        }
        havePrevious = true;
        previous = classes[i];
      }
      out.extend(boxes[i]);
    }
    if (nodes.size() == 1) {
      out.italic = boxes.front().italic;
      out.singleGlyph = boxes.front().singleGlyph;
      out.glyph = boxes.front().glyph;
    }
    return out;
  }

  Result<Box> node(const Node& n, Env env) {
    Result<Box> nucleus = Box{};
    switch (n.type) {
      case Node::Type::Symbol:
        nucleus = symbol(n, env);
        break;
      case Node::Type::Text:
        nucleus = text(n.text, env);
        break;
      case Node::Type::Group:
        nucleus = list(n.body, env);
        break;
      case Node::Type::Frac:
        nucleus = fraction(n, env);
        break;
      case Node::Type::Sqrt:
        nucleus = radical(n, env);
        break;
      case Node::Type::LeftRight:
        nucleus = leftRight(n, env);
        break;
      case Node::Type::Space: {
        Box b;
        b.width = n.space / 18.0 * scale(env);
        nucleus = b;
        break;
      }
      case Node::Type::Accent:
        nucleus = accent(n, env);
        break;
      case Node::Type::Matrix:
        nucleus = matrix(n, env);
        break;
    }
    if (!nucleus) return nucleus;
    // TeX's rule 17: a character's italic correction becomes a kern after it unless it carries
    // a subscript (then only a superscript moves out by it).
    if (nucleus->singleGlyph && !n.largeOp && !n.hasSub) {
      nucleus->width += nucleus->italic;
      nucleus->italic = 0;
    }
    if (!n.hasSup && !n.hasSub) return nucleus;
    if (n.limits && env.style == Style::Display) return limits(*nucleus, n, env);
    return scripts(*nucleus, n, env);
  }

  Result<Box> centredDelimiter(char32_t cp, double size) {
    auto g = glyphFor(cp, 0);
    if (!g) return g.error();
    auto d = fence(cp, *g, size, Env{});
    if (!d) return d;
    return d->raised(-(d->height - d->depth) / 2);
  }

 private:
  // --- font access ---------------------------------------------------------------------
  double constant(hb_ot_math_constant_t c) const { return hb_ot_math_get_constant(hb_, c) / upem_; }
  double percent(hb_ot_math_constant_t c) const { return hb_ot_math_get_constant(hb_, c) / 100.0; }

  double scale(Env env) const {
    switch (env.style) {
      case Style::Script:
        return percent(HB_OT_MATH_CONSTANT_SCRIPT_PERCENT_SCALE_DOWN);
      case Style::ScriptScript:
        return percent(HB_OT_MATH_CONSTANT_SCRIPT_SCRIPT_PERCENT_SCALE_DOWN);
      default:
        return 1.0;
    }
  }
  double c(hb_ot_math_constant_t k, Env env) const { return constant(k) * scale(env); }

  static Env supEnv(Env e) {
    const Style s = e.style == Style::Display || e.style == Style::Text ? Style::Script : Style::ScriptScript;
    return {s, e.cramped};
  }
  static Env subEnv(Env e) { return {supEnv(e).style, true}; }
  static Env numEnv(Env e) {
    const Style s = e.style == Style::Display ? Style::Text
                    : e.style == Style::Text  ? Style::Script
                                              : Style::ScriptScript;
    return {s, e.cramped};
  }
  static Env denEnv(Env e) { return {numEnv(e).style, true}; }

  Box glyphBox(std::uint32_t glyph, double s) const {
    hb_glyph_extents_t ext{};
    hb_font_get_glyph_extents(hb_, glyph, &ext);
    Box b;
    b.width = hb_font_get_glyph_h_advance(hb_, glyph) / upem_ * s;
    b.height = ext.y_bearing / upem_ * s;
    b.depth = -(ext.y_bearing + ext.height) / upem_ * s;
    b.italic = hb_ot_math_get_glyph_italics_correction(hb_, glyph) / upem_ * s;
    b.glyph = glyph;
    b.singleGlyph = true;
    b.items.push_back({false, glyph, s, {0, 0}, 0, 0});
    return b;
  }

  /// The glyph for a character, in the optical size of the style: script styles use the
  /// font's 'ssty' alternates, drawn for small sizes as cmr7 and cmr5 are.
  Result<std::uint32_t> sizedGlyphFor(char32_t cp, int column, Env env) const {
    auto g = glyphFor(cp, column);
    if (!g || env.style == Style::Display || env.style == Style::Text) return g;
    hb_buffer_t* buffer = hb_buffer_create();
    const std::uint32_t text[1] = {static_cast<std::uint32_t>(cp)};
    hb_buffer_add_utf32(buffer, text, 1, 0, 1);
    hb_buffer_set_direction(buffer, HB_DIRECTION_LTR);
    hb_buffer_set_script(buffer, HB_SCRIPT_MATH);  // the font's 'math' script holds the ssty lookups
    const hb_feature_t ssty{HB_TAG('s', 's', 't', 'y'), env.style == Style::Script ? 1u : 2u, 0,
                            static_cast<unsigned>(-1)};
    hb_shape(hb_, buffer, &ssty, 1);
    unsigned count = 0;
    const hb_glyph_info_t* out = hb_buffer_get_glyph_infos(buffer, &count);
    const std::uint32_t sized = count == 1 && out[0].codepoint != 0 ? out[0].codepoint : *g;
    hb_buffer_destroy(buffer);
    return sized;
  }

  Result<std::uint32_t> glyphFor(char32_t cp, int column) const {
    const std::uint32_t g = font_.glyphFor(cp);
    if (g == 0) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "the math font has no glyph for U+%04X", static_cast<unsigned>(cp));
      return Error(ErrorCode::InvalidArgument,
                   std::string(buf) + (column > 0 ? " at column " + std::to_string(column) : ""),
                   "docs/math.md lists the TeX that MathTex supports");
    }
    return g;
  }

  static double spaceBetween(AtomClass a, AtomClass b, Env env) {
    // TeX's inter-atom spacing table (The TeXbook, chapter 18): 0 none, 1 thin, 2 medium,
    // 3 thick; negative entries apply only in display and text styles.
    static const int table[8][8] = {
        /*        Ord Op Bin Rel Open Close Punct Inner */
        /*Ord*/ {0, 1, -2, -3, 0, 0, 0, -1},
        /*Op*/ {1, 1, 0, -3, 0, 0, 0, -1},
        /*Bin*/ {-2, -2, 0, 0, -2, 0, 0, -2},
        /*Rel*/ {-3, -3, 0, 0, -3, 0, 0, -3},
        /*Open*/ {0, 0, 0, 0, 0, 0, 0, 0},
        /*Close*/ {0, 1, -2, -3, 0, 0, 0, -1},
        /*Punct*/ {-1, -1, 0, -1, -1, -1, -1, -1},
        /*Inner*/ {-1, 1, -2, -3, -1, 0, -1, -1},
    };
    const int v = table[static_cast<int>(a)][static_cast<int>(b)];
    if (v < 0 && (env.style == Style::Script || env.style == Style::ScriptScript)) return 0;
    static const double mu[4] = {0, 3, 4, 5};
    return mu[std::abs(v)];
  }

  // --- nuclei -----------------------------------------------------------------------------
  Result<Box> symbol(const Node& n, Env env) {
    auto g = sizedGlyphFor(n.codepoint, n.column, env);
    if (!g) return g.error();
    if (n.largeOp && env.style == Style::Display) {
      // The display variant: the first at least DisplayOperatorMinHeight tall.
      const double minHeight = constant(HB_OT_MATH_CONSTANT_DISPLAY_OPERATOR_MIN_HEIGHT);
      hb_ot_math_glyph_variant_t variants[16];
      unsigned count = 16;
      hb_ot_math_get_glyph_variants(hb_, *g, HB_DIRECTION_BTT, 0, &count, variants);
      std::uint32_t chosen = *g;
      for (unsigned i = 0; i < count; ++i) {
        chosen = variants[i].glyph;
        if (variants[i].advance / upem_ >= minHeight) break;
      }
      g = chosen;
    }
    Box b = glyphBox(*g, scale(env));
    if (n.largeOp && env.style == Style::Display) {
      // pdfTeX boxes the display operator with cmex10's TFM, 0.1 em clear of the ink above and
      // below; the limits stand off that box, not the ink. The sign is Latin Modern's, so its
      // box grows evenly to cmex10's size.
      if (const int code = cmexDisplayOperator(n.codepoint); code >= 0) {
        auto fonts = texFonts();
        if (!fonts) return fonts.error();
        const TfmFont::Char& ch = (*fonts)->ex.chars[static_cast<std::size_t>(code)];
        if (ch.exists) {
          const double pad = ((ch.height + ch.depth) * scale(env) - (b.height + b.depth)) / 2;
          if (pad > 0) {
            b.height += pad;
            b.depth += pad;
          }
        }
      }
    }
    // Operators sit centred on the math axis.
    if (n.largeOp) return b.raised(c(HB_OT_MATH_CONSTANT_AXIS_HEIGHT, env) - (b.height - b.depth) / 2);
    if (auto tex = texMathGlyph(n.codepoint)) return drawnInComputerModern(std::move(b), *tex, env);
    return b;
  }

  /// The glyph as TeX sets it for Manim: Computer Modern in the style's size (cmmi10, cmmi7,
  /// cmmi5…), its box from the TFM file, its outline (and so where Write starts tracing each
  /// contour) from the Type 1 font dvisvgm draws. Latin Modern shares the metrics nearly but not
  /// quite (its italic V is 0.0085 em short of cmmi10's width plus italic correction).
  Result<Box> drawnInComputerModern(Box b, TexGlyph tex, Env env) const {
    auto fonts = texFonts();
    if (!fonts) return fonts.error();
    const std::size_t size = env.style == Style::Script ? 1 : env.style == Style::ScriptScript ? 2 : 0;
    const Font* face = (*fonts)->faces[tex.family][size];
    const TfmFont::Char& ch = (*fonts)->metrics[tex.family][size].chars[static_cast<std::size_t>(tex.code)];
    const std::uint32_t glyph = face->glyphForCode(static_cast<unsigned>(tex.code));
    if (glyph == 0 || !ch.exists || b.items.size() != 1) return b;
    const double s = scale(env);
    b.width = ch.width * s;
    b.height = ch.height * s;
    b.depth = ch.depth * s;
    b.italic = ch.italic * s;
    b.items.front().font = face;
    b.items.front().glyph = glyph;
    return b;
  }

  Result<Box> text(const std::string& s, Env env) {
    const ShapedText shaped = shapeText(s, {&font_}, 1.2);
    if (!shaped.missing.empty()) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "\\text has a character the math font lacks (U+%04X)",
                    static_cast<unsigned>(shaped.missing.front()));
      return Error(ErrorCode::InvalidArgument, buf,
                   "MathTex text is set in Latin Modern; use Text() for other scripts");
    }
    auto tex = texFonts();
    if (!tex) return tex.error();
    // TeX sets \text in cmr10, whose kerns ("A" before "t", "n" before "t"…) Latin Modern Math's
    // Latin letters lack; the advances are the same.
    const TfmFont& roman = (*tex)->roman();
    auto kern = [&](char32_t left, char32_t right) {
      return left < 128 && right < 128 ? roman.kern(static_cast<int>(left), static_cast<int>(right)) : 0.0;
    };
    const auto chars = decodeUtf8(s);
    Box out;
    const double s0 = scale(env);
    // cmr's outlines where OT1 has the character where ASCII does.
    auto inRoman = [&](Box b, char32_t cp) -> Result<Box> {
      const bool ot1 =
          (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z') || (cp >= U'0' && cp <= U'9') ||
          (cp < 128 && std::string_view(".,:;!?()[]+=-/*'@%&#").find(static_cast<char>(cp)) != std::string_view::npos);
      if (!ot1) return b;
      return drawnInComputerModern(std::move(b), {TexFonts::Roman, static_cast<int>(cp)}, env);
    };
    const bool oneGlyphEach = shaped.glyphs.size() == chars.size();
    if (env.style == Style::Display || env.style == Style::Text) {
      for (std::size_t i = 0; i < shaped.glyphs.size(); ++i) {
        const PlacedGlyph& pg = shaped.glyphs[i];
        Box g = glyphBox(pg.glyph, s0);
        g.width = pg.advance * s0;
        if (oneGlyphEach) {
          auto drawn = inRoman(std::move(g), chars[i].first);
          if (!drawn) return drawn;
          g = std::move(*drawn);
          if (i + 1 < chars.size()) g.width += kern(chars[i].first, chars[i + 1].first) * s0;
        }
        out.extend(g);
      }
      return out;
    }
    for (std::size_t i = 0; i < chars.size(); ++i) {
      auto g = sizedGlyphFor(chars[i].first, 0, env);
      if (!g) return g.error();
      auto drawn = inRoman(glyphBox(*g, s0), chars[i].first);
      if (!drawn) return drawn;
      if (i + 1 < chars.size()) drawn->width += kern(chars[i].first, chars[i + 1].first) * s0;
      out.extend(*drawn);
    }
    return out;
  }

  Result<Box> fraction(const Node& n, Env env) {
    auto num = list(n.body, numEnv(env));
    if (!num) return num;
    auto den = list(n.below, denEnv(env));
    if (!den) return den;
    const bool display = env.style == Style::Display;
    const double axis = c(HB_OT_MATH_CONSTANT_AXIS_HEIGHT, env);
    const double rule = c(HB_OT_MATH_CONSTANT_FRACTION_RULE_THICKNESS, env);
    double up = c(display ? HB_OT_MATH_CONSTANT_FRACTION_NUMERATOR_DISPLAY_STYLE_SHIFT_UP
                          : HB_OT_MATH_CONSTANT_FRACTION_NUMERATOR_SHIFT_UP,
                  env);
    double down = c(display ? HB_OT_MATH_CONSTANT_FRACTION_DENOMINATOR_DISPLAY_STYLE_SHIFT_DOWN
                            : HB_OT_MATH_CONSTANT_FRACTION_DENOMINATOR_SHIFT_DOWN,
                    env);
    const double numGap = c(display ? HB_OT_MATH_CONSTANT_FRACTION_NUM_DISPLAY_STYLE_GAP_MIN
                                    : HB_OT_MATH_CONSTANT_FRACTION_NUMERATOR_GAP_MIN,
                            env);
    const double denGap = c(display ? HB_OT_MATH_CONSTANT_FRACTION_DENOM_DISPLAY_STYLE_GAP_MIN
                                    : HB_OT_MATH_CONSTANT_FRACTION_DENOMINATOR_GAP_MIN,
                            env);
    up = std::max(up, axis + rule / 2 + numGap + num->depth);
    down = std::max(down, den->height + denGap - (axis - rule / 2));
    // TeX's \nulldelimiterspace (1.2 pt) on both sides of a fraction.
    const double pad = 0.12 * scale(env);
    const double width = std::max(num->width, den->width);
    Box out;
    out.append(*num, pad + (width - num->width) / 2, up);
    out.items.push_back({true, 0, 1, {pad, axis - rule / 2}, width, rule});
    out.append(*den, pad + (width - den->width) / 2, -down);
    out.width = width + 2 * pad;
    out.height = up + num->height;
    out.depth = down + den->depth;
    return out;
  }

  /// A delimiter at least `size` tall as TeX chooses it (The TeXbook, appendix G, rule 19, and
  /// TeX's var_delimiter): the text font's own glyph when it is tall enough, else the first of
  /// cmex10's chain of larger variants that is, else cmex10's extensible recipe built up to the
  /// size. Delimiters without a large form in TeX come from the math font's variants.
  Result<Box> fence(char32_t cp, std::uint32_t small, double size, Env env) const {
    const double s = scale(env);
    const int start = texLargeDelimiter(cp);
    if (start < 0) return stretchy(small, size, s);
    Box smallBox = glyphBox(small, s);
    if (auto tex = texMathGlyph(cp)) {
      auto drawn = drawnInComputerModern(std::move(smallBox), *tex, env);
      if (!drawn) return drawn;
      smallBox = std::move(*drawn);
    }
    return texLarge(start, std::move(smallBox), size, s);
  }

  /// TeX's var_delimiter past the small character: `small` if it is `size` tall, else the first
  /// of cmex10's chain from `start` that is, or its extensible recipe; else the tallest there.
  Result<Box> texLarge(int start, Box small, double size, double s) const {
    const double smallSize = small.height + small.depth;
    if (smallSize >= size) return small;
    auto ex = texFonts();
    if (!ex) return ex.error();
    const TfmFont& tfm = (*ex)->ex;
    int best = -1;
    double bestSize = smallSize;
    for (int code = start, steps = 0; code >= 0 && steps < 256; ++steps) {
      const TfmFont::Char& ch = tfm.chars[static_cast<std::size_t>(code)];
      if (!ch.exists) break;
      if (ch.tag == TfmFont::Tag::Extensible) {
        return extensible(**ex, tfm.recipes[static_cast<std::size_t>(ch.remainder)], size, s);
      }
      const double u = (ch.height + ch.depth) * s;
      if (u > bestSize) best = code, bestSize = u;
      if (u >= size) break;
      code = ch.tag == TfmFont::Tag::List ? ch.remainder : -1;
    }
    if (best < 0) return small;
    return texCharBox(**ex, best, s);
  }

  /// One cmex10 character as TeX boxes it: its TFM width plus italic correction, height, depth.
  static Box texCharBox(const TexFonts& ex, int code, double s) {
    const TfmFont::Char& ch = ex.ex.chars[static_cast<std::size_t>(code)];
    Box b;
    b.width = (ch.width + ch.italic) * s;
    b.height = ch.height * s;
    b.depth = ch.depth * s;
    b.items.push_back({false, ex.extension->glyphForCode(static_cast<unsigned>(code)), s, {0, 0}, 0, 0, ex.extension});
    return b;
  }

  /// TeX's extensible delimiter (§713–714 of tex.web): bottom, repeats, middle, repeats, top,
  /// the repeats added in equal numbers until the whole is at least `size`; listed top first,
  /// as TeX's vlist and so the DVI and dvisvgm's SVG have them, so Create draws from the top.
  static Box extensible(const TexFonts& ex, const TfmFont::Recipe& recipe, double size, double s) {
    auto total = [&](int code) {
      const TfmFont::Char& c = ex.ex.chars[static_cast<std::size_t>(code)];
      return (c.height + c.depth) * s;
    };
    const double u = total(recipe.rep);
    double w = 0;
    for (int piece : {recipe.bot, recipe.mid, recipe.top}) {
      if (piece >= 0) w += total(piece);
    }
    int n = 0;
    while (u > 0 && w < size && n < 1000) {
      w += recipe.mid >= 0 ? 2 * u : u;
      ++n;
    }
    std::vector<int> topDown;
    if (recipe.top >= 0) topDown.push_back(recipe.top);
    for (int k = 0; k < n; ++k) topDown.push_back(recipe.rep);
    if (recipe.mid >= 0) {
      topDown.push_back(recipe.mid);
      for (int k = 0; k < n; ++k) topDown.push_back(recipe.rep);
    }
    if (recipe.bot >= 0) topDown.push_back(recipe.bot);
    if (topDown.empty()) topDown.push_back(recipe.rep);
    Box out;
    const TfmFont::Char& rep = ex.ex.chars[static_cast<std::size_t>(recipe.rep)];
    out.width = (rep.width + rep.italic) * s;
    // The top piece's height is the box's; each next piece hangs below the one before.
    const TfmFont::Char& first = ex.ex.chars[static_cast<std::size_t>(topDown.front())];
    out.height = first.height * s;
    double top = out.height;
    for (int code : topDown) {
      const Box piece = texCharBox(ex, code, s);
      out.append(piece, 0, top - piece.height);
      top -= piece.height + piece.depth;
    }
    out.depth = w - out.height;
    return out;
  }

  /// The smallest vertical variant of a glyph at least `size` tall, or an assembly of its parts.
  Box stretchy(std::uint32_t glyph, double size, double s) const {
    hb_ot_math_glyph_variant_t variants[32];
    unsigned count = 32;
    hb_ot_math_get_glyph_variants(hb_, glyph, HB_DIRECTION_BTT, 0, &count, variants);
    for (unsigned i = 0; i < count; ++i) {
      if (variants[i].advance / upem_ * s >= size) return glyphBox(variants[i].glyph, s);
    }
    hb_ot_math_glyph_part_t parts[16];
    unsigned partCount = 16;
    hb_position_t italic = 0;
    hb_ot_math_get_glyph_assembly(hb_, glyph, HB_DIRECTION_BTT, 0, &partCount, parts, &italic);
    if (partCount == 0) {
      // No assembly: the biggest variant there is.
      return glyphBox(count > 0 ? variants[count - 1].glyph : glyph, s);
    }
    const double overlapMin = hb_ot_math_get_min_connector_overlap(hb_, HB_DIRECTION_BTT) / upem_ * s;
    // Repeat the extenders until the parts, overlapping as little as allowed, reach the size.
    int repeats = 0;
    std::vector<hb_ot_math_glyph_part_t> chosen;
    for (; repeats < 100; ++repeats) {
      chosen.clear();
      for (unsigned i = 0; i < partCount; ++i) {
        const bool extender = parts[i].flags & HB_OT_MATH_GLYPH_PART_FLAG_EXTENDER;
        for (int k = 0; k < (extender ? repeats : 1); ++k) chosen.push_back(parts[i]);
      }
      double full = 0;
      for (const auto& p : chosen) full += p.full_advance / upem_ * s;
      if (chosen.size() > 1) full -= (chosen.size() - 1) * overlapMin;
      if (full >= size) break;
    }
    // Spread the overlap so the assembly is exactly the size, within what the connectors allow.
    double full = 0;
    for (const auto& p : chosen) full += p.full_advance / upem_ * s;
    double overlap = chosen.size() > 1 ? (full - size) / (chosen.size() - 1) : 0;
    double maxOverlap = 1e9;
    for (std::size_t i = 0; i + 1 < chosen.size(); ++i) {
      maxOverlap = std::min(maxOverlap,
                            std::min(chosen[i].end_connector_length, chosen[i + 1].start_connector_length) / upem_ * s);
    }
    overlap = std::clamp(overlap, overlapMin, std::max(overlapMin, maxOverlap));
    // The parts come bottom up; each part's bottom is at its y.
    std::vector<double> bottoms;
    double y = 0;
    for (const auto& p : chosen) {
      bottoms.push_back(y);
      y += p.full_advance / upem_ * s - overlap;
    }
    // Listed top first, as TeX's DVI (and so dvisvgm's SVG, which Manim draws in order) has them:
    // Create and Write draw a tall bracket from its top serif down.
    Box out;
    for (std::size_t i = chosen.size(); i-- > 0;) {
      Box g = glyphBox(chosen[i].glyph, s);
      out.append(g, 0, bottoms[i] + g.depth);
      out.width = std::max(out.width, g.width);
    }
    const double total = y + overlap;
    // Baseline at the bottom of the assembly.
    out.height = total;
    out.depth = 0;
    return out;
  }

  Result<Box> radical(const Node& n, Env env) {
    auto body = list(n.body, {env.style, true});
    if (!body) return body;
    auto sign = glyphFor(0x221A, n.column);
    if (!sign) return sign.error();
    const bool display = env.style == Style::Display;
    double gap =
        c(display ? HB_OT_MATH_CONSTANT_RADICAL_DISPLAY_STYLE_VERTICAL_GAP : HB_OT_MATH_CONSTANT_RADICAL_VERTICAL_GAP,
          env);
    const double rule = c(HB_OT_MATH_CONSTANT_RADICAL_RULE_THICKNESS, env);
    const double extra = c(HB_OT_MATH_CONSTANT_RADICAL_EXTRA_ASCENDER, env);
    const double need = body->height + body->depth + gap + rule;
    // TeX's radical sign: cmsy's (its height the rule's thickness), or cmex10's larger ones.
    Box small = glyphBox(*sign, scale(env));
    auto drawn = drawnInComputerModern(std::move(small), {TexFonts::Symbols, 0x70}, env);
    if (!drawn) return drawn;
    auto sized = texLarge(0x70, std::move(*drawn), need, scale(env));
    if (!sized) return sized;
    Box r = std::move(*sized);
    const double total = r.height + r.depth;
    if (total > need) gap += (total - need) / 2;  // centre the body in a taller sign
    // Put the sign's top level with the rule's top.
    const double top = body->height + gap + rule;
    const double shift = top - r.height;

    Box out;
    if (!n.below.empty()) {
      auto degree = list(n.below, {Style::ScriptScript, false});
      if (!degree) return degree;
      const double before = c(HB_OT_MATH_CONSTANT_RADICAL_KERN_BEFORE_DEGREE, env);
      const double after = c(HB_OT_MATH_CONSTANT_RADICAL_KERN_AFTER_DEGREE, env);
      const double raise = percent(HB_OT_MATH_CONSTANT_RADICAL_DEGREE_BOTTOM_RAISE_PERCENT) * total;
      const double bottom = shift - r.depth;
      out.width = before;
      out.append(*degree, out.width, bottom + raise + degree->depth);
      out.width += degree->width + after;
      out.width = std::max(out.width, 0.0);
      out.height = std::max(out.height, bottom + raise + degree->depth + degree->height);
    }
    const double x = out.width;
    out.append(r, x, shift);
    out.items.push_back({true, 0, 1, {x + r.width, body->height + gap}, body->width, rule});
    out.append(*body, x + r.width, 0);
    out.width = x + r.width + body->width;
    out.height = std::max(out.height, top + extra);
    out.depth = std::max({body->depth, r.depth - shift, 0.0});
    return out;
  }

  /// A delimiter for `size` (TeX's rule 19 size), centred on the math axis; '.' is empty space.
  Result<Box> delimiterBox(char32_t cp, double size, Env env, int column) {
    if (cp == 0) {
      Box b;
      b.width = 0.12 * scale(env);  // \nulldelimiterspace
      return b;
    }
    auto g = glyphFor(cp, column);
    if (!g) return g.error();
    auto d = fence(cp, *g, size, env);
    if (!d) return d;
    return d->raised(c(HB_OT_MATH_CONSTANT_AXIS_HEIGHT, env) - (d->height - d->depth) / 2);
  }

  double delimiterSize(const Box& body, Env env) const {
    // TeX: δ = max(h − a, d + a); size = max(δ × 901/500, 2δ − 5 pt).
    const double axis = c(HB_OT_MATH_CONSTANT_AXIS_HEIGHT, env);
    const double delta = std::max(body.height - axis, body.depth + axis);
    return std::max(delta * 901.0 / 500.0, 2 * delta - 0.5 * scale(env));
  }

  Result<Box> leftRight(const Node& n, Env env) {
    auto body = list(n.body, env);
    if (!body) return body;
    const double size = delimiterSize(*body, env);
    auto l = delimiterBox(n.left, size, env, n.column);
    if (!l) return l;
    auto r = delimiterBox(n.right, size, env, n.column);
    if (!r) return r;
    Box out;
    out.extend(*l);
    out.extend(*body);
    out.extend(*r);
    return out;
  }

  Result<Box> accent(const Node& n, Env env) {
    auto base = list(n.body, {env.style, true});
    if (!base) return base;
    const double s = scale(env);
    if (n.codepoint == 0x0305) {
      // \overline: a rule over the base.
      const double gap = c(HB_OT_MATH_CONSTANT_OVERBAR_VERTICAL_GAP, env);
      const double rule = c(HB_OT_MATH_CONSTANT_OVERBAR_RULE_THICKNESS, env);
      Box out = *base;
      out.items.push_back({true, 0, 1, {0, base->height + gap}, base->width, rule});
      out.height = base->height + gap + rule + c(HB_OT_MATH_CONSTANT_OVERBAR_EXTRA_ASCENDER, env);
      return out;
    }
    auto g = glyphFor(n.codepoint, n.column);
    if (!g) return g.error();
    Box a = glyphBox(*g, s);
    // Attach at the accent's and the base's top-accent points (the centres when unset).
    const auto attachment = [&](std::uint32_t glyph, double width) {
      const hb_position_t v = hb_ot_math_get_glyph_top_accent_attachment(hb_, glyph);
      return v != 0 ? v / upem_ * s : width / 2;
    };
    const double baseX = base->singleGlyph ? attachment(base->glyph, base->width) - base->italic / 2 : base->width / 2;
    const double accentX = attachment(*g, a.width);
    const double raise = std::max(0.0, base->height - c(HB_OT_MATH_CONSTANT_ACCENT_BASE_HEIGHT, env));
    Box out = *base;
    out.append(a, baseX - accentX, raise);
    out.height = std::max(base->height, a.height + raise);
    return out;
  }

  Result<Box> matrix(const Node& n, Env env) {
    const Env cellEnv{Style::Text, env.cramped};
    const std::size_t rows = n.cells.size();
    std::size_t cols = 0;
    for (const auto& row : n.cells) cols = std::max(cols, row.size());
    std::vector<std::vector<Box>> boxes(rows);
    std::vector<double> colWidth(cols, 0), rowHeight(rows, 0.85), rowDepth(rows, 0.35);  // TeX's \strut
    for (std::size_t i = 0; i < rows; ++i) {
      for (std::size_t j = 0; j < n.cells[i].size(); ++j) {
        auto b = list(n.cells[i][j], cellEnv);
        if (!b) return b;
        colWidth[j] = std::max(colWidth[j], b->width);
        rowHeight[i] = std::max(rowHeight[i], b->height);
        rowDepth[i] = std::max(rowDepth[i], b->depth);
        boxes[i].push_back(std::move(*b));
      }
    }
    constexpr double kColumnGap = 1.0;  // 2 \arraycolsep = 10 pt
    Box grid;
    double y = 0;
    for (std::size_t i = 0; i < rows; ++i) {
      if (i > 0) y -= rowDepth[i - 1] + rowHeight[i];
      double x = 0;
      for (std::size_t j = 0; j < cols; ++j) {
        if (j < boxes[i].size()) grid.append(boxes[i][j], x + (colWidth[j] - boxes[i][j].width) / 2, y);
        x += colWidth[j] + (j + 1 < cols ? kColumnGap : 0);
      }
      grid.width = std::max(grid.width, x);
    }
    // Centre the block on the math axis, as \vcenter does.
    const double top = rows ? rowHeight[0] : 0;
    const double bottom = rows ? -y + rowDepth[rows - 1] : 0;
    grid.height = top;
    grid.depth = bottom;
    const Box centred = grid.raised(c(HB_OT_MATH_CONSTANT_AXIS_HEIGHT, env) - (top - bottom) / 2);
    if (n.left == 0 && n.right == 0) return centred;
    const double size = delimiterSize(centred, env);
    auto l = delimiterBox(n.left, size, env, n.column);
    if (!l) return l;
    auto r = delimiterBox(n.right, size, env, n.column);
    if (!r) return r;
    Box out;
    out.extend(*l);
    out.extend(centred);
    out.extend(*r);
    return out;
  }

  // --- scripts ------------------------------------------------------------------------------
  Result<Box> scripts(const Box& nucleus, const Node& n, Env env) {
    Box sup, sub;
    if (n.hasSup) {
      auto b = list(n.sup, supEnv(env));
      if (!b) return b;
      sup = std::move(*b);
    }
    if (n.hasSub) {
      auto b = list(n.sub, subEnv(env));
      if (!b) return b;
      sub = std::move(*b);
    }
    const Env supE = supEnv(env), subE = subEnv(env);
    double u = 0, v = 0;
    if (!nucleus.singleGlyph || n.largeOp) {
      u = nucleus.height - c(HB_OT_MATH_CONSTANT_SUPERSCRIPT_BASELINE_DROP_MAX, supE);
      v = nucleus.depth + c(HB_OT_MATH_CONSTANT_SUBSCRIPT_BASELINE_DROP_MIN, subE);
    }
    // TeX's rule 18 takes its shifts from cmsy10 (\fontdimen 13–17). OpenType MATH keeps sup2,
    // sup3 and sub2 of them but not sup1 (display style) or sub1 (a lone subscript).
    auto tex = texFonts();
    if (!tex) return tex.error();
    const TfmFont& sy = (*tex)->symbols();
    if (n.hasSup) {
      const double shift = env.cramped                   ? c(HB_OT_MATH_CONSTANT_SUPERSCRIPT_SHIFT_UP_CRAMPED, env)
                           : env.style == Style::Display ? sy.param(13) * scale(env)
                                                         : c(HB_OT_MATH_CONSTANT_SUPERSCRIPT_SHIFT_UP, env);
      u = std::max({u, shift, sup.depth + c(HB_OT_MATH_CONSTANT_SUPERSCRIPT_BOTTOM_MIN, env)});
    }
    if (n.hasSub) {
      const double drop = n.hasSup ? c(HB_OT_MATH_CONSTANT_SUBSCRIPT_SHIFT_DOWN, env) : sy.param(16) * scale(env);
      v = std::max({v, drop, sub.height - c(HB_OT_MATH_CONSTANT_SUBSCRIPT_TOP_MAX, env)});
    }
    if (n.hasSup && n.hasSub) {
      const double gap = (u - sup.depth) - (sub.height - v);
      const double gapMin = c(HB_OT_MATH_CONSTANT_SUB_SUPERSCRIPT_GAP_MIN, env);
      if (gap < gapMin) {
        v += gapMin - gap;
        const double maxBottom = c(HB_OT_MATH_CONSTANT_SUPERSCRIPT_BOTTOM_MAX_WITH_SUBSCRIPT, env);
        const double lift = maxBottom - (u - sup.depth);
        if (lift > 0) {
          u += lift;
          v -= lift;
        }
      }
    }
    // TeX's \scriptspace: 0.5 pt in plain TeX and LaTeX, in every style (OpenType's
    // SpaceAfterScript is 0.56 pt, scaled with the style).
    constexpr double kScriptSpace = 0.05;
    const double after = kScriptSpace;
    Box out = nucleus;
    // An italic nucleus leans right: the superscript moves out by its italic correction, and
    // an operator's subscript moves in by it.
    const double supX = nucleus.width + (n.largeOp ? 0 : nucleus.italic);
    const double subX = nucleus.width - (n.largeOp ? nucleus.italic : 0);
    double width = nucleus.width;
    if (n.hasSup) {
      out.append(sup, supX, u);
      width = std::max(width, supX + sup.width);
      out.height = std::max(out.height, u + sup.height);
      out.depth = std::max(out.depth, sup.depth - u);
    }
    if (n.hasSub) {
      out.append(sub, subX, -v);
      width = std::max(width, subX + sub.width);
      out.height = std::max(out.height, sub.height - v);
      out.depth = std::max(out.depth, v + sub.depth);
    }
    out.width = width + after;
    out.singleGlyph = false;
    out.italic = 0;
    return out;
  }

  Result<Box> limits(const Box& nucleus, const Node& n, Env env) {
    Box out;
    double width = nucleus.width;
    Box sup, sub;
    if (n.hasSup) {
      auto b = list(n.sup, supEnv(env));
      if (!b) return b;
      sup = std::move(*b);
      width = std::max(width, sup.width);
    }
    if (n.hasSub) {
      auto b = list(n.sub, subEnv(env));
      if (!b) return b;
      sub = std::move(*b);
      width = std::max(width, sub.width);
    }
    const double delta = nucleus.italic;
    out.append(nucleus, (width - nucleus.width) / 2, 0);
    out.height = nucleus.height;
    out.depth = nucleus.depth;
    if (n.hasSup) {
      const double rise = std::max(c(HB_OT_MATH_CONSTANT_UPPER_LIMIT_BASELINE_RISE_MIN, env),
                                   c(HB_OT_MATH_CONSTANT_UPPER_LIMIT_GAP_MIN, env) + sup.depth);
      const double y = nucleus.height + rise;
      out.append(sup, (width - sup.width) / 2 + delta / 2, y);
      out.height = y + sup.height;
    }
    if (n.hasSub) {
      const double drop = std::max(c(HB_OT_MATH_CONSTANT_LOWER_LIMIT_BASELINE_DROP_MIN, env),
                                   c(HB_OT_MATH_CONSTANT_LOWER_LIMIT_GAP_MIN, env) + sub.height);
      const double y = -(nucleus.depth + drop);
      out.append(sub, (width - sub.width) / 2 - delta / 2, y);
      out.depth = -y + sub.depth;
    }
    out.width = width;
    return out;
  }

  const Font& font_;
  hb_font_t* hb_;
  double upem_;
};

Formula toFormula(const Box& box, const Font& font) {
  Formula f;
  f.width = box.width;
  f.height = box.height;
  f.depth = box.depth;
  for (const Item& it : box.items) {
    if (it.rule) {
      if (it.w <= 0 || it.h <= 0) continue;
      f.pieces.push_back(
          Path::polyline({it.pos, it.pos + Vec2(it.w, 0), it.pos + Vec2(it.w, it.h), it.pos + Vec2(0, it.h)}, true));
      continue;
    }
    Path p = (it.font ? *it.font : font).glyphOutline(it.glyph);
    if (p.empty()) continue;
    Affine2 m = Affine2::Identity();
    m.translate(it.pos).scale(it.scale);
    p.transform(m);
    f.pieces.push_back(std::move(p));
  }
  return f;
}

}  // namespace

namespace {

/// Typeset formulas by TeX string. Small and bounded: emptied when it fills up.
struct FormulaCache {
  static constexpr std::size_t kCapacity = 1024;
  std::mutex mutex;
  std::unordered_map<std::string, Formula> entries;
};

FormulaCache& formulaCache() {
  static FormulaCache cache;
  return cache;
}

Result<Formula> typesetUncached(const std::string& tex, Lines lines);

}  // namespace

void clearCache() {
  std::lock_guard lock(formulaCache().mutex);
  formulaCache().entries.clear();
}

Result<Formula> typeset(const std::string& tex, Lines lines) {
  FormulaCache& cache = formulaCache();
  const std::string key = (lines == Lines::Align ? "a:" : "p:") + tex;
  {
    std::lock_guard lock(cache.mutex);
    if (auto it = cache.entries.find(key); it != cache.entries.end()) return it->second;
  }
  auto formula = typesetUncached(tex, lines);
  if (formula) {
    std::lock_guard lock(cache.mutex);
    if (cache.entries.size() >= FormulaCache::kCapacity) cache.entries.clear();
    cache.entries.emplace(key, *formula);
  }
  return formula;
}

namespace {

/// The source split at each double backslash that stands outside braces and environments; a
/// trailing one ends the last line, as in LaTeX.
std::vector<std::string> splitLines(const std::string& tex) {
  std::vector<std::string> out;
  std::size_t start = 0;
  int braces = 0, environments = 0;
  for (std::size_t i = 0; i < tex.size(); ++i) {
    const char c = tex[i];
    if (c == '{') ++braces;
    if (c == '}') --braces;
    if (c != '\\' || i + 1 >= tex.size()) continue;
    if (tex.compare(i, 7, "\\begin{") == 0) ++environments;
    if (tex.compare(i, 5, "\\end{") == 0) --environments;
    if (tex[i + 1] == '\\' && braces == 0 && environments == 0) {
      out.push_back(tex.substr(start, i - start));
      start = i + 2;
    }
    ++i;  // a command's first character, or the second backslash, is never a break of its own
  }
  if (start < tex.size() || out.empty()) out.push_back(tex.substr(start));
  return out;
}

Result<Formula> typesetUncached(const std::string& tex, Lines lines) {
  auto font = FontLibrary::instance().mathFont();
  if (!font) return font.error();
  Typesetter t(**font);
  const auto sources = splitLines(tex);
  std::vector<Box> boxes;
  for (const std::string& source : sources) {
    auto nodes = parse(source);  // its messages quote the line they are about
    if (!nodes) return nodes.error();
    auto box = t.list(*nodes, {});
    if (!box) return box.error();
    boxes.push_back(std::move(*box));
  }
  if (boxes.size() == 1) return toFormula(boxes.front(), **font);
  // TeX's interline glue at 10 pt: baselines \baselineskip (12 pt) apart unless the lines would
  // come closer than \lineskiplimit (0), then \lineskip (1 pt) between them; align*'s \openup
  // adds \jot (3 pt) to all three. In em units of the 10 pt base size.
  const double jot = lines == Lines::Align ? 0.3 : 0.0;
  double width = 0;
  for (const Box& b : boxes) width = std::max(width, b.width);
  Box all;
  all.width = width;
  all.height = boxes.front().height;
  double baseline = 0;
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const Box& b = boxes[i];
    if (i > 0) baseline -= jot + std::max(1.2, boxes[i - 1].depth + b.height + 0.1);
    const double dx = lines == Lines::Align ? width - b.width : (width - b.width) / 2;
    all.append(b, dx, baseline);
    all.depth = b.depth - baseline;
  }
  return toFormula(all, **font);
}

}  // namespace

Result<Formula> delimiter(char32_t codepoint, double size) {
  auto font = FontLibrary::instance().mathFont();
  if (!font) return font.error();
  Typesetter t(**font);
  auto box = t.centredDelimiter(codepoint, size);
  if (!box) return box.error();
  return toFormula(*box, **font);
}

}  // namespace attnplay::math
