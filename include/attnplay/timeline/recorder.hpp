// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "attnplay/base/error.hpp"
#include "attnplay/timeline/timeline.hpp"

namespace attnplay {

/// An animation as a script asks for it, before it is recorded against the scene's state.
struct AnimationSpec {
  std::string kind;  ///< "Create", "Write", "Transform", "AnimationGroup", "Wait", …
  std::optional<MobjectId> target;
  std::optional<MobjectId> other;  ///< Transform's end mobject; GrowFromPoint's point is `point`
  std::optional<double> runTime, lagRatio;
  std::optional<RateFunc> rate;
  std::optional<Vec2> point;           ///< GrowFromPoint, Flash
  std::optional<Vec2> edge;            ///< GrowFromEdge
  std::optional<Vec2> shift;           ///< FadeIn/FadeOut
  std::optional<Vec2> targetPosition;  ///< FadeIn/FadeOut
  double scale = 1;                    ///< FadeIn/FadeOut; Indicate's scale factor
  std::optional<Color> color;          ///< Indicate, Flash, Circumscribe
  std::optional<double> timeWidth;     ///< ShowPassingFlash, Circumscribe, Flash
  std::string methodName;              ///< for .animate: the methods called, for the segment table
  std::vector<AnimationSpec> children;
};

/// Options of play(): applied to every animation in it, as Manim's play(**kwargs) does.
struct PlayOptions {
  std::optional<double> runTime, lagRatio;
  std::optional<RateFunc> rate;
};

/// Records what a script does — add, remove, play, wait, sections — into a Timeline. It keeps the
/// scene graph at the state the script sees: after play(), every animation's end state.
class Recorder {
 public:
  explicit Recorder(SceneGraph& graph) : graph_(graph) {}

  Status play(const std::vector<AnimationSpec>& animations, const PlayOptions& options);
  void wait(double seconds);
  void nextSection(std::string name) { pendingSection_ = std::move(name); }

  /// The recorded timeline, with the stage as the script left it as its final state.
  std::shared_ptr<const Timeline> finish(double fps);

 private:
  SceneGraph& graph_;
  Timeline timeline_;
  double time_ = 0;
  std::string pendingSection_;
  std::string currentSection_;
};

}  // namespace attnplay
