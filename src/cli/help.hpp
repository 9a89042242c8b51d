// SPDX-License-Identifier: MIT
#pragma once

namespace attnplay::cli {

/// `attnplay-cli --help`.
extern const char* const kToolHelp;
/// Each command's --help.
extern const char* const kFrameHelp;
extern const char* const kInfoHelp;
extern const char* const kRenderHelp;
extern const char* const kJoinHelp;

}  // namespace attnplay::cli
