// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <algorithm>

#include "attnplay/script/scene_script.hpp"

using namespace attnplay;

namespace {

LoadedScene seed(const std::string& name, std::map<std::string, std::string> overrides = {}) {
  ScriptOptions options;
  options.overrides = std::move(overrides);
  auto scene = loadSceneFile(std::string(ATTNPLAY_SOURCE_DIR) + "/scenes/" + name + ".js", options);
  if (!scene) ADD_FAILURE() << scene.error().format();
  return scene ? std::move(scene).value() : LoadedScene{};
}

/// Everything the last frame paints lies inside Manim's frame.
void expectInsideFrame(const LoadedScene& scene) {
  const FrameState last = scene.timeline->evaluate(scene.timeline->duration());
  ASSERT_FALSE(last.items.empty());
  for (const DrawItem& item : last.items) {
    const Bounds b = item.path->bounds();
    EXPECT_GE(b.min.x(), -manim::FRAME_X_RADIUS);
    EXPECT_LE(b.max.x(), manim::FRAME_X_RADIUS);
    EXPECT_GE(b.min.y(), -manim::FRAME_Y_RADIUS);
    EXPECT_LE(b.max.y(), manim::FRAME_Y_RADIUS);
  }
}

std::vector<MobjectId> ofKind(const SceneGraph& g, const std::string& kind) {
  std::vector<MobjectId> out;
  for (MobjectId id = 0; id < g.size(); ++id) {
    if (g[id].kind == kind) out.push_back(id);
  }
  return out;
}

}  // namespace

TEST(SeedScenes, TimingMatchesManim) {
  // Segment ends from ../shared/refs/manim/TIMELINE.md.
  const std::map<std::string, std::vector<double>> ends = {
      {"self_attention", {2, 3, 4, 5, 6, 6.8, 7.8}},
      {"qkv", {1, 2, 3, 4, 6, 7}},
      {"score_matrix", {2, 3, 4, 5, 7, 8, 9, 10, 11}},
      {"heatmap", {2, 4, 6, 7, 8}},
  };
  for (const auto& [name, expected] : ends) {
    const LoadedScene scene = seed(name);
    std::vector<double> got;
    for (const Segment& s : scene.timeline->segments()) got.push_back(s.end);
    ASSERT_EQ(got.size(), expected.size()) << name;
    for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], expected[i], 1e-9) << name << " " << i;
  }
}

TEST(SeedScenes, HeatmapShowsNumpysWeights) {
  const LoadedScene scene = seed("heatmap");
  // Row 0 of np.random.seed(42); np.random.rand(4, 4), normalised (MANIM-NOTES.md: .141 .358 .276 .225).
  const auto& p = scene.params;
  const auto weights = std::find_if(p.begin(), p.end(), [](const ParamDecl& d) { return d.name == "weights"; });
  ASSERT_NE(weights, p.end());
  EXPECT_EQ(weights->kind, "matrix");
  const double sum = 0.3745401188473625 + 0.9507143064099162 + 0.7319939418114051 + 0.5986584841970366;
  EXPECT_EQ(weights->valueJson.substr(0, 8), "[[" + std::to_string(0.3745401188473625 / sum).substr(0, 6));
}

TEST(SeedScenes, SelfAttentionWithASixTokenSentence) {
  const LoadedScene scene = seed("self_attention", {{"tokens", R"(["Attention","is","all","you","need","."])"},
                                                    {"source", "2"},
                                                    {"weights", "[0.05, 0.1, 0.2, 0.3, 0.25, 0.1]"}});
  expectInsideFrame(scene);
  const std::vector<double> weights = {0.05, 0.1, 0.2, 0.3, 0.25, 0.1};
  const auto arrows = ofKind(scene.graph, "Arrow");
  ASSERT_EQ(arrows.size(), 5u);
  std::vector<std::pair<double, double>> byWeight;  // (weight, stroke width)
  std::size_t k = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (i == 2) continue;
    byWeight.emplace_back(weights[i], scene.graph[arrows[k++]].style.strokeWidth);
  }
  std::sort(byWeight.begin(), byWeight.end());
  for (std::size_t i = 1; i < byWeight.size(); ++i) EXPECT_LE(byWeight[i - 1].second, byWeight[i].second);
  EXPECT_GT(byWeight.back().second, byWeight.front().second);
}

TEST(SeedScenes, SelfAttentionWithOtherWeights) {
  const LoadedScene scene = seed("self_attention", {{"weights", "[0.6, 0.1, 0.1, 0.1, 0.1]"}, {"source", "4"}});
  expectInsideFrame(scene);
  const auto arrows = ofKind(scene.graph, "Arrow");
  ASSERT_EQ(arrows.size(), 4u);
  EXPECT_NEAR(scene.graph[arrows[0]].style.strokeWidth, 1 + 0.6 * 5, 1e-12);
  EXPECT_GT(scene.graph[arrows[0]].style.strokeColor.r, scene.graph[arrows[1]].style.strokeColor.r);
}

TEST(SeedScenes, HeatmapWithOtherTokensAndSeed) {
  const LoadedScene scene = seed("heatmap", {{"tokens", R"(["the","cat","sat"])"}, {"seed", "7"}});
  expectInsideFrame(scene);
  EXPECT_EQ(ofKind(scene.graph, "Square").size(), 9u);
}

TEST(SeedScenes, HeatmapColoursFollowGivenWeights) {
  const LoadedScene scene = seed("heatmap", {{"weights", "[[0.9,0.1,0,0],[0,1,0,0],[0,0,1,0],[0.25,0.25,0.25,0.25]]"}});
  expectInsideFrame(scene);
  const auto cells = ofKind(scene.graph, "Square");
  ASSERT_EQ(cells.size(), 16u);
  EXPECT_GT(scene.graph[cells[0]].style.fillColor.r, scene.graph[cells[1]].style.fillColor.r);  // redder for more
}

TEST(SeedScenes, MismatchedParametersAreClearErrors) {
  ScriptOptions options;
  options.overrides = {{"weights", "[0.5, 0.5]"}};
  auto scene = loadSceneFile(std::string(ATTNPLAY_SOURCE_DIR) + "/scenes/self_attention.js", options);
  ASSERT_FALSE(scene.ok());
  EXPECT_NE(scene.error().message().find("weights has 2 values for 5 tokens"), std::string::npos);
  EXPECT_GT(scene.error().where()->line, 0);
}
