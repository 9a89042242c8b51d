// SPDX-License-Identifier: MIT
// Measures the four seed scenes against Manim's own lossless frames, as docs/fidelity.md reports
// them: PSNR and ink F1 at every play/wait boundary and at 10/25/50/75/90 % of every play.
//
//   attnplay_fidelity_report MANIM_PNG_DIR [OUT_DIR]
//
// MANIM_PNG_DIR holds <Scene>NNNN.png, every frame of `manim -qh --format png` (scripts/
// fidelity-compare.sh makes them). With OUT_DIR, every frame under its target (40 dB at a
// boundary, 35 dB mid-play) is also written there beside Manim's, to look at.
#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>

#include "attnplay/render/renderer.hpp"
#include "attnplay/script/scene_script.hpp"
#include "image_metrics.hpp"

using namespace attnplay;

namespace {

constexpr double kFps = 60;
constexpr double kBoundaryTarget = 40, kMidTarget = 35;

struct Worst {
  double psnr = 99;
  long frame = -1;
  void take(double value, long at) {
    if (value < psnr) psnr = value, frame = at;
  }
};

QString manimFrame(const QString& dir, const char* scene, long frame) {
  return QStringLiteral("%1/%2%3.png").arg(dir, QLatin1String(scene)).arg(frame, 4, 10, QLatin1Char('0'));
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  if (argc != 2 && argc != 3) {
    std::cerr << "usage: attnplay_fidelity_report MANIM_PNG_DIR [OUT_DIR]\n";
    return 1;
  }
  const QString dir = QString::fromLocal8Bit(argv[1]);
  const QString out = argc == 3 ? QString::fromLocal8Bit(argv[2]) : QString();
  if (!out.isEmpty()) QDir().mkpath(out);

  struct Scene {
    const char* file;
    const char* manim;
  };
  const Scene scenes[] = {{"self_attention", "SelfAttentionDemo"},
                          {"qkv", "QKVVisualization"},
                          {"score_matrix", "AttentionScoreMatrix"},
                          {"heatmap", "AttentionHeatmap"}};
  const double fractions[] = {0.10, 0.25, 0.50, 0.75, 0.90};
  bool ok = true;
  std::printf("| scene | segment | boundary frame | PSNR | ink F1 | mid-play frames (10/25/50/75/90 %%): PSNR |\n");
  std::printf("|---|---|---|---|---|---|\n");
  struct Summary {
    const char* scene;
    Worst boundary, mid;
    double worstF1 = 1;
  };
  std::vector<Summary> summaries;
  for (const Scene& s : scenes) {
    auto scene = loadSceneFile(std::string(ATTNPLAY_SOURCE_DIR "/scenes/") + s.file + ".js");
    if (!scene) {
      std::cerr << scene.error().format() << '\n';
      return 2;
    }
    const Timeline& t = *scene->timeline;
    const long lastFrame = std::lround(t.duration() * kFps) - 1;
    FrameRenderer renderer;
    Summary summary{s.manim, {}, {}};
    // One frame of ours against Manim's; false when Manim's is missing.
    auto measure = [&](long frame, double target, double& psnr, double& f1) {
      const QImage manim(manimFrame(dir, s.manim, frame));
      if (manim.isNull()) {
        std::cerr << "missing " << manimFrame(dir, s.manim, frame).toStdString() << '\n';
        return false;
      }
      const QImage ours = renderer.render(t.evaluateFrame(frame, kFps), QSize(1920, 1080));
      psnr = fidelity::psnr(ours, manim);
      f1 = fidelity::inkF1(ours, manim);
      if (!out.isEmpty() && psnr < target)
        fidelity::sideBySide(ours, manim)
            .save(QStringLiteral("%1/%2_f%3.png").arg(out, QLatin1String(s.file)).arg(frame));
      return true;
    };
    int index = 0;
    for (const Segment& segment : t.segments()) {
      ++index;
      std::string mids;
      if (!segment.isWait()) {
        for (double fraction : fractions) {
          const long frame = std::lround((segment.start + fraction * (segment.end - segment.start)) * kFps);
          double psnr = 0, f1 = 0;
          if (!measure(frame, kMidTarget, psnr, f1)) {
            ok = false;
            continue;
          }
          summary.mid.take(psnr, frame);
          char cell[48];
          std::snprintf(cell, sizeof cell, "%s%ld: %.1f", mids.empty() ? "" : ", ", frame, psnr);
          mids += cell;
        }
      }
      // The first frame that shows the segment finished; the last one shows the scene's end.
      const long frame = std::min(std::lround(segment.end * kFps), lastFrame);
      double psnr = 0, f1 = 0;
      if (!measure(frame, kBoundaryTarget, psnr, f1)) {
        ok = false;
        continue;
      }
      summary.boundary.take(psnr, frame);
      summary.worstF1 = std::min(summary.worstF1, f1);
      std::string what;
      for (const AnimationLabel& a : segment.animations) what += (what.empty() ? "" : ", ") + a.text();
      if (what.size() > 60) what = what.substr(0, 57) + "...";
      std::printf("| %s | %d %s | %ld (%.2f s) | %.1f dB | %.3f | %s |\n", s.manim, index, what.c_str(), frame,
                  frame / kFps, psnr, f1, mids.empty() ? "—" : mids.c_str());
    }
    summaries.push_back(summary);
  }
  std::printf("\n| scene | worst boundary | worst mid-play | worst boundary ink F1 |\n|---|---|---|---|\n");
  for (const Summary& s : summaries)
    std::printf("| %s | %.1f dB (frame %ld) | %.1f dB (frame %ld) | %.3f |\n", s.scene, s.boundary.psnr,
                s.boundary.frame, s.mid.psnr, s.mid.frame, s.worstF1);
  return ok ? 0 : 2;
}
