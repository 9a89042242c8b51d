// SPDX-License-Identifier: MIT
#include "script_host.hpp"

#include <QDir>
#include <QFileInfo>
#include <QJSValueIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QStringList>
#include <cmath>
#include <functional>

#include "attnplay/attention/attention.hpp"
#include "attnplay/scene/math_tex.hpp"
#include "attnplay/scene/shapes.hpp"
#include "attnplay/scene/text.hpp"

namespace attnplay::detail {

namespace {

/// A rejected argument; caught in ScriptHost::guard and turned into a JavaScript error.
struct Fail {
  QJSValue::ErrorType type;
  QString message;
  std::string hint;
};

[[noreturn]] void fail(const QString& message, const std::string& hint = {},
                       QJSValue::ErrorType type = QJSValue::TypeError) {
  throw Fail{type, message, hint};
}

bool isMobject(const QJSValue& v) { return v.isObject() && v.hasOwnProperty(QStringLiteral("_id")); }

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
  if (isMobject(v)) return QStringLiteral("a mobject");
  return QStringLiteral("an object");
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
  } else if (v.isObject() && !isMobject(v) && v.property(QStringLiteral("x")).isNumber() &&
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
    Color c{toNumber(v.property(QStringLiteral("r")), what + QStringLiteral(".r")),
            toNumber(v.property(QStringLiteral("g")), what + QStringLiteral(".g")),
            toNumber(v.property(QStringLiteral("b")), what + QStringLiteral(".b"))};
    return c;
  }
  fail(QStringLiteral("%1 must be a colour such as BLUE or \"#58C4DD\", got %2").arg(what, describe(v)));
}

/// An options object: checks it is one, that every key is known, and reads typed values.
class Options {
 public:
  Options(const QJSValue& value, const QString& api, QStringList allowed) : value_(value), api_(api) {
    if (value.isUndefined() || value.isNull()) return;
    if (!value.isObject() || value.isArray() || value.isCallable() || isMobject(value)) {
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

  bool has(const QString& key) const {
    return value_.isObject() && value_.hasProperty(key) && !value_.property(key).isUndefined();
  }
  QJSValue raw(const QString& key) const { return value_.property(key); }
  QString what(const QString& key) const { return QStringLiteral("%1: option '%2'").arg(api_, key); }

  double number(const QString& key, double fallback) const {
    return has(key) ? toNumber(raw(key), what(key)) : fallback;
  }
  double nonNegative(const QString& key, double fallback) const {
    return has(key) ? toNonNegative(raw(key), what(key)) : fallback;
  }
  double opacity(const QString& key, double fallback) const {
    return has(key) ? toOpacity(raw(key), what(key)) : fallback;
  }
  Vec2 vec(const QString& key, const Vec2& fallback) const { return has(key) ? toVec(raw(key), what(key)) : fallback; }
  bool boolean(const QString& key, bool fallback) const {
    if (!has(key)) return fallback;
    if (!raw(key).isBool()) fail(QStringLiteral("%1 must be true or false, got %2").arg(what(key), describe(raw(key))));
    return raw(key).toBool();
  }
  std::optional<Color> color(const QString& key) const {
    if (!has(key)) return std::nullopt;
    return toColor(raw(key), what(key));
  }

 private:
  QJSValue value_;
  QString api_;
};

const QStringList kStyleKeys = {QStringLiteral("color"),       QStringLiteral("fillColor"),
                                QStringLiteral("fillOpacity"), QStringLiteral("strokeColor"),
                                QStringLiteral("strokeWidth"), QStringLiteral("strokeOpacity")};

QStringList withStyle(QStringList keys) { return keys + kStyleKeys; }

/// Manim's VMobject style arguments: `color` sets fill and stroke colours unless they are given.
void applyStyle(Style& style, const Options& o) {
  if (auto c = o.color(QStringLiteral("color"))) style.fillColor = style.strokeColor = *c;
  if (auto c = o.color(QStringLiteral("fillColor"))) style.fillColor = *c;
  if (auto c = o.color(QStringLiteral("strokeColor"))) style.strokeColor = *c;
  style.fillOpacity = o.opacity(QStringLiteral("fillOpacity"), style.fillOpacity);
  style.strokeOpacity = o.opacity(QStringLiteral("strokeOpacity"), style.strokeOpacity);
  style.strokeWidth = o.nonNegative(QStringLiteral("strokeWidth"), style.strokeWidth);
}

QString jsonText(const QJsonValue& value) {
  // QJsonDocument only writes arrays and objects, so wrap the value and strip the brackets.
  const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
  return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

std::optional<QJsonValue> parseJson(const QString& text) {
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(("[" + text + "]").toUtf8(), &error);
  if (error.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1) return std::nullopt;
  return doc.array().at(0);
}

bool isNumberArray(const QJsonValue& v) {
  if (!v.isArray() || v.toArray().isEmpty()) return false;
  for (const auto& e : v.toArray()) {
    if (!e.isDouble()) return false;
  }
  return true;
}

bool isStringArray(const QJsonValue& v) {
  if (!v.isArray() || v.toArray().isEmpty()) return false;
  for (const auto& e : v.toArray()) {
    if (!e.isString()) return false;
  }
  return true;
}

bool isMatrix(const QJsonValue& v) {
  if (!v.isArray() || v.toArray().isEmpty()) return false;
  const auto rows = v.toArray();
  for (const auto& row : rows) {
    if (!isNumberArray(row) || row.toArray().size() != rows.first().toArray().size()) return false;
  }
  return true;
}

/// The kind a default value implies, when the scene names none.
QString inferKind(const QJsonValue& v) {
  if (v.isBool()) return QStringLiteral("boolean");
  if (v.isDouble())
    return std::floor(v.toDouble()) == v.toDouble() ? QStringLiteral("integer") : QStringLiteral("number");
  if (v.isString()) return QStringLiteral("text");
  if (isStringArray(v)) return QStringLiteral("tokens");
  if (isNumberArray(v)) return QStringLiteral("weights");
  if (isMatrix(v)) return QStringLiteral("matrix");
  return {};
}

bool fitsKind(const QJsonValue& v, const QString& kind) {
  if (kind == QLatin1String("boolean")) return v.isBool();
  if (kind == QLatin1String("number")) return v.isDouble();
  if (kind == QLatin1String("integer")) return v.isDouble() && std::floor(v.toDouble()) == v.toDouble();
  if (kind == QLatin1String("text")) return v.isString();
  if (kind == QLatin1String("tokens")) return isStringArray(v);
  if (kind == QLatin1String("weights")) return isNumberArray(v);
  if (kind == QLatin1String("matrix")) return isMatrix(v);
  return false;
}

QString kindExample(const QString& kind) {
  if (kind == QLatin1String("boolean")) return QStringLiteral("true or false");
  if (kind == QLatin1String("number")) return QStringLiteral("a number such as 0.5");
  if (kind == QLatin1String("integer")) return QStringLiteral("a whole number such as 3");
  if (kind == QLatin1String("text")) return QStringLiteral("text such as \"cat\"");
  if (kind == QLatin1String("tokens")) return QStringLiteral("a list of words such as [\"The\", \"cat\"]");
  if (kind == QLatin1String("weights")) return QStringLiteral("a list of numbers such as [0.1, 0.9]");
  return QStringLiteral("a list of equal-length lists of numbers such as [[0.5, 0.5], [0.2, 0.8]]");
}

}  // namespace

ScriptHost::ScriptHost(QJSEngine& engine, SceneGraph& graph, const ScriptOptions& options)
    : engine_(engine), graph_(graph), options_(options), recorder_(graph) {}

template <typename F>
auto ScriptHost::guard(F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const Fail& f) {
    lastHint_ = f.hint;
    lastMessage_ = f.message;
    engine_.throwError(f.type, f.message);
    return decltype(body())();
  }
}

void ScriptHost::checkRoom(std::size_t count) const {
  if (graph_.size() + count > options_.maxObjects) {
    fail(QStringLiteral("the scene creates more than %1 objects").arg(options_.maxObjects),
         "a loop probably runs far more often than intended; no scene needs this many objects", QJSValue::RangeError);
  }
}

MobjectId ScriptHost::add(Mobject mobject) {
  checkRoom(1);
  return graph_.create(std::move(mobject));
}

QJSValue ScriptHost::point(const Vec2& p) {
  QJSValue out = engine_.newArray(2);
  out.setProperty(0, p.x());
  out.setProperty(1, p.y());
  return out;
}

MobjectId ScriptHost::checkedId(int id) const {
  if (id < 0 || !graph_.contains(static_cast<MobjectId>(id))) fail(QStringLiteral("no such mobject"));
  return static_cast<MobjectId>(id);
}

namespace {

MobjectId mobjectOf(const QJSValue& v, const QString& what) {
  if (!isMobject(v)) fail(QStringLiteral("%1 must be a mobject, got %2").arg(what, describe(v)));
  return static_cast<MobjectId>(v.property(QStringLiteral("_id")).toInt());
}

LayoutTarget targetOf(const QJSValue& v, const QString& what) {
  if (isMobject(v)) return mobjectOf(v, what);
  if (!v.isObject())
    fail(QStringLiteral("%1 must be a mobject or a point such as [1, 0], got %2").arg(what, describe(v)));
  return toVec(v, what);
}

std::vector<MobjectId> mobjectList(const QJSValue& list, const QString& api) {
  std::vector<MobjectId> out;
  const int n = list.property(QStringLiteral("length")).toInt();
  for (int i = 0; i < n; ++i)
    out.push_back(mobjectOf(list.property(i), QStringLiteral("%1: argument %2").arg(api).arg(i + 1)));
  return out;
}

Vec2 directionArg(const QJSValue& v, const QString& what, const Vec2& fallback) {
  return v.isUndefined() ? fallback : toVec(v, what);
}

}  // namespace

QJSValue ScriptHost::vector(const QJSValue& value) {
  return guard([&] {
    const Vec2 p = toVec(value, QStringLiteral("vec()"));
    return point(p);
  });
}

QString ScriptHost::colorHex(const QJSValue& value) {
  return guard([&] { return QString::fromStdString(toColor(value, QStringLiteral("colour")).toHex()); });
}

QJSValue ScriptHost::interpolateColor(const QJSValue& a, const QJSValue& b, const QJSValue& t) {
  return guard([&] {
    const Color c = attnplay::interpolateColor(toColor(a, QStringLiteral("interpolateColor(): first colour")),
                                               toColor(b, QStringLiteral("interpolateColor(): second colour")),
                                               toNumber(t, QStringLiteral("interpolateColor(): alpha")));
    QJSValue out = engine_.newArray(3);
    out.setProperty(0, c.r);
    out.setProperty(1, c.g);
    out.setProperty(2, c.b);
    return out;
  });
}

QJSValue ScriptHost::palette() {
  const auto& colors = manim::palette();
  QJSValue out = engine_.newArray(static_cast<uint>(colors.size()));
  for (std::size_t i = 0; i < colors.size(); ++i) {
    QJSValue pair = engine_.newArray(2);
    pair.setProperty(0, QString::fromStdString(colors[i].first));
    pair.setProperty(1, QString::fromStdString(colors[i].second.toHex()).toUpper());  // Manim writes "#FC6255"
    out.setProperty(static_cast<quint32>(i), pair);
  }
  return out;
}

double ScriptHost::frameWidth() const { return manim::FRAME_WIDTH; }
double ScriptHost::frameHeight() const { return manim::FRAME_HEIGHT; }

int ScriptHost::rectangle(const QJSValue& options) {
  return guard([&] {
    const Options o(options, QStringLiteral("Rectangle()"),
                    withStyle({QStringLiteral("width"), QStringLiteral("height")}));
    Mobject m =
        makeRectangle(o.nonNegative(QStringLiteral("width"), 4.0), o.nonNegative(QStringLiteral("height"), 2.0));
    applyStyle(m.style, o);
    return static_cast<int>(add(std::move(m)));
  });
}

int ScriptHost::square(const QJSValue& options) {
  return guard([&] {
    const Options o(options, QStringLiteral("Square()"), withStyle({QStringLiteral("sideLength")}));
    Mobject m = makeSquare(o.nonNegative(QStringLiteral("sideLength"), 2.0));
    applyStyle(m.style, o);
    return static_cast<int>(add(std::move(m)));
  });
}

int ScriptHost::circle(const QJSValue& options) {
  return guard([&] {
    const Options o(options, QStringLiteral("Circle()"), withStyle({QStringLiteral("radius")}));
    Mobject m = makeCircle(o.nonNegative(QStringLiteral("radius"), 1.0));
    applyStyle(m.style, o);
    return static_cast<int>(add(std::move(m)));
  });
}

namespace {

/// Manim's get_boundary_point: the anchor or handle furthest along a direction.
Vec2 boundaryPointOf(const SceneGraph& graph, MobjectId id, const Vec2& towards) {
  Vec2 best = graph.center(id);
  double bestDot = -std::numeric_limits<double>::infinity();
  for (MobjectId m : graph.family(id)) {
    for (const Vec2& p : graph[m].path.points()) {
      if (p.dot(towards) > bestDot) {
        bestDot = p.dot(towards);
        best = p;
      }
    }
  }
  return best;
}

/// Manim's _pointify: a mobject stands for its boundary point facing the other end.
Vec2 endpoint(const SceneGraph& graph, const QJSValue& v, const QString& what, const Vec2& towards) {
  if (!isMobject(v)) return toVec(v, what);
  return boundaryPointOf(graph, mobjectOf(v, what), towards);
}

std::pair<Vec2, Vec2> endpoints(const SceneGraph& graph, const QJSValue& start, const QJSValue& end,
                                const QString& api) {
  const auto rough = [&](const QJSValue& v, const QString& what) {
    return isMobject(v) ? graph.center(mobjectOf(v, what)) : toVec(v, what);
  };
  const QString startWhat = api + QStringLiteral(": start"), endWhat = api + QStringLiteral(": end");
  const Vec2 a = rough(start, startWhat), b = rough(end, endWhat);
  const Vec2 dir = (b - a).norm() > 0 ? Vec2((b - a).normalized()) : Vec2(0, 0);
  return {endpoint(graph, start, startWhat, dir), endpoint(graph, end, endWhat, -dir)};
}

}  // namespace

int ScriptHost::line(const QJSValue& start, const QJSValue& end, const QJSValue& options) {
  return guard([&] {
    const QString api = QStringLiteral("Line()");
    const Options o(options, api, withStyle({QStringLiteral("buff")}));
    const auto [a, b] = endpoints(graph_, start, end, api);
    Mobject m = makeLine(a, b, o.nonNegative(QStringLiteral("buff"), 0.0));
    applyStyle(m.style, o);
    return static_cast<int>(add(std::move(m)));
  });
}

int ScriptHost::arrow(const QJSValue& start, const QJSValue& end, const QJSValue& options) {
  return guard([&] {
    const QString api = QStringLiteral("Arrow()");
    const Options o(
        options, api,
        {QStringLiteral("buff"), QStringLiteral("color"), QStringLiteral("strokeWidth"), QStringLiteral("tipLength"),
         QStringLiteral("maxTipLengthToLengthRatio"), QStringLiteral("maxStrokeWidthToLengthRatio")});
    const auto [a, b] = endpoints(graph_, start, end, api);
    ArrowOptions arrow;
    arrow.buff = o.nonNegative(QStringLiteral("buff"), arrow.buff);
    arrow.strokeWidth = o.nonNegative(QStringLiteral("strokeWidth"), arrow.strokeWidth);
    arrow.color = o.color(QStringLiteral("color")).value_or(arrow.color);
    arrow.tipLength = o.nonNegative(QStringLiteral("tipLength"), arrow.tipLength);
    arrow.maxTipLengthToLengthRatio =
        o.nonNegative(QStringLiteral("maxTipLengthToLengthRatio"), arrow.maxTipLengthToLengthRatio);
    arrow.maxStrokeWidthToLengthRatio =
        o.nonNegative(QStringLiteral("maxStrokeWidthToLengthRatio"), arrow.maxStrokeWidthToLengthRatio);
    checkRoom(2);  // a shaft and a tip
    return static_cast<int>(makeArrow(graph_, a, b, arrow));
  });
}

int ScriptHost::surroundingRectangle(const QJSValue& target, const QJSValue& options) {
  return guard([&] {
    const QString api = QStringLiteral("SurroundingRectangle()");
    const MobjectId around = mobjectOf(target, api + QStringLiteral(": the first argument"));
    const Options o(options, api, withStyle({QStringLiteral("buff")}));
    Mobject m = makeSurroundingRectangle(graph_, around, o.nonNegative(QStringLiteral("buff"), manim::SMALL_BUFF));
    applyStyle(m.style, o);
    return static_cast<int>(add(std::move(m)));
  });
}

int ScriptHost::group(const QJSValue& mobjects) {
  return guard([&] {
    const auto members = mobjectList(mobjects, QStringLiteral("VGroup()"));
    const MobjectId id = add(makeGroup());
    for (MobjectId m : members) graph_.addChild(id, m);
    return static_cast<int>(id);
  });
}

int ScriptHost::text(const QJSValue& text, const QJSValue& options) {
  return guard([&] {
    const QString api = QStringLiteral("Text()");
    if (!text.isString()) fail(QStringLiteral("%1: the text must be a string, got %2").arg(api, describe(text)));
    const Options o(options, api,
                    {QStringLiteral("fontSize"), QStringLiteral("font"), QStringLiteral("weight"),
                     QStringLiteral("slant"), QStringLiteral("color"), QStringLiteral("lineSpacing"),
                     QStringLiteral("fillOpacity"), QStringLiteral("strokeWidth"), QStringLiteral("strokeColor")});
    TextOptions t;
    t.fontSize = o.number(QStringLiteral("fontSize"), t.fontSize);
    if (t.fontSize <= 0)
      fail(QStringLiteral("%1 must be more than 0").arg(o.what(QStringLiteral("fontSize"))), {}, QJSValue::RangeError);
    if (o.has(QStringLiteral("font"))) t.font = o.raw(QStringLiteral("font")).toString().toStdString();
    const auto choice = [&](const QString& key, const QStringList& allowed) {
      if (!o.has(key)) return allowed.front();
      const QString v = o.raw(key).toString().toUpper();
      if (!allowed.contains(v)) {
        fail(QStringLiteral("%1 must be one of %2, got %3")
                 .arg(o.what(key), allowed.join(QStringLiteral(", ")), describe(o.raw(key))));
      }
      return v;
    };
    t.bold =
        choice(QStringLiteral("weight"), {QStringLiteral("NORMAL"), QStringLiteral("BOLD")}) == QLatin1String("BOLD");
    t.italic = choice(QStringLiteral("slant"), {QStringLiteral("NORMAL"), QStringLiteral("ITALIC"),
                                                QStringLiteral("OBLIQUE")}) != QLatin1String("NORMAL");
    t.color = o.color(QStringLiteral("color")).value_or(t.color);
    t.lineSpacing = o.nonNegative(QStringLiteral("lineSpacing"), t.lineSpacing);
    // One object for the text and one per character at most: check the limit first.
    checkRoom(static_cast<std::size_t>(text.toString().size()) + 1);
    auto made = makeText(graph_, text.toString().toStdString(), t, &warnings_);
    if (!made) fail(QString::fromStdString(api.toStdString() + ": " + made.error().message()), made.error().hint());
    const MobjectId id = *made;
    if (o.has(QStringLiteral("fillOpacity"))) graph_.setFillOpacity(id, o.opacity(QStringLiteral("fillOpacity"), 1));
    if (o.has(QStringLiteral("strokeWidth")))
      graph_.setStrokeWidth(id, o.nonNegative(QStringLiteral("strokeWidth"), 0));
    if (auto c = o.color(QStringLiteral("strokeColor"))) graph_.setStrokeColor(id, *c);
    return static_cast<int>(id);
  });
}

namespace {

/// A MathTex string: JavaScript strings, and numbers written as they print.
QString texString(const QJSValue& v, const QString& what) {
  if (v.isString()) return v.toString();
  if (v.isNumber()) return v.toString();
  fail(QStringLiteral("%1 must be a TeX string such as \"x^2\", got %2").arg(what, describe(v)));
}

MathTexOptions mathOptions(const Options& o) {
  MathTexOptions m;
  m.fontSize = o.number(QStringLiteral("fontSize"), m.fontSize);
  if (m.fontSize <= 0)
    fail(QStringLiteral("%1 must be more than 0").arg(o.what(QStringLiteral("fontSize"))), {}, QJSValue::RangeError);
  m.color = o.color(QStringLiteral("color")).value_or(m.color);
  return m;
}

}  // namespace

int ScriptHost::mathTex(const QJSValue& strings, const QJSValue& options) {
  return guard([&] {
    const QString api = QStringLiteral("MathTex()");
    const Options o(options, api, {QStringLiteral("fontSize"), QStringLiteral("color")});
    const int n = strings.property(QStringLiteral("length")).toInt();
    if (n == 0) fail(QStringLiteral("%1 needs at least one TeX string, such as MathTex(\"x^2\")").arg(api));
    std::vector<std::string> parts;
    std::size_t characters = 0;
    for (int i = 0; i < n; ++i) {
      parts.push_back(
          texString(strings.property(i), QStringLiteral("%1: argument %2").arg(api).arg(i + 1)).toStdString());
      characters += parts.back().size();
    }
    checkRoom(characters * 2 + parts.size() + 1);  // generous: a piece per character and rule
    auto made = makeMathTex(graph_, parts, mathOptions(o));
    if (!made) fail(api + QStringLiteral(": ") + QString::fromStdString(made.error().message()), made.error().hint());
    return static_cast<int>(*made);
  });
}

int ScriptHost::matrix(const QJSValue& rows, const QJSValue& options) {
  return guard([&] {
    const QString api = QStringLiteral("Matrix()");
    if (!rows.isArray() || rows.property(QStringLiteral("length")).toInt() == 0) {
      fail(QStringLiteral("%1: the first argument must be a list of rows, such as [[\"a\", \"b\"]], got %2")
               .arg(api, describe(rows)));
    }
    const Options o(options, api,
                    {QStringLiteral("vBuff"), QStringLiteral("hBuff"), QStringLiteral("bracketHBuff"),
                     QStringLiteral("bracketVBuff"), QStringLiteral("elementAlignment"), QStringLiteral("leftBracket"),
                     QStringLiteral("rightBracket"), QStringLiteral("fontSize"), QStringLiteral("color")});
    std::vector<std::vector<std::string>> cells;
    std::size_t characters = 0;
    const int n = rows.property(QStringLiteral("length")).toInt();
    for (int i = 0; i < n; ++i) {
      const QJSValue row = rows.property(i);
      if (!row.isArray())
        fail(QStringLiteral("%1: row %2 must be a list of entries, got %3").arg(api).arg(i + 1).arg(describe(row)));
      std::vector<std::string> r;
      const int m = row.property(QStringLiteral("length")).toInt();
      for (int j = 0; j < m; ++j) {
        r.push_back(texString(row.property(j), QStringLiteral("%1: entry (%2, %3)").arg(api).arg(i + 1).arg(j + 1))
                        .toStdString());
        characters += r.back().size();
      }
      cells.push_back(std::move(r));
    }
    MatrixOptions m;
    m.vBuff = o.number(QStringLiteral("vBuff"), m.vBuff);
    m.hBuff = o.number(QStringLiteral("hBuff"), m.hBuff);
    m.bracketHBuff = o.number(QStringLiteral("bracketHBuff"), m.bracketHBuff);
    m.bracketVBuff = o.number(QStringLiteral("bracketVBuff"), m.bracketVBuff);
    m.elementAlignment = o.vec(QStringLiteral("elementAlignment"), m.elementAlignment);
    const auto bracket = [&](const QString& key, const std::string& fallback) {
      if (!o.has(key)) return fallback;
      const QString b = o.raw(key).toString();
      static const QStringList allowed = {QStringLiteral("["),        QStringLiteral("]"),       QStringLiteral("("),
                                          QStringLiteral(")"),        QStringLiteral("|"),       QStringLiteral("\\{"),
                                          QStringLiteral("\\}"),      QStringLiteral("."),       QStringLiteral("\\|"),
                                          QStringLiteral("\\langle"), QStringLiteral("\\rangle")};
      if (!allowed.contains(b)) {
        fail(QStringLiteral("%1 must be one of %2, got %3")
                 .arg(o.what(key), allowed.join(QStringLiteral(" ")), describe(o.raw(key))));
      }
      return b.toStdString();
    };
    m.leftBracket = bracket(QStringLiteral("leftBracket"), m.leftBracket);
    m.rightBracket = bracket(QStringLiteral("rightBracket"), m.rightBracket);
    m.entry = mathOptions(o);
    checkRoom(characters * 2 + cells.size() * 4 + 64);
    auto made = makeMatrix(graph_, cells, m);
    if (!made) fail(api + QStringLiteral(": ") + QString::fromStdString(made.error().message()), made.error().hint());
    return static_cast<int>(*made);
  });
}

QString ScriptHost::kind(int id) {
  return guard([&] { return QString::fromStdString(graph_[checkedId(id)].kind); });
}

void ScriptHost::addChildren(int id, const QJSValue& mobjects) {
  guard([&] {
    const MobjectId parent = checkedId(id);
    for (MobjectId m : mobjectList(mobjects, QStringLiteral("add()"))) {
      if (!graph_.addChild(parent, m)) {
        fail(QStringLiteral("add(): a mobject cannot contain itself or one of its own groups"), {},
             QJSValue::RangeError);
      }
    }
  });
}

int ScriptHost::child(int id, const QJSValue& index) {
  return guard([&] {
    const auto& children = graph_[checkedId(id)].children;
    const double i = toNumber(index, QStringLiteral("at(): the index"));
    if (i != std::floor(i) || i < 0 || i >= static_cast<double>(children.size())) {
      fail(QStringLiteral("at(%1): no such submobject; this %2 has %3")
               .arg(i)
               .arg(QString::fromStdString(graph_[checkedId(id)].kind))
               .arg(children.size()),
           "indices start at 0", QJSValue::RangeError);
    }
    return static_cast<int>(children[static_cast<std::size_t>(i)]);
  });
}

int ScriptHost::childCount(int id) {
  return guard([&] { return static_cast<int>(graph_[checkedId(id)].children.size()); });
}

QJSValue ScriptHost::children(int id) {
  return guard([&] {
    const auto& children = graph_[checkedId(id)].children;
    QJSValue out = engine_.newArray(static_cast<uint>(children.size()));
    for (std::size_t i = 0; i < children.size(); ++i)
      out.setProperty(static_cast<quint32>(i), static_cast<int>(children[i]));
    return out;
  });
}

int ScriptHost::copy(int id) {
  return guard([&] {
    const MobjectId source = checkedId(id);
    checkRoom(graph_.family(source).size());
    return static_cast<int>(graph_.copy(source));
  });
}

double ScriptHost::measure(int id, int axis) {
  return guard([&] {
    const MobjectId m = checkedId(id);
    return axis == 0 ? graph_.width(m) : graph_.height(m);
  });
}

QJSValue ScriptHost::criticalPoint(int id, const QJSValue& direction) {
  return guard([&] {
    const Vec2 p = graph_.criticalPoint(checkedId(id), toVec(direction, QStringLiteral("the direction")));
    return point(p);
  });
}

QJSValue ScriptHost::boundaryPoint(int id, const QJSValue& direction) {
  return guard([&] {
    const Vec2 p =
        boundaryPointOf(graph_, checkedId(id), toVec(direction, QStringLiteral("getBoundaryPoint(): the direction")));
    return point(p);
  });
}

void ScriptHost::shift(int id, const QJSValue& vectors) {
  guard([&] {
    const MobjectId m = checkedId(id);
    const int n = vectors.property(QStringLiteral("length")).toInt();
    if (n == 0) fail(QStringLiteral("shift() needs at least one vector, such as shift(UP) or shift([1, 0])"));
    Vec2 total(0, 0);
    for (int i = 0; i < n; ++i) total += toVec(vectors.property(i), QStringLiteral("shift(): argument %1").arg(i + 1));
    graph_.shift(m, total);
  });
}

void ScriptHost::moveTo(int id, const QJSValue& target, const QJSValue& options) {
  guard([&] {
    const MobjectId m = checkedId(id);
    const LayoutTarget where = targetOf(target, QStringLiteral("moveTo(): the target"));
    const Options o(options, QStringLiteral("moveTo()"), {QStringLiteral("alignedEdge")});
    graph_.moveTo(m, where, o.vec(QStringLiteral("alignedEdge"), manim::ORIGIN));
  });
}

void ScriptHost::nextTo(int id, const QJSValue& target, const QJSValue& direction, const QJSValue& options) {
  guard([&] {
    const MobjectId m = checkedId(id);
    const LayoutTarget where = targetOf(target, QStringLiteral("nextTo(): the target"));
    const Vec2 dir = directionArg(direction, QStringLiteral("nextTo(): the direction"), manim::RIGHT);
    const Options o(options, QStringLiteral("nextTo()"), {QStringLiteral("buff"), QStringLiteral("alignedEdge")});
    graph_.nextTo(m, where, dir, o.number(QStringLiteral("buff"), manim::DEFAULT_MOBJECT_TO_MOBJECT_BUFFER),
                  o.vec(QStringLiteral("alignedEdge"), manim::ORIGIN));
  });
}

void ScriptHost::arrange(int id, const QJSValue& direction, const QJSValue& options) {
  guard([&] {
    const MobjectId m = checkedId(id);
    const Vec2 dir = directionArg(direction, QStringLiteral("arrange(): the direction"), manim::RIGHT);
    const Options o(options, QStringLiteral("arrange()"),
                    {QStringLiteral("buff"), QStringLiteral("center"), QStringLiteral("alignedEdge")});
    graph_.arrange(m, dir, o.number(QStringLiteral("buff"), manim::DEFAULT_MOBJECT_TO_MOBJECT_BUFFER),
                   o.boolean(QStringLiteral("center"), true), o.vec(QStringLiteral("alignedEdge"), manim::ORIGIN));
  });
}

void ScriptHost::toEdge(int id, const QJSValue& edge, const QJSValue& options) {
  guard([&] {
    const MobjectId m = checkedId(id);
    const Vec2 dir = directionArg(edge, QStringLiteral("toEdge(): the edge"), manim::LEFT);
    const Options o(options, QStringLiteral("toEdge()"), {QStringLiteral("buff")});
    graph_.toEdge(m, dir, o.number(QStringLiteral("buff"), manim::DEFAULT_MOBJECT_TO_EDGE_BUFFER));
  });
}

void ScriptHost::toCorner(int id, const QJSValue& corner, const QJSValue& options) {
  guard([&] {
    const MobjectId m = checkedId(id);
    const Vec2 dir = directionArg(corner, QStringLiteral("toCorner(): the corner"), manim::DL);
    const Options o(options, QStringLiteral("toCorner()"), {QStringLiteral("buff")});
    graph_.toCorner(m, dir, o.number(QStringLiteral("buff"), manim::DEFAULT_MOBJECT_TO_EDGE_BUFFER));
  });
}

void ScriptHost::alignTo(int id, const QJSValue& target, const QJSValue& direction) {
  guard([&] {
    const MobjectId m = checkedId(id);
    const LayoutTarget where = targetOf(target, QStringLiteral("alignTo(): the target"));
    graph_.alignTo(m, where, directionArg(direction, QStringLiteral("alignTo(): the direction"), manim::ORIGIN));
  });
}

void ScriptHost::scale(int id, const QJSValue& factor, const QJSValue& options) {
  guard([&] {
    const MobjectId m = checkedId(id);
    const double k = toNumber(factor, QStringLiteral("scale(): the factor"));
    const Options o(options, QStringLiteral("scale()"), {QStringLiteral("aboutPoint"), QStringLiteral("aboutEdge")});
    const Vec2 about = o.has(QStringLiteral("aboutPoint"))
                           ? o.vec(QStringLiteral("aboutPoint"), manim::ORIGIN)
                           : graph_.criticalPoint(m, o.vec(QStringLiteral("aboutEdge"), manim::ORIGIN));
    graph_.scale(m, k, about);
  });
}

void ScriptHost::rotate(int id, const QJSValue& angle, const QJSValue& options) {
  guard([&] {
    const MobjectId m = checkedId(id);
    const double a = toNumber(angle, QStringLiteral("rotate(): the angle"));
    const Options o(options, QStringLiteral("rotate()"), {QStringLiteral("aboutPoint")});
    graph_.rotate(m, a, o.vec(QStringLiteral("aboutPoint"), graph_.center(m)));
  });
}

void ScriptHost::scaleToFit(int id, const QJSValue& length, int axis, bool stretch) {
  guard([&] {
    const MobjectId m = checkedId(id);
    const double target = toNonNegative(length, axis == 0 ? QStringLiteral("the width") : QStringLiteral("the height"));
    if (stretch) {
      graph_.stretchToFit(m, target, axis);
      return;
    }
    const double old = axis == 0 ? graph_.width(m) : graph_.height(m);
    if (old > 0) graph_.scale(m, target / old);
  });
}

void ScriptHost::setFill(int id, const QJSValue& color, const QJSValue& options) {
  guard([&] {
    const MobjectId m = checkedId(id);
    const Options o(options, QStringLiteral("setFill()"), {QStringLiteral("opacity")});
    if (!color.isUndefined() && !color.isNull())
      graph_.setFillColor(m, toColor(color, QStringLiteral("setFill(): the colour")));
    if (o.has(QStringLiteral("opacity"))) graph_.setFillOpacity(m, o.opacity(QStringLiteral("opacity"), 1.0));
  });
}

void ScriptHost::setStroke(int id, const QJSValue& color, const QJSValue& options) {
  guard([&] {
    const MobjectId m = checkedId(id);
    const Options o(options, QStringLiteral("setStroke()"), {QStringLiteral("width"), QStringLiteral("opacity")});
    if (!color.isUndefined() && !color.isNull())
      graph_.setStrokeColor(m, toColor(color, QStringLiteral("setStroke(): the colour")));
    if (o.has(QStringLiteral("width"))) graph_.setStrokeWidth(m, o.nonNegative(QStringLiteral("width"), 0));
    if (o.has(QStringLiteral("opacity"))) graph_.setStrokeOpacity(m, o.opacity(QStringLiteral("opacity"), 1.0));
  });
}

void ScriptHost::setColor(int id, const QJSValue& color) {
  guard([&] { graph_.setColor(checkedId(id), toColor(color, QStringLiteral("setColor(): the colour"))); });
}

void ScriptHost::setOpacity(int id, const QJSValue& opacity) {
  guard([&] { graph_.setOpacity(checkedId(id), toOpacity(opacity, QStringLiteral("setOpacity(): the opacity"))); });
}

QString ScriptHost::color(int id) {
  return guard([&] {
    // Manim's VMobject.get_color: the stroke colour when nothing is filled, else the fill colour.
    const Style& s = graph_[checkedId(id)].style;
    return QString::fromStdString((s.fillOpacity == 0 ? s.strokeColor : s.fillColor).toHex());
  });
}

double ScriptHost::styleValue(int id, const QString& which) {
  return guard([&] {
    const Style& s = graph_[checkedId(id)].style;
    if (which == QLatin1String("fillOpacity")) return s.fillOpacity;
    if (which == QLatin1String("strokeOpacity")) return s.strokeOpacity;
    return s.strokeWidth;
  });
}

void ScriptHost::addToScene(const QJSValue& mobjects) {
  guard([&] {
    for (MobjectId m : mobjectList(mobjects, QStringLiteral("add()"))) graph_.addToScene(m);
  });
}

void ScriptHost::removeFromScene(const QJSValue& mobjects) {
  guard([&] {
    for (MobjectId m : mobjectList(mobjects, QStringLiteral("remove()"))) graph_.removeFromScene(m);
  });
}

QJSValue ScriptHost::param(const QJSValue& name, const QJSValue& fallback, const QJSValue& options) {
  return guard([&]() -> QJSValue {
    if (!name.isString() || name.toString().isEmpty()) {
      fail(QStringLiteral("param(): the name must be a non-empty string, got %1").arg(describe(name)));
    }
    const QString key = name.toString();
    for (const auto& p : params_) {
      if (p.name == key.toStdString()) fail(QStringLiteral("param(): '%1' is declared twice").arg(key));
    }
    const QString api = QStringLiteral("param(\"%1\")").arg(key);
    const Options o(options, api,
                    {QStringLiteral("label"), QStringLiteral("kind"), QStringLiteral("min"), QStringLiteral("max"),
                     QStringLiteral("colors"), QStringLiteral("colorScale"), QStringLiteral("choices")});
    const QJsonValue def = QJsonValue::fromVariant(fallback.toVariant());
    QString kind = o.has(QStringLiteral("kind")) ? o.raw(QStringLiteral("kind")).toString() : inferKind(def);
    if (kind.isEmpty() || !fitsKind(def, kind)) {
      fail(QStringLiteral("%1: the default must be a number, true/false, text, a list of words, a list of numbers "
                          "or a matrix of numbers, got %2")
               .arg(api, describe(fallback)));
    }

    ParamDecl decl;
    decl.name = key.toStdString();
    decl.kind = kind.toStdString();
    decl.defaultJson = jsonText(def).toStdString();
    decl.label = o.has(QStringLiteral("label")) ? o.raw(QStringLiteral("label")).toString().toStdString() : decl.name;
    if (o.has(QStringLiteral("min"))) decl.min = o.number(QStringLiteral("min"), 0);
    if (o.has(QStringLiteral("max"))) decl.max = o.number(QStringLiteral("max"), 0);
    if (o.has(QStringLiteral("colors"))) {
      const QJSValue c = o.raw(QStringLiteral("colors"));
      if (!c.isArray() || c.property(QStringLiteral("length")).toInt() != 2) {
        fail(QStringLiteral("%1 must be two colours, for 0 and for 1, such as [GRAY, RED]")
                 .arg(o.what(QStringLiteral("colors"))));
      }
      decl.colors = std::pair{toColor(c.property(0), o.what(QStringLiteral("colors"))),
                              toColor(c.property(1), o.what(QStringLiteral("colors")))};
    }
    decl.colorScale = o.number(QStringLiteral("colorScale"), 1.0);
    if (o.has(QStringLiteral("choices"))) {
      const QJsonValue list = QJsonValue::fromVariant(o.raw(QStringLiteral("choices")).toVariant());
      if (!list.isArray() || list.toArray().isEmpty()) {
        fail(QStringLiteral("%1 must be a list of the values the parameter takes")
                 .arg(o.what(QStringLiteral("choices"))));
      }
      for (const auto& c : list.toArray()) decl.choices.push_back(jsonText(c).toStdString());
      if (std::find(decl.choices.begin(), decl.choices.end(), decl.defaultJson) == decl.choices.end()) {
        fail(QStringLiteral("%1: the default %2 is not one of the choices").arg(api, jsonText(def)));
      }
    }

    QJsonValue value = def;
    const auto found = options_.overrides.find(decl.name);
    if (found != options_.overrides.end()) {
      const QString text = QString::fromStdString(found->second);
      const auto parsed = parseJson(text);
      if (parsed) {
        value = *parsed;
      } else if (kind == QLatin1String("text")) {
        value = text;  // a bare word is the text itself
      } else {
        fail(QStringLiteral("--set %1=%2: the value is not valid JSON").arg(key, text),
             ("give " + kindExample(kind) + ", as the default " + jsonText(def) + " is").toStdString());
      }
      if (!fitsKind(value, kind)) {
        fail(QStringLiteral("--set %1=%2: expected %3").arg(key, text, kindExample(kind)),
             ("the default is " + jsonText(def)).toStdString());
      }
      if (value.isDouble() && decl.min && value.toDouble() < *decl.min) {
        fail(QStringLiteral("--set %1=%2: below the minimum %3").arg(key, text).arg(*decl.min), {},
             QJSValue::RangeError);
      }
      if (value.isDouble() && decl.max && value.toDouble() > *decl.max) {
        fail(QStringLiteral("--set %1=%2: above the maximum %3").arg(key, text).arg(*decl.max), {},
             QJSValue::RangeError);
      }
    }
    decl.valueJson = jsonText(value).toStdString();
    if (!decl.choices.empty() &&
        std::find(decl.choices.begin(), decl.choices.end(), decl.valueJson) == decl.choices.end()) {
      std::string list;
      for (const auto& c : decl.choices) list += (list.empty() ? "" : ", ") + c;
      fail(QStringLiteral("--set %1: %2 is not one of the choices").arg(key, QString::fromStdString(decl.valueJson)),
           "choose one of " + list);
    }
    params_.push_back(decl);
    if (found == options_.overrides.end()) return QJSValue(QJSValue::UndefinedValue);
    return QJSValue(QString::fromStdString(decl.valueJson));
  });
}

}  // namespace attnplay::detail

namespace attnplay::detail {

namespace {

const QStringList kTimingKeys = {QStringLiteral("runTime"), QStringLiteral("rateFunc"), QStringLiteral("lagRatio")};

/// The options each animation takes besides run time, rate function and lag ratio.
QStringList extraKeys(const QString& kind) {
  if (kind == QLatin1String("FadeIn") || kind == QLatin1String("FadeOut")) {
    return {QStringLiteral("shift"), QStringLiteral("scale"), QStringLiteral("targetPosition")};
  }
  if (kind.startsWith(QLatin1String("Grow"))) return {QStringLiteral("pointColor")};
  if (kind == QLatin1String("Indicate")) return {QStringLiteral("scaleFactor"), QStringLiteral("color")};
  if (kind == QLatin1String("ShowPassingFlash")) return {QStringLiteral("timeWidth")};
  if (kind == QLatin1String("Circumscribe")) return {QStringLiteral("color"), QStringLiteral("timeWidth")};
  if (kind == QLatin1String("Flash")) return {QStringLiteral("color"), QStringLiteral("timeWidth")};
  return {};
}

}  // namespace

RateFunc ScriptHost::rateFunc(const QJSValue& v, const QString& what) {
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

AnimationSpec ScriptHost::animationSpec(const QJSValue& v, const QString& what) {
  if (!v.isObject() || !v.hasProperty(QStringLiteral("__anim"))) {
    fail(QStringLiteral("%1 must be an animation such as Write(title) or box.animate.shift(UP), got %2")
             .arg(what, describe(v)));
  }
  AnimationSpec spec;
  const QString kind = v.property(QStringLiteral("__anim")).toString();
  const auto known = animationKindNamed(kind.toStdString());
  if (!known) fail(QStringLiteral("%1: unknown animation \"%2\"").arg(what, kind));
  spec.kind = *known;
  const QString api =
      kind == QLatin1String("_MethodAnimation") ? QStringLiteral(".animate") : kind + QStringLiteral("()");
  const bool isGroup = isComposition(spec.kind);
  const QJSValue target = v.property(QStringLiteral("target"));
  if (!isGroup && spec.kind != AnimationKind::Wait) {
    if (spec.kind == AnimationKind::Flash && !isMobject(target)) {
      spec.point = toVec(target, api + QStringLiteral(": the point"));
    } else {
      spec.target = mobjectOf(target, api + QStringLiteral(": the first argument"));
    }
  }
  const QJSValue other = v.property(QStringLiteral("other"));
  if (!other.isUndefined()) {
    if (kind == QLatin1String("GrowFromPoint")) {
      spec.point = toVec(other, api + QStringLiteral(": the point"));
    } else if (kind == QLatin1String("GrowFromEdge")) {
      spec.edge = toVec(other, api + QStringLiteral(": the edge"));
    } else {
      spec.other = mobjectOf(other, api + QStringLiteral(": the second argument"));
    }
  }
  spec.methods = v.property(QStringLiteral("methodName")).toString().toStdString();
  const Options o(v.property(QStringLiteral("options")), api, kTimingKeys + extraKeys(kind));
  if (o.has(QStringLiteral("runTime"))) {
    spec.runTime = o.nonNegative(QStringLiteral("runTime"), 1);
  }
  if (o.has(QStringLiteral("lagRatio"))) spec.lagRatio = o.nonNegative(QStringLiteral("lagRatio"), 0);
  if (o.has(QStringLiteral("rateFunc")))
    spec.rate = rateFunc(o.raw(QStringLiteral("rateFunc")), o.what(QStringLiteral("rateFunc")));
  if (o.has(QStringLiteral("shift"))) spec.shift = o.vec(QStringLiteral("shift"), manim::ORIGIN);
  if (o.has(QStringLiteral("targetPosition")))
    spec.targetPosition = o.vec(QStringLiteral("targetPosition"), manim::ORIGIN);
  spec.scale = o.number(QStringLiteral("scale"), o.number(QStringLiteral("scaleFactor"), 1.0));
  spec.color = o.color(QStringLiteral("color"));
  if (!spec.color) spec.color = o.color(QStringLiteral("pointColor"));
  if (o.has(QStringLiteral("timeWidth"))) spec.timeWidth = o.nonNegative(QStringLiteral("timeWidth"), 0.1);
  if (isGroup) {
    const QJSValue children = v.property(QStringLiteral("children"));
    const int n = children.property(QStringLiteral("length")).toInt();
    for (int i = 0; i < n; ++i) {
      spec.children.push_back(
          animationSpec(children.property(i), QStringLiteral("%1: argument %2").arg(api).arg(i + 1)));
    }
  }
  return spec;
}

void ScriptHost::play(const QJSValue& animations, const QJSValue& options) {
  guard([&] {
    const int n = animations.property(QStringLiteral("length")).toInt();
    if (n == 0) fail(QStringLiteral("play() needs at least one animation, such as play(Write(title))"));
    std::vector<AnimationSpec> specs;
    for (int i = 0; i < n; ++i)
      specs.push_back(animationSpec(animations.property(i), QStringLiteral("play(): argument %1").arg(i + 1)));
    const Options o(options, QStringLiteral("play()"), kTimingKeys);
    PlayOptions play;
    if (o.has(QStringLiteral("runTime"))) play.runTime = o.nonNegative(QStringLiteral("runTime"), 1);
    if (o.has(QStringLiteral("lagRatio"))) play.lagRatio = o.nonNegative(QStringLiteral("lagRatio"), 0);
    if (o.has(QStringLiteral("rateFunc")))
      play.rate = rateFunc(o.raw(QStringLiteral("rateFunc")), o.what(QStringLiteral("rateFunc")));
    if (const Status s = recorder_.play(specs, play); !s)
      fail(QString::fromStdString(s.error().message()), s.error().hint());
  });
}

void ScriptHost::wait(const QJSValue& seconds) {
  guard([&] {
    const double s = seconds.isUndefined() ? 1.0 : toNonNegative(seconds, QStringLiteral("wait(): the duration"));
    recorder_.wait(s);
  });
}

void ScriptHost::nextSection(const QJSValue& name) {
  guard([&] {
    if (!name.isString()) fail(QStringLiteral("nextSection(): the name must be a string, got %1").arg(describe(name)));
    recorder_.nextSection(name.toString().toStdString());
  });
}

QJSValue ScriptHost::rateFunctionNames() {
  const auto names = RateFunc::names();
  QJSValue out = engine_.newArray(static_cast<uint>(names.size()));
  for (std::size_t i = 0; i < names.size(); ++i)
    out.setProperty(static_cast<quint32>(i), QString::fromStdString(names[i]));
  return out;
}

void ScriptHost::randomSeed(const QJSValue& seed) {
  guard([&] {
    const double s = toNumber(seed, QStringLiteral("random.seed(): the seed"));
    if (s < 0 || s > 4294967295.0 || s != std::floor(s)) {
      fail(QStringLiteral("random.seed(): the seed must be a whole number from 0 to 2^32 - 1, got %1").arg(s),
           "NumPy's legacy seeding takes the same range", QJSValue::RangeError);
    }
    random_.seed(static_cast<std::uint32_t>(s));
  });
}

namespace {

/// A JavaScript list of numbers (one row) or list of equal-length lists (rows) as a matrix.
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

}  // namespace

QJSValue ScriptHost::matrixValue(const attention::Matrix& m, bool vector) {
  if (vector) {
    QJSValue out = engine_.newArray(static_cast<uint>(m.cols()));
    for (Eigen::Index c = 0; c < m.cols(); ++c) out.setProperty(static_cast<quint32>(c), m(0, c));
    return out;
  }
  QJSValue out = engine_.newArray(static_cast<uint>(m.rows()));
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    QJSValue row = engine_.newArray(static_cast<uint>(m.cols()));
    for (Eigen::Index c = 0; c < m.cols(); ++c) row.setProperty(static_cast<quint32>(c), m(r, c));
    out.setProperty(static_cast<quint32>(r), row);
  }
  return out;
}

QJSValue ScriptHost::softmax(const QJSValue& values, const QJSValue& options) {
  return guard([&] {
    bool vector = false;
    const attention::Matrix m = toMatrix(values, QStringLiteral("softmax(): the logits"), vector);
    const Options o(options, QStringLiteral("softmax()"), {QStringLiteral("temperature")});
    const double t = o.number(QStringLiteral("temperature"), 1.0);
    if (t <= 0)
      fail(QStringLiteral("softmax(): the temperature must be above 0, got %1").arg(t), {}, QJSValue::RangeError);
    return matrixValue(attention::softmax(m, t), vector);
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
    if (!path.isString()) fail(QStringLiteral("loadWeights(): the path must be a string, got %1").arg(describe(path)));
    if (options_.sceneDir.empty()) {
      fail(QStringLiteral("loadWeights(): this scene was not loaded from a file, so it has no folder to read from"));
    }
    // Relative to the scene, and confined to its folder: scripts reach no other file.
    const QString base = QFileInfo(QString::fromStdString(options_.sceneDir)).canonicalFilePath();
    const QString wanted = QDir(base).absoluteFilePath(path.toString());
    const QString resolved = QFileInfo(wanted).canonicalFilePath();
    if (resolved.isEmpty()) {
      fail(QStringLiteral("loadWeights(): '%1' does not exist next to the scene").arg(path.toString()), {},
           QJSValue::URIError);
    }
    if (!resolved.startsWith(base + QLatin1Char('/'))) {
      fail(QStringLiteral("loadWeights(): '%1' is outside the scene's folder").arg(path.toString()),
           "put the weights file in the scene's folder (or below it)", QJSValue::URIError);
    }
    const Options o(options, QStringLiteral("loadWeights()"),
                    {QStringLiteral("probabilities"), QStringLiteral("tokens")});
    attention::LoadRequirements req;
    req.probabilities = o.boolean(QStringLiteral("probabilities"), false);
    if (o.has(QStringLiteral("tokens")))
      req.tokens = static_cast<std::size_t>(o.nonNegative(QStringLiteral("tokens"), 0));
    auto w = attention::loadWeights(resolved.toStdString(), req);
    if (!w) fail(QString::fromStdString(w.error().message()), w.error().hint(), QJSValue::URIError);
    // Nested arrays in the file's shape.
    std::function<QJSValue(std::size_t, std::size_t&)> build = [&](std::size_t axis, std::size_t& at) -> QJSValue {
      if (axis == w->shape.size()) return QJSValue(w->values[at++]);
      QJSValue arr = engine_.newArray(static_cast<uint>(w->shape[axis]));
      for (std::size_t i = 0; i < w->shape[axis]; ++i) arr.setProperty(static_cast<quint32>(i), build(axis + 1, at));
      return arr;
    };
    std::size_t at = 0;
    QJSValue out = engine_.newObject();
    out.setProperty(QStringLiteral("weights"), build(0, at));
    QJSValue tokens = engine_.newArray(static_cast<uint>(w->tokens.size()));
    for (std::size_t i = 0; i < w->tokens.size(); ++i)
      tokens.setProperty(static_cast<quint32>(i), QString::fromStdString(w->tokens[i]));
    out.setProperty(QStringLiteral("tokens"), tokens);
    QJSValue shape = engine_.newArray(static_cast<uint>(w->shape.size()));
    for (std::size_t i = 0; i < w->shape.size(); ++i)
      shape.setProperty(static_cast<quint32>(i), static_cast<double>(w->shape[i]));
    out.setProperty(QStringLiteral("shape"), shape);
    return out;
  });
}

}  // namespace attnplay::detail
