// SPDX-License-Identifier: MIT
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "attnplay/frame/frame_state.hpp"
#include "attnplay/geometry/path.hpp"
#include "attnplay/script/scene_script.hpp"
#include "attnplay/timeline/timeline_codec.hpp"

namespace attnplay::testing {

/// Both coordinates within eps; says which one failed.
inline void expectNear(const Vec2& actual, const Vec2& expected, double eps = 1e-9) {
  EXPECT_NEAR(actual.x(), expected.x(), eps) << "x";
  EXPECT_NEAR(actual.y(), expected.y(), eps) << "y";
}

/// Runs scene source that must succeed; a failure is reported and gives an empty scene.
inline LoadedScene run(const std::string& source, const ScriptOptions& options = {}) {
  auto scene = loadSceneSource(source, "test.js", options);
  if (!scene) ADD_FAILURE() << scene.error().format();
  return scene ? std::move(scene).value() : LoadedScene{};
}

/// The box around everything a frame paints.
inline Bounds inkOf(const FrameState& f) {
  Bounds b;
  for (const DrawItem& item : f.items) b.extend(item.path->bounds());
  return b;
}

/// The timeline after a trip through its bytes (as from the scene worker) shows the same frame
/// at every frame and between frames, and keeps its shared paths shared.
inline void expectSameAfterTheTrip(const Timeline& timeline, const std::string& what) {
  const std::string bytes = encodeTimeline(timeline);
  auto back = decodeTimeline(bytes);
  ASSERT_TRUE(back) << what << ": " << back.error().format();
  const Timeline& t = **back;
  EXPECT_EQ(t.fps(), timeline.fps()) << what;
  EXPECT_EQ(t.duration(), timeline.duration()) << what;
  EXPECT_EQ(t.segments().size(), timeline.segments().size()) << what;
  EXPECT_EQ(encodeTimeline(t), bytes) << what << ": the bytes of the copy differ";
  // The same frame, but for the cache keys, which name their own timeline.
  auto same = [&](const FrameState& a, const FrameState& b, double at) {
    EXPECT_EQ(a.items, b.items) << what << " at " << at << " s";
    EXPECT_EQ(a.view, b.view) << what << " at " << at << " s";
    EXPECT_EQ(a.background, b.background) << what;
    ASSERT_EQ(a.layers.size(), b.layers.size()) << what << " at " << at << " s";
    for (std::size_t i = 0; i < a.layers.size(); ++i) {
      EXPECT_EQ(a.layers[i].end, b.layers[i].end) << what << " at " << at << " s";
      EXPECT_EQ(a.layers[i].key == 0, b.layers[i].key == 0) << what << " at " << at << " s";
    }
  };
  const auto frames = static_cast<std::int64_t>(timeline.duration() * 15) + 2;
  for (std::int64_t i = 0; i <= frames; ++i) {
    same(t.evaluateFrame(i, 15), timeline.evaluateFrame(i, 15), i / 15.0);
    same(t.evaluate(i / 15.0 + 0.031), timeline.evaluate(i / 15.0 + 0.031), i / 15.0 + 0.031);
  }
}

}  // namespace attnplay::testing
