// SPDX-License-Identifier: MIT
// The per-frame path for a seed-sized scene (SelfAttentionDemo, as in the golden motion scene):
// evaluate alone, evaluate + render at 1920×1080 frame after frame as export and playback do,
// the script run that records the timeline, as a parameter edit re-runs it, and the seed
// timelines to bytes and back, as they cross from the scene worker.
#include <benchmark/benchmark.h>

#include "attnplay/render/renderer.hpp"
#include "attnplay/script/scene_script.hpp"
#include "attnplay/timeline/timeline_codec.hpp"

using namespace attnplay;

namespace {

const std::string kScene = ATTNPLAY_SOURCE_DIR "/tests/golden/scenes/self_attention_motion.js";

std::shared_ptr<const Timeline> timeline() {
  static const auto t = [] {
    auto scene = loadSceneFile(kScene);
    if (!scene) std::abort();
    return scene->timeline;
  }();
  return t;
}

constexpr double kFps = 60;

void evaluateFrames(benchmark::State& state) {
  const auto t = timeline();
  const auto frames = static_cast<std::int64_t>(t->duration() * kFps);
  std::int64_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(t->evaluateFrame(i, kFps));
    i = (i + 1) % frames;
  }
}

void evaluateAndRender1080(benchmark::State& state) {
  const auto t = timeline();
  const auto frames = static_cast<std::int64_t>(t->duration() * kFps);
  FrameRenderer renderer;
  std::int64_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(renderer.render(t->evaluateFrame(i, kFps), QSize(1920, 1080)));
    i = (i + 1) % frames;
  }
}

void renderUncached1080(benchmark::State& state) {
  const auto t = timeline();
  const auto frames = static_cast<std::int64_t>(t->duration() * kFps);
  std::int64_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(renderImage(t->evaluateFrame(i, kFps), QSize(1920, 1080)));
    i = (i + 1) % frames;
  }
}

void runScript(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(loadSceneFile(kScene));
}

/// A seed scene's timeline to bytes and back, as it crosses from the scene worker (arg: which).
const char* const kSeedScenes[] = {"self_attention", "qkv", "score_matrix", "heatmap"};

std::shared_ptr<const Timeline> seedTimeline(std::int64_t which) {
  auto scene = loadSceneFile(std::string(ATTNPLAY_SOURCE_DIR "/scenes/") + kSeedScenes[which] + ".js");
  if (!scene) std::abort();
  return scene->timeline;
}

void timelineToBytes(benchmark::State& state) {
  const auto t = seedTimeline(state.range(0));
  std::string buffer;  // as the worker keeps its reply buffer
  std::size_t bytes = 0;
  for (auto _ : state) {
    buffer.clear();
    attnplay::encodeTimeline(*t, buffer);
    bytes = buffer.size();
  }
  state.SetLabel(std::string(kSeedScenes[state.range(0)]) + ", " + std::to_string(bytes / 1024) + " KiB");
}

void timelineFromBytes(benchmark::State& state) {
  const std::string bytes = attnplay::encodeTimeline(*seedTimeline(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(attnplay::decodeTimeline(bytes));
  state.SetLabel(kSeedScenes[state.range(0)]);
}

}  // namespace

BENCHMARK(timelineToBytes)->DenseRange(0, 3)->Unit(benchmark::kMicrosecond);
BENCHMARK(timelineFromBytes)->DenseRange(0, 3)->Unit(benchmark::kMicrosecond);
BENCHMARK(evaluateFrames)->Unit(benchmark::kMicrosecond);
BENCHMARK(evaluateAndRender1080)->Unit(benchmark::kMillisecond);
BENCHMARK(renderUncached1080)->Unit(benchmark::kMillisecond);
BENCHMARK(runScript)->Unit(benchmark::kMillisecond);
