// SPDX-License-Identifier: MIT
#pragma once

#include <gtest/gtest.h>

#include "attnplay/geometry/path.hpp"

namespace attnplay::testing {

/// Both coordinates within eps; says which one failed.
inline void expectNear(const Vec2& actual, const Vec2& expected, double eps = 1e-9) {
  EXPECT_NEAR(actual.x(), expected.x(), eps) << "x";
  EXPECT_NEAR(actual.y(), expected.y(), eps) << "y";
}

}  // namespace attnplay::testing
