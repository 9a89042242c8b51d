// SPDX-License-Identifier: MIT
#include "js_values.hpp"

#include <QJSValueIterator>
#include <cmath>

#include "attnplay/scene/color.hpp"

namespace attnplay::detail {

void fail(const QString& message, const std::string& hint, QJSValue::ErrorType type) {
  throw Fail{type, message, hint};
}

void fail(const QString& api, const Error& error) {
  QJSValue::ErrorType type = QJSValue::GenericError;
  switch (error.code()) {
    case ErrorCode::InvalidArgument:
      type = QJSValue::TypeError;
      break;
    case ErrorCode::OutOfRange:
    case ErrorCode::LimitExceeded:
      type = QJSValue::RangeError;
      break;
    case ErrorCode::NotFound:
    case ErrorCode::IoError:
      type = QJSValue::URIError;
      break;
    default:
      break;
  }
  const QString message = QString::fromStdString(error.message());
  fail(api.isEmpty() ? message : api + QStringLiteral(": ") + message, error.hint(), type);
}

void check(const Status& status, const QString& api) {
  if (!status) fail(api, status.error());
}

bool looksLikeMobject(const QJSValue& v) { return v.isObject() && v.hasProperty(QStringLiteral("_id")); }

QString describe(const QJSValue& v) {
  if (v.isUndefined()) return QStringLiteral("undefined");
  if (v.isNull()) return QStringLiteral("null");
  if (v.isBool()) return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
  if (v.isNumber()) {
    const double d = v.toNumber();
    if (std::isnan(d)) return QStringLiteral("NaN");
    if (std::isinf(d)) return d > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    return QStringLiteral("the number %1").arg(d);
  }
  if (v.isString()) return QStringLiteral("the string \"%1\"").arg(v.toString());
  if (v.isArray()) return QStringLiteral("an array of %1").arg(v.property(QStringLiteral("length")).toInt());
  if (v.isCallable()) return QStringLiteral("a function");
  if (looksLikeMobject(v)) return QStringLiteral("a mobject");
  return QStringLiteral("an object");
}

int listLength(const QJSValue& list, const QString& what) {
  if (!list.isArray()) fail(QStringLiteral("%1 must be a list, got %2").arg(what, describe(list)));
  return list.property(QStringLiteral("length")).toInt();
}

double toNumber(const QJSValue& v, const QString& what) {
  if (!v.isNumber()) fail(QStringLiteral("%1 must be a number, got %2").arg(what, describe(v)));
  const double d = v.toNumber();
  if (!std::isfinite(d)) {
    fail(QStringLiteral("%1 must be a finite number, got %2").arg(what, describe(v)),
         "NaN or Infinity usually comes from a division by zero or an undefined variable", QJSValue::RangeError);
  }
  return d;
}

double toNonNegative(const QJSValue& v, const QString& what) {
  const double d = toNumber(v, what);
  if (d < 0) fail(QStringLiteral("%1 must be 0 or more, got %2").arg(what).arg(d), {}, QJSValue::RangeError);
  return d;
}

double toOpacity(const QJSValue& v, const QString& what) {
  const double d = toNumber(v, what);
  if (d < 0 || d > 1)
    fail(QStringLiteral("%1 must be between 0 and 1, got %2").arg(what).arg(d), {}, QJSValue::RangeError);
  return d;
}

Vec2 toVec(const QJSValue& v, const QString& what) {
  double x = 0, y = 0;
  if (v.isArray()) {
    const int n = v.property(QStringLiteral("length")).toInt();
    if (n != 2 && n != 3) fail(QStringLiteral("%1 must be a vector [x, y], got an array of %2").arg(what).arg(n));
    x = toNumber(v.property(0), what + QStringLiteral(" x"));
    y = toNumber(v.property(1), what + QStringLiteral(" y"));
    if (n == 3) toNumber(v.property(2), what + QStringLiteral(" z"));
  } else if (v.isObject() && !looksLikeMobject(v) && v.property(QStringLiteral("x")).isNumber() &&
             v.property(QStringLiteral("y")).isNumber()) {
    x = toNumber(v.property(QStringLiteral("x")), what + QStringLiteral(" x"));
    y = toNumber(v.property(QStringLiteral("y")), what + QStringLiteral(" y"));
  } else {
    fail(QStringLiteral("%1 must be a vector such as UP or [1, 0.5], got %2").arg(what, describe(v)));
  }
  return {x, y};
}

Color toColor(const QJSValue& v, const QString& what) {
  if (v.isString()) {
    const std::string text = v.toString().toStdString();
    if (auto c = Color::fromHex(text)) return *c;
    if (auto c = manim::namedColor(text)) return *c;
    fail(QStringLiteral("%1: \"%2\" is not a colour").arg(what, v.toString()),
         "use a palette name such as BLUE or RED_E, or a hex string such as \"#58C4DD\"");
  }
  if (v.isObject() && v.property(QStringLiteral("r")).isNumber()) {
    return Color{toNumber(v.property(QStringLiteral("r")), what + QStringLiteral(".r")),
                 toNumber(v.property(QStringLiteral("g")), what + QStringLiteral(".g")),
                 toNumber(v.property(QStringLiteral("b")), what + QStringLiteral(".b"))};
  }
  fail(QStringLiteral("%1 must be a colour such as BLUE or \"#58C4DD\", got %2").arg(what, describe(v)));
}

std::string texString(const QJSValue& v, const QString& what) {
  if (v.isString() || v.isNumber()) return v.toString().toStdString();
  fail(QStringLiteral("%1 must be a TeX string such as \"x^2\", got %2").arg(what, describe(v)));
}

RateFunc toRateFunc(const QJSValue& v, const QString& what) {
  if (v.isString()) {
    if (auto f = RateFunc::named(v.toString().toStdString())) return *f;
    fail(QStringLiteral("%1: unknown rate function \"%2\"").arg(what, v.toString()),
         "use one of Manim's: smooth, linear, thereAndBack, rushInto, … (docs/scene-api.md)");
  }
  if (v.isCallable()) {
    // Sampled once here, so evaluating the timeline never calls back into JavaScript.
    constexpr int kSamples = 1024;
    std::vector<double> samples;
    samples.reserve(kSamples + 1);
    for (int i = 0; i <= kSamples; ++i) {
      const QJSValue y = v.call({QJSValue(static_cast<double>(i) / kSamples)});
      if (y.isError()) fail(QStringLiteral("%1: the rate function threw %2").arg(what, y.toString()));
      samples.push_back(toNumber(y, what + QStringLiteral(": the rate function's result")));
    }
    return RateFunc::sampled("custom", std::move(samples));
  }
  fail(QStringLiteral("%1 must be a rate function such as smooth or linear, got %2").arg(what, describe(v)));
}

attention::Matrix toMatrix(const QJSValue& v, const QString& what, bool& vector) {
  if (!v.isArray() || v.property(QStringLiteral("length")).toInt() == 0) {
    fail(QStringLiteral("%1 must be a list of numbers or a list of rows, got %2").arg(what, describe(v)));
  }
  const int rows = v.property(QStringLiteral("length")).toInt();
  vector = !v.property(0).isArray();
  if (vector) {
    attention::Matrix m(1, rows);
    for (int c = 0; c < rows; ++c) m(0, c) = toNumber(v.property(c), what);
    return m;
  }
  const int cols = v.property(0).property(QStringLiteral("length")).toInt();
  attention::Matrix m(rows, cols);
  for (int r = 0; r < rows; ++r) {
    const QJSValue row = v.property(r);
    if (!row.isArray() || row.property(QStringLiteral("length")).toInt() != cols) {
      fail(QStringLiteral("%1: row %2 must be a list of %3 numbers").arg(what).arg(r + 1).arg(cols));
    }
    for (int c = 0; c < cols; ++c) m(r, c) = toNumber(row.property(c), what);
  }
  return m;
}

Options::Options(const QJSValue& value, const QString& api, const QStringList& allowed) : value_(value), api_(api) {
  if (value.isUndefined() || value.isNull()) return;
  if (!value.isObject() || value.isArray() || value.isCallable() || looksLikeMobject(value)) {
    fail(QStringLiteral("%1: the options must be an object such as { buff: 0.1 }, got %2").arg(api, describe(value)));
  }
  QJSValueIterator it(value);
  while (it.hasNext()) {
    it.next();
    if (!allowed.contains(it.name())) {
      fail(QStringLiteral("%1: unknown option '%2'").arg(api, it.name()),
           "the options it takes are: " + allowed.join(QStringLiteral(", ")).toStdString());
    }
  }
}

bool Options::has(const QString& key) const {
  return value_.isObject() && value_.hasProperty(key) && !value_.property(key).isUndefined();
}

double Options::number(const QString& key, double fallback) const {
  return has(key) ? toNumber(raw(key), what(key)) : fallback;
}

double Options::nonNegative(const QString& key, double fallback) const {
  return has(key) ? toNonNegative(raw(key), what(key)) : fallback;
}

double Options::positive(const QString& key, double fallback) const {
  const double d = number(key, fallback);
  if (d <= 0) fail(QStringLiteral("%1 must be more than 0").arg(what(key)), {}, QJSValue::RangeError);
  return d;
}

double Options::opacity(const QString& key, double fallback) const {
  return has(key) ? toOpacity(raw(key), what(key)) : fallback;
}

Vec2 Options::vec(const QString& key, const Vec2& fallback) const {
  return has(key) ? toVec(raw(key), what(key)) : fallback;
}

bool Options::boolean(const QString& key, bool fallback) const {
  if (!has(key)) return fallback;
  if (!raw(key).isBool()) fail(QStringLiteral("%1 must be true or false, got %2").arg(what(key), describe(raw(key))));
  return raw(key).toBool();
}

std::optional<Color> Options::color(const QString& key) const {
  if (!has(key)) return std::nullopt;
  return toColor(raw(key), what(key));
}

QString Options::choice(const QString& key, const QStringList& allowed, bool upper) const {
  if (!has(key)) return allowed.front();
  const QString v = upper ? raw(key).toString().toUpper() : raw(key).toString();
  if (!allowed.contains(v)) {
    fail(QStringLiteral("%1 must be one of %2, got %3")
             .arg(what(key), allowed.join(upper ? QStringLiteral(", ") : QStringLiteral(" ")), describe(raw(key))));
  }
  return v;
}

QStringList withStyle(QStringList keys) {
  return keys + QStringList{QStringLiteral("color"),       QStringLiteral("fillColor"),
                            QStringLiteral("fillOpacity"), QStringLiteral("strokeColor"),
                            QStringLiteral("strokeWidth"), QStringLiteral("strokeOpacity")};
}

void applyStyle(Style& style, const Options& o) {
  if (auto c = o.color(QStringLiteral("color"))) style.fillColor = style.strokeColor = *c;
  if (auto c = o.color(QStringLiteral("fillColor"))) style.fillColor = *c;
  if (auto c = o.color(QStringLiteral("strokeColor"))) style.strokeColor = *c;
  style.fillOpacity = o.opacity(QStringLiteral("fillOpacity"), style.fillOpacity);
  style.strokeOpacity = o.opacity(QStringLiteral("strokeOpacity"), style.strokeOpacity);
  style.strokeWidth = o.nonNegative(QStringLiteral("strokeWidth"), style.strokeWidth);
}

}  // namespace attnplay::detail
