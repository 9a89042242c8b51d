// SPDX-License-Identifier: MIT
#include "attnplay/export/export_job.hpp"

#include <QFile>
#include <QFileInfo>
#include <cctype>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "attnplay/base/output_file.hpp"
#include "attnplay/render/renderer.hpp"

namespace attnplay {

namespace fs = std::filesystem;

namespace {

/// Memory an export may hold beside the encoder: frames waiting for it, and the still runs the
/// renderers keep.
constexpr std::int64_t kInFlightBytes = std::int64_t{24} << 20;
constexpr std::size_t kRenderCacheBytes = std::size_t{48} << 20;

using Clock = std::chrono::steady_clock;

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

/// A rendered frame on its way to the encoder: YUV for video, the image for PNGs.
struct Rendered {
  std::shared_ptr<const YuvFrame> yuv;
  QImage image;
};

/// A frame made only of still runs is the same picture wherever it recurs (a wait, say):
/// its runs' keys name it. 0 when something in it moves.
std::uint64_t stillSignature(const FrameState& frame) {
  if (frame.layers.empty()) return 0;
  std::uint64_t h = 1469598103934665603ull;
  for (const Layer& layer : frame.layers) {
    if (layer.key == 0) return 0;
    h = (h ^ layer.key) * 1099511628211ull;
    h = (h ^ layer.end) * 1099511628211ull;
  }
  return h;
}

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
  if (Status s = checkFolder(png ? sequence->nameOf(0) : settings_.output); !s) return s.error();
  // Every name the export will write, checked before the first frame: nothing the run reads,
  // no device.
  for (std::int64_t i = 0; i < (png ? total : 1); ++i) {
    if (Status s = checkOutputTarget(png ? sequence->nameOf(i) : settings_.output, settings_.inputs); !s)
      return s.error();
  }

  // Output: a temporary file renamed at the end, or PNGs whose names are kept to clean up.
  const std::string temporary = png ? std::string() : temporaryBeside(settings_.output);
  std::unique_ptr<VideoEncoder> encoder;
  if (!png) {
    auto opened = VideoEncoder::open(temporary, v);
    if (!opened) {
      std::error_code ec;
      fs::remove(temporary, ec);
      return opened.error();
    }
    encoder = std::move(opened).value();
  }
  // PNG frames go to temporary names first and take their own names only once every frame is
  // written, so a failed or cancelled sequence leaves the user's files as they were.
  std::vector<std::pair<std::string, std::string>> written;  // temporary, final
  auto abandon = [&](Error error) -> Result<ExportStats> {
    encoder.reset();
    std::error_code ec;
    if (!temporary.empty()) fs::remove(temporary, ec);
    for (const auto& f : written) fs::remove(f.first, ec);
    return error;
  };

  // Workers render (and convert) frames in any order; this thread takes them in order.
  const int threads = settings_.threads > 0 ? settings_.threads : std::max(1u, std::thread::hardware_concurrency());
  // Frames rendered ahead of the encoder, bounded by bytes so that 4K holds as little memory as
  // 1080p: a worker each and one more at least, two each at most.
  const std::int64_t frameBytes = png ? std::int64_t{v.width} * v.height * 4 : std::int64_t{v.width} * v.height * 3 / 2;
  const std::int64_t window =
      std::clamp<std::int64_t>(kInFlightBytes / std::max<std::int64_t>(1, frameBytes), threads + 1, 2 * threads + 2);
  std::mutex mutex;
  std::condition_variable ready, room;
  std::map<std::int64_t, Rendered> done;
  std::int64_t nextToRender = 0, nextToEncode = 0;
  bool stop = false;
  double renderSeconds = 0, convertSeconds = 0;
  std::map<std::uint64_t, std::shared_ptr<const YuvFrame>> stills;  // converted still frames, by signature

  auto worker = [&] {
    FrameRenderer renderer;
    renderer.setCacheBudget(kRenderCacheBytes / static_cast<std::size_t>(threads));  // shared out, not per thread
    std::unique_ptr<ColorConverter> converter;
    if (!png) converter = std::make_unique<ColorConverter>(v.width, v.height);
    while (true) {
      std::int64_t index;
      {
        std::unique_lock lock(mutex);
        room.wait(lock, [&] { return stop || nextToRender < std::min(total, nextToEncode + window); });
        if (stop || nextToRender >= total) return;
        index = nextToRender++;
      }
      const auto t0 = Clock::now();
      const double time = settings_.from + static_cast<double>(index) / v.fps;
      const FrameState state = timeline_->evaluate(time);
      Rendered r;
      const std::uint64_t signature = png ? 0 : stillSignature(state);
      if (signature != 0) {
        std::lock_guard lock(mutex);
        if (auto it = stills.find(signature); it != stills.end()) r.yuv = it->second;
      }
      if (r.yuv) {
        std::lock_guard lock(mutex);
        done.emplace(index, std::move(r));
        ready.notify_all();
        continue;
      }
      QImage image = renderer.render(state, QSize(v.width, v.height));
      const auto t1 = Clock::now();
      if (png) {
        r.image = std::move(image);
      } else {
        r.yuv = std::make_shared<const YuvFrame>(converter->convert(image));
      }
      const auto t2 = Clock::now();
      if (signature != 0) {
        std::lock_guard lock(mutex);
        if (stills.size() > 2) stills.clear();  // only the latest still segments come back
        stills.emplace(signature, r.yuv);
      }
      {
        std::lock_guard lock(mutex);
        renderSeconds += seconds(t1 - t0);
        convertSeconds += seconds(t2 - t1);
        done.emplace(index, std::move(r));
      }
      ready.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) pool.emplace_back(worker);
  auto stopWorkers = [&] {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    room.notify_all();
    for (auto& t : pool) t.join();
    pool.clear();
  };

  double encodeSeconds = 0;
  for (std::int64_t index = 0; index < total; ++index) {
    Rendered frame;
    {
      std::unique_lock lock(mutex);
      ready.wait(lock, [&] { return done.count(index) > 0; });
      frame = std::move(done.at(index));
      done.erase(index);
      nextToEncode = index + 1;
    }
    room.notify_all();
    if (cancel && cancel->load()) {
      stopWorkers();
      return abandon(Error(ErrorCode::IoError, "the export was cancelled", "nothing was written"));
    }
    const auto t0 = Clock::now();
    if (png) {
      const std::string name = sequence->nameOf(index);
      const std::string part = temporaryBeside(name);
      written.emplace_back(part, name);
      QFile file(QString::fromStdString(part));
      if (!file.open(QIODevice::WriteOnly) || !frame.image.save(&file, "PNG") || !file.flush()) {
        const std::string why = file.errorString().toStdString();
        stopWorkers();
        return abandon(Error(ErrorCode::IoError, "cannot write '" + name + "': " + why,
                             "check that the folder is writable and the disk has room"));
      }
    } else if (Status s = encoder->add(*frame.yuv); !s) {
      stopWorkers();
      return abandon(s.error());
    }
    encodeSeconds += seconds(Clock::now() - t0);
    if (progress) {
      const double elapsed = seconds(Clock::now() - start);
      const double fps = elapsed > 0 ? static_cast<double>(index + 1) / elapsed : 0;
      progress({index + 1, total, fps, fps > 0 ? static_cast<double>(total - index - 1) / fps : 0});
    }
  }
  stopWorkers();

  ExportStats stats;
  if (!png) {
    const auto t0 = Clock::now();
    if (Status s = encoder->finish(); !s) return abandon(s.error());
    encodeSeconds += seconds(Clock::now() - t0);
    encoder.reset();
    std::error_code ec;
    fs::rename(temporary, settings_.output, ec);
    if (ec) return abandon(Error(ErrorCode::IoError, "cannot write '" + settings_.output + "': " + ec.message()));
    stats.bytes = fs::file_size(settings_.output, ec);
  } else {
    for (const auto& [part, name] : written) {
      std::error_code ec;
      fs::rename(part, name, ec);
      if (ec) return abandon(Error(ErrorCode::IoError, "cannot write '" + name + "': " + ec.message()));
      stats.bytes += fs::file_size(name, ec);
    }
  }
  stats.frames = total;
  stats.duration = static_cast<double>(total) / v.fps;
  stats.wallSeconds = seconds(Clock::now() - start);
  stats.renderSeconds = renderSeconds;
  stats.convertSeconds = convertSeconds;
  stats.encodeSeconds = encodeSeconds;
  return stats;
}

}  // namespace attnplay
