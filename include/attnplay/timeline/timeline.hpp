// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "attnplay/animation/animation.hpp"
#include "attnplay/animation/build.hpp"
#include "attnplay/frame/frame_state.hpp"

namespace attnplay {

/// An animation placed in its segment: how segment time becomes its progress, through the
/// compositions (AnimationGroup, LaggedStart, Succession) it sits in.
struct Placement {
  std::shared_ptr<const Animation> animation;
  double runTime = 1;                ///< the top-level animation's run time in play()
  std::vector<GroupWindow> windows;  ///< outermost first
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
  std::vector<AnimationLabel> animations;  ///< one per animation given to play(), for segment tables
  std::vector<Slot> slots;
  std::vector<Placement> placements;
  /// A segment stepped with updaters on stage: the stage at each frame k / frameRate from the
  /// start, then as the segment ends; `slots` is unused. Empty for the rest.
  std::vector<std::vector<Slot>> frames;
  double frameRate = 0;
  /// Where the camera looks (a MovingCameraScene's frame): `view` throughout; or as placement
  /// `viewPlacement` draws its leaf `viewLeaf`, when an animation moves the frame; or, stepped,
  /// `frameViews[k]` at frame k.
  View view;
  int viewPlacement = -1;
  std::size_t viewLeaf = 0;
  std::vector<View> frameViews;
  bool isWait() const { return animations.size() == 1 && animations.front().kind == AnimationKind::Wait; }
};

/// A scene's recorded animation: immutable, shared, and evaluated at any time on any thread.
class Timeline {
 public:
  /// A timeline of `segments` back to back from 0, ending on `finalItems` seen through `finalView`.
  Timeline(std::vector<Segment> segments, std::vector<DrawItem> finalItems, double fps,
           const Color& background = Color{0, 0, 0}, const View& finalView = {});
  /// Tells this timeline's still runs apart from every other timeline's in render caches.
  std::uint64_t id() const { return id_; }
  /// The frame rate the scene was recorded for (what an export uses unless told otherwise).
  double fps() const { return fps_; }
  const std::vector<Segment>& segments() const { return segments_; }
  /// The stage as the script left it, and the view it is seen through.
  const std::vector<DrawItem>& finalItems() const { return finalItems_; }
  const View& finalView() const { return finalView_; }
  /// The colour behind every frame (Manim's camera.background_color; black by default).
  const Color& background() const { return background_; }

  double duration() const { return segments_.empty() ? 0.0 : segments_.back().end; }
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
  double fps_;
  std::vector<Segment> segments_;
  std::vector<DrawItem> finalItems_;  ///< the stage when the script ended
  Color background_;
  View finalView_;
};

}  // namespace attnplay
