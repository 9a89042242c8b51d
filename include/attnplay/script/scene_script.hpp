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
#include "attnplay/scene_api/run_options.hpp"
#include "attnplay/timeline/timeline.hpp"

namespace attnplay {

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
