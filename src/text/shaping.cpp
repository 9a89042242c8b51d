// SPDX-License-Identifier: MIT
#include "attnplay/text/shaping.hpp"

#include <algorithm>
#include <cmath>

#include "text/font_data.hpp"

namespace attnplay {

namespace {

constexpr double kMissingAdvance = 0.6;  // em; the width of the box drawn for a missing glyph

bool keepsPreviousFont(char32_t c) {
  // Marks, joiners and spaces stay in the run before them so shaping sees them in context.
  const auto category = hb_unicode_general_category(hb_unicode_funcs_get_default(), c);
  return category == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
         category == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
         category == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK || c == 0x200C || c == 0x200D || c == ' ';
}

}  // namespace

std::vector<std::pair<char32_t, std::uint32_t>> decodeUtf8(const std::string& s) {
  std::vector<std::pair<char32_t, std::uint32_t>> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    int length = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    char32_t c = length == 1 ? b : length == 2 ? (b & 0x1F) : length == 3 ? (b & 0x0F) : (b & 0x07);
    bool valid = length > 0 && i + static_cast<std::size_t>(length) <= s.size();
    for (int k = 1; valid && k < length; ++k) {
      const auto cont = static_cast<unsigned char>(s[i + k]);
      if ((cont >> 6) != 2) valid = false;
      c = (c << 6) | (cont & 0x3F);
    }
    if (!valid) {
      c = 0xFFFD;
      length = 1;
    }
    out.emplace_back(c, static_cast<std::uint32_t>(i));
    i += static_cast<std::size_t>(length);
  }
  return out;
}

ShapedText shapeText(const std::string& utf8, const std::vector<const Font*>& fonts, double lineAdvance,
                     double advanceGrid) {
  const auto snap = [advanceGrid](double v) { return advanceGrid > 0 ? std::round(v / advanceGrid) * advanceGrid : v; };
  ShapedText out;
  std::size_t lineStart = 0;
  int lineIndex = 0;
  while (lineStart <= utf8.size()) {
    std::size_t lineEnd = utf8.find('\n', lineStart);
    if (lineEnd == std::string::npos) lineEnd = utf8.size();
    const std::string line = utf8.substr(lineStart, lineEnd - lineStart);
    const double baseline = -lineIndex * lineAdvance;
    double pen = 0;

    // Split the line into runs that one font can draw.
    const auto chars = decodeUtf8(line);
    std::vector<const Font*> chosen(chars.size(), nullptr);
    for (std::size_t i = 0; i < chars.size(); ++i) {
      if (i > 0 && keepsPreviousFont(chars[i].first) && chosen[i - 1]) {
        chosen[i] = chosen[i - 1];
        continue;
      }
      for (const Font* f : fonts) {
        if (f->glyphFor(chars[i].first) != 0) {
          chosen[i] = f;
          break;
        }
      }
    }
    std::size_t i = 0;
    while (i < chars.size()) {
      std::size_t j = i + 1;
      while (j < chars.size() && chosen[j] == chosen[i]) ++j;
      const std::uint32_t from = chars[i].second;
      const std::uint32_t to = j < chars.size() ? chars[j].second : static_cast<std::uint32_t>(line.size());
      if (!chosen[i]) {
        for (std::size_t k = i; k < j; ++k) {
          out.glyphs.push_back({nullptr,
                                0,
                                {pen, baseline},
                                kMissingAdvance,
                                static_cast<std::uint32_t>(lineStart) + chars[k].second,
                                lineIndex});
          pen += kMissingAdvance;
          if (std::find(out.missing.begin(), out.missing.end(), chars[k].first) == out.missing.end()) {
            out.missing.push_back(chars[k].first);
          }
        }
      } else {
        const Font* font = chosen[i];
        hb_buffer_t* buffer = hb_buffer_create();
        hb_buffer_add_utf8(buffer, line.data(), static_cast<int>(line.size()), from, static_cast<int>(to - from));
        hb_buffer_guess_segment_properties(buffer);
        hb_shape(detail::fontData(*font).hbFont, buffer, nullptr, 0);
        unsigned count = 0;
        const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
        const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
        const double upem = detail::fontData(*font).unitsPerEm;
        for (unsigned g = 0; g < count; ++g) {
          const double advance = snap(pos[g].x_advance / upem);
          out.glyphs.push_back({font,
                                info[g].codepoint,
                                {pen + pos[g].x_offset / upem, baseline + pos[g].y_offset / upem},
                                advance,
                                static_cast<std::uint32_t>(lineStart) + info[g].cluster,
                                lineIndex});
          pen += advance;
        }
        hb_buffer_destroy(buffer);
      }
      i = j;
    }
    out.lineWidths.push_back(pen);
    if (lineEnd == utf8.size()) break;
    lineStart = lineEnd + 1;
    ++lineIndex;
  }
  return out;
}

}  // namespace attnplay
