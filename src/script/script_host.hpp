// SPDX-License-Identifier: MIT
#pragma once

#include <QJSEngine>
#include <QJSValue>
#include <QObject>
#include <string>
#include <vector>

#include "attnplay/scene_api/scene_api.hpp"

namespace attnplay::detail {

/// The JavaScript binding of the scene API: it converts JavaScript values to api::Value and
/// back, and nothing else — every name, rule, check and message is the scene API's. A failed
/// call throws a JavaScript error, so the message points at the scene line that made it.
class JsFunction;

class ScriptHost : public QObject {
  Q_OBJECT
  friend class JsFunction;

 public:
  ScriptHost(QJSEngine& engine, SceneGraph& graph, const ScriptOptions& options);

  SceneBuilder& builder() { return api_.builder(); }
  /// The hint that goes with the last error this host threw.
  const std::string& lastHint() const { return lastHint_; }
  const QString& lastMessage() const { return lastMessage_; }

  /// The prelude's classes and its one wrapper per mobject, which tell real handles from forged ones.
  Q_INVOKABLE void registerClasses(const QJSValue& classes);
  /// The name table for the prelude: [{owner, name, js, kind, animatable, internal}].
  Q_INVOKABLE QJSValue names();
  Q_INVOKABLE QJSValue palette();
  Q_INVOKABLE QJSValue rateFunctionNames();
  Q_INVOKABLE double frameWidth() const;
  Q_INVOKABLE double frameHeight() const;

  /// A class or function of the scene API; `options` is the trailing options object, if any.
  Q_INVOKABLE QJSValue call(const QString& name, const QJSValue& positional, const QJSValue& options);
  /// A method of `self` (a mobject or a .animate builder), `name` in Manim's spelling.
  Q_INVOKABLE QJSValue method(const QJSValue& self, const QString& name, const QJSValue& positional,
                              const QJSValue& options);
  /// Value conversions the prelude's own classes need.
  Q_INVOKABLE QJSValue vector(const QJSValue& value);
  Q_INVOKABLE QString colorHex(const QJSValue& value);

 private:
  api::Value toValue(const QJSValue& v, int depth = 0);
  QJSValue toJs(const api::Value& v, int depth = 0);
  api::Args argsOf(const QJSValue& positional, const QJSValue& options);
  QJSValue result(Result<api::Value> r);
  /// Throws `message` as a JavaScript error of the kind the code stands for.
  void raise(ErrorCode code, const QString& message, const std::string& hint);

  QJSEngine& engine_;
  api::SceneApi api_;
  QJSValue wrappers_, wrap_, vectorClass_, colorClass_, animationClass_, animateClass_;
  std::vector<QJSValue> animations_, animates_;  ///< the handle objects handed out, by index
  std::string lastHint_;
  QString lastMessage_;
  QJSValue kept_;  ///< the error a scene function threw, until it reaches the scene
};

/// Puts the scene API (the prelude over `host`) into `engine`'s global object.
Status startSceneApi(QJSEngine& engine, ScriptHost& host);

}  // namespace attnplay::detail
