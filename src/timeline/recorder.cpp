// SPDX-License-Identifier: MIT
#include "attnplay/timeline/recorder.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "attnplay/scene/snapshot.hpp"

namespace attnplay {

Status Recorder::play(const std::vector<AnimationSpec>& animations, const PlayOptions& options) {
  std::vector<BuiltAnimation> built;
  std::vector<double> topRunTimes;
  std::vector<AnimationLabel> labels;
  double duration = 0;
  for (const AnimationSpec& spec : animations) {
    AnimationSpec top = spec;
    // play()'s options reach each animation it is given, as Manim sets them on each.
    if (options.runTime) top.runTime = options.runTime;
    if (options.rate) top.rate = options.rate;
    if (options.lagRatio && !isComposition(top.kind)) top.lagRatio = options.lagRatio;
    auto g = buildAnimation(top, graph_);
    if (!g) return g.error();
    duration = std::max(duration, g->runTime);
    if (isComposition(top.kind)) {
      AnimationLabel group{top.kind, {}, {}, {}};
      for (const BuiltAnimation& b : g->leaves) group.children.push_back(b.animation->label());
      labels.push_back(std::move(group));
    } else {
      for (const BuiltAnimation& b : g->leaves) labels.push_back(b.animation->label());
    }
    for (BuiltAnimation& b : g->leaves) {
      topRunTimes.push_back(g->runTime);
      built.push_back(std::move(b));
    }
  }
  if (time_ + duration > kMaxSceneSeconds) {
    return Error(
        ErrorCode::OutOfRange,
        "the scene would last more than " + std::to_string(static_cast<int>(kMaxSceneSeconds / 3600)) + " hours",
        "check the run times and waits; a scene plays in seconds or minutes");
  }

  // Manim adds every animated mobject not yet in the scene, then each introducer's target.
  for (const BuiltAnimation& b : built) {
    const Animation& a = *b.animation;
    if (a.kind == AnimationKind::Wait || a.introducer) continue;
    if (!onStage(graph_, a.target)) graph_.addToScene(a.target);
  }
  for (const BuiltAnimation& b : built) {
    const Animation& a = *b.animation;
    if (a.introducer && !onStage(graph_, a.target)) graph_.addToScene(a.target);
  }

  Segment segment;
  segment.start = time_;
  segment.end = time_ + duration;
  segment.section = pendingSection_.empty() ? currentSection_ : pendingSection_;
  currentSection_ = segment.section;
  pendingSection_.clear();
  segment.animations = std::move(labels);

  // Which placement draws each member; the first animation of a member wins.
  std::unordered_map<MobjectId, int> owner;
  for (std::size_t i = 0; i < built.size(); ++i) {
    segment.placements.push_back(Placement{built[i].animation, topRunTimes[i], built[i].windows});
    const Animation& a = *built[i].animation;
    if (a.kind == AnimationKind::Wait) continue;
    for (MobjectId m : graph_.family(a.target)) owner.emplace(m, static_cast<int>(i));
  }
  std::unordered_set<int> placed;
  for (MobjectId m : paintOrder(graph_)) {
    if (auto it = owner.find(m); it != owner.end()) {
      if (placed.insert(it->second).second) segment.slots.push_back(Slot{std::nullopt, it->second});
      continue;
    }
    if (graph_[m].path.empty()) continue;
    segment.slots.push_back(Slot{DrawItem{std::make_shared<const Path>(graph_[m].path), graph_[m].style}, -1});
  }

  // The state the scene sees next: every animation at its end.
  for (const BuiltAnimation& b : built) applyEnd(b, graph_);

  segments_.push_back(std::move(segment));
  time_ += duration;
  return {};
}

Status Recorder::wait(double seconds) {
  AnimationSpec spec;
  spec.kind = AnimationKind::Wait;
  spec.runTime = seconds;
  return play({spec}, {});
}

std::shared_ptr<const Timeline> Recorder::finish(double fps, const Color& background) const {
  return std::make_shared<const Timeline>(segments_, snapshot(graph_).items, fps, background);
}

}  // namespace attnplay
