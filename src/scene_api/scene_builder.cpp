// SPDX-License-Identifier: MIT
#include "attnplay/scene_api/scene_builder.hpp"

#include <QDir>
#include <QFileInfo>
#include <cmath>
#include <limits>

namespace attnplay {

SceneBuilder::SceneBuilder(SceneGraph& graph, const ScriptOptions& options)
    : graph_(graph), options_(options), recorder_(graph) {}

Result<MobjectId> SceneBuilder::resolve(std::int64_t handle) const {
  if (handle < 0 || handle > std::numeric_limits<MobjectId>::max() ||
      !graph_.contains(static_cast<MobjectId>(handle))) {
    return Error(ErrorCode::InvalidArgument, "no mobject of this scene has the id " + std::to_string(handle),
                 "use the mobjects the scene's own constructors return, such as Square() or VGroup()");
  }
  return static_cast<MobjectId>(handle);
}

Status SceneBuilder::checkRoom(std::size_t count) const {
  if (graph_.size() + count > options_.maxObjects) {
    return Error(ErrorCode::LimitExceeded,
                 "the scene creates more than " + std::to_string(options_.maxObjects) + " objects",
                 "a loop probably runs far more often than intended; no scene needs this many objects");
  }
  return {};
}

Result<MobjectId> SceneBuilder::add(Mobject mobject) {
  if (const Status s = checkRoom(1); !s) return s.error();
  return graph_.create(std::move(mobject));
}

Vec2 SceneBuilder::boundaryPoint(MobjectId id, const Vec2& towards) const {
  Vec2 best = graph_.center(id);
  double bestDot = -std::numeric_limits<double>::infinity();
  for (MobjectId m : graph_.family(id)) {
    for (const Vec2& p : graph_[m].path.points()) {
      if (p.dot(towards) > bestDot) {
        bestDot = p.dot(towards);
        best = p;
      }
    }
  }
  return best;
}

namespace {

/// Manim's _pointify for both ends: each mobject end becomes its boundary point facing the
/// other end's centre.
template <typename Boundary>
std::pair<Vec2, Vec2> endpoints(const SceneGraph& graph, const LayoutTarget& start, const LayoutTarget& end,
                                Boundary boundary) {
  const auto rough = [&](const LayoutTarget& t) {
    return std::holds_alternative<MobjectId>(t) ? graph.center(std::get<MobjectId>(t)) : std::get<Vec2>(t);
  };
  const Vec2 a = rough(start), b = rough(end);
  const Vec2 dir = (b - a).norm() > 0 ? Vec2((b - a).normalized()) : Vec2(0, 0);
  const auto exact = [&](const LayoutTarget& t, const Vec2& towards) {
    return std::holds_alternative<MobjectId>(t) ? boundary(std::get<MobjectId>(t), towards) : std::get<Vec2>(t);
  };
  return {exact(start, dir), exact(end, -dir)};
}

}  // namespace

Result<MobjectId> SceneBuilder::line(const LayoutTarget& start, const LayoutTarget& end, double buff) {
  const auto [a, b] = endpoints(graph_, start, end, [&](MobjectId id, const Vec2& d) { return boundaryPoint(id, d); });
  return add(makeLine(a, b, buff));
}

Result<MobjectId> SceneBuilder::arrow(const LayoutTarget& start, const LayoutTarget& end, const ArrowOptions& options) {
  const auto [a, b] = endpoints(graph_, start, end, [&](MobjectId id, const Vec2& d) { return boundaryPoint(id, d); });
  if (const Status s = checkRoom(2); !s) return s.error();  // a shaft and a tip
  return makeArrow(graph_, a, b, options);
}

Result<MobjectId> SceneBuilder::group(const std::vector<MobjectId>& members) {
  auto id = add(makeGroup());
  if (!id) return id;
  for (MobjectId m : members) graph_.addChild(*id, m);
  return id;
}

Result<MobjectId> SceneBuilder::text(const std::string& text, const TextOptions& options) {
  // One object for the text and one per character at most: check the limit first.
  if (const Status s = checkRoom(text.size() + 1); !s) return s.error();
  return makeText(graph_, text, options, &warnings_);
}

namespace {

/// Native work must end well inside the script's time limit: no formula needs more than this.
constexpr std::size_t kMaxFormulaBytes = 10000;
/// Distances a layout may be given, in scene units (the frame is 14.2 × 8): beyond this a
/// bracket or a grid would be sized in gigabytes.
constexpr double kMaxLayoutUnits = 100;
/// The largest weights file a scene may read; scenes show matrices of tens of tokens.
constexpr std::size_t kMaxSceneWeightsBytes = 16 * 1024 * 1024;

Status checkFormula(std::size_t bytes) {
  if (bytes <= kMaxFormulaBytes) return {};
  return Error(ErrorCode::LimitExceeded,
               "the TeX is " + std::to_string(bytes) + " bytes long, more than " + std::to_string(kMaxFormulaBytes),
               "split it into several MathTex, or build it from parts in the scene");
}

Status checkDistance(double value, const std::string& what) {
  if (std::abs(value) <= kMaxLayoutUnits) return {};
  return Error(ErrorCode::OutOfRange,
               what + " is " + QString::number(value).toStdString() + ", more than " +
                   QString::number(kMaxLayoutUnits).toStdString() + " scene units",
               "the frame is 14.2 units wide and 8 high");
}

}  // namespace

Result<MobjectId> SceneBuilder::mathTex(const std::vector<std::string>& parts, const MathTexOptions& options) {
  std::size_t characters = 0;
  for (const auto& p : parts) characters += p.size();
  if (const Status s = checkFormula(characters); !s) return s.error();
  // Generous: a piece per character and rule.
  if (const Status s = checkRoom(characters * 2 + parts.size() + 1); !s) return s.error();
  return makeMathTex(graph_, parts, options);
}

Result<MobjectId> SceneBuilder::matrix(const std::vector<std::vector<std::string>>& cells,
                                       const MatrixOptions& options) {
  std::size_t characters = 0;
  for (const auto& row : cells) {
    for (const auto& c : row) {
      if (const Status s = checkFormula(c.size()); !s) return s.error();
      characters += c.size();
    }
  }
  for (const auto& [value, name] :
       {std::pair{options.vBuff, "vBuff"}, std::pair{options.hBuff, "hBuff"},
        std::pair{options.bracketVBuff, "bracketVBuff"}, std::pair{options.bracketHBuff, "bracketHBuff"}}) {
    if (const Status s = checkDistance(value, name); !s) return s.error();
  }
  if (const Status s = checkRoom(characters * 2 + cells.size() * 4 + 64); !s) return s.error();
  return makeMatrix(graph_, cells, options);
}

Result<MobjectId> SceneBuilder::copy(MobjectId id) {
  if (const Status s = checkRoom(graph_.family(id).size()); !s) return s.error();
  return graph_.copy(id);
}

Status SceneBuilder::addChildren(MobjectId parent, const std::vector<MobjectId>& children) {
  for (MobjectId m : children) {
    if (!graph_.addChild(parent, m)) {
      return Error(ErrorCode::InvalidArgument, "a mobject cannot contain itself or one of its own groups");
    }
  }
  return {};
}

void SceneBuilder::scaleToFit(MobjectId id, double length, int axis, bool stretch) {
  if (stretch) {
    graph_.stretchToFit(id, length, axis);
    return;
  }
  const double old = axis == 0 ? graph_.width(id) : graph_.height(id);
  if (old > 0) graph_.scale(id, length / old);
}

Color SceneBuilder::color(MobjectId id) const {
  const Style& s = graph_[id].style;
  return s.fillOpacity == 0 ? s.strokeColor : s.fillColor;
}

Result<MobjectId> SceneBuilder::cameraFrame() {
  if (cameraFrame_) return *cameraFrame_;
  Mobject frame = makeRectangle(manim::FRAME_WIDTH, manim::FRAME_HEIGHT);
  frame.kind = "ScreenRectangle";
  frame.style.strokeWidth = 0;
  auto id = add(std::move(frame));
  if (!id) return id;
  cameraFrame_ = *id;
  recorder_.setCameraFrame(*id);
  return *id;
}

Status SceneBuilder::play(const std::vector<AnimationSpec>& animations, const PlayOptions& options) {
  return recorder_.play(animations, options);
}

Status SceneBuilder::randomSeed(double seed) {
  if (seed < 0 || seed > 4294967295.0 || seed != std::floor(seed)) {
    return Error(ErrorCode::OutOfRange,
                 "the seed must be a whole number from 0 to 2^32 - 1, got " + QString::number(seed).toStdString(),
                 "NumPy's legacy seeding takes the same range");
  }
  random_.seed(static_cast<std::uint32_t>(seed));
  return {};
}

Result<attention::WeightArray> SceneBuilder::loadWeights(const std::string& path,
                                                         const attention::LoadRequirements& req) const {
  if (options_.sceneDir.empty()) {
    return Error(ErrorCode::NotFound, "this scene was not loaded from a file, so it has no folder to read from");
  }
  // Relative to the scene, and confined to its folder: scenes reach no other file.
  const QString base = QFileInfo(QString::fromStdString(options_.sceneDir)).canonicalFilePath();
  const QString wanted = QDir(base).absoluteFilePath(QString::fromStdString(path));
  const QString resolved = QFileInfo(wanted).canonicalFilePath();
  if (resolved.isEmpty()) return Error(ErrorCode::NotFound, "'" + path + "' does not exist next to the scene");
  if (!resolved.startsWith(base + QLatin1Char('/'))) {
    return Error(ErrorCode::NotFound, "'" + path + "' is outside the scene's folder",
                 "put the weights file in the scene's folder (or below it)");
  }
  attention::LoadRequirements limited = req;
  limited.maxBytes = kMaxSceneWeightsBytes;
  return attention::loadWeights(resolved.toStdString(), limited);
}

}  // namespace attnplay
