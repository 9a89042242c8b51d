// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <memory>
#include <string>

#include "attnplay/base/error.hpp"
#include "attnplay/export/video_encoder.hpp"

namespace attnplay {

/// A video written frame by frame through one libavcodec encoder and libavformat: the formats
/// beyond the piece-joined H.264 MP4 (formats()).
class StreamWriter {
 public:
  /// Opens `path` for frames of `settings` in `format` (a name from videoFormats()), the encoder
  /// using up to `threads` threads of its own; with `alpha`, frames keep their transparency.
  static Result<std::unique_ptr<StreamWriter>> open(const std::string& path, const std::string& format,
                                                    const VideoSettings& settings, int threads, bool alpha = false);
  virtual ~StreamWriter() = default;
  StreamWriter(const StreamWriter&) = delete;
  StreamWriter& operator=(const StreamWriter&) = delete;

  /// Converts and encodes the next frame (ARGB32, premultiplied: opaque unless the video has alpha).
  virtual Status write(const QImage& image) = 0;
  /// Flushes the encoder and writes the index; the file is complete when this succeeds.
  virtual Status finish() = 0;

 protected:
  StreamWriter() = default;
};

}  // namespace attnplay
