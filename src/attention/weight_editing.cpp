// SPDX-License-Identifier: MIT
#include "attnplay/attention/weight_editing.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace attnplay::attention {

void setProbability(Matrix& weights, Eigen::Index row, Eigen::Index col, double value) {
  assert(row >= 0 && row < weights.rows() && col >= 0 && col < weights.cols());
  value = std::clamp(value, 0.0, 1.0);
  const Eigen::Index n = weights.cols();
  const double others = weights.row(row).sum() - weights(row, col);
  const double left = 1 - value;
  for (Eigen::Index c = 0; c < n; ++c) {
    if (c == col) continue;
    weights(row, c) = others > 1e-12 ? weights(row, c) * left / others : left / static_cast<double>(n - 1);
  }
  weights(row, col) = n == 1 ? 1.0 : value;  // a row of one can only hold 1
}

Matrix logitsOf(const Matrix& probabilities, double floor) {
  return probabilities.unaryExpr([floor](double p) { return std::log(std::max(p, floor)); });
}

Matrix scaledSoftmax(const Matrix& logits, double dk, double temperature) {
  assert(dk > 0 && temperature > 0);
  return softmax(logits / std::sqrt(dk), temperature);
}

}  // namespace attnplay::attention
