// SPDX-License-Identifier: MIT
// Fractions, radicals, delimiters, accents, matrices and scripts: TeX's rules for the
// structures of a math list (The TeXbook, appendix G, rules 11-18).
#include <algorithm>
#include <cmath>

#include "math/typesetter.hpp"

namespace attnplay::math::layout {

Result<Box> Typesetter::fraction(const Node& n, Env env) {
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
  const double numGap = c(
      display ? HB_OT_MATH_CONSTANT_FRACTION_NUM_DISPLAY_STYLE_GAP_MIN : HB_OT_MATH_CONSTANT_FRACTION_NUMERATOR_GAP_MIN,
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

Result<Box> Typesetter::fence(char32_t cp, std::uint32_t small, double size, Env env) const {
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

Result<Box> Typesetter::texLarge(int start, Box small, double size, double s) const {
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

Box Typesetter::texCharBox(const TexFonts& ex, int code, double s) {
  const TfmFont::Char& ch = ex.ex.chars[static_cast<std::size_t>(code)];
  Box b;
  b.width = (ch.width + ch.italic) * s;
  b.height = ch.height * s;
  b.depth = ch.depth * s;
  b.items.push_back({false, ex.extension->glyphForCode(static_cast<unsigned>(code)), s, {0, 0}, 0, 0, ex.extension});
  return b;
}

Box Typesetter::extensible(const TexFonts& ex, const TfmFont::Recipe& recipe, double size, double s) {
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

Box Typesetter::stretchy(std::uint32_t glyph, double size, double s) const {
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

Result<Box> Typesetter::radical(const Node& n, Env env) {
  auto body = list(n.body, {env.style, true});
  if (!body) return body;
  auto sign = glyphFor(0x221A, n.column);
  if (!sign) return sign.error();
  const bool display = env.style == Style::Display;
  double gap = c(
      display ? HB_OT_MATH_CONSTANT_RADICAL_DISPLAY_STYLE_VERTICAL_GAP : HB_OT_MATH_CONSTANT_RADICAL_VERTICAL_GAP, env);
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

Result<Box> Typesetter::delimiterBox(char32_t cp, double size, Env env, int column) {
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

double Typesetter::delimiterSize(const Box& body, Env env) const {
  // TeX: δ = max(h − a, d + a); size = max(δ × 901/500, 2δ − 5 pt).
  const double axis = c(HB_OT_MATH_CONSTANT_AXIS_HEIGHT, env);
  const double delta = std::max(body.height - axis, body.depth + axis);
  return std::max(delta * 901.0 / 500.0, 2 * delta - 0.5 * scale(env));
}

Result<Box> Typesetter::leftRight(const Node& n, Env env) {
  auto body = list(n.body, env);
  if (!body) return body;
  return fenced(*body, n, env);
}

Result<Box> Typesetter::fenced(const Box& body, const Node& n, Env env) {
  const double size = delimiterSize(body, env);
  auto l = delimiterBox(n.left, size, env, n.column);
  if (!l) return l;
  auto r = delimiterBox(n.right, size, env, n.column);
  if (!r) return r;
  Box out;
  out.extend(*l);
  out.extend(body);
  out.extend(*r);
  return out;
}

Result<Box> Typesetter::accent(const Node& n, Env env) {
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

Result<Box> Typesetter::matrix(const Node& n, Env env) {
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
  return fenced(centred, n, env);
}

Result<Box> Typesetter::scripts(const Box& nucleus, const Node& n, Env env) {
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

Result<Box> Typesetter::limits(const Box& nucleus, const Node& n, Env env) {
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
}  // namespace attnplay::math::layout
