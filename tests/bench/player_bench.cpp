// SPDX-License-Identifier: MIT
// Scrubbing in the player: seek to a frame and repaint a 1920×1080 viewport, as dragging the
// playhead does, over SelfAttentionDemo. Offscreen; the figure is the seek + paint path.
#include <benchmark/benchmark.h>

#include <QApplication>
#include <random>

#include "app/main_window.hpp"
#include "app/viewport_widget.hpp"

namespace {

void scrub1080(benchmark::State& state) {
  attnplay::app::MainWindow window;
  if (!window.openScene(ATTNPLAY_SOURCE_DIR "/scenes/self_attention.js")) {
    state.SkipWithError("cannot open the scene");
    return;
  }
  window.show();
  // Grow the window until the viewport itself is 1920×1080.
  auto* viewport = window.viewport();
  window.resize(window.size() + QSize(1920, 1080) - viewport->size());
  QApplication::processEvents();
  std::mt19937 random(1);
  std::uniform_int_distribution<std::int64_t> frames(0, window.controller().frameCount());
  for (auto _ : state) {
    window.controller().seekFrame(frames(random));
    viewport->repaint();
  }
  state.counters["viewport_w"] = viewport->width();
  state.counters["viewport_h"] = viewport->height();
  state.counters["repaints_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(scrub1080)->Unit(benchmark::kMillisecond)->UseRealTime();

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
