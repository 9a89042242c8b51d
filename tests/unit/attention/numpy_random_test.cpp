// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include "attnplay/attention/numpy_random.hpp"

using namespace attnplay;

TEST(NumpyRandom, MatchesNumpyForSeed42) {
  // np.random.seed(42); np.random.rand(6) in NumPy:
  NumpyRandom r(42);
  EXPECT_DOUBLE_EQ(r.rand(), 0.3745401188473625);
  EXPECT_DOUBLE_EQ(r.rand(), 0.9507143064099162);
  EXPECT_DOUBLE_EQ(r.rand(), 0.7319939418114051);
  EXPECT_DOUBLE_EQ(r.rand(), 0.5986584841970366);
  EXPECT_DOUBLE_EQ(r.rand(), 0.15601864044243652);
  EXPECT_DOUBLE_EQ(r.rand(), 0.15599452033620265);
}

TEST(NumpyRandom, ReseedingRestarts) {
  NumpyRandom r(0);
  // np.random.seed(0); np.random.rand() is 0.5488135039273248.
  EXPECT_DOUBLE_EQ(r.rand(), 0.5488135039273248);
  r.seed(42);
  EXPECT_DOUBLE_EQ(r.rand(), 0.3745401188473625);
}
