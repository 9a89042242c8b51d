// SPDX-License-Identifier: MIT
// The embedded interpreter's runs, for python_scenes.cpp and python_worker.cpp. Private to the
// python module.
#pragma once

#include <string>

#include "attnplay/base/error.hpp"
#include "attnplay/script/scene_script.hpp"

namespace attnplay::python::detail {

/// Starts CPython on this thread, with attnplay's manim package on its path.
Status startInterpreter();
/// One run on this thread, which holds the GIL; counts as a run in this process.
Result<LoadedScene> runOnPythonThread(const std::string& source, const std::string& fileName,
                                      const ScriptOptions& options);
/// How attnplay's worker runs Python scenes: warm once, one fork per run (python_worker.cpp).
SceneLanguage::Forked forkedRuns();

}  // namespace attnplay::python::detail
