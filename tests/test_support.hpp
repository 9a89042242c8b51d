// SPDX-License-Identifier: MIT
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "attnplay/frame/frame_state.hpp"
#include "attnplay/geometry/path.hpp"
#include "attnplay/script/scene_script.hpp"

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

}  // namespace attnplay::testing
