// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "attnplay/timeline/timeline_codec.hpp"
#include "test_support.hpp"

using namespace attnplay;

namespace {

std::vector<std::string> jsScenes() {
  std::vector<std::string> out;
  for (const char* dir : {ATTNPLAY_SOURCE_DIR "/scenes", ATTNPLAY_SOURCE_DIR "/tests/data/python"}) {
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() == ".js") out.push_back(entry.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST(TimelineCodec, EveryBundledSceneComesBackFrameForFrame) {
  const std::vector<std::string> scenes = jsScenes();
  ASSERT_GE(scenes.size(), 8u);  // the seed's four, the shapes, the coverage scenes
  for (const std::string& path : scenes) {
    auto scene = loadSceneFile(path);
    ASSERT_TRUE(scene) << scene.error().format();
    attnplay::testing::expectSameAfterTheTrip(*scene->timeline, path);
  }
}

TEST(TimelineCodec, MotionsAndSteppedUpdatersComeBack) {
  const LoadedScene scene = attnplay::testing::run(R"(
    const s = Square(), c = Circle().shift(LEFT.mul(2)), p = Line(LEFT, RIGHT.mul(3));
    const g = VGroup(Square(), Circle().shift(RIGHT)).shift(UP);
    play(Rotating(s, {runTime: 1}));
    play(MoveAlongPath(c, p));
    play(SpiralIn(g));
    play(Rotate(s, {angle: 1}), Wiggle(c), ShowPassingFlash(p.copy()));
    const d = Dot(); d.addUpdater((m, dt) => m.shift(RIGHT.mul(dt))); add(d);
    wait(0.5);
    play(LaggedStart(FadeOut(s), FadeOut(c), {lagRatio: 0.5, rateFunc: (t) => t * t}));
  )");
  // What the trip must carry is there: each kind of motion, a stepped segment, a sampled rate.
  std::set<Motion::Kind> motions;
  bool stepped = false, sampled = false;
  for (const Segment& s : scene.timeline->segments()) {
    stepped |= !s.frames.empty();
    for (const Placement& p : s.placements) {
      motions.insert(p.animation->motion.kind);
      for (const GroupWindow& w : p.windows) sampled |= w.rate.samples() != nullptr;
      sampled |= p.animation->timing.rate.samples() != nullptr;
    }
  }
  EXPECT_EQ(motions, (std::set<Motion::Kind>{Motion::Kind::None, Motion::Kind::Rotation, Motion::Kind::AlongPath,
                                             Motion::Kind::Spiral}));
  EXPECT_TRUE(stepped);
  EXPECT_TRUE(sampled);
  attnplay::testing::expectSameAfterTheTrip(*scene.timeline, "motions");
}

TEST(TimelineCodec, BytesCutShortOrChangedAreAnErrorNeverACrash) {
  auto scene = loadSceneFile(ATTNPLAY_SOURCE_DIR "/scenes/self_attention.js");
  ASSERT_TRUE(scene);
  const std::string bytes = encodeTimeline(*scene->timeline);
  ASSERT_TRUE(decodeTimeline(bytes));
  for (std::size_t n = 0; n < bytes.size(); n += 1 + n / 7) {
    EXPECT_FALSE(decodeTimeline(std::string_view(bytes).substr(0, n))) << "cut at " << n;
  }
  EXPECT_FALSE(decodeTimeline(bytes + "x"));
  std::string other = bytes;
  other[4] = 99;  // another build's version
  const auto refused = decodeTimeline(other);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("cannot be read"), std::string::npos);
  // Every byte flipped in turn: read or refused, never out of bounds (the sanitizer build checks).
  for (std::size_t i = 8; i < bytes.size(); i += 1 + i / 50) {
    std::string flipped = bytes;
    flipped[i] = static_cast<char>(~flipped[i]);
    (void)decodeTimeline(flipped);
  }
}
