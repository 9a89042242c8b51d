// SPDX-License-Identifier: MIT
// The per-frame path for a seed-sized scene (SelfAttentionDemo, as in the golden motion scene):
// evaluate alone, evaluate + render at 1920×1080 frame after frame as export and playback do,
// and the script run that records the timeline, as a parameter edit re-runs it.
#include <benchmark/benchmark.h>

#include "attnplay/render/renderer.hpp"
#include "attnplay/script/scene_script.hpp"

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

}  // namespace

BENCHMARK(evaluateFrames)->Unit(benchmark::kMicrosecond);
BENCHMARK(evaluateAndRender1080)->Unit(benchmark::kMillisecond);
BENCHMARK(renderUncached1080)->Unit(benchmark::kMillisecond);
BENCHMARK(runScript)->Unit(benchmark::kMillisecond);
