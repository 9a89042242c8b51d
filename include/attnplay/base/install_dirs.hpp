// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace attnplay {

/// The folder of the running program (from /proc/self/exe), empty when it cannot be read: where
/// the fonts, the Python package and the video module are looked for first, so a build tree
/// and a moved install find their own.
std::string executableDir();

}  // namespace attnplay
