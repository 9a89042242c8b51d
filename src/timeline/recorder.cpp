// SPDX-License-Identifier: MIT
#include "attnplay/timeline/recorder.hpp"

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "attnplay/scene/shapes.hpp"

namespace attnplay {

namespace {

constexpr MobjectId kNoMember = static_cast<MobjectId>(-1);

/// One leaf animation made ready to record: its Animation, its time window inside the groups
/// around it, and what it leaves behind when it ends.
struct Built {
  std::shared_ptr<Animation> animation;
  std::vector<Placement::Layer> layers;
  std::vector<MobjectId> members;       ///< the graph member each leaf is (kNoMember for added nulls)
  std::optional<MobjectId> becomes;     ///< Transform of a different shape: the target takes this one's form
  std::optional<MobjectId> replacedBy;  ///< ReplacementTransform: this takes the target's place on stage
  std::vector<MobjectId> introduces;    ///< put on stage when it starts (besides an introducer's target)
};

/// A group's children with their run times, as build_animations_with_timings lays them out.
struct Group {
  std::vector<Built> built;
  double runTime = 0;
};

Path collapsed(const Path& path, const Vec2& point) {
  Path p = path;
  p.mapPoints([&](const Vec2&) { return point; });
  return p;
}

class Builder {
 public:
  explicit Builder(SceneGraph& graph) : g_(graph) {}

  Result<Group> build(const AnimationSpec& spec) {
    if (spec.kind == "AnimationGroup" || spec.kind == "LaggedStart" || spec.kind == "Succession") {
      return group(spec);
    }
    auto one = leafAnimation(spec);
    if (!one) return one.error();
    Group g;
    g.runTime = one->animation->timing.runTime;
    if (spec.kind == "FadeTransform") {
      // Two halves, each a Built; FadeTransform's pair share the run time.
      g.built = std::move(pending_);
      pending_.clear();
    }
    g.built.insert(g.built.begin(), std::move(*one));
    return g;
  }

 private:
  Result<Group> group(const AnimationSpec& spec) {
    const double lag = spec.lagRatio.value_or(spec.kind == "LaggedStart"  ? 0.05
                                              : spec.kind == "Succession" ? 1.0
                                                                          : 0.0);
    Group out;
    double current = 0, maxEnd = 0;
    std::vector<std::pair<Group, std::pair<double, double>>> children;
    for (const AnimationSpec& child : spec.children) {
      auto c = build(child);
      if (!c) return c.error();
      const double start = current, end = start + c->runTime;
      children.emplace_back(std::move(*c), std::pair{start, end});
      current = start + lag * (end - start);
      maxEnd = std::max(maxEnd, end);
    }
    const RateFunc rate = spec.rate.value_or(*RateFunc::named("linear"));
    for (auto& [child, window] : children) {
      for (Built& b : child.built) {
        b.layers.insert(b.layers.begin(), Placement::Layer{rate, maxEnd, window.first, window.second});
        out.built.push_back(std::move(b));
      }
    }
    out.runTime = spec.runTime.value_or(maxEnd);
    return out;
  }

  std::vector<Leaf> stillLeaves(MobjectId id, std::vector<MobjectId>& members) {
    std::vector<Leaf> leaves;
    for (MobjectId m : g_.membersWithPoints(id)) {
      auto path = std::make_shared<const Path>(g_[m].path);
      leaves.push_back({path, path, g_[m].style, g_[m].style});
      members.push_back(m);
    }
    return leaves;
  }

  /// Leaves morphing the family of `from` into the family of `to` (Manim's align_data on the
  /// flattened families: the shorter list repeats members as invisible copies).
  std::vector<Leaf> morphLeaves(MobjectId from, MobjectId to, std::vector<MobjectId>& members, bool& sameShape) {
    std::vector<MobjectId> a = g_.membersWithPoints(from), b = g_.membersWithPoints(to);
    sameShape = a.size() == b.size();
    auto states = [&](const std::vector<MobjectId>& ids, std::size_t target, MobjectId whole) {
      std::vector<std::pair<Path, Style>> out;
      std::vector<MobjectId> owner;
      if (ids.empty()) {
        // Nothing to grow from: points at the centre (Manim's get_point_mobject).
        const Vec2 c = g_.center(whole);
        Path dot;
        dot.subpaths.push_back(Subpath{{Cubic{c, c, c, c}}});
        Style s = g_[whole].style;
        s.fillOpacity = s.strokeOpacity = 0;
        for (std::size_t k = 0; k < target; ++k) out.emplace_back(dot, s), owner.push_back(kNoMember);
        return std::pair{out, owner};
      }
      const std::size_t current = ids.size();
      std::vector<std::size_t> split(current, 0);
      for (std::size_t k = 0; k < std::max(target, current); ++k) ++split[k * current / std::max(target, current)];
      for (std::size_t i = 0; i < current; ++i) {
        out.emplace_back(g_[ids[i]].path, g_[ids[i]].style);
        owner.push_back(ids[i]);
        for (std::size_t extra = 1; extra < split[i]; ++extra) {
          Style faded = g_[ids[i]].style;
          faded.fillOpacity = faded.strokeOpacity = 0;
          out.emplace_back(g_[ids[i]].path, faded);
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

  /// A copy of `id`'s leaves changed by `change`, for FadeIn/FadeOut, Grow* and Indicate.
  std::vector<Leaf> changedLeaves(MobjectId id, std::vector<MobjectId>& members, bool changedIsStart,
                                  const std::function<void(Path&, Style&)>& change) {
    std::vector<Leaf> leaves = stillLeaves(id, members);
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

  Error missing(const AnimationSpec& spec, const char* what) const {
    return Error(ErrorCode::InvalidArgument, spec.kind + "() needs " + what);
  }

  Result<Built> leafAnimation(const AnimationSpec& spec) {
    Built b;
    b.animation = std::make_shared<Animation>();
    Animation& a = *b.animation;
    a.name = spec.kind;
    const std::string& k = spec.kind;
    if (k == "Wait") {
      a.timing.runTime = spec.runTime.value_or(1.0);
      a.timing.rate = *RateFunc::named("linear");
      return b;
    }
    if (!spec.target) return missing(spec, "a mobject");
    const MobjectId target = *spec.target;
    a.target = target;
    a.targetKind = g_[target].kind;
    Timing& t = a.timing;

    if (k == "Create" || k == "Uncreate") {
      a.effect = Effect::Partial;
      a.leaves = stillLeaves(target, b.members);
      t.lagRatio = 1.0;
      a.introducer = k == "Create";
      a.remover = a.reverse = k == "Uncreate";
    } else if (k == "Write" || k == "Unwrite" || k == "DrawBorderThenFill") {
      a.effect = Effect::BorderThenFill;
      a.leaves = stillLeaves(target, b.members);
      if (k == "DrawBorderThenFill") {
        t.runTime = 2;
        t.rate = *RateFunc::named("double_smooth");
      } else {
        // Manim's Write: 1 s under 15 paths, else 2 s; lag min(4/n, 0.2); linear.
        const double n = static_cast<double>(a.leaves.size());
        t.runTime = n < 15 ? 1.0 : 2.0;
        t.lagRatio = std::min(4.0 / std::max(1.0, n), 0.2);
        t.rate = *RateFunc::named("linear");
      }
      if (k == "Unwrite") {
        std::reverse(a.leaves.begin(), a.leaves.end());
        std::reverse(b.members.begin(), b.members.end());
        a.reverse = a.remover = true;
      } else {
        a.introducer = true;
      }
    } else if (k == "FadeIn" || k == "FadeOut") {
      const bool in = k == "FadeIn";
      Vec2 shift = spec.shift.value_or(Vec2(0, 0));
      bool towardPoint = false;
      if (!spec.shift && spec.targetPosition) {
        shift = *spec.targetPosition - g_.center(target);
        towardPoint = true;
      }
      const Vec2 move = (in && !towardPoint) ? Vec2(-shift) : shift;
      const Vec2 centre = g_.center(target) + move;
      const double scale = spec.scale;
      a.effect = Effect::Morph;
      a.leaves = changedLeaves(target, b.members, in, [&](Path& p, Style& s) {
        p.translate(move);
        Affine2 m = Affine2::Identity();
        m.translate(centre).scale(scale).translate(-centre);
        p.transform(m);
        s.fillOpacity = s.strokeOpacity = 0;
      });
      a.introducer = in;
      a.remover = !in;
    } else if (k == "GrowArrow" || k == "GrowFromCenter" || k == "GrowFromPoint" || k == "GrowFromEdge") {
      Vec2 point = g_.center(target);
      if (k == "GrowArrow") {
        const auto& path = g_[target].path;
        if (path.empty()) return Error(ErrorCode::InvalidArgument, "GrowArrow() needs an arrow, got a " + a.targetKind);
        point = path.subpaths.front().cubics.front().p0;
      } else if (k == "GrowFromPoint") {
        if (!spec.point) return missing(spec, "a point");
        point = *spec.point;
      } else if (k == "GrowFromEdge") {
        if (!spec.edge) return missing(spec, "an edge");
        point = g_.criticalPoint(target, *spec.edge);
      }
      a.effect = Effect::Morph;
      a.leaves = changedLeaves(target, b.members, true, [&](Path& p, Style& s) {
        p = collapsed(p, point);
        if (spec.color) s.fillColor = s.strokeColor = *spec.color;
      });
      a.introducer = true;
    } else if (k == "Transform" || k == "ReplacementTransform" || k == "_MethodAnimation") {
      if (!spec.other) return missing(spec, "a mobject to become");
      bool sameShape = true;
      a.effect = Effect::Morph;
      a.leaves = morphLeaves(target, *spec.other, b.members, sameShape);
      if (k == "ReplacementTransform") {
        b.replacedBy = *spec.other;
      } else if (!sameShape) {
        b.becomes = *spec.other;
      }
      if (k == "_MethodAnimation" && !spec.methodName.empty()) a.name = ".animate." + spec.methodName;
    } else if (k == "FadeTransform") {
      if (!spec.other) return missing(spec, "a mobject to become");
      // The source fades out while taking the target's box; the target fades in from the
      // source's box (Manim's FadeTransform, stretch=True).
      const MobjectId other = *spec.other;
      const Bounds from = g_.bounds(target), to = g_.bounds(other);
      auto fit = [](const Bounds& src, const Bounds& dst) {
        Affine2 m = Affine2::Identity();
        const Vec2 sx(src.width() > 0 ? dst.width() / src.width() : 1,
                      src.height() > 0 ? dst.height() / src.height() : 1);
        m.translate(dst.center()).scale(sx).translate(-src.center());
        return m;
      };
      a.effect = Effect::Morph;
      a.leaves = changedLeaves(target, b.members, false, [&](Path& p, Style& s) {
        p.transform(fit(from, to));
        s.fillOpacity = s.strokeOpacity = 0;
      });
      a.remover = true;
      Built second;
      second.animation = std::make_shared<Animation>();
      Animation& in = *second.animation;
      in.name = "FadeTransform";
      in.target = other;
      in.targetKind = g_[other].kind;
      in.effect = Effect::Morph;
      in.introducer = true;
      in.leaves = changedLeaves(other, second.members, true, [&](Path& p, Style& s) {
        p.transform(fit(to, from));
        s.fillOpacity = s.strokeOpacity = 0;
      });
      in.timing = t;
      applyTiming(spec, in.timing);
      pending_.push_back(std::move(second));
    } else if (k == "Indicate") {
      const Vec2 centre = g_.center(target);
      const Color color = spec.color.value_or(*manim::namedColor("YELLOW"));
      const double factor = spec.scale == 1 ? 1.2 : spec.scale;
      a.effect = Effect::Morph;
      a.leaves = changedLeaves(target, b.members, false, [&](Path& p, Style& s) {
        Affine2 m = Affine2::Identity();
        m.translate(centre).scale(factor).translate(-centre);
        p.transform(m);
        s.fillColor = s.strokeColor = color;
      });
      t.rate = *RateFunc::named("there_and_back");
    } else if (k == "ShowPassingFlash") {
      passingFlash(b, target, spec.timeWidth.value_or(0.1));
    } else if (k == "Circumscribe") {
      // Manim's default Circumscribe: a yellow surrounding rectangle passing as a flash.
      Mobject frame =
          makeSurroundingRectangle(g_, target, manim::SMALL_BUFF, spec.color.value_or(*manim::namedColor("YELLOW")));
      passingFlash(b, g_.create(std::move(frame)), spec.timeWidth.value_or(0.3));
    } else if (k == "Flash") {
      // Twelve short lines around the point, each passing as a flash.
      const Vec2 point = spec.point ? *spec.point : g_.center(target);
      const MobjectId lines = g_.create(makeGroup());
      constexpr int kLines = 12;
      for (int i = 0; i < kLines; ++i) {
        const double angle = 2 * 3.141592653589793 * i / kLines;
        const Vec2 dir(std::cos(angle), std::sin(angle));
        Mobject line = makeLine(point + 0.1 * dir, point + 0.3 * dir);
        line.style.strokeColor = line.style.fillColor = spec.color.value_or(*manim::namedColor("YELLOW"));
        line.style.strokeWidth = 3;
        g_.addChild(lines, g_.create(std::move(line)));
      }
      passingFlash(b, lines, spec.timeWidth.value_or(1.0));
    } else if (k == "Wiggle") {
      a.effect = Effect::Wiggle;
      a.leaves = stillLeaves(target, b.members);
      a.about = g_.center(target);
      t.runTime = 2;
    } else {
      return Error(ErrorCode::InvalidArgument, "unknown animation '" + k + "'");
    }
    applyTiming(spec, t);
    return b;
  }

  /// Manim's ShowPassingFlash on `id`: a window sliding along each path, removed at the end.
  void passingFlash(Built& b, MobjectId id, double timeWidth) {
    Animation& a = *b.animation;
    a.target = id;
    a.targetKind = g_[id].kind;
    a.effect = Effect::PassingFlash;
    a.leaves = stillLeaves(id, b.members);
    a.timeWidth = timeWidth;
    a.remover = true;
  }

  static void applyTiming(const AnimationSpec& spec, Timing& t) {
    if (spec.runTime) t.runTime = *spec.runTime;
    if (spec.rate) t.rate = *spec.rate;
    if (spec.lagRatio) t.lagRatio = *spec.lagRatio;
  }

  SceneGraph& g_;
  std::vector<Built> pending_;
};

bool onStage(const SceneGraph& g, MobjectId id) {
  for (MobjectId top : g.stage()) {
    const auto family = g.family(top);
    if (std::find(family.begin(), family.end(), id) != family.end()) return true;
  }
  return false;
}

std::string describe(const Animation& a) {
  if (a.name == "Wait") return "Wait";
  return a.name + "(" + a.targetKind + ")";
}

}  // namespace

Status Recorder::play(const std::vector<AnimationSpec>& animations, const PlayOptions& options) {
  Builder builder(graph_);
  std::vector<Built> built;
  std::vector<double> topRunTimes;
  std::vector<std::string> labels;
  double duration = 0;
  for (const AnimationSpec& spec : animations) {
    AnimationSpec top = spec;
    // play()'s options reach each animation it is given, as Manim sets them on each.
    if (options.runTime) top.runTime = options.runTime;
    if (options.rate) top.rate = options.rate;
    if (options.lagRatio && top.kind != "AnimationGroup" && top.kind != "LaggedStart" && top.kind != "Succession") {
      top.lagRatio = options.lagRatio;
    }
    auto g = builder.build(top);
    if (!g) return g.error();
    duration = std::max(duration, g->runTime);
    if (top.kind == "AnimationGroup" || top.kind == "LaggedStart" || top.kind == "Succession") {
      std::string inner;
      for (const Built& b : g->built) inner += (inner.empty() ? "" : ", ") + describe(*b.animation);
      labels.push_back(top.kind + "[" + inner + "]");
    } else {
      for (const Built& b : g->built) labels.push_back(describe(*b.animation));
    }
    for (Built& b : g->built) {
      topRunTimes.push_back(g->runTime);
      built.push_back(std::move(b));
    }
  }

  // Manim adds every animated mobject not yet in the scene, then each introducer's target.
  for (const Built& b : built) {
    const Animation& a = *b.animation;
    if (a.name == "Wait" || a.introducer) continue;
    if (!onStage(graph_, a.target)) graph_.addToScene(a.target);
  }
  for (const Built& b : built) {
    const Animation& a = *b.animation;
    if (a.introducer && !onStage(graph_, a.target)) graph_.addToScene(a.target);
  }

  Segment segment;
  segment.start = time_;
  segment.end = time_ + duration;
  segment.section = pendingSection_.empty() ? currentSection_ : pendingSection_;
  currentSection_ = segment.section;
  pendingSection_.clear();
  segment.animations = labels;

  // Which placement draws each member; the first animation of a member wins.
  std::unordered_map<MobjectId, int> owner;
  for (std::size_t i = 0; i < built.size(); ++i) {
    const Animation& a = *built[i].animation;
    Placement p;
    p.animation = built[i].animation;
    p.runTime = topRunTimes[i];
    p.layers = built[i].layers;
    segment.placements.push_back(std::move(p));
    if (a.name == "Wait") continue;
    for (MobjectId m : graph_.family(a.target)) owner.emplace(m, static_cast<int>(i));
  }
  std::vector<MobjectId> order;
  for (MobjectId top : graph_.stage()) {
    const auto members = graph_.family(top);
    order.insert(order.end(), members.begin(), members.end());
  }
  std::unordered_set<int> placed;
  for (MobjectId m : keepLastOccurrences(order)) {
    if (auto it = owner.find(m); it != owner.end()) {
      if (placed.insert(it->second).second) segment.slots.push_back(Slot{std::nullopt, it->second});
      continue;
    }
    if (graph_[m].path.empty()) continue;
    segment.slots.push_back(Slot{DrawItem{std::make_shared<const Path>(graph_[m].path), graph_[m].style}, -1});
  }

  // The state the script sees next: every animation at its end.
  for (const Built& b : built) {
    const Animation& a = *b.animation;
    if (a.name == "Wait") continue;
    if (a.effect == Effect::Morph && !a.remover) {
      for (std::size_t i = 0; i < a.leaves.size(); ++i) {
        if (b.members[i] == kNoMember) continue;
        const double end = a.subAlpha(1.0, i, a.leaves.size());
        const Leaf& leaf = a.leaves[i];
        graph_[b.members[i]].path = end >= 1   ? *leaf.to
                                    : end <= 0 ? *leaf.from
                                               : interpolate(*leaf.from, *leaf.to, end);
        graph_[b.members[i]].style = attnplay::interpolate(leaf.fromStyle, leaf.toStyle, std::clamp(end, 0.0, 1.0));
      }
    }
    if (b.becomes) graph_.becomeCopyOf(a.target, *b.becomes);
    if (b.replacedBy) {
      graph_.replaceOnStage(a.target, *b.replacedBy);
    }
    if (a.remover) graph_.removeFromScene(a.target);
  }

  timeline_.segments.push_back(std::move(segment));
  time_ += duration;
  return {};
}

void Recorder::wait(double seconds) {
  AnimationSpec spec;
  spec.kind = "Wait";
  spec.runTime = seconds;
  (void)play({spec}, {});
}

std::shared_ptr<const Timeline> Recorder::finish(double fps) {
  auto timeline = std::make_shared<Timeline>(timeline_);
  timeline->fps = fps;
  timeline->finalItems = snapshot(graph_).items;
  return timeline;
}

}  // namespace attnplay
