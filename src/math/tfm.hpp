// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "attnplay/base/error.hpp"

namespace attnplay::math {

/// A TeX font metric file (TFM), as TeX reads it: per character code its box and what comes
/// next in a chain of larger variants, the extensible recipes, the font parameters. Dimensions
/// are in units of the design size.
struct TfmFont {
  enum class Tag { None, LigKern, List, Extensible };
  struct Char {
    bool exists = false;
    double width = 0, height = 0, depth = 0, italic = 0;
    Tag tag = Tag::None;
    int remainder = 0;  ///< List: the next larger character; Extensible: its recipe
  };
  /// Character codes of an extensible delimiter's pieces; -1 where it has none.
  struct Recipe {
    int top = -1, mid = -1, bot = -1, rep = 0;
  };
  /// One step of a character's ligature/kern program.
  struct LigKernStep {
    int skip = 0, next = 0, op = 0, remainder = 0;
  };
  double designSize = 10;  ///< TeX points
  std::array<Char, 256> chars{};
  std::vector<Recipe> recipes;
  std::vector<double> params;  ///< \fontdimen1 … n
  std::vector<LigKernStep> ligKern;
  std::vector<double> kerns;

  /// \fontdimen k (1-based), or 0 when the font has fewer.
  double param(std::size_t k) const { return k >= 1 && k <= params.size() ? params[k - 1] : 0; }
  /// The kern TeX puts between `left` and `right` when they follow each other (0 if none).
  double kern(int left, int right) const;
};

/// Reads a TFM file's bytes; `path` names it in errors. Every length and index is checked.
Result<TfmFont> parseTfm(std::string_view bytes, const std::string& path);

}  // namespace attnplay::math
