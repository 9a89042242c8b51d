// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include "test_support.hpp"

#include <numbers>

#include "attnplay/geometry/path.hpp"
#include "attnplay/geometry/svg_path.hpp"

using namespace attnplay;
using attnplay::testing::expectNear;

namespace {

Path unitSquare() { return Path::polyline({{0, 0}, {1, 0}, {1, 1}, {0, 1}}, true); }

}  // namespace

TEST(Cubic, LineHasHandlesAtThirds) {
  const Cubic c = Cubic::line({0, 0}, {3, 6});
  expectNear(c.p1, {1, 2});
  expectNear(c.p2, {2, 4});
  expectNear(c.at(0.5), {1.5, 3});
}

TEST(Cubic, SubCurveFollowsTheOriginal) {
  const Cubic c{{0, 0}, {1, 2}, {3, 2}, {4, 0}};
  const Cubic part = c.sub(0.25, 0.75);
  for (double t : {0.0, 0.3, 0.5, 1.0}) expectNear(part.at(t), c.at(0.25 + 0.5 * t), 1e-12);
  expectNear(c.sub(0, 0.5).p3, c.at(0.5));
  expectNear(c.sub(0.5, 1).p0, c.at(0.5));
}

TEST(Path, BoundsIncludeHandles) {
  Path p;
  p.subpaths.push_back(Subpath{{Cubic{{0, 0}, {0, 2}, {1, 2}, {1, 0}}}});
  const Bounds b = p.bounds();
  EXPECT_DOUBLE_EQ(b.max.y(), 2.0);  // Manim measures control points, not the curve's extent
  EXPECT_DOUBLE_EQ(b.width(), 1.0);
  expectNear(b.center(), {0.5, 1.0});
}

TEST(Path, EmptyBoundsAreAtOrigin) {
  const Bounds b = Path{}.bounds();
  EXPECT_TRUE(b.empty);
  expectNear(b.center(), {0, 0});
  EXPECT_EQ(b.width(), 0.0);
}

TEST(Path, ClosedWhenEndMeetsStart) {
  EXPECT_TRUE(unitSquare().subpaths[0].closed());
  EXPECT_FALSE(Path::polyline({{0, 0}, {1, 0}, {1, 1}}, false).subpaths[0].closed());
}

TEST(Path, TransformMovesEveryPoint) {
  Path p = unitSquare();
  Affine2 m = Affine2::Identity();
  m.rotate(std::numbers::pi / 2);
  p.transform(m);
  expectNear(p.subpaths[0].cubics[0].p3, {0, 1}, 1e-12);  // (1, 0) rotated a quarter turn
  p.translate({2, 0});
  expectNear(p.subpaths[0].cubics[0].p0, {2, 0}, 1e-12);
}

TEST(Partial, FullRangeIsTheSamePath) { EXPECT_EQ(partial(unitSquare(), 0, 1), unitSquare()); }

TEST(Partial, HalfOfASquareIsTwoSides) {
  // Every cubic is an equal share: half of four sides is the first two, plus the null curve
  // Manim keeps at the start of the third (upper residue 0).
  const Path half = partial(unitSquare(), 0, 0.5);
  ASSERT_EQ(half.cubicCount(), 3u);
  expectNear(half.subpaths[0].cubics[1].p3, {1, 1});
  expectNear(half.subpaths[0].cubics[2].p0, half.subpaths[0].cubics[2].p3);
  EXPECT_FALSE(half.subpaths[0].closed());
}

TEST(Partial, CutsInsideACubic) {
  const Path p = partial(unitSquare(), 0.125, 0.375);  // from mid first side to mid second side
  ASSERT_EQ(p.cubicCount(), 2u);
  expectNear(p.subpaths[0].cubics[0].p0, {0.5, 0});
  expectNear(p.subpaths[0].cubics[1].p3, {1, 0.5});
}

TEST(Partial, SpansSubpaths) {
  Path two = unitSquare();
  Path other = Path::polyline({{5, 5}, {6, 5}}, false);
  two.subpaths.push_back(other.subpaths[0]);
  const Path p = partial(two, 0.5, 1.0);  // 5 cubics: the last 2.5
  ASSERT_EQ(p.subpaths.size(), 2u);
  EXPECT_EQ(p.subpaths[0].cubics.size(), 2u);
  expectNear(p.subpaths[0].cubics[0].p0, {0.5, 1});  // half-way along the top side
  EXPECT_EQ(p.subpaths[1].cubics.size(), 1u);
}

TEST(Partial, EmptyRangeIsAPoint) {
  const Path p = partial(unitSquare(), 0.25, 0.25);
  ASSERT_EQ(p.cubicCount(), 1u);
  expectNear(p.subpaths[0].cubics[0].p0, p.subpaths[0].cubics[0].p3);
}

TEST(InsertCurves, SplitsLikeManim) {
  // Manim's example: 10 curves to 15 split as [2, 1, 2, 1, 2, 1, 2, 1, 2, 1].
  std::vector<Vec2> pts;
  for (int i = 0; i <= 10; ++i) pts.push_back({static_cast<double>(i), 0});
  const Subpath sp = Path::polyline(pts, false).subpaths[0];
  const Subpath out = insertCurves(sp, 5);
  ASSERT_EQ(out.cubics.size(), 15u);
  expectNear(out.cubics[0].p3, {0.5, 0});
  expectNear(out.cubics[1].p3, {1, 0});
  expectNear(out.cubics[2].p3, {2, 0});
  expectNear(out.cubics.back().p3, {10, 0});
}

TEST(AlignPaths, GivesEqualShapes) {
  Path a = unitSquare();
  Path b = Path::polyline({{0, 0}, {2, 0}}, false);
  Path extra = Path::polyline({{3, 3}, {4, 4}, {5, 3}}, false);
  b.subpaths.push_back(extra.subpaths[0]);
  alignPaths(a, b);
  ASSERT_EQ(a.subpaths.size(), 2u);
  ASSERT_EQ(b.subpaths.size(), 2u);
  EXPECT_EQ(a.subpaths[0].cubics.size(), 4u);
  EXPECT_EQ(b.subpaths[0].cubics.size(), 4u);
  EXPECT_EQ(a.subpaths[1].cubics.size(), b.subpaths[1].cubics.size());
  // The subpath `a` lacks becomes a null curve at its last point.
  expectNear(a.subpaths[1].cubics[0].p0, {0, 0});
  expectNear(a.subpaths[1].cubics.back().p3, {0, 0});
}

TEST(AlignPaths, EmptyPathGrowsFromItsCentre) {
  Path a;
  Path b = unitSquare();
  alignPaths(a, b, Vec2(7, 7));
  ASSERT_EQ(a.cubicCount(), 4u);
  expectNear(a.subpaths[0].cubics[2].p1, {7, 7});
}

TEST(Interpolate, EndsAndMiddle) {
  Path a = unitSquare();
  Path b = unitSquare();
  b.translate({2, 0});
  alignPaths(a, b);
  EXPECT_EQ(interpolate(a, b, 0), a);
  EXPECT_EQ(interpolate(a, b, 1), b);
  expectNear(interpolate(a, b, 0.5).subpaths[0].cubics[0].p0, {1, 0});
}

TEST(SvgPath, ReadsManimsCommandsAndRefusesOthers) {
  auto p = parseSvgPath("m1 1h2v1l-1 1z M5 5 C6 5 7 6 7 7");
  ASSERT_TRUE(p) << p.error().message();
  ASSERT_EQ(p->subpaths.size(), 2u);
  // h, v, l and the closing line back to (1, 1): four straight cubics.
  ASSERT_EQ(p->subpaths[0].cubics.size(), 4u);
  EXPECT_EQ(p->subpaths[0].cubics[1].p3, Vec2(3, 2));
  EXPECT_EQ(p->subpaths[0].cubics[3].p3, Vec2(1, 1));
  EXPECT_EQ(p->subpaths[1].cubics[0].p2, Vec2(7, 6));
  auto arc = parseSvgPath("M0 0 A1 1 0 0 1 2 0");
  ASSERT_FALSE(arc);
  EXPECT_NE(arc.error().message().find("'A' is not one attnplay reads"), std::string::npos);
  EXPECT_FALSE(parseSvgPath("M0"));
}
