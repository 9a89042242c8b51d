// SPDX-License-Identifier: MIT
// Transform, ReplacementTransform and .animate: Manim's transform family.
#include "families.hpp"

namespace attnplay::detail {

namespace {

/// Leaves morphing the family of `from` into the family of `to` (Manim's align_data on the
/// flattened families: the shorter list repeats members as invisible copies).
std::vector<Leaf> morphLeaves(const SceneGraph& g, MobjectId from, MobjectId to, std::vector<MobjectId>& members,
                              bool& sameShape) {
  const std::vector<MobjectId> a = g.membersWithPoints(from), b = g.membersWithPoints(to);
  sameShape = a.size() == b.size();
  auto states = [&](const std::vector<MobjectId>& ids, std::size_t target, MobjectId whole) {
    std::vector<std::pair<Path, Style>> out;
    std::vector<MobjectId> owner;
    if (ids.empty()) {
      // Nothing to grow from: points at the centre (Manim's get_point_mobject).
      const Vec2 c = g.center(whole);
      Path dot;
      dot.subpaths.push_back(Subpath{{Cubic{c, c, c, c}}});
      Style s = g[whole].style;
      s.fillOpacity = s.strokeOpacity = 0;
      for (std::size_t k = 0; k < target; ++k) out.emplace_back(dot, s), owner.push_back(kNoMember);
      return std::pair{out, owner};
    }
    const std::size_t current = ids.size();
    std::vector<std::size_t> split(current, 0);
    for (std::size_t k = 0; k < std::max(target, current); ++k) ++split[k * current / std::max(target, current)];
    for (std::size_t i = 0; i < current; ++i) {
      out.emplace_back(g[ids[i]].path, g[ids[i]].style);
      owner.push_back(ids[i]);
      for (std::size_t extra = 1; extra < split[i]; ++extra) {
        Style faded = g[ids[i]].style;
        faded.fillOpacity = faded.strokeOpacity = 0;
        out.emplace_back(g[ids[i]].path, faded);
        owner.push_back(kNoMember);
      }
    }
    return std::pair{out, owner};
  };
  const std::size_t n = std::max(a.size(), b.size());
  auto [fromStates, fromOwners] = states(a, n, from);
  auto [toStates, toOwners] = states(b, n, to);
  std::vector<Leaf> leaves;
  for (std::size_t i = 0; i < n; ++i) {
    Path p = fromStates[i].first, q = toStates[i].first;
    alignPaths(p, q, p.bounds().center(), q.bounds().center());
    leaves.push_back({std::make_shared<const Path>(std::move(p)), std::make_shared<const Path>(std::move(q)),
                      fromStates[i].second, toStates[i].second});
    members.push_back(fromOwners[i]);
  }
  return leaves;
}

}  // namespace

Status buildTransform(const AnimationSpec& spec, SceneGraph& graph, std::vector<BuiltAnimation>& out) {
  if (!spec.target) return missing(spec, "a mobject");
  if (!spec.other) return missing(spec, "a mobject to become");
  BuiltAnimation b = startBuilt(spec.kind, graph, *spec.target);
  Animation& a = *b.animation;
  bool sameShape = true;
  a.effect = Effect::Morph;
  a.leaves = morphLeaves(graph, *spec.target, *spec.other, b.members, sameShape);
  if (spec.kind == AnimationKind::ReplacementTransform) {
    b.replacedBy = *spec.other;
  } else if (!sameShape) {
    b.becomes = *spec.other;
  }
  if (spec.kind == AnimationKind::MethodAnimation) a.methods = spec.methods;
  applyTiming(spec, a.timing);
  out.push_back(std::move(b));
  return {};
}

}  // namespace attnplay::detail
