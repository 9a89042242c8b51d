// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "attnplay/base/error.hpp"

namespace attnplay {

/// One frame in BT.709 limited-range YUV 4:2:0, as the encoder wants it.
struct YuvFrame {
  int width = 0, height = 0;
  std::vector<std::uint8_t> y, u, v;  ///< tightly packed planes; chroma at half size
};

/// Converts rendered frames (QImage, ARGB32 premultiplied and opaque) to YuvFrame with
/// libswscale's BT.709 matrix, full range in, limited range out. One per thread.
class ColorConverter {
 public:
  ColorConverter(int width, int height);
  ~ColorConverter();
  ColorConverter(const ColorConverter&) = delete;
  ColorConverter& operator=(const ColorConverter&) = delete;
  YuvFrame convert(const QImage& image);

 private:
  struct Impl;  // libswscale's state
  std::unique_ptr<Impl> impl_;
};

/// Encoder settings. The defaults are explained in docs/export.md.
struct VideoSettings {
  int width = 1920, height = 1080;
  double fps = 60;
  int crf = 18;
  std::string preset = "superfast";
};

/// H.264 (libx264) in MP4, in-process through libavformat and libavcodec: yuv420p, BT.709
/// tags, limited range, tune=animation, +faststart. Errors come back as one Error each.
class VideoEncoder {
 public:
  /// Opens `path` for writing. Odd sizes, unknown presets and missing codecs are refused here.
  static Result<std::unique_ptr<VideoEncoder>> open(const std::string& path, const VideoSettings& settings);
  ~VideoEncoder();
  VideoEncoder(const VideoEncoder&) = delete;
  VideoEncoder& operator=(const VideoEncoder&) = delete;

  /// Encodes the next frame; frames are numbered in the order given.
  Status add(const YuvFrame& frame);
  /// Flushes the encoder and writes the trailer; the file is complete when this succeeds.
  Status finish();
  std::int64_t framesWritten() const;

 private:
  struct Impl;  // libavformat's and libavcodec's state
  explicit VideoEncoder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// The names libx264 accepts for `preset`.
const std::vector<std::string>& x264Presets();

}  // namespace attnplay
