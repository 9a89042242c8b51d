// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include "test_support.hpp"

#include <cmath>

#include "attnplay/scene/shapes.hpp"

using namespace attnplay;
using attnplay::testing::expectNear;
using namespace attnplay::manim;

namespace {}  // namespace

TEST(Shapes, RectangleStartsUpperRightCounterClockwise) {
  const Mobject r = makeRectangle(1, 0.6);
  ASSERT_EQ(r.path.cubicCount(), 4u);
  const auto& c = r.path.subpaths[0].cubics;
  expectNear(c[0].p0, {0.5, 0.3});
  expectNear(c[1].p0, {-0.5, 0.3});
  expectNear(c[2].p0, {-0.5, -0.3});
  expectNear(c[3].p0, {0.5, -0.3});
  EXPECT_TRUE(r.path.subpaths[0].closed());
  EXPECT_EQ(r.style.strokeColor, WHITE);
  EXPECT_EQ(r.style.fillOpacity, 0);
  EXPECT_EQ(r.style.strokeWidth, 4);
}

TEST(Shapes, CircleIsEightArcsWithManimHandles) {
  const Mobject c = makeCircle(1);
  ASSERT_EQ(c.path.cubicCount(), 8u);
  const Cubic& first = c.path.subpaths[0].cubics[0];
  expectNear(first.p0, {1, 0});
  expectNear(first.p1, {1, std::numbers::pi / 4 / 3});  // handle d_theta/3 along the tangent
  expectNear(first.p3, {std::sqrt(0.5), std::sqrt(0.5)});
  const Bounds b = c.path.bounds();
  EXPECT_NEAR(b.max.y(), 1, 1e-12);
  EXPECT_NEAR(b.min.x(), -1, 1e-12);
  EXPECT_EQ(c.style.strokeColor, *namedColor("RED"));
}

TEST(Shapes, LineBuffShortensBothEnds) {
  const Mobject l = makeLine({0, 0}, {4, 0}, 0.5);
  expectNear(l.path.subpaths[0].cubics[0].p0, {0.5, 0});
  expectNear(l.path.subpaths[0].cubics[0].p3, {3.5, 0});
  // Too short for the buff: left whole.
  const Mobject s = makeLine({0, 0}, {0.5, 0}, 0.5);
  expectNear(s.path.subpaths[0].cubics[0].p3, {0.5, 0});
}

TEST(Arrow, LongArrowHasFullTip) {
  SceneGraph g;
  const MobjectId a = makeArrow(g, {0, 0}, {4, 0});
  const Mobject& shaft = g[a];
  ASSERT_EQ(shaft.children.size(), 1u);
  const Mobject& tip = g[shaft.children[0]];
  // buff 0.25 at both ends; tip 0.35 long and as wide; shaft ends at the tip's base.
  expectNear(shaft.path.subpaths[0].cubics[0].p0, {0.25, 0});
  expectNear(shaft.path.subpaths[0].cubics[0].p3, {3.4, 0});
  const auto& t = tip.path.subpaths[0].cubics;
  ASSERT_EQ(t.size(), 3u);
  expectNear(t[0].p0, {3.75, 0});
  expectNear(t[1].p0, {3.4, 0.175});  // Manim's triangle runs tip, left of the arrow, right
  expectNear(t[2].p0, {3.4, -0.175});
  EXPECT_EQ(shaft.style.strokeWidth, 6);
  EXPECT_EQ(tip.style.fillOpacity, 1);
  EXPECT_EQ(tip.style.strokeWidth, 0);
}

TEST(Arrow, ShortArrowShrinksTipAndStroke) {
  SceneGraph g;
  // Length after buff is 0.5: tip = 0.25 × 0.5, stroke = min(6, 5 × shaft length 0.375).
  const MobjectId a = makeArrow(g, {0, 0}, {1, 0});
  const Mobject& tip = g[g[a].children[0]];
  expectNear(tip.path.subpaths[0].cubics[0].p0, {0.75, 0});
  expectNear(tip.path.subpaths[0].cubics[1].p0, {0.625, 0.0625});
  EXPECT_NEAR(g[a].style.strokeWidth, 1.875, 1e-12);
}

TEST(Arrow, DiagonalTipPointsAlongTheArrow) {
  SceneGraph g;
  ArrowOptions o;
  o.buff = 0;
  o.color = *namedColor("RED");
  const MobjectId a = makeArrow(g, {0, 0}, {3, 4}, o);
  const Mobject& tip = g[g[a].children[0]];
  expectNear(tip.path.subpaths[0].cubics[0].p0, {3, 4});
  const Vec2 base = (tip.path.subpaths[0].cubics[1].p0 + tip.path.subpaths[0].cubics[2].p0) / 2;
  expectNear(base, Vec2(3, 4) - 0.35 * Vec2(0.6, 0.8));
  EXPECT_NEAR((tip.path.subpaths[0].cubics[1].p0 - tip.path.subpaths[0].cubics[2].p0).norm(), 0.35, 1e-12);
  EXPECT_EQ(tip.style.fillColor, *namedColor("RED"));
  EXPECT_EQ(g[a].style.strokeColor, *namedColor("RED"));
}

TEST(Arrow, ZeroLengthDoesNotBreak) {
  SceneGraph g;
  const MobjectId a = makeArrow(g, {1, 1}, {1, 1});
  EXPECT_TRUE(g[a].path.allFinite());
  EXPECT_EQ(g[a].style.strokeWidth, 0);
}

TEST(Shapes, SurroundingRectangleGrowsByBuff) {
  SceneGraph g;
  const MobjectId s = g.create(makeSquare(1));
  g.shift(s, {2, 1});
  const Mobject r = makeSurroundingRectangle(g, s);
  const Bounds b = r.path.bounds();
  expectNear(b.min, {1.4, 0.4});
  expectNear(b.max, {2.6, 1.6});
  EXPECT_EQ(r.style.strokeColor, *namedColor("YELLOW"));
}
