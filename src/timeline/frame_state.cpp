// SPDX-License-Identifier: MIT
#include "attnplay/timeline/frame_state.hpp"

#include <algorithm>
#include <unordered_set>

namespace attnplay {

FrameState snapshot(const SceneGraph& graph) {
  std::vector<MobjectId> order;
  for (MobjectId top : graph.stage()) {
    const auto members = graph.family(top);
    order.insert(order.end(), members.begin(), members.end());
  }
  std::vector<MobjectId> unique;
  std::unordered_set<MobjectId> seen;
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    if (seen.insert(*it).second) unique.push_back(*it);
  }
  std::reverse(unique.begin(), unique.end());

  FrameState state;
  for (MobjectId id : unique) {
    const Mobject& m = graph[id];
    if (m.path.empty()) continue;
    state.items.push_back({m.path, m.style});
  }
  return state;
}

}  // namespace attnplay
