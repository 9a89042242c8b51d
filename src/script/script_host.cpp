// SPDX-License-Identifier: MIT
#include "script_host.hpp"

#include <QJSValueIterator>
#include <cmath>
#include <utility>

#include "attnplay/scene/color.hpp"
#include "attnplay/scene/constants.hpp"

namespace attnplay::detail {

namespace {

constexpr int kMaxDepth = 64;

/// The index a handle object carries, when it is a whole number.
std::optional<std::size_t> indexOf(const QJSValue& v, const QString& key) {
  const QJSValue id = v.property(key);
  if (!id.isNumber()) return std::nullopt;
  const double d = id.toNumber();
  if (d < 0 || d != std::floor(d) || d > 4294967295.0) return std::nullopt;
  return static_cast<std::size_t>(d);
}

}  // namespace

/// A JavaScript function of the scene, called by the scene API (updaters, always_redraw, rate
/// functions) on the engine's thread.
class JsFunction : public api::Callable {
 public:
  JsFunction(ScriptHost& host, QJSValue function) : host_(host), function_(std::move(function)) {}
  Result<api::Value> call(const api::List& args) override {
    QJSValueList list;
    for (const api::Value& a : args) list.append(host_.toJs(a));
    const QJSValue r = function_.call(list);
    if (r.isError()) {
      host_.kept_ = r;
      return Error(ErrorCode::ScriptError, r.toString().toStdString());
    }
    return host_.toValue(r);
  }
  bool same(const api::Callable& other) const override {
    const auto* js = dynamic_cast<const JsFunction*>(&other);
    return js && js->function_.strictlyEquals(function_);
  }
  /// A JavaScript updater takes dt as its second parameter: (mobject, dt) => ….
  bool takesTimeStep() const override { return function_.property(QStringLiteral("length")).toInt() >= 2; }
  const QJSValue& function() const { return function_; }

 private:
  ScriptHost& host_;
  QJSValue function_;
};

ScriptHost::ScriptHost(QJSEngine& engine, SceneGraph& graph, const ScriptOptions& options)
    : engine_(engine), api_(graph, options, api::Language::JavaScript) {}

void ScriptHost::registerClasses(const QJSValue& classes) {
  wrappers_ = classes.property(QStringLiteral("wrappers"));
  wrap_ = classes.property(QStringLiteral("wrap"));
  vectorClass_ = classes.property(QStringLiteral("Vector"));
  colorClass_ = classes.property(QStringLiteral("Color"));
  animationClass_ = classes.property(QStringLiteral("Animation"));
  animateClass_ = classes.property(QStringLiteral("AnimateBuilder"));
}

QJSValue ScriptHost::names() {
  const auto& table = api::nameTable();
  QJSValue out = engine_.newArray(static_cast<uint>(table.size()));
  for (std::size_t i = 0; i < table.size(); ++i) {
    const api::EntryInfo& e = table[i];
    QJSValue item = engine_.newObject();
    item.setProperty(QStringLiteral("owner"), QString::fromStdString(e.owner));
    item.setProperty(QStringLiteral("name"), QString::fromStdString(e.name));
    item.setProperty(QStringLiteral("js"), QString::fromStdString(api::spell(e.name, api::Language::JavaScript)));
    item.setProperty(QStringLiteral("kind"), QString::fromLatin1(api::kindName(e.kind)));
    item.setProperty(QStringLiteral("animatable"), e.animatable);
    item.setProperty(QStringLiteral("internal"), e.internal);
    out.setProperty(static_cast<quint32>(i), item);
  }
  return out;
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

QJSValue ScriptHost::rateFunctionNames() {
  const auto names = RateFunc::names();
  QJSValue out = engine_.newArray(static_cast<uint>(names.size()));
  for (std::size_t i = 0; i < names.size(); ++i)
    out.setProperty(static_cast<quint32>(i), QString::fromStdString(names[i]));
  return out;
}

double ScriptHost::frameWidth() const { return manim::FRAME_WIDTH; }
double ScriptHost::frameHeight() const { return manim::FRAME_HEIGHT; }

api::Value ScriptHost::toValue(const QJSValue& v, int depth) {
  if (depth > kMaxDepth) return api::Rejected{"a value nested more than 64 deep", {}};
  if (v.isUndefined() || v.isNull()) return {};
  if (v.isBool()) return v.toBool();
  if (v.isNumber()) return v.toNumber();
  if (v.isString()) return v.toString().toStdString();
  if (v.isCallable()) return api::Function{std::make_shared<JsFunction>(*this, v)};
  if (v.isArray()) {
    api::List out;
    const int n = v.property(QStringLiteral("length")).toInt();
    out.reserve(static_cast<std::size_t>(std::max(0, n)));
    for (int i = 0; i < n; ++i) out.push_back(toValue(v.property(static_cast<quint32>(i)), depth + 1));
    return out;
  }
  if (!v.isObject()) return api::Rejected{"an object", {}};
  if (v.hasProperty(QStringLiteral("_id"))) {
    // A real handle is the very wrapper the prelude made for an id of this scene; anything else
    // (an object literal with an _id, a wrapper built by hand, a stale id) is refused here, once.
    const auto id = indexOf(v, QStringLiteral("_id"));
    if (id && api_.graph().contains(static_cast<MobjectId>(*id)) &&
        wrappers_.property(static_cast<quint32>(*id)).strictlyEquals(v)) {
      return api::MobjectRef{static_cast<MobjectId>(*id)};
    }
    return api::Rejected{"a forged one (_id " + v.property(QStringLiteral("_id")).toString().toStdString() + ")",
                         "use the mobjects that Square(), VGroup(), Text() and the other constructors return"};
  }
  if (v.hasProperty(QStringLiteral("__anim"))) {
    const auto i = indexOf(v, QStringLiteral("__anim"));
    if (i && *i < animations_.size() && animations_[*i].strictlyEquals(v))
      return api::AnimationRef{static_cast<std::uint32_t>(*i)};
    return api::Rejected{"a forged animation", "use the animations that Write(), Create() and the others return"};
  }
  if (v.hasProperty(QStringLiteral("__animate"))) {
    const auto i = indexOf(v, QStringLiteral("__animate"));
    if (i && *i < animates_.size() && animates_[*i].strictlyEquals(v))
      return api::AnimateRef{static_cast<std::uint32_t>(*i)};
    return api::Rejected{"a forged .animate", "use mobject.animate"};
  }
  if (v.property(QStringLiteral("r")).isNumber() && v.property(QStringLiteral("g")).isNumber() &&
      v.property(QStringLiteral("b")).isNumber()) {
    return Color{v.property(QStringLiteral("r")).toNumber(), v.property(QStringLiteral("g")).toNumber(),
                 v.property(QStringLiteral("b")).toNumber()};
  }
  if (v.property(QStringLiteral("x")).isNumber() && v.property(QStringLiteral("y")).isNumber()) {
    // A Vector: as [x, y], so the scene API checks its numbers as any point's.
    return api::List{v.property(QStringLiteral("x")).toNumber(), v.property(QStringLiteral("y")).toNumber()};
  }
  api::Dict out;
  QJSValueIterator it(v);
  while (it.hasNext()) {
    it.next();
    out.emplace_back(it.name().toStdString(), toValue(it.value(), depth + 1));
  }
  return out;
}

QJSValue ScriptHost::toJs(const api::Value& v, int depth) {
  if (depth > kMaxDepth) return QJSValue(QJSValue::UndefinedValue);
  struct Visit {
    ScriptHost& h;
    int depth;
    QJSValue operator()(std::monostate) const { return QJSValue(QJSValue::UndefinedValue); }
    QJSValue operator()(bool b) const { return QJSValue(b); }
    QJSValue operator()(double d) const { return QJSValue(d); }
    QJSValue operator()(const std::string& s) const { return QJSValue(QString::fromStdString(s)); }
    QJSValue operator()(const Vec2& p) const { return h.vectorClass_.callAsConstructor({p.x(), p.y()}); }
    QJSValue operator()(const Color& c) const { return h.colorClass_.callAsConstructor({c.r, c.g, c.b}); }
    QJSValue operator()(api::MobjectRef m) const { return h.wrap_.call({static_cast<int>(m.id)}); }
    QJSValue operator()(api::AnimationRef a) const {
      while (h.animations_.size() <= a.index) {
        h.animations_.push_back(h.animationClass_.callAsConstructor({static_cast<int>(h.animations_.size())}));
      }
      return h.animations_[a.index];
    }
    QJSValue operator()(api::AnimateRef a) const {
      while (h.animates_.size() <= a.index) {
        h.animates_.push_back(h.animateClass_.callAsConstructor({static_cast<int>(h.animates_.size())}));
      }
      return h.animates_[a.index];
    }
    QJSValue operator()(const RateFunc& r) const { return QJSValue(QString::fromStdString(r.name())); }
    QJSValue operator()(const api::Function& f) const {
      const auto* js = dynamic_cast<const JsFunction*>(f.callable.get());
      return js ? js->function() : QJSValue(QJSValue::UndefinedValue);
    }
    QJSValue operator()(const api::Rejected&) const { return QJSValue(QJSValue::UndefinedValue); }
    QJSValue operator()(const api::List& l) const {
      QJSValue out = h.engine_.newArray(static_cast<uint>(l.size()));
      for (std::size_t i = 0; i < l.size(); ++i) out.setProperty(static_cast<quint32>(i), h.toJs(l[i], depth + 1));
      return out;
    }
    QJSValue operator()(const api::Dict& d) const {
      QJSValue out = h.engine_.newObject();
      for (const auto& [key, item] : d) out.setProperty(QString::fromStdString(key), h.toJs(item, depth + 1));
      return out;
    }
  };
  return std::visit(Visit{*this, depth}, v.data);
}

api::Args ScriptHost::argsOf(const QJSValue& positional, const QJSValue& options) {
  api::Args args;
  const int n = positional.property(QStringLiteral("length")).toInt();
  for (int i = 0; i < n; ++i) args.positional.push_back(toValue(positional.property(static_cast<quint32>(i))));
  if (options.isObject()) {
    QJSValueIterator it(options);
    while (it.hasNext()) {
      it.next();
      args.keywords.emplace_back(api::snakeCase(it.name().toStdString()), toValue(it.value()));
    }
  }
  return args;
}

void ScriptHost::raise(ErrorCode code, const QString& message, const std::string& hint) {
  QJSValue::ErrorType type = QJSValue::GenericError;
  switch (code) {
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
  lastHint_ = hint;
  lastMessage_ = message;
  engine_.throwError(type, message);
}

QJSValue ScriptHost::result(Result<api::Value> r) {
  QJSValue kept = std::exchange(kept_, QJSValue());
  if (!r && kept.isError()) {
    // A scene function's own error, thrown again where it reaches the scene.
    lastHint_ = r.error().hint();
    lastMessage_ = kept.toString();
    engine_.throwError(kept);
    return QJSValue(QJSValue::UndefinedValue);
  }
  if (!r) {
    raise(r.error().code(), QString::fromStdString(r.error().message()), r.error().hint());
    return QJSValue(QJSValue::UndefinedValue);
  }
  return toJs(*r);
}

QJSValue ScriptHost::call(const QString& name, const QJSValue& positional, const QJSValue& options) {
  return result(api_.call(name.toStdString(), argsOf(positional, options)));
}

QJSValue ScriptHost::method(const QJSValue& self, const QString& name, const QJSValue& positional,
                            const QJSValue& options) {
  return result(api_.method(toValue(self), name.toStdString(), argsOf(positional, options)));
}

QJSValue ScriptHost::vector(const QJSValue& value) {
  const api::Value v = toValue(value);
  const api::List* l = v.get<api::List>();
  if (l && (l->size() == 2 || l->size() == 3) && (*l)[0].get<double>() && (*l)[1].get<double>()) {
    return toJs(Vec2(*(*l)[0].get<double>(), *(*l)[1].get<double>()));
  }
  raise(ErrorCode::InvalidArgument,
        QStringLiteral("vec(): the value must be a vector such as UP or [1, 0.5], got %1")
            .arg(QString::fromStdString(api::describe(v, api::Language::JavaScript))),
        {});
  return QJSValue(QJSValue::UndefinedValue);
}

QString ScriptHost::colorHex(const QJSValue& value) {
  const api::Value v = toValue(value);
  if (const Color* c = v.get<Color>()) return QString::fromStdString(c->toHex());
  if (const std::string* s = v.get<std::string>()) {
    if (auto c = Color::fromHex(*s)) return QString::fromStdString(c->toHex());
    if (auto c = manim::namedColor(*s)) return QString::fromStdString(c->toHex());
  }
  raise(ErrorCode::InvalidArgument,
        QStringLiteral("colour: %1 is not a colour")
            .arg(QString::fromStdString(api::describe(v, api::Language::JavaScript))),
        "use a palette name such as BLUE or RED_E, or a hex string such as \"#58C4DD\"");
  return {};
}

}  // namespace attnplay::detail
