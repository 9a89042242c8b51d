// SPDX-License-Identifier: MIT
#include "attnplay/timeline/frame_state.hpp"

namespace attnplay {

FrameState snapshot(const SceneGraph& graph) {
  std::vector<MobjectId> order;
  for (MobjectId top : graph.stage()) {
    const auto members = graph.family(top);
    order.insert(order.end(), members.begin(), members.end());
  }
  FrameState state;
  for (MobjectId id : keepLastOccurrences(order)) {
    const Mobject& m = graph[id];
    if (m.path.empty()) continue;
    state.items.push_back({std::make_shared<const Path>(m.path), m.style});
  }
  return state;
}

}  // namespace attnplay
