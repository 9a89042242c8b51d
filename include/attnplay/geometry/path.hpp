// SPDX-License-Identifier: MIT
#pragma once

#include <Eigen/Core>
#include <Eigen/Geometry>
#include <cstddef>
#include <vector>

namespace attnplay {

/// A point or vector in scene units (Manim's: the frame is 14.222 wide, 8 high, y up).
using Vec2 = Eigen::Vector2d;
/// An affine map of the plane.
using Affine2 = Eigen::Transform<double, 2, Eigen::Affine>;

/// Axis-aligned box; empty until a point is added.
struct Bounds {
  Vec2 min{0, 0};
  Vec2 max{0, 0};
  bool empty = true;

  void extend(const Vec2& p);
  void extend(const Bounds& b);
  Vec2 center() const { return empty ? Vec2(0, 0) : Vec2((min + max) / 2); }
  double width() const { return empty ? 0.0 : max.x() - min.x(); }
  double height() const { return empty ? 0.0 : max.y() - min.y(); }
};

/// One cubic Bézier segment. Straight lines are cubics with handles at 1/3 and 2/3.
struct Cubic {
  Vec2 p0, p1, p2, p3;

  static Cubic line(const Vec2& a, const Vec2& b);
  Vec2 at(double t) const;
  /// The part of this curve between parameters a and b (de Casteljau).
  Cubic sub(double a, double b) const;
  bool operator==(const Cubic&) const = default;
};

/// A connected run of cubics; closed when its end meets its start, as Manim decides.
struct Subpath {
  std::vector<Cubic> cubics;

  bool closed() const;
  bool operator==(const Subpath&) const = default;
};

/// A vector path made only of cubic segments, in one or more subpaths.
class Path {
 public:
  std::vector<Subpath> subpaths;

  /// Straight segments through the points; closed adds the segment back to the first.
  static Path polyline(const std::vector<Vec2>& points, bool closed);

  bool empty() const { return cubicCount() == 0; }
  /// Calls fn on every anchor and handle, in order.
  template <typename Fn>
  void forEachPoint(Fn&& fn) const {
    for (const auto& sp : subpaths) {
      for (const auto& c : sp.cubics) {
        fn(c.p0);
        fn(c.p1);
        fn(c.p2);
        fn(c.p3);
      }
    }
  }
  template <typename Fn>
  void mapPoints(Fn&& fn) {
    for (auto& sp : subpaths) {
      for (auto& c : sp.cubics) {
        c.p0 = fn(c.p0);
        c.p1 = fn(c.p1);
        c.p2 = fn(c.p2);
        c.p3 = fn(c.p3);
      }
    }
  }
  std::size_t cubicCount() const;
  /// Every anchor and handle, in order.
  std::vector<Vec2> points() const;
  /// Box over anchors and handles, the way Manim measures a mobject.
  Bounds bounds() const;
  void transform(const Affine2& m);
  void translate(const Vec2& v);
  bool allFinite() const;
  bool operator==(const Path&) const = default;
};

/// The piece of `path` from proportion a to b of its cubics, Manim's pointwise_become_partial:
/// every cubic is an equal share, whichever subpath it is in.
Path partial(const Path& path, double a, double b);

/// Gives `a` and `b` the same subpaths with the same number of cubics each, splitting curves
/// evenly where one has fewer (Manim's align_points), so they can be interpolated.
void alignPaths(Path& a, Path& b, const Vec2& centerA = Vec2(0, 0), const Vec2& centerB = Vec2(0, 0));

/// Point-wise interpolation of two aligned paths: t = 0 gives a, t = 1 gives b.
Path interpolate(const Path& a, const Path& b, double t);

/// Splits `points` of one subpath into n more cubics than it has (Manim's insert_n_curves).
Subpath insertCurves(const Subpath& subpath, std::size_t n);
/// The same over a whole path, its curves taken as one list as Manim takes them.
Path insertCurves(const Path& path, std::size_t n);

/// A smooth curve through the anchors, Manim's make_smooth (get_smooth_handle_points): each
/// cubic's handles solve for continuous first and second derivatives, with free (natural) ends,
/// or, when the last anchor is the first, continuity across that point too.
Subpath smoothThrough(const std::vector<Vec2>& anchors);

}  // namespace attnplay
