// SPDX-License-Identifier: MIT
#include "attnplay/geometry/path.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace attnplay {

namespace {

// Manim compares points with numpy's allclose defaults (rtol 1e-5, atol 1e-8).
bool nearlyEqual(const Vec2& a, const Vec2& b) {
  for (int i = 0; i < 2; ++i) {
    if (std::abs(a[i] - b[i]) > 1e-8 + 1e-5 * std::abs(b[i])) return false;
  }
  return true;
}

// Manim's integer_interpolate(0, n, alpha): which cubic, and how far into it.
std::pair<std::size_t, double> locate(std::size_t n, double alpha) {
  if (alpha >= 1) return {n - 1, 1.0};
  if (alpha <= 0) return {0, 0.0};
  const double scaled = static_cast<double>(n) * alpha;
  return {static_cast<std::size_t>(scaled), std::fmod(scaled, 1.0)};
}

}  // namespace

void Bounds::extend(const Vec2& p) {
  if (empty) {
    min = max = p;
    empty = false;
    return;
  }
  min = min.cwiseMin(p);
  max = max.cwiseMax(p);
}

void Bounds::extend(const Bounds& b) {
  if (b.empty) return;
  extend(b.min);
  extend(b.max);
}

Cubic Cubic::line(const Vec2& a, const Vec2& b) { return {a, a + (b - a) / 3.0, a + 2.0 * (b - a) / 3.0, b}; }

Vec2 Cubic::at(double t) const {
  const double u = 1 - t;
  return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3;
}

Cubic Cubic::sub(double a, double b) const {
  if (a == 0 && b == 1) return *this;
  if (a == b) {
    const Vec2 p = at(a);
    return {p, p, p, p};
  }
  // Split at b and keep the left part, then split that at a/b and keep the right part.
  auto split = [](const Cubic& c, double t) {
    const Vec2 a1 = c.p0 + t * (c.p1 - c.p0);
    const Vec2 b1 = c.p1 + t * (c.p2 - c.p1);
    const Vec2 c1 = c.p2 + t * (c.p3 - c.p2);
    const Vec2 a2 = a1 + t * (b1 - a1);
    const Vec2 b2 = b1 + t * (c1 - b1);
    const Vec2 mid = a2 + t * (b2 - a2);
    return std::pair{Cubic{c.p0, a1, a2, mid}, Cubic{mid, b2, c1, c.p3}};
  };
  const Cubic left = b >= 1 ? *this : split(*this, b).first;
  if (a <= 0) return left;
  return split(left, a / b).second;
}

bool Subpath::closed() const { return !cubics.empty() && nearlyEqual(cubics.front().p0, cubics.back().p3); }

Path Path::polyline(const std::vector<Vec2>& points, bool closed) {
  Path path;
  if (points.size() < 2) return path;
  Subpath sp;
  for (std::size_t i = 0; i + 1 < points.size(); ++i) sp.cubics.push_back(Cubic::line(points[i], points[i + 1]));
  if (closed) sp.cubics.push_back(Cubic::line(points.back(), points.front()));
  path.subpaths.push_back(std::move(sp));
  return path;
}

std::size_t Path::cubicCount() const {
  std::size_t n = 0;
  for (const auto& sp : subpaths) n += sp.cubics.size();
  return n;
}

std::vector<Vec2> Path::points() const {
  std::vector<Vec2> out;
  out.reserve(cubicCount() * 4);
  forEachPoint([&](const Vec2& p) { out.push_back(p); });
  return out;
}

Bounds Path::bounds() const {
  Bounds b;
  forEachPoint([&](const Vec2& p) { b.extend(p); });
  return b;
}

void Path::transform(const Affine2& m) {
  mapPoints([&](const Vec2& p) -> Vec2 { return m * p; });
}

void Path::translate(const Vec2& v) {
  mapPoints([&](const Vec2& p) -> Vec2 { return p + v; });
}

bool Path::allFinite() const {
  bool finite = true;
  forEachPoint([&](const Vec2& p) { finite = finite && p.allFinite(); });
  return finite;
}

Path partial(const Path& path, double a, double b) {
  if (a <= 0 && b >= 1) return path;
  const std::size_t n = path.cubicCount();
  Path out;
  if (n == 0) return out;
  const auto [lower, lowerResidue] = locate(n, a);
  const auto [upper, upperResidue] = locate(n, b);

  std::size_t index = 0;
  for (const auto& sp : path.subpaths) {
    Subpath piece;
    for (const auto& c : sp.cubics) {
      if (index >= lower && index <= upper) {
        const double from = index == lower ? lowerResidue : 0.0;
        const double to = index == upper ? upperResidue : 1.0;
        piece.cubics.push_back(c.sub(from, to));
      }
      ++index;
    }
    if (!piece.cubics.empty()) out.subpaths.push_back(std::move(piece));
  }
  return out;
}

Subpath insertCurves(const Subpath& subpath, std::size_t n) {
  Path one;
  one.subpaths.push_back(subpath);
  return insertCurves(one, n).subpaths.front();
}

Path insertCurves(const Path& path, std::size_t n) {
  const std::size_t current = path.cubicCount();
  if (n == 0 || current == 0) return path;
  const std::size_t target = current + n;
  std::vector<std::size_t> splits(current, 0);
  for (std::size_t k = 0; k < target; ++k) ++splits[k * current / target];
  Path out;
  std::size_t i = 0;
  for (const Subpath& sp : path.subpaths) {
    Subpath& o = out.subpaths.emplace_back();
    for (const Cubic& c : sp.cubics) {
      const double pieces = static_cast<double>(splits[i]);
      for (std::size_t j = 0; j < splits[i]; ++j) {
        o.cubics.push_back(c.sub(static_cast<double>(j) / pieces, static_cast<double>(j + 1) / pieces));
      }
      ++i;
    }
  }
  return out;
}

void alignPaths(Path& a, Path& b, const Vec2& centerA, const Vec2& centerB) {
  auto sameShape = [&] {
    if (a.empty() || a.subpaths.size() != b.subpaths.size()) return false;
    for (std::size_t i = 0; i < a.subpaths.size(); ++i) {
      if (a.subpaths[i].cubics.size() != b.subpaths[i].cubics.size()) return false;
    }
    return true;
  };
  if (sameShape()) return;
  // An empty path becomes a null curve at its centre so it has something to grow from.
  auto ensureCurve = [](Path& p, const Vec2& center) {
    if (p.empty()) p.subpaths = {Subpath{{Cubic{center, center, center, center}}}};
  };
  ensureCurve(a, centerA);
  ensureCurve(b, centerB);
  std::erase_if(a.subpaths, [](const Subpath& sp) { return sp.cubics.empty(); });
  std::erase_if(b.subpaths, [](const Subpath& sp) { return sp.cubics.empty(); });

  auto nth = [](const Path& p, std::size_t i) -> Subpath {
    if (i >= p.subpaths.size()) {
      const Vec2 last = p.subpaths.back().cubics.back().p3;
      return Subpath{{Cubic{last, last, last, last}}};
    }
    Subpath sp = p.subpaths[i];
    // Trailing null curves would be stretched needlessly (Manim issue #1959).
    while (sp.cubics.size() > 1) {
      const Cubic& c = sp.cubics.back();
      const Vec2 before = sp.cubics[sp.cubics.size() - 2].p3;
      if (nearlyEqual(c.p0, before) && nearlyEqual(c.p1, before) && nearlyEqual(c.p2, before) &&
          nearlyEqual(c.p3, before)) {
        sp.cubics.pop_back();
      } else {
        break;
      }
    }
    return sp;
  };

  const std::size_t count = std::max(a.subpaths.size(), b.subpaths.size());
  Path outA, outB;
  for (std::size_t i = 0; i < count; ++i) {
    Subpath sa = nth(a, i);
    Subpath sb = nth(b, i);
    const std::size_t na = sa.cubics.size(), nb = sb.cubics.size();
    if (nb > na) sa = insertCurves(sa, nb - na);
    if (na > nb) sb = insertCurves(sb, na - nb);
    outA.subpaths.push_back(std::move(sa));
    outB.subpaths.push_back(std::move(sb));
  }
  a = std::move(outA);
  b = std::move(outB);
}

Path interpolate(const Path& a, const Path& b, double t) {
  assert(a.subpaths.size() == b.subpaths.size());
  Path out = a;
  for (std::size_t i = 0; i < a.subpaths.size(); ++i) {
    assert(a.subpaths[i].cubics.size() == b.subpaths[i].cubics.size());
    for (std::size_t j = 0; j < a.subpaths[i].cubics.size(); ++j) {
      const Cubic& ca = a.subpaths[i].cubics[j];
      const Cubic& cb = b.subpaths[i].cubics[j];
      Cubic& c = out.subpaths[i].cubics[j];
      c.p0 = ca.p0 + t * (cb.p0 - ca.p0);
      c.p1 = ca.p1 + t * (cb.p1 - ca.p1);
      c.p2 = ca.p2 + t * (cb.p2 - ca.p2);
      c.p3 = ca.p3 + t * (cb.p3 - ca.p3);
    }
  }
  return out;
}

}  // namespace attnplay
