// SPDX-License-Identifier: MIT
#include "math/tfm.hpp"

#include <cstdint>

namespace attnplay::math {

namespace {

struct Reader {
  std::string_view bytes;
  std::uint8_t byte(std::size_t at) const { return static_cast<std::uint8_t>(bytes[at]); }
  unsigned half(std::size_t at) const { return (unsigned{byte(at)} << 8) | byte(at + 1); }
  /// A fix_word: a signed 32-bit number with 20 bits after the point.
  double fix(std::size_t at) const {
    const std::uint32_t u = (std::uint32_t{byte(at)} << 24) | (std::uint32_t{byte(at + 1)} << 16) |
                            (std::uint32_t{byte(at + 2)} << 8) | byte(at + 3);
    return static_cast<std::int32_t>(u) / 1048576.0;
  }
};

}  // namespace

Result<TfmFont> parseTfm(std::string_view bytes, const std::string& path) {
  auto bad = [&](const std::string& what) {
    return Error(ErrorCode::InvalidArgument, "'" + path + "' is not a usable TeX font metric file: " + what,
                 "reinstall attnplay's assets/fonts");
  };
  const Reader r{bytes};
  if (bytes.size() < 24) return bad("shorter than its header");
  const unsigned lf = r.half(0), lh = r.half(2), bc = r.half(4), ec = r.half(6), nw = r.half(8), nh = r.half(10),
                 nd = r.half(12), ni = r.half(14), nl = r.half(16), nk = r.half(18), ne = r.half(20), np = r.half(22);
  if (bc > ec + 1 || ec > 255) return bad("character range " + std::to_string(bc) + "-" + std::to_string(ec));
  const unsigned nc = ec + 1 - bc;
  if (lf != 6 + lh + nc + nw + nh + nd + ni + nl + nk + ne + np || std::size_t{lf} * 4 != bytes.size() || lh < 2) {
    return bad("its lengths do not add up to its size");
  }
  const std::size_t header = 24, charInfo = header + 4 * std::size_t{lh}, width = charInfo + 4 * std::size_t{nc},
                    height = width + 4 * std::size_t{nw}, depth = height + 4 * std::size_t{nh},
                    italic = depth + 4 * std::size_t{nd}, ligKern = italic + 4 * std::size_t{ni},
                    kern = ligKern + 4 * std::size_t{nl}, exten = kern + 4 * std::size_t{nk},
                    param = exten + 4 * std::size_t{ne};
  TfmFont font;
  font.designSize = r.fix(header + 4);
  if (!(font.designSize >= 1)) return bad("design size below 1 pt");
  for (unsigned code = bc; code <= ec && nc > 0; ++code) {
    const std::size_t at = charInfo + 4 * std::size_t{code - bc};
    const unsigned wi = r.byte(at), hi = r.byte(at + 1) >> 4, di = r.byte(at + 1) & 15, ii = r.byte(at + 2) >> 2;
    if (wi == 0) continue;  // no such character
    if (wi >= nw || hi >= nh || di >= nd || ii >= ni) return bad("character " + std::to_string(code) + "'s indices");
    TfmFont::Char& c = font.chars[code];
    c.exists = true;
    c.width = r.fix(width + 4 * std::size_t{wi});
    c.height = r.fix(height + 4 * std::size_t{hi});
    c.depth = r.fix(depth + 4 * std::size_t{di});
    c.italic = r.fix(italic + 4 * std::size_t{ii});
    c.tag = static_cast<TfmFont::Tag>(r.byte(at + 2) & 3);
    c.remainder = r.byte(at + 3);
    if ((c.tag == TfmFont::Tag::List && (c.remainder < int(bc) || c.remainder > int(ec))) ||
        (c.tag == TfmFont::Tag::Extensible && c.remainder >= int(ne))) {
      return bad("character " + std::to_string(code) + "'s successor or recipe");
    }
  }
  auto piece = [&](unsigned b, bool optional) { return optional && b == 0 ? -1 : static_cast<int>(b); };
  for (unsigned k = 0; k < ne; ++k) {
    const std::size_t at = exten + 4 * std::size_t{k};
    TfmFont::Recipe recipe{piece(r.byte(at), true), piece(r.byte(at + 1), true), piece(r.byte(at + 2), true),
                           piece(r.byte(at + 3), false)};
    for (int code : {recipe.top, recipe.mid, recipe.bot, recipe.rep}) {
      if (code >= 0 && !font.chars[static_cast<std::size_t>(code)].exists) {
        return bad("extensible recipe " + std::to_string(k) + " names a missing character");
      }
    }
    font.recipes.push_back(recipe);
  }
  // A list that loops would send TeX's variant search round for ever.
  for (unsigned code = bc; code <= ec && nc > 0; ++code) {
    unsigned steps = 0;
    for (int c = static_cast<int>(code); font.chars[static_cast<std::size_t>(c)].tag == TfmFont::Tag::List;
         c = font.chars[static_cast<std::size_t>(c)].remainder) {
      if (++steps > 256) return bad("character " + std::to_string(code) + "'s chain of larger variants loops");
    }
  }
  for (unsigned k = 0; k < nl; ++k) {
    const std::size_t at = ligKern + 4 * std::size_t{k};
    font.ligKern.push_back({r.byte(at), r.byte(at + 1), r.byte(at + 2), r.byte(at + 3)});
  }
  for (unsigned k = 0; k < nk; ++k) font.kerns.push_back(r.fix(kern + 4 * std::size_t{k}));
  for (unsigned k = 0; k < np; ++k) font.params.push_back(r.fix(param + 4 * std::size_t{k}));
  return font;
}

double TfmFont::kern(int left, int right) const {
  if (left < 0 || left > 255 || !chars[static_cast<std::size_t>(left)].exists) return 0;
  const Char& c = chars[static_cast<std::size_t>(left)];
  if (c.tag != Tag::LigKern) return 0;
  std::size_t i = static_cast<std::size_t>(c.remainder);
  if (i >= ligKern.size()) return 0;
  // A first step with skip > 128 points elsewhere (tex.web §545).
  if (ligKern[i].skip > 128) i = static_cast<std::size_t>(256 * ligKern[i].op + ligKern[i].remainder);
  for (std::size_t steps = 0; i < ligKern.size() && steps < ligKern.size(); ++steps) {
    const LigKernStep& step = ligKern[i];
    if (step.next == right && step.skip <= 128) {
      if (step.op < 128) return 0;  // a ligature, not a kern
      const std::size_t k = static_cast<std::size_t>(256 * (step.op - 128) + step.remainder);
      return k < kerns.size() ? kerns[k] : 0;
    }
    if (step.skip >= 128) break;
    i += static_cast<std::size_t>(step.skip) + 1;
  }
  return 0;
}

}  // namespace attnplay::math
