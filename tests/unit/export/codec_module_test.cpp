// SPDX-License-Identifier: MIT
// This program links the core alone, not FFmpeg: what it maps is what the core loads.
#include <gtest/gtest.h>

#include <QFile>
#include <QImage>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "attnplay/export/video_encoder.hpp"
#include "attnplay/render/renderer.hpp"
#include "attnplay/script/scene_script.hpp"
#include "export/codec_module.hpp"

namespace {

bool mapped(const char* library) {
  QFile maps(QStringLiteral("/proc/self/maps"));
  if (!maps.open(QIODevice::ReadOnly)) return false;
  return maps.readAll().contains(library);
}

}  // namespace

TEST(CodecModule, FfmpegLoadsOnTheFirstExportNotBefore) {
  // A scene loaded and a frame rendered: no FFmpeg in the process.
  auto loaded = attnplay::loadSceneSource("play(FadeIn(Square()));", "square.js");
  ASSERT_TRUE(loaded) << loaded.error().format();
  const QImage frame = attnplay::renderImage(loaded->timeline->evaluate(0.5), QSize(320, 180));
  ASSERT_FALSE(frame.isNull());
  EXPECT_FALSE(mapped("libavformat.so"));
  EXPECT_FALSE(mapped("libx264.so"));
  EXPECT_FALSE(mapped(attnplay::kCodecModuleFile));

  attnplay::VideoSettings settings;
  settings.width = 64;
  settings.height = 32;
  auto encoder = attnplay::PieceEncoder::open(settings);
  ASSERT_TRUE(encoder) << encoder.error().format();
  EXPECT_TRUE(mapped(attnplay::kCodecModuleFile));
  EXPECT_TRUE(mapped("libx264.so"));
  QImage image(64, 32, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::red);
  ASSERT_TRUE((*encoder)->setFrame(image));
  ASSERT_TRUE((*encoder)->encode());
  auto piece = (*encoder)->finish(2);
  ASSERT_TRUE(piece) << piece.error().format();
  EXPECT_EQ(piece->frames, 3);
  EXPECT_FALSE(piece->header.empty());
}

TEST(CodecModule, SettingsAreCheckedBeforeTheModuleIsAsked) {
  attnplay::VideoSettings odd;
  odd.width = 63;
  auto encoder = attnplay::PieceEncoder::open(odd);
  ASSERT_FALSE(encoder);
  EXPECT_NE(encoder.error().message().find("odd side"), std::string::npos) << encoder.error().format();
}

TEST(CodecModule, ItIsLookedForWhereTheEnvironmentSaysFirstThenBesideTheProgram) {
  ::setenv("ATTNPLAY_CODECS_DIR", "/opt/elsewhere", 1);
  const std::vector<std::string> dirs = attnplay::codecModuleSearchDirs();
  ::unsetenv("ATTNPLAY_CODECS_DIR");
  ASSERT_GE(dirs.size(), 4u);
  EXPECT_EQ(dirs[0], "/opt/elsewhere");
  // The build tree's tests are one folder below the module.
  const std::string above = std::filesystem::path(ATTNPLAY_TEST_BINARY_DIR).parent_path().string();
  EXPECT_NE(std::find(dirs.begin(), dirs.end(), above), dirs.end());
}
