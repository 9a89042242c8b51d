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
#include "math/typesetter.hpp"
#include "text/font_data.hpp"

namespace attnplay::math {

namespace layout {

Result<Box> Typesetter::list(const std::vector<Node>& nodes, Env env) {
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

Result<Box> Typesetter::node(const Node& n, Env env) {
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

Result<Box> Typesetter::centredDelimiter(char32_t cp, double size) {
  auto g = glyphFor(cp, 0);
  if (!g) return g.error();
  auto d = fence(cp, *g, size, Env{});
  if (!d) return d;
  return d->raised(-(d->height - d->depth) / 2);
}

double Typesetter::scale(Env env) const {
  switch (env.style) {
    case Style::Script:
      return percent(HB_OT_MATH_CONSTANT_SCRIPT_PERCENT_SCALE_DOWN);
    case Style::ScriptScript:
      return percent(HB_OT_MATH_CONSTANT_SCRIPT_SCRIPT_PERCENT_SCALE_DOWN);
    default:
      return 1.0;
  }
}

Env Typesetter::supEnv(Env e) {
  const Style s = e.style == Style::Display || e.style == Style::Text ? Style::Script : Style::ScriptScript;
  return {s, e.cramped};
}

Env Typesetter::numEnv(Env e) {
  const Style s = e.style == Style::Display ? Style::Text
                  : e.style == Style::Text  ? Style::Script
                                            : Style::ScriptScript;
  return {s, e.cramped};
}

Box Typesetter::glyphBox(std::uint32_t glyph, double s) const {
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

Result<std::uint32_t> Typesetter::sizedGlyphFor(char32_t cp, int column, Env env) const {
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

Result<std::uint32_t> Typesetter::glyphFor(char32_t cp, int column) const {
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

double Typesetter::spaceBetween(AtomClass a, AtomClass b, Env env) {
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

Result<Box> Typesetter::symbol(const Node& n, Env env) {
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

Result<Box> Typesetter::drawnInComputerModern(Box b, TexGlyph tex, Env env) const {
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

Result<Box> Typesetter::text(const std::string& s, Env env) {
  const ShapedText shaped = shapeText(s, {&font_}, 1.2);
  if (!shaped.missing.empty()) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "\\text has a character the math font lacks (U+%04X)",
                  static_cast<unsigned>(shaped.missing.front()));
    return Error(ErrorCode::InvalidArgument, buf, "MathTex text is set in Latin Modern; use Text() for other scripts");
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
}  // namespace layout

using layout::Box;
using layout::Item;
using layout::Typesetter;

namespace {

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
