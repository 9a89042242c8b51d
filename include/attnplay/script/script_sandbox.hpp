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
/// never returns, memory without end) ends the child, not the caller. The child sends back what
/// the run made — the timeline (as timeline_codec.hpp's bytes), the parameters, the warnings —
/// so the scene runs once, there, and never in the caller; the scene graph stays in the child.
/// Otherwise returns the error the scene gave, or the one that tells how the child failed.
Result<LoadedScene> runSceneInSandbox(const std::string& executable, const std::string& source,
                                      const std::string& fileName, const ScriptOptions& options);

/// The sandbox process of `executable` now, or -1 when none runs (for tests and diagnostics).
long scriptSandboxProcess(const std::string& executable);

/// The child's side: reads requests from fd 3 and writes each reply there, until the parent
/// closes its end; its standard output is the parent's standard error. Returns its exit code.
int serveScriptSandbox(int argc, char** argv);

}  // namespace attnplay
