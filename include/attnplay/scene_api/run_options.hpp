// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "attnplay/frame/color.hpp"

namespace attnplay {

/// A parameter a scene declared with param(name, default, options).
struct ParamDecl {
  std::string name;
  std::string kind;         ///< number, integer, boolean, text, tokens, weights, matrix, list
  std::string defaultJson;  ///< the default, as JSON
  std::string valueJson;    ///< the value the scene ran with, as JSON
  std::string label;        ///< for editors; the name when the scene gave none
  std::optional<double> min, max;
  /// For editors of weights: the colours the scene maps 0 and 1 to, and how values scale first.
  std::optional<std::pair<Color, Color>> colors;
  double colorScale = 1;
  /// When the scene lists the values it accepts (`choices`), each as JSON.
  std::vector<std::string> choices;
};

/// How to run a scene script.
struct ScriptOptions {
  /// Parameter values by name, each a JSON literal (`3`, `"cat"`, `[0.1, 0.9]`).
  std::map<std::string, std::string> overrides;
  /// Where an override came from when not from --set, for messages: "parameters file 'p.json'".
  std::map<std::string, std::string> overrideSources;
  /// Wall-clock limit for the whole script; a watchdog interrupts it.
  std::chrono::milliseconds timeLimit{5000};
  /// Most mobjects a scene may create.
  std::size_t maxObjects = 100000;
  /// Frames per second the timeline reports (Manim's -qh default).
  double fps = 60;
  /// The folder loadWeights() reads from (set by loadSceneFile to the scene's own folder).
  std::string sceneDir;
  /// When it becomes true the script is stopped (Ctrl+C), and the run fails as cancelled.
  const std::atomic<bool>* cancel = nullptr;
  /// Drop overrides for parameters the scene does not declare instead of failing (for sidecars
  /// written by an earlier version of the scene).
  bool ignoreUnknownOverrides = false;
  /// When set, the script runs in a child process started from this executable (see
  /// script_sandbox.hpp), which sends back its timeline: a script that crashes the JavaScript
  /// engine, hangs inside a built-in or eats memory fails cleanly, and none runs here.
  std::string sandboxExecutable;
  /// Most memory the sandboxed run may take (resident), in bytes.
  std::size_t maxMemoryBytes = std::size_t{4} << 30;
  /// Which scene of a file that holds several (a Python file's Scene class, as Manim names
  /// it on its command line); empty when the file holds one.
  std::string sceneName;
};

}  // namespace attnplay
