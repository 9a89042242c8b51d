// SPDX-License-Identifier: MIT
// Runs a scene, evaluates its timeline half-way through and renders that frame, using only the
// installed headers and attnplay::core. Exits 0 when the frame shows the scene's blue square.
#include <QCoreApplication>
#include <QImage>
#include <cstdio>

#include "attnplay/render/renderer.hpp"
#include "attnplay/script/scene_script.hpp"

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const char* scene = R"(
    const box = Square({ sideLength: 4, fillColor: BLUE, fillOpacity: 1 });
    play(FadeIn(box));
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
  std::printf("duration %.2f s, centre %s, corner %s\n", t, qPrintable(centre.name()), qPrintable(corner.name()));
  // Manim's BLUE is #58C4DD on a black background.
  const bool ok = centre.name() == QLatin1String("#58c4dd") && corner.name() == QLatin1String("#000000") && t == 2.0;
  return ok ? 0 : 1;
}
