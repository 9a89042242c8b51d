// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "attnplay/base/error.hpp"
#include "attnplay/export/gif.hpp"
#include "attnplay/export/piece_cache.hpp"
#include "attnplay/export/video_encoder.hpp"
#include "attnplay/timeline/timeline.hpp"

namespace attnplay {

/// Manim's quality presets: -ql 854×480 at 15, -qm 1280×720 at 30, -qh 1920×1080 at 60,
/// -qk 3840×2160 at 60.
struct Quality {
  int width, height;
  double fps;
};
std::optional<Quality> qualityPreset(char letter);

/// What to export.
struct ExportSettings {
  std::string output;  ///< a video file (videoFormats()), or a PNG sequence pattern such as frames/f_%04d.png
  std::string format;  ///< a name from videoFormats(); empty: the output's extension decides
  /// Leave the background transparent: PNG, ProRes 4444 (.mov), VP9 (.webm) and FFV1 (.mkv) keep
  /// the alpha channel; H.264 and H.265 have none and refuse it.
  bool transparent = false;
  /// Also write each section (nextSection) to its own file in `sections/` beside the output,
  /// with an index, as Manim's --save_sections (videos only).
  bool sections = false;
  VideoSettings video;       ///< size, frame rate, CRF and preset
  double from = 0;           ///< seconds
  std::optional<double> to;  ///< seconds; the scene's end when unset
  int threads = 0;           ///< render threads; 0 means one per core
  /// What the run reads (the scene, a parameters file): the output never overwrites these.
  std::vector<std::string> inputs;
  /// Where encoded pieces are kept between exports (PieceCache); empty: encode everything.
  std::string cacheFolder;
  std::uintmax_t cacheLimit = PieceCache::kDefaultLimit;
  /// Hand libx264 every repeated frame instead of ending pieces on skipped frames: slower, for
  /// comparing the two.
  bool encodeStillFrames = false;
  /// Only chunk `index` (from 0) of `count` of the export: a run of whole pieces, so it starts on
  /// a key frame, chosen from the scene and the settings alone, for sharing one export among
  /// machines. H.264 only; joinVideos puts the chunks together.
  struct Chunk {
    int index = 0, count = 1;
  };
  std::optional<Chunk> chunk;
  /// Goes in an H.264 MP4's metadata; a chunk's says which it is ("attnplay chunk K/N …").
  std::string comment;
  /// A GIF's dither, and whether it plays forever (else once).
  Dither dither = Dither::Sierra2_4a;
  bool loop = true;
};

/// Where an export stands.
struct ExportProgress {
  std::int64_t done = 0, total = 0;
  double framesPerSecond = 0;
  double etaSeconds = 0;
};

/// What an export did, for the summary.
struct ExportStats {
  std::int64_t frames = 0;
  double duration = 0;  ///< seconds of video
  std::uintmax_t bytes = 0;
  double wallSeconds = 0;
  double renderSeconds = 0;  ///< thread time spent rendering
  double encodeSeconds = 0;  ///< thread time spent converting to YUV and encoding (or writing PNGs)
  /// A video is joined from pieces: these were encoded now, these came from the cache.
  std::int64_t piecesEncoded = 0, piecesReused = 0;
  /// Frames that draw what the one before drew (a wait, the end of a play whose animations are
  /// done): encoded without rendering or conversion, and at the end of a piece not encoded at all.
  std::int64_t stillFrames = 0;
  /// Why the cache could not be used or written, when it could not; the export still succeeded.
  std::string cacheProblem;
  /// With `sections`: how many section files were written, and the index that lists them.
  std::int64_t sections = 0;
  std::string sectionIndex;
  /// With `chunk`: its frames, [chunkFirst, chunkEnd) of chunkOf.
  std::int64_t chunkFirst = 0, chunkEnd = 0, chunkOf = 0;
};

/// Renders a timeline's frames on worker threads and encodes them, holding only a few frames at
/// a time. A video is cut into pieces — each play() and wait(), and at most two seconds — that
/// are encoded side by side, each on its own, and joined by stream copy; a piece whose frames draw
/// what a cached piece drew is not encoded again. The output appears complete or not at all: it
/// is written to a temporary file in the target folder and renamed at the end; on error or cancel
/// the target is untouched and the temporary file removed.
class ExportJob {
 public:
  ExportJob(std::shared_ptr<const Timeline> timeline, ExportSettings settings);

  /// The frames the settings select: round((to − from) × fps).
  std::int64_t frameCount() const;
  /// Runs to the end, calling `progress` from this thread after each frame. Stops with an
  /// error when `cancel` becomes true.
  Result<ExportStats> run(const std::function<void(const ExportProgress&)>& progress = {},
                          const std::atomic<bool>* cancel = nullptr);

 private:
  std::shared_ptr<const Timeline> timeline_;
  ExportSettings settings_;
};

/// What joinVideos made.
struct JoinStats {
  std::int64_t frames = 0, inputs = 0;
  double duration = 0;
  std::uintmax_t bytes = 0;
};
/// Puts H.264 MP4s made with the same settings (chunks of one export, or sections) one after
/// another in `output` by stream copy, through a temporary file renamed when complete. Chunks
/// must all be there, in order; other files only need the same encoder settings.
Result<JoinStats> joinVideos(const std::vector<std::string>& inputs, const std::string& output);

/// A run of consecutive segments that share a section name (nextSection), as Manim's
/// `--save_sections` cuts a scene; the first, before any nextSection, is Manim's "autocreated".
struct SectionRange {
  std::string name;
  double start = 0, end = 0;
};
/// The scene's sections in order, each at least one segment long.
std::vector<SectionRange> sectionsOf(const Timeline& timeline);

/// A PNG sequence's file names: the pattern's text around its one frame-number conversion.
struct SequencePattern {
  std::string before, after;  ///< with %% already read as %
  int width = 0;              ///< %04d: at least this many digits, zero-padded
  /// The file name of frame `index`.
  std::string nameOf(std::int64_t index) const;
};

/// Reads an output name as a PNG sequence pattern: nullopt when it holds no conversion; an error
/// when it holds anything but exactly one %d or %0Nd (and %% for a percent sign), or when it
/// does not end in .png. The name is never handed to printf.
Result<std::optional<SequencePattern>> parseSequencePattern(const std::string& output);

}  // namespace attnplay
