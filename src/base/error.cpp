// SPDX-License-Identifier: MIT
#include "attnplay/base/error.hpp"

#include <cstdio>

namespace attnplay {

namespace {

/// Text from a scene or a file name goes to a terminal: control characters (an escape sequence
/// could rewrite the screen or the title) are shown as \xNN. Line breaks and tabs stay.
std::string escapeControls(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool c0 = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f;
    // C1 controls (U+0080–U+009F), as UTF-8: 0xC2 then 0x80–0x9F.
    const bool c1 = c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(text[i + 1]) <= 0x9f;
    if (!c0 && !c1) {
      out += text[i];
      continue;
    }
    const unsigned code = c1 ? static_cast<unsigned char>(text[++i]) : c;
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02x", code);
    out += buf;
  }
  return out;
}

}  // namespace

std::string Error::format() const {
  std::string out;
  if (where_ && !where_->file.empty()) {
    out += escapeControls(where_->file);
    if (where_->line > 0) {
      out += ':' + std::to_string(where_->line);
      if (where_->column > 0) out += ':' + std::to_string(where_->column);
    }
    out += ": ";
  }
  out += "error: " + escapeControls(message_);
  if (!hint_.empty()) out += "\nhint: " + escapeControls(hint_);
  return out;
}

}  // namespace attnplay
