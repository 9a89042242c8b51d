// SPDX-License-Identifier: MIT
#include "attnplay/attention/attention.hpp"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <cmath>
#include <cstring>
#include <limits>

#include "attnplay/base/input_file.hpp"

namespace attnplay::attention {

Matrix softmax(const Matrix& logits, double temperature) {
  Matrix out(logits.rows(), logits.cols());
  for (Eigen::Index r = 0; r < logits.rows(); ++r) {
    const double top = logits.row(r).maxCoeff();
    double sum = 0;
    for (Eigen::Index c = 0; c < logits.cols(); ++c) {
      const double e =
          std::isinf(logits(r, c)) && logits(r, c) < 0 ? 0.0 : std::exp((logits(r, c) - top) / temperature);
      out(r, c) = e;
      sum += e;
    }
    if (sum > 0) out.row(r) /= sum;
  }
  return out;
}

Result<AttentionResult> scaledDotProduct(const Matrix& q, const Matrix& k, const Matrix& v, const AttentionOptions& o) {
  if (q.cols() != k.cols()) {
    return Error(ErrorCode::InvalidArgument, "attention(): Q has " + std::to_string(q.cols()) + " columns and K has " +
                                                 std::to_string(k.cols()) + "; they must match (d_k)");
  }
  if (k.rows() != v.rows()) {
    return Error(ErrorCode::InvalidArgument, "attention(): K has " + std::to_string(k.rows()) + " rows and V has " +
                                                 std::to_string(v.rows()) + "; there must be a value per key");
  }
  if (!(o.temperature > 0)) return Error(ErrorCode::InvalidArgument, "attention(): the temperature must be above 0");
  if (q.cols() == 0) return Error(ErrorCode::InvalidArgument, "attention(): d_k is 0");
  Matrix scores = q * k.transpose() / std::sqrt(static_cast<double>(q.cols()));
  if (o.causal) {
    for (Eigen::Index r = 0; r < scores.rows(); ++r) {
      for (Eigen::Index c = r + 1; c < scores.cols(); ++c) scores(r, c) = -std::numeric_limits<double>::infinity();
    }
  }
  AttentionResult result;
  result.weights = softmax(scores, o.temperature);
  result.output = result.weights * v;
  return result;
}

Result<std::vector<AttentionResult>> multiHead(const Matrix& q, const Matrix& k, const Matrix& v, int heads,
                                               const AttentionOptions& o) {
  if (heads <= 0 || q.cols() % heads != 0 || k.cols() % heads != 0 || v.cols() % heads != 0) {
    return Error(ErrorCode::InvalidArgument,
                 "attention(): " + std::to_string(heads) + " heads do not divide the model width evenly");
  }
  std::vector<AttentionResult> out;
  const Eigen::Index dq = q.cols() / heads, dv = v.cols() / heads;
  for (int h = 0; h < heads; ++h) {
    auto r = scaledDotProduct(q.middleCols(h * dq, dq), k.middleCols(h * dq, dq), v.middleCols(h * dv, dv), o);
    if (!r) return r.error();
    out.push_back(std::move(*r));
  }
  return out;
}

namespace {

Error bad(const std::string& path, const std::string& what, const std::string& hint = {}) {
  return Error(ErrorCode::InvalidArgument, "weights file '" + path + "': " + what,
               hint.empty() ? "see docs/scene-api.md for the formats loadWeights reads" : hint);
}

/// Flattens a JSON array of numbers (nested to any depth, rectangular) into shape and values.
bool flatten(const QJsonValue& v, std::size_t depth, WeightArray& out, std::string& problem) {
  if (v.isDouble()) {
    if (depth != out.shape.size()) {
      problem = "the nesting is uneven";
      return false;
    }
    out.values.push_back(v.toDouble());
    return true;
  }
  if (!v.isArray()) {
    problem = "it holds something other than numbers and lists";
    return false;
  }
  const QJsonArray a = v.toArray();
  if (depth == out.shape.size()) {
    out.shape.push_back(static_cast<std::size_t>(a.size()));
  } else if (out.shape[depth] != static_cast<std::size_t>(a.size())) {
    problem = "its rows have different lengths";
    return false;
  }
  for (const auto& e : a) {
    if (!flatten(e, depth + 1, out, problem)) return false;
  }
  return true;
}

Result<WeightArray> readJson(const std::string& path, const QByteArray& bytes) {
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
  if (error.error != QJsonParseError::NoError) {
    return bad(path,
               "not valid JSON at byte " + std::to_string(error.offset) + ": " + error.errorString().toStdString());
  }
  WeightArray out;
  QJsonValue weights;
  if (doc.isObject()) {
    const QJsonObject o = doc.object();
    if (!o.contains(QStringLiteral("weights")))
      return bad(path, "the object has no \"weights\"", "write {\"tokens\": [...], \"weights\": [[...]]}");
    weights = o.value(QStringLiteral("weights"));
    for (const auto& t : o.value(QStringLiteral("tokens")).toArray()) out.tokens.push_back(t.toString().toStdString());
  } else {
    weights = doc.array();
  }
  std::string problem;
  if (!flatten(weights, 0, out, problem)) return bad(path, problem);
  return out;
}

Result<WeightArray> readCsv(const std::string& path, const QByteArray& bytes) {
  WeightArray out;
  std::size_t rows = 0, cols = 0;
  int lineNumber = 0;
  for (const QByteArray& rawLine : bytes.split('\n')) {
    ++lineNumber;
    const QByteArray line = rawLine.trimmed();
    if (line.isEmpty() || line.startsWith('#')) continue;
    const QList<QByteArray> cells = line.split(',');
    if (rows == 0) {
      cols = static_cast<std::size_t>(cells.size());
    } else if (static_cast<std::size_t>(cells.size()) != cols) {
      return bad(path, "line " + std::to_string(lineNumber) + " has " + std::to_string(cells.size()) +
                           " values, the first row " + std::to_string(cols));
    }
    for (const QByteArray& cell : cells) {
      bool ok = false;
      const double d = cell.trimmed().toDouble(&ok);
      if (!ok)
        return bad(path,
                   "line " + std::to_string(lineNumber) + ": '" + cell.trimmed().toStdString() + "' is not a number");
      out.values.push_back(d);
    }
    ++rows;
  }
  if (rows == 0) return bad(path, "it has no rows");
  out.shape = rows == 1 ? std::vector<std::size_t>{cols} : std::vector<std::size_t>{rows, cols};
  return out;
}

Result<WeightArray> readNpy(const std::string& path, const QByteArray& bytes) {
  // NumPy's format: magic, version, header length, a Python-dict header, then the data.
  if (bytes.size() < 10 || std::memcmp(bytes.constData(), "\x93NUMPY", 6) != 0) {
    return bad(path, "not a NumPy .npy file (wrong magic)", "save it with numpy.save");
  }
  const auto major = static_cast<unsigned char>(bytes[6]);
  std::size_t headerLength = 0, offset = 0;
  if (major == 1) {
    headerLength = static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
    offset = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) return bad(path, "the header is truncated");
    headerLength = 0;
    for (int i = 0; i < 4; ++i)
      headerLength |= static_cast<std::size_t>(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
    offset = 12;
  } else {
    return bad(path, "NumPy format version " + std::to_string(major) + " is not one attnplay reads");
  }
  if (offset + headerLength > static_cast<std::size_t>(bytes.size())) return bad(path, "the header is truncated");
  const std::string header =
      bytes.mid(static_cast<qsizetype>(offset), static_cast<qsizetype>(headerLength)).toStdString();
  // The value after 'key': in the header dict, without leading spaces.
  const auto field = [&](const std::string& key) -> std::string {
    const auto at = header.find("'" + key + "'");
    if (at == std::string::npos) return {};
    const auto colon = header.find(':', at);
    if (colon == std::string::npos) return {};
    const auto start = header.find_first_not_of(' ', colon + 1);
    return start == std::string::npos ? std::string() : header.substr(start);
  };
  const std::string descr = field("descr"), order = field("fortran_order"), shapeText = field("shape");
  if (descr.empty() || order.empty() || shapeText.empty())
    return bad(path, "the header lacks descr, fortran_order or shape");
  const std::size_t itemSize = descr.rfind("'<f8'", 0) == 0 ? 8 : descr.rfind("'<f4'", 0) == 0 ? 4 : 0;
  if (itemSize == 0) {
    return bad(path, "the data type " + descr.substr(0, descr.find(',')) + " is not little-endian float32 or float64",
               "convert it with array.astype(numpy.float32)");
  }
  if (order.rfind("True", 0) == 0) {
    return bad(path, "the data is in Fortran order",
               "save a C-ordered copy: numpy.save(path, numpy.ascontiguousarray(a))");
  }
  WeightArray out;
  const auto open = shapeText.find('('), close = shapeText.find(')');
  if (open == std::string::npos || close == std::string::npos) return bad(path, "the shape is unreadable");
  // The product is checked against what the file holds as it grows, so it cannot overflow.
  const std::size_t data = offset + headerLength;
  const std::size_t available = (static_cast<std::size_t>(bytes.size()) - data) / itemSize;
  std::size_t count = 1;
  for (const QByteArray& part : QByteArray::fromStdString(shapeText.substr(open + 1, close - open - 1)).split(',')) {
    const QByteArray p = part.trimmed();
    if (p.isEmpty()) continue;
    bool ok = false;
    const qulonglong n = p.toULongLong(&ok);
    if (!ok) return bad(path, "the shape is unreadable");
    out.shape.push_back(static_cast<std::size_t>(n));
    if (n != 0 && count > available / n) {
      return bad(path, "the data is truncated: the shape (" + shapeText.substr(open + 1, close - open - 1) +
                           ") needs more values than the file's " + std::to_string(available));
    }
    count *= static_cast<std::size_t>(n);
  }
  if (out.shape.empty() || out.shape.size() > 4) {
    return bad(path, "its shape has " + std::to_string(out.shape.size()) +
                         " axes; attnplay reads [n], [n,n], [heads,n,n] or [layers,heads,n,n]");
  }
  if (static_cast<std::size_t>(bytes.size()) - data < count * itemSize) {
    return bad(path, "the data is truncated: " + std::to_string(count) + " values need " +
                         std::to_string(count * itemSize) + " bytes, the file has " +
                         std::to_string(bytes.size() - static_cast<qsizetype>(data)));
  }
  out.values.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    const char* p = bytes.constData() + data + i * itemSize;
    if (itemSize == 8) {
      double d;
      std::memcpy(&d, p, 8);
      out.values[i] = d;
    } else {
      float f;
      std::memcpy(&f, p, 4);
      out.values[i] = f;
    }
  }
  return out;
}

}  // namespace

Result<WeightArray> loadWeights(const std::string& path, const LoadRequirements& req) {
  const auto read = readInputFile(path, req.maxBytes, "weights file");
  if (!read) return read.error();
  const QByteArray bytes = QByteArray::fromStdString(*read);
  const QString lower = QString::fromStdString(path).toLower();
  Result<WeightArray> r = lower.endsWith(QLatin1String(".npy"))   ? readNpy(path, bytes)
                          : lower.endsWith(QLatin1String(".csv")) ? readCsv(path, bytes)
                          : lower.endsWith(QLatin1String(".json"))
                              ? readJson(path, bytes)
                              : Result<WeightArray>(bad(path, "its kind is unknown", "use .json, .csv or .npy"));
  if (!r) return r;
  const WeightArray& w = *r;
  if (w.values.empty()) return bad(path, "it holds no numbers");
  for (std::size_t i = 0; i < w.values.size(); ++i) {
    if (!std::isfinite(w.values[i]))
      return bad(path, "value " + std::to_string(i) + " is not a finite number (NaN or infinity)");
  }
  if (req.tokens) {
    const std::size_t n = w.shape.back();
    const bool square = w.shape.size() == 1 || w.shape[w.shape.size() - 2] == n;
    if (n != *req.tokens || !square) {
      std::string shape;
      for (auto s : w.shape) shape += (shape.empty() ? "" : "×") + std::to_string(s);
      return bad(path, "its shape " + shape + " does not fit " + std::to_string(*req.tokens) + " tokens");
    }
  }
  if (req.probabilities) {
    const std::size_t n = w.shape.back();
    for (std::size_t row = 0; row * n < w.values.size(); ++row) {
      double sum = 0;
      for (std::size_t c = 0; c < n; ++c) {
        const double p = w.values[row * n + c];
        if (p < 0 || p > 1)
          return bad(path, "row " + std::to_string(row) + " has " + std::to_string(p) + ", outside 0–1");
        sum += p;
      }
      if (std::abs(sum - 1) > 1e-3) {
        return bad(path, "row " + std::to_string(row) + " sums to " + std::to_string(sum) + ", not 1",
                   "attention weights are probabilities: apply softmax to logits first");
      }
    }
  }
  return r;
}

}  // namespace attnplay::attention
