// SPDX-License-Identifier: MIT
#pragma once

// What attnplay-cli's commands share: their usage errors, the options every scene-reading
// command takes, loading the scene, and how an error becomes an exit code.

#include <atomic>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "attnplay/base/error.hpp"
#include "attnplay/script/scene_script.hpp"
#include "cli/cli.hpp"

namespace attnplay::cli {

/// A usage error (exit 1), told with the command's --help.
struct Usage {
  std::string message;
};

/// An input named on the command line that cannot be used (a broken --params file): exit 2.
struct BadInput {
  Error error;
};

/// What a command reads besides its scene: the options for running it, and every file named.
struct SceneInputs {
  ScriptOptions options;
  std::vector<std::string> files;  ///< --params files; outputs must never overwrite them
};

/// Set by SIGINT and SIGTERM; scripts, frames and exports all watch it.
extern std::atomic<bool> gInterrupted;

bool parseNumber(const std::string& text, double& value);
/// WIDTHxHEIGHT.
bool parseSize(const std::string& text, int& width, int& height);
/// Prints the error and gives its exit code.
int report(const Error& error, std::ostream& err);
/// Prints a usage error with where to read more; exit 1.
int usage(const std::string& message, const std::string& command, std::ostream& err);
/// The argument after option `name`, which must have one.
std::string takeValue(const std::vector<std::string>& args, std::size_t& i, const std::string& name);
/// An argument no option took: the scene, once, and after a Python file the name of its Scene
/// class (as Manim takes it); anything starting with '-' is unknown.
void sceneArgument(const std::string& a, std::string& scenePath, std::string& sceneName, const std::string& command);
/// Runs the scene, printing its warnings; on failure reports the error and gives its exit code.
std::optional<int> loadScene(const std::string& scenePath, const ScriptOptions& options, std::ostream& err,
                             std::optional<LoadedScene>& scene);
/// Options every scene-reading command takes; true when `args[i]` was one of them.
bool sceneOption(const std::vector<std::string>& args, std::size_t& i, SceneInputs& in);
/// `v` with `decimals` digits after the point.
std::string number(double v, int decimals);

// The commands, each in a file of its own.
int runFrame(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runInfo(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runRender(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runJoin(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace attnplay::cli
