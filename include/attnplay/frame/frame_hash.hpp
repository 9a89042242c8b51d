// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "attnplay/frame/frame_state.hpp"

namespace attnplay {

/// A 128-bit digest of what a frame draws, the same in every process and on every run: what an
/// export's piece cache is keyed by. Not a security boundary; two lanes make an accidental
/// collision as unlikely as a random 128-bit one.
struct ContentHash {
  std::uint64_t a = 0, b = 0;
  bool operator==(const ContentHash&) const = default;
  std::string hex() const;
};

/// Feeds words into a ContentHash.
class ContentHasher {
 public:
  void add(std::uint64_t word);
  void add(double value);
  void add(const std::string& text);
  void add(const ContentHash& h);
  ContentHash digest() const;

 private:
  std::uint64_t a_ = 0x243f6a8885a308d3ull, b_ = 0x13198a2e03707344ull;
  std::uint64_t words_ = 0;
};

/// Hashes frames, remembering the still runs it has seen: a run with a key draws the same in
/// every frame that carries it (Layer's contract), so its items are hashed once. One per timeline.
class FrameHasher {
 public:
  ContentHash hash(const FrameState& frame);

 private:
  std::unordered_map<std::uint64_t, ContentHash> runs_;
};

}  // namespace attnplay
