// SPDX-License-Identifier: MIT
#include "attnplay/scene/snapshot.hpp"

#include <algorithm>

namespace attnplay {

std::vector<MobjectId> paintOrder(const SceneGraph& graph) {
  std::vector<MobjectId> order;
  for (MobjectId top : graph.stage()) {
    const auto members = graph.family(top);
    order.insert(order.end(), members.begin(), members.end());
  }
  return keepLastOccurrences(order);
}

bool onStage(const SceneGraph& graph, MobjectId id) {
  for (MobjectId top : graph.stage()) {
    const auto family = graph.family(top);
    if (std::find(family.begin(), family.end(), id) != family.end()) return true;
  }
  return false;
}

FrameState snapshot(const SceneGraph& graph) {
  FrameState state;
  for (MobjectId id : paintOrder(graph)) {
    const Mobject& m = graph[id];
    if (m.path.empty()) continue;
    state.items.push_back({std::make_shared<const Path>(m.path), m.style});
  }
  return state;
}

}  // namespace attnplay
