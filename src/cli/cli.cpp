// SPDX-License-Identifier: MIT
#include "cli/cli.hpp"

#include <unistd.h>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <optional>
#include <ostream>

#include "attnplay/export/export_job.hpp"
#include "attnplay/export/piece_cache.hpp"
#include "attnplay/export/png_file.hpp"
#include "attnplay/export/variants.hpp"
#include "attnplay/frame/frame_state.hpp"
#include "attnplay/render/renderer.hpp"
#include "attnplay/script/scene_script.hpp"

namespace attnplay::cli {

namespace {

constexpr const char* kToolHelp = R"(attnplay-cli — render attnplay scenes without a window

Usage:
  attnplay-cli <command> [options]
  attnplay-cli <command> --help

Commands:
  frame     render one frame of a scene to a PNG image
  info      print a scene's duration, frame rate, segments and parameters
  render    export a scene to a video (MP4, WebM, MOV, MKV, GIF) or a PNG sequence
  join      put chunks rendered with render --chunk K/N into one MP4, by stream copy

Options:
  -h, --help     show this help
  --version      print the version

Exit codes: 0 ok, 1 usage error, 2 bad input (scene, parameters), 3 output could not be written,
4 some variants of render --variants failed (the others were written).
)";

constexpr const char* kFrameHelp = R"(attnplay-cli frame — render one frame of a scene to a PNG image

Usage:
  attnplay-cli frame SCENE.js -o OUT.png [options]
  attnplay-cli frame SCENES.py SceneName -o OUT.png [options]

Options:
  -o, --output FILE        the PNG to write (required); written whole or not at all
  --time T                 the time in seconds to show, 0 or more (default: the scene's
                           final state, as Manim's -s shows it); a time on a boundary shows
                           the end of the animation before it
  --size WxH               the image size in pixels (default 1920x1080); the 16:9 frame is
                           scaled to fit and centred
  --set NAME=VALUE         give the scene's parameter NAME a value, written as JSON: 3, 0.5,
                           "cat", [0.1, 0.9]; may be repeated
  --params FILE            parameter values from a JSON file such as the player's sidecar
                           scene.params.json; --set wins over it
  --script-timeout S       stop the scene script after S seconds (default 5)
  --script-memory MIB      stop the scene script past MIB MiB of memory (default 4096)
  -h, --help               show this help

Exit codes: 0 ok, 1 usage error, 2 bad input (scene, parameters), 3 output could not be written.
)";

constexpr const char* kInfoHelp = R"(attnplay-cli info — print a scene's timeline

Usage:
  attnplay-cli info SCENE.js [options]
  attnplay-cli info SCENES.py [SceneName] [options]    (no name: lists the file's scenes)

Prints the duration, the frame rate, the frame count and one line per play() or wait():
index, start and end in seconds, section, and the animations with their targets.

Options:
  --json                   print JSON instead: {"scene", "duration", "fps", "frames",
                           "segments": [{"index", "start", "end", "section", "animations"}],
                           "params": [{"name", "kind", "value", "default", "label"}]}
  --fps N                  the frame rate to count frames at (default 60)
  --set NAME=VALUE         give a scene parameter a value (JSON); may be repeated
  --script-timeout S       stop the scene script after S seconds (default 5)
  --script-memory MIB      stop the scene script past MIB MiB of memory (default 4096)
  -h, --help               show this help

Exit codes: 0 ok, 1 usage error, 2 bad input (scene, parameters).
)";

constexpr const char* kRenderHelp = R"(attnplay-cli render — export a scene to a video or to PNG files

Usage:
  attnplay-cli render SCENE.js -o OUT.mp4 [options]
  attnplay-cli render SCENES.py SceneName -o OUT.mp4 [options]
  attnplay-cli render SCENE.js -o frames/frame_%04d.png [options]

Options:
  -o, --output FILE        a video — .mp4 (H.264, yuv420p, BT.709, +faststart), .webm (VP9),
                           .mov (ProRes 4444), .mkv (FFV1, lossless), .gif (one palette for the
                           whole animation, 25 fps unless --fps or --quality says otherwise) —
                           written to a temporary file beside it and renamed when complete; or
                           a PNG pattern with %d
  --format NAME            h264 (default for .mp4), h265 (.mp4), vp9, prores, ffv1, gif
  --dither NAME            a GIF's dither: sierra2_4a (default, as FFmpeg's paletteuse),
                           floyd_steinberg, bayer (steady between frames) or none
  --no-loop                a GIF that plays once (by default it loops forever)
  --transparent            leave the background transparent (.mov, .webm, .mkv, .gif and PNG
                           keep the alpha channel; a GIF's pixels under half cover become clear)
  --quality l|m|h|k        Manim's presets: 854x480@15, 1280x720@30, 1920x1080@60 (default),
                           3840x2160@60; -ql, -qm, -qh and -qk as Manim spells them
  --size WxH               the frame size (even numbers); overrides the preset's
  --fps N                  frames per second; overrides the preset's
  --from T, --to T         export only this range of the scene, in seconds
  --crf N                  x264 quality, 0–51 (default 18: visually lossless)
  --preset NAME            x264 speed: ultrafast … veryslow (default superfast)
  --threads N              pieces encoded side by side (default: one per core)
  --sections               also write each section (nextSection) to its own video in a folder
                           `sections` beside the output, OUT_0000.mp4 (…) on, with an index
                           OUT.json (name, type, video, start, end, frames…), as Manim's
                           --save_sections does
  --variants FILE.jsonl    one output per line of FILE, each a JSON object with a "name" and
                           parameter values ({"name": "seed-3", "seed": 3}); -o holds {name}
                           (-o 'out/{name}.mp4'); a variant that fails is reported and the
                           others go on (exit code 4)
  --variant-index I        with --variants: only the variant on line I (from 0, blank lines
                           not counted), for a job array
  --chunk K/N              only chunk K (from 0) of N of an H.264 MP4: a run of whole pieces,
                           starting on a key frame, the same on every machine; put the chunks
                           together with attnplay-cli join (docs/batch.md)
  --no-cache               encode every piece; neither read nor write the piece cache
  --cache-size MIB         keep the piece cache within MIB MiB (default 1024; least recently
                           used pieces go first)
  --set NAME=VALUE         give a scene parameter a value (JSON); may be repeated
  --script-timeout S       stop the scene script after S seconds (default 5)
  --script-memory MIB      stop the scene script past MIB MiB of memory (default 4096)
  -h, --help               show this help

A video is cut into pieces (each play and wait, at most 2 s) encoded on their own and joined
by stream copy. Pieces are kept in $XDG_CACHE_HOME/attnplay/pieces (~/.cache/attnplay/pieces):
exporting again encodes only the pieces whose frames changed.

Progress goes to stderr: a bar on a terminal, a line per 10 % otherwise. Ctrl+C stops the
export and leaves nothing behind. The summary gives frames, duration, size, time and speed.

Exit codes: 0 ok, 1 usage error, 2 bad input (scene, parameters, odd size, unknown preset),
3 the output could not be written (folder missing or not writable, disk full, cancelled),
4 some variants of --variants failed (the others were written).
)";

struct Usage {
  std::string message;
};

/// An input named on the command line that cannot be used (a broken --params file): exit 2.
struct BadInput {
  Error error;
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

/// Set by SIGINT and SIGTERM; scripts, frames and exports all watch it.
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
  prepareSceneLanguage(scenePath);  // an interpreter starts while the rest is read
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

/// What a command reads besides its scene: the options for running it, and every file named.
struct SceneInputs {
  ScriptOptions options;
  std::vector<std::string> files;  ///< --params files; outputs must never overwrite them
};

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

constexpr const char* kJoinHelp = R"(attnplay-cli join — put chunks together into one MP4

Usage:
  attnplay-cli join -o OUT.mp4 CHUNK_0.mp4 CHUNK_1.mp4 …

Copies the chunks' H.264 packets one after another into OUT.mp4 (no re-encoding), through a
temporary file renamed when complete. Chunks written by render --chunk K/N must all be there,
in order; any H.264 MP4s made with the same settings (sections, say) join too.

Options:
  -o, --output FILE        the MP4 to write
  -h, --help               show this help

Exit codes: 0 ok, 1 usage error, 2 bad input (a chunk missing, out of order, other settings),
3 the output could not be written.
)";

int runJoin(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string output;
  std::vector<std::string> inputs;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      out << kJoinHelp;
      return kOk;
    } else if (a == "-o" || a == "--output") {
      output = takeValue(args, i, "-o");
    } else if (!a.empty() && a[0] == '-') {
      throw Usage{"join: unknown option '" + a + "'"};
    } else {
      inputs.push_back(a);
    }
  }
  if (output.empty()) throw Usage{"join: no output given; add -o OUT.mp4"};
  if (inputs.empty()) throw Usage{"join: no chunks given"};
  auto joined = joinVideos(inputs, output);
  if (!joined) return report(joined.error(), err);
  char line[300];
  std::snprintf(line, sizeof line, "%s: %lld frames from %lld files, %.3f s, %.1f kB", output.c_str(),
                static_cast<long long>(joined->frames), static_cast<long long>(joined->inputs), joined->duration,
                static_cast<double>(joined->bytes) / 1000.0);
  out << line << '\n';
  return kOk;
}

/// One line for the variants of a batch: each one written, or why not; then the count.
int renderVariants(const std::string& scenePath, const std::string& variantsFile, const ScriptOptions& base,
                   const std::vector<Variant>& variants, const ExportSettings& settings, std::ostream& out,
                   std::ostream& err) {
  auto load = [&](const Variant& v) -> Result<std::shared_ptr<const Timeline>> {
    ScriptOptions options = base;
    for (const auto& [name, json] : v.values) {
      options.overrides[name] = json;  // the variant's value wins over --set and --params
      options.overrideSources[name] = "variant '" + v.name + "' (" + variantsFile + ":" + std::to_string(v.line) + ")";
    }
    options.cancel = &gInterrupted;
    options.sandboxExecutable = QCoreApplication::applicationFilePath().toStdString();
    auto loaded = loadSceneFile(scenePath, options);
    if (!loaded) return loaded.error();
    static std::mutex printing;  // variants load two at a time
    std::lock_guard lock(printing);
    for (const std::string& w : loaded->warnings) err << scenePath << ": " << v.name << ": warning: " << w << '\n';
    return loaded->timeline;
  };
  int lastTenth = -1;
  auto progress = [&](const BatchProgress& p) {
    const int tenth = static_cast<int>(10 * p.done / std::max<std::int64_t>(1, p.total));
    if (tenth == lastTenth) return;
    lastTenth = tenth;
    char line[200];
    std::snprintf(line, sizeof line, "%lld/%lld frames of %zu variants (%zu: %s), %.0f fps, ETA %.1f s",
                  static_cast<long long>(p.done), static_cast<long long>(p.total), p.variants, p.variant + 1,
                  p.name.c_str(), p.framesPerSecond, p.etaSeconds);
    err << line << '\n';
  };
  const auto start = std::chrono::steady_clock::now();
  const std::vector<VariantOutcome> outcomes =
      exportVariants(variants, settings.output, settings, load, progress, &gInterrupted);
  std::size_t failed = 0;
  std::int64_t frames = 0, encoded = 0, reused = 0;
  for (const VariantOutcome& o : outcomes) {
    if (!o.ok()) {
      ++failed;
      err << "variant " << o.name << ": " << o.error->format() << '\n';
      continue;
    }
    frames += o.stats.frames;
    encoded += o.stats.piecesEncoded;
    reused += o.stats.piecesReused;
    char line[300];
    std::snprintf(line, sizeof line, "%s: %s, %lld frames, %.1f kB, %.2f s", o.name.c_str(), o.output.c_str(),
                  static_cast<long long>(o.stats.frames), static_cast<double>(o.stats.bytes) / 1000.0,
                  o.stats.wallSeconds);
    out << line << '\n';
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  char summary[300];
  std::snprintf(summary, sizeof summary,
                "variants: %zu of %zu written, %lld frames in %.2f s; pieces: %lld encoded, %lld from the cache",
                outcomes.size() - failed, outcomes.size(), static_cast<long long>(frames), wall,
                static_cast<long long>(encoded), static_cast<long long>(reused));
  out << summary << '\n';
  if (gInterrupted.load()) return kInterrupted;
  return failed == 0 ? kOk : kSomeVariantsFailed;
}

int runRender(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string scenePath;
  ExportSettings settings;
  SceneInputs in;
  ScriptOptions& options = in.options;
  std::optional<Quality> quality = qualityPreset('h');
  std::optional<std::pair<int, int>> size;
  std::optional<double> fps;
  bool qualityGiven = false;
  bool noCache = false;
  std::string variantsFile;
  std::optional<std::size_t> variantIndex;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* name) { return takeValue(args, i, name); };
    auto seconds = [&](const char* name) {
      const std::string v = value(name);
      double t = 0;
      if (!parseNumber(v, t) || t < 0) throw Usage{std::string(name) + " '" + v + "': expected seconds, 0 or more"};
      return t;
    };
    if (a == "-h" || a == "--help") {
      out << kRenderHelp;
      return kOk;
    } else if (a == "-o" || a == "--output") {
      settings.output = value("-o");
    } else if (a == "--quality" || (a.size() == 3 && a.compare(0, 2, "-q") == 0)) {
      const std::string v = a == "--quality" ? value("--quality") : a.substr(2);  // -qh as Manim spells it
      quality = v.size() == 1 ? qualityPreset(v[0]) : std::nullopt;
      if (!quality) throw Usage{"--quality '" + v + "': expected l, m, h or k"};
      qualityGiven = true;
    } else if (a == "--size") {
      const std::string v = value("--size");
      int w = 0, h = 0;
      if (!parseSize(v, w, h) || w < 16 || h < 16 || w > 16384 || h > 16384) {
        throw Usage{"--size '" + v + "': expected WIDTHxHEIGHT between 16 and 16384, such as 1920x1080"};
      }
      size = std::pair{w, h};
    } else if (a == "--fps") {
      const std::string v = value("--fps");
      double f = 0;
      if (!parseNumber(v, f) || f <= 0 || f > 1000)
        throw Usage{"--fps '" + v + "': expected a frame rate between 0 and 1000"};
      fps = f;
    } else if (a == "--from") {
      settings.from = seconds("--from");
    } else if (a == "--to") {
      settings.to = seconds("--to");
    } else if (a == "--crf") {
      const std::string v = value("--crf");
      double c = 0;
      if (!parseNumber(v, c) || c != std::floor(c) || c < 0 || c > 51)
        throw Usage{"--crf '" + v + "': expected a whole number from 0 to 51"};
      settings.video.crf = static_cast<int>(c);
    } else if (a == "--preset") {
      settings.video.preset = value("--preset");
    } else if (a == "--threads") {
      const std::string v = value("--threads");
      double n = 0;
      if (!parseNumber(v, n) || n < 1 || n > 256 || n != std::floor(n))
        throw Usage{"--threads '" + v + "': expected 1 to 256"};
      settings.threads = static_cast<int>(n);
    } else if (a == "--no-cache") {
      noCache = true;
    } else if (a == "--sections") {
      settings.sections = true;
    } else if (a == "--transparent") {
      settings.transparent = true;
    } else if (a == "--format") {
      settings.format = value("--format");
    } else if (a == "--dither") {
      const std::string v = value("--dither");
      const auto dither = ditherByName(v);
      if (!dither) {
        std::string names;
        for (const std::string& n : ditherNames()) names += (names.empty() ? "" : ", ") + n;
        throw Usage{"--dither '" + v + "': expected one of " + names};
      }
      settings.dither = *dither;
    } else if (a == "--no-loop") {
      settings.loop = false;
    } else if (a == "--variants") {
      variantsFile = value("--variants");
    } else if (a == "--variant-index") {
      const std::string v = value("--variant-index");
      double n = 0;
      if (!parseNumber(v, n) || n < 0 || n != std::floor(n) || n > 1e9)
        throw Usage{"--variant-index '" + v + "': expected a line's index, 0 or more"};
      variantIndex = static_cast<std::size_t>(n);
    } else if (a == "--chunk") {
      const std::string v = value("--chunk");
      const std::size_t slash = v.find('/');
      double k = -1, n = 0;
      if (slash == std::string::npos || !parseNumber(v.substr(0, slash), k) || !parseNumber(v.substr(slash + 1), n) ||
          k != std::floor(k) || n != std::floor(n) || n < 1 || n > 100000 || k < 0 || k >= n)
        throw Usage{"--chunk '" + v + "': expected K/N, chunk K (from 0) of N, such as 0/8"};
      settings.chunk = ExportSettings::Chunk{static_cast<int>(k), static_cast<int>(n)};
    } else if (a == "--cache-size") {
      const std::string v = value("--cache-size");
      double n = 0;
      if (!parseNumber(v, n) || n < 16 || n > 1048576 || n != std::floor(n))
        throw Usage{"--cache-size '" + v + "': expected MiB, a whole number from 16 to 1048576"};
      settings.cacheLimit = static_cast<std::uintmax_t>(n) << 20;
    } else if (sceneOption(args, i, in)) {
    } else {
      sceneArgument(a, scenePath, options.sceneName, "render");
    }
  }
  if (scenePath.empty()) throw Usage{"render: no scene given"};
  if (settings.output.empty()) throw Usage{"render: no output given; add -o OUT.mp4"};
  std::vector<Variant> variants;
  if (!variantsFile.empty()) {
    auto read = readVariantsFile(variantsFile);
    if (!read) throw BadInput{read.error()};
    variants = std::move(read).value();
    if (variantIndex) {
      if (*variantIndex >= variants.size()) {
        throw Usage{"--variant-index " + std::to_string(*variantIndex) + ": '" + variantsFile + "' holds " +
                    std::to_string(variants.size()) + " variants (0 to " + std::to_string(variants.size() - 1) + ")"};
      }
      variants = {variants[*variantIndex]};
    }
    if (Status s = checkVariantPattern(settings.output, variants.size()); !s)
      throw Usage{"render: " + s.error().message() + "; " + s.error().hint()};
    if (settings.sections) throw Usage{"render: --sections and --variants do not go together yet"};
    in.files.push_back(variantsFile);
  }
  if (variantIndex && variantsFile.empty()) throw Usage{"render: --variant-index needs --variants FILE"};
  const QString output = QString::fromStdString(settings.output);
  // The name is checked before anything runs: a bad pattern must never become a file name.
  const auto pattern = parseSequencePattern(settings.output);
  if (!pattern) throw Usage{"render: " + pattern.error().message() + "; " + pattern.error().hint()};
  if (settings.sections && pattern->has_value())
    throw Usage{"render: --sections needs a video output, not a PNG pattern"};
  if (pattern->has_value() && !settings.format.empty())
    throw Usage{"render: --format is for video files; a PNG pattern writes PNG files"};
  if (!pattern->has_value()) {
    if (auto format = formatForOutput(settings.output, settings.format); !format)
      throw Usage{"render: " + format.error().message() + "; " + format.error().hint()};
  }
  settings.video.width = size ? size->first : quality->width;
  settings.video.height = size ? size->second : quality->height;
  settings.video.fps = fps.value_or(quality->fps);
  const auto format = pattern->has_value() ? nullptr : *formatForOutput(settings.output, settings.format);
  if (format && std::string(format->name) == "gif") {
    // A GIF counts time in hundredths of a second: unless told otherwise, 25 frames per second.
    if (!fps && !qualityGiven) settings.video.fps = 25;
  } else if ((settings.dither != ExportSettings{}.dither || !settings.loop)) {
    throw Usage{"render: --dither and --no-loop are for a .gif output"};
  }

  settings.inputs = in.files;
  settings.inputs.push_back(scenePath);
  if (!noCache) settings.cacheFolder = PieceCache::defaultFolder();
  if (!variants.empty()) return renderVariants(scenePath, variantsFile, options, variants, settings, out, err);

  std::optional<LoadedScene> scene;
  if (auto failed = loadScene(scenePath, options, err, scene)) return *failed;

  ExportJob job(scene->timeline, settings);
  const bool terminal = isatty(fileno(stderr));
  int lastTenth = -1;
  auto progress = [&](const ExportProgress& p) {
    const double share = static_cast<double>(p.done) / static_cast<double>(p.total);
    char line[160];
    if (terminal) {
      const int filled = static_cast<int>(share * 30);
      std::snprintf(line, sizeof line, "\r[%-30s] %lld/%lld frames  %.0f fps  ETA %.1f s ",
                    std::string(filled, '#').c_str(), static_cast<long long>(p.done), static_cast<long long>(p.total),
                    p.framesPerSecond, p.etaSeconds);
      err << line << std::flush;
      if (p.done == p.total) err << '\n';
    } else if (const int tenth = static_cast<int>(share * 10); tenth != lastTenth) {
      lastTenth = tenth;
      std::snprintf(line, sizeof line, "%lld/%lld frames, %.0f fps, ETA %.1f s", static_cast<long long>(p.done),
                    static_cast<long long>(p.total), p.framesPerSecond, p.etaSeconds);
      err << line << '\n';
    }
  };
  auto stats = job.run(progress, &gInterrupted);
  if (!stats) {
    if (terminal) err << '\n';
    return report(stats.error(), err);
  }
  char summary[512];
  std::snprintf(summary, sizeof summary,
                "%s: %lld frames, %.3f s at %g fps, %.1f kB, in %.2f s (%.1f frames/s; thread time: render %.2f s, "
                "%s %.2f s)",
                settings.output.c_str(), static_cast<long long>(stats->frames), stats->duration, settings.video.fps,
                static_cast<double>(stats->bytes) / 1000.0, stats->wallSeconds,
                static_cast<double>(stats->frames) / std::max(stats->wallSeconds, 1e-9), stats->renderSeconds,
                pattern->has_value() ? "write" : "convert and encode", stats->encodeSeconds);
  out << summary << '\n';
  if (!pattern->has_value() && formatForOutput(settings.output, settings.format).value()->pieces) {
    std::snprintf(summary, sizeof summary, "pieces: %lld encoded, %lld from the cache%s; %lld still frames repeated",
                  static_cast<long long>(stats->piecesEncoded), static_cast<long long>(stats->piecesReused),
                  settings.cacheFolder.empty() ? " (off)" : "", static_cast<long long>(stats->stillFrames));
    out << summary << '\n';
  }
  if (settings.chunk) {
    out << "chunk " << settings.chunk->index << "/" << settings.chunk->count << ": frames " << stats->chunkFirst << "-"
        << stats->chunkEnd << " of " << stats->chunkOf << '\n';
  }
  if (!stats->cacheProblem.empty()) err << "attnplay-cli: warning: " << stats->cacheProblem << '\n';
  if (!stats->sectionIndex.empty()) {
    out << "sections: " << stats->sections << " in "
        << QFileInfo(QString::fromStdString(stats->sectionIndex)).path().toStdString() << ", index "
        << stats->sectionIndex << '\n';
  }
  return kOk;
}

int runFrame(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string scenePath, outputPath;
  double time = -1;
  int width = 1920, height = 1080;
  SceneInputs in;
  ScriptOptions& options = in.options;

  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* name) { return takeValue(args, i, name); };
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
    } else if (sceneOption(args, i, in)) {
    } else {
      sceneArgument(a, scenePath, options.sceneName, "frame");
    }
  }
  if (scenePath.empty()) throw Usage{"frame: no scene given"};
  if (outputPath.empty()) throw Usage{"frame: no output given; add -o OUT.png"};
  if (!QString::fromStdString(outputPath).endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
    throw Usage{"frame: the output '" + outputPath + "' must end in .png"};
  }

  std::optional<LoadedScene> scene;
  if (auto failed = loadScene(scenePath, options, err, scene)) return *failed;
  // With no --time, the stage as the script left it: Manim's last frame (-s).
  const FrameState frame =
      time >= 0 ? scene->timeline->evaluate(time) : scene->timeline->evaluate(scene->timeline->duration() + 1);
  const QImage image = renderImage(frame, QSize(width, height));
  if (gInterrupted) return report(Error(ErrorCode::Cancelled, "stopped before the frame was written"), err);
  std::vector<std::string> inputs = in.files;
  inputs.push_back(scenePath);
  if (const Status written = writePngFile(image, outputPath, inputs); !written) return report(written.error(), err);
  out << outputPath << '\n';
  return kOk;
}

}  // namespace

void interrupt() { gInterrupted = true; }

namespace {

int dispatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
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
    if (command == "render") return runRender(rest, out, err);
    if (command == "join") return runJoin(rest, out, err);
    return usage("unknown command '" + command + "'", "", err);
  } catch (const Usage& u) {
    return usage(u.message, command, err);
  } catch (const BadInput& b) {
    return report(b.error, err);
  }
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const int code = dispatch(args, out, err);
  // What a command printed (a path, a table, JSON) is its result: losing it is a failed write.
  out.flush();
  if (!out && code == kOk) {
    err << "error: cannot write to standard output (the disk may be full, or the pipe closed)\n";
    return kCannotWrite;
  }
  return code;
}

}  // namespace attnplay::cli
