// SPDX-License-Identifier: MIT
// Text and math costs, each cold (every glyph, text and formula cache emptied before each run)
// and warm: a 40-character title shaped and outlined, the same title built into a Text mobject
// (a node per glyph), and the seed's softmax formula typeset.
#include <benchmark/benchmark.h>

#include "attnplay/math/typeset.hpp"
#include "attnplay/scene/text.hpp"
#include "attnplay/text/font.hpp"

using namespace attnplay;

namespace {

const std::string kTitle = "Self-Attention Mechanism in Transformers";  // 40 characters
const std::string kSoftmax = "\\text{Attention} = \\text{softmax}\\left(\\frac{QK^T}{\\sqrt{d_k}}\\right)V";

void clearAll() {
  for (const auto& family : FontLibrary::families()) (**FontLibrary::instance().face(family)).clearCache();
  clearTextCache();
  math::clearCache();
}

/// Runs `body` once per iteration; `cold` empties every cache first, outside the timing.
template <typename Body>
void measure(benchmark::State& state, bool cold, Body&& body) {
  for (auto _ : state) {
    if (cold) {
      state.PauseTiming();
      clearAll();
      state.ResumeTiming();
    }
    body();
  }
}

void titleGlyphs(benchmark::State& state, bool cold) {
  measure(state, cold, [] { benchmark::DoNotOptimize(shapeAndOutline(kTitle, {.fontSize = 36})); });
}

void titleMobject(benchmark::State& state, bool cold) {
  measure(state, cold, [] {
    SceneGraph graph;
    benchmark::DoNotOptimize(makeText(graph, kTitle, {.fontSize = 36}));
  });
}

void softmax(benchmark::State& state, bool cold) {
  measure(state, cold, [] { benchmark::DoNotOptimize(math::typeset(kSoftmax)); });
}

}  // namespace

BENCHMARK_CAPTURE(titleGlyphs, cold, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(titleGlyphs, warm, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(titleMobject, cold, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(titleMobject, warm, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(softmax, cold, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(softmax, warm, false)->Unit(benchmark::kMicrosecond);
