// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <QRect>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "attnplay/base/error.hpp"

namespace attnplay {

/// How a GIF's frames spread the error of its 256 colours: none, an ordered 8×8 Bayer pattern
/// (steady from frame to frame), or error diffusion — Floyd–Steinberg, or Sierra's two-row lite
/// filter (FFmpeg's paletteuse default).
enum class Dither { None, Bayer, FloydSteinberg, Sierra2_4a };
/// The names --dither takes, in Dither's order: none, bayer, floyd_steinberg, sierra2_4a.
const std::vector<std::string>& ditherNames();
std::optional<Dither> ditherByName(const std::string& name);

/// One palette for a whole animation, as FFmpeg's palettegen makes it: every frame's pixels are
/// counted, then median cut splits the colour box with the largest error along its widest axis
/// until there are as many boxes as colours; each colour is its box's mean.
class PaletteBuilder {
 public:
  /// Counts the frame's pixels (ARGB32, premultiplied); with `transparent`, the pixels under half
  /// coverage are left out, as they become the transparent entry.
  void add(const QImage& frame, bool transparent = false);
  /// At most `colours` entries (opaque, 0xffRRGGBB), fewer when the frames hold fewer colours.
  std::vector<std::uint32_t> build(int colours) const;

 private:
  /// 6 bits a channel: a count and channel sums per bin, so each box's mean is exact.
  struct Bin {
    std::uint64_t count = 0, r = 0, g = 0, b = 0;
  };
  std::vector<Bin> bins_ = std::vector<Bin>(1 << 18);
};

/// Maps frames onto a palette with a dither. Between frames only the rectangle that changed is
/// mapped again and the rest keeps its indices, so a still region neither flickers nor costs
/// bytes (FFmpeg's paletteuse diff_mode=rectangle).
class PaletteMapper {
 public:
  /// With `transparentIndex` ≥ 0, pixels under half coverage take that index.
  PaletteMapper(std::vector<std::uint32_t> palette, Dither dither, int transparentIndex = -1);
  /// The frame's indices, one byte a pixel, rows of width bytes.
  const std::vector<std::uint8_t>& map(const QImage& frame);
  /// What the last map() mapped again: the whole frame the first time, empty when nothing changed.
  QRect changed() const { return changed_; }

 private:
  std::uint8_t nearest(std::uint32_t rgb);
  std::vector<std::uint32_t> palette_;
  Dither dither_;
  int transparent_;
  std::vector<std::uint8_t> indices_;
  QImage previous_;
  QRect changed_;
  /// The nearest entry of every 24-bit colour met so far (exact, found once).
  std::vector<std::uint8_t> lookup_;
  std::vector<std::uint64_t> known_;
};

/// An animated GIF written through libavcodec's GIF encoder and libavformat's muxer, one global
/// palette, each frame cropped to what changed.
class GifWriter {
 public:
  /// `loop`: play forever (else once). The palette may hold a fully transparent entry.
  static Result<std::unique_ptr<GifWriter>> open(const std::string& path, int width, int height, double fps,
                                                 const std::vector<std::uint32_t>& palette, bool loop);
  virtual ~GifWriter() = default;
  GifWriter(const GifWriter&) = delete;
  GifWriter& operator=(const GifWriter&) = delete;

  /// The next frame's palette indices (width × height). With `repeat` the frame is the one
  /// before again: that one shows longer instead.
  virtual Status write(const std::vector<std::uint8_t>& indices, bool repeat = false) = 0;
  virtual Status finish() = 0;

 protected:
  GifWriter() = default;
};

}  // namespace attnplay
