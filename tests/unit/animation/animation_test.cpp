// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <cmath>

#include "attnplay/animation/build.hpp"
#include "attnplay/animation/rate_functions.hpp"
#include "attnplay/render/renderer.hpp"
#include "attnplay/scene/shapes.hpp"
#include "attnplay/script/scene_script.hpp"
#include "attnplay/timeline/recorder.hpp"
#include "test_support.hpp"

using namespace attnplay;
using attnplay::testing::expectNear;
using attnplay::testing::inkOf;
using attnplay::testing::run;

namespace {

double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }
// Manim's smooth, written out from rate_functions.py.
double manimSmooth(double t) {
  const double e = sigmoid(-5);
  return std::clamp((sigmoid(10 * (t - 0.5)) - e) / (1 - 2 * e), 0.0, 1.0);
}

}  // namespace

TEST(RateFunctions, MatchManimsFormulas) {
  for (double t : {0.0, 0.1, 0.25, 0.5, 0.8, 1.0}) {
    EXPECT_NEAR(rate::smooth(t), manimSmooth(t), 1e-12) << t;
    EXPECT_NEAR(rate::thereAndBack(t), manimSmooth(t < 0.5 ? 2 * t : 2 * (1 - t)), 1e-12) << t;
    EXPECT_NEAR(rate::rushInto(t), 2 * manimSmooth(t / 2), 1e-12) << t;
    EXPECT_NEAR(rate::rushFrom(t), 2 * manimSmooth(t / 2 + 0.5) - 1, 1e-12) << t;
    EXPECT_NEAR(rate::slowInto(t), std::sqrt(1 - (1 - t) * (1 - t)), 1e-12) << t;
    EXPECT_NEAR(rate::exponentialDecay(t), 1 - std::exp(-t / 0.1), 1e-12) << t;
  }
  EXPECT_NEAR(rate::doubleSmooth(0.25), 0.5 * manimSmooth(0.5), 1e-12);
  EXPECT_NEAR(rate::doubleSmooth(0.75), 0.5 * (1 + manimSmooth(0.5)), 1e-12);
  EXPECT_NEAR(rate::thereAndBackWithPause(0.5), 1.0, 1e-12);
  EXPECT_NEAR(rate::thereAndBackWithPause(0.1), manimSmooth(0.3), 1e-12);
  EXPECT_NEAR(rate::lingering(0.4), 0.5, 1e-12);
  EXPECT_NEAR(rate::wiggle(0.25), manimSmooth(0.5) * std::sin(2 * M_PI * 0.25), 1e-12);
  // running_start: the Bézier of [0, 0, -0.5, -0.5, 1, 1, 1] at 1/2 is (−0.5·(15+20) + 15 + 6 + 1) / 64.
  EXPECT_NEAR(rate::runningStart(0.5), (-0.5 * 35 + 22) / 64.0, 1e-12);
  EXPECT_NEAR((*RateFunc::named("ease_in_out_quad"))(0.25), 0.125, 1e-12);
  EXPECT_NEAR((*RateFunc::named("easeOutBounce"))(1.0), 1.0, 1e-12);
  EXPECT_NEAR((*RateFunc::named("ease_in_expo"))(0.5), std::pow(2, -5), 1e-12);
}

TEST(RateFunctions, ClampLikeManim) {
  EXPECT_EQ(rate::linear(-0.5), 0);  // @unit_interval
  EXPECT_EQ(rate::linear(1.5), 1);
  EXPECT_EQ(rate::smooth(7), 1);
  EXPECT_EQ(rate::thereAndBack(1.2), 0);  // @zero
  EXPECT_EQ(rate::thereAndBack(-0.2), 0);
}

TEST(RateFunctions, AllNamedInBothSpellings) {
  EXPECT_GE(RateFunc::names().size(), 40u);
  for (const auto& name : RateFunc::names()) EXPECT_TRUE(RateFunc::named(name)) << name;
  EXPECT_EQ(RateFunc::named("thereAndBackWithPause")->name(), "there_and_back_with_pause");
  EXPECT_FALSE(RateFunc::named("bouncy"));
  const RateFunc sampled = RateFunc::sampled("square", {0, 0.25, 1});
  EXPECT_NEAR(sampled(0.25), 0.125, 1e-12);
  EXPECT_NEAR(sampled(2), 1, 1e-12);
}

TEST(LagRatio, SubAlphasFollowManim) {
  // Manim's get_sub_alpha: rate(alpha * ((n - 1) * lag + 1) - index * lag).
  Animation a;
  a.timing.rate = *RateFunc::named("linear");
  a.timing.lagRatio = 0.1;
  for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(a.subAlpha(0.5, i, 4), 0.65 - 0.1 * i, 1e-12);
  a.timing.lagRatio = 1.0;  // Create: strictly one after another
  EXPECT_NEAR(a.subAlpha(0.5, 0, 4), 1.0, 1e-12);
  EXPECT_NEAR(a.subAlpha(0.5, 1, 4), 1.0, 1e-12);
  EXPECT_NEAR(a.subAlpha(0.5, 2, 4), 0.0, 1e-12);
  EXPECT_NEAR(a.subAlpha(0.625, 2, 4), 0.5, 1e-12);
}

TEST(LagRatio, AnimationGroupTimings) {
  // SelfAttentionDemo's arrows: four 1 s GrowArrows, lag 0.1, the group squeezed into 1 s: each
  // grows over 1/1.3 s, starting 0.1/1.3 s apart (refs/manim/TIMELINE.md).
  const LoadedScene scene = run(R"(
    const arrows = [0, 1, 2, 3].map(i => Arrow([i, 0], [i, 2]));
    play(AnimationGroup(...arrows.map(a => GrowArrow(a)), { lagRatio: 0.1 }), { runTime: 1 });
  )");
  const Segment& s = scene.timeline->segments().at(0);
  ASSERT_EQ(s.placements.size(), 4u);
  EXPECT_NEAR(s.end - s.start, 1.0, 1e-12);
  for (std::size_t k = 0; k < 4; ++k) {
    const double start = 0.1 * k / 1.3, length = 1 / 1.3;
    EXPECT_NEAR(s.placements[k].alphaAt(start), 0.0, 1e-9) << k;
    EXPECT_NEAR(s.placements[k].alphaAt(start + length / 2), 0.5, 1e-9) << k;
    EXPECT_NEAR(s.placements[k].alphaAt(start + length), 1.0, 1e-9) << k;
  }
}

TEST(Write, RunTimeAndLagByLength) {
  const LoadedScene scene = run(R"(
    play(Write(Text("Self-Attention Mechanism", { fontSize: 36 })));
    play(Write(Text("Self-attention", { fontSize: 20 })));
    play(Write(MathTex("0.15", { fontSize: 16 })));
  )");
  const auto& segs = scene.timeline->segments();
  ASSERT_EQ(segs.size(), 3u);
  // 23 glyphs: 2 s, lag 4/23; 14 glyphs: 1 s, lag 0.2 (refs/manim/TIMELINE.md).
  EXPECT_NEAR(segs[0].end - segs[0].start, 2.0, 1e-12);
  EXPECT_NEAR(segs[0].placements[0].animation->timing.lagRatio, 4.0 / 23, 1e-12);
  EXPECT_NEAR(segs[1].end - segs[1].start, 1.0, 1e-12);
  EXPECT_NEAR(segs[1].placements[0].animation->timing.lagRatio, 0.2, 1e-12);
  EXPECT_EQ(segs[2].placements[0].animation->leaves.size(), 4u);
  ASSERT_EQ(segs[0].animations.size(), 1u);
  EXPECT_EQ(segs[0].animations[0].text(), "Write(Text)");
}

TEST(Create, DrawsEachPathInTurn) {
  const LoadedScene scene = run("play(Create(Square()));");
  const Timeline& t = *scene.timeline;
  EXPECT_TRUE(t.evaluate(0).items.empty());
  // α = 0.5: smooth(0.5) = 0.5 of the square's four sides: it has reached its lower-left corner.
  const FrameState half = t.evaluate(0.5);
  ASSERT_EQ(half.items.size(), 1u);
  expectNear(half.items[0].path->subpaths.back().cubics.back().p3, {-1, -1});
  EXPECT_EQ(*t.evaluate(1).items[0].path, makeSquare().path);
}

TEST(Write, OutlineFirstThenFill) {
  const LoadedScene scene = run("play(Write(Square({ fillOpacity: 1, strokeWidth: 0, color: RED })));");
  const Timeline& t = *scene.timeline;
  // One path, 1 s, linear: α = 0.25 is the first half at 0.5 — half the outline, 2 wide, no fill.
  const FrameState quarter = t.evaluate(0.25);
  ASSERT_EQ(quarter.items.size(), 1u);
  EXPECT_EQ(quarter.items[0].style.fillOpacity, 0);
  EXPECT_EQ(quarter.items[0].style.strokeWidth, 2);
  EXPECT_EQ(quarter.items[0].style.strokeColor.toHex(), "#fc6255");  // `color` set the stroke colour too
  EXPECT_EQ(quarter.items[0].path->cubicCount(), 3u);
  // α = 0.75: the whole outline, filling: half-way from outline to shape.
  const FrameState threeQuarters = t.evaluate(0.75);
  EXPECT_NEAR(threeQuarters.items[0].style.fillOpacity, 0.5, 1e-12);
  EXPECT_NEAR(threeQuarters.items[0].style.strokeWidth, 1.0, 1e-12);
  EXPECT_EQ(t.evaluate(1).items[0].style, (Style{*manim::namedColor("RED"), 1, *manim::namedColor("RED"), 1, 0}));
}

TEST(Write, ColouredTextIsOutlinedWhiteThenFilledInItsColour) {
  // Manim's Text puts `color` in its SVG's fill only, so its paths keep the default white stroke
  // colour, and Write's outline (the stroke colour of each path once its fill is cleared) is
  // white: AttentionHeatmap's grey "Query" and "Key" are written white and turn grey as they fill.
  const LoadedScene scene = run(R"(play(Write(Text("Key", { color: GRAY })), { rateFunc: linear });)");
  const Timeline& t = *scene.timeline;
  const FrameState early = t.evaluate(0.1);
  ASSERT_FALSE(early.items.empty());
  for (const auto& item : early.items) {
    EXPECT_EQ(item.style.fillOpacity, 0);
    EXPECT_EQ(item.style.strokeColor.toHex(), "#ffffff");
  }
  for (const auto& item : t.evaluate(1).items) {
    EXPECT_EQ(item.style.fillColor.toHex(), manim::namedColor("GRAY")->toHex());
    EXPECT_NEAR(item.style.fillOpacity, 1, 1e-12);
    EXPECT_NEAR(item.style.strokeWidth, 0, 1e-12);
  }
  // Set afterwards, the colour is the stroke's too, as Manim's set_color does.
  const LoadedScene set = run(R"(play(Write(Text("Key").setColor(GRAY)), { rateFunc: linear });)");
  EXPECT_EQ(set.timeline->evaluate(0.1).items.front().style.strokeColor.toHex(), manim::namedColor("GRAY")->toHex());
}

TEST(GrowArrow, ScalesFromTheStart) {
  const LoadedScene scene = run("play(GrowArrow(Arrow([0, 0], [4, 0], { buff: 0 })));");
  const Timeline& t = *scene.timeline;
  const FrameState start = t.evaluate(0);
  for (const auto& item : start.items) EXPECT_NEAR(item.path->bounds().width(), 0, 1e-12);
  // smooth(0.5) = 0.5: everything, tip included, at half size about the start.
  const Bounds half = inkOf(t.evaluate(0.5));
  EXPECT_NEAR(half.min.x(), 0, 1e-12);
  EXPECT_NEAR(half.max.x(), 2, 1e-12);
  EXPECT_NEAR(inkOf(t.evaluate(1)).max.x(), 4, 1e-12);
}

TEST(GrowArrow, TheShaftsWidthGrowsFromZeroWithTheArrow) {
  // Manim 0.17.3's GrowArrow scales its start copy with scale_tips=True, and Arrow.scale then
  // sets the shaft's stroke to min(width, 5 × length) = 0: the width is interpolated from 0 with
  // the animation's progress, not drawn whole from the first frame. The tip has no stroke.
  const LoadedScene scene =
      run("play(GrowArrow(Arrow([0, 0], [4, 0], { buff: 0, strokeWidth: 8 })), { rateFunc: linear });");
  const Timeline& t = *scene.timeline;
  auto shaftWidth = [&](double time) {
    for (const auto& item : t.evaluate(time).items) {
      if (item.style.fillOpacity == 0) return item.style.strokeWidth;  // the shaft is the one unfilled
    }
    return -1.0;
  };
  EXPECT_NEAR(shaftWidth(0), 0, 1e-12);
  EXPECT_NEAR(shaftWidth(0.25), 2, 1e-12);
  EXPECT_NEAR(shaftWidth(0.5), 4, 1e-12);
  EXPECT_NEAR(shaftWidth(1), 8, 1e-12);
}

TEST(FadeIn, OpacityAndShift) {
  const LoadedScene scene = run("play(FadeIn(Square({ fillOpacity: 0.8 }), { shift: UP }));");
  const Timeline& t = *scene.timeline;
  EXPECT_EQ(t.evaluate(0).items[0].style.fillOpacity, 0);
  EXPECT_NEAR(inkOf(t.evaluate(0)).center().y(), -1, 1e-12);  // comes from one unit below
  EXPECT_NEAR(t.evaluate(0.5).items[0].style.fillOpacity, 0.4, 1e-12);
  EXPECT_NEAR(inkOf(t.evaluate(0.5)).center().y(), -0.5, 1e-12);
  EXPECT_NEAR(t.evaluate(1).items[0].style.fillOpacity, 0.8, 1e-12);
}

TEST(FadeOut, RemovesAtTheEndRestored) {
  const LoadedScene scene = run("const s = Square(); add(s); play(FadeOut(s)); wait();");
  const Timeline& t = *scene.timeline;
  EXPECT_NEAR(t.evaluate(0.5).items[0].style.strokeOpacity, 0.5, 1e-12);
  EXPECT_TRUE(t.evaluate(1.5).items.empty());
  EXPECT_TRUE(scene.graph.stage().empty());
  EXPECT_EQ(scene.graph[0].style.strokeOpacity, 1);  // Manim puts the faded mobject back as it was
}

TEST(Transform, MorphsShapeAndColour) {
  const LoadedScene scene = run("const s = Square(); add(s); play(Transform(s, Circle({ radius: 1 })));");
  const Timeline& t = *scene.timeline;
  const FrameState end = t.evaluate(1);
  ASSERT_EQ(end.items.size(), 1u);
  EXPECT_EQ(end.items[0].path->cubicCount(), 8u);  // aligned: the square split into the circle's 8
  EXPECT_EQ(end.items[0].style.strokeColor.toHex(), "#fc6255");
  const Color mid = t.evaluate(0.5).items[0].style.strokeColor;
  EXPECT_EQ(mid.toHex(), interpolateColor(manim::WHITE, *manim::namedColor("RED"), 0.5).toHex());
  // The script sees the end state afterwards.
  EXPECT_EQ(scene.graph[0].style.strokeColor.toHex(), "#fc6255");
}

TEST(Animate, BuilderChainsBecomeTheEndState) {
  const LoadedScene scene = run(R"(
    const s = Square();
    add(s);
    play(s.animate.shift(RIGHT.mul(2)).setFill(YELLOW, { opacity: 0.8 }));
  )");
  const Timeline& t = *scene.timeline;
  EXPECT_NEAR(inkOf(t.evaluate(0.5)).center().x(), 1, 1e-12);
  EXPECT_NEAR(t.evaluate(0.5).items[0].style.fillOpacity, 0.4, 1e-12);
  EXPECT_EQ(t.segments()[0].animations[0].text(), ".animate.shift.setFill(Square)");
  EXPECT_NEAR(scene.graph.center(0).x(), 2, 1e-12);
}

TEST(Indicate, ThereAndBack) {
  const LoadedScene scene = run("const s = Square(); add(s); play(Indicate(s));");
  const Timeline& t = *scene.timeline;
  EXPECT_NEAR(inkOf(t.evaluate(0.5)).width(), 2.4, 1e-12);  // at the peak: 1.2×, yellow
  EXPECT_EQ(t.evaluate(0.5).items[0].style.strokeColor.toHex(), "#ffff00");
  EXPECT_NEAR(inkOf(t.evaluate(1)).width(), 2.0, 1e-12);  // and back
}

TEST(Uncreate, UndrawsAndRemoves) {
  const LoadedScene scene = run("const s = Square(); add(s); play(Uncreate(s));");
  const Timeline& t = *scene.timeline;
  EXPECT_EQ(t.evaluate(0).items[0].path->cubicCount(), 4u);
  EXPECT_TRUE(t.evaluate(1).items.empty());
  EXPECT_TRUE(scene.graph.stage().empty());
}

TEST(DrawBorderThenFill, TwoSecondsDoubleSmooth) {
  const LoadedScene scene = run("play(DrawBorderThenFill(Square({ fillOpacity: 1 })));");
  const Timeline& t = *scene.timeline;
  EXPECT_NEAR(t.duration(), 2, 1e-12);
  EXPECT_TRUE(t.evaluate(0).items.empty());
  // α = 0.5: double_smooth(0.5) = 0.5, the outline complete, the fill not begun.
  const FrameState mid = t.evaluate(1.0);
  ASSERT_EQ(mid.items.size(), 1u);
  EXPECT_EQ(mid.items[0].style.fillOpacity, 0);
  EXPECT_EQ(mid.items[0].style.strokeWidth, 2);
  EXPECT_EQ(t.evaluate(2).items[0].style.fillOpacity, 1);
}

TEST(Unwrite, RemovesFromTheLastGlyph) {
  const LoadedScene scene = run("const t = Text(\"ab\"); add(t); play(Unwrite(t));");
  const Timeline& tl = *scene.timeline;
  EXPECT_EQ(tl.evaluate(0).items.size(), 2u);
  // Half-way (lag 0.2 over 2 glyphs, 1 s, 1 − linear): the last glyph goes first.
  const Animation& a = *tl.segments()[0].placements[0].animation;
  EXPECT_GT(a.subAlpha(0.5, 1, 2), a.subAlpha(0.5, 0, 2));  // leaf 1 is the first glyph, later
  EXPECT_LT(a.subAlpha(0.5, 0, 2), 0.5);
  EXPECT_TRUE(tl.evaluate(1).items.empty());
  EXPECT_TRUE(scene.graph.stage().empty());
}

TEST(Grow, FromCentrePointAndEdge) {
  const LoadedScene scene = run(R"(
    play(GrowFromCenter(Square().shift(RIGHT.mul(3))));
    play(GrowFromPoint(Square(), [0, -3]));
    play(GrowFromEdge(Square().shift(LEFT.mul(3)), DOWN));
  )");
  const Timeline& t = *scene.timeline;
  expectNear(t.evaluate(0).items[0].path->bounds().center(), {3, 0});
  EXPECT_NEAR(t.evaluate(0).items[0].path->bounds().width(), 0, 1e-12);
  EXPECT_NEAR(t.evaluate(0.5).items[0].path->bounds().width(), 1, 1e-12);
  expectNear(t.evaluate(1.0 + 1e-9).items[1].path->bounds().center(), {0, -3}, 1e-6);
  const Bounds edge = t.evaluate(2.5).items[2].path->bounds();  // half-grown from the bottom edge
  EXPECT_NEAR(edge.min.y(), -1, 1e-12);
  EXPECT_NEAR(edge.height(), 1, 1e-12);
}

TEST(ReplacementTransform, TargetTakesThePlace) {
  const LoadedScene scene = run(R"(
    const a = Square(), b = Circle().shift(RIGHT.mul(3));
    add(a);
    play(ReplacementTransform(a, b));
  )");
  ASSERT_EQ(scene.graph.stage().size(), 1u);
  EXPECT_EQ(scene.graph[scene.graph.stage()[0]].kind, "Circle");
  EXPECT_NEAR(inkOf(scene.timeline->evaluate(0.5)).center().x(), 1.5, 1e-9);
}

TEST(FadeTransform, CrossFades) {
  const LoadedScene scene = run("const a = Square(), b = Circle({ radius: 2 }); add(a); play(FadeTransform(a, b));");
  const Timeline& t = *scene.timeline;
  const FrameState mid = t.evaluate(0.5);
  ASSERT_EQ(mid.items.size(), 2u);
  EXPECT_NEAR(mid.items[0].style.strokeOpacity, 0.5, 1e-12);
  EXPECT_NEAR(mid.items[1].style.strokeOpacity, 0.5, 1e-12);
  EXPECT_EQ(scene.graph.stage(), std::vector<MobjectId>{1});
  EXPECT_NEAR(t.evaluate(1).items[0].path->bounds().width(), 4, 1e-9);
}

TEST(PassingFlashes, ShowPassingFlashCircumscribeFlash) {
  const LoadedScene scene = run(R"(
    const line = Line(LEFT.mul(2), RIGHT.mul(2));
    play(ShowPassingFlash(line, { rateFunc: linear }));
    const s = Square();
    add(s);
    play(Circumscribe(s));
    play(Flash(ORIGIN));
  )");
  const Timeline& t = *scene.timeline;
  // α = 0.5: the window [0.45, 0.55] of the line, 0.4 long around the middle.
  const Bounds window = t.evaluate(0.5).items[0].path->bounds();
  EXPECT_NEAR(window.min.x(), -0.2 + 0.0, 1e-9);
  EXPECT_NEAR(window.width(), 0.4, 1e-9);
  EXPECT_TRUE(t.evaluate(1).items.empty());  // the window has passed the end
  EXPECT_EQ(t.segments()[1].animations[0].text(), "Circumscribe(SurroundingRectangle)");
  EXPECT_EQ(t.evaluate(1.5).items.size(), 2u);   // the square and part of its frame
  EXPECT_EQ(t.evaluate(2.5).items.size(), 13u);  // the square and twelve flash lines
  EXPECT_EQ(t.evaluate(99).items.size(), 1u);    // flashes leave nothing behind
}

TEST(Wiggle, RocksAndComesBack) {
  const LoadedScene scene = run("const s = Square(); add(s); play(Wiggle(s));");
  const Timeline& t = *scene.timeline;
  EXPECT_NEAR(t.duration(), 2, 1e-12);
  EXPECT_GT(inkOf(t.evaluate(1)).width(), 2.1);  // swollen at the middle
  EXPECT_EQ(*t.evaluate(2).items[0].path, makeSquare().path);
  EXPECT_EQ(*t.evaluate(0).items[0].path, makeSquare().path);
}

TEST(Succession, OneAfterAnother) {
  const LoadedScene scene = run(R"(
    const a = Square(), b = Circle();
    play(Succession(Create(a), Wait(0.5), Create(b)));
  )");
  const Segment& s = scene.timeline->segments()[0];
  EXPECT_NEAR(s.end - s.start, 2.5, 1e-12);
  EXPECT_EQ(s.animations[0].text(), "Succession[Create(Square), Wait, Create(Circle)]");
  EXPECT_EQ(scene.timeline->evaluate(1.2).items.size(), 1u);  // b has not started
  EXPECT_NEAR(s.placements[2].alphaAt(2.0), 0.5, 1e-12);
}

// Built from C++ alone, as a second scene language would drive the builders.

TEST(AnimationKinds, NamesRoundTripThroughTheTable) {
  for (AnimationKind k : animationKinds()) EXPECT_EQ(animationKindNamed(animationName(k)), k) << animationName(k);
  EXPECT_EQ(animationName(AnimationKind::MethodAnimation), "_MethodAnimation");
  EXPECT_FALSE(animationKindNamed("ThreeDScene"));
}

TEST(AnimationKinds, EveryKindButMethodAnimationIsAScriptConstructor) {
  std::string source;
  for (AnimationKind k : animationKinds()) {
    if (k == AnimationKind::MethodAnimation) continue;
    const std::string name(animationName(k));
    source += "if (typeof " + name + " !== 'function') throw new Error('" + name + " is missing');\n";
  }
  EXPECT_TRUE(loadSceneSource(source, "kinds.js").ok());
}

TEST(BuildAnimation, CreateFromCppDrawsTheFirstPartOfThePath) {
  SceneGraph g;
  const MobjectId square = g.create(makeSquare(2));
  AnimationSpec spec;
  spec.kind = AnimationKind::Create;
  spec.target = square;
  const auto built = buildAnimation(spec, g);
  ASSERT_TRUE(built.ok()) << built.error().format();
  ASSERT_EQ(built->leaves.size(), 1u);
  const Animation& a = *built->leaves[0].animation;
  EXPECT_EQ(a.effect, Effect::Partial);
  EXPECT_TRUE(a.introducer);
  EXPECT_EQ(a.label(), (AnimationLabel{AnimationKind::Create, "Square", "", {}}));
  std::vector<DrawItem> items;
  a.draw(0.5, items);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(*items[0].path, partial(g[square].path, 0, a.subAlpha(0.5, 0, 1)));
  EXPECT_TRUE(g.stage().empty());  // building never changes the scene
}

TEST(BuildAnimation, StaleHandleIsAnErrorNotACrash) {
  SceneGraph g;
  AnimationSpec spec;
  spec.kind = AnimationKind::Write;
  spec.target = 12345;
  const auto built = buildAnimation(spec, g);
  ASSERT_FALSE(built.ok());
  EXPECT_NE(built.error().message().find("Write() needs a mobject of this scene"), std::string::npos);
}

TEST(BuildAnimation, LaggedStartWindowsFromCpp) {
  SceneGraph g;
  AnimationSpec group;
  group.kind = AnimationKind::LaggedStart;
  group.lagRatio = 0.5;
  for (int i = 0; i < 3; ++i) {
    AnimationSpec child;
    child.kind = AnimationKind::FadeIn;
    child.target = g.create(makeCircle(0.5));
    group.children.push_back(child);
  }
  const auto built = buildAnimation(group, g);
  ASSERT_TRUE(built.ok());
  EXPECT_DOUBLE_EQ(built->runTime, 2.0);  // starts 0, 0.5, 1; each 1 s long
  ASSERT_EQ(built->leaves.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    ASSERT_EQ(built->leaves[i].windows.size(), 1u);
    EXPECT_DOUBLE_EQ(built->leaves[i].windows[0].start, 0.5 * static_cast<double>(i));
    EXPECT_DOUBLE_EQ(built->leaves[i].windows[0].maxEnd, 2.0);
  }
  // Half-way through the group the second child starts: at 1 s of 2 s, with a linear group rate.
  EXPECT_DOUBLE_EQ(windowedAlpha(0.5, built->leaves[1].windows), 0.5);
  EXPECT_DOUBLE_EQ(windowedAlpha(0.5, built->leaves[2].windows), 0.0);
}

TEST(BuildAnimation, ApplyEndLeavesTheTransformedShape) {
  SceneGraph g;
  const MobjectId square = g.create(makeSquare(2)), circle = g.create(makeCircle(3));
  AnimationSpec spec;
  spec.kind = AnimationKind::Transform;
  spec.target = square;
  spec.other = circle;
  const auto built = buildAnimation(spec, g);
  ASSERT_TRUE(built.ok());
  applyEnd(built->leaves[0], g);
  expectNear(g.bounds(square).max, g.bounds(circle).max, 1e-9);
}

TEST(BuildAnimation, FlashAtAPointNeedsNoMobject) {
  SceneGraph g;
  AnimationSpec spec;
  spec.kind = AnimationKind::Flash;
  spec.point = Vec2(1, 2);
  const auto built = buildAnimation(spec, g);
  ASSERT_TRUE(built.ok()) << built.error().format();
  const Animation& a = *built->leaves[0].animation;
  EXPECT_EQ(a.effect, Effect::PassingFlash);
  EXPECT_EQ(a.leaves.size(), 12u);
  expectNear(g.center(a.target), {1, 2}, 1e-9);
}
