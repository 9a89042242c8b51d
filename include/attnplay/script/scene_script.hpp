// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "attnplay/base/error.hpp"
#include "attnplay/scene/scene_graph.hpp"
#include "attnplay/timeline/timeline.hpp"

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
  /// When set, the script first runs in a child process started from this executable (see
  /// script_sandbox.hpp), and runs here only once it has ended well there: a script that
  /// crashes the JavaScript engine, hangs inside a built-in or eats memory fails cleanly.
  std::string sandboxExecutable;
  /// Most memory the sandboxed run may take (resident), in bytes.
  std::size_t maxMemoryBytes = std::size_t{4} << 30;
  /// Which scene of a file that holds several (a Python file's Scene class, as Manim names
  /// it on its command line); empty when the file holds one.
  std::string sceneName;
};

/// What running a scene script produced.
struct LoadedScene {
  std::string file;
  SceneGraph graph;
  std::vector<ParamDecl> params;
  /// What play() and wait() recorded; evaluate it at any time.
  std::shared_ptr<const Timeline> timeline;
  /// Things worth telling the author that did not stop the scene (a glyph no font has, …).
  std::vector<std::string> warnings;
};

/// Runs a scene file. Errors carry the scene's file, line and column.
Result<LoadedScene> loadSceneFile(const std::string& path, const ScriptOptions& options = {});
/// Runs scene source text; `fileName` is used for messages only.
Result<LoadedScene> loadSceneSource(const std::string& source, const std::string& fileName,
                                    const ScriptOptions& options = {});

/// A scene language besides JavaScript, found by the scene file's extension.
struct SceneLanguage {
  /// Runs scene source; errors carry the file, line and column.
  Result<LoadedScene> (*run)(const std::string& source, const std::string& fileName, const ScriptOptions& options);
  /// The scenes the source defines, in order, found without running it.
  Result<std::vector<std::string>> (*scenes)(const std::string& source, const std::string& fileName);
};
/// Makes loadSceneFile run files ending in `extension` (".py") with `language`.
void registerSceneLanguage(const std::string& extension, SceneLanguage language);
/// The scenes a file defines when it may define several (a Python file's Scene classes, in
/// order); empty for a JavaScript scene, which is one scene.
Result<std::vector<std::string>> scenesInFile(const std::string& path);

/// The sidecar that keeps a scene's edited parameters: scenes/x.js → scenes/x.params.json; for
/// one scene of a file of several, scenes.py and SelfAttentionDemo → scenes.SelfAttentionDemo.params.json.
std::string paramsSidecarPath(const std::string& scenePath, const std::string& sceneName = {});
/// Reads a parameters file: a JSON object of name → value. Values come back as JSON text.
Result<std::map<std::string, std::string>> readParamsFile(const std::string& path);
/// Writes a parameters file whole or not at all.
Status writeParamsFile(const std::string& path, const std::map<std::string, std::string>& values);

/// Splits a `name=value` override as given to `--set`.
Result<std::pair<std::string, std::string>> parseOverride(const std::string& text);

}  // namespace attnplay
