// SPDX-License-Identifier: MIT
// Manim's smooth handles (utils/bezier.py get_smooth_handle_points, ManimCE 0.17.3).
#include <Eigen/SparseLU>

#include "attnplay/geometry/path.hpp"

namespace attnplay {

Subpath smoothThrough(const std::vector<Vec2>& anchors) {
  Subpath out;
  if (anchors.size() < 2) return out;
  const Eigen::Index n = static_cast<Eigen::Index>(anchors.size()) - 1;  // cubics
  const Eigen::Index size = 2 * n;                                       // unknowns h1_0, h2_0, h1_1, h2_1, …
  const bool closed = anchors.front() == anchors.back();
  std::vector<Eigen::Triplet<double>> a;
  Eigen::MatrixX2d b = Eigen::MatrixX2d::Zero(size, 2);
  const auto point = [&](std::size_t i) { return Eigen::RowVector2d(anchors[i].x(), anchors[i].y()); };
  // Row 0: 2·h1_0 − h2_0 = p_0 (closed: h1_0 + h2_{n−1} = 2·p_0).
  if (closed) {
    a.emplace_back(0, 0, 1);
    a.emplace_back(0, size - 1, 1);
    b.row(0) = 2 * point(0);
  } else {
    a.emplace_back(0, 0, 2);
    a.emplace_back(0, 1, -1);
    b.row(0) = point(0);
  }
  for (Eigen::Index k = 0; k + 1 < n; ++k) {
    // h2_k + h1_{k+1} = 2·p_{k+1}: the curve passes through the anchor smoothly…
    a.emplace_back(2 * k + 1, 2 * k + 1, 1);
    a.emplace_back(2 * k + 1, 2 * k + 2, 1);
    b.row(2 * k + 1) = 2 * point(static_cast<std::size_t>(k + 1));
    // …and h1_k − 2·h2_k + 2·h1_{k+1} − h2_{k+1} = 0: its second derivative is continuous.
    a.emplace_back(2 * k + 2, 2 * k, 1);
    a.emplace_back(2 * k + 2, 2 * k + 1, -2);
    a.emplace_back(2 * k + 2, 2 * k + 2, 2);
    a.emplace_back(2 * k + 2, 2 * k + 3, -1);
  }
  // Last row: −h1_{n−1} + 2·h2_{n−1} = p_n (closed: the second derivative across p_0).
  if (closed) {
    a.emplace_back(size - 1, 0, 2);
    a.emplace_back(size - 1, 1, -1);
    a.emplace_back(size - 1, size - 2, 1);
    a.emplace_back(size - 1, size - 1, -2);
  } else {
    a.emplace_back(size - 1, size - 2, -1);
    a.emplace_back(size - 1, size - 1, 2);
    b.row(size - 1) = point(anchors.size() - 1);
  }
  Eigen::SparseMatrix<double> m(size, size);
  m.setFromTriplets(a.begin(), a.end());
  Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
  lu.compute(m);
  const Eigen::MatrixX2d h = lu.info() == Eigen::Success ? Eigen::MatrixX2d(lu.solve(b)) : Eigen::MatrixX2d();
  for (Eigen::Index k = 0; k < n; ++k) {
    const Vec2 p0 = anchors[static_cast<std::size_t>(k)], p3 = anchors[static_cast<std::size_t>(k + 1)];
    if (h.rows() != size) {
      out.cubics.push_back(Cubic::line(p0, p3));  // a singular system (repeated anchors): straight
      continue;
    }
    out.cubics.push_back({p0, Vec2(h(2 * k, 0), h(2 * k, 1)), Vec2(h(2 * k + 1, 0), h(2 * k + 1, 1)), p3});
  }
  return out;
}

}  // namespace attnplay
