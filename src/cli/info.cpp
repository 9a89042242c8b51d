// SPDX-License-Identifier: MIT
// attnplay-cli info: a scene's timeline, as a table or JSON.

#include <cmath>
#include <cstdio>
#include <optional>
#include <ostream>

#include "attnplay/script/scene_script.hpp"
#include "cli/command.hpp"
#include "cli/help.hpp"

namespace attnplay::cli {

namespace {

std::string jsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace

int runInfo(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string scenePath;
  bool json = false;
  SceneInputs in;
  ScriptOptions& options = in.options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      out << kInfoHelp;
      return kOk;
    } else if (a == "--json") {
      json = true;
    } else if (sceneOption(args, i, in)) {
    } else {
      sceneArgument(a, scenePath, options.sceneName, "info");
    }
  }
  if (scenePath.empty()) throw Usage{"info: no scene given"};
  std::optional<LoadedScene> scene;
  if (auto failed = loadScene(scenePath, options, err, scene)) return *failed;
  const Timeline& t = *scene->timeline;
  const auto frames = static_cast<long long>(std::llround(t.duration() * options.fps));
  if (json) {
    out << "{\"scene\": " << jsonString(scenePath) << ", \"duration\": " << number(t.duration(), 6)
        << ", \"fps\": " << number(options.fps, 3) << ", \"frames\": " << frames << ", \"segments\": [";
    for (std::size_t i = 0; i < t.segments().size(); ++i) {
      const Segment& s = t.segments()[i];
      out << (i ? ", " : "") << "{\"index\": " << i << ", \"start\": " << number(s.start, 6)
          << ", \"end\": " << number(s.end, 6) << ", \"section\": " << jsonString(s.section) << ", \"animations\": [";
      for (std::size_t k = 0; k < s.animations.size(); ++k)
        out << (k ? ", " : "") << jsonString(s.animations[k].text());
      out << "]}";
    }
    out << "], \"params\": [";
    for (std::size_t i = 0; i < scene->params.size(); ++i) {
      const ParamDecl& p = scene->params[i];
      out << (i ? ", " : "") << "{\"name\": " << jsonString(p.name) << ", \"kind\": " << jsonString(p.kind)
          << ", \"value\": " << p.valueJson << ", \"default\": " << p.defaultJson
          << ", \"label\": " << jsonString(p.label) << "}";
    }
    out << "]}\n";
    return kOk;
  }
  out << "scene     " << scenePath << '\n'
      << "duration  " << number(t.duration(), 3) << " s\n"
      << "fps       " << number(options.fps, 0) << '\n'
      << "frames    " << frames << '\n'
      << "segments  " << t.segments().size() << '\n';
  for (std::size_t i = 0; i < t.segments().size(); ++i) {
    const Segment& s = t.segments()[i];
    std::string anims;
    for (const auto& a : s.animations) anims += (anims.empty() ? "" : "; ") + a.text();
    char line[128];
    std::snprintf(line, sizeof line, "%4zu  %8.3f  %8.3f  ", i, s.start, s.end);
    out << line << (s.section.empty() ? "" : "[" + s.section + "] ") << anims << '\n';
  }
  for (const ParamDecl& p : scene->params)
    out << "param     " << p.name << " (" << p.kind << ") = " << p.valueJson << '\n';
  return kOk;
}

}  // namespace attnplay::cli
