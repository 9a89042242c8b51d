// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
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
  /// Stops the scripts still running for it and waits for them: a script run must not outlive the
  /// application (its engine needs the QCoreApplication).
  ~PlayerController() override;

  /// Runs a scene file; on success it becomes the open scene. On a script error the last good
  /// timeline stays and `errorChanged` reports the message with its location. Returns when the
  /// run is done; the window keeps painting meanwhile.
  bool open(const QString& path);
  /// Runs scene `sceneName` of a file that defines several (a Python file's Scene class).
  bool open(const QString& path, const QString& sceneName);
  /// The scene of the open file that runs; empty when the file holds one.
  const QString& sceneName() const { return sceneName_; }
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
  /// Playback speed; negative plays backwards (J).
  double speed() const { return speed_; }
  /// True while a script run is under way: what the player shows is from the run before.
  bool running() const { return finished_ < generation_; }

  /// The in and out points (frames), when set: they bound looping and the export's range.
  std::optional<std::int64_t> inPoint() const { return in_; }
  std::optional<std::int64_t> outPoint() const { return out_; }
  /// The range playback loops over and the export proposes: [in or 0, out or the last frame].
  std::int64_t rangeStart() const { return in_.value_or(0); }
  std::int64_t rangeEnd() const { return out_.value_or(frameCount()); }

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
  /// Forward speed, from 0.25 to 8 times real time.
  void setSpeed(double speed);
  /// J and L: play in `direction` (−1 backwards, +1 forwards) at normal speed, or, when already
  /// playing that way, twice as fast (up to 8×).
  void shuttle(int direction);
  void stepSeconds(double seconds);
  /// The playhead becomes the in (out) point; an out point before it (in point after it) goes.
  void setInPoint();
  void setOutPoint();
  void clearInOut();

 Q_SIGNALS:
  void sceneChanged();  ///< a new timeline (open, reload)
  void frameChanged();  ///< the playhead moved
  void playingChanged(bool playing);
  void speedChanged(double speed);
  void rangeChanged();  ///< the in or out point moved
  void runningChanged(bool running);
  void errorChanged(const QString& error);
  void recentFilesChanged();
  void paramsChanged();  ///< new declared parameters or values (after a re-run)
  void runFinished(std::uint64_t generation);

 public:
  /// How the scene at `path` runs now: the parameters as they stand (edits over the sidecar),
  /// the sandbox, the scene's folder. Export Variants runs each variant from these.
  ScriptOptions scriptOptions(const QString& path) const;

 private:
  void tick();
  /// The one way a scene runs — open, reload, a parameter edit: on a pool thread, its result
  /// adopted on this thread unless a newer run started meanwhile. Returns the run's number.
  /// `fromSidecar`: the values were read from the sidecar, so one the scene rejects is dropped
  /// (and reported) rather than keeping the scene from loading.
  std::uint64_t startRun(const QString& path, bool keepTime, bool fromSidecar = false);
  /// What one run produced, with the values it ran with and the sidecar values it had to drop.
  struct RunResult {
    Result<LoadedScene> scene;
    std::map<std::string, std::string> overrides;
    std::map<std::string, std::string> rejected;  ///< sidecar values the scene refused
    QString rejection;                            ///< why, as the scene said it
  };
  void finishRun(std::uint64_t generation, const QString& path, bool keepTime, RunResult run);
  /// Waits (events still flowing) until run `generation` is done; true when it succeeded.
  bool waitForRun(std::uint64_t generation);
  void rerun();

  QString path_;
  QString sceneName_;
  std::shared_ptr<const Timeline> timeline_;
  std::vector<ParamDecl> params_;
  std::map<std::string, std::string> overrides_;
  std::map<std::string, std::string> saved_;  ///< what the sidecar holds
  QString sidecarProblem_;                    ///< why the sidecar could not be read, to tell after the run
  std::uint64_t generation_ = 0;              ///< the newest run; older results are dropped
  /// generation_ as the pool threads see it: a run that is already stale when its thread starts
  /// (a weight drag asks for many) is skipped.
  std::shared_ptr<std::atomic<std::uint64_t>> newest_ = std::make_shared<std::atomic<std::uint64_t>>(0);
  std::string sandbox_;
  std::shared_ptr<std::atomic<bool>> stopRuns_ = std::make_shared<std::atomic<bool>>(false);
  /// The runs started and not yet ended, for the destructor to wait on.
  struct InFlight {
    std::mutex mutex;
    std::condition_variable ended;
    int count = 0;
  };
  std::shared_ptr<InFlight> inFlight_ = std::make_shared<InFlight>();
  std::uint64_t finished_ = 0;  ///< the newest run that is done
  bool lastRunOk_ = false;
  QString error_;
  std::int64_t frame_ = 0;
  bool playing_ = false, loop_ = false;
  double speed_ = 1.0;
  QTimer ticker_;
  QElapsedTimer clock_;
  std::int64_t clockStartFrame_ = 0;
  std::int64_t playFrom_ = 0, playTo_ = 0;  ///< where playback stops or loops, fixed when it starts
  std::optional<std::int64_t> in_, out_;
  QFileSystemWatcher watcher_;
};

}  // namespace attnplay::app
