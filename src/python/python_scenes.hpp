// SPDX-License-Identifier: MIT
#pragma once

namespace attnplay::python {

/// Lets loadSceneFile run Manim-style Python scenes (`.py`) in an embedded CPython, through
/// attnplay's `manim` package, and sceneClassesInFile list their Scene classes. Call once at
/// start-up, before any scene loads.
void installPythonScenes();

}  // namespace attnplay::python
