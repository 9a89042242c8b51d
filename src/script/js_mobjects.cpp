// SPDX-License-Identifier: MIT
// The scene API's mobjects: constructors, the tree, measures, layout and style.
#include <cmath>

#include "script_host.hpp"

namespace attnplay::detail {

namespace {

Vec2 directionArg(const QJSValue& v, const QString& what, const Vec2& fallback) {
  return v.isUndefined() ? fallback : toVec(v, what);
}

MathTexOptions mathOptions(const Options& o) {
  MathTexOptions m;
  m.fontSize = o.positive(QStringLiteral("fontSize"), m.fontSize);
  m.color = o.color(QStringLiteral("color")).value_or(m.color);
  return m;
}

}  // namespace

int ScriptHost::rectangle(const QJSValue& options) {
  return guard([&] {
    const Options o(options, QStringLiteral("Rectangle()"),
                    withStyle({QStringLiteral("width"), QStringLiteral("height")}));
    Mobject m =
        makeRectangle(o.nonNegative(QStringLiteral("width"), 4.0), o.nonNegative(QStringLiteral("height"), 2.0));
    applyStyle(m.style, o);
    return static_cast<int>(check(builder_.add(std::move(m)), QStringLiteral("Rectangle()")));
  });
}

int ScriptHost::square(const QJSValue& options) {
  return guard([&] {
    const Options o(options, QStringLiteral("Square()"), withStyle({QStringLiteral("sideLength")}));
    Mobject m = makeSquare(o.nonNegative(QStringLiteral("sideLength"), 2.0));
    applyStyle(m.style, o);
    return static_cast<int>(check(builder_.add(std::move(m)), QStringLiteral("Square()")));
  });
}

int ScriptHost::circle(const QJSValue& options) {
  return guard([&] {
    const Options o(options, QStringLiteral("Circle()"), withStyle({QStringLiteral("radius")}));
    Mobject m = makeCircle(o.nonNegative(QStringLiteral("radius"), 1.0));
    applyStyle(m.style, o);
    return static_cast<int>(check(builder_.add(std::move(m)), QStringLiteral("Circle()")));
  });
}

int ScriptHost::line(const QJSValue& start, const QJSValue& end, const QJSValue& options) {
  return guard([&] {
    const QString api = QStringLiteral("Line()");
    const Options o(options, api, withStyle({QStringLiteral("buff")}));
    const LayoutTarget a = targetOf(start, api + QStringLiteral(": start"));
    const LayoutTarget b = targetOf(end, api + QStringLiteral(": end"));
    const MobjectId id = check(builder_.line(a, b, o.nonNegative(QStringLiteral("buff"), 0.0)), api);
    applyStyle(graph_[id].style, o);
    return static_cast<int>(id);
  });
}

int ScriptHost::arrow(const QJSValue& start, const QJSValue& end, const QJSValue& options) {
  return guard([&] {
    const QString api = QStringLiteral("Arrow()");
    const Options o(
        options, api,
        {QStringLiteral("buff"), QStringLiteral("color"), QStringLiteral("strokeWidth"), QStringLiteral("tipLength"),
         QStringLiteral("maxTipLengthToLengthRatio"), QStringLiteral("maxStrokeWidthToLengthRatio")});
    const LayoutTarget a = targetOf(start, api + QStringLiteral(": start"));
    const LayoutTarget b = targetOf(end, api + QStringLiteral(": end"));
    ArrowOptions arrow;
    arrow.buff = o.nonNegative(QStringLiteral("buff"), arrow.buff);
    arrow.strokeWidth = o.nonNegative(QStringLiteral("strokeWidth"), arrow.strokeWidth);
    arrow.color = o.color(QStringLiteral("color")).value_or(arrow.color);
    arrow.tipLength = o.nonNegative(QStringLiteral("tipLength"), arrow.tipLength);
    arrow.maxTipLengthToLengthRatio =
        o.nonNegative(QStringLiteral("maxTipLengthToLengthRatio"), arrow.maxTipLengthToLengthRatio);
    arrow.maxStrokeWidthToLengthRatio =
        o.nonNegative(QStringLiteral("maxStrokeWidthToLengthRatio"), arrow.maxStrokeWidthToLengthRatio);
    return static_cast<int>(check(builder_.arrow(a, b, arrow), api));
  });
}

int ScriptHost::surroundingRectangle(const QJSValue& target, const QJSValue& options) {
  return guard([&] {
    const QString api = QStringLiteral("SurroundingRectangle()");
    const MobjectId around = mobjectOf(target, api + QStringLiteral(": the first argument"));
    const Options o(options, api, withStyle({QStringLiteral("buff")}));
    Mobject m = makeSurroundingRectangle(graph_, around, o.nonNegative(QStringLiteral("buff"), manim::SMALL_BUFF));
    applyStyle(m.style, o);
    return static_cast<int>(check(builder_.add(std::move(m)), api));
  });
}

int ScriptHost::group(const QJSValue& mobjects) {
  return guard([&] {
    const QString api = QStringLiteral("VGroup()");
    return static_cast<int>(check(builder_.group(mobjectList(mobjects, api)), api));
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
    t.fontSize = o.positive(QStringLiteral("fontSize"), t.fontSize);
    if (o.has(QStringLiteral("font"))) t.font = o.raw(QStringLiteral("font")).toString().toStdString();
    t.bold = o.choice(QStringLiteral("weight"), {QStringLiteral("NORMAL"), QStringLiteral("BOLD")}, true) ==
             QLatin1String("BOLD");
    t.italic = o.choice(QStringLiteral("slant"),
                        {QStringLiteral("NORMAL"), QStringLiteral("ITALIC"), QStringLiteral("OBLIQUE")},
                        true) != QLatin1String("NORMAL");
    t.color = o.color(QStringLiteral("color")).value_or(t.color);
    t.lineSpacing = o.nonNegative(QStringLiteral("lineSpacing"), t.lineSpacing);
    const MobjectId id = check(builder_.text(text.toString().toStdString(), t), api);
    if (o.has(QStringLiteral("fillOpacity"))) graph_.setFillOpacity(id, o.opacity(QStringLiteral("fillOpacity"), 1));
    if (o.has(QStringLiteral("strokeWidth")))
      graph_.setStrokeWidth(id, o.nonNegative(QStringLiteral("strokeWidth"), 0));
    if (auto c = o.color(QStringLiteral("strokeColor"))) graph_.setStrokeColor(id, *c);
    return static_cast<int>(id);
  });
}

int ScriptHost::mathTex(const QJSValue& strings, const QJSValue& options) {
  return guard([&] {
    const QString api = QStringLiteral("MathTex()");
    const Options o(options, api, {QStringLiteral("fontSize"), QStringLiteral("color")});
    const int n = listLength(strings, api + QStringLiteral(": the TeX strings"));
    if (n == 0) fail(QStringLiteral("%1 needs at least one TeX string, such as MathTex(\"x^2\")").arg(api));
    std::vector<std::string> parts;
    for (int i = 0; i < n; ++i)
      parts.push_back(texString(strings.property(i), QStringLiteral("%1: argument %2").arg(api).arg(i + 1)));
    return static_cast<int>(check(builder_.mathTex(parts, mathOptions(o)), api));
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
    const int n = rows.property(QStringLiteral("length")).toInt();
    for (int i = 0; i < n; ++i) {
      const QJSValue row = rows.property(i);
      if (!row.isArray())
        fail(QStringLiteral("%1: row %2 must be a list of entries, got %3").arg(api).arg(i + 1).arg(describe(row)));
      std::vector<std::string> r;
      const int m = row.property(QStringLiteral("length")).toInt();
      for (int j = 0; j < m; ++j)
        r.push_back(texString(row.property(j), QStringLiteral("%1: entry (%2, %3)").arg(api).arg(i + 1).arg(j + 1)));
      cells.push_back(std::move(r));
    }
    MatrixOptions m;
    m.vBuff = o.number(QStringLiteral("vBuff"), m.vBuff);
    m.hBuff = o.number(QStringLiteral("hBuff"), m.hBuff);
    m.bracketHBuff = o.number(QStringLiteral("bracketHBuff"), m.bracketHBuff);
    m.bracketVBuff = o.number(QStringLiteral("bracketVBuff"), m.bracketVBuff);
    m.elementAlignment = o.vec(QStringLiteral("elementAlignment"), m.elementAlignment);
    static const QStringList brackets = {QStringLiteral("["),        QStringLiteral("]"),       QStringLiteral("("),
                                         QStringLiteral(")"),        QStringLiteral("|"),       QStringLiteral("\\{"),
                                         QStringLiteral("\\}"),      QStringLiteral("."),       QStringLiteral("\\|"),
                                         QStringLiteral("\\langle"), QStringLiteral("\\rangle")};
    if (o.has(QStringLiteral("leftBracket")))
      m.leftBracket = o.choice(QStringLiteral("leftBracket"), brackets, false).toStdString();
    if (o.has(QStringLiteral("rightBracket")))
      m.rightBracket = o.choice(QStringLiteral("rightBracket"), brackets, false).toStdString();
    m.entry = mathOptions(o);
    return static_cast<int>(check(builder_.matrix(cells, m), api));
  });
}

QString ScriptHost::kind(const QJSValue& self) {
  return guard([&] { return QString::fromStdString(graph_[selfOf(self, QStringLiteral("kind"))].kind); });
}

void ScriptHost::addChildren(const QJSValue& self, const QJSValue& mobjects) {
  guard([&] {
    const QString api = QStringLiteral("add()");
    const MobjectId parent = selfOf(self, api);
    check(builder_.addChildren(parent, mobjectList(mobjects, api)), api);
  });
}

int ScriptHost::child(const QJSValue& self, const QJSValue& index) {
  return guard([&] {
    const MobjectId id = selfOf(self, QStringLiteral("at()"));
    const auto& children = graph_[id].children;
    const double i = toNumber(index, QStringLiteral("at(): the index"));
    if (i != std::floor(i) || i < 0 || i >= static_cast<double>(children.size())) {
      fail(QStringLiteral("at(%1): no such submobject; this %2 has %3")
               .arg(i)
               .arg(QString::fromStdString(graph_[id].kind))
               .arg(children.size()),
           "indices start at 0", QJSValue::RangeError);
    }
    return static_cast<int>(children[static_cast<std::size_t>(i)]);
  });
}

int ScriptHost::childCount(const QJSValue& self) {
  return guard([&] { return static_cast<int>(graph_[selfOf(self, QStringLiteral("length"))].children.size()); });
}

QJSValue ScriptHost::children(const QJSValue& self) {
  return guard([&] {
    const auto& children = graph_[selfOf(self, QStringLiteral("submobjects"))].children;
    QJSValue out = engine_.newArray(static_cast<uint>(children.size()));
    for (std::size_t i = 0; i < children.size(); ++i)
      out.setProperty(static_cast<quint32>(i), static_cast<int>(children[i]));
    return out;
  });
}

int ScriptHost::copy(const QJSValue& self) {
  return guard([&] {
    const QString api = QStringLiteral("copy()");
    return static_cast<int>(check(builder_.copy(selfOf(self, api)), api));
  });
}

double ScriptHost::measure(const QJSValue& self, int axis) {
  return guard([&] {
    const MobjectId m = selfOf(self, axis == 0 ? QStringLiteral("width") : QStringLiteral("height"));
    return axis == 0 ? graph_.width(m) : graph_.height(m);
  });
}

QJSValue ScriptHost::criticalPoint(const QJSValue& self, const QJSValue& direction) {
  return guard([&] {
    const QString api = QStringLiteral("getCriticalPoint()");
    return point(graph_.criticalPoint(selfOf(self, api), toVec(direction, api + QStringLiteral(": the direction"))));
  });
}

QJSValue ScriptHost::boundaryPoint(const QJSValue& self, const QJSValue& direction) {
  return guard([&] {
    const QString api = QStringLiteral("getBoundaryPoint()");
    return point(builder_.boundaryPoint(selfOf(self, api), toVec(direction, api + QStringLiteral(": the direction"))));
  });
}

void ScriptHost::shift(const QJSValue& self, const QJSValue& vectors) {
  guard([&] {
    const MobjectId m = selfOf(self, QStringLiteral("shift()"));
    const int n = listLength(vectors, QStringLiteral("shift(): the vectors"));
    if (n == 0) fail(QStringLiteral("shift() needs at least one vector, such as shift(UP) or shift([1, 0])"));
    Vec2 total(0, 0);
    for (int i = 0; i < n; ++i) total += toVec(vectors.property(i), QStringLiteral("shift(): argument %1").arg(i + 1));
    graph_.shift(m, total);
    checkFinite(m, QStringLiteral("shift()"));
  });
}

void ScriptHost::moveTo(const QJSValue& self, const QJSValue& target, const QJSValue& options) {
  guard([&] {
    const MobjectId m = selfOf(self, QStringLiteral("moveTo()"));
    const LayoutTarget where = targetOf(target, QStringLiteral("moveTo(): the target"));
    const Options o(options, QStringLiteral("moveTo()"), {QStringLiteral("alignedEdge")});
    graph_.moveTo(m, where, o.vec(QStringLiteral("alignedEdge"), manim::ORIGIN));
    checkFinite(m, QStringLiteral("moveTo()"));
  });
}

void ScriptHost::nextTo(const QJSValue& self, const QJSValue& target, const QJSValue& direction,
                        const QJSValue& options) {
  guard([&] {
    const MobjectId m = selfOf(self, QStringLiteral("nextTo()"));
    const LayoutTarget where = targetOf(target, QStringLiteral("nextTo(): the target"));
    const Vec2 dir = directionArg(direction, QStringLiteral("nextTo(): the direction"), manim::RIGHT);
    const Options o(options, QStringLiteral("nextTo()"), {QStringLiteral("buff"), QStringLiteral("alignedEdge")});
    graph_.nextTo(m, where, dir, o.number(QStringLiteral("buff"), manim::DEFAULT_MOBJECT_TO_MOBJECT_BUFFER),
                  o.vec(QStringLiteral("alignedEdge"), manim::ORIGIN));
    checkFinite(m, QStringLiteral("nextTo()"));
  });
}

void ScriptHost::arrange(const QJSValue& self, const QJSValue& direction, const QJSValue& options) {
  guard([&] {
    const MobjectId m = selfOf(self, QStringLiteral("arrange()"));
    const Vec2 dir = directionArg(direction, QStringLiteral("arrange(): the direction"), manim::RIGHT);
    const Options o(options, QStringLiteral("arrange()"),
                    {QStringLiteral("buff"), QStringLiteral("center"), QStringLiteral("alignedEdge")});
    graph_.arrange(m, dir, o.number(QStringLiteral("buff"), manim::DEFAULT_MOBJECT_TO_MOBJECT_BUFFER),
                   o.boolean(QStringLiteral("center"), true), o.vec(QStringLiteral("alignedEdge"), manim::ORIGIN));
  });
}

void ScriptHost::toEdge(const QJSValue& self, const QJSValue& edge, const QJSValue& options) {
  guard([&] {
    const MobjectId m = selfOf(self, QStringLiteral("toEdge()"));
    const Vec2 dir = directionArg(edge, QStringLiteral("toEdge(): the edge"), manim::LEFT);
    const Options o(options, QStringLiteral("toEdge()"), {QStringLiteral("buff")});
    graph_.toEdge(m, dir, o.number(QStringLiteral("buff"), manim::DEFAULT_MOBJECT_TO_EDGE_BUFFER));
  });
}

void ScriptHost::toCorner(const QJSValue& self, const QJSValue& corner, const QJSValue& options) {
  guard([&] {
    const MobjectId m = selfOf(self, QStringLiteral("toCorner()"));
    const Vec2 dir = directionArg(corner, QStringLiteral("toCorner(): the corner"), manim::DL);
    const Options o(options, QStringLiteral("toCorner()"), {QStringLiteral("buff")});
    graph_.toCorner(m, dir, o.number(QStringLiteral("buff"), manim::DEFAULT_MOBJECT_TO_EDGE_BUFFER));
  });
}

void ScriptHost::alignTo(const QJSValue& self, const QJSValue& target, const QJSValue& direction) {
  guard([&] {
    const MobjectId m = selfOf(self, QStringLiteral("alignTo()"));
    const LayoutTarget where = targetOf(target, QStringLiteral("alignTo(): the target"));
    graph_.alignTo(m, where, directionArg(direction, QStringLiteral("alignTo(): the direction"), manim::ORIGIN));
  });
}

void ScriptHost::scale(const QJSValue& self, const QJSValue& factor, const QJSValue& options) {
  guard([&] {
    const MobjectId m = selfOf(self, QStringLiteral("scale()"));
    const double k = toNumber(factor, QStringLiteral("scale(): the factor"));
    const Options o(options, QStringLiteral("scale()"), {QStringLiteral("aboutPoint"), QStringLiteral("aboutEdge")});
    const Vec2 about = o.has(QStringLiteral("aboutPoint"))
                           ? o.vec(QStringLiteral("aboutPoint"), manim::ORIGIN)
                           : graph_.criticalPoint(m, o.vec(QStringLiteral("aboutEdge"), manim::ORIGIN));
    graph_.scale(m, k, about);
    checkFinite(m, QStringLiteral("scale()"));
  });
}

void ScriptHost::rotate(const QJSValue& self, const QJSValue& angle, const QJSValue& options) {
  guard([&] {
    const MobjectId m = selfOf(self, QStringLiteral("rotate()"));
    const double a = toNumber(angle, QStringLiteral("rotate(): the angle"));
    const Options o(options, QStringLiteral("rotate()"), {QStringLiteral("aboutPoint")});
    graph_.rotate(m, a, o.vec(QStringLiteral("aboutPoint"), graph_.center(m)));
    checkFinite(m, QStringLiteral("rotate()"));
  });
}

void ScriptHost::scaleToFit(const QJSValue& self, const QJSValue& length, int axis, bool stretch) {
  guard([&] {
    const MobjectId m = selfOf(self, axis == 0 ? QStringLiteral("width") : QStringLiteral("height"));
    builder_.scaleToFit(m,
                        toNonNegative(length, axis == 0 ? QStringLiteral("the width") : QStringLiteral("the height")),
                        axis, stretch);
    checkFinite(m, axis == 0 ? QStringLiteral("width") : QStringLiteral("height"));
  });
}

void ScriptHost::setFill(const QJSValue& self, const QJSValue& color, const QJSValue& options) {
  guard([&] {
    const MobjectId m = selfOf(self, QStringLiteral("setFill()"));
    const Options o(options, QStringLiteral("setFill()"), {QStringLiteral("opacity")});
    if (!color.isUndefined() && !color.isNull())
      graph_.setFillColor(m, toColor(color, QStringLiteral("setFill(): the colour")));
    if (o.has(QStringLiteral("opacity"))) graph_.setFillOpacity(m, o.opacity(QStringLiteral("opacity"), 1.0));
  });
}

void ScriptHost::setStroke(const QJSValue& self, const QJSValue& color, const QJSValue& options) {
  guard([&] {
    const MobjectId m = selfOf(self, QStringLiteral("setStroke()"));
    const Options o(options, QStringLiteral("setStroke()"), {QStringLiteral("width"), QStringLiteral("opacity")});
    if (!color.isUndefined() && !color.isNull())
      graph_.setStrokeColor(m, toColor(color, QStringLiteral("setStroke(): the colour")));
    if (o.has(QStringLiteral("width"))) graph_.setStrokeWidth(m, o.nonNegative(QStringLiteral("width"), 0));
    if (o.has(QStringLiteral("opacity"))) graph_.setStrokeOpacity(m, o.opacity(QStringLiteral("opacity"), 1.0));
  });
}

void ScriptHost::setColor(const QJSValue& self, const QJSValue& color) {
  guard([&] {
    graph_.setColor(selfOf(self, QStringLiteral("setColor()")),
                    toColor(color, QStringLiteral("setColor(): the colour")));
  });
}

void ScriptHost::setOpacity(const QJSValue& self, const QJSValue& opacity) {
  guard([&] {
    graph_.setOpacity(selfOf(self, QStringLiteral("setOpacity()")),
                      toOpacity(opacity, QStringLiteral("setOpacity(): the opacity")));
  });
}

QString ScriptHost::color(const QJSValue& self) {
  return guard(
      [&] { return QString::fromStdString(builder_.color(selfOf(self, QStringLiteral("getColor()"))).toHex()); });
}

double ScriptHost::styleValue(const QJSValue& self, const QString& which) {
  return guard([&] {
    const Style& s = graph_[selfOf(self, which)].style;
    if (which == QLatin1String("fillOpacity")) return s.fillOpacity;
    if (which == QLatin1String("strokeOpacity")) return s.strokeOpacity;
    return s.strokeWidth;
  });
}

}  // namespace attnplay::detail
