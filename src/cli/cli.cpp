// SPDX-License-Identifier: MIT
#include "cli/cli.hpp"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "attnplay/render/renderer.hpp"
#include "attnplay/script/scene_script.hpp"
#include "attnplay/timeline/frame_state.hpp"

namespace attnplay::cli {

namespace {

constexpr const char* kToolHelp = R"(attnplay-cli — render attnplay scenes without a window

Usage:
  attnplay-cli <command> [options]
  attnplay-cli <command> --help

Commands:
  frame     render one frame of a scene to a PNG image
  info      print a scene's duration, frame rate, segments and parameters

Options:
  -h, --help     show this help
  --version      print the version

Exit codes: 0 ok, 1 usage error, 2 bad input (scene, parameters), 3 output could not be written.
)";

constexpr const char* kFrameHelp = R"(attnplay-cli frame — render one frame of a scene to a PNG image

Usage:
  attnplay-cli frame SCENE.js -o OUT.png [options]

Options:
  -o, --output FILE        the PNG to write (required); written whole or not at all
  --time T                 the time in seconds to show, 0 or more (default: the scene's
                           final state, as Manim's -s shows it); a time on a boundary shows
                           the end of the animation before it
  --size WxH               the image size in pixels (default 1920x1080); the 16:9 frame is
                           scaled to fit and centred
  --set NAME=VALUE         give the scene's parameter NAME a value, written as JSON: 3, 0.5,
                           "cat", [0.1, 0.9]; may be repeated
  --script-timeout S       stop the scene script after S seconds (default 5)
  -h, --help               show this help

Exit codes: 0 ok, 1 usage error, 2 bad input (scene, parameters), 3 output could not be written.
)";

constexpr const char* kInfoHelp = R"(attnplay-cli info — print a scene's timeline

Usage:
  attnplay-cli info SCENE.js [options]

Prints the duration, the frame rate, the frame count and one line per play() or wait():
index, start and end in seconds, section, and the animations with their targets.

Options:
  --json                   print JSON instead: {"scene", "duration", "fps", "frames",
                           "segments": [{"index", "start", "end", "section", "animations"}],
                           "params": [{"name", "kind", "value", "default", "label"}]}
  --fps N                  the frame rate to count frames at (default 60)
  --set NAME=VALUE         give a scene parameter a value (JSON); may be repeated
  --script-timeout S       stop the scene script after S seconds (default 5)
  -h, --help               show this help

Exit codes: 0 ok, 1 usage error, 2 bad input (scene, parameters).
)";

struct Usage {
  std::string message;
};

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

int report(const Error& error, std::ostream& err) {
  err << error.format() << '\n';
  switch (error.code()) {
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

/// Writes a PNG through a temporary file in the target folder, renamed when complete.
Status writePng(const QImage& image, const std::string& path) {
  const QFileInfo info(QString::fromStdString(path));
  if (info.isDir()) {
    return Error(ErrorCode::IoError, "cannot write '" + path + "': it is a folder", "give a file name ending in .png");
  }
  if (!info.absoluteDir().exists()) {
    return Error(ErrorCode::IoError,
                 "cannot write '" + path + "': the folder '" + info.absolutePath().toStdString() + "' does not exist",
                 "create the folder first, or write somewhere else");
  }
  QSaveFile file(info.absoluteFilePath());
  if (!file.open(QIODevice::WriteOnly)) {
    return Error(ErrorCode::IoError, "cannot write '" + path + "': " + file.errorString().toStdString(),
                 "check that the folder is writable");
  }
  if (!image.save(&file, "PNG")) {
    file.cancelWriting();
    return Error(ErrorCode::IoError, "cannot write '" + path + "': encoding the PNG failed",
                 "check that the disk is not full");
  }
  if (!file.commit()) {
    return Error(ErrorCode::IoError, "cannot write '" + path + "': " + file.errorString().toStdString(),
                 "check that the disk is not full and the folder is writable");
  }
  return {};
}

/// Options every scene-reading command takes; true when `a` was one of them.
bool sceneOption(const std::vector<std::string>& args, std::size_t& i, ScriptOptions& options) {
  const std::string& a = args[i];
  auto value = [&](const char* name) -> std::string {
    if (i + 1 >= args.size()) throw Usage{std::string(name) + " needs a value"};
    return args[++i];
  };
  if (a == "--set") {
    const auto kv = parseOverride(value("--set"));
    if (!kv) throw Usage{kv.error().message()};
    options.overrides[kv->first] = kv->second;
    return true;
  }
  if (a == "--script-timeout") {
    const std::string v = value("--script-timeout");
    double seconds = 0;
    if (!parseNumber(v, seconds) || seconds <= 0 || seconds > 3600) {
      throw Usage{"--script-timeout '" + v + "': expected seconds between 0 and 3600"};
    }
    options.timeLimit = std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
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

std::string number(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

int runInfo(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string scenePath;
  bool json = false;
  ScriptOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      out << kInfoHelp;
      return kOk;
    } else if (a == "--json") {
      json = true;
    } else if (sceneOption(args, i, options)) {
    } else if (!a.empty() && a[0] == '-') {
      throw Usage{"info: unknown option '" + a + "'"};
    } else if (scenePath.empty()) {
      scenePath = a;
    } else {
      throw Usage{"info: only one scene at a time (got '" + scenePath + "' and '" + a + "')"};
    }
  }
  if (scenePath.empty()) throw Usage{"info: no scene given"};
  auto scene = loadSceneFile(scenePath, options);
  if (!scene) return report(scene.error(), err);
  for (const std::string& w : scene->warnings) err << scenePath << ": warning: " << w << '\n';
  const Timeline& t = *scene->timeline;
  const auto frames = static_cast<long long>(std::llround(t.duration() * options.fps));
  if (json) {
    out << "{\"scene\": " << jsonString(scenePath) << ", \"duration\": " << number(t.duration(), 6)
        << ", \"fps\": " << number(options.fps, 3) << ", \"frames\": " << frames << ", \"segments\": [";
    for (std::size_t i = 0; i < t.segments.size(); ++i) {
      const Segment& s = t.segments[i];
      out << (i ? ", " : "") << "{\"index\": " << i << ", \"start\": " << number(s.start, 6)
          << ", \"end\": " << number(s.end, 6) << ", \"section\": " << jsonString(s.section) << ", \"animations\": [";
      for (std::size_t k = 0; k < s.animations.size(); ++k) out << (k ? ", " : "") << jsonString(s.animations[k]);
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
      << "segments  " << t.segments.size() << '\n';
  for (std::size_t i = 0; i < t.segments.size(); ++i) {
    const Segment& s = t.segments[i];
    std::string anims;
    for (const auto& a : s.animations) anims += (anims.empty() ? "" : "; ") + a;
    char line[128];
    std::snprintf(line, sizeof line, "%4zu  %8.3f  %8.3f  ", i, s.start, s.end);
    out << line << (s.section.empty() ? "" : "[" + s.section + "] ") << anims << '\n';
  }
  for (const ParamDecl& p : scene->params)
    out << "param     " << p.name << " (" << p.kind << ") = " << p.valueJson << '\n';
  return kOk;
}

int runFrame(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string scenePath, outputPath;
  double time = -1;
  int width = 1920, height = 1080;
  ScriptOptions options;

  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* name) -> std::string {
      if (i + 1 >= args.size()) throw Usage{std::string(name) + " needs a value"};
      return args[++i];
    };
    if (a == "-h" || a == "--help") {
      out << kFrameHelp;
      return kOk;
    } else if (a == "-o" || a == "--output") {
      outputPath = value("-o");
    } else if (a == "--time") {
      const std::string v = value("--time");
      if (!parseNumber(v, time) || time < 0) throw Usage{"--time '" + v + "': expected seconds, 0 or more"};
    } else if (a == "--size") {
      const std::string v = value("--size");
      if (!parseSize(v, width, height) || width < 16 || height < 16 || width > 16384 || height > 16384) {
        throw Usage{"--size '" + v + "': expected WIDTHxHEIGHT between 16 and 16384, such as 1920x1080"};
      }
    } else if (sceneOption(args, i, options)) {
    } else if (!a.empty() && a[0] == '-') {
      throw Usage{"frame: unknown option '" + a + "'"};
    } else if (scenePath.empty()) {
      scenePath = a;
    } else {
      throw Usage{"frame: only one scene at a time (got '" + scenePath + "' and '" + a + "')"};
    }
  }
  if (scenePath.empty()) throw Usage{"frame: no scene given"};
  if (outputPath.empty()) throw Usage{"frame: no output given; add -o OUT.png"};
  if (!QString::fromStdString(outputPath).endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
    throw Usage{"frame: the output '" + outputPath + "' must end in .png"};
  }

  auto scene = loadSceneFile(scenePath, options);
  if (!scene) return report(scene.error(), err);
  for (const std::string& w : scene->warnings) err << scenePath << ": warning: " << w << '\n';
  // With no --time, the stage as the script left it: Manim's last frame (-s).
  const FrameState frame =
      time >= 0 ? scene->timeline->evaluate(time) : scene->timeline->evaluate(scene->timeline->duration() + 1);
  const QImage image = renderImage(frame, QSize(width, height));
  if (const Status written = writePng(image, outputPath); !written) return report(written.error(), err);
  out << outputPath << '\n';
  return kOk;
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << kToolHelp;
    return kUsage;
  }
  const std::string& command = args.front();
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    if (command == "-h" || command == "--help" || command == "help") {
      out << kToolHelp;
      return kOk;
    }
    if (command == "--version") {
      out << "attnplay-cli " << ATTNPLAY_VERSION << '\n';
      return kOk;
    }
    if (command == "frame") return runFrame(rest, out, err);
    if (command == "info") return runInfo(rest, out, err);
    return usage("unknown command '" + command + "'", "", err);
  } catch (const Usage& u) {
    return usage(u.message, command, err);
  }
}

}  // namespace attnplay::cli
