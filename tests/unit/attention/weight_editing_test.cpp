// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <cmath>

#include "attnplay/attention/weight_editing.hpp"

using namespace attnplay::attention;

namespace {

constexpr double kTolerance = 1e-12;

Matrix row(std::initializer_list<double> values) {
  Matrix m(1, static_cast<Eigen::Index>(values.size()));
  Eigen::Index j = 0;
  for (double v : values) m(0, j++) = v;
  return m;
}

}  // namespace

TEST(SetProbability, RestOfTheRowKeepsItsProportions) {
  Matrix w = row({0.2, 0.4, 0.4});
  setProbability(w, 0, 1, 0.6);
  EXPECT_NEAR(w(0, 1), 0.6, kTolerance);
  EXPECT_NEAR(w(0, 0), 0.4 * 0.2 / 0.6, kTolerance);
  EXPECT_NEAR(w(0, 2), 0.4 * 0.4 / 0.6, kTolerance);
  EXPECT_NEAR(w.row(0).sum(), 1.0, kTolerance);
}

TEST(SetProbability, AllZeroRestSharesEvenly) {
  Matrix w = row({1.0, 0.0, 0.0});
  setProbability(w, 0, 0, 0.5);
  EXPECT_NEAR(w(0, 1), 0.25, kTolerance);
  EXPECT_NEAR(w(0, 2), 0.25, kTolerance);
}

TEST(SetProbability, ValueOutsideZeroToOneIsClamped) {
  Matrix w = row({0.5, 0.5});
  setProbability(w, 0, 0, 1.7);
  EXPECT_EQ(w(0, 0), 1.0);
  EXPECT_EQ(w(0, 1), 0.0);
}

TEST(SetProbability, OtherRowsAreUntouched) {
  Matrix w(2, 2);
  w << 0.5, 0.5, 0.3, 0.7;
  setProbability(w, 0, 0, 0.9);
  EXPECT_EQ(w(1, 0), 0.3);
  EXPECT_EQ(w(1, 1), 0.7);
}

TEST(LogitsOf, SoftmaxOfTheLogitsGivesTheProbabilitiesBack) {
  const Matrix p = row({0.1, 0.2, 0.7});
  const Matrix back = softmax(logitsOf(p));
  for (Eigen::Index c = 0; c < p.cols(); ++c) EXPECT_NEAR(back(0, c), p(0, c), kTolerance);
}

TEST(LogitsOf, ZeroProbabilityStaysFinite) {
  const Matrix l = logitsOf(row({0.0, 1.0}));
  EXPECT_TRUE(std::isfinite(l(0, 0)));
  EXPECT_NEAR(l(0, 0), std::log(1e-6), kTolerance);
}

TEST(ScaledSoftmax, DividesByTheSquareRootOfDk) {
  const Matrix logits = row({2.0, 0.0});
  const Matrix p = scaledSoftmax(logits, 4.0);  // logits / 2 = [1, 0]
  EXPECT_NEAR(p(0, 0), std::exp(1.0) / (std::exp(1.0) + 1.0), kTolerance);
}

TEST(ScaledSoftmax, TemperatureFlattens) {
  const Matrix logits = row({2.0, 0.0});
  EXPECT_LT(scaledSoftmax(logits, 1.0, 10.0)(0, 0), scaledSoftmax(logits, 1.0, 1.0)(0, 0));
}
