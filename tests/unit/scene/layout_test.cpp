// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include "test_support.hpp"

#include <numbers>

#include "attnplay/scene/shapes.hpp"

using namespace attnplay;
using attnplay::testing::expectNear;
using namespace attnplay::manim;

namespace {}  // namespace

TEST(Layout, CriticalPointsOfARectangle) {
  SceneGraph g;
  const MobjectId r = g.create(makeRectangle(4, 2));
  expectNear(g.criticalPoint(r, UP), {0, 1});
  expectNear(g.criticalPoint(r, DL), {-2, -1});
  expectNear(g.criticalPoint(r, ORIGIN), {0, 0});
  EXPECT_DOUBLE_EQ(g.width(r), 4);
  EXPECT_DOUBLE_EQ(g.height(r), 2);
}

TEST(Layout, CriticalPointsComeFromAnchorsAndSizesFromEveryPoint) {
  // Manim's get_critical_point reads get_points_defining_boundary (anchors), its width and
  // height every point: a curve whose handles stand above it is as high as its handles, but
  // its top is its highest anchor.
  SceneGraph g;
  Mobject bump;
  bump.path.subpaths.push_back(Subpath{{Cubic{Vec2(0, 0), Vec2(1, 3), Vec2(2, 3), Vec2(3, 0)}}});
  const MobjectId id = g.create(bump);
  expectNear(g.criticalPoint(id, UP), {1.5, 0});
  expectNear(g.center(id), {1.5, 0});
  EXPECT_DOUBLE_EQ(g.height(id), 3);
}

TEST(Layout, ShiftMovesTheWholeFamily) {
  SceneGraph g;
  const MobjectId a = g.create(makeSquare(1));
  const MobjectId b = g.create(makeSquare(1));
  const MobjectId group = g.create(makeGroup());
  g.addChild(group, a);
  g.addChild(group, b);
  g.addChild(group, a);  // shared twice: still moved once
  g.shift(group, {1, 2});
  expectNear(g.center(a), {1, 2});
  expectNear(g.center(b), {1, 2});
}

TEST(Layout, NextToPlacesEdgeToEdgeWithBuff) {
  // Manim: target point = target's critical point in (aligned_edge + direction), our point in
  // (aligned_edge - direction), shifted apart by buff * direction.
  SceneGraph g;
  const MobjectId a = g.create(makeSquare(2));
  const MobjectId b = g.create(makeSquare(1));
  g.nextTo(b, a, RIGHT);
  expectNear(g.center(b), {1 + 0.25 + 0.5, 0});
  g.nextTo(b, a, UP, 0.1, LEFT);  // left edges aligned
  expectNear(g.criticalPoint(b, DL), {-1, 1.1});
  g.nextTo(b, Vec2(3, 3), DOWN, 0.5);
  expectNear(g.criticalPoint(b, UP), {3, 2.5});
}

TEST(Layout, ArrangeSpacesAndCentres) {
  SceneGraph g;
  const MobjectId group = g.create(makeGroup());
  for (int i = 0; i < 3; ++i) {
    const MobjectId s = g.create(makeSquare(1));
    g.shift(s, {5.0 * i, 3.0 * i});  // start scattered
    g.addChild(group, s);
  }
  g.arrange(group, RIGHT, 0.3);
  const auto& kids = g[group].children;
  expectNear(g.center(kids[0]), {-1.3, 0});
  expectNear(g.center(kids[1]), {0, 0});
  expectNear(g.center(kids[2]), {1.3, 0});
}

TEST(Layout, ArrangeDownUsesDefaultBuff) {
  SceneGraph g;
  const MobjectId group = g.create(makeGroup());
  for (int i = 0; i < 3; ++i) g.addChild(group, g.create(makeSquare(1)));
  g.arrange(group, DOWN);
  expectNear(g.center(g[group].children[0]), {0, 1.25});
  expectNear(g.center(g[group].children[2]), {0, -1.25});
}

TEST(Layout, ToEdgeKeepsTheOtherAxis) {
  SceneGraph g;
  const MobjectId r = g.create(makeRectangle(2, 1));
  g.shift(r, {1, -2});
  g.toEdge(r, UP);
  // Top edge at FRAME_Y_RADIUS - 0.5 = 3.5, x untouched.
  expectNear(g.criticalPoint(r, UP), {1, 3.5});
  g.toEdge(r, LEFT, 0.25);
  expectNear(g.criticalPoint(r, LEFT), {-FRAME_X_RADIUS + 0.25, 3});
  g.toCorner(r, DR);
  expectNear(g.criticalPoint(r, DR), {FRAME_X_RADIUS - 0.5, -3.5});
}

TEST(Layout, MoveToAndAlignTo) {
  SceneGraph g;
  const MobjectId a = g.create(makeSquare(2));
  const MobjectId b = g.create(makeSquare(1));
  g.shift(a, {3, 1});
  g.moveTo(b, a);
  expectNear(g.center(b), {3, 1});
  g.moveTo(b, Vec2(0, 0), UL);  // put b's upper-left corner on the origin
  expectNear(g.criticalPoint(b, UL), {0, 0});
  g.alignTo(b, a, DOWN);  // only y moves
  expectNear(g.criticalPoint(b, DL), {0, 0});
  g.alignTo(b, a, RIGHT);
  expectNear(g.criticalPoint(b, DR), {4, 0});
}

TEST(Layout, ScaleRotateStretch) {
  SceneGraph g;
  const MobjectId r = g.create(makeRectangle(2, 1));
  g.shift(r, {1, 1});
  g.scale(r, 2);
  expectNear(g.center(r), {1, 1});
  EXPECT_NEAR(g.width(r), 4, 1e-12);
  g.rotate(r, std::numbers::pi / 2, g.center(r));
  EXPECT_NEAR(g.width(r), 2, 1e-12);
  EXPECT_NEAR(g.height(r), 4, 1e-12);
  g.stretchToFit(r, 3, 0);
  EXPECT_NEAR(g.width(r), 3, 1e-12);
  EXPECT_NEAR(g.height(r), 4, 1e-12);
}

TEST(Layout, EmptyGroupMeasuresAtOrigin) {
  SceneGraph g;
  const MobjectId group = g.create(makeGroup());
  expectNear(g.criticalPoint(group, UR), {0, 0});
  EXPECT_EQ(g.width(group), 0);
}

TEST(SceneGraph, RefusesCycles) {
  SceneGraph g;
  const MobjectId a = g.create(makeGroup());
  const MobjectId b = g.create(makeGroup());
  EXPECT_TRUE(g.addChild(a, b));
  EXPECT_FALSE(g.addChild(b, a));
  EXPECT_FALSE(g.addChild(a, a));
  EXPECT_EQ(g[b].children.size(), 0u);
}

TEST(SceneGraph, StyleSettersReachTheFamily) {
  SceneGraph g;
  const MobjectId group = g.create(makeGroup());
  const MobjectId s = g.create(makeSquare());
  g.addChild(group, s);
  g.setFillColor(group, *namedColor("YELLOW"));
  g.setFillOpacity(group, 0.8);
  g.setStrokeWidth(group, 2);
  EXPECT_EQ(g[s].style.fillColor, *namedColor("YELLOW"));
  EXPECT_DOUBLE_EQ(g[s].style.fillOpacity, 0.8);
  EXPECT_DOUBLE_EQ(g[s].style.strokeWidth, 2);
  g.setOpacity(group, 0.25);
  EXPECT_DOUBLE_EQ(g[s].style.strokeOpacity, 0.25);
}

TEST(SceneGraph, AddingAgainMovesToTheFront) {
  SceneGraph g;
  const MobjectId a = g.create(makeSquare());
  const MobjectId b = g.create(makeSquare());
  g.addToScene(a);
  g.addToScene(b);
  g.addToScene(a);
  EXPECT_EQ(g.stage(), (std::vector<MobjectId>{b, a}));
  g.removeFromScene(b);
  EXPECT_EQ(g.stage(), (std::vector<MobjectId>{a}));
}

TEST(SceneGraph, TakingAPartOffStageSplitsWhatHoldsItAsManimDoes) {
  // Manim's Scene.remove (restructure_mobjects): a mobject on stage that holds part of what goes
  // gives way, in its place, to its submobjects that stay.
  SceneGraph g;
  const MobjectId outer = g.create(makeGroup()), inner = g.create(makeGroup());
  const MobjectId a = g.create(makeSquare()), b = g.create(makeSquare()), c = g.create(makeSquare());
  const MobjectId x = g.create(makeSquare());
  g.addChild(inner, a);
  g.addChild(inner, b);
  g.addChild(outer, inner);
  g.addChild(outer, c);
  g.addToScene(outer);
  g.addToScene(x);
  g.removeFromScene(a);
  EXPECT_EQ(g.stage(), (std::vector<MobjectId>{b, c, x}));
  // Taking a mobject off takes its whole family, wherever its members stand.
  g.removeFromScene(inner);
  EXPECT_EQ(g.stage(), (std::vector<MobjectId>{c, x}));
  // Adding a part of a mobject on stage moves that part to the front, as Scene.add does.
  g.addToScene(outer);
  g.addToScene(b);
  EXPECT_EQ(g.stage(), (std::vector<MobjectId>{x, a, c, b}));
}
