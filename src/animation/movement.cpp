// SPDX-License-Identifier: MIT
// Rotating, Rotate, MoveAlongPath, SpiralIn: animations that carry a mobject along (ManimCE
// 0.17.3's animation/rotation.py, movement.py and creation.py), each leaf moved rigidly from
// its rest by a pure function of the progress.
#include <numbers>

#include "families.hpp"

namespace attnplay::detail {

namespace {

constexpr double kTau = 2 * std::numbers::pi;

Affine2 rotationAbout(const Vec2& about, double angle) {
  Affine2 m = Affine2::Identity();
  m.translate(about).rotate(angle).translate(-about);
  return m;
}

/// Manim's point_from_proportion: curves weighted by their length measured at 10 samples,
/// then the Bézier parameter (not the arc length) within the curve reached.
Vec2 pointFromProportion(const Path& path, double alpha) {
  std::vector<std::pair<const Cubic*, double>> curves;
  double total = 0;
  for (const Subpath& sp : path.subpaths) {
    for (const Cubic& c : sp.cubics) {
      double length = 0;
      Vec2 last = c.at(0);
      for (int i = 1; i < 10; ++i) {
        const Vec2 p = c.at(i / 9.0);
        length += (p - last).norm();
        last = p;
      }
      curves.emplace_back(&c, length);
      total += length;
    }
  }
  const double target = std::clamp(alpha, 0.0, 1.0) * total;
  double current = 0;
  for (const auto& [curve, length] : curves) {
    if (current + length >= target) return curve->at(length != 0 ? (target - current) / length : 0);
    current += length;
  }
  return curves.back().first->at(1);
}

/// The mean of every point Manim keeps of a family: four per cubic, anchors repeated.
Vec2 centerOfMass(const SceneGraph& graph, MobjectId id) {
  Vec2 sum(0, 0);
  double n = 0;
  for (MobjectId m : graph.membersWithPoints(id)) {
    for (const Subpath& sp : graph[m].path.subpaths) {
      for (const Cubic& c : sp.cubics) {
        sum += c.p0 + c.p1 + c.p2 + c.p3;
        n += 4;
      }
    }
  }
  return n > 0 ? Vec2(sum / n) : graph.center(id);
}

}  // namespace

Status buildMovement(const AnimationSpec& spec, SceneGraph& graph, std::vector<BuiltAnimation>& out) {
  if (!spec.target) return missing(spec, "a mobject");
  const MobjectId target = *spec.target;
  BuiltAnimation b = startBuilt(spec.kind, graph, target);
  Animation& a = *b.animation;
  a.effect = Effect::Motion;
  switch (spec.kind) {
    case AnimationKind::Rotating:
    case AnimationKind::Rotate: {
      // Rotating turns a full turn in 5 s at constant speed; Rotate is a transform by half a turn.
      const bool rotating = spec.kind == AnimationKind::Rotating;
      if (rotating) {
        a.timing.runTime = 5;
        a.timing.rate = *RateFunc::named("linear");
      }
      const double angle = spec.angle.value_or(rotating ? kTau : std::numbers::pi);
      const Vec2 about = spec.point  ? *spec.point
                         : spec.edge ? graph.criticalPoint(target, *spec.edge)
                                     : graph.center(target);
      a.leaves = stillLeaves(graph, target, b.members);
      a.motion.kind = Motion::Kind::Rotation;
      a.motion.about = about;
      a.motion.angle = angle;
      break;
    }
    case AnimationKind::MoveAlongPath: {
      if (!spec.other) return missing(spec, "a path");
      const Path path = graph[*spec.other].path;
      if (path.empty()) {
        return Error(ErrorCode::InvalidArgument,
                     "MoveAlongPath() needs a path with points, got a " + graph[*spec.other].kind + " without");
      }
      const Vec2 start = graph.center(target);
      a.leaves = stillLeaves(graph, target, b.members);
      a.motion.kind = Motion::Kind::AlongPath;
      a.motion.path = std::make_shared<const Path>(path);
      a.motion.start = start;
      break;
    }
    case AnimationKind::SpiralIn: {
      // Each submobject starts scale_factor times as far from the group's centre, and spirals in
      // a full turn about it while turning back about its own centre of mass; its opacity grows
      // to its own over the first fade_in_fraction, and set_opacity leaves the stroke's the same.
      const double scale = spec.scaleFactor.value_or(8.0);
      const double fraction = spec.fraction.value_or(0.3);
      if (!(fraction > 0)) return Error(ErrorCode::OutOfRange, "SpiralIn(): fade_in_fraction must be more than 0");
      const Vec2 center = graph.center(target);
      Motion& motion = a.motion;
      motion.kind = Motion::Kind::Spiral;
      motion.about = center;
      motion.fraction = fraction;
      for (MobjectId child : graph[target].children) {
        const Vec2 final = graph.center(child);
        const Vec2 initial = final + (final - center) * scale;
        const std::vector<MobjectId> members = graph.membersWithPoints(child);
        const double opacity = members.empty() ? 1.0 : graph[members.front()].style.fillOpacity;
        motion.shapes.push_back({final - initial, centerOfMass(graph, child) + (initial - final), opacity});
        std::vector<MobjectId> ids;
        for (Leaf leaf : stillLeaves(graph, child, ids)) {
          Path p = *leaf.from;
          p.mapPoints([&](const Vec2& q) { return Vec2(q + initial - final); });
          leaf.from = leaf.to = std::make_shared<const Path>(std::move(p));
          a.leaves.push_back(std::move(leaf));
          motion.shapeOf.push_back(static_cast<std::uint32_t>(motion.shapes.size() - 1));
        }
        b.members.insert(b.members.end(), ids.begin(), ids.end());
      }
      break;
    }
    default:
      break;
  }
  a.introducer = true;
  applyTiming(spec, a.timing);
  out.push_back(std::move(b));
  return {};
}

}  // namespace attnplay::detail

namespace attnplay {

void Motion::apply(double alpha, std::size_t index, Path& p, Style& style) const {
  switch (kind) {
    case Kind::None:
      return;
    case Kind::Rotation:
      p.transform(detail::rotationAbout(about, alpha * angle));
      return;
    case Kind::AlongPath: {
      const Vec2 by = detail::pointFromProportion(*path, alpha) - start;
      p.mapPoints([&](const Vec2& q) { return Vec2(q + by); });
      return;
    }
    case Kind::Spiral: {
      const Shape& s = shapes[shapeOf[index]];
      const Vec2 by = s.travel * alpha;
      const Affine2 turn = detail::rotationAbout(about, detail::kTau * alpha);
      const Vec2 com = turn * Vec2(s.comStart + by);
      Affine2 m = detail::rotationAbout(com, -detail::kTau * alpha) * turn;
      m.translate(by);
      p.transform(m);
      const double opacity = std::min(s.opacity, alpha * s.opacity / fraction);
      style.fillOpacity = style.strokeOpacity = opacity;
      return;
    }
  }
}

}  // namespace attnplay
