// SPDX-License-Identifier: MIT
#include "attnplay/base/error.hpp"

namespace attnplay {

std::string Error::format() const {
  std::string out;
  if (where_ && !where_->file.empty()) {
    out += where_->file;
    if (where_->line > 0) {
      out += ':' + std::to_string(where_->line);
      if (where_->column > 0) out += ':' + std::to_string(where_->column);
    }
    out += ": ";
  }
  out += "error: " + message_;
  if (!hint_.empty()) out += "\nhint: " + hint_;
  return out;
}

}  // namespace attnplay
