// SPDX-License-Identifier: MIT
// DecimalNumber, NumberLine and Axes against ManimCE 0.17.3's own numbers (printed by its
// mobjects in /opt/manim-0.17.3, as ../shared/tools/manim-env installs it, on 2026-12-07).
#include <gtest/gtest.h>

#include "test_support.hpp"

#include "attnplay/scene/graphing.hpp"

using namespace attnplay;
using attnplay::testing::expectNear;

TEST(Graphing, DecimalTextIsPythonsFormatAsManimWritesIt) {
  DecimalOptions o;
  o.decimalPlaces = 3;
  o.includeSign = true;
  EXPECT_EQ(decimalText(-1234.5678, o), "-1,234.568");
  DecimalOptions signed2;
  signed2.includeSign = true;
  EXPECT_EQ(decimalText(0.2, signed2), "+0.20");
  // A negative number that rounds to zero loses its minus (Manim's _get_num_string).
  DecimalOptions three;
  three.decimalPlaces = 3;
  EXPECT_EQ(decimalText(-0.0004, three), "0.000");
  EXPECT_EQ(decimalText(-0.0004, o), "+0.000");
  DecimalOptions plain;
  plain.groupWithCommas = false;
  plain.decimalPlaces = 0;
  EXPECT_EQ(decimalText(1234567, plain), "1234567");
}

TEST(Graphing, DecimalNumberLaysItsCharactersOutAsManim) {
  SceneGraph g;
  DecimalOptions o;
  o.decimalPlaces = 3;
  o.includeSign = true;
  auto id = makeDecimalNumber(g, -1234.5678, o);
  ASSERT_TRUE(id);
  // ManimCE: 10 characters, 2.2502 wide, 0.4172 high, centred at (0, -0.0372); the minus
  // centred on the digit after it, the comma half its height down.
  ASSERT_EQ(g[*id].children.size(), 10u);
  EXPECT_NEAR(g.width(*id), 2.2502, 0.01);
  EXPECT_NEAR(g.height(*id), 0.4172, 0.005);
  const std::vector<Vec2> manim = {{-0.9729, -0.0154}, {-0.6905, -0.0055}, {-0.5312, -0.1714}, {-0.3547, -0.0055},
                                   {-0.104, 0.0},      {0.1577, -0.0027},  {0.3425, -0.145},   {0.5163, 0.0},
                                   {0.767, 0.0},       {1.0217, 0.0}};
  for (std::size_t i = 0; i < manim.size(); ++i) {
    const Vec2 c = g.center(g[*id].children[i]);
    EXPECT_NEAR(c.x(), manim[i].x(), 0.012) << "character " << i;
    EXPECT_NEAR(c.y() - g.center(*id).y(), manim[i].y() + 0.0372, 0.006) << "character " << i;
  }
}

TEST(Graphing, SetValueKeepsTheLeftEdgeAndTheSize) {
  SceneGraph g;
  const DecimalOptions o;
  auto id = makeDecimalNumber(g, 1.5, o);
  ASSERT_TRUE(id);
  const double initial = g.height(*id);
  g.scale(*id, 2);
  g.shift(*id, Vec2(3, 1));
  const Vec2 left = g.criticalPoint(*id, manim::LEFT);
  const double height = g.height(*id);
  auto again = setDecimalNumber(g, *id, 2.75, o, initial);
  ASSERT_TRUE(again);
  EXPECT_EQ(g[*id].children.size(), 4u);  // "2.75"
  expectNear(g.criticalPoint(*id, manim::LEFT), left, 1e-9);
  EXPECT_NEAR(g.height(*id), height, 0.02);
}

TEST(Graphing, NumberLineTicksTipAndNumbersAsManim) {
  SceneGraph g;
  NumberLineOptions o;
  o.range = {-3, 3, 1};
  o.includeTip = true;
  o.includeNumbers = true;
  auto id = makeNumberLine(g, o);
  ASSERT_TRUE(id);
  // ManimCE: [tip, ticks, numbers]; the tip takes the tick at 3; n2p(3) is the tip's point.
  ASSERT_EQ(g[*id].children.size(), 3u);
  EXPECT_EQ(g[g[*id].children[1]].children.size(), 6u);
  EXPECT_EQ(g[g[*id].children[2]].children.size(), 6u);
  expectNear(numberToPoint(g, *id, o.range, 3), Vec2(3, 0), 1e-9);
  expectNear(numberToPoint(g, *id, o.range, -3), Vec2(-3, 0), 1e-9);
  const Vec2 first = g.center(g[g[*id].children[2]].children[0]);
  EXPECT_NEAR(first.x(), -3.1141, 0.01);
  EXPECT_NEAR(first.y(), -0.3785, 0.01);
  EXPECT_NEAR(pointToNumber(g, *id, o.range, Vec2(1.5, 2)), 1.5, 1e-12);
}

TEST(Graphing, AxesPutTheirCoordinatesWhereManimDoes) {
  SceneGraph g;
  NumberLineOptions x, y;
  x.range = {0, 5, 1};
  y.range = {0, 6, 1};
  x.length = 12;
  y.length = 6;
  x.excludeOriginTick = y.excludeOriginTick = true;
  y.rotation = 3.141592653589793 / 2;
  auto id = makeAxes(g, x, y);
  ASSERT_TRUE(id);
  const CoordinateSystem c{0, 1, x.range, y.range};
  expectNear(coordsToPoint(g, *id, c, 2, 3), Vec2(-1.2, 0), 1e-9);
  expectNear(coordsToPoint(g, *id, c, 0, 0), Vec2(-6, -3), 1e-9);
  expectNear(pointToCoords(g, *id, c, Vec2(-1.2, 0)), Vec2(2, 3), 1e-9);
  // Moved, they map through where they are now.
  g.shift(*id, Vec2(1, 1));
  expectNear(coordsToPoint(g, *id, c, 2, 3), Vec2(-0.2, 1), 1e-9);

  NumberLineOptions wide;
  wide.range = {-10, 10.3, 1};
  wide.length = 10;
  wide.excludeOriginTick = true;
  EXPECT_EQ(tickRange(wide).size(), 20u);
}

TEST(Graphing, SmoothHandlesAreManims) {
  // ManimCE's get_smooth_handle_points for an open and a closed run of anchors.
  const Subpath open = smoothThrough({{0, 0}, {1, 2}, {3, 1}, {4, 3}});
  ASSERT_EQ(open.cubics.size(), 3u);
  expectNear(open.cubics[0].p1, Vec2(2.0 / 9, 1), 1e-9);
  expectNear(open.cubics[0].p2, Vec2(4.0 / 9, 2), 1e-9);
  expectNear(open.cubics[1].p1, Vec2(14.0 / 9, 2), 1e-9);
  expectNear(open.cubics[1].p2, Vec2(22.0 / 9, 1), 1e-9);
  expectNear(open.cubics[2].p1, Vec2(32.0 / 9, 1), 1e-9);
  expectNear(open.cubics[2].p2, Vec2(34.0 / 9, 2), 1e-9);
  const Subpath closed = smoothThrough({{0, 0}, {2, 0}, {2, 2}, {0, 0}});
  expectNear(closed.cubics[0].p1, Vec2(0, -2.0 / 3), 1e-9);
  expectNear(closed.cubics[0].p2, Vec2(4.0 / 3, -2.0 / 3), 1e-9);
  expectNear(closed.cubics[2].p1, Vec2(4.0 / 3, 2), 1e-9);
  expectNear(closed.cubics[2].p2, Vec2(0, 2.0 / 3), 1e-9);
}
