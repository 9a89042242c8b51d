// SPDX-License-Identifier: MIT
#pragma once

// Decoding JavaScript values for the scene API: every check that turns a wrong argument into
// one message naming the API, the argument and what it got.

#include <QJSValue>
#include <QString>
#include <QStringList>
#include <optional>
#include <string>

#include "attnplay/animation/rate_functions.hpp"
#include "attnplay/attention/attention.hpp"
#include "attnplay/base/error.hpp"
#include "attnplay/frame/style.hpp"
#include "attnplay/geometry/path.hpp"

namespace attnplay::detail {

/// A rejected argument; ScriptHost's guard turns it into a JavaScript error at the scene's line.
struct Fail {
  QJSValue::ErrorType type;
  QString message;
  std::string hint;
};

[[noreturn]] void fail(const QString& message, const std::string& hint = {},
                       QJSValue::ErrorType type = QJSValue::TypeError);
/// A builder's Error as a JavaScript error, with the API that was called in front.
[[noreturn]] void fail(const QString& api, const Error& error);

/// The value of a builder call, or the JavaScript error its Error becomes.
template <typename T>
T check(Result<T> result, const QString& api) {
  if (!result) fail(api, result.error());
  return std::move(*result);
}
void check(const Status& status, const QString& api);

/// Looks like one of the scene's mobjects (has an `_id`); ScriptHost decides if it really is.
bool looksLikeMobject(const QJSValue& v);
/// "the number 3", "the string \"x\"", "an array of 2", … for messages.
QString describe(const QJSValue& v);
/// A list's length, refusing anything that is not an array.
int listLength(const QJSValue& list, const QString& what);

double toNumber(const QJSValue& v, const QString& what);
double toNonNegative(const QJSValue& v, const QString& what);
double toOpacity(const QJSValue& v, const QString& what);
Vec2 toVec(const QJSValue& v, const QString& what);
Color toColor(const QJSValue& v, const QString& what);
/// A TeX string: JavaScript strings, and numbers written as they print.
std::string texString(const QJSValue& v, const QString& what);
/// A rate function by Manim's name, or a JavaScript function sampled once.
RateFunc toRateFunc(const QJSValue& v, const QString& what);
/// A list of numbers (one row, `vector` set) or a list of equal-length rows.
attention::Matrix toMatrix(const QJSValue& v, const QString& what, bool& vector);

/// An options object: checks it is one, that every key is known, and reads typed values.
class Options {
 public:
  Options(const QJSValue& value, const QString& api, const QStringList& allowed);

  bool has(const QString& key) const;
  QJSValue raw(const QString& key) const { return value_.property(key); }
  QString what(const QString& key) const { return QStringLiteral("%1: option '%2'").arg(api_, key); }

  double number(const QString& key, double fallback) const;
  double nonNegative(const QString& key, double fallback) const;
  /// More than 0 (font sizes, temperatures).
  double positive(const QString& key, double fallback) const;
  double opacity(const QString& key, double fallback) const;
  Vec2 vec(const QString& key, const Vec2& fallback) const;
  bool boolean(const QString& key, bool fallback) const;
  std::optional<Color> color(const QString& key) const;
  /// One of `allowed` (compared in upper case when `upper`), or the first when not given.
  QString choice(const QString& key, const QStringList& allowed, bool upper) const;

 private:
  QJSValue value_;
  QString api_;
};

/// The keys of Manim's VMobject style arguments, added to `keys`.
QStringList withStyle(QStringList keys);
/// Manim's VMobject style arguments: `color` sets fill and stroke colours unless they are given.
void applyStyle(Style& style, const Options& o);

}  // namespace attnplay::detail
