// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <QImage>
#include <cmath>

#include "attnplay/math/math_list.hpp"
#include "attnplay/math/typeset.hpp"
#include "attnplay/scene/math_tex.hpp"
#include "attnplay/text/font.hpp"
#include "math/tfm.hpp"
#include "text/font_data.hpp"

#include <QFile>
#include <algorithm>

#include <hb-ot.h>

using namespace attnplay;

namespace {

math::Formula set(const std::string& tex) {
  auto f = math::typeset(tex);
  if (!f) ADD_FAILURE() << tex << ": " << f.error().format();
  return f ? std::move(f).value() : math::Formula{};
}

Bounds inkOf(const math::Formula& f) {
  Bounds b;
  for (const Path& p : f.pieces) b.extend(p.bounds());
  return b;
}

std::string errorOf(const std::string& tex) {
  auto f = math::typeset(tex);
  EXPECT_FALSE(f.ok()) << tex;
  return f ? "" : f.error().message();
}

/// Ink box of a reference PNG (black on white) from ../shared/refs/latex, in em: 600 dpi and
/// 10 pt to the em give 600 / 72.27 × 10 px per em.
struct RefInk {
  double width, height;
};

}  // namespace

TEST(MathParser, ReportsMistakesWithColumns) {
  EXPECT_EQ(errorOf("x + \\foo"), "unknown command \\foo at column 5 of \"x + \\foo\"");
  EXPECT_EQ(errorOf("\\frac{a}{b"), "unclosed '{' at column 9 of \"\\frac{a}{b\"");
  EXPECT_EQ(errorOf("x^2^3"), "double superscript at column 4 of \"x^2^3\"");
  EXPECT_EQ(errorOf("\\left( x"), "\\left without \\right at column 1 of \"\\left( x\"");
  EXPECT_EQ(errorOf("\\frac{}{b}"), "\\frac has an empty numerator at column 1 of \"\\frac{}{b}\"");
  EXPECT_EQ(errorOf("\\frac{a}{ }"), "\\frac has an empty denominator at column 1 of \"\\frac{a}{ }\"");
  EXPECT_EQ(errorOf("\\begin{align} x \\end{align}"),
            "unknown environment 'align' at column 1 of \"\\begin{align} x \\end{align}\"");
  EXPECT_EQ(errorOf("a & b"), "'&' outside a matrix at column 3 of \"a & b\"");
  EXPECT_EQ(errorOf("x}"), "unexpected '}' at column 2 of \"x}\"");
  EXPECT_EQ(errorOf("\\left< x \\right!"), "'!' is not a delimiter at column 16 of \"\\left< x \\right!\"");
}

TEST(MathParser, MapsLettersToMathAlphabets) {
  auto list = math::parse("x\\mathrm{x}\\mathbf{x}h\\alpha\\Omega");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 6u);
  EXPECT_EQ((*list)[0].codepoint, U'\U0001D465');  // mathematical italic x
  EXPECT_EQ((*list)[1].body[0].codepoint, U'x');
  EXPECT_EQ((*list)[2].body[0].codepoint, U'\U0001D431');
  EXPECT_EQ((*list)[3].codepoint, U'\u210E');  // italic h lives in Letterlike Symbols
  EXPECT_EQ((*list)[4].codepoint, U'\U0001D6FC');
  EXPECT_EQ((*list)[5].codepoint, U'\u03A9');  // capital Greek stays upright
}

TEST(MathTypeset, PieceCountsMatchManim) {
  // Manim's leaf-path counts for the seed's formulas (refs/manim/TIMELINE.md), which decide
  // Write's timing: a piece per glyph and per rule, the radical being a glyph and a rule.
  EXPECT_EQ(set("\\text{Attention} = \\text{softmax}\\left(\\frac{QK^T}{\\sqrt{d_k}}\\right)V").pieces.size(), 28u);
  EXPECT_EQ(set("Q = xW_Q, \\quad K = xW_K, \\quad V = xW_V").pieces.size(), 17u);
  EXPECT_EQ(set("0.15").pieces.size(), 4u);
  EXPECT_EQ(set("\\times").pieces.size(), 1u);
}

TEST(MathTypeset, SpacesAtomsLikeTeX) {
  // Relations get thick spaces (5 mu), binary operators medium ones (4 mu), and a minus with
  // nothing before it is unary: no space.
  const double eq = set("a=b").width - set("ab").width - set("=").width;
  const double plus = set("a+b").width - set("ab").width - set("+").width;
  EXPECT_NEAR(eq, 10.0 / 18, 1e-9);
  EXPECT_NEAR(plus, 8.0 / 18, 1e-9);
  EXPECT_NEAR(set("-a").width, set("-").width + set("a").width, 1e-9);
  EXPECT_NEAR(set("a\\quad b").width - set("ab").width, 1.0, 1e-9);
}

TEST(MathTypeset, ScriptsGoUpAndDown) {
  const auto sup = set("x^2"), sub = set("x_i");
  EXPECT_GT(inkOf(sup).max.y(), inkOf(set("x")).max.y() + 0.2);
  EXPECT_LT(inkOf(sub).min.y(), -0.1);
  // Both at once: the superscript stays above the subscript with a gap.
  const auto both = set("x_i^2");
  ASSERT_EQ(both.pieces.size(), 3u);
  EXPECT_GT(both.pieces[1].bounds().min.y(), both.pieces[2].bounds().max.y());
}

TEST(MathTypeset, FractionsStackAroundARule) {
  const auto f = set("\\frac{a}{b}");
  ASSERT_EQ(f.pieces.size(), 3u);  // numerator, rule, denominator
  const Bounds rule = f.pieces[1].bounds();
  EXPECT_GT(f.pieces[0].bounds().min.y(), rule.max.y());
  EXPECT_LT(f.pieces[2].bounds().max.y(), rule.min.y());
  EXPECT_NEAR((rule.min.y() + rule.max.y()) / 2, 0.25, 1e-9);  // centred on the math axis
}

TEST(MathTypeset, DelimitersGrowWithTheirContent) {
  const double small = inkOf(set("\\left( x \\right)")).height();
  const double tall = inkOf(set("\\left( \\frac{\\frac{a}{b}}{\\frac{c}{d}} \\right)")).height();
  EXPECT_GT(tall, small * 1.8);
  auto big = math::delimiter(U'[', 6.0);
  ASSERT_TRUE(big.ok());
  EXPECT_GT(big->pieces.size(), 1u);  // past the largest variant: an assembly of parts
  EXPECT_GE(inkOf(*big).height(), 6.0 - 0.05);
  EXPECT_NEAR(inkOf(*big).center().y(), 0, 0.05);
}

TEST(MathTypeset, AnAssembledDelimiterListsItsPartsTopFirst) {
  // TeX's DVI, and so the SVG dvisvgm makes of it for Manim, has an assembled delimiter's top
  // piece first: Create draws it first. Each part lies below the one listed before it.
  auto big = math::delimiter(U'[', 6.0);
  ASSERT_TRUE(big.ok());
  ASSERT_GT(big->pieces.size(), 2u);
  for (std::size_t i = 1; i < big->pieces.size(); ++i)
    EXPECT_LT(big->pieces[i].bounds().center().y(), big->pieces[i - 1].bounds().center().y()) << "part " << i;
}

TEST(MathTypeset, LargeDelimitersAreTexsOwnFromCmex10) {
  // Manim's SVGs (dvisvgm 3.0.3 on Manim's own LaTeX, in PostScript points, 0.99626 of a TeX
  // point): the bracket of a one-row Matrix is cmex10's character 2, 12 pt tall with a stem of
  // 0.398506 pt and its ink from 2.012453 to 3.92528 pt; a three-row one is built of cmex10's
  // top (0x32), two extenders (0x36) and bottom (0x34) with a stem of 0.687422 pt. Latin Modern
  // Math's own variants are other sizes and weights (its 11 pt variant has a 0.42 pt stem).
  const double bp = 72.27 / 72 / 10;  // em per PostScript point
  auto oneRow = set("\\left[\\begin{array}{c}\\quad \\\\\\end{array}\\right.");
  ASSERT_EQ(oneRow.pieces.size(), 1u);
  const Bounds b = oneRow.pieces[0].bounds();
  EXPECT_NEAR(b.height(), 11.5467 * bp + 0.3985 * bp, 0.002);
  EXPECT_NEAR(b.min.x(), 2.012453 * bp, 0.001);
  EXPECT_NEAR(b.max.x(), 3.92528 * bp, 0.001);
  // The stem: the outline's leftmost vertical edge to the next one.
  std::vector<double> xs;
  for (const Subpath& sp : oneRow.pieces[0].subpaths)
    for (const Cubic& c : sp.cubics)
      if (std::abs(c.p0.x() - c.p3.x()) < 1e-9 && std::abs(c.p0.y() - c.p3.y()) > 0.5) xs.push_back(c.p0.x());
  std::sort(xs.begin(), xs.end());
  ASSERT_GE(xs.size(), 2u);
  EXPECT_NEAR(xs[1] - xs[0], 0.398506 * bp, 0.001);

  auto threeRows = set("\\left[\\begin{array}{c}\\quad \\\\\\quad \\\\\\quad \\\\\\quad \\\\\\end{array}\\right.");
  ASSERT_EQ(threeRows.pieces.size(), 4u);  // top, extender, extender, bottom
  for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(threeRows.pieces[i].bounds().min.x(), 3.247821 * bp, 0.001) << i;
  EXPECT_NEAR(threeRows.pieces[1].bounds().width(), 0.687422 * bp, 0.001);
  EXPECT_NEAR(threeRows.pieces[0].bounds().max.x(), 6.56538 * bp, 0.001);  // the top serif
  EXPECT_GT(threeRows.pieces[0].bounds().center().y(), threeRows.pieces[3].bounds().center().y());
}

TEST(MathTypeset, TextIsKernedAsCmr10Is) {
  // TeX sets \\text{Attention} in cmr10, whose "A" before "t" and "n" before "t" take a kern of
  // -0.027779 em each (Manim's SVG: the first "t" at 7.1953 pt after "A", the second "n"'s "t"
  // at 24.6299); Latin Modern Math's letters have cmr10's advances but no kerns.
  const double bp = 72.27 / 72 / 10;
  const auto f = set("\\text{Attention}");
  ASSERT_EQ(f.pieces.size(), 9u);
  const double a = f.pieces[0].bounds().min.x();
  EXPECT_NEAR(f.pieces[1].bounds().min.x() - a, (7.3845 - 0.3188) * bp, 0.002);
  EXPECT_NEAR(f.pieces[5].bounds().min.x() - a, (24.8192 - 0.3188) * bp, 0.002);
  // Its box ends where "=" (at 44.5552 pt) less the thick space before it (5 mu, 2.7674 pt) begins.
  EXPECT_NEAR(f.width, (44.5552 - 2.7674) * bp, 0.002);
}

TEST(MathTypeset, GlyphsAreComputerModernsOwnOutlines) {
  // Write traces each contour from its first point, so where a glyph's outline starts shows.
  // Manim's SVG of "0.40" (dvisvgm on cmr10) starts the "4" at its foot, 2.929016 pt right of
  // its origin (7.748747 pt after the "0"'s) and 1.643836 pt up; of "\times" (cmsy10) at the
  // right arms' meeting point, 3.875467 pt right and 2.769614 pt up. Latin Modern Math starts
  // the "4" at its top right.
  const double em = 72.27 / 72 / 10;
  const auto digits = set("0.40");
  ASSERT_EQ(digits.pieces.size(), 4u);
  const Vec2 four = digits.pieces[2].subpaths.front().cubics.front().p0;
  EXPECT_NEAR(four.x(), (7.748747 + 2.929016) * em, 1e-4);
  EXPECT_NEAR(four.y(), 1.643836 * em, 1e-4);
  const auto times = set("\\times");
  ASSERT_EQ(times.pieces.size(), 1u);
  const Vec2 cross = times.pieces[0].subpaths.front().cubics.front().p0;
  EXPECT_NEAR(cross.x(), 3.875467 * em, 1e-4);
  EXPECT_NEAR(cross.y(), 2.769614 * em, 1e-4);
}

TEST(MathTypeset, WidthsAreTexsBoxes) {
  // Manim's SVG of "Q = xW_Q, \quad …": the "," after W_Q sits 16.1815 pt (PostScript) after
  // the W, so the box W_Q is 1.62419 em: W's width (no italic correction before a subscript),
  // cmmi7's Q at 70 %, and TeX's \scriptspace of 0.5 pt. "V =" puts the "=" 10.7928 pt after
  // the V: V's width, its italic correction and the thick space.
  const double em = 72.27 / 72 / 10;
  EXPECT_NEAR(set("W_Q").width, 16.1815 * em, 2e-4);
  EXPECT_NEAR(set("V").width + 5.0 / 18, 10.7928 * em, 2e-4);
}

TEST(MathTypeset, TheSoftmaxFormulaIsTexsPieceForPiece) {
  // Manim's SVG of the seed's softmax formula (dvisvgm 3.0.3 on Manim's LaTeX): where each of
  // its 28 pieces' ink begins, in PostScript points from the formula's start, in the SVG's
  // order (which is the order Write draws them) — the fraction's rule after the numerator, the
  // radical's rule before its body — and the box's width.
  const double em = 72.27 / 72 / 10;
  const double tex[] = {0.3188,  7.3845,   11.2589,  15.2230,  19.6907,  24.8192,  28.8331,
                        31.5507, 36.5718,  45.1131,  55.4000,  59.2799,  64.3111,  67.2157,
                        71.2196, 79.6215,  84.3039,  93.1751,  100.1202, 107.8866, 116.9818,
                        99.6320, 102.8276, 110.4026, 110.8011, 116.1110, 124.5023, 133.7055};
  const auto f = set("\\text{Attention} = \\text{softmax}\\left(\\frac{QK^T}{\\sqrt{d_k}}\\right)V");
  ASSERT_EQ(f.pieces.size(), std::size(tex));
  for (std::size_t i = 0; i < std::size(tex); ++i)
    EXPECT_NEAR(f.pieces[i].bounds().min.x(), tex[i] * em, 0.002 * em) << "piece " << i;
  EXPECT_NEAR(f.width, 141.173104 * em, 0.002 * em);
}

TEST(Tfm, ReadsTexsMetricsAndRefusesBrokenFiles) {
  auto path = FontLibrary::instance().findFile("cmex10.tfm");
  ASSERT_TRUE(path.ok()) << path.error().format();
  QFile file(QString::fromStdString(*path));
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const QByteArray bytes = file.readAll();
  const std::string_view view(bytes.constData(), static_cast<std::size_t>(bytes.size()));
  auto ex = math::parseTfm(view, *path);
  ASSERT_TRUE(ex.ok()) << ex.error().format();
  EXPECT_DOUBLE_EQ(ex->designSize, 10.0);
  // '[': 1.2 em, then 1.8, 2.4, 3.0, then the extensible recipe (top 0x32, rep 0x36, bottom 0x34).
  std::vector<double> sizes;
  int code = 0x02;
  while (ex->chars[code].tag == math::TfmFont::Tag::List) {
    sizes.push_back(ex->chars[code].height + ex->chars[code].depth);
    code = ex->chars[code].remainder;
  }
  ASSERT_EQ(sizes.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(sizes[i], 1.2 + 0.6 * i, 1e-4);
  ASSERT_EQ(ex->chars[code].tag, math::TfmFont::Tag::Extensible);
  const auto& recipe = ex->recipes[ex->chars[code].remainder];
  EXPECT_EQ(recipe.top, 0x32);
  EXPECT_EQ(recipe.rep, 0x36);
  EXPECT_EQ(recipe.bot, 0x34);
  EXPECT_EQ(recipe.mid, -1);

  auto roman = math::parseTfm(view, *path);  // cmex10 has no kerns
  EXPECT_EQ(roman->kern('A', 't'), 0.0);
  auto cmr = FontLibrary::instance().findFile("cmr10.tfm");
  ASSERT_TRUE(cmr.ok());
  QFile cmrFile(QString::fromStdString(*cmr));
  ASSERT_TRUE(cmrFile.open(QIODevice::ReadOnly));
  const QByteArray cmrBytes = cmrFile.readAll();
  auto r = math::parseTfm(std::string_view(cmrBytes.constData(), static_cast<std::size_t>(cmrBytes.size())), *cmr);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->kern('A', 't'), -0.027779, 1e-5);
  EXPECT_NEAR(r->kern('A', 'V'), -0.111112, 1e-5);
  EXPECT_EQ(r->kern('t', 't'), 0.0);

  // Broken: cut short, lengths that do not add up, a chain of larger variants that loops.
  EXPECT_FALSE(math::parseTfm(view.substr(0, 20), "cut.tfm").ok());
  EXPECT_FALSE(math::parseTfm(view.substr(0, view.size() - 4), "short.tfm").ok());
  std::string looped(view);
  const std::size_t lh = (static_cast<unsigned char>(looped[2]) << 8) | static_cast<unsigned char>(looped[3]);
  const std::size_t info = 24 + 4 * lh + 4 * 0x02;  // character 2's char_info (bc is 0)
  looped[info + 3] = 0x02;                          // its successor: itself
  auto loop = math::parseTfm(looped, "loop.tfm");
  ASSERT_FALSE(loop.ok());
  EXPECT_NE(loop.error().message().find("loops"), std::string::npos) << loop.error().message();
}

TEST(MathTypeset, MatchesLatexReferenceLayout) {
  // Ink boxes of ../shared/refs/latex (pdfTeX, Computer Modern, display style), in em, to 4 %.
  const double pxPerEm = 600.0 / 72.27 * 10;
  const std::vector<std::tuple<std::string, double, double>> refs = {
      {"Q = xW_Q, \\quad K = xW_K, \\quad V = xW_V", 1325, 83},
      {"\\text{Attention} = \\text{softmax}\\left(\\frac{QK^T}{\\sqrt{d_k}}\\right)V", 1170, 205},
      {"K^T", 119, 74},
      {"s_{21}", 95, 50},
      {"0.15", 140, 57},
      {"\\sum_{i=1}^{n} x_i^2", 205, 228},
      {"\\frac{1}{1 + \\frac{1}{x}}", 201, 202},
      {"\\sqrt[3]{a+b}", 245, 83},
      {"\\alpha + \\beta \\cdot \\gamma \\le \\Omega", 477, 77},
      {"\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}", 216, 199},
  };
  for (const auto& [tex, w, h] : refs) {
    const Bounds ink = inkOf(set(tex));
    EXPECT_NEAR(ink.width(), w / pxPerEm, 0.04 * w / pxPerEm + 0.03) << tex;
    EXPECT_NEAR(ink.height(), h / pxPerEm, 0.04 * h / pxPerEm + 0.03) << tex << ": " << ink.height() * pxPerEm << " px";
  }
}

TEST(MathTex, ScalesLikeManimAndSplitsByArgument) {
  SceneGraph g;
  auto m = makeMathTex(g, {"a", "+", "b"}, {});
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(g[*m].children.size(), 3u);
  for (MobjectId part : g[*m].children) EXPECT_EQ(g[part].children.size(), 1u);
  EXPECT_NEAR(g.center(*m).x(), 0, 1e-12);
  // font size 48: 0.05 units per point of dvisvgm's SVG, a PostScript point (1/72 in), so the
  // em (10 TeX points, 1/72.27 in each) is 0.498132 units — not 0.5, which set every formula
  // 0.37 % wide of Manim's.
  EXPECT_NEAR(mathEmSize(48), 0.05 * 10 * 72 / 72.27, 1e-12);
  auto x = makeMathTex(g, {"x"}, {.fontSize = 96});
  auto y = makeMathTex(g, {"x"}, {.fontSize = 48});
  EXPECT_NEAR(g.height(*x) / g.height(*y), 2.0, 1e-9);
}

TEST(Matrix, PlacesEntriesByManimsBuffs) {
  SceneGraph g;
  auto m = makeMatrix(g, {{"a", "b"}, {"c", "d"}}, {});
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(g[*m].children.size(), 3u);  // entries, left bracket, right bracket
  const auto& entries = g[g[*m].children[0]].children;
  ASSERT_EQ(entries.size(), 4u);
  const Vec2 a = g.criticalPoint(entries[0], manim::DR), b = g.criticalPoint(entries[1], manim::DR);
  const Vec2 c = g.criticalPoint(entries[2], manim::DR);
  EXPECT_NEAR(b.x() - a.x(), 1.3, 1e-9);
  EXPECT_NEAR(a.y() - c.y(), 0.8, 1e-9);
  // Brackets span the entries plus 0.25 above and below, 0.25 to the side.
  const MobjectId entryGroup = g[*m].children[0], left = g[*m].children[1], right = g[*m].children[2];
  EXPECT_NEAR(g.height(left), g.height(entryGroup) + 0.5, 1e-9);
  EXPECT_NEAR(g.criticalPoint(entryGroup, manim::LEFT).x() - g.criticalPoint(left, manim::RIGHT).x(), 0.25, 1e-9);
  EXPECT_NEAR(g.criticalPoint(right, manim::LEFT).x() - g.criticalPoint(entryGroup, manim::RIGHT).x(), 0.25, 1e-9);
  EXPECT_NEAR(g.center(*m).x(), 0, 1e-9);
}

namespace {

/// The font's own numbers, in em, read straight from its MATH table.
struct MathFont {
  const Font& font = **FontLibrary::instance().mathFont();
  double constant(hb_ot_math_constant_t c) const {
    return hb_ot_math_get_constant(detail::fontData(font).hbFont, c) / detail::fontData(font).unitsPerEm;
  }
};

}  // namespace

TEST(MathMetrics, FractionRuleIsTheFontsThickness) {
  const MathFont mf;
  const Bounds rule = set("\\frac{a}{b}").pieces[1].bounds();
  EXPECT_NEAR(rule.height(), mf.constant(HB_OT_MATH_CONSTANT_FRACTION_RULE_THICKNESS), 1e-12);
  EXPECT_NEAR((rule.min.y() + rule.max.y()) / 2, mf.constant(HB_OT_MATH_CONSTANT_AXIS_HEIGHT), 1e-12);
}

namespace {

/// A Computer Modern glyph as the typesetter draws it at `scale`, and its font's metrics.
Path texGlyph(const std::string& font, int code, double scale) {
  const Font& f = **FontLibrary::instance().texFont(font);
  Path p = f.glyphOutline(f.glyphForCode(static_cast<unsigned>(code)));
  Affine2 m = Affine2::Identity();
  m.scale(scale);
  p.transform(m);
  return p;
}

math::TfmFont tfm(const std::string& font) {
  auto path = FontLibrary::instance().findFile(font + ".tfm");
  QFile file(QString::fromStdString(*path));
  EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << *path;
  const QByteArray bytes = file.readAll();
  return *math::parseTfm(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())), *path);
}

}  // namespace

TEST(MathMetrics, ScriptShiftsAreTexsRule18) {
  const MathFont mf;
  // Baselines, from where each glyph's ink sits against its own outline: x is cmmi10's, the
  // scripts are cmr7's "2" and cmmi7's "i" at 70 %.
  const double x0 = texGlyph("cmmi10", 'x', 1).bounds().min.y();
  const double two0 = texGlyph("cmr7", '2', 0.7).bounds().min.y();
  const double i0 = texGlyph("cmmi7", 'i', 0.7).bounds().min.y();
  // A superscript rises by sup1 (cmsy10's \fontdimen13, 4.12892 pt) in display style, which
  // OpenType MATH has no constant for, and by sup2 (SuperscriptShiftUp) in text style, as in a
  // numerator.
  EXPECT_NEAR(set("x^2").pieces[1].bounds().min.y() - two0, 0.412892, 1e-6);
  const auto inNumerator = set("\\frac{x^2}{y}");
  EXPECT_NEAR((inNumerator.pieces[1].bounds().min.y() - two0) - (inNumerator.pieces[0].bounds().min.y() - x0),
              mf.constant(HB_OT_MATH_CONSTANT_SUPERSCRIPT_SHIFT_UP), 1e-6);
  // Alone, a subscript drops by sub1 (\fontdimen16, 1.5 pt), as pdfTeX does.
  EXPECT_NEAR(i0 - set("x_i").pieces[1].bounds().min.y(), 0.15, 1e-6);
  // With a superscript too, it drops at least by sub2 (SubscriptShiftDown) and further until
  // the superscript's box bottom and the subscript's box top are 4 rule widths apart (TeX
  // measures boxes: the TFM heights and depths). In display style sup1 already leaves more.
  const double twoDepth = tfm("cmr7").chars['2'].depth * 0.7, iHeight = tfm("cmmi7").chars['i'].height * 0.7;
  const auto both = set("x_i^2");
  const double v = i0 - both.pieces[2].bounds().min.y(), u = both.pieces[1].bounds().min.y() - two0;
  EXPECT_GE(v, mf.constant(HB_OT_MATH_CONSTANT_SUBSCRIPT_SHIFT_DOWN) - 1e-9);
  EXPECT_GE((u - twoDepth) - (iHeight - v), mf.constant(HB_OT_MATH_CONSTANT_SUB_SUPERSCRIPT_GAP_MIN) - 1e-9);
  const auto textBoth = set("\\frac{x_i^2}{y}");
  const double base = textBoth.pieces[0].bounds().min.y() - x0;
  const double tv = base - (textBoth.pieces[2].bounds().min.y() - i0),
               tu = (textBoth.pieces[1].bounds().min.y() - two0) - base;
  EXPECT_NEAR((tu - twoDepth) - (iHeight - tv), mf.constant(HB_OT_MATH_CONSTANT_SUB_SUPERSCRIPT_GAP_MIN), 1e-6);
}

TEST(MathMetrics, RadicalKeepsTheFontsGapAndRule) {
  const MathFont mf;
  const auto f = set("\\sqrt{x}");
  ASSERT_EQ(f.pieces.size(), 3u);  // sign, rule, body
  const Bounds rule = f.pieces[1].bounds();
  EXPECT_NEAR(rule.height(), mf.constant(HB_OT_MATH_CONSTANT_RADICAL_RULE_THICKNESS), 1e-12);
  const double xHeight = (**FontLibrary::instance().mathFont())
                             .glyphOutline((**FontLibrary::instance().mathFont()).glyphFor(U'\U0001D465'))
                             .bounds()
                             .max.y();
  EXPECT_GE(rule.min.y() - xHeight, mf.constant(HB_OT_MATH_CONSTANT_RADICAL_DISPLAY_STYLE_VERTICAL_GAP) - 1e-9);
}

TEST(MathParser, DeepNestingWithoutBracesIsAnErrorNotAStackOverflow) {
  // Each of these once recursed past the depth limit, which only braces counted.
  const auto repeat = [](const std::string& piece, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += piece;
    return s + "x";
  };
  for (const std::string& tex : {repeat("\\sqrt ", 8000), repeat("\\hat ", 8000), repeat("\\frac 1", 3000),
                                 repeat("{", 100) + std::string(100, '}')}) {
    const auto r = math::parse(tex);
    ASSERT_FALSE(r.ok()) << tex.substr(0, 20);
    EXPECT_NE(r.error().message().find("nests more than 64 levels deep"), std::string::npos) << r.error().message();
  }
  // Real formulas stay far inside the limit.
  EXPECT_TRUE(math::parse(repeat("\\sqrt ", 30)).ok());
  EXPECT_TRUE(math::parse(std::string(60, '{') + "x" + std::string(60, '}')).ok());
}

TEST(MathTypeset, OverIsPlainTexsFraction) {
  // {a \over b} is what LaTeX's \frac{a}{b} expands to: the same boxes.
  const Bounds over = inkOf(set("\\sum_{k=1}^\\infty {1 \\over k^2}"));
  const Bounds frac = inkOf(set("\\sum_{k=1}^\\infty \\frac{1}{k^2}"));
  EXPECT_NEAR(over.width(), frac.width(), 1e-12);
  EXPECT_NEAR(over.height(), frac.height(), 1e-12);
  auto empty = math::parse("{\\over b}");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message().find("\\over has an empty numerator"), std::string::npos);
}

TEST(MathTypeset, MathbbIsAmsBlackboardBold) {
  // amssymb's \mathbb: the letter of msbm10 (its TFM box, its outline), capitals only.
  const math::Formula r = set("\\mathbb{R}");
  ASSERT_EQ(r.pieces.size(), 1u);
  EXPECT_FALSE(r.pieces.front().empty());
  EXPECT_NE(inkOf(r).width(), inkOf(set("\\mathrm{R}")).width());
  auto parsed = math::parse("\\mathbb{R}\\mathbb{M}");
  ASSERT_TRUE(parsed.ok());
  auto lower = math::parse("\\mathbb{x}");
  ASSERT_FALSE(lower.ok());
  EXPECT_NE(lower.error().message().find("\\mathbb takes capital letters only"), std::string::npos);
}

TEST(MathTypeset, ADoubleBackslashBreaksLinesAsTheEnvironmentSetsThem) {
  // "a \\ bb": Tex's center environment centres the lines 12 pt apart; MathTex's align* sets
  // them flush right, 12 pt + \jot (3 pt) apart. One em is 10 pt.
  for (const math::Lines lines : {math::Lines::Paragraph, math::Lines::Align}) {
    auto f = math::typeset("a \\\\ bb", lines);
    ASSERT_TRUE(f.ok()) << f.error().format();
    ASSERT_EQ(f->pieces.size(), 3u);
    const Bounds a = f->pieces[0].bounds();
    Bounds bb = f->pieces[1].bounds();
    bb.extend(f->pieces[2].bounds());
    // a and b sit on their baselines; the b's ascender makes bb taller, so compare bottoms.
    const double pitch = a.min.y() - bb.min.y();
    if (lines == math::Lines::Paragraph) {
      EXPECT_NEAR(pitch, 1.2, 0.02);
      EXPECT_NEAR(a.center().x(), bb.center().x(), 0.02);
    } else {
      EXPECT_NEAR(pitch, 1.5, 0.02);
      EXPECT_NEAR(a.max.x(), bb.max.x(), 0.02);
    }
  }
  // Inside braces and environments a \\ is not a line break of the formula.
  EXPECT_EQ(set("\\begin{matrix} a \\\\ b \\end{matrix}").pieces.size(), 2u);
  EXPECT_NEAR(inkOf(set("a \\\\")).height(), inkOf(set("a")).height(), 1e-12);  // a trailing one ends the line
  EXPECT_NE(errorOf("a \\\\ \\frac{1}").find("\\frac"), std::string::npos);     // the line's own error
}
