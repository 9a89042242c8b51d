// SPDX-License-Identifier: MIT
#include "attnplay/scene/scene_graph.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace attnplay {

namespace {

double sign(double v) { return v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0); }

}  // namespace

std::vector<MobjectId> keepLastOccurrences(const std::vector<MobjectId>& ids) {
  // Shared submobjects are rare: a sorted copy finds out cheaply whether there are any.
  std::vector<MobjectId> sorted = ids;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end()) return ids;
  std::vector<MobjectId> out;
  std::unordered_set<MobjectId> seen;
  for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
    if (seen.insert(*it).second) out.push_back(*it);
  }
  std::reverse(out.begin(), out.end());
  return out;
}

MobjectId SceneGraph::create(Mobject mobject) {
  mobjects_.push_back(std::move(mobject));
  return static_cast<MobjectId>(mobjects_.size() - 1);
}

MobjectId SceneGraph::copy(MobjectId id) {
  const auto members = family(id);
  std::unordered_map<MobjectId, MobjectId> copies;
  for (MobjectId m : members) copies[m] = create(mobjects_.at(m));
  for (MobjectId m : members) {
    for (MobjectId& c : mobjects_[copies[m]].children) c = copies.at(c);
  }
  return copies.at(id);
}

void SceneGraph::becomeCopyOf(MobjectId id, MobjectId source) {
  if (mobjects_.at(source).children.empty()) {
    // Nothing to copy beside the mobject itself: no twin needed (updaters do this each frame).
    Mobject& target = mobjects_.at(id);
    target.path = mobjects_[source].path;
    target.style = mobjects_[source].style;
    target.children.clear();
    return;
  }
  const MobjectId twin = copy(source);
  Mobject& target = mobjects_.at(id);
  target.path = mobjects_[twin].path;
  target.style = mobjects_[twin].style;
  target.children = mobjects_[twin].children;
}

std::vector<MobjectId> SceneGraph::membersWithPoints(MobjectId id) const {
  std::vector<MobjectId> out;
  for (MobjectId m : family(id)) {
    if (!mobjects_[m].path.empty()) out.push_back(m);
  }
  return out;
}

bool SceneGraph::addChild(MobjectId parent, MobjectId child) {
  if (mobjects_.at(child).children.empty()) {
    if (child == parent) return false;
    mobjects_.at(parent).children.push_back(child);
    return true;
  }
  const auto descendants = family(child);
  if (std::find(descendants.begin(), descendants.end(), parent) != descendants.end()) return false;
  mobjects_.at(parent).children.push_back(child);
  return true;
}

std::vector<MobjectId> SceneGraph::family(MobjectId id) const {
  std::vector<MobjectId> all;
  // Iterative pre-order walk; the tree is acyclic because addChild refuses cycles.
  std::vector<MobjectId> todo{id};
  while (!todo.empty()) {
    const MobjectId current = todo.back();
    todo.pop_back();
    all.push_back(current);
    const auto& children = mobjects_.at(current).children;
    for (auto it = children.rbegin(); it != children.rend(); ++it) todo.push_back(*it);
  }
  return keepLastOccurrences(all);
}

Bounds SceneGraph::bounds(MobjectId id) const {
  Bounds b;
  for (MobjectId m : family(id)) b.extend(mobjects_[m].path.bounds());
  return b;
}

Bounds SceneGraph::anchorBounds(MobjectId id) const {
  Bounds b;
  for (MobjectId m : family(id)) {
    for (const Subpath& sp : mobjects_[m].path.subpaths) {
      for (const Cubic& c : sp.cubics) {
        b.extend(c.p0);
        b.extend(c.p3);
      }
    }
  }
  return b;
}

Vec2 SceneGraph::criticalPoint(MobjectId id, const Vec2& direction) const {
  const Bounds b = anchorBounds(id);
  if (b.empty) return Vec2(0, 0);
  Vec2 out;
  for (int axis = 0; axis < 2; ++axis) {
    if (direction[axis] > 0) {
      out[axis] = b.max[axis];
    } else if (direction[axis] < 0) {
      out[axis] = b.min[axis];
    } else {
      out[axis] = (b.min[axis] + b.max[axis]) / 2;
    }
  }
  return out;
}

Vec2 SceneGraph::targetPoint(const LayoutTarget& target, const Vec2& direction) const {
  if (const auto* point = std::get_if<Vec2>(&target)) return *point;
  return criticalPoint(std::get<MobjectId>(target), direction);
}

void SceneGraph::shift(MobjectId id, const Vec2& by) {
  for (MobjectId m : family(id)) mobjects_[m].path.translate(by);
}

void SceneGraph::applyTransform(MobjectId id, const Affine2& m) {
  for (MobjectId member : family(id)) mobjects_[member].path.transform(m);
}

void SceneGraph::scale(MobjectId id, double factor, const Vec2& about) {
  Affine2 m = Affine2::Identity();
  m.translate(about).scale(factor).translate(-about);
  applyTransform(id, m);
}

void SceneGraph::rotate(MobjectId id, double angle, const Vec2& about) {
  Affine2 m = Affine2::Identity();
  m.translate(about).rotate(angle).translate(-about);
  applyTransform(id, m);
}

void SceneGraph::stretchToFit(MobjectId id, double length, int axis) {
  const Bounds b = bounds(id);
  const double old = axis == 0 ? b.width() : b.height();
  if (old == 0) return;
  const Vec2 about = b.center();
  Vec2 factors(1, 1);
  factors[axis] = length / old;
  Affine2 m = Affine2::Identity();
  m.translate(about).scale(factors).translate(-about);
  applyTransform(id, m);
}

void SceneGraph::moveTo(MobjectId id, const LayoutTarget& target, const Vec2& alignedEdge) {
  shift(id, targetPoint(target, alignedEdge) - criticalPoint(id, alignedEdge));
}

void SceneGraph::nextTo(MobjectId id, const LayoutTarget& target, const Vec2& direction, double buff,
                        const Vec2& alignedEdge) {
  const Vec2 targetAt = targetPoint(target, alignedEdge + direction);
  const Vec2 alignAt = criticalPoint(id, alignedEdge - direction);
  shift(id, targetAt - alignAt + buff * direction);
}

void SceneGraph::arrange(MobjectId id, const Vec2& direction, double buff, bool center, const Vec2& alignedEdge) {
  const auto children = mobjects_.at(id).children;
  for (std::size_t i = 1; i < children.size(); ++i) {
    nextTo(children[i], children[i - 1], direction, buff, alignedEdge);
  }
  if (center) shift(id, -this->center(id));
}

void SceneGraph::toEdge(MobjectId id, const Vec2& edge, double buff) {
  // Manim's align_on_border: only the axes the direction names move.
  const Vec2 border(sign(edge.x()) * manim::FRAME_X_RADIUS, sign(edge.y()) * manim::FRAME_Y_RADIUS);
  const Vec2 offset = border - criticalPoint(id, edge) - buff * edge;
  shift(id, Vec2(offset.x() * std::abs(sign(edge.x())), offset.y() * std::abs(sign(edge.y()))));
}

void SceneGraph::toCorner(MobjectId id, const Vec2& corner, double buff) { toEdge(id, corner, buff); }

void SceneGraph::alignTo(MobjectId id, const LayoutTarget& target, const Vec2& direction) {
  const Vec2 point = targetPoint(target, direction);
  const Vec2 own = criticalPoint(id, direction);
  Vec2 offset(0, 0);
  for (int axis = 0; axis < 2; ++axis) {
    if (direction[axis] != 0) offset[axis] = point[axis] - own[axis];
  }
  shift(id, offset);
}

void SceneGraph::setFillColor(MobjectId id, const Color& color) {
  for (MobjectId m : family(id)) mobjects_[m].style.fillColor = color;
}

void SceneGraph::setFillOpacity(MobjectId id, double opacity) {
  for (MobjectId m : family(id)) mobjects_[m].style.fillOpacity = opacity;
}

void SceneGraph::setStrokeColor(MobjectId id, const Color& color) {
  for (MobjectId m : family(id)) mobjects_[m].style.strokeColor = color;
}

void SceneGraph::setStrokeWidth(MobjectId id, double width) {
  for (MobjectId m : family(id)) mobjects_[m].style.strokeWidth = width;
}

void SceneGraph::setStrokeOpacity(MobjectId id, double opacity) {
  for (MobjectId m : family(id)) mobjects_[m].style.strokeOpacity = opacity;
}

void SceneGraph::setColor(MobjectId id, const Color& color) {
  setFillColor(id, color);
  setStrokeColor(id, color);
}

void SceneGraph::setOpacity(MobjectId id, double opacity) {
  setFillOpacity(id, opacity);
  setStrokeOpacity(id, opacity);
}

void SceneGraph::addToScene(MobjectId id) {
  removeFromScene(id);
  stage_.push_back(id);
}

namespace {

// Manim's add_safe_mobjects_from_list: keeps `m` unless it meets `gone`; a mobject that holds
// part of `gone` is replaced by those of its submobjects that survive.
void keepClearOf(const SceneGraph& graph, MobjectId m, const std::vector<MobjectId>& gone,
                 std::vector<MobjectId>& kept) {
  if (std::find(gone.begin(), gone.end(), m) != gone.end()) return;
  const auto family = graph.family(m);
  const bool meets = std::any_of(family.begin(), family.end(),
                                 [&gone](MobjectId f) { return std::find(gone.begin(), gone.end(), f) != gone.end(); });
  if (!meets) {
    kept.push_back(m);
    return;
  }
  for (MobjectId child : graph[m].children) keepClearOf(graph, child, gone, kept);
}

}  // namespace

void SceneGraph::removeFromScene(MobjectId id) {
  const auto gone = family(id);
  std::vector<MobjectId> kept;
  for (MobjectId top : stage_) keepClearOf(*this, top, gone, kept);
  stage_ = std::move(kept);
}

void SceneGraph::replaceOnStage(MobjectId id, MobjectId replacement) {
  std::erase(stage_, replacement);
  const auto it = std::find(stage_.begin(), stage_.end(), id);
  if (it == stage_.end()) {
    stage_.push_back(replacement);
  } else {
    *it = replacement;
  }
}

}  // namespace attnplay
