// SPDX-License-Identifier: MIT
// The scene API's numbers: NumPy's random, softmax, scaled dot-product attention, weight files.
#include <functional>

#include "script_host.hpp"

namespace attnplay::detail {

void ScriptHost::randomSeed(const QJSValue& seed) {
  guard([&] {
    const QString api = QStringLiteral("random.seed()");
    check(builder_.randomSeed(toNumber(seed, api + QStringLiteral(": the seed"))), api);
  });
}

QJSValue ScriptHost::softmax(const QJSValue& values, const QJSValue& options) {
  return guard([&] {
    bool vector = false;
    const attention::Matrix m = toMatrix(values, QStringLiteral("softmax(): the logits"), vector);
    const Options o(options, QStringLiteral("softmax()"), {QStringLiteral("temperature")});
    return matrixValue(attention::softmax(m, o.positive(QStringLiteral("temperature"), 1.0)), vector);
  });
}

QJSValue ScriptHost::attention(const QJSValue& q, const QJSValue& k, const QJSValue& v, const QJSValue& options) {
  return guard([&] {
    bool vq = false, vk = false, vv = false;
    const attention::Matrix Q = toMatrix(q, QStringLiteral("attention(): Q"), vq);
    const attention::Matrix K = toMatrix(k, QStringLiteral("attention(): K"), vk);
    const attention::Matrix V = toMatrix(v, QStringLiteral("attention(): V"), vv);
    const Options o(options, QStringLiteral("attention()"), {QStringLiteral("mask"), QStringLiteral("temperature")});
    attention::AttentionOptions a;
    a.temperature = o.number(QStringLiteral("temperature"), 1.0);
    if (o.has(QStringLiteral("mask"))) {
      const QJSValue mask = o.raw(QStringLiteral("mask"));
      if (!(mask.isBool() || (mask.isString() && mask.toString() == QLatin1String("causal")))) {
        fail(QStringLiteral("attention(): option 'mask' must be \"causal\" or true/false, got %1").arg(describe(mask)));
      }
      a.causal = mask.isBool() ? mask.toBool() : true;
    }
    auto r = attention::scaledDotProduct(Q, K, V, a);
    if (!r) fail(QString::fromStdString(r.error().message()), r.error().hint(), QJSValue::RangeError);
    QJSValue out = engine_.newObject();
    out.setProperty(QStringLiteral("weights"), matrixValue(r->weights, false));
    out.setProperty(QStringLiteral("output"), matrixValue(r->output, false));
    return out;
  });
}

QJSValue ScriptHost::loadWeights(const QJSValue& path, const QJSValue& options) {
  return guard([&] {
    const QString api = QStringLiteral("loadWeights()");
    if (!path.isString()) fail(QStringLiteral("%1: the path must be a string, got %2").arg(api, describe(path)));
    const Options o(options, api, {QStringLiteral("probabilities"), QStringLiteral("tokens")});
    attention::LoadRequirements req;
    req.probabilities = o.boolean(QStringLiteral("probabilities"), false);
    if (o.has(QStringLiteral("tokens")))
      req.tokens = static_cast<std::size_t>(o.nonNegative(QStringLiteral("tokens"), 0));
    const attention::WeightArray w = check(builder_.loadWeights(path.toString().toStdString(), req), api);
    // Nested arrays in the file's shape.
    std::function<QJSValue(std::size_t, std::size_t&)> build = [&](std::size_t axis, std::size_t& at) -> QJSValue {
      if (axis == w.shape.size()) return QJSValue(w.values[at++]);
      QJSValue arr = engine_.newArray(static_cast<uint>(w.shape[axis]));
      for (std::size_t i = 0; i < w.shape[axis]; ++i) arr.setProperty(static_cast<quint32>(i), build(axis + 1, at));
      return arr;
    };
    std::size_t at = 0;
    QJSValue out = engine_.newObject();
    out.setProperty(QStringLiteral("weights"), build(0, at));
    QJSValue tokens = engine_.newArray(static_cast<uint>(w.tokens.size()));
    for (std::size_t i = 0; i < w.tokens.size(); ++i)
      tokens.setProperty(static_cast<quint32>(i), QString::fromStdString(w.tokens[i]));
    out.setProperty(QStringLiteral("tokens"), tokens);
    QJSValue shape = engine_.newArray(static_cast<uint>(w.shape.size()));
    for (std::size_t i = 0; i < w.shape.size(); ++i)
      shape.setProperty(static_cast<quint32>(i), static_cast<double>(w.shape[i]));
    out.setProperty(QStringLiteral("shape"), shape);
    return out;
  });
}

}  // namespace attnplay::detail
