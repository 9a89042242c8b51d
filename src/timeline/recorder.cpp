// SPDX-License-Identifier: MIT
#include "attnplay/timeline/recorder.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "attnplay/scene/snapshot.hpp"

namespace attnplay {

Status Recorder::play(const std::vector<AnimationSpec>& animations, const PlayOptions& options) {
  return record(animations, options, std::nullopt);
}

Status Recorder::record(const std::vector<AnimationSpec>& animations, const PlayOptions& options,
                        std::optional<bool> frozenFrame) {
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

  const bool isWait = built.size() == 1 && built.front().animation->kind == AnimationKind::Wait;
  // Manim steps every play; a wait only with updaters that take dt, or when told not to freeze.
  const bool step = updates_ && (!isWait                   ? updates_->active(false)
                                 : frozenFrame.has_value() ? !*frozenFrame && updates_->active(false)
                                                           : updates_->active(true));
  // Where the camera looks: as the animation that moves its frame draws it, or as it stands.
  segment.view = viewNow();
  for (std::size_t i = 0; cameraFrame_ && i < built.size() && segment.viewPlacement < 0; ++i) {
    const auto& members = built[i].members;
    if (const auto it = std::find(members.begin(), members.end(), *cameraFrame_); it != members.end()) {
      segment.viewPlacement = static_cast<int>(i);
      segment.viewLeaf = static_cast<std::size_t>(it - members.begin());
    }
  }
  if (step) {
    if (isWait) {
      // Manim updates once as a stepped wait begins, then at each of its frames.
      if (Status s = updates_->update(0, graph_.stage(), {}); !s) return s;
    }
    if (Status s = stepThrough(segment, built, owner, duration); !s) return s;
  } else {
    segment.slots = slotsNow(owner);
    // The state the scene sees next: every animation at its end.
    for (const BuiltAnimation& b : built) applyEnd(b, graph_);
  }

  segments_.push_back(std::move(segment));
  time_ += duration;
  return {};
}

View Recorder::viewNow() const { return cameraFrame_ ? View::of(graph_[*cameraFrame_].path) : View{}; }

std::vector<Slot> Recorder::slotsNow(const std::unordered_map<MobjectId, int>& owner, PathShare* share) const {
  std::vector<Slot> slots;
  std::unordered_set<int> placed;
  for (MobjectId m : paintOrder(graph_)) {
    if (auto it = owner.find(m); it != owner.end()) {
      if (placed.insert(it->second).second) slots.push_back(Slot{std::nullopt, it->second});
      continue;
    }
    const Path& path = graph_[m].path;
    if (path.empty()) continue;
    std::shared_ptr<const Path> shared;
    if (share) {
      auto& kept = (*share)[m];
      if (!kept || *kept != path) kept = std::make_shared<const Path>(path);
      shared = kept;
    } else {
      shared = std::make_shared<const Path>(path);
    }
    slots.push_back(Slot{DrawItem{std::move(shared), graph_[m].style}, -1});
  }
  return slots;
}

Status Recorder::stepThrough(Segment& segment, const std::vector<BuiltAnimation>& built,
                             const std::unordered_map<MobjectId, int>& owner, double duration) {
  // What the animations move has its updating suspended (Manim's suspend_mobject_updating).
  std::unordered_set<MobjectId> frozen;
  for (const auto& entry : owner) frozen.insert(entry.first);
  std::vector<MobjectId> animated;
  for (const BuiltAnimation& b : built) {
    if (b.animation->kind != AnimationKind::Wait) animated.push_back(b.animation->target);
  }
  // What the animations set frame by frame, as it stands: their end state comes from applyEnd.
  std::vector<std::pair<MobjectId, Mobject>> saved;
  for (const BuiltAnimation& b : built) {
    for (MobjectId m : b.members) {
      if (m != kNoMember) saved.emplace_back(m, graph_[m]);
    }
  }
  auto restore = [&] {
    for (auto it = saved.rbegin(); it != saved.rend(); ++it) {
      graph_[it->first].path = it->second.path;
      graph_[it->first].style = it->second.style;
    }
  };
  // A frame's still items share the path of the frame before where the mobject has not moved.
  PathShare share;
  auto record = [&](std::vector<Slot> slots) -> Status {
    std::size_t bytes = slots.size() * sizeof(Slot);
    for (const Slot& slot : slots) {
      if (slot.item && slot.item->path.use_count() <= 2) bytes += slot.item->path->cubicCount() * sizeof(Cubic);
    }
    steppedBytes_ += bytes;
    if (steppedBytes_ > kMaxSteppedBytes) {
      return Error(ErrorCode::LimitExceeded,
                   "the scene's updaters run over more frames than attnplay can keep (over 1 GiB of shapes)",
                   "shorten the waits and plays while updaters are on stage, or remove the updaters "
                   "(remove_updater, clear_updaters) when they are no longer needed");
    }
    segment.frames.push_back(std::move(slots));
    if (cameraFrame_) segment.frameViews.push_back(viewNow());
    return {};
  };

  const auto count = static_cast<std::int64_t>(std::ceil(duration * fps_ - 1e-9));
  double lastT = 0;
  for (std::int64_t k = 0; k < count; ++k) {
    const double t = static_cast<double>(k) / fps_;
    for (std::size_t i = 0; i < built.size(); ++i) {
      const Animation& a = *built[i].animation;
      const double alpha = segment.placements[i].alphaAt(t);
      for (std::size_t j = 0; j < built[i].members.size() && j < a.leaves.size(); ++j) {
        const MobjectId m = built[i].members[j];
        if (m == kNoMember) continue;
        if (auto item = a.drawLeaf(alpha, j)) {
          graph_[m].path = *item->path;
          graph_[m].style = item->style;
        }
      }
    }
    Status s = updates_->update(t - lastT, graph_.stage(), frozen);
    lastT = t;
    if (s) s = record(slotsNow(owner, &share));
    if (!s) {
      restore();
      return s;
    }
  }
  restore();
  for (const BuiltAnimation& b : built) applyEnd(b, graph_);
  // Manim's finish: each animated mobject resumes updating (updated at once), then the scene.
  if (Status s = updates_->update(0, animated, {}); !s) return s;
  if (Status s = updates_->update(0, graph_.stage(), {}); !s) return s;
  segment.frameRate = fps_;
  return record(slotsNow({}, &share));
}

Status Recorder::wait(double seconds, std::optional<bool> frozenFrame) {
  AnimationSpec spec;
  spec.kind = AnimationKind::Wait;
  spec.runTime = seconds;
  return record({spec}, {}, frozenFrame);
}

std::shared_ptr<const Timeline> Recorder::finish(double fps, const Color& background) const {
  return std::make_shared<const Timeline>(segments_, snapshot(graph_).items, fps, background, viewNow());
}

}  // namespace attnplay
