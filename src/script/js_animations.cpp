// SPDX-License-Identifier: MIT
// The scene API's animations: specs from the prelude's descriptions, play, wait and sections.
#include "script_host.hpp"

namespace attnplay::detail {

namespace {

/// Compositions nest; a scene nesting deeper than this is building them in a loop by mistake,
/// and the recursion must not run out of stack.
constexpr int kMaxNesting = 64;

/// Manim's snake_case option name in the scene API's camelCase: point_color → pointColor.
QString camelCase(std::string_view snake) {
  QString out;
  bool upper = false;
  for (char c : snake) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? QChar(c).toUpper() : QChar(c);
    upper = false;
  }
  return out;
}

QStringList optionKeys(AnimationKind kind) {
  QStringList keys = {QStringLiteral("runTime"), QStringLiteral("rateFunc"), QStringLiteral("lagRatio")};
  for (std::string_view o : animationOptions(kind)) keys << camelCase(o);
  return keys;
}

/// play()'s own options: the timing it hands each animation.
PlayOptions playOptions(const QJSValue& options) {
  const Options o(options, QStringLiteral("play()"), optionKeys(AnimationKind::Wait));
  PlayOptions play;
  if (o.has(QStringLiteral("runTime"))) play.runTime = o.nonNegative(QStringLiteral("runTime"), 1);
  if (o.has(QStringLiteral("lagRatio"))) play.lagRatio = o.nonNegative(QStringLiteral("lagRatio"), 0);
  if (o.has(QStringLiteral("rateFunc")))
    play.rate = toRateFunc(o.raw(QStringLiteral("rateFunc")), o.what(QStringLiteral("rateFunc")));
  return play;
}

}  // namespace

AnimationSpec ScriptHost::animationSpec(const QJSValue& v, const QString& what, int depth) {
  if (!v.isObject() || !v.hasProperty(QStringLiteral("__anim"))) {
    fail(QStringLiteral("%1 must be an animation such as Write(title) or box.animate.shift(UP), got %2")
             .arg(what, describe(v)));
  }
  if (depth > kMaxNesting) {
    fail(QStringLiteral("%1: animation groups nest more than %2 deep").arg(what).arg(kMaxNesting),
         "a group built in a loop probably wraps itself again each time", QJSValue::RangeError);
  }
  AnimationSpec spec;
  const QString name = v.property(QStringLiteral("__anim")).toString();
  const auto kind = animationKindNamed(name.toStdString());
  if (!kind) fail(QStringLiteral("%1: unknown animation \"%2\"").arg(what, name));
  spec.kind = *kind;
  const QString api =
      spec.kind == AnimationKind::MethodAnimation ? QStringLiteral(".animate") : name + QStringLiteral("()");
  const QJSValue target = v.property(QStringLiteral("target"));
  if (!isComposition(spec.kind) && spec.kind != AnimationKind::Wait) {
    if (spec.kind == AnimationKind::Flash && !looksLikeMobject(target)) {
      spec.point = toVec(target, api + QStringLiteral(": the point"));
    } else {
      spec.target = mobjectOf(target, api + QStringLiteral(": the first argument"));
    }
  }
  const QJSValue other = v.property(QStringLiteral("other"));
  if (!other.isUndefined()) {
    if (spec.kind == AnimationKind::GrowFromPoint) {
      spec.point = toVec(other, api + QStringLiteral(": the point"));
    } else if (spec.kind == AnimationKind::GrowFromEdge) {
      spec.edge = toVec(other, api + QStringLiteral(": the edge"));
    } else {
      spec.other = mobjectOf(other, api + QStringLiteral(": the second argument"));
    }
  }
  if (spec.kind == AnimationKind::MethodAnimation)
    spec.methods = v.property(QStringLiteral("methodName")).toString().toStdString();
  const Options o(v.property(QStringLiteral("options")), api, optionKeys(spec.kind));
  if (o.has(QStringLiteral("runTime"))) spec.runTime = o.nonNegative(QStringLiteral("runTime"), 1);
  if (o.has(QStringLiteral("lagRatio"))) spec.lagRatio = o.nonNegative(QStringLiteral("lagRatio"), 0);
  if (o.has(QStringLiteral("rateFunc")))
    spec.rate = toRateFunc(o.raw(QStringLiteral("rateFunc")), o.what(QStringLiteral("rateFunc")));
  if (o.has(QStringLiteral("shift"))) spec.shift = o.vec(QStringLiteral("shift"), manim::ORIGIN);
  if (o.has(QStringLiteral("targetPosition")))
    spec.targetPosition = o.vec(QStringLiteral("targetPosition"), manim::ORIGIN);
  spec.scale = o.number(QStringLiteral("scale"), o.number(QStringLiteral("scaleFactor"), 1.0));
  spec.color = o.color(QStringLiteral("color"));
  if (!spec.color) spec.color = o.color(QStringLiteral("pointColor"));
  if (o.has(QStringLiteral("timeWidth"))) spec.timeWidth = o.nonNegative(QStringLiteral("timeWidth"), 0.1);
  if (isComposition(spec.kind)) {
    const QJSValue children = v.property(QStringLiteral("children"));
    const int n = listLength(children, api + QStringLiteral(": the animations"));
    for (int i = 0; i < n; ++i) {
      spec.children.push_back(
          animationSpec(children.property(i), QStringLiteral("%1: argument %2").arg(api).arg(i + 1), depth + 1));
    }
  }
  return spec;
}

void ScriptHost::play(const QJSValue& animations, const QJSValue& options) {
  guard([&] {
    const int n = listLength(animations, QStringLiteral("play(): the animations"));
    if (n == 0) fail(QStringLiteral("play() needs at least one animation, such as play(Write(title))"));
    std::vector<AnimationSpec> specs;
    for (int i = 0; i < n; ++i)
      specs.push_back(animationSpec(animations.property(i), QStringLiteral("play(): argument %1").arg(i + 1), 0));
    check(builder_.play(specs, playOptions(options)), QString());
  });
}

void ScriptHost::wait(const QJSValue& seconds) {
  guard([&] {
    check(builder_.wait(seconds.isUndefined() ? 1.0 : toNonNegative(seconds, QStringLiteral("wait(): the duration"))),
          QStringLiteral("wait()"));
  });
}

void ScriptHost::nextSection(const QJSValue& name) {
  guard([&] {
    if (!name.isString()) fail(QStringLiteral("nextSection(): the name must be a string, got %1").arg(describe(name)));
    builder_.nextSection(name.toString().toStdString());
  });
}

QJSValue ScriptHost::rateFunctionNames() {
  const auto names = RateFunc::names();
  QJSValue out = engine_.newArray(static_cast<uint>(names.size()));
  for (std::size_t i = 0; i < names.size(); ++i)
    out.setProperty(static_cast<quint32>(i), QString::fromStdString(names[i]));
  return out;
}

}  // namespace attnplay::detail
