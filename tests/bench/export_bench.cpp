// SPDX-License-Identifier: MIT
// Whole exports of the seed's SelfAttentionDemo (scenes/self_attention.js) at Manim's -qh and -ql,
// with the time split into rendering and conversion plus encoding (thread time per frame).
#include <benchmark/benchmark.h>

#include <QTemporaryDir>

#include "attnplay/export/export_job.hpp"
#include "attnplay/script/scene_script.hpp"

using namespace attnplay;

namespace {

void exportScene(benchmark::State& state, char quality) {
  auto scene = loadSceneFile(ATTNPLAY_SOURCE_DIR "/scenes/self_attention.js");
  if (!scene) {
    state.SkipWithError(scene.error().format().c_str());
    return;
  }
  QTemporaryDir dir;
  const Quality q = *qualityPreset(quality);
  ExportStats total;
  for (auto _ : state) {
    ExportSettings s;
    s.output = dir.filePath(QStringLiteral("out.mp4")).toStdString();
    s.video.width = q.width;
    s.video.height = q.height;
    s.video.fps = q.fps;
    auto stats = ExportJob(scene->timeline, s).run();
    if (!stats) {
      state.SkipWithError(stats.error().format().c_str());
      return;
    }
    total.frames += stats->frames;
    total.renderSeconds += stats->renderSeconds;
    total.encodeSeconds += stats->encodeSeconds;
  }
  const double frames = static_cast<double>(total.frames);
  state.counters["frames_per_s"] = benchmark::Counter(frames, benchmark::Counter::kIsRate);
  state.counters["render_ms_per_frame"] = 1000 * total.renderSeconds / frames;
  state.counters["encode_ms_per_frame"] = 1000 * total.encodeSeconds / frames;
}

}  // namespace

BENCHMARK_CAPTURE(exportScene, qh_1920x1080_60fps, 'h')->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK_CAPTURE(exportScene, ql_854x480_15fps, 'l')->Unit(benchmark::kMillisecond)->Iterations(10)->UseRealTime();
