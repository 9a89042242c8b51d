// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "attnplay/base/error.hpp"
#include "attnplay/export/video_encoder.hpp"
#include "attnplay/frame/frame_hash.hpp"

namespace attnplay {

/// A piece as bytes, ending in a checksum of everything before it.
std::vector<std::uint8_t> serializePiece(const EncodedPiece& piece);
/// The piece those bytes hold; nullopt when they are not a whole, intact piece.
std::optional<EncodedPiece> parsePiece(const std::vector<std::uint8_t>& bytes);

/// Encoded pieces kept between exports, one file per piece named by its key, like Manim's
/// partial movies but finer. A piece appears whole or not at all (written beside, then renamed),
/// and one that is damaged anyway (a crash on a file system that lost its data) fails its
/// checksum and is encoded again. Least recently used pieces go first past the size limit.
class PieceCache {
 public:
  /// 1 GiB: hundreds of minutes of 1080p animation.
  static constexpr std::uintmax_t kDefaultLimit = std::uintmax_t{1} << 30;

  /// The user's cache folder for pieces: $XDG_CACHE_HOME/attnplay/pieces (~/.cache/attnplay/pieces).
  static std::string defaultFolder();

  PieceCache(std::string folder, std::uintmax_t limitBytes = kDefaultLimit);
  const std::string& folder() const { return folder_; }

  /// Whether a piece is stored under `key` (it may still turn out damaged when loaded).
  bool contains(const ContentHash& key) const;
  /// The piece stored under `key`, marked as just used; nullopt when there is none or it is damaged
  /// (then it is removed).
  std::optional<EncodedPiece> load(const ContentHash& key) const;
  /// Stores a piece. Failing to (a full disk, a read-only folder) is no error for an export, so
  /// this reports rather than throws.
  Status store(const ContentHash& key, const EncodedPiece& piece) const;
  /// Removes least recently used pieces until the cache fits its limit, and pieces left half
  /// written by exports that were killed.
  void trim() const;
  /// Every piece's size, for the limit.
  std::uintmax_t bytes() const;

 private:
  std::string pathOf(const ContentHash& key) const;
  std::string folder_;
  std::uintmax_t limit_;
};

}  // namespace attnplay
