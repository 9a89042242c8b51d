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
  order = keepLastOccurrences(order);
  // Manim's extract_mobject_family_members(use_z_index=True): a stable sort by z index.
  std::stable_sort(order.begin(), order.end(),
                   [&graph](MobjectId a, MobjectId b) { return graph[a].zIndex < graph[b].zIndex; });
  return order;
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
