// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "attnplay/base/error.hpp"
#include "attnplay/script/scene_script.hpp"

namespace attnplay {

/// The argument that makes an attnplay executable serve one sandboxed script run instead of its
/// usual work. Both executables check for it first thing in main().
inline constexpr const char* kScriptSandboxArgument = "--attnplay-script-sandbox";

/// Runs the scene once in a child process started as `executable kScriptSandboxArgument`, so that
/// whatever the script does to Qt's JavaScript engine (a crash inside a built-in, a built-in that
/// never returns, memory without end) ends the child, not the caller. Succeeds when the script
/// ran to its end within `options`' time, memory and object limits; otherwise returns the error
/// the scene would have given, or the one that tells how the child failed. Scripts are
/// deterministic (Math.random is seeded, Date is fixed), so a run that passed here runs the same
/// in-process.
Status trySceneInSandbox(const std::string& executable, const std::string& source, const std::string& fileName,
                         const ScriptOptions& options);

/// The child's side: reads the request from standard input, runs it, writes the reply to
/// standard output. Returns the process's exit code.
int serveScriptSandbox(int argc, char** argv);

}  // namespace attnplay
