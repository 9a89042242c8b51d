// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "attnplay/base/error.hpp"

namespace attnplay {

/// Encoder settings. The defaults are explained in docs/export.md.
struct VideoSettings {
  int width = 1920, height = 1080;
  double fps = 60;
  int crf = 18;
  std::string preset = "superfast";
};

/// A kind of video file an export can write.
struct VideoFormat {
  const char* name;              ///< what --format takes
  const char* extension;         ///< the output's name must end in this
  const char* muxer;             ///< libavformat's name for the container
  const char* encoder;           ///< libavcodec's (or libx264's) encoder
  const char* pixelFormat;       ///< what the encoder is given
  const char* alphaPixelFormat;  ///< the same with an alpha channel; nullptr: the format has none
  bool pieces;                   ///< cut into cached pieces and joined (H.264), or encoded frame by frame
  const char* description;
};
/// Every format, the default (H.264 MP4) first.
const std::vector<VideoFormat>& videoFormats();
/// The format of that name, or nullptr.
const VideoFormat* videoFormat(const std::string& name);
/// The format an output name and an optional format name choose: .mp4 gives H.264 (H.265 when
/// asked), .webm VP9, .mov ProRes 4444, .mkv FFV1. An unknown name, or one whose extension
/// does not match the output's, is an error that lists what would do.
Result<const VideoFormat*> formatForOutput(const std::string& output, const std::string& requested);

/// The names libx264 accepts for `preset`.
const std::vector<std::string>& x264Presets();

/// Refuses what libx264 in yuv420p cannot take (odd sides, unknown presets, CRF outside 0–51),
/// with what to give instead.
Status checkVideoSettings(const VideoSettings& settings);

/// Writes a rendered frame (ARGB32, premultiplied and opaque) into BT.709 limited-range YUV 4:2:0
/// planes: luma per pixel, chroma from each 2×2 block's mean. Even sizes only.
void convertToYuv420(const QImage& image, std::uint8_t* const planes[3], const int strides[3]);
/// The same for the blocks × blocks tiles marked in `blocks` (raster order, nonzero: convert),
/// leaving the rest of the planes as they are.
void convertBlocksToYuv420(const QImage& image, const std::vector<std::uint8_t>& blocks, int block,
                           std::uint8_t* const planes[3], const int strides[3]);
/// The same, pixel by pixel without vector instructions: what the fast path must equal.
void convertToYuv420Reference(const QImage& image, std::uint8_t* const planes[3], const int strides[3]);

/// One compressed frame, with its times in frames counted from its piece's first.
struct EncodedPacket {
  std::int64_t pts = 0, dts = 0, duration = 1;
  bool key = false;
  std::vector<std::uint8_t> data;
};

/// A run of frames encoded on their own: it starts with an IDR frame and refers to nothing
/// outside itself, so pieces made with the same settings join by stream copy.
struct EncodedPiece {
  std::vector<std::uint8_t> header;  ///< the codec's extradata (SPS and PPS), the same for the same settings
  std::vector<EncodedPacket> packets;
  std::int64_t frames = 0;
  std::size_t bytes() const;
};

/// H.264 (libx264) for one piece: tune=animation, yuv420p, BT.709 limited range. Single-threaded
/// on purpose — an export encodes pieces side by side, which scales better and holds a fraction
/// of the memory of libx264's frame threads (docs/performance.md).
class PieceEncoder {
 public:
  /// Checks the settings, then opens libx264 (in attnplay's video module, loaded on first use).
  static Result<std::unique_ptr<PieceEncoder>> open(const VideoSettings& settings);
  virtual ~PieceEncoder() = default;
  PieceEncoder(const PieceEncoder&) = delete;
  PieceEncoder& operator=(const PieceEncoder&) = delete;

  /// The side of a macroblock, the unit `setFrame` is told changes in.
  static constexpr int kBlock = 16;

  /// Converts the image into the encoder's own frame, whose buffer is reused from frame to frame.
  /// With `changed` (a flag per macroblock, raster order), only the macroblocks flagged can
  /// differ from the frame set before: the others are neither converted nor searched, and are
  /// coded as unchanged. Without it, or for a piece's first frame, all of it is new.
  virtual Status setFrame(const QImage& image, const std::vector<std::uint8_t>* changed = nullptr) = 0;
  /// Encodes the frame set last as the piece's next frame. Called again without setFrame, it
  /// repeats the frame: a still frame costs no rendering and no conversion.
  virtual Status encode() = 0;
  /// Whether finish() can end the piece on repeats of its last frame without encoding them.
  virtual bool canRepeatWithoutEncoding() const = 0;
  /// Flushes the encoder and adds `repeats` copies of the last frame as frames whose every
  /// macroblock is skipped (a few bytes each, no encoding): the piece is complete.
  virtual Result<EncodedPiece> finish(std::int64_t repeats = 0) = 0;

 protected:
  PieceEncoder() = default;
};

/// An MP4 file of joined pieces: +faststart, constant frame rate, BT.709 tags.
class Mp4Writer {
 public:
  /// Opens `path` for writing pieces whose header is `header`.
  /// `comment`, when given, goes in the file's metadata (a chunk says which it is there).
  static Result<std::unique_ptr<Mp4Writer>> open(const std::string& path, const VideoSettings& settings,
                                                 const std::vector<std::uint8_t>& header,
                                                 const std::string& comment = {});
  virtual ~Mp4Writer() = default;
  Mp4Writer(const Mp4Writer&) = delete;
  Mp4Writer& operator=(const Mp4Writer&) = delete;

  /// Appends the piece's packets after the frames written so far. A piece made with other
  /// settings (another header) is refused.
  virtual Status append(const EncodedPiece& piece) = 0;
  /// Writes the index; the file is complete when this succeeds.
  virtual Status finish() = 0;

 protected:
  Mp4Writer() = default;
};

/// What makes two encoders give the same bytes: libx264's build (and libavformat's) and the
/// parameters this file sets. Part of every piece's cache key.
std::string encoderIdentity();

}  // namespace attnplay
