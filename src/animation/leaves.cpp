// SPDX-License-Identifier: MIT
#include "families.hpp"

namespace attnplay::detail {

BuiltAnimation startBuilt(AnimationKind kind, const SceneGraph& graph, MobjectId target) {
  BuiltAnimation b;
  b.animation = std::make_shared<Animation>();
  b.animation->kind = kind;
  b.animation->target = target;
  b.animation->targetKind = graph[target].kind;
  return b;
}

void applyTiming(const AnimationSpec& spec, Timing& t) {
  if (spec.runTime) t.runTime = *spec.runTime;
  if (spec.rate) t.rate = *spec.rate;
  if (spec.lagRatio) t.lagRatio = *spec.lagRatio;
}

Error missing(const AnimationSpec& spec, const char* what) {
  return Error(ErrorCode::InvalidArgument, std::string(animationName(spec.kind)) + "() needs " + what);
}

std::vector<Leaf> stillLeaves(const SceneGraph& graph, MobjectId id, std::vector<MobjectId>& members) {
  std::vector<Leaf> leaves;
  for (MobjectId m : graph.membersWithPoints(id)) {
    auto path = std::make_shared<const Path>(graph[m].path);
    leaves.push_back({path, path, graph[m].style, graph[m].style});
    members.push_back(m);
  }
  return leaves;
}

std::vector<Leaf> changedLeaves(const SceneGraph& graph, MobjectId id, std::vector<MobjectId>& members,
                                bool changedIsStart, const std::function<void(Path&, Style&)>& change) {
  std::vector<Leaf> leaves = stillLeaves(graph, id, members);
  for (Leaf& leaf : leaves) {
    Path p = *leaf.to;
    Style s = leaf.toStyle;
    change(p, s);
    auto changed = std::make_shared<const Path>(std::move(p));
    if (changedIsStart) {
      leaf.from = changed;
      leaf.fromStyle = s;
    } else {
      leaf.to = changed;
      leaf.toStyle = s;
    }
  }
  return leaves;
}

}  // namespace attnplay::detail
