// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <atomic>
#include <map>
#include <memory>
#include <optional>

#include "attnplay/script/scene_script.hpp"
#include "attnplay/timeline/timeline.hpp"

namespace attnplay::app {

/// The player's state: the open scene, its timeline and the playhead. Widgets show it and ask
/// it for changes; they hold no domain state of their own.
class PlayerController : public QObject {
  Q_OBJECT

 public:
  explicit PlayerController(QObject* parent = nullptr);
  /// Stops a script still running for it.
  ~PlayerController() override { stopRuns_->store(true); }

  /// Runs a scene file; on success it becomes the open scene. On a script error the last good
  /// timeline stays and `errorChanged` reports the message with its location. Returns when the
  /// run is done; the window keeps painting meanwhile.
  bool open(const QString& path);
  /// Runs the open scene again, keeping the playhead's time.
  bool reload();
  /// Runs every scene script in a child of this executable first (see script_sandbox.hpp), so a
  /// scene that crashes the JavaScript engine shows an error instead of ending the player.
  void setScriptSandbox(const QString& executable) { sandbox_ = executable.toStdString(); }

  const QString& scenePath() const { return path_; }
  std::shared_ptr<const Timeline> timeline() const { return timeline_; }
  const QString& error() const { return error_; }
  const std::vector<ParamDecl>& params() const { return params_; }
  /// The values given to parameters, by name, as JSON; they persist in the scene's sidecar.
  const std::map<std::string, std::string>& overrides() const { return overrides_; }
  /// Gives a parameter a value (JSON) and re-runs the scene off the UI thread; the playhead stays.
  void setParam(const std::string& name, const std::string& json);
  /// Forgets every given value: the scene's defaults again.
  void resetParams() { setOverrides({}); }
  /// Replaces every given value at once (reset, and undoing a reset).
  void setOverrides(std::map<std::string, std::string> values);

  double fps() const { return timeline_ ? timeline_->fps() : 60.0; }
  double duration() const { return timeline_ ? timeline_->duration() : 0.0; }
  std::int64_t frameCount() const;
  std::int64_t frame() const { return frame_; }
  /// The playhead's time: frame / fps, computed fresh.
  double time() const { return static_cast<double>(frame_) / fps(); }
  FrameState frameState() const;

  bool playing() const { return playing_; }
  bool looping() const { return loop_; }
  double speed() const { return speed_; }

 public Q_SLOTS:
  void seekFrame(std::int64_t frame);
  void seekTime(double seconds);
  void stepFrames(int delta);
  void previousSegment();
  void nextSegment();
  void goToStart() { seekFrame(0); }
  void goToEnd() { seekFrame(frameCount()); }
  void play();
  void pause();
  void togglePlay() { playing_ ? pause() : play(); }
  void setLooping(bool loop);
  void setSpeed(double speed);

 Q_SIGNALS:
  void sceneChanged();  ///< a new timeline (open, reload)
  void frameChanged();  ///< the playhead moved
  void playingChanged(bool playing);
  void errorChanged(const QString& error);
  void recentFilesChanged();
  void paramsChanged();  ///< new declared parameters or values (after a re-run)
  void runFinished(std::uint64_t generation);

 private:
  void tick();
  /// The one way a scene runs — open, reload, a parameter edit: on a pool thread, its result
  /// adopted on this thread unless a newer run started meanwhile. Returns the run's number.
  std::uint64_t startRun(const QString& path, bool keepTime);
  void finishRun(std::uint64_t generation, const QString& path, bool keepTime, Result<LoadedScene> scene);
  /// Waits (events still flowing) until run `generation` is done; true when it succeeded.
  bool waitForRun(std::uint64_t generation);
  void rerun();
  ScriptOptions scriptOptions(const QString& path) const;

  QString path_;
  std::shared_ptr<const Timeline> timeline_;
  std::vector<ParamDecl> params_;
  std::map<std::string, std::string> overrides_;
  std::uint64_t generation_ = 0;  ///< the newest run; older results are dropped
  /// generation_ as the pool threads see it: a run that is already stale when its thread starts
  /// (a weight drag asks for many) is skipped.
  std::shared_ptr<std::atomic<std::uint64_t>> newest_ = std::make_shared<std::atomic<std::uint64_t>>(0);
  std::string sandbox_;
  std::shared_ptr<std::atomic<bool>> stopRuns_ = std::make_shared<std::atomic<bool>>(false);
  std::uint64_t finished_ = 0;  ///< the newest run that is done
  bool lastRunOk_ = false;
  QString error_;
  std::int64_t frame_ = 0;
  bool playing_ = false, loop_ = false;
  double speed_ = 1.0;
  QTimer ticker_;
  QElapsedTimer clock_;
  std::int64_t clockStartFrame_ = 0;
  QFileSystemWatcher watcher_;
};

}  // namespace attnplay::app
