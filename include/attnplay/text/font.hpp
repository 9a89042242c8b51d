// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "attnplay/base/error.hpp"
#include "attnplay/geometry/path.hpp"

namespace attnplay {

class Font;
namespace detail {
struct FontData;
/// The FreeType and HarfBuzz handles behind a font, for the text and math modules (src/text/font_data.hpp).
const FontData& fontData(const Font& font);
}  // namespace detail

/// Which face of a family: Manim's weight and slant, reduced to what the shipped fonts have.
struct FontStyle {
  bool bold = false;
  bool italic = false;
  bool operator==(const FontStyle&) const = default;
};

/// One font file: FreeType for outlines, HarfBuzz for shaping and the MATH table.
/// Glyph outlines are cached; every method is safe to call from several threads.
class Font {
 public:
  explicit Font(std::unique_ptr<detail::FontData> data);
  ~Font();
  Font(const Font&) = delete;
  Font& operator=(const Font&) = delete;

  const std::string& family() const;
  const std::string& path() const;
  /// The glyph for a character, or 0 when the font has none.
  std::uint32_t glyphFor(char32_t codepoint) const;
  /// The glyph at a code of the font's own encoding (a TeX font's character code), or 0.
  std::uint32_t glyphForCode(unsigned code) const;
  /// The outline of a glyph in em units: y up, origin at the pen position on the baseline.
  /// Every contour is a closed subpath.
  Path glyphOutline(std::uint32_t glyph) const;
  /// Ascender, descender (negative) and line gap, in em units.
  double ascender() const;
  double descender() const;
  double lineGap() const;
  /// Forgets every cached outline (for measuring cold starts, or to give memory back).
  void clearCache() const;

 private:
  friend const detail::FontData& detail::fontData(const Font& font);
  std::unique_ptr<detail::FontData> data_;  // FreeType and HarfBuzz handles, the outline cache
};

/// The fonts in assets/fonts, found next to the executable, at the install prefix or in the
/// source tree. Loaded on first use and kept for the life of the process.
class FontLibrary {
 public:
  /// The process-wide library, searching defaultSearchDirs().
  static FontLibrary& instance();
  /// A library that looks only in `searchDirs`, in order.
  explicit FontLibrary(std::vector<std::string> searchDirs);
  /// ATTNPLAY_FONT_DIR if set, then assets/fonts next to the executable, the install prefix's
  /// share/attnplay/fonts (relative to the executable, then as configured), the source tree.
  static std::vector<std::string> defaultSearchDirs();

  /// A face of one of the shipped families ("DejaVu Serif", "DejaVu Sans", "Latin Modern Math").
  Result<const Font*> face(const std::string& family, FontStyle style = {});
  /// Latin Modern Math, for TeX math.
  Result<const Font*> mathFont() { return face("Latin Modern Math"); }
  /// One of the Computer Modern fonts TeX sets Manim's formulas in, by TeX's name: cmr10, cmr7,
  /// cmr5, cmmi10, cmmi7, cmmi5, cmsy10, cmsy7, cmsy5 or cmex10 (Type 1, `<name>.pfb`).
  Result<const Font*> texFont(const std::string& name);
  /// Loads every shipped font now: a process that forks scene runs reads them once, and every
  /// run it forks finds them loaded.
  void loadAll();
  /// The path of a file shipped with the fonts (such as cmex10.tfm), searched as fonts are.
  Result<std::string> findFile(const std::string& name) const;
  /// The families a scene may name.
  static std::vector<std::string> families();
  /// Where fonts are looked for, in order.
  const std::vector<std::string>& searchDirs() const { return searchDirs_; }

 private:
  Result<const Font*> load(const char* family, const char* file);
  std::vector<std::string> searchDirs_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::unique_ptr<Font>> loaded_;
};

}  // namespace attnplay
