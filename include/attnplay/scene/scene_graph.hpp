// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "attnplay/frame/style.hpp"
#include "attnplay/geometry/path.hpp"
#include "attnplay/scene/color.hpp"
#include "attnplay/scene/constants.hpp"

namespace attnplay {

/// Stable identity of a mobject inside one SceneGraph; it never changes or gets reused.
using MobjectId = std::uint32_t;

/// One node of the scene tree: its own path (possibly empty) and its submobjects.
struct Mobject {
  std::string kind;  ///< the class name a script created it with: "Rectangle", "VGroup", …
  Path path;
  Style style;
  std::vector<MobjectId> children;
  /// Manim's z_index: painted after every mobject of a lower one.
  double zIndex = 0;
};

/// Something to lay out against: a fixed point or another mobject's box.
using LayoutTarget = std::variant<Vec2, MobjectId>;

/// Each id once, at its last position — Manim's remove_list_redundancies.
std::vector<MobjectId> keepLastOccurrences(const std::vector<MobjectId>& ids);

/// All mobjects a scene has created, and which of them are on stage, in order.
/// Layout follows Manim's rules: a mobject's box covers every anchor and handle of its family.
class SceneGraph {
 public:
  MobjectId create(Mobject mobject);
  std::size_t size() const { return mobjects_.size(); }
  bool contains(MobjectId id) const { return id < mobjects_.size(); }
  const Mobject& operator[](MobjectId id) const { return mobjects_.at(id); }
  Mobject& operator[](MobjectId id) { return mobjects_.at(id); }

  /// A deep copy of a mobject's family; a member shared twice is copied once.
  MobjectId copy(MobjectId id);
  /// Gives `id` the path, style and (copied) submobjects of `source`, keeping its own id.
  void becomeCopyOf(MobjectId id, MobjectId source);
  /// The family members that have points, in family order (Manim's family_members_with_points).
  std::vector<MobjectId> membersWithPoints(MobjectId id) const;

  /// Appends a submobject; false (and no change) when that would make the tree a cycle.
  bool addChild(MobjectId parent, MobjectId child);
  /// The mobject and all its descendants, parents before children, each once (its last
  /// occurrence kept, as Manim's remove_list_redundancies does).
  std::vector<MobjectId> family(MobjectId id) const;

  Bounds bounds(MobjectId id) const;
  /// Manim's get_critical_point: per axis, max for a positive direction, min for a
  /// negative one, centre for zero.
  Vec2 criticalPoint(MobjectId id, const Vec2& direction) const;
  /// The box of the family's anchors alone: Manim's critical points (get_center, get_top,
  /// next_to, to_edge …) come from it, its width and height from every point (bounds()).
  Bounds anchorBounds(MobjectId id) const;
  Vec2 center(MobjectId id) const { return anchorBounds(id).center(); }
  double width(MobjectId id) const { return bounds(id).width(); }
  double height(MobjectId id) const { return bounds(id).height(); }

  void shift(MobjectId id, const Vec2& by);
  void applyTransform(MobjectId id, const Affine2& m);
  /// Scales about a point (Manim's default: the centre).
  void scale(MobjectId id, double factor, const Vec2& about);
  void scale(MobjectId id, double factor) { scale(id, factor, center(id)); }
  void rotate(MobjectId id, double angle, const Vec2& about);
  void stretchToFit(MobjectId id, double length, int axis);

  void moveTo(MobjectId id, const LayoutTarget& target, const Vec2& alignedEdge = manim::ORIGIN);
  void nextTo(MobjectId id, const LayoutTarget& target, const Vec2& direction = manim::RIGHT,
              double buff = manim::DEFAULT_MOBJECT_TO_MOBJECT_BUFFER, const Vec2& alignedEdge = manim::ORIGIN);
  /// Places each submobject next to the previous one, then (if `center`) centres the group.
  void arrange(MobjectId id, const Vec2& direction = manim::RIGHT,
               double buff = manim::DEFAULT_MOBJECT_TO_MOBJECT_BUFFER, bool center = true,
               const Vec2& alignedEdge = manim::ORIGIN);
  void toEdge(MobjectId id, const Vec2& edge, double buff = manim::DEFAULT_MOBJECT_TO_EDGE_BUFFER);
  void toCorner(MobjectId id, const Vec2& corner, double buff = manim::DEFAULT_MOBJECT_TO_EDGE_BUFFER);
  void alignTo(MobjectId id, const LayoutTarget& target, const Vec2& direction);

  /// Style setters apply to the whole family, like Manim's with family=True.
  void setFillColor(MobjectId id, const Color& color);
  void setFillOpacity(MobjectId id, double opacity);
  void setStrokeColor(MobjectId id, const Color& color);
  void setStrokeWidth(MobjectId id, double width);
  void setStrokeOpacity(MobjectId id, double opacity);
  void setColor(MobjectId id, const Color& color);
  void setOpacity(MobjectId id, double opacity);

  /// Puts a mobject on stage (moving it to the end if it is already there).
  void addToScene(MobjectId id);
  /// Takes a mobject's family off stage, as Manim's Scene.remove restructures its list: a
  /// mobject on stage whose family holds part of it gives way to its other submobjects.
  void removeFromScene(MobjectId id);
  /// Puts `replacement` where `id` stands on stage (Manim's Scene.replace); adds it if `id` is not there.
  void replaceOnStage(MobjectId id, MobjectId replacement);
  const std::vector<MobjectId>& stage() const { return stage_; }

 private:
  Vec2 targetPoint(const LayoutTarget& target, const Vec2& direction) const;

  std::vector<Mobject> mobjects_;
  std::vector<MobjectId> stage_;
};

}  // namespace attnplay
