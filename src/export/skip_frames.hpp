// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace attnplay {

/// Writes H.264 frames that repeat the previous frame exactly: one P slice in which every
/// macroblock is skipped, which a decoder turns into a copy of the reference. They take a few
/// bytes and no encoding, so a wait costs one frame whatever its length.
class SkipFrames {
 public:
  /// Reads what the slices need from libx264's header (SPS and PPS, Annex B) and the last
  /// frame it encoded; nullopt for a stream these slices cannot follow (CAVLC, interlacing,
  /// several slices per frame, B-frame ordering), which is then encoded frame by frame.
  static std::optional<SkipFrames> after(const std::vector<std::uint8_t>& header,
                                         const std::vector<std::uint8_t>& lastFrame);
  /// Whether a stream with this header can take such frames at all.
  static bool supports(const std::vector<std::uint8_t>& header);
  /// The next repeated frame, as one Annex B NAL unit.
  std::vector<std::uint8_t> next();

 private:
  bool readHeader(const std::vector<std::uint8_t>& header);
  int log2MaxFrameNum_ = 4, pocType_ = 2, log2MaxPocLsb_ = 4;
  bool weightedPred_ = false, deblockingControl_ = false;
  int sliceQp_ = 26, macroblocks_ = 0;
  std::uint32_t frameNum_ = 0, poc_ = 0;
};

}  // namespace attnplay
