// SPDX-License-Identifier: MIT
#pragma once

#include <QJSEngine>
#include <QJSValue>
#include <QObject>
#include <exception>
#include <string>
#include <vector>

#include "attnplay/script/scene_builder.hpp"
#include "js_values.hpp"

namespace attnplay::detail {

/// The JavaScript host of the scene API: every call the prelude makes lands here, has its
/// values decoded and its handles checked, and goes on to the language-neutral SceneBuilder. A
/// bad argument throws a JavaScript error, so the message points at the scene line that made
/// the call. Its methods are defined by API area: js_mobjects.cpp, js_animations.cpp,
/// js_attention.cpp, and the scene and parameters here.
class ScriptHost : public QObject {
  Q_OBJECT

 public:
  ScriptHost(QJSEngine& engine, SceneGraph& graph, const ScriptOptions& options);

  SceneBuilder& builder() { return builder_; }
  /// The hint that goes with the last error this host threw.
  const std::string& lastHint() const { return lastHint_; }
  const QString& lastMessage() const { return lastMessage_; }

  // Set up by the prelude: the one wrapper per mobject it hands out, to tell real handles from
  // forged ones.
  Q_INVOKABLE void registerWrappers(const QJSValue& wrappers) { wrappers_ = wrappers; }

  // Values
  Q_INVOKABLE QJSValue vector(const QJSValue& value);
  Q_INVOKABLE QString colorHex(const QJSValue& value);
  Q_INVOKABLE QJSValue interpolateColor(const QJSValue& a, const QJSValue& b, const QJSValue& t);
  Q_INVOKABLE QJSValue palette();
  Q_INVOKABLE double frameWidth() const;
  Q_INVOKABLE double frameHeight() const;

  // Factories (js_mobjects.cpp)
  Q_INVOKABLE int rectangle(const QJSValue& options);
  Q_INVOKABLE int square(const QJSValue& options);
  Q_INVOKABLE int circle(const QJSValue& options);
  Q_INVOKABLE int line(const QJSValue& start, const QJSValue& end, const QJSValue& options);
  Q_INVOKABLE int arrow(const QJSValue& start, const QJSValue& end, const QJSValue& options);
  Q_INVOKABLE int surroundingRectangle(const QJSValue& target, const QJSValue& options);
  Q_INVOKABLE int group(const QJSValue& mobjects);
  Q_INVOKABLE int text(const QJSValue& text, const QJSValue& options);
  Q_INVOKABLE int mathTex(const QJSValue& strings, const QJSValue& options);
  Q_INVOKABLE int matrix(const QJSValue& rows, const QJSValue& options);

  // Tree (js_mobjects.cpp); `self` is the mobject the method was called on.
  Q_INVOKABLE QString kind(const QJSValue& self);
  Q_INVOKABLE void addChildren(const QJSValue& self, const QJSValue& mobjects);
  Q_INVOKABLE int child(const QJSValue& self, const QJSValue& index);
  Q_INVOKABLE int childCount(const QJSValue& self);
  Q_INVOKABLE QJSValue children(const QJSValue& self);
  Q_INVOKABLE int copy(const QJSValue& self);

  // Measures and layout (js_mobjects.cpp)
  Q_INVOKABLE double measure(const QJSValue& self, int axis);
  Q_INVOKABLE QJSValue criticalPoint(const QJSValue& self, const QJSValue& direction);
  Q_INVOKABLE QJSValue boundaryPoint(const QJSValue& self, const QJSValue& direction);
  Q_INVOKABLE void shift(const QJSValue& self, const QJSValue& vectors);
  Q_INVOKABLE void moveTo(const QJSValue& self, const QJSValue& target, const QJSValue& options);
  Q_INVOKABLE void nextTo(const QJSValue& self, const QJSValue& target, const QJSValue& direction,
                          const QJSValue& options);
  Q_INVOKABLE void arrange(const QJSValue& self, const QJSValue& direction, const QJSValue& options);
  Q_INVOKABLE void toEdge(const QJSValue& self, const QJSValue& edge, const QJSValue& options);
  Q_INVOKABLE void toCorner(const QJSValue& self, const QJSValue& corner, const QJSValue& options);
  Q_INVOKABLE void alignTo(const QJSValue& self, const QJSValue& target, const QJSValue& direction);
  Q_INVOKABLE void scale(const QJSValue& self, const QJSValue& factor, const QJSValue& options);
  Q_INVOKABLE void rotate(const QJSValue& self, const QJSValue& angle, const QJSValue& options);
  Q_INVOKABLE void scaleToFit(const QJSValue& self, const QJSValue& length, int axis, bool stretch);

  // Style (js_mobjects.cpp)
  Q_INVOKABLE void setFill(const QJSValue& self, const QJSValue& color, const QJSValue& options);
  Q_INVOKABLE void setStroke(const QJSValue& self, const QJSValue& color, const QJSValue& options);
  Q_INVOKABLE void setColor(const QJSValue& self, const QJSValue& color);
  Q_INVOKABLE void setOpacity(const QJSValue& self, const QJSValue& opacity);
  Q_INVOKABLE QString color(const QJSValue& self);
  Q_INVOKABLE double styleValue(const QJSValue& self, const QString& which);

  // Scene and parameters
  Q_INVOKABLE void addToScene(const QJSValue& mobjects);
  Q_INVOKABLE void removeFromScene(const QJSValue& mobjects);
  Q_INVOKABLE QJSValue param(const QJSValue& name, const QJSValue& fallback, const QJSValue& options);

  // Animations (js_animations.cpp)
  Q_INVOKABLE void play(const QJSValue& animations, const QJSValue& options);
  Q_INVOKABLE void wait(const QJSValue& seconds);
  Q_INVOKABLE void nextSection(const QJSValue& name);
  Q_INVOKABLE QJSValue rateFunctionNames();

  // Attention and random numbers (js_attention.cpp)
  Q_INVOKABLE void randomSeed(const QJSValue& seed);
  Q_INVOKABLE double randomValue() { return builder_.randomValue(); }
  Q_INVOKABLE QJSValue softmax(const QJSValue& values, const QJSValue& options);
  Q_INVOKABLE QJSValue attention(const QJSValue& q, const QJSValue& k, const QJSValue& v, const QJSValue& options);
  Q_INVOKABLE QJSValue loadWeights(const QJSValue& path, const QJSValue& options);

 private:
  /// Runs one API call: a rejected argument, a builder's Error, or any C++ exception becomes a
  /// JavaScript error at the calling line. Nothing escapes into the engine.
  template <typename F>
  auto guard(F&& body) -> decltype(body());

  /// Handles: a mobject this scene made, checked once here for every API call.
  MobjectId mobjectOf(const QJSValue& v, const QString& what) const;
  /// `self`, the mobject a method was called on.
  MobjectId selfOf(const QJSValue& self, const QString& api) const;
  std::vector<MobjectId> mobjectList(const QJSValue& list, const QString& api) const;
  LayoutTarget targetOf(const QJSValue& v, const QString& what) const;

  /// After a layout call: coordinates that overflowed (scale(1e200) twice) are an error at the
  /// call, not an infinite frame later.
  void checkFinite(MobjectId id, const QString& api) const;
  AnimationSpec animationSpec(const QJSValue& value, const QString& what, int depth);
  QJSValue point(const Vec2& p);
  QJSValue matrixValue(const attention::Matrix& m, bool vector);

  QJSEngine& engine_;
  SceneGraph& graph_;
  SceneBuilder builder_;
  QJSValue wrappers_;
  std::string lastHint_;
  QString lastMessage_;
};

/// Puts the scene API (the prelude over `host`) into `engine`'s global object.
Status startSceneApi(QJSEngine& engine, ScriptHost& host);

template <typename F>
auto ScriptHost::guard(F&& body) -> decltype(body()) {
  const auto raise = [this](QJSValue::ErrorType type, const QString& message, const std::string& hint) {
    lastHint_ = hint;
    lastMessage_ = message;
    engine_.throwError(type, message);
  };
  try {
    return body();
  } catch (const Fail& f) {
    raise(f.type, f.message, f.hint);
  } catch (const std::bad_alloc&) {
    raise(QJSValue::RangeError, QStringLiteral("the scene needs more memory than there is"),
          "look for a loop that builds far more than intended");
  } catch (const std::exception& e) {
    raise(QJSValue::GenericError, QStringLiteral("internal error: %1").arg(QString::fromUtf8(e.what())),
          "this is a bug in attnplay; please report it with the scene that shows it");
  } catch (...) {
    raise(QJSValue::GenericError, QStringLiteral("internal error"),
          "this is a bug in attnplay; please report it with the scene that shows it");
  }
  return decltype(body())();
}

}  // namespace attnplay::detail
