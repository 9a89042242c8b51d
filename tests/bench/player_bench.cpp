// SPDX-License-Identifier: MIT
// Scrubbing in the player: seek to a frame and repaint a 1920×1080 viewport, as dragging the
// playhead does, over SelfAttentionDemo. Offscreen; the figure is the seek + paint path.
#include <benchmark/benchmark.h>

#include <QApplication>
#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>
#include <random>

#include "app/main_window.hpp"
#include "app/player_controller.hpp"
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

/// A weight edited in the panel until the frame on screen shows it: the script re-run off the UI
/// thread, the timeline swapped in, the viewport repainted. Alternates two values so every edit
/// changes the scene.
/// With `sandboxed`, each run goes through the script sandbox first, as in the player itself.
void editToFrame(benchmark::State& state, const char* scene, const char* param, std::vector<std::string> values,
                 bool sandboxed) {
  // A copy, so the sidecar the edits write stays out of the source tree.
  QTemporaryDir dir;
  const QString copy = dir.filePath(QStringLiteral("scene.js"));
  QFile::copy(QString::fromLatin1(scene), copy);
  attnplay::app::MainWindow window;
  if (sandboxed) window.controller().setScriptSandbox(QStringLiteral(ATTNPLAY_CLI));
  if (!window.openScene(copy)) {
    state.SkipWithError("cannot open the scene");
    return;
  }
  window.show();
  window.controller().seekTime(window.controller().duration());
  QApplication::processEvents();
  std::size_t i = 0;
  for (auto _ : state) {
    QEventLoop loop;
    QObject::connect(&window.controller(), &attnplay::app::PlayerController::sceneChanged, &loop, &QEventLoop::quit);
    window.controller().setParam(param, values[i++ % values.size()]);
    loop.exec();
    window.viewport()->repaint();
  }
}

}  // namespace

BENCHMARK_CAPTURE(editToFrame, self_attention_weights, ATTNPLAY_SOURCE_DIR "/scenes/self_attention.js", "weights",
                  {"[0.1,0.3,0.4,0.15,0.05]", "[0.2,0.2,0.3,0.2,0.1]"}, false)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(editToFrame, self_attention_weights_sandboxed, ATTNPLAY_SOURCE_DIR "/scenes/self_attention.js",
                  "weights", {"[0.1,0.3,0.4,0.15,0.05]", "[0.2,0.2,0.3,0.2,0.1]"}, true)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(editToFrame, heatmap_seed, ATTNPLAY_SOURCE_DIR "/scenes/heatmap.js", "seed", {"7", "42"}, false)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(editToFrame, heatmap_seed_sandboxed, ATTNPLAY_SOURCE_DIR "/scenes/heatmap.js", "seed", {"7", "42"},
                  true)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(scrub1080)->Unit(benchmark::kMillisecond)->UseRealTime();

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
