// SPDX-License-Identifier: MIT
#include "app/player_controller.hpp"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QThreadPool>
#include <algorithm>
#include <cmath>

namespace attnplay::app {

PlayerController::PlayerController(QObject* parent) : QObject(parent) {
  ticker_.setTimerType(Qt::PreciseTimer);
  ticker_.setInterval(4);  // well under a frame: the clock, not the timer, decides the frame
  connect(&ticker_, &QTimer::timeout, this, &PlayerController::tick);
  // Editors save by replacing the file, which drops it from the watch list: watch it again.
  connect(&watcher_, &QFileSystemWatcher::fileChanged, this, [this](const QString& changed) {
    if (changed != path_) return;
    if (!watcher_.files().contains(path_) && QFileInfo::exists(path_)) watcher_.addPath(path_);
    reload();
  });
}

std::int64_t PlayerController::frameCount() const {
  return static_cast<std::int64_t>(std::llround(duration() * fps()));
}

FrameState PlayerController::frameState() const {
  if (!timeline_) return {};
  return timeline_->evaluateFrame(frame_, fps());
}

bool PlayerController::open(const QString& path) { return open(path, QString()); }

bool PlayerController::open(const QString& path, const QString& sceneName) {
  const bool other = path != path_ || sceneName != sceneName_;
  sceneName_ = sceneName;
  if (other) {
    // A new scene brings its own sidecar of edited parameters, if it has one.
    overrides_.clear();
    saved_.clear();
    const std::string sidecar = paramsSidecarPath(path.toStdString(), sceneName_.toStdString());
    sidecarProblem_.clear();
    if (QFileInfo::exists(QString::fromStdString(sidecar))) {
      if (auto saved = readParamsFile(sidecar)) {
        overrides_ = saved_ = *saved;
      } else {
        // Said once the scene has run; the broken file stays until an edit replaces it.
        sidecarProblem_ = tr("%1\nwarning: the saved parameters cannot be read, so the scene runs with its "
                             "defaults; an edit in the panel writes the file again")
                              .arg(QString::fromStdString(saved.error().format()));
      }
    }
    return waitForRun(startRun(path, false, !overrides_.empty()));
  }
  return waitForRun(startRun(path, false));
}

bool PlayerController::reload() { return path_.isEmpty() ? false : waitForRun(startRun(path_, true)); }

ScriptOptions PlayerController::scriptOptions(const QString& path) const {
  ScriptOptions options;
  options.overrides = overrides_;
  // Edited values live in the sidecar; a message about one names it.
  const std::string sidecar = "the sidecar '" + paramsSidecarPath(path.toStdString(), sceneName_.toStdString()) + "'";
  for (const auto& entry : overrides_) options.overrideSources[entry.first] = sidecar;
  options.ignoreUnknownOverrides = true;  // a sidecar may name parameters the scene dropped
  options.sandboxExecutable = sandbox_;
  options.sceneName = sceneName_.toStdString();
  return options;
}

namespace {

ScriptOptions without(ScriptOptions options, const std::string& name) {
  options.overrides.erase(name);
  options.overrideSources.erase(name);
  return options;
}

}  // namespace

PlayerController::~PlayerController() {
  stopRuns_->store(true);
  std::unique_lock lock(inFlight_->mutex);
  inFlight_->ended.wait(lock, [this] { return inFlight_->count == 0; });
}

std::uint64_t PlayerController::startRun(const QString& path, bool keepTime, bool fromSidecar) {
  const bool wasRunning = running();
  const std::uint64_t generation = ++generation_;
  newest_->store(generation);
  if (!wasRunning) Q_EMIT runningChanged(true);
  ScriptOptions options = scriptOptions(path);
  QPointer<PlayerController> self(this);
  {
    std::lock_guard lock(inFlight_->mutex);
    ++inFlight_->count;
  }
  QThreadPool::globalInstance()->start([self, generation, path, keepTime, options, fromSidecar, newest = newest_,
                                        stop = stopRuns_, inFlight = inFlight_]() mutable {
    struct Ended {
      InFlight& runs;
      ~Ended() {
        std::lock_guard lock(runs.mutex);
        --runs.count;
        runs.ended.notify_all();
      }
    } ended{*inFlight};
    if (stop->load()) return;  // the controller is gone or going: nothing to run for
    options.cancel = stop.get();
    auto run = std::make_shared<RunResult>(RunResult{
        newest->load() != generation ? Result<LoadedScene>(Error(ErrorCode::Cancelled, "superseded by a newer run"))
                                     : loadSceneFile(path.toStdString(), options),
        options.overrides,
        {},
        {}});
    if (!run->scene && fromSidecar && run->scene.error().code() != ErrorCode::Cancelled) {
      // Which saved value does the scene refuse? Without each in turn, then without them all.
      const Error refused = run->scene.error();
      for (const auto& [name, json] : options.overrides) {
        if (auto retry = loadSceneFile(path.toStdString(), without(options, name))) {
          run->scene = std::move(retry);
          run->rejected = {{name, json}};
          break;
        }
      }
      if (run->rejected.empty()) {
        ScriptOptions none = options;
        none.overrides.clear();
        none.overrideSources.clear();
        if (auto retry = loadSceneFile(path.toStdString(), none)) {
          run->scene = std::move(retry);
          run->rejected = options.overrides;
        }
      }
      if (!run->rejected.empty()) {
        for (const auto& entry : run->rejected) run->overrides.erase(entry.first);
        run->rejection = QString::fromStdString(refused.format());
      }
    }
    QMetaObject::invokeMethod(QCoreApplication::instance(), [self, generation, path, keepTime, run] {
      if (self) self->finishRun(generation, path, keepTime, std::move(*run));
    });
  });
  return generation;
}

void PlayerController::finishRun(std::uint64_t generation, const QString& path, bool keepTime, RunResult run) {
  finished_ = std::max(finished_, generation);
  if (!running()) Q_EMIT runningChanged(false);
  if (generation != generation_) {
    Q_EMIT runFinished(generation);  // a newer run decides what the player shows
    return;
  }
  Result<LoadedScene>& scene = run.scene;
  lastRunOk_ = scene.ok();
  if (!scene) {
    // The values stay (undo takes them back) but are not saved: the sidecar keeps the last good ones.
    error_ = QString::fromStdString(scene.error().format());
    Q_EMIT errorChanged(error_);
    // The file is still the one to watch: saving a fix reloads it.
    if (path_ != path && timeline_ == nullptr) path_ = path;
    if (!watcher_.files().contains(path) && QFileInfo::exists(path)) watcher_.addPath(path);
    Q_EMIT runFinished(generation);
    return;
  }
  if (path_ != path) {
    if (!watcher_.files().isEmpty()) watcher_.removePaths(watcher_.files());
    watcher_.addPath(path);
    path_ = path;
    in_.reset();
    out_.reset();
  }
  const double keptTime = time();
  timeline_ = scene->timeline;
  // A shorter scene keeps the in/out points that still fall inside it.
  if (in_ && *in_ > frameCount()) in_.reset();
  if (out_ && *out_ > frameCount()) out_.reset();
  Q_EMIT rangeChanged();
  params_ = scene->params;
  error_.clear();
  const std::string sidecar = paramsSidecarPath(path.toStdString(), sceneName_.toStdString());
  if (!run.rejected.empty()) {
    // The scene loads without them; say which saved values it refused, and why.
    overrides_ = run.overrides;
    QStringList names;
    for (const auto& entry : run.rejected) names << QStringLiteral("'%1'").arg(QString::fromStdString(entry.first));
    error_ = tr("%1: warning: the saved value of %2 was refused by the scene and is ignored; the scene runs "
                "without it\n%3")
                 .arg(QString::fromStdString(sidecar), names.join(QStringLiteral(", ")), run.rejection);
  }
  if (!sidecarProblem_.isEmpty()) {
    error_ = error_.isEmpty() ? sidecarProblem_ : error_ + QLatin1Char('\n') + sidecarProblem_;
    sidecarProblem_.clear();
  }
  // Only values the scene ran with are saved.
  if (run.overrides == overrides_ && (!run.rejected.empty() || run.overrides != saved_)) {
    if (overrides_.empty()) {
      QFile::remove(QString::fromStdString(sidecar));
    } else {
      (void)writeParamsFile(sidecar, overrides_);
    }
    saved_ = overrides_;
  }
  Q_EMIT errorChanged(error_);
  Q_EMIT sceneChanged();
  Q_EMIT paramsChanged();
  seekFrame(keepTime ? static_cast<std::int64_t>(std::llround(keptTime * fps())) : 0);
  Q_EMIT runFinished(generation);
}

bool PlayerController::waitForRun(std::uint64_t generation) {
  if (finished_ < generation) {
    QEventLoop loop;
    const auto done = connect(this, &PlayerController::runFinished, &loop, [&] {
      if (finished_ >= generation) loop.quit();
    });
    loop.exec();
    disconnect(done);
  }
  return generation == generation_ && lastRunOk_;
}

void PlayerController::setParam(const std::string& name, const std::string& json) {
  overrides_[name] = json;
  rerun();
}

void PlayerController::setOverrides(std::map<std::string, std::string> values) {
  overrides_ = std::move(values);
  rerun();
}

void PlayerController::rerun() {
  if (path_.isEmpty()) return;
  startRun(path_, true);
}

void PlayerController::seekFrame(std::int64_t frame) {
  frame_ = std::clamp<std::int64_t>(frame, 0, frameCount());
  if (playing_) {
    clockStartFrame_ = frame_;
    clock_.restart();
  }
  Q_EMIT frameChanged();
}

void PlayerController::seekTime(double seconds) { seekFrame(static_cast<std::int64_t>(std::llround(seconds * fps()))); }

void PlayerController::stepFrames(int delta) {
  pause();
  seekFrame(frame_ + delta);
}

void PlayerController::previousSegment() {
  if (!timeline_) return;
  // The start of the segment the playhead is in, or of the one before when already there.
  const double t = time();
  double target = 0;
  for (const Segment& s : timeline_->segments()) {
    if (s.start < t - 0.5 / fps()) target = s.start;
  }
  seekTime(target);
}

void PlayerController::nextSegment() {
  if (!timeline_) return;
  const double t = time();
  for (const Segment& s : timeline_->segments()) {
    if (s.start > t + 0.5 / fps()) {
      seekTime(s.start);
      return;
    }
  }
  goToEnd();
}

void PlayerController::play() {
  if (playing_ || !timeline_) return;
  // Inside the in/out range playback stays in it; from outside it runs to the scene's end.
  const bool forward = speed_ > 0;
  playFrom_ = frame_ >= rangeStart() ? rangeStart() : 0;
  playTo_ = frame_ <= rangeEnd() ? rangeEnd() : frameCount();
  if (forward && frame_ >= playTo_) frame_ = playFrom_;
  if (!forward && frame_ <= playFrom_) frame_ = playTo_;
  playing_ = true;
  clockStartFrame_ = frame_;
  clock_.start();
  ticker_.start();
  Q_EMIT frameChanged();
  Q_EMIT playingChanged(true);
}

void PlayerController::pause() {
  if (!playing_) return;
  playing_ = false;
  ticker_.stop();
  Q_EMIT playingChanged(false);
}

void PlayerController::setLooping(bool loop) { loop_ = loop; }

void PlayerController::setSpeed(double speed) {
  speed_ = std::clamp(speed, 0.25, 8.0);
  if (playing_) {
    clockStartFrame_ = frame_;
    clock_.restart();
  }
  Q_EMIT speedChanged(speed_);
}

void PlayerController::shuttle(int direction) {
  const double sign = direction < 0 ? -1.0 : 1.0;
  const bool sameWay = playing_ && speed_ * sign > 0;
  const double magnitude = sameWay ? std::min(8.0, std::abs(speed_) * 2) : 1.0;
  speed_ = sign * magnitude;
  if (playing_) {
    // Turning round keeps the range playback started with.
    clockStartFrame_ = frame_;
    clock_.restart();
  } else {
    play();
  }
  Q_EMIT speedChanged(speed_);
}

void PlayerController::stepSeconds(double seconds) {
  pause();
  seekFrame(frame_ + static_cast<std::int64_t>(std::llround(seconds * fps())));
}

void PlayerController::setInPoint() {
  if (!timeline_) return;
  in_ = frame_;
  if (out_ && *out_ <= frame_) out_.reset();
  Q_EMIT rangeChanged();
}

void PlayerController::setOutPoint() {
  if (!timeline_) return;
  out_ = frame_;
  if (in_ && *in_ >= frame_) in_.reset();
  Q_EMIT rangeChanged();
}

void PlayerController::clearInOut() {
  in_.reset();
  out_.reset();
  Q_EMIT rangeChanged();
}

void PlayerController::tick() {
  // The frame comes from the clock, never from adding up ticks: a slow frame is dropped, and
  // playback does not drift.
  const double elapsed = static_cast<double>(clock_.nsecsElapsed()) / 1e9;
  std::int64_t target = clockStartFrame_ + static_cast<std::int64_t>(elapsed * speed_ * fps());
  const bool pastEnd = speed_ > 0 ? target >= playTo_ : target <= playFrom_;
  if (pastEnd) {
    if (loop_ && playTo_ > playFrom_) {
      target = speed_ > 0 ? playFrom_ : playTo_;
      clockStartFrame_ = target;
      clock_.restart();
    } else {
      frame_ = speed_ > 0 ? playTo_ : playFrom_;
      Q_EMIT frameChanged();
      pause();
      return;
    }
  }
  if (target != frame_) {
    frame_ = target;
    Q_EMIT frameChanged();
  }
}

}  // namespace attnplay::app
