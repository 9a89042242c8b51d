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

bool PlayerController::open(const QString& path) {
  if (path != path_) {
    // A new scene brings its own sidecar of edited parameters, if it has one.
    overrides_.clear();
    const std::string sidecar = paramsSidecarPath(path.toStdString());
    if (QFileInfo::exists(QString::fromStdString(sidecar))) {
      if (auto saved = readParamsFile(sidecar)) overrides_ = *saved;
    }
  }
  return waitForRun(startRun(path, false));
}

bool PlayerController::reload() { return path_.isEmpty() ? false : waitForRun(startRun(path_, true)); }

ScriptOptions PlayerController::scriptOptions(const QString& path) const {
  ScriptOptions options;
  options.overrides = overrides_;
  // Edited values live in the sidecar; a message about one names it.
  const std::string sidecar = "the sidecar '" + paramsSidecarPath(path.toStdString()) + "'";
  for (const auto& entry : overrides_) options.overrideSources[entry.first] = sidecar;
  options.ignoreUnknownOverrides = true;  // a sidecar may name parameters the scene dropped
  options.sandboxExecutable = sandbox_;
  return options;
}

std::uint64_t PlayerController::startRun(const QString& path, bool keepTime) {
  const std::uint64_t generation = ++generation_;
  newest_->store(generation);
  ScriptOptions options = scriptOptions(path);
  QPointer<PlayerController> self(this);
  QThreadPool::globalInstance()->start(
      [self, generation, path, keepTime, options, newest = newest_, stop = stopRuns_]() mutable {
        options.cancel = stop.get();
        auto scene = std::make_shared<Result<LoadedScene>>(
            newest->load() != generation ? Result<LoadedScene>(Error(ErrorCode::Cancelled, "superseded by a newer run"))
                                         : loadSceneFile(path.toStdString(), options));
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, generation, path, keepTime, scene] {
          if (self) self->finishRun(generation, path, keepTime, std::move(*scene));
        });
      });
  return generation;
}

void PlayerController::finishRun(std::uint64_t generation, const QString& path, bool keepTime,
                                 Result<LoadedScene> scene) {
  finished_ = std::max(finished_, generation);
  if (generation != generation_) {
    Q_EMIT runFinished(generation);  // a newer run decides what the player shows
    return;
  }
  lastRunOk_ = scene.ok();
  if (!scene) {
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
  }
  const double keptTime = time();
  timeline_ = scene->timeline;
  params_ = scene->params;
  error_.clear();
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
  if (overrides_.empty()) QFile::remove(QString::fromStdString(paramsSidecarPath(path_.toStdString())));
  rerun();
}

void PlayerController::rerun() {
  if (path_.isEmpty()) return;
  if (!overrides_.empty()) (void)writeParamsFile(paramsSidecarPath(path_.toStdString()), overrides_);
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
  if (frame_ >= frameCount()) frame_ = 0;
  playing_ = true;
  clockStartFrame_ = frame_;
  clock_.start();
  ticker_.start();
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
  speed_ = std::clamp(speed, 0.25, 2.0);
  if (playing_) {
    clockStartFrame_ = frame_;
    clock_.restart();
  }
}

void PlayerController::tick() {
  // The frame comes from the clock, never from adding up ticks: a slow frame is dropped, and
  // playback does not drift.
  const double elapsed = static_cast<double>(clock_.nsecsElapsed()) / 1e9;
  std::int64_t target = clockStartFrame_ + static_cast<std::int64_t>(std::floor(elapsed * speed_ * fps()));
  const std::int64_t total = frameCount();
  if (target >= total) {
    if (loop_ && total > 0) {
      clockStartFrame_ = 0;
      clock_.restart();
      target = 0;
    } else {
      frame_ = total;
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
