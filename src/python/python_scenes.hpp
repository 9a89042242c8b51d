// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "attnplay/base/error.hpp"

namespace attnplay::python {

/// Lets loadSceneFile run Manim-style Python scenes (`.py`) in an embedded CPython, through
/// attnplay's `manim` package, and sceneClassesInFile list their Scene classes. Call once at
/// start-up, before any scene loads.
void installPythonScenes();

/// The public names of ManimCE 0.17.3 that attnplay's manim package stands in for without
/// implementing them, in Manim's order.
Result<std::vector<std::string>> manimNamesMissing();

}  // namespace attnplay::python
