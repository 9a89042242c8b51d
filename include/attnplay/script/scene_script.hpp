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

/// How many scene scripts ran in this process (not in a sandbox child): the player and the CLI
/// run none here.
std::uint64_t sceneRunsInThisProcess();
/// Each language's runner counts a run it makes in this process.
void noteSceneRunInThisProcess();

/// Runs a scene file. Errors carry the scene's file, line and column.
Result<LoadedScene> loadSceneFile(const std::string& path, const ScriptOptions& options = {});
/// Runs scene source text; `fileName` is used for messages only.
Result<LoadedScene> loadSceneSource(const std::string& source, const std::string& fileName,
                                    const ScriptOptions& options = {});

/// A scene language: how its files are known, listed and run. The loader, the CLI and the
/// player ask the registry of them instead of looking at file names themselves.
struct SceneLanguage {
  std::string name;                     ///< "JavaScript", "Manim Python"
  std::vector<std::string> extensions;  ///< lower case, with the dot: ".js"
  /// Runs scene source; errors carry the file, line and column. Null when this build lacks the
  /// language (then `unavailable` says why and what to do).
  Result<LoadedScene> (*run)(const std::string& source, const std::string& fileName,
                             const ScriptOptions& options) = nullptr;
  /// The scenes a file defines, in order, found without running it; null when a file is one scene.
  Result<std::vector<std::string>> (*scenes)(const std::string& source, const std::string& fileName) = nullptr;
  /// Starts, off the caller's thread, what a first run needs (an interpreter); null for nothing.
  void (*prepare)() = nullptr;
  /// Waits for what `prepare` started to reach a safe point, so the process may end; null for nothing.
  void (*settle)() = nullptr;
  /// How the worker process (script_sandbox.hpp) runs this language: warm once, then one fork
  /// per run, so every run starts from the same interpreter state and dies with whatever it
  /// changed. Null members for a language that runs in the worker itself (JavaScript, whose
  /// engine is made fresh for every run).
  struct Forked {
    /// On the worker's main thread, before its first fork: start the interpreter and import
    /// what every run imports. Runs no scene code.
    Status (*warm)() = nullptr;
    /// Before each fork: read and compile the scene without running any of it, so the next
    /// runs of the same source find it compiled. Null for nothing.
    void (*prepare)(const std::string& source, const std::string& fileName, const ScriptOptions& options) = nullptr;
    /// Around fork(), on the thread that warmed (the interpreter's own bookkeeping).
    void (*beforeFork)() = nullptr;
    void (*afterForkParent)() = nullptr;
    void (*afterForkChild)() = nullptr;
    /// In a forked child, before it is handed its run: what makes the run itself faster (the
    /// language plays a scene of its own, so the first writes to the memory it shares with the
    /// worker are paid now). Must leave nothing a run can see. Null for nothing.
    void (*rehearse)() = nullptr;
    /// In the forked child: runs the scene on this thread. `traceFd` is where the language
    /// writes the scene's stack when the run crashes, stops itself or receives SIGUSR1 (the
    /// worker's warning before it kills the run).
    Result<LoadedScene> (*run)(const std::string& source, const std::string& fileName, const ScriptOptions& options,
                               int traceFd) = nullptr;
    /// Where in `fileName` the scene was, from what the child wrote to `traceFd`.
    std::optional<SourceLocation> (*lastLine)(const std::string& trace, const std::string& fileName) = nullptr;
    /// How long past the time limit the child stops itself (writing its stack first) before
    /// the worker kills it.
    std::chrono::milliseconds grace{400};
  };
  Forked forked;
  /// A file may define several scenes, one picked by name (as Manim takes a Scene class).
  bool manyScenes = false;
  Error unavailable{ErrorCode::InvalidArgument, ""};
};
/// Adds a language, or replaces the one of the same name (a build's Python over the stand-in
/// that says the build lacks it).
void registerSceneLanguage(SceneLanguage language);
/// Every language, JavaScript first.
const std::vector<SceneLanguage>& sceneLanguages();
/// The language of a file by its extension; null when it is no scene file.
const SceneLanguage* sceneLanguageOf(const std::string& path);
/// Starts what running `path`'s language needs, so its first run waits less; nothing for others.
void prepareSceneLanguage(const std::string& path);
/// Before the process ends: waits for every language's `prepare` to reach a safe point (an
/// interpreter still starting would read what the process's exit tears down).
void settleSceneLanguages();
/// Calls settleSceneLanguages() when it goes out of scope: the first thing a main() declares.
struct SceneLanguagesSettler {
  SceneLanguagesSettler() = default;
  SceneLanguagesSettler(const SceneLanguagesSettler&) = delete;
  SceneLanguagesSettler& operator=(const SceneLanguagesSettler&) = delete;
  ~SceneLanguagesSettler() { settleSceneLanguages(); }
};
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
