// SPDX-License-Identifier: MIT
#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "attnplay/base/error.hpp"

namespace attnplay::attention {

using Matrix = Eigen::MatrixXd;

/// Row-wise softmax of logits divided by a temperature, shifted by each row's maximum so large
/// logits cannot overflow. Entries of -inf (masked) come out exactly 0.
Matrix softmax(const Matrix& logits, double temperature = 1.0);

struct AttentionOptions {
  bool causal = false;  ///< query i sees keys 0..i only
  double temperature = 1.0;
};

struct AttentionResult {
  Matrix weights;  ///< softmax(QKᵀ/√d_k / temperature), one row per query
  Matrix output;   ///< weights · V
};

/// Scaled dot-product attention, softmax(QKᵀ/√d_k)V, for one head. Q is n×d_k, K m×d_k, V m×d_v.
Result<AttentionResult> scaledDotProduct(const Matrix& q, const Matrix& k, const Matrix& v,
                                         const AttentionOptions& options = {});

/// Several heads: Q, K and V split column-wise into `heads` equal parts, attended separately,
/// outputs concatenated. The weights are per head.
Result<std::vector<AttentionResult>> multiHead(const Matrix& q, const Matrix& k, const Matrix& v, int heads,
                                               const AttentionOptions& options = {});

/// Weights read from a file: a shape and the numbers in C order.
struct WeightArray {
  std::vector<std::size_t> shape;
  std::vector<double> values;
  std::vector<std::string> tokens;  ///< when the file names them ({tokens, weights} JSON)
};

/// What a loaded file must be.
struct LoadRequirements {
  bool probabilities = false;                ///< the last axis must sum to 1 (± 1e-3), entries in [0, 1]
  std::optional<std::size_t> tokens;         ///< the last axes must be this long
  std::size_t maxBytes = 256 * 1024 * 1024;  ///< larger files are refused while being read
};

/// Loads JSON (a nested array, or {"tokens": [...], "weights": [...]}), CSV (rows of numbers) or
/// NumPy .npy (float32/float64, C order; shapes [n], [n,n], [heads,n,n], [layers,heads,n,n]).
/// A malformed file is one Error naming the file and what is wrong.
Result<WeightArray> loadWeights(const std::string& path, const LoadRequirements& requirements = {});

}  // namespace attnplay::attention
