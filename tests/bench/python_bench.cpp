// SPDX-License-Identifier: MIT
// Python scenes beside their JavaScript ports, in the same run: the seed's SelfAttentionDemo
// from the seed file as it is (tests/data/python/attention_scenes.py) and from
// scenes/self_attention.js.
//   load/cold:   a whole `attnplay-cli info` process (the interpreter and NumPy start in it)
//   baseline/…:  in the same run, the floor under it: the Python attnplay embeds doing nothing
//                but `import numpy` (which every Manim scene does), and a process that starts
//                and stops attnplay-cli (`--version`)
//   rerun:       one run of the scene in a warm process after an edit of its weights, as the
//                side panel re-runs it
//   rerun/file-edited: one run after the file itself changed (nothing compiled can be reused)
#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QProcess>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "attnplay/script/scene_script.hpp"
#include "python/python_scenes.hpp"

using namespace attnplay;

namespace {

const std::string kSeed = ATTNPLAY_SOURCE_DIR "/tests/data/python/attention_scenes.py";
const std::string kPort = ATTNPLAY_SOURCE_DIR "/scenes/self_attention.js";

void wholeProcess(benchmark::State& state, const QString& program, const QStringList& args) {
  for (auto _ : state) {
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(30000) || p.exitCode() != 0) state.SkipWithError("the process failed");
  }
}

void loadCold(benchmark::State& state, const QStringList& args) {
  wholeProcess(state, QStringLiteral(ATTNPLAY_CLI), QStringList{QStringLiteral("info")} + args);
}

void numpyAlone(benchmark::State& state) {
  wholeProcess(state, QStringLiteral(ATTNPLAY_PYTHON_EXECUTABLE),
               {QStringLiteral("-c"), QStringLiteral("import numpy")});
}
void cliVersion(benchmark::State& state) {
  wholeProcess(state, QStringLiteral(ATTNPLAY_CLI), {QStringLiteral("--version")});
}

void pythonLoadCold(benchmark::State& state) {
  loadCold(state, {QString::fromStdString(kSeed), QStringLiteral("SelfAttentionDemo")});
}
void javascriptLoadCold(benchmark::State& state) { loadCold(state, {QString::fromStdString(kPort)}); }

void rerun(benchmark::State& state, const std::string& path, const std::string& scene, const std::string& param) {
  ScriptOptions options;
  options.sceneName = scene;
  if (!loadSceneFile(path, options)) state.SkipWithError("the scene does not load");  // warm
  int i = 0;
  for (auto _ : state) {
    const double w = 0.1 + 0.01 * (i++ % 30);
    options.overrides[param] = "[0.1, 0.3, " + std::to_string(w) + ", 0.15, 0.05]";
    auto scene = loadSceneFile(path, options);
    if (!scene) state.SkipWithError(scene.error().format().c_str());
    benchmark::DoNotOptimize(scene);
  }
}

/// A run after the file itself was edited (a comment appended): nothing of the last run's
/// reading or compiling can be reused.
void rerunEdited(benchmark::State& state, const std::string& path, const std::string& scene, const char* comment) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const std::string copy =
      std::filesystem::temp_directory_path() / ("attnplay_bench_" + std::filesystem::path(path).filename().string());
  ScriptOptions options;
  options.sceneName = scene;
  int i = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::ofstream(copy) << text.str() << "\n" << comment << " edit " << i++ << "\n";
    state.ResumeTiming();
    auto loaded = loadSceneFile(copy, options);
    if (!loaded) state.SkipWithError(loaded.error().format().c_str());
    benchmark::DoNotOptimize(loaded);
  }
  std::filesystem::remove(copy);
}

void pythonRerun(benchmark::State& state) { rerun(state, kSeed, "SelfAttentionDemo", "attention_weights"); }
void pythonRerunEdited(benchmark::State& state) { rerunEdited(state, kSeed, "SelfAttentionDemo", "#"); }
void javascriptRerunEdited(benchmark::State& state) { rerunEdited(state, kPort, "", "//"); }
void javascriptRerun(benchmark::State& state) { rerun(state, kPort, "", "weights"); }

}  // namespace

BENCHMARK(pythonLoadCold)->Name("python/load/cold")->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(javascriptLoadCold)->Name("javascript/load/cold")->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(numpyAlone)->Name("baseline/python-import-numpy")->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(cliVersion)->Name("baseline/cli-version")->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(pythonRerun)->Name("python/rerun")->Unit(benchmark::kMillisecond);
BENCHMARK(javascriptRerun)->Name("javascript/rerun")->Unit(benchmark::kMillisecond);
BENCHMARK(pythonRerunEdited)->Name("python/rerun/file-edited")->Unit(benchmark::kMillisecond);
BENCHMARK(javascriptRerunEdited)->Name("javascript/rerun/file-edited")->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  python::installPythonScenes();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
