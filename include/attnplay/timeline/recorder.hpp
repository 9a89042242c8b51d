// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <optional>
#include <string>
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

/// Records what a scene does — play, wait, sections — into a Timeline. It keeps the scene graph
/// at the state the scene sees: after play(), every animation's end state. What an animation
/// means is the animation module's; the Recorder only places, stages and records.
class Recorder {
 public:
  explicit Recorder(SceneGraph& graph) : graph_(graph) {}

  /// Longest a scene may last: beyond it frame counts and times stop being exact.
  static constexpr double kMaxSceneSeconds = 24 * 3600;

  Status play(const std::vector<AnimationSpec>& animations, const PlayOptions& options);
  Status wait(double seconds);
  void nextSection(std::string name) { pendingSection_ = std::move(name); }

  /// The recorded timeline, with the stage as the scene left it as its final state.
  std::shared_ptr<const Timeline> finish(double fps, const Color& background = Color{0, 0, 0}) const;

 private:
  SceneGraph& graph_;
  std::vector<Segment> segments_;
  double time_ = 0;
  std::string pendingSection_;
  std::string currentSection_;
};

}  // namespace attnplay
