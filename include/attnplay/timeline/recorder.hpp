// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "attnplay/animation/build.hpp"
#include "attnplay/base/error.hpp"
#include "attnplay/timeline/timeline.hpp"

namespace attnplay {

/// Options of play(): applied to every animation in it, as Manim's play(**kwargs) does.
struct PlayOptions {
  std::optional<double> runTime, lagRatio;
  std::optional<RateFunc> rate;
};

/// Manim's per-frame updates (Scene.update_mobjects): the scene's updaters, which its language
/// runs. The Recorder decides when they run, as Manim's play and wait do; this, what runs.
class FrameUpdates {
 public:
  virtual ~FrameUpdates() = default;
  /// Whether a mobject on stage has an updater; with `timeBased`, one that takes dt (Manim steps
  /// a wait frame by frame only for those, and shows a frozen frame otherwise).
  virtual bool active(bool timeBased) const = 0;
  /// Runs the updaters of `roots` and their families in Manim's order, leaving out `frozen`
  /// (what animations are moving: Manim suspends their updating).
  virtual Status update(double dt, const std::vector<MobjectId>& roots,
                        const std::unordered_set<MobjectId>& frozen) = 0;
};

/// Records what a scene does — play, wait, sections — into a Timeline. It keeps the scene graph
/// at the state the scene sees: after play(), every animation's end state. What an animation
/// means is the animation module's; the Recorder only places, stages and records.
class Recorder {
 public:
  explicit Recorder(SceneGraph& graph) : graph_(graph) {}

  /// Longest a scene may last: beyond it frame counts and times stop being exact.
  static constexpr double kMaxSceneSeconds = 24 * 3600;

  Status play(const std::vector<AnimationSpec>& animations, const PlayOptions& options);
  /// Manim's wait: `frozenFrame` true holds the frame whatever updaters there are; false steps
  /// through it with them; unset steps only for updaters that take dt.
  Status wait(double seconds, std::optional<bool> frozenFrame = std::nullopt);
  void nextSection(std::string name) { pendingSection_ = std::move(name); }
  /// From now on, play() and wait() step through their frames at `fps` whenever updaters are
  /// on stage, recording each frame as it is then. Null: no updates (the default).
  void setFrameUpdates(FrameUpdates* updates, double fps) {
    updates_ = updates;
    fps_ = fps;
  }
  /// From now on the camera looks through `frame` (a MovingCameraScene's camera.frame): each
  /// frame shows the part of the scene the frame covers then, on stage or not.
  void setCameraFrame(MobjectId frame) { cameraFrame_ = frame; }
  /// Most a scene's stepped frames may hold, in bytes: beyond it recording stops with an error.
  static constexpr std::size_t kMaxSteppedBytes = std::size_t{1} << 30;

  /// The recorded timeline, with the stage as the scene left it as its final state.
  std::shared_ptr<const Timeline> finish(double fps, const Color& background = Color{0, 0, 0}) const;

 private:
  Status record(const std::vector<AnimationSpec>& animations, const PlayOptions& options,
                std::optional<bool> frozenFrame);
  /// Steps `built` frame by frame with the updaters, into segment.frames, as Manim's
  /// play_internal does; leaves the graph at the end state.
  Status stepThrough(Segment& segment, const std::vector<BuiltAnimation>& built,
                     const std::unordered_map<MobjectId, int>& owner, double duration);
  /// What the stage shows now: each animated member through its placement, the rest as it stands.
  /// With `share`, a still item keeps the path it had in the frame before when it has not changed.
  using PathShare = std::unordered_map<MobjectId, std::shared_ptr<const Path>>;
  std::vector<Slot> slotsNow(const std::unordered_map<MobjectId, int>& owner, PathShare* share = nullptr) const;
  /// Where the camera looks as the graph stands.
  View viewNow() const;

  SceneGraph& graph_;
  FrameUpdates* updates_ = nullptr;
  double fps_ = 60;
  std::size_t steppedBytes_ = 0;
  std::vector<Segment> segments_;
  double time_ = 0;
  std::string pendingSection_;
  std::string currentSection_;
  std::optional<MobjectId> cameraFrame_;
};

}  // namespace attnplay
