// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonValue>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "attnplay/animation/build.hpp"
#include "attnplay/attention/attention.hpp"
#include "attnplay/attention/numpy_random.hpp"
#include "attnplay/base/error.hpp"
#include "attnplay/scene/math_tex.hpp"
#include "attnplay/scene/scene_graph.hpp"
#include "attnplay/scene/shapes.hpp"
#include "attnplay/scene/text.hpp"
#include "attnplay/scene_api/run_options.hpp"
#include "attnplay/timeline/recorder.hpp"

namespace attnplay {

/// A parameter as a scene declares it with param(name, default, options).
struct ParamRequest {
  std::string name;
  QJsonValue fallback;              ///< the default
  std::optional<std::string> kind;  ///< inferred from the default when not given
  std::optional<std::string> label;
  std::optional<double> min, max;
  std::optional<std::pair<Color, Color>> colors;
  double colorScale = 1;
  std::vector<QJsonValue> choices;
};

/// The scene-building API that every scene language drives. It owns what one run of a scene
/// builds (graph, recorder, parameters, random state), checks what no single builder can
/// (handles, the object limit, parameter overrides), and gives each rule its one implementation:
/// a language host only decodes its own values and calls these.
class SceneBuilder {
 public:
  SceneBuilder(SceneGraph& graph, const ScriptOptions& options);

  /// `handle` as a mobject of this scene: an error for an id the scene never made.
  Result<MobjectId> resolve(std::int64_t handle) const;

  // Mobjects. Each checks the object limit before it builds.
  Result<MobjectId> add(Mobject mobject);
  /// Manim's Line and Arrow between points or mobjects: a mobject end stands for its boundary
  /// point facing the other end (Manim's _pointify).
  Result<MobjectId> line(const LayoutTarget& start, const LayoutTarget& end, double buff);
  Result<MobjectId> arrow(const LayoutTarget& start, const LayoutTarget& end, const ArrowOptions& options);
  Result<MobjectId> group(const std::vector<MobjectId>& members);
  Result<MobjectId> text(const std::string& text, const TextOptions& options);
  Result<MobjectId> mathTex(const std::vector<std::string>& parts, const MathTexOptions& options);
  Result<MobjectId> matrix(const std::vector<std::vector<std::string>>& cells, const MatrixOptions& options);
  Result<MobjectId> copy(MobjectId id);
  Status addChildren(MobjectId parent, const std::vector<MobjectId>& children);
  /// Submobject `index` (0-based), with Manim's message for one that is not there.
  Result<MobjectId> child(MobjectId id, double index) const;
  /// Manim's get_boundary_point: the anchor or handle furthest along a direction.
  Vec2 boundaryPoint(MobjectId id, const Vec2& direction) const;
  /// Manim's scale_to_fit_width/height (uniform) and stretch_to_fit_* (one axis).
  void scaleToFit(MobjectId id, double length, int axis, bool stretch);
  /// Manim's VMobject.get_color: the stroke colour when nothing is filled, else the fill colour.
  Color color(MobjectId id) const;

  // The scene
  Status play(const std::vector<AnimationSpec>& animations, const PlayOptions& options);
  Status wait(double seconds, std::optional<bool> frozenFrame = std::nullopt) {
    return recorder_.wait(seconds, frozenFrame);
  }
  void nextSection(std::string name) { recorder_.nextSection(std::move(name)); }
  /// Declares a parameter; gives the value the scene runs with: its override, or nullopt for
  /// the default. Errors in the declaration begin with `api` (the call that declared it); errors
  /// in an override begin with the --set that brought it.
  Result<std::optional<QJsonValue>> param(const ParamRequest& request, const std::string& api);
  /// After the scene ran: an override naming no declared parameter is an error (unless the
  /// options say to ignore those).
  Status checkOverrides() const;
  /// NumPy's legacy random.seed and random.rand.
  Status randomSeed(double seed);
  double randomValue() { return random_.rand(); }
  /// A weights file next to the scene, confined to the scene's folder.
  Result<attention::WeightArray> loadWeights(const std::string& path, const attention::LoadRequirements& req) const;

  const std::vector<ParamDecl>& params() const { return params_; }
  const std::vector<std::string>& warnings() const { return warnings_; }
  std::shared_ptr<const Timeline> finish() const { return recorder_.finish(options_.fps, background_); }
  /// Manim's camera.background_color: behind every frame of the scene.
  void setBackground(const Color& color) { background_ = color; }
  /// A MovingCameraScene's camera.frame, made on first use as Manim makes it (a ScreenRectangle
  /// as tall as the frame, its white stroke 0 wide); from then on each frame shows what it covers.
  Result<MobjectId> cameraFrame();
  /// Who runs the scene's updaters while play() and wait() step through frames.
  void setFrameUpdates(FrameUpdates* updates) { recorder_.setFrameUpdates(updates, options_.fps); }
  /// Whether `count` more mobjects stay within the scene's limit; for those made in the graph itself.
  Status checkRoom(std::size_t count) const;

 private:
  /// How messages name where an override came from: "--set " or "parameters file 'p.json': ".
  std::string overrideOrigin(const std::string& name) const;

  SceneGraph& graph_;
  const ScriptOptions& options_;
  Recorder recorder_;
  NumpyRandom random_;
  std::vector<ParamDecl> params_;
  std::vector<std::string> warnings_;
  Color background_{0, 0, 0};
  std::optional<MobjectId> cameraFrame_;
};

}  // namespace attnplay
