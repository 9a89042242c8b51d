// SPDX-License-Identifier: MIT
#pragma once

#include <QJSEngine>
#include <QJSValue>
#include <QObject>
#include <set>
#include <string>
#include <vector>

#include "attnplay/attention/numpy_random.hpp"
#include "attnplay/script/scene_script.hpp"
#include "attnplay/timeline/recorder.hpp"

namespace attnplay::detail {

/// The native side of the scene API: every call the prelude makes lands here, is checked, and
/// becomes an operation on the SceneGraph. A bad argument throws a JavaScript error, so the
/// message points at the scene line that made the call.
class ScriptHost : public QObject {
  Q_OBJECT

 public:
  ScriptHost(QJSEngine& engine, SceneGraph& graph, const ScriptOptions& options);

  const std::vector<ParamDecl>& params() const { return params_; }
  const std::vector<std::string>& warnings() const { return warnings_; }
  Recorder& recorder() { return recorder_; }
  /// The hint that goes with the last error this host threw.
  const std::string& lastHint() const { return lastHint_; }
  const QString& lastMessage() const { return lastMessage_; }

  // Values
  Q_INVOKABLE QJSValue vector(const QJSValue& value);
  Q_INVOKABLE QString colorHex(const QJSValue& value);
  Q_INVOKABLE QJSValue interpolateColor(const QJSValue& a, const QJSValue& b, const QJSValue& t);
  Q_INVOKABLE QJSValue palette();
  Q_INVOKABLE double frameWidth() const;
  Q_INVOKABLE double frameHeight() const;

  // Factories
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

  // Tree
  Q_INVOKABLE QString kind(int id);
  Q_INVOKABLE void addChildren(int id, const QJSValue& mobjects);
  Q_INVOKABLE int child(int id, const QJSValue& index);
  Q_INVOKABLE int childCount(int id);
  Q_INVOKABLE QJSValue children(int id);
  Q_INVOKABLE int copy(int id);

  // Measures and layout
  Q_INVOKABLE double measure(int id, int axis);
  Q_INVOKABLE QJSValue criticalPoint(int id, const QJSValue& direction);
  Q_INVOKABLE QJSValue boundaryPoint(int id, const QJSValue& direction);
  Q_INVOKABLE void shift(int id, const QJSValue& vectors);
  Q_INVOKABLE void moveTo(int id, const QJSValue& target, const QJSValue& options);
  Q_INVOKABLE void nextTo(int id, const QJSValue& target, const QJSValue& direction, const QJSValue& options);
  Q_INVOKABLE void arrange(int id, const QJSValue& direction, const QJSValue& options);
  Q_INVOKABLE void toEdge(int id, const QJSValue& edge, const QJSValue& options);
  Q_INVOKABLE void toCorner(int id, const QJSValue& corner, const QJSValue& options);
  Q_INVOKABLE void alignTo(int id, const QJSValue& target, const QJSValue& direction);
  Q_INVOKABLE void scale(int id, const QJSValue& factor, const QJSValue& options);
  Q_INVOKABLE void rotate(int id, const QJSValue& angle, const QJSValue& options);
  Q_INVOKABLE void scaleToFit(int id, const QJSValue& length, int axis, bool stretch);

  // Style
  Q_INVOKABLE void setFill(int id, const QJSValue& color, const QJSValue& options);
  Q_INVOKABLE void setStroke(int id, const QJSValue& color, const QJSValue& options);
  Q_INVOKABLE void setColor(int id, const QJSValue& color);
  Q_INVOKABLE void setOpacity(int id, const QJSValue& opacity);
  Q_INVOKABLE QString color(int id);
  Q_INVOKABLE double styleValue(int id, const QString& which);

  // Scene
  Q_INVOKABLE void addToScene(const QJSValue& mobjects);
  Q_INVOKABLE void removeFromScene(const QJSValue& mobjects);
  Q_INVOKABLE QJSValue param(const QJSValue& name, const QJSValue& fallback, const QJSValue& options);
  Q_INVOKABLE void play(const QJSValue& animations, const QJSValue& options);
  Q_INVOKABLE void wait(const QJSValue& seconds);
  Q_INVOKABLE void nextSection(const QJSValue& name);
  Q_INVOKABLE QJSValue rateFunctionNames();
  Q_INVOKABLE void randomSeed(const QJSValue& seed);
  Q_INVOKABLE QJSValue softmax(const QJSValue& values, const QJSValue& options);
  Q_INVOKABLE QJSValue attention(const QJSValue& q, const QJSValue& k, const QJSValue& v, const QJSValue& options);
  Q_INVOKABLE QJSValue loadWeights(const QJSValue& path, const QJSValue& options);
  Q_INVOKABLE double randomValue() { return random_.rand(); }

 private:
  template <typename F>
  auto guard(F&& body) -> decltype(body());

  void checkRoom(std::size_t count) const;
  RateFunc rateFunc(const QJSValue& value, const QString& what);
  AnimationSpec animationSpec(const QJSValue& value, const QString& what);
  MobjectId add(Mobject mobject);
  MobjectId checkedId(int id) const;
  QJSValue point(const Vec2& p);
  QJSValue matrixValue(const Eigen::MatrixXd& m, bool vector);

  QJSEngine& engine_;
  SceneGraph& graph_;
  const ScriptOptions& options_;
  std::vector<ParamDecl> params_;
  std::vector<std::string> warnings_;
  Recorder recorder_;
  NumpyRandom random_;
  std::string lastHint_;
  QString lastMessage_;
};

}  // namespace attnplay::detail
