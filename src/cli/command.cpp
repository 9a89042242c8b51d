// SPDX-License-Identifier: MIT
#include "cli/command.hpp"

#include "attnplay/script/script_sandbox.hpp"

#include <QCoreApplication>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace attnplay::cli {

bool parseNumber(const std::string& text, double& value) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end && std::isfinite(value);
}

bool parseSize(const std::string& text, int& width, int& height) {
  const auto x = text.find('x');
  if (x == std::string::npos) return false;
  const std::string w = text.substr(0, x), h = text.substr(x + 1);
  const auto okInt = [](const std::string& s, int& v) {
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && ptr == s.data() + s.size();
  };
  return okInt(w, width) && okInt(h, height);
}

std::atomic<bool> gInterrupted{false};

int report(const Error& error, std::ostream& err) {
  err << error.format() << '\n';
  switch (error.code()) {
    case ErrorCode::Cancelled:
      return kInterrupted;
    case ErrorCode::IoError:
      return kCannotWrite;
    case ErrorCode::Internal:
      return kCannotWrite;
    default:
      return kBadInput;
  }
}

int usage(const std::string& message, const std::string& command, std::ostream& err) {
  err << "attnplay-cli: error: " << message << '\n'
      << "hint: see `attnplay-cli " << (command.empty() ? "" : command + " ") << "--help`\n";
  return kUsage;
}

/// The argument after option `name`, which must have one.
std::string takeValue(const std::vector<std::string>& args, std::size_t& i, const std::string& name) {
  if (i + 1 >= args.size()) throw Usage{name + " needs a value"};
  return args[++i];
}

/// An argument no option took: the scene, once, and after a Python file the name of its Scene
/// class (as Manim takes it); anything starting with '-' is unknown.
void sceneArgument(const std::string& a, std::string& scenePath, std::string& sceneName, const std::string& command) {
  if (!a.empty() && a[0] == '-') throw Usage{command + ": unknown option '" + a + "'"};
  const SceneLanguage* language = scenePath.empty() ? nullptr : sceneLanguageOf(scenePath);
  if (language && language->manyScenes && sceneName.empty()) {
    sceneName = a;
    return;
  }
  if (!scenePath.empty()) {
    throw Usage{command + ": only one scene at a time (got '" + scenePath + "' and '" + a + "')"};
  }
  scenePath = a;
  // The worker and its interpreter start while the rest is read.
  warmSceneWorker(QCoreApplication::applicationFilePath().toStdString(), scenePath);
}

/// Runs the scene, printing its warnings; on failure reports the error and gives its exit code.
std::optional<int> loadScene(const std::string& scenePath, const ScriptOptions& options, std::ostream& err,
                             std::optional<LoadedScene>& scene) {
  ScriptOptions stoppable = options;
  stoppable.cancel = &gInterrupted;
  // Scripts run in a child of this executable first: one that crashes the engine fails cleanly.
  stoppable.sandboxExecutable = QCoreApplication::applicationFilePath().toStdString();
  auto loaded = loadSceneFile(scenePath, stoppable);
  if (!loaded) return report(loaded.error(), err);
  for (const std::string& w : loaded->warnings) err << scenePath << ": warning: " << w << '\n';
  scene = std::move(loaded).value();
  return std::nullopt;
}

/// Options every scene-reading command takes; true when `a` was one of them.
bool sceneOption(const std::vector<std::string>& args, std::size_t& i, SceneInputs& in) {
  ScriptOptions& options = in.options;
  const std::string& a = args[i];
  auto value = [&](const char* name) { return takeValue(args, i, name); };
  if (a == "--set") {
    const auto kv = parseOverride(value("--set"));
    if (!kv) throw Usage{kv.error().message()};
    options.overrides[kv->first] = kv->second;
    options.overrideSources.erase(kv->first);
    return true;
  }
  if (a == "--params") {
    const std::string file = value("--params");
    auto values = readParamsFile(file);
    if (!values) throw BadInput{values.error()};
    in.files.push_back(file);
    // --set wins over the file, whichever comes first.
    for (const auto& [name, json] : *values) {
      if (options.overrides.emplace(name, json).second)
        options.overrideSources[name] = "parameters file '" + file + "'";
    }
    return true;
  }
  if (a == "--script-timeout") {
    const std::string v = value("--script-timeout");
    double seconds = 0;
    if (!parseNumber(v, seconds) || seconds < 0.001 || seconds > 3600) {
      throw Usage{"--script-timeout '" + v + "': expected seconds from 0.001 to 3600"};
    }
    options.timeLimit = std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
    return true;
  }
  if (a == "--script-memory") {
    const std::string v = value("--script-memory");
    double mib = 0;
    if (!parseNumber(v, mib) || mib < 64 || mib > 1024 * 1024) {
      throw Usage{"--script-memory '" + v + "': expected MiB from 64 to 1048576"};
    }
    options.maxMemoryBytes = static_cast<std::size_t>(mib) * 1024 * 1024;
    return true;
  }
  if (a == "--fps") {
    const std::string v = value("--fps");
    double fps = 0;
    if (!parseNumber(v, fps) || fps <= 0 || fps > 1000)
      throw Usage{"--fps '" + v + "': expected a frame rate between 0 and 1000"};
    options.fps = fps;
    return true;
  }
  return false;
}

std::string number(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace attnplay::cli
