// SPDX-License-Identifier: MIT
#pragma once

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "attnplay/geometry/path.hpp"
#include "attnplay/text/font.hpp"

namespace attnplay::detail {

/// The FreeType and HarfBuzz handles behind a Font. FreeType faces are not thread-safe, so
/// Font serialises access to `face`; HarfBuzz fonts may be shared across threads once made.
struct FontData {
  std::string family;
  std::string path;
  std::string bytes;  ///< the font file, which the FreeType face and the HarfBuzz blob read from
  FT_Library library = nullptr;
  FT_Face face = nullptr;
  hb_blob_t* blob = nullptr;
  hb_face_t* hbFace = nullptr;
  hb_font_t* hbFont = nullptr;  ///< scaled to font units (upem × upem)
  double unitsPerEm = 1000;
  std::mutex outlineMutex;  ///< guards `face` and `outlines`
  std::unordered_map<std::uint32_t, Path> outlines;

  FontData() = default;
  FontData(const FontData&) = delete;
  FontData& operator=(const FontData&) = delete;
  ~FontData();
};

}  // namespace attnplay::detail
