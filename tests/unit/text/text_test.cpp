// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <algorithm>

#include "attnplay/scene/text.hpp"
#include "attnplay/text/shaping.hpp"

using namespace attnplay;

namespace {

const Font& serif() { return **FontLibrary::instance().face("DejaVu Serif"); }
const Font& sans() { return **FontLibrary::instance().face("DejaVu Sans"); }

double advanceOf(const std::string& s, const Font& f) {
  const ShapedText t = shapeText(s, {&f}, 1.2);
  return t.lineWidths.front();
}

}  // namespace

TEST(FontLibrary, FindsTheShippedFaces) {
  for (const auto& family : FontLibrary::families()) {
    auto f = FontLibrary::instance().face(family);
    ASSERT_TRUE(f.ok()) << f.error().format();
    EXPECT_EQ((*f)->family(), family);
  }
  auto bold = FontLibrary::instance().face("DejaVu Sans", {true, false});
  ASSERT_TRUE(bold.ok());
  EXPECT_NE((*bold)->path().find("DejaVuSans-Bold.ttf"), std::string::npos);
}

TEST(FontLibrary, UnknownFamilyNamesTheShippedOnes) {
  auto f = FontLibrary::instance().face("Comic Sans");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.error().hint().find("DejaVu Serif"), std::string::npos);
}

TEST(FontLibrary, MissingFontNamesEveryPathTried) {
  FontLibrary empty({"/nonexistent/one", "/nonexistent/two"});
  auto f = empty.face("DejaVu Serif");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().code(), ErrorCode::NotFound);
  const std::string message = f.error().message();
  EXPECT_NE(message.find("font file 'DejaVuSerif.ttf' not found"), std::string::npos);
  EXPECT_NE(message.find("/nonexistent/one/DejaVuSerif.ttf"), std::string::npos);
  EXPECT_NE(message.find("/nonexistent/two/DejaVuSerif.ttf"), std::string::npos);
  EXPECT_NE(f.error().hint().find("ATTNPLAY_FONT_DIR"), std::string::npos);
}

TEST(FontLibrary, LooksInTheSourceTreeAndNextToTheExecutable) {
  const auto dirs = FontLibrary::defaultSearchDirs();
  EXPECT_NE(std::find(dirs.begin(), dirs.end(), std::string(ATTNPLAY_SOURCE_DIR) + "/assets/fonts"), dirs.end());
  EXPECT_TRUE(std::any_of(dirs.begin(), dirs.end(), [](const std::string& d) { return d.ends_with("/assets/fonts"); }));
}

TEST(Font, OutlinesAreClosedCubicsInEmUnits) {
  const Path o = serif().glyphOutline(serif().glyphFor(U'o'));
  ASSERT_EQ(o.subpaths.size(), 2u);  // outer and inner contour
  for (const auto& sp : o.subpaths) EXPECT_TRUE(sp.closed());
  const Bounds b = o.bounds();
  EXPECT_GT(b.height(), 0.4);
  EXPECT_LT(b.height(), 0.7);
  EXPECT_TRUE(serif().glyphOutline(serif().glyphFor(U' ')).empty());
}

TEST(Shaping, KernsPairs) {
  // DejaVu kerns "AV": shaped together they are narrower than apart.
  EXPECT_LT(advanceOf("AV", sans()), advanceOf("A", sans()) + advanceOf("V", sans()) - 0.01);
}

TEST(Shaping, CombiningMarkSitsOnItsBase) {
  // e + acute composes to the font's é; q + acute has no precomposed form, so the mark stays.
  EXPECT_EQ(shapeText("e\u0301", {&serif()}, 1.2).glyphs.size(), 1u);
  const ShapedText t = shapeText("q\u0301", {&serif()}, 1.2);
  ASSERT_EQ(t.glyphs.size(), 2u);
  EXPECT_EQ(t.glyphs[1].advance, 0);  // the accent takes no room of its own
  EXPECT_TRUE(t.missing.empty());
}

TEST(Shaping, RightToLeftRunsComeOutInVisualOrder) {
  const ShapedText t = shapeText("\u05E9\u05DC\u05D5\u05DD", {&sans()}, 1.2);  // Hebrew "shalom"
  ASSERT_EQ(t.glyphs.size(), 4u);
  EXPECT_GT(t.glyphs.front().cluster, t.glyphs.back().cluster);  // leftmost glyph is the last letter
}

TEST(Shaping, FallsBackToAFontThatHasTheCharacter) {
  // DejaVu Serif has no Arabic; DejaVu Sans does.
  ASSERT_EQ(serif().glyphFor(U'\u0633'), 0u);
  const ShapedText t = shapeText("a\u0633", {&serif(), &sans()}, 1.2);
  ASSERT_EQ(t.glyphs.size(), 2u);
  EXPECT_EQ(t.glyphs[0].font, &serif());
  EXPECT_EQ(t.glyphs[1].font, &sans());
}

TEST(Shaping, MissingEverywhereIsReportedOnce) {
  const ShapedText t = shapeText("\u732B\u732B", {&serif(), &sans()}, 1.2);  // CJK: no shipped font
  ASSERT_EQ(t.glyphs.size(), 2u);
  EXPECT_EQ(t.glyphs[0].font, nullptr);
  EXPECT_EQ(t.missing, std::vector<char32_t>{U'\u732B'});
}

TEST(Shaping, BreaksLines) {
  const ShapedText t = shapeText("ab\ncd", {&serif()}, 1.5);
  ASSERT_EQ(t.glyphs.size(), 4u);
  EXPECT_EQ(t.glyphs[2].line, 1);
  EXPECT_DOUBLE_EQ(t.glyphs[2].origin.y(), -1.5);
  EXPECT_DOUBLE_EQ(t.glyphs[2].origin.x(), 0);
  EXPECT_EQ(t.lineWidths.size(), 2u);
}

TEST(Shaping, DecodesUtf8AndReplacesBadBytes) {
  const auto cps = decodeUtf8("a\xC3\xA9\xFF");
  ASSERT_EQ(cps.size(), 3u);
  EXPECT_EQ(cps[1].first, U'\u00E9');
  EXPECT_EQ(cps[1].second, 1u);
  EXPECT_EQ(cps[2].first, U'\uFFFD');
}

TEST(Text, MatchesManimSize) {
  // Manim's "Self-Attention Mechanism" at font_size 36 (SelfAttentionDemo's title) measures
  // 860 × 52–53 px at 135 px/unit in the reference frame: 6.370 × 0.389 units.
  SceneGraph g;
  auto t = makeText(g, "Self-Attention Mechanism", {.fontSize = 36});
  ASSERT_TRUE(t.ok());
  EXPECT_NEAR(g.width(*t), 860.0 / 135, 1.5 / 135);
  EXPECT_NEAR(g.height(*t), 52.5 / 135, 1.5 / 135);
  EXPECT_EQ(g[*t].children.size(), 23u);  // the glyph count Manim's Write uses; the space has none
}

TEST(Text, GlyphsInReadingOrderCentredOnOrigin) {
  SceneGraph g;
  auto t = makeText(g, "cat", {});
  ASSERT_TRUE(t.ok());
  const auto& kids = g[*t].children;
  ASSERT_EQ(kids.size(), 3u);
  EXPECT_LT(g.center(kids[0]).x(), g.center(kids[1]).x());
  EXPECT_NEAR(g.center(*t).x(), 0, 1e-12);
  EXPECT_NEAR(g.center(*t).y(), 0, 1e-12);
  EXPECT_EQ(g[kids[0]].style.fillOpacity, 1);
  EXPECT_EQ(g[kids[0]].style.strokeWidth, 0);
}

TEST(Text, SizeScalesWithFontSize) {
  SceneGraph g;
  const MobjectId a = *makeText(g, "Attention", {.fontSize = 24});
  const MobjectId b = *makeText(g, "Attention", {.fontSize = 48});
  EXPECT_NEAR(g.height(b) / g.height(a), 2.0, 0.01);
}

TEST(Text, MissingGlyphIsABoxAndAWarning) {
  SceneGraph g;
  std::vector<std::string> warnings;
  auto t = makeText(g, "\u732B", {}, &warnings);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(g[*t].children.size(), 1u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("U+732B"), std::string::npos);
}
