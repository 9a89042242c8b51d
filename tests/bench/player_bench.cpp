// SPDX-License-Identifier: MIT
// Scrubbing in the player: seek to a frame and repaint a 1920×1080 viewport, as dragging the
// playhead does, over SelfAttentionDemo. Offscreen; the figure is the seek + paint path.
#include <benchmark/benchmark.h>

#include <QApplication>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>
#include <chrono>
#include <random>

#include "app/main_window.hpp"
#include "app/player_controller.hpp"
#include "app/viewport_widget.hpp"
#ifdef ATTNPLAY_HAVE_PYTHON
#include "python/python_scenes.hpp"
#endif

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

/// The `q` quantile of `ms` (sorted in place), in the same unit.
double quantile(std::vector<double>& ms, double q) {
  if (ms.empty()) return 0;
  std::sort(ms.begin(), ms.end());
  return ms[static_cast<std::size_t>(q * static_cast<double>(ms.size() - 1) + 0.5)];
}

/// A weight edited in the panel until the frame on screen shows it: the script re-run off the UI
/// thread, the timeline swapped in, the viewport repainted. Alternates two values so every edit
/// changes the scene. With `sandboxed`, each run goes through the worker, as in the player itself;
/// `sceneName` picks the scene of a Python file; `pace` ms pass between edits (else they come
/// back to back, as in a drag). Counters give each edit's median and p95.
void editToFrame(benchmark::State& state, const char* scene, const char* sceneName, const char* param,
                 std::vector<std::string> values, bool sandboxed, int pace = 0) {
  // A copy, so the sidecar the edits write stays out of the source tree.
  QTemporaryDir dir;
  const QString copy = dir.filePath(QStringLiteral("scene.") + QFileInfo(QString::fromLatin1(scene)).suffix());
  QFile::copy(QString::fromLatin1(scene), copy);
  attnplay::app::MainWindow window;
  if (sandboxed) window.controller().setScriptSandbox(QStringLiteral(ATTNPLAY_CLI));
  if (!window.controller().open(copy, QString::fromLatin1(sceneName))) {
    state.SkipWithError("cannot open the scene");
    return;
  }
  window.show();
  window.controller().seekTime(window.controller().duration());
  QApplication::processEvents();
  std::size_t i = 0;
  std::vector<double> ms;
  for (auto _ : state) {
    if (pace > 0) {
      // Untimed: the worker readies its next run, as it can between a person's edits.
      state.PauseTiming();
      QThread::msleep(static_cast<unsigned long>(pace));
      state.ResumeTiming();
    }
    const auto start = std::chrono::steady_clock::now();
    QEventLoop loop;
    QObject::connect(&window.controller(), &attnplay::app::PlayerController::sceneChanged, &loop, &QEventLoop::quit);
    window.controller().setParam(param, values[i++ % values.size()]);
    loop.exec();
    window.viewport()->repaint();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  state.counters["median_ms"] = quantile(ms, 0.5);
  state.counters["p95_ms"] = quantile(ms, 0.95);
}

}  // namespace

BENCHMARK_CAPTURE(editToFrame, self_attention_weights, ATTNPLAY_SOURCE_DIR "/scenes/self_attention.js", "", "weights",
                  {"[0.1,0.3,0.4,0.15,0.05]", "[0.2,0.2,0.3,0.2,0.1]"}, false)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(editToFrame, self_attention_weights_sandboxed, ATTNPLAY_SOURCE_DIR "/scenes/self_attention.js", "",
                  "weights", {"[0.1,0.3,0.4,0.15,0.05]", "[0.2,0.2,0.3,0.2,0.1]"}, true)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(editToFrame, heatmap_seed, ATTNPLAY_SOURCE_DIR "/scenes/heatmap.js", "", "seed", {"7", "42"}, false)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(editToFrame, heatmap_seed_sandboxed, ATTNPLAY_SOURCE_DIR "/scenes/heatmap.js", "", "seed",
                  {"7", "42"}, true)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
#ifdef ATTNPLAY_HAVE_PYTHON
// The seed's own Python, verbatim: its construct()'s `attention_weights` literal edited; first
// run in this process (as the player ran it before the worker), the baseline beside the worker.
BENCHMARK_CAPTURE(editToFrame, seed_py_attention_weights, ATTNPLAY_SOURCE_DIR "/tests/data/python/attention_scenes.py",
                  "SelfAttentionDemo", "attention_weights", {"[0.1,0.3,0.4,0.15,0.05]", "[0.2,0.2,0.3,0.2,0.1]"}, false)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(editToFrame, seed_py_attention_weights_sandboxed,
                  ATTNPLAY_SOURCE_DIR "/tests/data/python/attention_scenes.py", "SelfAttentionDemo",
                  "attention_weights", {"[0.1,0.3,0.4,0.15,0.05]", "[0.2,0.2,0.3,0.2,0.1]"}, true)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(editToFrame, seed_py_attention_weights_sandboxed_paced,
                  ATTNPLAY_SOURCE_DIR "/tests/data/python/attention_scenes.py", "SelfAttentionDemo",
                  "attention_weights", {"[0.1,0.3,0.4,0.15,0.05]", "[0.2,0.2,0.3,0.2,0.1]"}, true, 150)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
#endif
BENCHMARK(scrub1080)->Unit(benchmark::kMillisecond)->UseRealTime();

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
#ifdef ATTNPLAY_HAVE_PYTHON
  attnplay::python::installPythonScenes();
#endif
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
