// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "attnplay/animation/animation.hpp"
#include "attnplay/timeline/frame_state.hpp"

namespace attnplay {

/// An animation placed in its segment: how segment time becomes its progress, through the
/// groups (AnimationGroup, LaggedStart, Succession) it sits in.
struct Placement {
  /// One enclosing group: its rate function over its whole span, and this child's window in it.
  struct Layer {
    RateFunc rate;
    double maxEnd = 1, start = 0, end = 1;
  };
  std::shared_ptr<const Animation> animation;
  double runTime = 1;         ///< the top-level animation's run time in play()
  std::vector<Layer> layers;  ///< outermost first
  /// Progress at `tau` seconds into the segment.
  double alphaAt(double tau) const;
};

/// What a frame paints at one position of the stage order: a still item, or an animation's.
struct Slot {
  std::optional<DrawItem> item;
  int placement = -1;
};

/// One play() or wait(): the interval [start, end) and the stage as it starts.
struct Segment {
  double start = 0, end = 0;
  std::string section;
  std::vector<std::string> animations;  ///< "Write(Text)", … for the segment table
  std::vector<Slot> slots;
  std::vector<Placement> placements;
};

/// A scene's recorded animation: immutable, shared, and evaluated at any time on any thread.
class Timeline {
 public:
  Timeline();
  /// Tells this timeline's still runs apart from every other timeline's in render caches.
  std::uint64_t id() const { return id_; }
  double fps = 60;
  Color background = manim::BLACK;
  std::vector<Segment> segments;
  std::vector<DrawItem> finalItems;  ///< the stage when the script ended

  double duration() const { return segments.empty() ? 0.0 : segments.back().end; }
  /// The frame at time t: t inside (start, end] shows that segment at (t − start) / length, so a
  /// boundary shows the end of the segment before; t ≤ 0 shows the start, t past the end the
  /// stage as the script left it.
  FrameState evaluate(double t) const;
  /// The frame `index` at `fps` frames per second: t = index / fps, computed fresh.
  FrameState evaluateFrame(std::int64_t index, double framesPerSecond) const;
  /// The segment shown at time t, or -1 past the end.
  int segmentAt(double t) const;

 private:
  std::uint64_t id_;
};

}  // namespace attnplay
