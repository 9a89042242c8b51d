// SPDX-License-Identifier: MIT
#include "math/tex_fonts.hpp"

#include "attnplay/base/input_file.hpp"

namespace attnplay::math {

namespace {

Result<TfmFont> loadTfm(const std::string& name) {
  auto path = FontLibrary::instance().findFile(name);
  if (!path) return path.error();
  auto bytes = readInputFile(*path, 64 * 1024, "font metrics");
  if (!bytes) return bytes.error();
  return parseTfm(*bytes, *path);
}

}  // namespace

Result<const TexFonts*> texFonts() {
  static const Result<TexFonts> loaded = []() -> Result<TexFonts> {
    TexFonts fonts;
    const char* names[4][3] = {{"cmr10", "cmr7", "cmr5"},
                               {"cmmi10", "cmmi7", "cmmi5"},
                               {"cmsy10", "cmsy7", "cmsy5"},
                               {"msbm10", "msbm7", "msbm5"}};
    for (std::size_t f = 0; f < 4; ++f) {
      for (std::size_t size = 0; size < 3; ++size) {
        auto face = FontLibrary::instance().texFont(names[f][size]);
        if (!face) return face.error();
        fonts.faces[f][size] = *face;
        auto tfm = loadTfm(std::string(names[f][size]) + ".tfm");
        if (!tfm) return tfm.error();
        fonts.metrics[f][size] = std::move(*tfm);
      }
    }
    auto extension = FontLibrary::instance().texFont("cmex10");
    if (!extension) return extension.error();
    fonts.extension = *extension;
    auto ex = loadTfm("cmex10.tfm");
    if (!ex) return ex.error();
    fonts.ex = std::move(*ex);
    return fonts;
  }();
  if (!loaded) return loaded.error();
  return &*loaded;
}

std::optional<TexGlyph> texMathGlyph(char32_t cp) {
  using F = TexFonts::Family;
  if (cp >= U'0' && cp <= U'9') return TexGlyph{F::Roman, static_cast<int>(cp)};
  if (cp >= 0x1D434 && cp <= 0x1D44D) return TexGlyph{F::Italic, static_cast<int>(U'A' + (cp - 0x1D434))};
  if (cp >= 0x1D44E && cp <= 0x1D467) return TexGlyph{F::Italic, static_cast<int>(U'a' + (cp - 0x1D44E))};
  if (cp == 0x210E) return TexGlyph{F::Italic, U'h'};  // Planck's h is math italic h
  // amssymb's \mathbb: msbm's capitals, where Unicode keeps ℂ ℍ ℕ ℙ ℚ ℝ ℤ apart.
  if (cp >= 0x1D538 && cp <= 0x1D551) return TexGlyph{F::Blackboard, static_cast<int>(U'A' + (cp - 0x1D538))};
  static constexpr std::pair<char32_t, char> kBlackboard[] = {
      {0x2102, 'C'}, {0x210D, 'H'}, {0x2115, 'N'}, {0x2119, 'P'}, {0x211A, 'Q'}, {0x211D, 'R'}, {0x2124, 'Z'}};
  for (const auto& [c, letter] : kBlackboard)
    if (c == cp) return TexGlyph{F::Blackboard, letter};
  // cmmi10's Greek, 0x0B alpha to 0x27 varphi.
  static constexpr std::pair<char32_t, int> kItalic[] = {
      {0x1D6FC, 0x0B}, {0x1D6FD, 0x0C}, {0x1D6FE, 0x0D}, {0x1D6FF, 0x0E}, {0x1D716, 0x0F}, {0x1D701, 0x10},
      {0x1D702, 0x11}, {0x1D703, 0x12}, {0x1D704, 0x13}, {0x1D705, 0x14}, {0x1D706, 0x15}, {0x1D707, 0x16},
      {0x1D708, 0x17}, {0x1D709, 0x18}, {0x1D70B, 0x19}, {0x1D70C, 0x1A}, {0x1D70E, 0x1B}, {0x1D70F, 0x1C},
      {0x1D710, 0x1D}, {0x1D719, 0x1E}, {0x1D712, 0x1F}, {0x1D713, 0x20}, {0x1D714, 0x21}, {0x1D700, 0x22},
      {0x1D717, 0x23}, {0x1D715, 0x40}, {U'.', 0x3A},    {U',', 0x3B},    {U'<', 0x3C},    {U'/', 0x3D},
      {U'>', 0x3E},    {0x22C6, 0x3F},  {0x2113, 0x60}};
  static constexpr std::pair<char32_t, int> kRoman[] = {
      {0x0393, 0x00}, {0x0394, 0x01}, {0x0398, 0x02}, {0x039B, 0x03}, {0x039E, 0x04}, {0x03A0, 0x05}, {0x03A3, 0x06},
      {0x03A5, 0x07}, {0x03A6, 0x08}, {0x03A8, 0x09}, {0x03A9, 0x0A}, {U'+', 0x2B},   {U'=', 0x3D},   {U'(', 0x28},
      {U')', 0x29},   {U'[', 0x5B},   {U']', 0x5D},   {U':', 0x3A},   {U';', 0x3B},   {U'!', 0x21},   {U'?', 0x3F}};
  static constexpr std::pair<char32_t, int> kSymbols[] = {
      {0x2212, 0x00}, {0x22C5, 0x01}, {0x00D7, 0x02}, {0x2217, 0x03}, {0x00F7, 0x04}, {0x00B1, 0x06}, {0x2213, 0x07},
      {0x2295, 0x08}, {0x2297, 0x0A}, {0x2299, 0x0C}, {0x2218, 0x0E}, {0x2261, 0x11}, {0x2286, 0x12}, {0x2287, 0x13},
      {0x2264, 0x14}, {0x2265, 0x15}, {0x223C, 0x18}, {0x2248, 0x19}, {0x2282, 0x1A}, {0x2283, 0x1B}, {0x226A, 0x1C},
      {0x226B, 0x1D}, {0x2190, 0x20}, {0x2192, 0x21}, {0x2194, 0x24}, {0x21D2, 0x29}, {0x221D, 0x2F}, {0x2032, 0x30},
      {0x221E, 0x31}, {0x2208, 0x32}, {0x2200, 0x38}, {0x2203, 0x39}, {0x2205, 0x3B}, {0x22A4, 0x3E}, {0x22A5, 0x3F},
      {0x222A, 0x5B}, {0x2229, 0x5C}, {0x2207, 0x72}, {U'|', 0x6A},   {0x2016, 0x6B}, {U'{', 0x66},   {U'}', 0x67},
      {0x230A, 0x62}, {0x230B, 0x63}, {0x2308, 0x64}, {0x2309, 0x65}, {0x27E8, 0x68}, {0x27E9, 0x69}, {0x2216, 0x6E},
      {U'\\', 0x6E}};
  for (const auto& [c, code] : kItalic)
    if (c == cp) return TexGlyph{F::Italic, code};
  for (const auto& [c, code] : kRoman)
    if (c == cp) return TexGlyph{F::Roman, code};
  for (const auto& [c, code] : kSymbols)
    if (c == cp) return TexGlyph{F::Symbols, code};
  return std::nullopt;
}

int cmexDisplayOperator(char32_t c) {
  switch (c) {
    case 0x222E:
      return 0x49;  // ∮
    case 0x2A00:
      return 0x4B;  // ⨀
    case 0x2A01:
      return 0x4D;  // ⨁
    case 0x2A02:
      return 0x4F;  // ⨂
    case 0x2211:
      return 0x58;  // ∑
    case 0x220F:
      return 0x59;  // ∏
    case 0x222B:
      return 0x5A;  // ∫
    case 0x22C3:
      return 0x5B;  // ⋃
    case 0x22C2:
      return 0x5C;  // ⋂
    case 0x2A04:
      return 0x5D;  // ⨄
    case 0x22C0:
      return 0x5E;  // ⋀
    case 0x22C1:
      return 0x5F;  // ⋁
    case 0x2210:
      return 0x61;  // ∐
    default:
      return -1;
  }
}

int texLargeDelimiter(char32_t cp) {
  switch (cp) {
    case U'(':
      return 0x00;
    case U')':
      return 0x01;
    case U'[':
      return 0x02;
    case U']':
      return 0x03;
    case U'\u230A':
      return 0x04;  // ⌊
    case U'\u230B':
      return 0x05;
    case U'\u2308':
      return 0x06;  // ⌈
    case U'\u2309':
      return 0x07;
    case U'{':
      return 0x08;
    case U'}':
      return 0x09;
    case U'\u27E8':
      return 0x0A;  // ⟨
    case U'\u27E9':
      return 0x0B;
    case U'|':
    case U'\u2223':
      return 0x0C;
    case U'\u2016':
    case U'\u2225':
      return 0x0D;  // ‖
    case U'/':
      return 0x0E;
    case U'\\':
    case U'\u2216':
      return 0x0F;
    default:
      return -1;
  }
}

}  // namespace attnplay::math
