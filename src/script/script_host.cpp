// SPDX-License-Identifier: MIT
#include "script_host.hpp"

#include <QJsonArray>
#include <cmath>

#include "attnplay/scene/color.hpp"
#include "attnplay/script/json_value.hpp"

namespace attnplay::detail {

ScriptHost::ScriptHost(QJSEngine& engine, SceneGraph& graph, const ScriptOptions& options)
    : engine_(engine), graph_(graph), builder_(graph, options) {}

MobjectId ScriptHost::mobjectOf(const QJSValue& v, const QString& what) const {
  if (!looksLikeMobject(v)) fail(QStringLiteral("%1 must be a mobject, got %2").arg(what, describe(v)));
  // A real handle is the very wrapper the prelude made for an id of this scene; anything else
  // (an object literal with an _id, a wrapper built by hand, a stale id) is refused here, once.
  const QJSValue id = v.property(QStringLiteral("_id"));
  const double number = id.isNumber() ? id.toNumber() : -1;
  const auto resolved = number >= 0 && number == std::floor(number) && number <= 4294967295.0
                            ? builder_.resolve(static_cast<std::int64_t>(number))
                            : Result<MobjectId>(Error(ErrorCode::InvalidArgument, "not an id"));
  if (!resolved || !wrappers_.property(static_cast<quint32>(*resolved)).strictlyEquals(v)) {
    fail(QStringLiteral("%1 must be a mobject this scene made, got a forged one (_id %2)").arg(what, id.toString()),
         "use the mobjects that Square(), VGroup(), Text() and the other constructors return");
  }
  return *resolved;
}

MobjectId ScriptHost::selfOf(const QJSValue& self, const QString& api) const {
  return mobjectOf(self, api + QStringLiteral(": the mobject it is called on"));
}

std::vector<MobjectId> ScriptHost::mobjectList(const QJSValue& list, const QString& api) const {
  std::vector<MobjectId> out;
  const int n = listLength(list, api + QStringLiteral(": the mobjects"));
  for (int i = 0; i < n; ++i)
    out.push_back(mobjectOf(list.property(i), QStringLiteral("%1: argument %2").arg(api).arg(i + 1)));
  return out;
}

LayoutTarget ScriptHost::targetOf(const QJSValue& v, const QString& what) const {
  if (looksLikeMobject(v)) return mobjectOf(v, what);
  if (!v.isObject())
    fail(QStringLiteral("%1 must be a mobject or a point such as [1, 0], got %2").arg(what, describe(v)));
  return toVec(v, what);
}

void ScriptHost::checkFinite(MobjectId id, const QString& api) const {
  const Bounds b = graph_.bounds(id);
  if (!b.min.allFinite() || !b.max.allFinite()) {
    fail(QStringLiteral("%1: the mobject's coordinates are no longer finite numbers").arg(api),
         "a scale or shift this large leaves every number a computer has; check the factors", QJSValue::RangeError);
  }
}

QJSValue ScriptHost::point(const Vec2& p) {
  QJSValue out = engine_.newArray(2);
  out.setProperty(0, p.x());
  out.setProperty(1, p.y());
  return out;
}

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

QJSValue ScriptHost::vector(const QJSValue& value) {
  return guard([&] { return point(toVec(value, QStringLiteral("vec()"))); });
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
    if (!name.isString()) fail(QStringLiteral("param(): the name must be a string, got %1").arg(describe(name)));
    const QString api = QStringLiteral("param(\"%1\")").arg(name.toString());
    const Options o(options, api,
                    {QStringLiteral("label"), QStringLiteral("kind"), QStringLiteral("min"), QStringLiteral("max"),
                     QStringLiteral("colors"), QStringLiteral("colorScale"), QStringLiteral("choices")});
    ParamRequest request;
    request.name = name.toString().toStdString();
    request.fallback = QJsonValue::fromVariant(fallback.toVariant());
    if (o.has(QStringLiteral("kind"))) request.kind = o.raw(QStringLiteral("kind")).toString().toStdString();
    if (o.has(QStringLiteral("label"))) request.label = o.raw(QStringLiteral("label")).toString().toStdString();
    if (o.has(QStringLiteral("min"))) request.min = o.number(QStringLiteral("min"), 0);
    if (o.has(QStringLiteral("max"))) request.max = o.number(QStringLiteral("max"), 0);
    if (o.has(QStringLiteral("colors"))) {
      const QJSValue c = o.raw(QStringLiteral("colors"));
      if (!c.isArray() || c.property(QStringLiteral("length")).toInt() != 2) {
        fail(QStringLiteral("%1 must be two colours, for 0 and for 1, such as [GRAY, RED]")
                 .arg(o.what(QStringLiteral("colors"))));
      }
      request.colors = std::pair{toColor(c.property(0), o.what(QStringLiteral("colors"))),
                                 toColor(c.property(1), o.what(QStringLiteral("colors")))};
    }
    request.colorScale = o.number(QStringLiteral("colorScale"), 1.0);
    if (o.has(QStringLiteral("choices"))) {
      const QJsonValue list = QJsonValue::fromVariant(o.raw(QStringLiteral("choices")).toVariant());
      if (!list.isArray() || list.toArray().isEmpty()) {
        fail(QStringLiteral("%1 must be a list of the values the parameter takes")
                 .arg(o.what(QStringLiteral("choices"))));
      }
      for (const auto& c : list.toArray()) request.choices.push_back(c);
    }
    const auto value = check(builder_.param(request, "param()"), QString());
    if (!value) return QJSValue(QJSValue::UndefinedValue);
    return QJSValue(QString::fromStdString(toJsonText(*value)));
  });
}

}  // namespace attnplay::detail
