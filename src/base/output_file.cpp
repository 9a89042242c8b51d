// SPDX-License-Identifier: MIT
#include "attnplay/base/output_file.hpp"

#include <filesystem>

namespace attnplay {

namespace fs = std::filesystem;

namespace {

std::string kindOf(fs::file_type type) {
  switch (type) {
    case fs::file_type::directory:
      return "a folder";
    case fs::file_type::fifo:
      return "a FIFO (named pipe)";
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::socket:
      return "a socket";
    default:
      return "not an ordinary file";
  }
}

}  // namespace

Status checkOutputTarget(const std::string& path, const std::vector<std::string>& inputs) {
  std::error_code ec;
  const fs::file_status own = fs::symlink_status(path, ec);
  if (ec || !fs::exists(own)) return {};  // a new file
  const fs::file_status target = fs::status(path, ec);
  if (fs::exists(target) && !fs::is_regular_file(target)) {
    const bool link = fs::is_symlink(own);
    return Error(ErrorCode::IoError,
                 "cannot write '" + path + "': it is " + (link ? "a link to " : "") + kindOf(target.type()),
                 "write to an ordinary file name instead");
  }
  for (const std::string& input : inputs) {
    if (!input.empty() && fs::equivalent(path, input, ec)) {
      return Error(ErrorCode::IoError, "cannot write '" + path + "': it is '" + input + "', an input of this run",
                   "choose another output name; attnplay never overwrites what it reads");
    }
  }
  return {};
}

}  // namespace attnplay
