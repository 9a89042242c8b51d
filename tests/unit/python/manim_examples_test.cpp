// SPDX-License-Identifier: MIT
// ManimCE's own scenes beside ManimCE's own last frames: example_scenes/basic.py and the 2D
// scenes of the gallery (docs/source/examples.rst), as tests/data/python/manim_examples holds
// them. Each scene either plays — and its last frame is scored against ManimCE 0.17.3's (ink F1
// with 2 px of slack, PSNR) — or fails with an error at a line of the file that names what is
// missing. The table in docs/fidelity.md is this test's; ATTNPLAY_UPDATE_DOCS=1 writes it.
#include <gtest/gtest.h>

#include <QImage>
#include <QString>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

#include "attnplay/render/renderer.hpp"
#include "attnplay/script/scene_script.hpp"
#include "python/python_scenes.hpp"
#include "tools/image_metrics.hpp"
#include "unit/scene_api/reference_docs.hpp"

using namespace attnplay;

namespace {

const std::string kDir = ATTNPLAY_SOURCE_DIR "/tests/data/python/manim_examples/";

/// Scenes ManimCE 0.17.3 cannot render here, so no reference frame exists: why.
const std::map<std::string, std::string> kNoReference = {
    {"LineJoints", "ManimCE 0.17.3 itself fails: its VMobject takes no line_join (basic.py is ahead of the tag)"},
    {"BooleanOperations", "ManimCE needs skia-pathops for Union/Intersection/…, which Debian 12 does not package"},
};

struct Row {
  std::string file, scene;
  bool plays = false;
  double f1 = 0, psnr = 0;
  std::string why;  ///< the first line of the error, when it does not play
  int line = 0;
};

std::vector<std::string> scenesOf(const std::string& file) {
  std::ifstream in(kDir + file);
  std::vector<std::string> out;
  const std::regex header(R"(^class (\w+)\(\w*Scene\):)");
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, header)) out.push_back(m[1]);
  }
  return out;
}

std::string escapeCell(std::string text) {
  for (std::size_t i = 0; (i = text.find('|', i)) != std::string::npos; i += 2) text.replace(i, 1, "\\|");
  return text;
}

}  // namespace

TEST(ManimExamples, EachScenePlaysOrSaysWhatIsMissingAtItsLine) {
  python::installPythonScenes();
  std::vector<Row> rows;
  for (const std::string file : {"basic.py", "gallery.py"}) {
    const std::vector<std::string> scenes = scenesOf(file);
    ASSERT_FALSE(scenes.empty()) << file;
    for (const std::string& scene : scenes) {
      Row row;
      row.file = file;
      row.scene = scene;
      ScriptOptions options;
      options.sceneName = scene;
      auto loaded = loadSceneFile(kDir + file, options);
      if (loaded) {
        row.plays = true;
        const QString reference =
            QString::fromStdString(kDir + "reference/" + file.substr(0, file.size() - 3) + "." + scene + ".png");
        const QImage theirs(reference);
        if (!theirs.isNull()) {
          const QImage ours = renderImage(loaded->timeline->evaluate(loaded->timeline->duration()), theirs.size());
          row.f1 = fidelity::inkF1(ours, theirs, 2);
          row.psnr = fidelity::psnr(ours, theirs);
          if (const char* out = std::getenv("ATTNPLAY_EXAMPLES_OUT")) {
            ours.save(QString::fromLocal8Bit(out) + QLatin1Char('/') + QString::fromStdString(scene) +
                      QStringLiteral(".png"));
          }
        }
      } else {
        const Error& e = loaded.error();
        row.why = e.message().substr(0, e.message().find('\n'));
        row.line = e.where() ? e.where()->line : 0;
        // Never a crash or an internal error: the scene's own line, and what it lacks.
        EXPECT_NE(e.code(), ErrorCode::Internal) << file << " " << scene << ": " << e.format();
        EXPECT_GT(row.line, 0) << file << " " << scene << ": " << e.format();
      }
      rows.push_back(row);
    }
  }

  // The table for docs/fidelity.md.
  std::size_t playing = 0, faithful = 0, scored = 0;
  std::ostringstream table;
  table << "| file | scene | plays | ink F1 (2 px) | PSNR (dB) | what stops it |\n|---|---|---|---|---|---|\n";
  char number[32];
  for (const Row& r : rows) {
    const bool reference = !kNoReference.count(r.scene);
    if (reference) ++scored;
    if (r.plays) ++playing;
    if (r.plays && reference && r.f1 >= 0.95) ++faithful;
    table << "| " << r.file << " | " << r.scene << " | " << (r.plays ? "yes" : "no") << " | ";
    if (r.plays && reference) {
      std::snprintf(number, sizeof number, "%.3f | %.1f", r.f1, r.psnr);
      table << number;
    } else {
      table << "— | —";
    }
    table << " | ";
    if (!reference) table << "no reference: " << kNoReference.at(r.scene) << (r.plays ? "" : "; ");
    if (!r.plays) table << "line " << r.line << ": " << escapeCell(r.why);
    table << " |\n";
  }
  table << "\n"
        << playing << " of " << rows.size() << " scenes play; " << faithful << " of the " << scored
        << " with a reference frame play with ink F1 ≥ 0.95.";
  attnplay::testing::expectGeneratedBlock(ATTNPLAY_SOURCE_DIR "/docs/fidelity.md", "manim-examples", table.str());
}

TEST(ManimExamples, MovementMidwayIsManims) {
  // SpiralIn halfway, MoveAlongPath halfway round the circle, Rotating most of its turn, a
  // MovingCameraScene's frame zooming in and then following a dot (its strokes as wide in scene
  // units, so twice as wide on screen): frames of ManimCE's own video (reference/README.md).
  python::installPythonScenes();
  for (const auto& [file, scene, t] :
       {std::tuple{"basic", "SpiralInExample", "0.5"}, std::tuple{"gallery", "PointMovingOnShapes", "3.0"},
        std::tuple{"gallery", "PointMovingOnShapes", "4.7"}, std::tuple{"gallery", "FollowingGraphCamera", "0.5"},
        std::tuple{"gallery", "FollowingGraphCamera", "1.5"}}) {
    ScriptOptions options;
    options.sceneName = scene;
    auto loaded = loadSceneFile(kDir + file + ".py", options);
    ASSERT_TRUE(loaded.ok()) << loaded.error().format();
    const QImage theirs(QString::fromStdString(kDir + "reference/" + file + "." + scene + ".t" + t + ".png"));
    ASSERT_FALSE(theirs.isNull()) << scene << " " << t;
    const QImage ours = renderImage(loaded->timeline->evaluate(std::stod(t)), theirs.size());
    EXPECT_GE(fidelity::inkF1(ours, theirs, 2), 0.95) << scene << " at " << t << " s";
  }
}
