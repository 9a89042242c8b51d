// SPDX-License-Identifier: MIT
// attnplay-cli render: a scene exported to a video, a GIF or PNG files.
#include <unistd.h>
#include <QCoreApplication>
#include <QFileInfo>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <optional>
#include <ostream>

#include "attnplay/export/export_job.hpp"
#include "attnplay/export/piece_cache.hpp"
#include "attnplay/export/variants.hpp"
#include "attnplay/script/scene_script.hpp"
#include "cli/command.hpp"
#include "cli/help.hpp"

namespace attnplay::cli {

namespace {

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

}  // namespace

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

}  // namespace attnplay::cli
