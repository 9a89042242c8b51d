// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <thread>

#include "attnplay/render/renderer.hpp"
#include "attnplay/scene/shapes.hpp"
#include "attnplay/timeline/recorder.hpp"
#include "test_support.hpp"

using namespace attnplay;
using attnplay::testing::expectNear;
using attnplay::testing::inkOf;
using attnplay::testing::run;

TEST(Recorder, IntroducersAndUnstagedTargetsJoinTheStage) {
  const LoadedScene scene = run(R"(
    const a = Square(), b = Circle();
    play(Create(a));               // introducer
    play(b.animate.shift(RIGHT));  // not yet on stage: added
  )");
  EXPECT_EQ(scene.graph.stage().size(), 2u);
  EXPECT_EQ(scene.timeline->evaluate(0.5).items.size(), 1u);
  EXPECT_EQ(scene.timeline->evaluate(1.5).items.size(), 2u);
}

TEST(Timeline, BoundariesShowTheEndOfTheSegmentBefore) {
  const LoadedScene scene = run(R"(
    const s = Square(); add(s);
    play(s.animate.shift(RIGHT));
    play(s.animate.shift(UP));
    add(Circle());
  )");
  const Timeline& t = *scene.timeline;
  EXPECT_NEAR(t.duration(), 2, 1e-12);
  expectNear(inkOf(t.evaluate(1.0)).center(), {1, 0});  // end of the first
  expectNear(inkOf(t.evaluate(0)).center(), {0, 0});
  EXPECT_EQ(t.evaluate(2.0).items.size(), 1u);  // still the animation's last frame
  EXPECT_EQ(t.evaluate(99).items.size(), 2u);   // past the end: the stage as the script left it
  EXPECT_EQ(t.evaluateFrame(30, 60), t.evaluate(0.5));
  EXPECT_EQ(t.segmentAt(1.0), 0);
  EXPECT_EQ(t.segmentAt(1.0001), 1);
}

TEST(Timeline, SectionsAndWaits) {
  const LoadedScene scene = run("nextSection(\"intro\"); wait(0.5); wait(); nextSection(\"main\"); wait(2);");
  const auto& segs = scene.timeline->segments();
  ASSERT_EQ(segs.size(), 3u);
  EXPECT_EQ(segs[0].section, "intro");
  EXPECT_EQ(segs[1].section, "intro");
  EXPECT_EQ(segs[2].section, "main");
  EXPECT_NEAR(scene.timeline->duration(), 3.5, 1e-12);
}

TEST(Timeline, CustomRateFunctionIsSampledOnce) {
  const LoadedScene scene =
      run("const s = Square(); add(s); play(s.animate.shift(RIGHT), { rateFunc: t => t * t, runTime: 2 });");
  EXPECT_NEAR(inkOf(scene.timeline->evaluate(1)).center().x(), 0.25, 1e-6);
}

TEST(Determinism, SameFrameWhicheverWayItIsReached) {
  const LoadedScene scene = run(R"(
    const title = Text("Attention", { fontSize: 36 }).toEdge(UP);
    play(Write(title));
    const boxes = VGroup(...[0, 1, 2].map(() => Rectangle({ width: 1, height: 0.6, fillColor: BLUE, fillOpacity: 0.5 })))
      .arrange(RIGHT, { buff: 0.3 });
    play(Create(boxes));
    play(LaggedStart(...boxes.map(b => b.animate.setFill(RED, { opacity: 0.8 })), { lagRatio: 0.3 }));
  )");
  const Timeline& t = *scene.timeline;
  const double fps = 30;
  const auto frames = static_cast<int>(t.duration() * fps);
  std::vector<FrameState> forward, backward(static_cast<std::size_t>(frames) + 1);
  for (int i = 0; i <= frames; ++i) forward.push_back(t.evaluateFrame(i, fps));
  for (int i = frames; i >= 0; --i) backward[static_cast<std::size_t>(i)] = t.evaluateFrame(i, fps);
  std::vector<FrameState> threadA(forward.size()), threadB(forward.size());
  std::thread a([&] {
    for (int i = 0; i <= frames; ++i) threadA[static_cast<std::size_t>(i)] = t.evaluateFrame(i, fps);
  });
  std::thread b([&] {
    for (int i = frames; i >= 0; --i) threadB[static_cast<std::size_t>(i)] = t.evaluateFrame(i, fps);
  });
  a.join();
  b.join();
  for (int i = 0; i <= frames; ++i) {
    const auto k = static_cast<std::size_t>(i);
    EXPECT_EQ(forward[k], backward[k]) << i;
    EXPECT_EQ(forward[k], threadA[k]) << i;
    EXPECT_EQ(forward[k], threadB[k]) << i;
  }
  // And the pixels: the same frame rendered twice, once after a jump elsewhere.
  const QImage direct = renderImage(t.evaluate(2.4), QSize(320, 180));
  (void)t.evaluate(0.3);
  EXPECT_EQ(renderImage(t.evaluate(2.4), QSize(320, 180)), direct);
}

TEST(Determinism, CachedRunsRenderTheSamePixels) {
  // Frame after frame through one renderer (still runs kept) against each frame from scratch.
  const LoadedScene scene = run(R"(
    const title = Text("Attention", { fontSize: 36 }).toEdge(UP);
    add(title);
    const a = Square({ fillColor: BLUE, fillOpacity: 0.5 }).shift(LEFT.mul(2));
    const b = Circle({ fillOpacity: 0.5 }).shift(RIGHT.mul(2));
    add(a, b);
    play(a.animate.shift(RIGHT.mul(2)));  // moves under b, which is painted after it
    wait(0.5);
  )");
  const Timeline& t = *scene.timeline;
  FrameRenderer renderer;
  for (int i = 0; i <= 45; i += 3) {
    const FrameState frame = t.evaluateFrame(i, 30);
    EXPECT_EQ(renderer.render(frame, QSize(480, 270)), renderImage(frame, QSize(480, 270))) << i;
  }
  // Still runs are keyed, the moving one is not.
  const FrameState mid = t.evaluate(0.5);
  ASSERT_EQ(mid.layers.size(), 3u);
  EXPECT_NE(mid.layers[0].key, 0u);
  EXPECT_EQ(mid.layers[1].key, 0u);
  EXPECT_NE(mid.layers[2].key, 0u);
}

// Recorded from C++ alone.

namespace {

AnimationSpec animation(AnimationKind kind, MobjectId target) {
  AnimationSpec spec;
  spec.kind = kind;
  spec.target = target;
  return spec;
}

}  // namespace

TEST(Recorder, SegmentsCarryStructuredLabels) {
  SceneGraph g;
  Recorder recorder(g);
  const MobjectId square = g.create(makeSquare());
  ASSERT_TRUE(recorder.play({animation(AnimationKind::Create, square)}, {}).ok());
  ASSERT_TRUE(recorder.wait(0.5).ok());
  const auto t = recorder.finish(30);
  ASSERT_EQ(t->segments().size(), 2u);
  const std::vector<AnimationLabel> create{{AnimationKind::Create, "Square", "", {}}};
  EXPECT_EQ(t->segments()[0].animations, create);
  EXPECT_FALSE(t->segments()[0].isWait());
  EXPECT_TRUE(t->segments()[1].isWait());
  EXPECT_DOUBLE_EQ(t->duration(), 1.5);
  EXPECT_EQ(t->fps(), 30);
  EXPECT_TRUE(t->evaluate(0).items.empty());  // Create starts from nothing
  EXPECT_EQ(t->evaluate(1.2).items.size(), 1u);
}

TEST(Recorder, CompositionLabelListsItsAnimations) {
  SceneGraph g;
  Recorder recorder(g);
  AnimationSpec group;
  group.kind = AnimationKind::AnimationGroup;
  group.children = {animation(AnimationKind::FadeIn, g.create(makeSquare())),
                    animation(AnimationKind::GrowFromCenter, g.create(makeCircle()))};
  ASSERT_TRUE(recorder.play({group}, {}).ok());
  const auto timeline = recorder.finish(60);
  const AnimationLabel& label = timeline->segments()[0].animations.at(0);
  EXPECT_EQ(label.kind, AnimationKind::AnimationGroup);
  ASSERT_EQ(label.children.size(), 2u);
  EXPECT_EQ(label.children[1].kind, AnimationKind::GrowFromCenter);
  EXPECT_EQ(label.text(), "AnimationGroup[FadeIn(Square), GrowFromCenter(Circle)]");
}

TEST(Recorder, PlayOptionsReachEveryAnimation) {
  SceneGraph g;
  Recorder recorder(g);
  PlayOptions options;
  options.runTime = 3;
  ASSERT_TRUE(recorder
                  .play({animation(AnimationKind::FadeIn, g.create(makeSquare())),
                         animation(AnimationKind::Create, g.create(makeCircle()))},
                        options)
                  .ok());
  const auto t = recorder.finish(60);
  EXPECT_DOUBLE_EQ(t->duration(), 3.0);
  for (const Placement& p : t->segments()[0].placements) EXPECT_DOUBLE_EQ(p.animation->timing.runTime, 3.0);
}

TEST(Recorder, AFailedPlayRecordsNothing) {
  SceneGraph g;
  Recorder recorder(g);
  const MobjectId square = g.create(makeSquare());
  EXPECT_FALSE(
      recorder.play({animation(AnimationKind::Create, square), animation(AnimationKind::FadeIn, 777)}, {}).ok());
  EXPECT_TRUE(recorder.finish(60)->segments().empty());
  EXPECT_TRUE(g.stage().empty());
}

TEST(Recorder, UpdatersStepThroughPlaysAndWaitsAsManimDoes) {
  const LoadedScene scene = run(R"(
    const tracker = ValueTracker(1);
    const sq = Square();
    sq.addUpdater(m => m.setX(tracker.getValue()));
    const spin = Line(ORIGIN, RIGHT).addUpdater((m, dt) => m.rotateAboutOrigin(dt));
    add(sq, spin);
    play(tracker.animate.setValue(3), { rateFunc: linear });
    wait(0.5, { frozenFrame: true });
    wait(0.5);
  )");
  const Timeline& t = *scene.timeline;
  ASSERT_EQ(t.segments().size(), 3u);
  EXPECT_EQ(t.segments()[0].frames.size(), 61u) << "60 frames of the play, then its end";
  EXPECT_TRUE(t.segments()[1].frames.empty()) << "frozen_frame=True holds the frame";
  EXPECT_EQ(t.segments()[2].frames.size(), 31u) << "a dt updater steps a wait";
  EXPECT_NEAR(t.evaluate(0.5).items[0].path->bounds().center().x(), 2.0, 1e-9) << "the square follows the tracker";
  // The frozen wait left the spinning line where the play did; the next wait turns it on.
  const FrameState held = t.evaluate(1.25), after = t.evaluate(1.75);
  EXPECT_EQ(held.items, t.evaluate(1.0).items);
  EXPECT_NE(held.items, after.items);
}

TEST(Timeline, EachFrameShowsWhatTheCameraFrameCovers) {
  // Manim's MovingCameraScene: the frame is a mobject; moved by an animation, by an updater, or
  // between plays, and each frame shows the part of the scene it covers then.
  const LoadedScene scene = run(R"(
    const dot = Dot(RIGHT.mul(2)); add(dot);
    const frame = cameraFrame();
    play(frame.animate.scale(0.5).moveTo(dot));
    frame.addUpdater(f => f.moveTo(dot));
    play(dot.animate.shift(UP.mul(2)));
    frame.clearUpdaters();
    frame.shift(LEFT);
    wait();
  )");
  const Timeline& t = *scene.timeline;
  EXPECT_EQ(t.evaluate(0).view, View{});
  const View half = t.evaluate(0.5).view;  // smooth(0.5) = 0.5: halfway in size and place
  expectNear(half.center, {1, 0});
  EXPECT_NEAR(half.width, manim::FRAME_WIDTH * 0.75, 1e-9);
  EXPECT_NEAR(half.height, 4 * 1.5, 1e-9);
  const View following = t.evaluate(1.5).view;  // following the dot, halfway up
  expectNear(following.center, {2, 1}, 0.05);
  EXPECT_NEAR(following.width, manim::FRAME_WIDTH / 2, 1e-9);
  expectNear(t.evaluate(2.5).view.center, {1, 2});  // moved between plays: from the wait's start
  expectNear(t.evaluate(99).view.center, {1, 2});
  // The frame itself paints nothing, on stage or not.
  EXPECT_EQ(t.evaluate(99).items.size(), 2u);
  // The dot at (2, 2) in a view centred on (1, 2), 7.1 units wide: 45 px right of the middle;
  // the whole frame would have put it 45 px above.
  const QImage zoomed = renderImage(t.evaluate(99), QSize(320, 180));
  EXPECT_EQ(zoomed.pixelColor(205, 90), QColor(255, 255, 255));
  EXPECT_EQ(zoomed.pixelColor(205, 45), QColor(0, 0, 0));
}
