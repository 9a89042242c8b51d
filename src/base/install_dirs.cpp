// SPDX-License-Identifier: MIT
#include "attnplay/base/install_dirs.hpp"

#include <filesystem>

namespace attnplay {

std::string executableDir() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

}  // namespace attnplay
