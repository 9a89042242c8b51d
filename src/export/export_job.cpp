// SPDX-License-Identifier: MIT
#include "attnplay/export/export_job.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <numeric>
#include <optional>
#include <random>
#include <thread>
#include <vector>

#include "attnplay/base/output_file.hpp"
#include "attnplay/export/piece_cache.hpp"
#include "attnplay/frame/frame_hash.hpp"
#include "attnplay/render/renderer.hpp"
#include "export/codec_module.hpp"
#include "export/stream_writer.hpp"
#include "render/painting_threads.hpp"

namespace attnplay {

namespace fs = std::filesystem;

namespace {

/// Memory a PNG sequence may hold: frames waiting to be written, and the still runs the
/// renderers keep.
constexpr std::int64_t kInFlightBytes = std::int64_t{24} << 20;
constexpr std::size_t kRenderCacheBytes = std::size_t{48} << 20;
/// The longest piece: short enough that a long play() still runs on every core and an edit
/// re-encodes little, long enough that its leading IDR frame costs next to nothing.
constexpr double kPieceSeconds = 2.0;

using Clock = std::chrono::steady_clock;

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

Status checkFolder(const std::string& output) {
  const fs::path target(output);
  std::error_code ec;
  if (fs::is_directory(target, ec)) {
    return Error(ErrorCode::IoError, "cannot write '" + output + "': it is a folder",
                 "give a file name ending in .mp4");
  }
  const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  if (!fs::is_directory(folder, ec)) {
    return Error(ErrorCode::IoError,
                 "cannot write '" + output + "': the folder '" + folder.string() + "' does not exist",
                 "create the folder first, or write somewhere else");
  }
  return {};
}

std::string temporaryBeside(const std::string& output) {
  const fs::path target(output);
  std::random_device rd;
  char tag[16];
  std::snprintf(tag, sizeof tag, "%08x", rd());
  // Appended piece by piece: GCC 12 at -O3 reports a false -Wrestrict for "." + std::string.
  std::string name = ".";
  name += target.filename().string();
  name += ".part-";
  name += tag;
  name += target.extension().string();
  return (target.parent_path() / name).string();
}

}  // namespace

std::optional<Quality> qualityPreset(char letter) {
  switch (letter) {
    case 'l':
      return Quality{854, 480, 15};
    case 'm':
      return Quality{1280, 720, 30};
    case 'h':
      return Quality{1920, 1080, 60};
    case 'k':
      return Quality{3840, 2160, 60};
    default:
      return std::nullopt;
  }
}

std::string SequencePattern::nameOf(std::int64_t index) const {
  std::string digits = std::to_string(index);
  if (static_cast<int>(digits.size()) < width) digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
  return before + digits + after;
}

Result<std::optional<SequencePattern>> parseSequencePattern(const std::string& output) {
  constexpr int kMaxWidth = 12;  // more digits than any frame count needs
  const auto refuse = [&](const std::string& why) {
    return Error(ErrorCode::InvalidArgument, "the output '" + output + "' " + why,
                 "a PNG sequence is named like frames/f_%04d.png: one %d or %0Nd for the frame number, %% for a "
                 "percent sign");
  };
  SequencePattern p;
  bool found = false;
  for (std::size_t i = 0; i < output.size(); ++i) {
    std::string& text = found ? p.after : p.before;
    if (output[i] != '%') {
      text += output[i];
      continue;
    }
    if (i + 1 < output.size() && output[i + 1] == '%') {
      text += '%';
      ++i;
      continue;
    }
    // %d, %0Nd or %Nd, and nothing else: no flags, no other conversions.
    std::size_t j = i + 1;
    const bool zero = j < output.size() && output[j] == '0';
    if (zero) ++j;
    int width = 0;
    while (j < output.size() && std::isdigit(static_cast<unsigned char>(output[j])) && width <= kMaxWidth)
      width = width * 10 + (output[j++] - '0');
    if (j >= output.size() || output[j] != 'd') {
      return refuse("holds '" + output.substr(i, std::min<std::size_t>(j - i + 1, 8)) +
                    "', which is not a frame number");
    }
    if (width > kMaxWidth) return refuse("pads the frame number to more than " + std::to_string(kMaxWidth) + " digits");
    if (found) return refuse("holds more than one frame number");
    found = true;
    p.width = width;
    i = j;
  }
  if (!found) {
    if (QString::fromStdString(output).endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
      return refuse("is one PNG file; a sequence needs %d (or %04d) for the frame number");
    return std::optional<SequencePattern>{};
  }
  if (!QString::fromStdString(p.after).endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
    return refuse("has a frame number but does not end in .png");
  return std::optional<SequencePattern>{p};
}

ExportJob::ExportJob(std::shared_ptr<const Timeline> timeline, ExportSettings settings)
    : timeline_(std::move(timeline)), settings_(std::move(settings)) {}

std::int64_t ExportJob::frameCount() const {
  const double to = settings_.to.value_or(timeline_->duration());
  return std::max<std::int64_t>(0, std::llround((to - settings_.from) * settings_.video.fps));
}

namespace {

/// What a run knows once its settings are checked.
struct Run {
  const Timeline& timeline;
  const ExportSettings& settings;
  std::int64_t total;
  int threads;
  const std::function<void(const ExportProgress&)>& progress;
  const std::atomic<bool>* cancel;
  Clock::time_point start;

  /// A range that starts on a frame of the whole scene gives that frame's time to the bit, so
  /// its frames and pieces are the whole export's (and come from the cache).
  double timeOf(std::int64_t index) const {
    const double fps = settings.video.fps, first = settings.from * fps;
    if (std::abs(first - std::round(first)) < 1e-6) return (std::round(first) + static_cast<double>(index)) / fps;
    return settings.from + static_cast<double>(index) / fps;
  }
  bool cancelled() const { return cancel && cancel->load(); }
  void report(std::int64_t done) const {
    if (!progress) return;
    const double elapsed = seconds(Clock::now() - start);
    const double fps = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
    progress({done, total, fps, fps > 0 ? static_cast<double>(total - done) / fps : 0});
  }
};

Error cancelledError() { return Error(ErrorCode::IoError, "the export was cancelled", "nothing was written"); }

/// A run of frames encoded on its own, and the key of what it draws.
struct PiecePlan {
  std::int64_t first = 0, count = 0;
  ContentHash key;
  std::int64_t work = 0;  ///< frames that differ from the one before: what encoding it costs
  /// For each frame, whether it draws what the one before it draws (within the piece).
  std::vector<bool> repeats;
  bool cached = false;
};

/// Cuts the frames into pieces at every segment's start and every kPieceSeconds, and keys each
/// by what its frames draw and how they are encoded: the same key, the same bytes.
std::vector<PiecePlan> planPieces(const Run& run) {
  const VideoSettings& v = run.settings.video;
  const std::int64_t longest = std::max<std::int64_t>(1, std::llround(kPieceSeconds * v.fps));
  ContentHasher settings;
  settings.add(encoderIdentity());
  settings.add(static_cast<std::uint64_t>(v.width));
  settings.add(static_cast<std::uint64_t>(v.height));
  settings.add(v.fps);
  settings.add(static_cast<std::uint64_t>(v.crf));
  settings.add(v.preset);
  settings.add(static_cast<std::uint64_t>(run.settings.encodeStillFrames));
  const ContentHash encoding = settings.digest();

  FrameHasher hasher;
  std::vector<ContentHash> frames(static_cast<std::size_t>(run.total));
  std::vector<int> segments(static_cast<std::size_t>(run.total));
  for (std::int64_t i = 0; i < run.total; ++i) {
    if (run.cancelled()) return {};
    const double t = run.timeOf(i);
    segments[static_cast<std::size_t>(i)] = run.timeline.segmentAt(t);
    frames[static_cast<std::size_t>(i)] = hasher.hash(run.timeline.evaluate(t));
  }
  // A segment longer than a piece is shared out evenly, so no piece is a stray frame or two. The
  // share is of the whole segment, also where the range cuts it: a range that starts on a piece
  // boundary (a chunk, a section) has the same pieces as the whole export.
  const double firstFrame = run.settings.from * v.fps;
  const bool aligned = std::abs(firstFrame - std::round(firstFrame)) < 1e-6;
  const auto rangeStart = static_cast<std::int64_t>(std::llround(firstFrame));
  const std::int64_t sceneFrames = std::llround(run.timeline.duration() * v.fps);
  std::vector<PiecePlan> pieces;
  for (std::int64_t start = 0; start < run.total;) {
    std::int64_t end = start;
    const int segment = segments[static_cast<std::size_t>(start)];
    while (end < run.total && segments[static_cast<std::size_t>(end)] == segment) ++end;
    std::int64_t spanStart = start, spanEnd = end;
    if (aligned && start == 0) {
      for (std::int64_t g = rangeStart - 1; g >= 0 && run.timeline.segmentAt(static_cast<double>(g) / v.fps) == segment;
           --g)
        --spanStart;
    }
    if (aligned && end == run.total) {
      for (std::int64_t g = rangeStart + end;
           g < sceneFrames && run.timeline.segmentAt(static_cast<double>(g) / v.fps) == segment; ++g)
        ++spanEnd;
    }
    const std::int64_t span = spanEnd - spanStart;
    const std::int64_t count = (span + longest - 1) / longest;
    for (std::int64_t k = 0; k < count; ++k) {
      PiecePlan p;
      p.first = std::max(start, spanStart + span * k / count);
      p.count = std::min(end, spanStart + span * (k + 1) / count) - p.first;
      if (p.count <= 0) continue;
      ContentHasher key;
      key.add(encoding);
      for (std::int64_t f = p.first; f < p.first + p.count; ++f) {
        key.add(frames[static_cast<std::size_t>(f)]);
        const bool repeat =
            f > p.first && frames[static_cast<std::size_t>(f)] == frames[static_cast<std::size_t>(f - 1)];
        p.repeats.push_back(repeat);
        p.work += repeat ? 0 : 1;
      }
      p.key = key.digest();
      pieces.push_back(p);
    }
    start = end;
  }
  return pieces;
}

Result<ExportStats> runVideo(const Run& run) {
  const ExportSettings& settings = run.settings;
  const VideoSettings& v = settings.video;  // checked by ExportJob::run
  ExportStats stats;
  std::vector<PiecePlan> pieces = planPieces(run);
  if (run.cancelled()) return cancelledError();
  std::optional<PieceCache> cache;
  if (!settings.cacheFolder.empty()) {
    cache.emplace(settings.cacheFolder, settings.cacheLimit);
    for (PiecePlan& p : pieces) p.cached = cache->contains(p.key);
  }

  // Workers encode the pieces the cache lacks, each with its own encoder; this thread joins them
  // in order, as they come. Among the next few pieces a worker takes the one with the most work,
  // so that the workers finish together rather than one waiting out a long piece at the end; never
  // further ahead than that, so the pieces waiting to be joined stay few whatever the length.
  const std::size_t ahead = 4 * static_cast<std::size_t>(run.threads);
  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::size_t, EncodedPiece> encoded;
  std::vector<std::size_t> queue;  // pieces to encode, in order
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (!pieces[i].cached) queue.push_back(i);
  }
  std::size_t joining = 0;  // the piece this thread waits for
  std::int64_t framesDone = 0;
  std::optional<Error> failure;
  bool stop = false;
  double renderSeconds = 0, encodeSeconds = 0;
  std::int64_t stillFrames = 0;

  // Frames that draw what the one before drew (known from the timeline, not from pixels) are not
  // evaluated, rendered or converted again; those that end a piece are not even encoded
  // (SkipFrames), unless `encodeAll`.
  auto encodeOnce = [&](FrameRenderer& renderer, const PiecePlan& plan, double& render, double& encode, bool encodeAll,
                        std::int64_t& counted) -> Result<EncodedPiece> {
    auto opened = PieceEncoder::open(v);
    if (!opened) return opened.error();
    PieceEncoder& encoder = **opened;
    const bool skipTail = !encodeAll && encoder.canRepeatWithoutEncoding();
    std::int64_t pending = 0;  // repeats not yet handed to the encoder
    auto flushRepeats = [&]() -> Status {
      const auto t0 = Clock::now();
      for (; pending > 0; --pending) {
        if (Status s = encoder.encode(); !s) return s;
      }
      encode += seconds(Clock::now() - t0);
      return {};
    };
    std::int64_t repeated = 0;
    std::optional<FrameState> previous;  // the frame set last
    for (std::int64_t i = plan.first; i < plan.first + plan.count; ++i) {
      if (run.cancelled()) return cancelledError();
      {
        std::lock_guard lock(mutex);
        if (stop) return cancelledError();
      }
      const auto t0 = Clock::now();
      const bool still = plan.repeats[static_cast<std::size_t>(i - plan.first)];
      if (still) {
        ++pending;
        ++repeated;
        if (!skipTail) {
          if (Status s = flushRepeats(); !s) return s.error();
        }
      } else {
        if (Status s = flushRepeats(); !s) return s.error();
        const QSize size(v.width, v.height);
        FrameState frame = run.timeline.evaluate(run.timeOf(i));
        const QImage image = renderer.render(frame, size);
        // Only the macroblocks what changed can touch are converted and searched again.
        std::optional<std::vector<std::uint8_t>> changed;
        if (previous) changed = changedTiles(*previous, frame, size, PieceEncoder::kBlock);
        previous = std::move(frame);
        render += seconds(Clock::now() - t0);
        const auto t1 = Clock::now();
        if (Status s = encoder.setFrame(image, changed ? &*changed : nullptr); !s) return s.error();
        if (Status s = encoder.encode(); !s) return s.error();
        encode += seconds(Clock::now() - t1);
      }
      std::lock_guard lock(mutex);
      ++framesDone;
      ++counted;
      changed.notify_all();
    }
    const auto t1 = Clock::now();
    auto piece = encoder.finish(pending);
    encode += seconds(Clock::now() - t1);
    if (piece) {
      std::lock_guard lock(mutex);
      stillFrames += repeated;
    }
    return piece;
  };
  auto encodePiece = [&](FrameRenderer& renderer, const PiecePlan& plan, double& render, double& encode,
                         bool encodeAll) -> Result<EncodedPiece> {
    std::int64_t counted = 0;
    auto piece = encodeOnce(renderer, plan, render, encode, encodeAll, counted);
    if (!piece && !encodeAll && piece.error().code() == ErrorCode::Internal && !run.cancelled()) {
      // libx264's stream could not be continued with skipped frames: every frame encoded instead.
      {
        std::lock_guard lock(mutex);
        framesDone -= counted;
      }
      counted = 0;
      piece = encodeOnce(renderer, plan, render, encode, true, counted);
    }
    return piece;
  };

  auto worker = [&] {
    FrameRenderer renderer;
    // A piece repeats its still frames itself, so kept runs would only cost memory (measured:
    // no slower without them, 20 MiB less at 1080p).
    renderer.setCacheBudget(0);
    double render = 0, encode = 0;
    while (true) {
      std::size_t index;
      {
        std::unique_lock lock(mutex);
        auto eligible = queue.end();
        changed.wait(lock, [&] {
          if (stop || queue.empty()) return true;
          eligible = queue.end();
          for (auto it = queue.begin(); it != queue.end() && *it < joining + ahead; ++it) {
            if (eligible == queue.end() || pieces[*it].work > pieces[*eligible].work) eligible = it;
          }
          return eligible != queue.end();
        });
        if (stop || queue.empty()) break;
        index = *eligible;
        queue.erase(eligible);
      }
      auto piece = encodePiece(renderer, pieces[index], render, encode, settings.encodeStillFrames);
      if (piece && cache) (void)cache->store(pieces[index].key, *piece);
      std::lock_guard lock(mutex);
      if (!piece) {
        if (!failure) failure = piece.error();
        stop = true;
      } else {
        encoded.emplace(index, std::move(piece).value());
      }
      changed.notify_all();
      if (stop) break;
    }
    std::lock_guard lock(mutex);
    renderSeconds += render;
    encodeSeconds += encode;
  };
  const int workers = static_cast<int>(
      std::min<std::size_t>(static_cast<std::size_t>(run.threads),
                            static_cast<std::size_t>(std::count_if(pieces.begin(), pieces.end(),
                                                                   [](const PiecePlan& p) { return !p.cached; }))));
  PaintingThreads pool(workers, worker);
  auto stopWorkers = [&] {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    changed.notify_all();
    pool.join();
  };

  const std::string temporary = temporaryBeside(settings.output);
  std::unique_ptr<Mp4Writer> writer;
  auto abandon = [&](Error error) -> Result<ExportStats> {
    stopWorkers();
    writer.reset();
    std::error_code ec;
    fs::remove(temporary, ec);
    return error;
  };

  std::int64_t reported = -1, reusedFrames = 0;
  for (std::size_t index = 0; index < pieces.size(); ++index) {
    {
      std::lock_guard lock(mutex);
      joining = index;
    }
    changed.notify_all();
    std::optional<EncodedPiece> piece;
    if (pieces[index].cached) {
      piece = cache->load(pieces[index].key);
      if (piece && piece->frames != pieces[index].count) piece.reset();
      if (piece) {
        ++stats.piecesReused;
        reusedFrames += pieces[index].count;
      } else {
        // Gone or damaged since the plan looked: encoded here instead.
        FrameRenderer renderer;
        renderer.setCacheBudget(0);
        double render = 0, encode = 0;
        auto again = encodePiece(renderer, pieces[index], render, encode, settings.encodeStillFrames);
        if (!again) return abandon(again.error());
        if (cache) (void)cache->store(pieces[index].key, *again);
        piece = std::move(again).value();
        ++stats.piecesEncoded;
      }
    } else {
      std::unique_lock lock(mutex);
      while (!failure && !encoded.count(index)) {
        if (run.cancelled()) {
          lock.unlock();
          return abandon(cancelledError());
        }
        if (framesDone + reusedFrames != reported) {
          reported = framesDone + reusedFrames;
          const std::int64_t done = reported;
          lock.unlock();
          run.report(done);
          lock.lock();
          continue;
        }
        changed.wait_for(lock, std::chrono::milliseconds(50));
      }
      if (failure) {
        const Error error = *failure;
        lock.unlock();
        return abandon(error);
      }
      piece = std::move(encoded.at(index));
      encoded.erase(index);
      ++stats.piecesEncoded;
    }
    if (run.cancelled()) return abandon(cancelledError());
    if (!writer) {
      auto opened = Mp4Writer::open(temporary, v, piece->header, settings.comment);
      if (!opened) return abandon(opened.error());
      writer = std::move(opened).value();
    }
    if (Status s = writer->append(*piece); !s) return abandon(s.error());
    std::int64_t done;
    {
      std::lock_guard lock(mutex);
      done = framesDone + reusedFrames;
    }
    if (done != reported) run.report(reported = done);
  }
  stopWorkers();
  if (reported != run.total) run.report(run.total);
  if (Status s = writer->finish(); !s) return abandon(s.error());
  writer.reset();
  std::error_code ec;
  fs::rename(temporary, settings.output, ec);
  if (ec) return abandon(Error(ErrorCode::IoError, "cannot write '" + settings.output + "': " + ec.message()));
  stats.bytes = fs::file_size(settings.output, ec);
  if (cache) {
    cache->trim();
    std::error_code probe;
    if (stats.piecesEncoded > 0 && !fs::is_directory(cache->folder(), probe))
      stats.cacheProblem = "the cache folder '" + cache->folder() + "' could not be created";
  }
  stats.renderSeconds = renderSeconds;
  stats.encodeSeconds = encodeSeconds;
  stats.stillFrames = stillFrames;
  return stats;
}

/// Renders the run's frames on worker threads and hands them to `take` on this thread, in order.
/// Frames rendered ahead are bounded by bytes: a worker each and one more at least, two each at
/// most. Stops at the first error `take` returns, or at a cancel.
Status renderInOrder(const Run& run, const std::function<Status(std::int64_t, const QImage&)>& take,
                     double& renderSeconds, double& takeSeconds) {
  const VideoSettings& v = run.settings.video;
  const int threads = run.threads;
  const std::int64_t total = run.total;
  const std::int64_t frameBytes = std::int64_t{v.width} * v.height * 4;
  const std::int64_t window =
      std::clamp<std::int64_t>(kInFlightBytes / std::max<std::int64_t>(1, frameBytes), threads + 1, 2 * threads + 2);
  std::mutex mutex;
  std::condition_variable ready, room;
  std::map<std::int64_t, QImage> done;
  std::int64_t nextToRender = 0, nextToWrite = 0;
  bool stop = false;

  auto worker = [&] {
    FrameRenderer renderer;
    renderer.setCacheBudget(kRenderCacheBytes / static_cast<std::size_t>(threads));  // shared out, not per thread
    renderer.setTransparentBackground(run.settings.transparent);
    while (true) {
      std::int64_t index;
      {
        std::unique_lock lock(mutex);
        room.wait(lock, [&] { return stop || nextToRender < std::min(total, nextToWrite + window); });
        if (stop || nextToRender >= total) return;
        index = nextToRender++;
      }
      const auto t0 = Clock::now();
      QImage image = renderer.render(run.timeline.evaluate(run.timeOf(index)), QSize(v.width, v.height));
      std::lock_guard lock(mutex);
      renderSeconds += seconds(Clock::now() - t0);
      done.emplace(index, std::move(image));
      ready.notify_all();
    }
  };
  PaintingThreads pool(threads, worker);
  auto stopWorkers = [&] {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    room.notify_all();
    pool.join();
  };

  for (std::int64_t index = 0; index < total; ++index) {
    QImage image;
    {
      std::unique_lock lock(mutex);
      ready.wait(lock, [&] { return done.count(index) > 0; });
      image = std::move(done.at(index));
      done.erase(index);
      nextToWrite = index + 1;
    }
    room.notify_all();
    if (run.cancelled()) {
      stopWorkers();
      return cancelledError();
    }
    const auto t0 = Clock::now();
    if (Status s = take(index, image); !s) {
      stopWorkers();
      return s;
    }
    takeSeconds += seconds(Clock::now() - t0);
    run.report(index + 1);
  }
  stopWorkers();
  return {};
}

Result<ExportStats> runSequence(const Run& run, const SequencePattern& sequence) {
  // PNG frames go to temporary names first and take their own names only once every frame is
  // written, so a failed or cancelled sequence leaves the user's files as they were.
  std::vector<std::pair<std::string, std::string>> written;  // temporary, final
  auto abandon = [&](Error error) -> Result<ExportStats> {
    std::error_code ec;
    for (const auto& f : written) fs::remove(f.first, ec);
    return error;
  };
  ExportStats stats;
  const Status rendered = renderInOrder(
      run,
      [&](std::int64_t index, const QImage& image) -> Status {
        const std::string name = sequence.nameOf(index);
        const std::string part = temporaryBeside(name);
        written.emplace_back(part, name);
        QFile file(QString::fromStdString(part));
        if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.flush()) {
          return Error(ErrorCode::IoError, "cannot write '" + name + "': " + file.errorString().toStdString(),
                       "check that the folder is writable and the disk has room");
        }
        return {};
      },
      stats.renderSeconds, stats.encodeSeconds);
  if (!rendered) return abandon(rendered.error());
  for (const auto& [part, name] : written) {
    std::error_code ec;
    fs::rename(part, name, ec);
    if (ec) return abandon(Error(ErrorCode::IoError, "cannot write '" + name + "': " + ec.message()));
    stats.bytes += fs::file_size(name, ec);
  }
  return stats;
}

/// Ends a run written to a temporary file frame by frame: when every frame went in and the writer
/// finishes, the file takes the output's name; otherwise it is removed.
template <class Writer>
Result<ExportStats> completeOutput(const Run& run, std::unique_ptr<Writer>& writer, const std::string& temporary,
                                   const Status& rendered, ExportStats stats) {
  std::error_code ec;
  Status done = rendered ? writer->finish() : rendered;
  writer.reset();  // the file closed before it is renamed or removed
  if (done) {
    fs::rename(temporary, run.settings.output, ec);
    if (ec) done = Error(ErrorCode::IoError, "cannot write '" + run.settings.output + "': " + ec.message());
  }
  if (!done) {
    fs::remove(temporary, ec);
    return done.error();
  }
  stats.bytes = fs::file_size(run.settings.output, ec);
  return stats;
}

/// A format encoded frame by frame (everything but the piece-joined H.264 MP4), through a
/// temporary file renamed when complete.
Result<ExportStats> runStream(const Run& run, const VideoFormat& format) {
  const std::string temporary = temporaryBeside(run.settings.output);
  auto abandon = [&](Error error) -> Result<ExportStats> {
    std::error_code ec;
    fs::remove(temporary, ec);
    return error;
  };
  auto writer = StreamWriter::open(temporary, format.name, run.settings.video, run.threads, run.settings.transparent);
  if (!writer) return abandon(writer.error());
  ExportStats stats;
  const Status rendered = renderInOrder(
      run, [&](std::int64_t, const QImage& image) { return (*writer)->write(image); }, stats.renderSeconds,
      stats.encodeSeconds);
  return completeOutput(run, *writer, temporary, rendered, stats);
}

/// A GIF in two passes over the frames, as FFmpeg's palettegen and paletteuse: the first counts
/// every frame's colours into one palette, the second maps the frames onto it with the dither and
/// writes them. Progress counts both passes.
Result<ExportStats> runGif(const Run& run) {
  const std::string temporary = temporaryBeside(run.settings.output);
  auto abandon = [&](Error error) -> Result<ExportStats> {
    std::error_code ec;
    fs::remove(temporary, ec);
    return error;
  };
  auto pass = [&](std::int64_t offset) {
    return std::function<void(const ExportProgress&)>([&run, offset](const ExportProgress& p) {
      if (!run.progress) return;
      const std::int64_t done = offset + p.done, total = 2 * run.total;
      const double elapsed = seconds(Clock::now() - run.start);
      const double fps = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
      run.progress({done, total, fps, fps > 0 ? static_cast<double>(total - done) / fps : 0});
    });
  };
  const bool transparent = run.settings.transparent;
  ExportStats stats;
  PaletteBuilder builder;
  const auto counting = pass(0);
  const Run first{run.timeline, run.settings, run.total, run.threads, counting, run.cancel, run.start};
  if (Status s = renderInOrder(
          first,
          [&](std::int64_t, const QImage& image) -> Status {
            builder.add(image, transparent);
            return {};
          },
          stats.renderSeconds, stats.encodeSeconds);
      !s)
    return s.error();
  std::vector<std::uint32_t> palette = builder.build(transparent ? 255 : 256);
  const int transparentIndex = transparent ? static_cast<int>(palette.size()) : -1;
  if (transparent) palette.push_back(0x00000000u);
  const VideoSettings& v = run.settings.video;
  auto writer = GifWriter::open(temporary, v.width, v.height, v.fps, palette, run.settings.loop);
  if (!writer) return abandon(writer.error());
  PaletteMapper mapper(palette, run.settings.dither, transparentIndex);
  const auto mapping = pass(run.total);
  const Run second{run.timeline, run.settings, run.total, run.threads, mapping, run.cancel, run.start};
  const Status rendered = renderInOrder(
      second,
      [&](std::int64_t index, const QImage& image) {
        const std::vector<std::uint8_t>& indices = mapper.map(image);
        return (*writer)->write(indices, index > 0 && mapper.changed().isEmpty());
      },
      stats.renderSeconds, stats.encodeSeconds);
  return completeOutput(run, *writer, temporary, rendered, stats);
}

/// Each section of the exported video to its own file, as Manim's --save_sections: a folder
/// `sections` beside the output, OUT_0000.ext on, and an index OUT.json. The sections are the
/// export's own frames, so their pieces come from the cache.
Status writeSections(const std::shared_ptr<const Timeline>& timeline, const ExportSettings& whole,
                     const VideoFormat& format, const std::atomic<bool>* cancel, ExportStats& stats) {
  const QFileInfo target(QString::fromStdString(whole.output));
  const QString folder = target.dir().filePath(QStringLiteral("sections"));
  if (!QDir().mkpath(folder)) {
    return Error(ErrorCode::IoError, "cannot create the folder '" + folder.toStdString() + "'",
                 "check that the output's folder is writable");
  }
  const QString stem = target.completeBaseName();
  // ffprobe's name for the codec, as Manim's index has it.
  const std::string codecName = std::string(format.name) == "h265" ? "hevc" : format.name;
  const double end = whole.to.value_or(timeline->duration());
  QJsonArray index;
  const std::vector<SectionRange> all = sectionsOf(*timeline);
  for (std::size_t k = 0; k < all.size(); ++k) {
    // The export's own frames, so that the sections add up to it and reuse its pieces.
    const double fps = whole.video.fps;
    const std::int64_t first = std::llround((std::max(all[k].start, whole.from) - whole.from) * fps);
    const std::int64_t last = std::llround((std::min(all[k].end, end) - whole.from) * fps);
    if (last <= first) continue;  // outside the range, or shorter than a frame
    ExportSettings settings = whole;
    settings.sections = false;
    settings.from = whole.from + static_cast<double>(first) / fps;
    settings.to = whole.from + static_cast<double>(last) / fps;
    const QString video =
        stem + QStringLiteral("_%1.").arg(k, 4, 10, QLatin1Char('0')) + target.suffix();  // the video's own kind
    settings.output = QDir(folder).filePath(video).toStdString();
    auto part = ExportJob(timeline, settings).run({}, cancel);
    if (!part) return part.error();
    QJsonObject entry;
    entry[QStringLiteral("name")] = QString::fromStdString(all[k].name);
    entry[QStringLiteral("type")] = QStringLiteral("default.normal");
    entry[QStringLiteral("video")] = video;
    entry[QStringLiteral("start")] = std::max(all[k].start, whole.from);
    entry[QStringLiteral("end")] = std::min(all[k].end, end);
    entry[QStringLiteral("codec_name")] = QString::fromStdString(codecName);
    entry[QStringLiteral("width")] = settings.video.width;
    entry[QStringLiteral("height")] = settings.video.height;
    const std::int64_t millis = std::llround(settings.video.fps * 1000);
    const std::int64_t common = std::gcd(millis, std::int64_t{1000});
    entry[QStringLiteral("avg_frame_rate")] = QStringLiteral("%1/%2").arg(millis / common).arg(1000 / common);
    entry[QStringLiteral("duration")] = QString::number(part->duration, 'f', 6);
    entry[QStringLiteral("nb_frames")] = QString::number(part->frames);
    index.append(entry);
  }
  const QString indexPath = QDir(folder).filePath(stem + QStringLiteral(".json"));
  if (Status s = checkOutputTarget(indexPath.toStdString(), whole.inputs); !s) return s;
  QSaveFile file(indexPath);  // written beside and renamed: never half an index
  if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(index).toJson(QJsonDocument::Indented)) < 0 ||
      !file.commit()) {
    return Error(ErrorCode::IoError,
                 "cannot write '" + indexPath.toStdString() + "': " + file.errorString().toStdString());
  }
  stats.sections = index.size();
  stats.sectionIndex = indexPath.toStdString();
  return {};
}

/// One chunk of the export: the piece starts of the whole export are the places it may be cut,
/// and chunk k starts at the one nearest k/N of the frames (each chunk at least one piece), so
/// every machine that asks for chunk k of the same export gets the same frames, and their pieces
/// are the whole export's own.
Result<ExportStats> runChunk(const std::shared_ptr<const Timeline>& timeline, const Run& run,
                             const ExportSettings::Chunk& chunk, const VideoFormat* format) {
  if (!format || !format->pieces) {
    return Error(ErrorCode::InvalidArgument, "only an H.264 MP4 is rendered in chunks",
                 "name the output something.mp4, and join the chunks with attnplay-cli join");
  }
  if (chunk.count < 1 || chunk.index < 0 || chunk.index >= chunk.count)
    return Error(ErrorCode::InvalidArgument, "a chunk is K/N with 0 ≤ K < N");
  if (run.settings.sections) return Error(ErrorCode::InvalidArgument, "a chunk has no sections of its own");
  const std::vector<PiecePlan> pieces = planPieces(run);
  if (run.cancelled()) return cancelledError();
  const auto n = static_cast<std::size_t>(chunk.count);
  if (pieces.size() < n) {
    return Error(ErrorCode::InvalidArgument,
                 "the export has " + std::to_string(pieces.size()) + " pieces, too few for " +
                     std::to_string(chunk.count) + " chunks",
                 "give at most --chunk K/" + std::to_string(pieces.size()));
  }
  std::vector<std::size_t> cut = {0};  // the piece each chunk starts at
  for (std::size_t k = 1; k < n; ++k) {
    const std::int64_t target = run.total * static_cast<std::int64_t>(k) / chunk.count;
    std::size_t best = cut.back() + 1;
    for (std::size_t j = best; j + (n - k) <= pieces.size(); ++j) {
      if (std::abs(pieces[j].first - target) < std::abs(pieces[best].first - target)) best = j;
    }
    cut.push_back(best);
  }
  const auto k = static_cast<std::size_t>(chunk.index);
  const std::int64_t first = pieces[cut[k]].first;
  const std::int64_t end = k + 1 < n ? pieces[cut[k + 1]].first : run.total;
  ExportSettings part = run.settings;
  part.chunk.reset();
  part.from = run.timeOf(first);
  part.to = run.timeOf(end);
  part.comment = "attnplay chunk " + std::to_string(chunk.index) + "/" + std::to_string(chunk.count) + " frames " +
                 std::to_string(first) + "-" + std::to_string(end) + " of " + std::to_string(run.total);
  const std::int64_t total = run.total;
  auto stats = ExportJob(timeline, part).run(run.progress, run.cancel);
  if (!stats) return stats;
  stats->chunkFirst = first;
  stats->chunkEnd = end;
  stats->chunkOf = total;
  return stats;
}

}  // namespace

Result<JoinStats> joinVideos(const std::vector<std::string>& inputs, const std::string& output) {
  if (inputs.empty()) return Error(ErrorCode::InvalidArgument, "nothing to join", "name the chunks to join");
  if (auto f = formatForOutput(output, ""); !f || !(*f)->pieces)
    return Error(ErrorCode::InvalidArgument, "the joined file is an H.264 MP4", "name it something.mp4");
  if (Status s = checkFolder(output); !s) return s.error();
  if (Status s = checkOutputTarget(output, inputs); !s) return s.error();
  auto codecs = codecModule();
  if (!codecs) return codecs.error();
  const std::string temporary = temporaryBeside(output);
  auto stats = (*codecs)->join(inputs, temporary);
  std::error_code ec;
  if (!stats) {
    fs::remove(temporary, ec);
    return stats;
  }
  fs::rename(temporary, output, ec);
  if (ec) {
    fs::remove(temporary, ec);
    return Error(ErrorCode::IoError, "cannot write '" + output + "': " + ec.message());
  }
  stats->inputs = static_cast<std::int64_t>(inputs.size());
  stats->bytes = fs::file_size(output, ec);
  return stats;
}

std::vector<SectionRange> sectionsOf(const Timeline& timeline) {
  std::vector<SectionRange> out;
  for (const Segment& s : timeline.segments()) {
    const std::string name = s.section.empty() ? "autocreated" : s.section;
    if (out.empty() || out.back().name != name) out.push_back({name, s.start, s.end});
    out.back().end = s.end;
  }
  return out;
}

Result<ExportStats> ExportJob::run(const std::function<void(const ExportProgress&)>& progress,
                                   const std::atomic<bool>* cancel) {
  const auto start = Clock::now();
  auto pattern = parseSequencePattern(settings_.output);
  if (!pattern) return pattern.error();
  const std::optional<SequencePattern> sequence = *pattern;
  const bool png = sequence.has_value();
  const VideoSettings& v = settings_.video;
  if (v.fps <= 0 || !std::isfinite(v.fps)) return Error(ErrorCode::InvalidArgument, "the frame rate must be above 0");
  if (settings_.to && *settings_.to <= settings_.from) {
    return Error(ErrorCode::InvalidArgument, "the range ends before it starts", "give --from before --to");
  }
  // A range past the scene's end would only repeat its last frame, possibly for billions of frames.
  const double end = timeline_->duration();
  if (settings_.from < 0 || settings_.from > end || (settings_.to && *settings_.to > end + 1e-9)) {
    return Error(ErrorCode::InvalidArgument,
                 "the range " + QString::number(settings_.from).toStdString() + " s to " +
                     QString::number(settings_.to.value_or(end)).toStdString() +
                     " s is not inside the scene, which ends at " + QString::number(end).toStdString() + " s",
                 "leave out --to to export to the end");
  }
  const std::int64_t total = frameCount();
  if (total == 0)
    return Error(ErrorCode::InvalidArgument, "there are no frames to export", "the scene or range is empty");
  const VideoFormat* format = nullptr;
  if (!png) {
    auto chosen = formatForOutput(settings_.output, settings_.format);
    if (!chosen) return chosen.error();
    format = *chosen;
    if (settings_.transparent && !format->alphaPixelFormat) {
      return Error(
          ErrorCode::InvalidArgument, std::string("a ") + format->name + " video has no alpha channel",
          "for a transparent background write a .mov (ProRes 4444), .webm (VP9), .mkv (FFV1), .gif or PNG files");
    }
    if (Status s = checkVideoSettings(v); !s) return s.error();
    if (std::string(format->name) == "gif" && v.fps > 50 + 1e-9) {
      // GIF delays are whole hundredths of a second, and browsers show anything under two as ten.
      return Error(ErrorCode::InvalidArgument,
                   "a GIF cannot play at " + QString::number(v.fps).toStdString() +
                       " frames per second: its frame delays are hundredths of a second, and browsers slow "
                       "delays under 2/100 s to 1/10 s",
                   "give --fps 50 or lower (25 or 20 suits a GIF), or -ql (15 frames per second)");
    }
  }
  if (Status s = checkFolder(png ? sequence->nameOf(0) : settings_.output); !s) return s.error();
  // Every name the export will write, checked before the first frame: nothing the run reads,
  // no device.
  for (std::int64_t i = 0; i < (png ? total : 1); ++i) {
    if (Status s = checkOutputTarget(png ? sequence->nameOf(i) : settings_.output, settings_.inputs); !s)
      return s.error();
  }

  const int threads = settings_.threads > 0 ? settings_.threads : std::max(1u, std::thread::hardware_concurrency());
  const Run run{*timeline_, settings_, total, threads, progress, cancel, start};
  if (settings_.chunk) return runChunk(timeline_, run, *settings_.chunk, format);
  const bool gif = format && std::string(format->name) == "gif";
  auto stats = png              ? runSequence(run, *sequence)
               : format->pieces ? runVideo(run)
               : gif            ? runGif(run)
                                : runStream(run, *format);
  if (!stats) return stats;
  if (settings_.sections && !png) {
    if (Status s = writeSections(timeline_, settings_, *format, cancel, *stats); !s) return s.error();
  }
  stats->frames = total;
  stats->duration = static_cast<double>(total) / v.fps;
  stats->wallSeconds = seconds(Clock::now() - start);
  return stats;
}

}  // namespace attnplay
