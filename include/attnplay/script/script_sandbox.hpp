// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "attnplay/base/error.hpp"
#include "attnplay/script/scene_script.hpp"

namespace attnplay {

/// The argument that makes an attnplay executable serve one sandboxed script run instead of its
/// usual work. Both executables check for it first thing in main().
inline constexpr const char* kScriptSandboxArgument = "--attnplay-script-sandbox";

/// Runs the scene once in a child process started as `executable kScriptSandboxArgument` (one
/// per executable, kept for the next run and started again after it fails), so that
/// whatever the script does to Qt's JavaScript engine (a crash inside a built-in, a built-in that
/// never returns, memory without end) ends the child, not the caller. Succeeds when the script
/// ran to its end within `options`' time, memory and object limits; otherwise returns the error
/// the scene would have given, or the one that tells how the child failed. Scripts are
/// deterministic (Math.random is seeded, Date is fixed), so a run that passed here runs the same
/// in-process.
Status trySceneInSandbox(const std::string& executable, const std::string& source, const std::string& fileName,
                         const ScriptOptions& options);

/// The sandbox process of `executable` now, or -1 when none runs (for tests and diagnostics).
long scriptSandboxProcess(const std::string& executable);

/// The child's side: reads requests from standard input and writes each reply to standard
/// output, until standard input ends. Returns the process's exit code.
int serveScriptSandbox(int argc, char** argv);

}  // namespace attnplay
