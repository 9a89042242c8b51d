// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "attnplay/base/error.hpp"
#include "attnplay/script/scene_script.hpp"

namespace attnplay {

/// The argument that makes an attnplay executable serve one sandboxed script run instead of its
/// usual work. Both executables check for it first thing in main().
inline constexpr const char* kScriptSandboxArgument = "--attnplay-script-sandbox";

/// Runs the scene once in the worker, a child process started as `executable
/// kScriptSandboxArgument` (one per executable, kept warm for the next run and started again
/// after it fails), and sends back what the run made — the timeline (as timeline_codec.hpp's
/// bytes), the parameters, the warnings — so scene code never runs in the caller; the scene
/// graph stays in the worker. JavaScript runs in the worker itself, so that whatever a script
/// does to Qt's engine (a crash inside a built-in, a built-in that never returns, memory without
/// end) ends the worker, not the caller. A language with SceneLanguage::forked hooks (Python)
/// runs in a child the worker forks from its warm interpreter for each run, and the worker stops
/// that child at the time and memory limits. Otherwise returns the error the scene gave, or the
/// one that tells how the run failed.
Result<LoadedScene> runSceneInSandbox(const std::string& executable, const std::string& language,
                                      const std::string& source, const std::string& fileName,
                                      const ScriptOptions& options);

/// Starts `executable`'s worker and, for a language that forks its runs, its interpreter, so
/// the first run of `path` waits less. Returns at once.
void warmSceneWorker(const std::string& executable, const std::string& path);

/// The sandbox process of `executable` now, or -1 when none runs (for tests and diagnostics).
long scriptSandboxProcess(const std::string& executable);

/// The worker's side: reads requests from fd 3 and writes each reply there, until the parent
/// closes its end; its standard output is the parent's standard error. Ends the process.
int serveScriptSandbox(int argc, char** argv);

}  // namespace attnplay
