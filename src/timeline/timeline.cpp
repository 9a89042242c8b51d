// SPDX-License-Identifier: MIT
#include "attnplay/timeline/timeline.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>

namespace attnplay {

namespace {

std::uint64_t nextTimelineId() {
  static std::atomic<std::uint64_t> counter{1};
  return counter++;
}

/// A still run's cache key: the timeline, the segment (or the final state) and the run.
std::uint64_t runKey(std::uint64_t timeline, std::size_t segment, std::size_t run) {
  return (timeline << 32) ^ (static_cast<std::uint64_t>(segment) << 12) ^ static_cast<std::uint64_t>(run + 1);
}

}  // namespace

Timeline::Timeline(std::vector<Segment> segments, std::vector<DrawItem> finalItems, double fps, const Color& background,
                   const View& finalView)
    : id_(nextTimelineId()),
      fps_(fps),
      segments_(std::move(segments)),
      finalItems_(std::move(finalItems)),
      background_(background),
      finalView_(finalView) {}

double Placement::alphaAt(double tau) const {
  return windowedAlpha(runTime > 0 ? std::clamp(tau / runTime, 0.0, 1.0) : 1.0, windows);
}

int Timeline::segmentAt(double t) const {
  if (segments_.empty() || t > duration()) return -1;
  if (t <= segments_.front().start) return 0;
  // The first segment whose end is at or after t.
  const auto it = std::lower_bound(segments_.begin(), segments_.end(), t,
                                   [](const Segment& s, double time) { return s.end < time; });
  return static_cast<int>(it - segments_.begin());
}

FrameState Timeline::evaluate(double t) const {
  FrameState frame;
  frame.background = background_;
  const int index = segmentAt(t);
  if (index < 0) {
    frame.items = finalItems_;
    frame.layers.push_back({frame.items.size(), runKey(id_, segments_.size(), 0)});
    frame.view = finalView_;
    return frame;
  }
  const Segment& segment = segments_[static_cast<std::size_t>(index)];
  double tau = std::max(0.0, t - segment.start);
  const std::vector<Slot>* slots = &segment.slots;
  frame.view = segment.view;
  if (!segment.frames.empty()) {
    // A stepped segment shows the frame recorded nearest t, and its animations as they were then.
    const auto last = static_cast<double>(segment.frames.size() - 1);
    const double k = std::min(std::round(tau * segment.frameRate), last);
    slots = &segment.frames[static_cast<std::size_t>(k)];
    if (static_cast<std::size_t>(k) < segment.frameViews.size())
      frame.view = segment.frameViews[static_cast<std::size_t>(k)];
    tau = k < last ? k / segment.frameRate : segment.end - segment.start;
  } else if (segment.viewPlacement >= 0) {
    const Placement& p = segment.placements[static_cast<std::size_t>(segment.viewPlacement)];
    if (auto item = p.animation->drawLeaf(p.alphaAt(tau), segment.viewLeaf)) frame.view = View::of(*item->path);
  }
  frame.items.reserve(slots->size());
  // Still items between animations form keyed runs; each animation is an unkeyed run. A stepped
  // segment's stills change from frame to frame: none of them is keyed.
  auto stillKey = [&](std::size_t run) -> std::uint64_t {
    return segment.frames.empty() ? runKey(id_, static_cast<std::size_t>(index), run) : 0;
  };
  std::size_t stillRuns = 0;
  bool inStill = false;
  for (const Slot& slot : *slots) {
    if (slot.item) {
      if (!inStill && !frame.items.empty()) frame.layers.push_back({frame.items.size(), 0});
      inStill = true;
      frame.items.push_back(*slot.item);
    } else {
      if (inStill) frame.layers.push_back({frame.items.size(), stillKey(stillRuns++)});
      inStill = false;
      const Placement& p = segment.placements[static_cast<std::size_t>(slot.placement)];
      p.animation->draw(p.alphaAt(tau), frame.items);
    }
  }
  frame.layers.push_back({frame.items.size(), inStill ? stillKey(stillRuns) : 0});
  return frame;
}

FrameState Timeline::evaluateFrame(std::int64_t index, double framesPerSecond) const {
  return evaluate(static_cast<double>(index) / framesPerSecond);
}

}  // namespace attnplay
