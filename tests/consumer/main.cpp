// SPDX-License-Identifier: MIT
// Runs a scene, evaluates its timeline at the end and renders that frame, using only the
// installed headers, attnplay::core and the installed fonts. Exits 0 when the frame shows the
// scene's blue square and its title.
#include <QCoreApplication>
#include <QImage>
#include <cstdio>

#include <QFile>
#include <string>

#include "attnplay/export/video_encoder.hpp"
#include "attnplay/render/renderer.hpp"
#include "attnplay/script/scene_script.hpp"
#include "attnplay/text/font.hpp"

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  // With the install prefix as argument: the fonts must come from there, not from a source tree.
  if (argc > 1) {
    const auto font = attnplay::FontLibrary::instance().face("DejaVu Serif");
    if (!font || (*font)->path().rfind(argv[1], 0) != 0) {
      std::fprintf(stderr, "fonts not found under %s: %s\n", argv[1],
                   font ? (*font)->path().c_str() : font.error().format().c_str());
      return 1;
    }
  }
  const char* scene = R"(
    const box = Square({ sideLength: 4, fillColor: BLUE, fillOpacity: 1 });
    const title = Text("Attention").toEdge(UP);
    play(FadeIn(box), Write(title));
    wait(1);
  )";
  auto loaded = attnplay::loadSceneSource(scene, "consumer.js");
  if (!loaded) {
    std::fprintf(stderr, "%s\n", loaded.error().format().c_str());
    return 1;
  }
  const double t = loaded->timeline->duration();
  const QImage image = attnplay::renderImage(loaded->timeline->evaluate(t), QSize(320, 180));
  const QColor centre = image.pixelColor(160, 90), corner = image.pixelColor(2, 2);
  int titleInk = 0;  // white glyph pixels in the top band
  for (int y = 0; y < 30; ++y) {
    for (int x = 0; x < image.width(); ++x) titleInk += image.pixelColor(x, y).lightness() > 128;
  }
  std::printf("duration %.2f s, centre %s, corner %s, title pixels %d\n", t, qPrintable(centre.name()),
              qPrintable(corner.name()), titleInk);
  // Manim's BLUE is #58C4DD on a black background.
  const bool ok = centre.name() == QLatin1String("#58c4dd") && corner.name() == QLatin1String("#000000") && t == 2.0 &&
                  titleInk > 50;
  if (!ok) return 1;
  // A frame encoded: the video module (FFmpeg's side) must be the installed one.
  attnplay::VideoSettings settings;
  settings.width = 320;
  settings.height = 180;
  auto encoder = attnplay::PieceEncoder::open(settings);
  if (!encoder || !(*encoder)->setFrame(image) || !(*encoder)->encode() || !(*encoder)->finish()) {
    std::fprintf(stderr, "cannot encode: %s\n", encoder ? "the encoder failed" : encoder.error().format().c_str());
    return 1;
  }
  if (argc > 1) {
    QFile maps(QStringLiteral("/proc/self/maps"));
    const QByteArray mapped = maps.open(QIODevice::ReadOnly) ? maps.readAll() : QByteArray();
    QByteArray module;
    for (const QByteArray& line : mapped.split('\n'))
      if (line.contains("attnplay-codecs.so")) module = line;
    if (!module.contains(QByteArray(argv[1]) + "/lib")) {
      std::fprintf(stderr, "the video module was not the one installed under %s\n", argv[1]);
      return 1;
    }
  }
  std::printf("encoded a frame through the installed video module\n");
  return 0;
}
