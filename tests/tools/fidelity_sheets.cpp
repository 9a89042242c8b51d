// SPDX-License-Identifier: MIT
// Writes the side-by-side images of docs/fidelity.md: attnplay's render above the reference,
// for every formula of refs/latex/formulas.tsv (against pdfTeX at 600 dpi) and for the seed's
// titles and labels (against Manim's 1080p frames).
//
//   attnplay_fidelity_sheets REFS_DIR OUT_DIR [MANIM_FRAMES_DIR]
//
// With MANIM_FRAMES_DIR it also sets the seed scenes beside Manim at every play boundary (the
// frames in REFS_DIR/manim/frames) and mid-animation: MANIM_FRAMES_DIR/<Scene>_f<index>.png,
// frames extracted from REFS_DIR/manim/<Scene>_1080p60.mp4 (see docs/fidelity.md).
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QTextStream>
#include <cmath>
#include <iostream>

#include "attnplay/render/renderer.hpp"
#include "attnplay/scene/math_tex.hpp"
#include "attnplay/scene/snapshot.hpp"
#include "attnplay/script/scene_script.hpp"
#include "image_metrics.hpp"

using namespace attnplay;

namespace {

QRect inkRect(const QImage& image, bool darkInk) {
  int x0 = image.width(), y0 = image.height(), x1 = -1, y1 = -1;
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) {
      const QColor c = image.pixelColor(x, y);
      const bool ink =
          darkInk ? std::min({c.red(), c.green(), c.blue()}) < 128 : std::max({c.red(), c.green(), c.blue()}) >= 128;
      if (ink) {
        x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
      }
    }
  }
  return x1 < 0 ? image.rect() : QRect(QPoint(x0, y0), QPoint(x1, y1));
}

/// `top` above `bottom`, left-aligned, on `background`, with a grey rule between.
QImage stack(const QImage& top, const QImage& bottom, const QColor& background) {
  QImage out(std::max(top.width(), bottom.width()), top.height() + bottom.height() + 9, QImage::Format_RGB32);
  out.fill(background);
  QPainter p(&out);
  p.drawImage(0, 0, top);
  p.fillRect(0, top.height() + 4, out.width(), 1, QColor(128, 128, 128));
  p.drawImage(0, top.height() + 9, bottom);
  return out;
}

bool save(const QImage& image, const QString& path) {
  if (!image.save(path)) {
    std::cerr << "cannot write " << path.toStdString() << '\n';
    return false;
  }
  std::cout << path.toStdString() << '\n';
  return true;
}

/// One formula at 600 dpi (an em of 10 pt is 83.02 px), black on white like the references.
QImage formula(const std::string& tex) {
  SceneGraph graph;
  auto m = makeMathTex(graph, {tex}, {.fontSize = 48, .color = manim::BLACK});
  if (!m) {
    std::cerr << m.error().format() << '\n';
    return {};
  }
  graph.addToScene(*m);
  FrameState frame = snapshot(graph);
  frame.background = manim::WHITE;
  // 0.5 units per em at font size 48, so 166.04 px per unit gives 83.02 px per em.
  const double pxPerUnit = 600.0 / 72.27 * 10 / mathEmSize(48);
  const QImage image =
      renderImage(frame, QSize(static_cast<int>(manim::FRAME_WIDTH * pxPerUnit), static_cast<int>(8 * pxPerUnit)));
  return image.copy(inkRect(image, true).adjusted(-30, -30, 30, 30));
}

/// The seed scenes against Manim's frames: every play boundary, and chosen frames mid-animation.
bool seedSheets(const QString& refs, const QString& extracted, const QString& out) {
  struct Scene {
    const char* file;
    const char* manim;
    std::vector<int> midFrames;  // frame indices at 60 fps
  };
  const Scene scenes[] = {
      {"self_attention", "SelfAttentionDemo", {60, 150, 270, 330, 384}},
      {"heatmap", "AttentionHeatmap", {60, 180, 300, 390}},
  };
  bool ok = true;
  for (const Scene& s : scenes) {
    auto scene = loadSceneFile(std::string(ATTNPLAY_SOURCE_DIR "/scenes/") + s.file + ".js");
    if (!scene) {
      std::cerr << scene.error().format() << '\n';
      return false;
    }
    const Timeline& t = *scene->timeline;
    FrameRenderer renderer;
    for (const Segment& segment : t.segments()) {
      const QString stamp = QString::number(segment.end, 'f', 2);
      const QImage manim(refs + "/manim/frames/" + s.manim + "_t" + stamp + ".png");
      if (manim.isNull()) continue;
      const QImage ours = renderer.render(t.evaluate(segment.end), QSize(1920, 1080));
      std::cout << s.file << " t=" << stamp.toStdString() << " PSNR " << fidelity::psnr(ours, manim) << " dB\n";
      ok &= save(fidelity::sideBySide(ours, manim), out + "/" + s.file + "_t" + stamp + ".png");
    }
    for (int frame : s.midFrames) {
      const QImage manim(extracted + "/" + s.manim + "_f" + QString::number(frame) + ".png");
      if (manim.isNull()) {
        std::cerr << "missing " << s.manim << " frame " << frame << " in " << extracted.toStdString() << '\n';
        ok = false;
        continue;
      }
      const QImage ours = renderer.render(t.evaluateFrame(frame, 60), QSize(1920, 1080));
      std::cout << s.file << " frame " << frame << " PSNR " << fidelity::psnr(ours, manim) << " dB\n";
      ok &= save(fidelity::sideBySide(ours, manim), out + "/" + s.file + "_f" + QString::number(frame) + ".png");
    }
  }
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  if (argc != 3 && argc != 4) {
    std::cerr << "usage: attnplay_fidelity_sheets REFS_DIR OUT_DIR [MANIM_FRAMES_DIR]\n";
    return 1;
  }
  const QString refs = QString::fromLocal8Bit(argv[1]), out = QString::fromLocal8Bit(argv[2]);
  QDir().mkpath(out);
  bool ok = true;

  QFile table(refs + "/latex/formulas.tsv");
  if (!table.open(QIODevice::ReadOnly)) {
    std::cerr << "cannot read " << table.fileName().toStdString() << '\n';
    return 2;
  }
  QTextStream lines(&table);
  while (!lines.atEnd()) {
    const QStringList fields = lines.readLine().split(QLatin1Char('\t'));
    if (fields.size() != 2) continue;
    const QImage ours = formula(fields[1].toStdString());
    const QImage ref(refs + "/latex/" + fields[0] + ".png");
    if (ours.isNull() || ref.isNull()) {
      ok = false;
      continue;
    }
    ok &=
        save(stack(ours, ref.convertToFormat(QImage::Format_RGB32), Qt::white), out + "/formula_" + fields[0] + ".png");
  }

  // Titles and labels: the same band of a 1080p frame, ours above Manim's.
  struct Band {
    const char* name;
    const char* scene;
    const char* reference;
    QRect rect;
  };
  const Band bands[] = {
      {"title_self_attention", "tests/tools/title_self_attention.js", "SelfAttentionDemo_t3.00.png",
       QRect(480, 40, 960, 360)},
      {"heatmap_labels", "scenes/heatmap.js", "AttentionHeatmap_t8.00.png", QRect(380, 40, 1160, 740)},
  };
  for (const Band& b : bands) {
    const QString scenePath = QStringLiteral(ATTNPLAY_SOURCE_DIR "/") + b.scene;
    auto scene = loadSceneFile(scenePath.toStdString());
    if (!scene) {
      std::cerr << scene.error().format() << '\n';
      ok = false;
      continue;
    }
    const QImage ours = renderImage(scene->timeline->evaluate(scene->timeline->duration() + 1), QSize(1920, 1080))
                            .convertToFormat(QImage::Format_RGB32);
    const QImage ref = QImage(refs + "/manim/frames/" + b.reference).convertToFormat(QImage::Format_RGB32);
    if (ref.isNull()) {
      ok = false;
      continue;
    }
    ok &= save(stack(ours.copy(b.rect), ref.copy(b.rect), Qt::black), out + "/" + b.name + ".png");
  }
  if (argc == 4) ok &= seedSheets(refs, QString::fromLocal8Bit(argv[3]), out);
  return ok ? 0 : 2;
}
