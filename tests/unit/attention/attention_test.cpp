// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <cmath>
#include <cstring>

#include "attnplay/attention/attention.hpp"

using namespace attnplay;
using namespace attnplay::attention;

namespace {

Matrix rows(std::initializer_list<std::initializer_list<double>> r) {
  Matrix m(static_cast<Eigen::Index>(r.size()), static_cast<Eigen::Index>(r.begin()->size()));
  Eigen::Index i = 0;
  for (const auto& row : r) {
    Eigen::Index j = 0;
    for (double v : row) m(i, j++) = v;
    ++i;
  }
  return m;
}

/// A NumPy .npy file written the way numpy.save writes version 1.0.
QByteArray npy(const std::string& descr, bool fortran, const std::string& shape, const QByteArray& data) {
  std::string header =
      "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  QByteArray out("\x93NUMPY\x01\x00", 8);
  out.append(static_cast<char>(header.size() & 0xff));
  out.append(static_cast<char>(header.size() >> 8));
  out.append(QByteArray::fromStdString(header));
  out.append(data);
  return out;
}

QByteArray doubles(std::initializer_list<double> values) {
  QByteArray out;
  for (double v : values) out.append(reinterpret_cast<const char*>(&v), sizeof v);
  return out;
}

QByteArray floats(std::initializer_list<float> values) {
  QByteArray out;
  for (float v : values) out.append(reinterpret_cast<const char*>(&v), sizeof v);
  return out;
}

}  // namespace

TEST(Softmax, ByHand) {
  const Matrix w = softmax(rows({{1, 2, 3}}));
  const double z = std::exp(1) + std::exp(2) + std::exp(3);
  EXPECT_NEAR(w(0, 0), std::exp(1) / z, 1e-15);
  EXPECT_NEAR(w(0, 2), std::exp(3) / z, 1e-15);
  EXPECT_NEAR(w.row(0).sum(), 1, 1e-15);
}

TEST(Softmax, ShiftInvariantAndStable) {
  const Matrix a = softmax(rows({{0.5, -1, 2}, {3, 3, 3}}));
  const Matrix b = softmax(rows({{1000.5, 999, 1002}, {-500, -500, -500}}));  // no overflow
  EXPECT_TRUE(a.isApprox(b, 1e-12));
  EXPECT_NEAR(b(1, 0), 1.0 / 3, 1e-15);
}

TEST(Softmax, TemperatureLimits) {
  const Matrix logits = rows({{1, 2, 4}});
  const Matrix hot = softmax(logits, 1e6), cold = softmax(logits, 1e-3);
  for (int c = 0; c < 3; ++c) EXPECT_NEAR(hot(0, c), 1.0 / 3, 1e-5);  // very hot: uniform
  EXPECT_NEAR(cold(0, 2), 1.0, 1e-12);                                // very cold: the largest
  EXPECT_EQ(cold(0, 0), 0.0);
}

TEST(Attention, ScaledDotProductByHand) {
  // One query (1, 0) against keys (1, 0) and (0, 1): scores 1/√2 and 0.
  const auto r = scaledDotProduct(rows({{1, 0}}), rows({{1, 0}, {0, 1}}), rows({{1, 2}, {3, 4}}));
  ASSERT_TRUE(r.ok());
  const double a = std::exp(1 / std::sqrt(2.0)), b = 1;
  EXPECT_NEAR(r->weights(0, 0), a / (a + b), 1e-15);
  EXPECT_NEAR(r->output(0, 0), (a * 1 + b * 3) / (a + b), 1e-14);
  EXPECT_NEAR(r->output(0, 1), (a * 2 + b * 4) / (a + b), 1e-14);
}

TEST(Attention, CausalMaskZeroesTheFuture) {
  const Matrix x = rows({{1, 0}, {0, 1}, {1, 1}});
  const auto r = scaledDotProduct(x, x, x, {.causal = true});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->weights(0, 1), 0.0);
  EXPECT_EQ(r->weights(0, 2), 0.0);
  EXPECT_EQ(r->weights(1, 2), 0.0);
  EXPECT_EQ(r->weights(0, 0), 1.0);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(r->weights.row(i).sum(), 1, 1e-15);
}

TEST(Attention, HeadsSplitTheWidth) {
  const Matrix x = rows({{1, 0, 0, 1}, {0, 1, 1, 0}});
  const auto heads = multiHead(x, x, x, 2);
  ASSERT_TRUE(heads.ok());
  ASSERT_EQ(heads->size(), 2u);
  const auto first = scaledDotProduct(x.leftCols(2), x.leftCols(2), x.leftCols(2));
  EXPECT_TRUE((*heads)[0].weights.isApprox(first->weights));
  EXPECT_FALSE(multiHead(x, x, x, 3).ok());
  EXPECT_FALSE(scaledDotProduct(x, rows({{1, 2, 3}}), x).ok());
}

class WeightFiles : public ::testing::Test {
 protected:
  std::string write(const QString& name, const QByteArray& bytes) {
    QFile f(dir.filePath(name));
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    return f.fileName().toStdString();
  }
  std::string failure(const QString& name, const QByteArray& bytes, const LoadRequirements& req = {}) {
    auto r = loadWeights(write(name, bytes), req);
    EXPECT_FALSE(r.ok()) << name.toStdString();
    return r ? "" : r.error().message();
  }
  QTemporaryDir dir;
};

TEST_F(WeightFiles, ReadsEveryShape) {
  auto json = loadWeights(write("a.json", "[[0.2, 0.8], [0.5, 0.5]]"), {.probabilities = true, .tokens = 2});
  ASSERT_TRUE(json.ok()) << json.error().format();
  EXPECT_EQ(json->shape, (std::vector<std::size_t>{2, 2}));
  auto named = loadWeights(write("b.json", R"({"tokens": ["a", "b"], "weights": [0.3, 0.7]})"));
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->tokens, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(named->shape, std::vector<std::size_t>{2});
  auto csv = loadWeights(write("c.csv", "# attention\n0.1, 0.9\n0.6,0.4\n"));
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv->values[2], 0.6);
  auto f8 = loadWeights(write("d.npy", npy("<f8", false, "(2, 2)", doubles({0.25, 0.75, 1, 0}))),
                        {.probabilities = true, .tokens = std::nullopt});
  ASSERT_TRUE(f8.ok()) << f8.error().format();
  EXPECT_EQ(f8->values[1], 0.75);
  auto f4 = loadWeights(write("e.npy", npy("<f4", false, "(3,)", floats({0.5f, 0.25f, 0.25f}))));
  ASSERT_TRUE(f4.ok());
  EXPECT_EQ(f4->shape, std::vector<std::size_t>{3});
  auto heads = loadWeights(write("f.npy", npy("<f8", false, "(2, 2, 2)", doubles({1, 0, 0, 1, 0.5, 0.5, 0.5, 0.5}))),
                           {.tokens = 2});
  ASSERT_TRUE(heads.ok());
  EXPECT_EQ(heads->shape, (std::vector<std::size_t>{2, 2, 2}));
  auto layers = loadWeights(write("g.npy", npy("<f8", false, "(1, 2, 1, 1)", doubles({1, 1}))));
  ASSERT_TRUE(layers.ok());
  EXPECT_EQ(layers->shape.size(), 4u);
}

TEST_F(WeightFiles, ADeviceIsRefusedAtOnce) {
  const auto zero = loadWeights("/dev/zero");  // would read until memory runs out
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.error().message().find("it is a character device"), std::string::npos) << zero.error().message();
}

TEST_F(WeightFiles, MalformedFilesSayWhatIsWrong) {
  EXPECT_NE(failure("a.npy", "NOTNUMPY......").find("wrong magic"), std::string::npos);
  EXPECT_NE(failure("b.npy", npy("<f8", false, "(3, 3)", doubles({1, 2}))).find("truncated"), std::string::npos);
  EXPECT_NE(failure("c.npy", npy("<f8", true, "(2, 2)", doubles({1, 0, 0, 1}))).find("Fortran order"),
            std::string::npos);
  EXPECT_NE(failure("d.npy", npy("<i8", false, "(2,)", doubles({1, 2}))).find("not little-endian float32 or float64"),
            std::string::npos);
  EXPECT_NE(failure("e.npy", npy("<f8", false, "(1, 1, 1, 1, 1)", doubles({1}))).find("5 axes"), std::string::npos);
  EXPECT_NE(failure("f.csv", "0.5, nan\n").find("not a finite number"), std::string::npos);
  EXPECT_NE(failure("g.json", "[[0.5, 0.6], [0.5, 0.5]]", {.probabilities = true, .tokens = std::nullopt})
                .find("row 0 sums to 1.1"),
            std::string::npos);
  EXPECT_NE(failure("h.json", "[[0.5, 0.5], [1, 0]]", {.tokens = 3}).find("does not fit 3 tokens"), std::string::npos);
  EXPECT_NE(failure("i.json", "[[1, 2], [3]]").find("different lengths"), std::string::npos);
  EXPECT_NE(failure("j.csv", "1, 2\n3, x\n").find("line 2: 'x' is not a number"), std::string::npos);
  EXPECT_NE(failure("k.csv", "1, 2\n3\n").find("line 2 has 1 values"), std::string::npos);
  EXPECT_NE(failure("l.json", "[1, 2").find("not valid JSON"), std::string::npos);
  EXPECT_NE(failure("m.json", R"({"tokens": ["a"]})").find("no \"weights\""), std::string::npos);
  EXPECT_NE(failure("n.txt", "1 2 3").find("its kind is unknown"), std::string::npos);
  EXPECT_NE(failure("o.json", "[[0.5, -0.5, 1]]", {.probabilities = true, .tokens = std::nullopt}).find("outside 0–1"),
            std::string::npos);
  // Shapes whose product overflows, or claims far more values than the file holds: an error,
  // never a read past the data or an allocation that aborts.
  EXPECT_NE(failure("p.npy", npy("<f8", false, "(4294967296, 4294967296, 4294967296)", doubles({1}))).find("truncated"),
            std::string::npos);
  EXPECT_NE(failure("q.npy", npy("<f8", false, "(2305843009213693952,)", doubles({1}))).find("truncated"),
            std::string::npos);
  auto missing = loadWeights(dir.filePath(QStringLiteral("nope.npy")).toStdString());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), ErrorCode::NotFound);
}
