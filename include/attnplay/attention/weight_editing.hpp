// SPDX-License-Identifier: MIT
#pragma once

#include "attnplay/attention/attention.hpp"

namespace attnplay::attention {

/// Sets one probability and renormalises its row: entry (row, col) becomes `value` (clamped to
/// [0, 1]) and the rest of the row shares 1 − value in its old proportions (evenly when they
/// were all 0), so the row still sums to 1 — what dragging a weight means.
void setProbability(Matrix& weights, Eigen::Index row, Eigen::Index col, double value);

/// Logits whose softmax is `probabilities`: ln p, with p floored at `floor` so a 0 stays finite.
Matrix logitsOf(const Matrix& probabilities, double floor = 1e-6);

/// softmax(logits / √d_k) at a temperature: the normalisation of scaled dot-product attention,
/// applied to logits edited by hand.
Matrix scaledSoftmax(const Matrix& logits, double dk, double temperature = 1.0);

}  // namespace attnplay::attention
