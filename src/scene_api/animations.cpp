// SPDX-License-Identifier: MIT
// The scene API's animation classes: each records an AnimationSpec that play() builds against
// the scene; their options and defaults are Manim's.
#include "session.hpp"

namespace attnplay::api::detail {

namespace {

/// Compositions nest; a scene nesting deeper than this is building them in a loop by mistake,
/// and building them must not run out of stack.
constexpr int kMaxNesting = 64;

int depthOf(const AnimationSpec& spec) {
  int depth = 0;
  for (const AnimationSpec& c : spec.children) depth = std::max(depth, depthOf(c) + 1);
  return depth;
}

struct AnimationArgs {
  AnimationSpec spec;
  Value target;  ///< the first argument, when it may be a mobject or a point
  std::vector<AnimationSpec> children;
  std::optional<Function> pointwise;  ///< ApplyPointwiseFunction's: the mobject morphs into its image
};

template <typename T>
Field<AnimationArgs> specField(const char* name, std::optional<T> AnimationSpec::*member, ParamType type,
                               const char* def = "") {
  Field<AnimationArgs> f;
  f.info = {name, type, false, false, def, {}, {}};
  f.set = [member, info = f.info](AnimationArgs& a, const Value& v, const What& w, const Session& s) {
    a.spec.*member = Convert<T>::from(v, info, w, s);
  };
  return f;
}

std::vector<Field<AnimationArgs>> timing() {
  return {specField<double>("run_time", &AnimationSpec::runTime, ParamType::NonNegative, "1"),
          specField<RateFunc>("rate_func", &AnimationSpec::rate, ParamType::RateFunc, "smooth"),
          specField<double>("lag_ratio", &AnimationSpec::lagRatio, ParamType::NonNegative, "0")};
}

Field<AnimationArgs> mobjectField(const char* name) {
  Field<AnimationArgs> f;
  f.info = {name, ParamType::Mobject, false, true, "", {}, "the first argument"};
  f.set = [](AnimationArgs& a, const Value& v, const What& w, const Session& s) { a.spec.target = toMobject(v, w, s); };
  return f;
}

Field<AnimationArgs> numberField(const char* name, double AnimationSpec::*member, const char* def) {
  Field<AnimationArgs> f;
  f.info = {name, ParamType::Number, false, false, def, {}, {}};
  f.set = [member](AnimationArgs& a, const Value& v, const What& w, const Session& s) {
    a.spec.*member = toNumber(v, ParamType::Number, w, s);
  };
  return f;
}

/// An animation class recording a spec of `kind`; `name` when Manim's class has another name
/// than the kind it records (TransformFromCopy records a ReplacementTransform of a copy).
Entry animation(AnimationKind kind, std::string summary, std::vector<Field<AnimationArgs>> fields,
                std::string name = {}) {
  EntryInfo info;
  info.name = name.empty() ? std::string(animationName(kind)) : std::move(name);
  info.kind = EntryKind::Animation;
  info.summary = std::move(summary);
  for (auto& f : timing()) fields.push_back(std::move(f));
  return entry(std::move(info), std::move(fields), [kind](Session& s, const Self&, AnimationArgs& a) -> Value {
    a.spec.kind = kind;
    if (const MobjectRef* m = a.target.get<MobjectRef>(); m || a.target.get<Rejected>()) {
      a.spec.target = toMobject(a.target, What{s.current + ": the first argument"}, s);
    } else if (!a.target.isNone()) {
      a.spec.point = toVec(a.target, What{s.current + ": the point"}, s);
    }
    a.spec.children = std::move(a.children);
    if (a.pointwise && a.spec.target) {
      if (!a.spec.runTime) a.spec.runTime = 3.0;  // DEFAULT_POINTWISE_FUNCTION_RUN_TIME
      a.spec.other = s.copyOf(*a.spec.target);
      applyFunction(s, *a.spec.other, *a.pointwise);
    }
    if (depthOf(a.spec) > kMaxNesting) {
      fail(s.current + ": animation groups nest more than " + std::to_string(kMaxNesting) + " deep",
           "a group built in a loop probably wraps itself again each time", ErrorCode::OutOfRange);
    }
    s.animations.push_back(std::move(a.spec));
    return AnimationRef{static_cast<std::uint32_t>(s.animations.size() - 1)};
  });
}

}  // namespace

void addAnimations(std::vector<Entry>& table) {
  using K = AnimationKind;
  for (const auto& [kind, summary] :
       {std::pair{K::Create, "draws the outline in, stroke by stroke"},
        std::pair{K::Uncreate, "Create backwards; the mobject leaves the stage"},
        std::pair{K::Write, "outlines each piece, then fills it, one after another"},
        std::pair{K::Unwrite, "Write backwards"}, std::pair{K::DrawBorderThenFill, "the outline, then the fill"},
        std::pair{K::Wiggle, "scales it up and rocks it a little"}}) {
    table.push_back(animation(kind, summary, {mobjectField("mobject")}));
  }
  for (const auto& [kind, summary] : {std::pair{K::FadeIn, "fades it in, from a shift, point or scale"},
                                      std::pair{K::FadeOut, "fades it out, towards a shift, point or scale"}}) {
    table.push_back(
        animation(kind, summary,
                  {mobjectField("mobject"), specField<Vec2>("shift", &AnimationSpec::shift, ParamType::Vector),
                   specField<Vec2>("target_position", &AnimationSpec::targetPosition, ParamType::Vector),
                   numberField("scale", &AnimationSpec::scale, "1")}));
  }
  const auto pointColor = [] { return specField<Color>("point_color", &AnimationSpec::color, ParamType::Color); };
  table.push_back(animation(K::GrowArrow, "grows an arrow from its start", {mobjectField("arrow"), pointColor()}));
  table.push_back(animation(K::GrowFromCenter, "grows it from its centre", {mobjectField("mobject"), pointColor()}));
  {
    auto point = specField<Vec2>("point", &AnimationSpec::point, ParamType::Vector);
    point.info.required = true;
    point.info.role = "the point";
    table.push_back(
        animation(K::GrowFromPoint, "grows it from a point", {mobjectField("mobject"), point, pointColor()}));
    auto edge = specField<Vec2>("edge", &AnimationSpec::edge, ParamType::Vector);
    edge.info.required = true;
    edge.info.role = "the edge";
    table.push_back(animation(K::GrowFromEdge, "grows it from an edge", {mobjectField("mobject"), edge, pointColor()}));
  }
  for (const auto& [kind, summary] :
       {std::pair{K::Transform, "morphs it into the target's shape and style"},
        std::pair{K::ReplacementTransform, "morphs it into the target, which takes its place"},
        std::pair{K::FadeTransform, "fades it out into the target, which fades in"}}) {
    Field<AnimationArgs> other;
    other.info = {"target_mobject", ParamType::Mobject, false, true, "", {}, "the second argument"};
    other.set = [](AnimationArgs& a, const Value& v, const What& w, const Session& s) {
      a.spec.other = toMobject(v, w, s);
    };
    table.push_back(animation(kind, summary, {mobjectField("mobject"), other}));
  }
  {
    // Manim's ApplyPointwiseFunction(function, mobject): a Transform into the mobject with the
    // function applied to each of its points (ApplyMethod of apply_function).
    Field<AnimationArgs> function;
    function.info = {"function", ParamType::Function, false, true, "", {}, "the first argument"};
    function.set = [](AnimationArgs& a, const Value& v, const What& w, const Session& s) {
      a.pointwise = toFunction(v, w, s);
    };
    auto mobject = mobjectField("mobject");
    mobject.info.role = "the second argument";
    table.push_back(animation(K::Transform, "morphs it into its image under a function of points", {function, mobject},
                              "ApplyPointwiseFunction"));
  }
  for (const auto& [name, summary, saved] :
       {std::tuple{"MoveToTarget", "morphs it into the copy generate_target made (and the scene changed)", false},
        std::tuple{"Restore", "morphs it back into the state save_state kept", true}}) {
    Entry e = animation(K::Transform, summary, {mobjectField("mobject")}, name);
    const auto transform = e.invoke;
    e.invoke = [transform, name = std::string(name), saved = saved](Session& s, const Self& self,
                                                                    const Args& args) -> Value {
      Value made = transform(s, self, args);
      AnimationSpec& spec = s.animations[made.get<AnimationRef>()->index];
      const auto& kept = saved ? s.savedStates : s.targets;
      const auto it = kept.find(*spec.target);
      if (it == kept.end()) {
        fail(s.current + ": this " + s.graph[*spec.target].kind + " has no " + (saved ? "saved state" : "target") +
                 " yet",
             saved ? "call save_state() on it first" : "call generate_target() on it first, then change its target");
      }
      spec.other = it->second;
      return made;
    };
    table.push_back(std::move(e));
  }
  {
    // Manim's TransformFromCopy: the target morphs out of a copy of the mobject, which stays.
    Field<AnimationArgs> other;
    other.info = {"target_mobject", ParamType::Mobject, false, true, "", {}, "the second argument"};
    other.set = [](AnimationArgs& a, const Value& v, const What& w, const Session& s) {
      a.spec.other = toMobject(v, w, s);
    };
    Entry e = animation(K::ReplacementTransform, "a copy of it morphs into the target, which takes the copy's place",
                        {mobjectField("mobject"), other}, "TransformFromCopy");
    const auto replacement = e.invoke;
    e.invoke = [replacement](Session& s, const Self& self, const Args& args) -> Value {
      Value made = replacement(s, self, args);
      AnimationSpec& spec = s.animations[made.get<AnimationRef>()->index];
      spec.target = s.check(s.builder.copy(*spec.target));
      return made;
    };
    table.push_back(std::move(e));
  }
  table.push_back(animation(K::Indicate, "scales it up and colours it briefly",
                            {mobjectField("mobject"), numberField("scale_factor", &AnimationSpec::scale, "1.2"),
                             specField<Color>("color", &AnimationSpec::color, ParamType::Color, "YELLOW")}));
  table.push_back(
      animation(K::Circumscribe, "a rectangle's outline passes around it",
                {mobjectField("mobject"), specField<Color>("color", &AnimationSpec::color, ParamType::Color, "YELLOW"),
                 specField<double>("time_width", &AnimationSpec::timeWidth, ParamType::NonNegative, "0.3")}));
  {
    Field<AnimationArgs> point;
    point.info = {"point", ParamType::Target, false, true, "", {}, "the first argument"};
    point.set = [](AnimationArgs& a, const Value& v, const What&, const Session&) { a.target = v; };
    table.push_back(
        animation(K::Flash, "lines burst out of a point or mobject",
                  {point, specField<Color>("color", &AnimationSpec::color, ParamType::Color, "YELLOW"),
                   specField<double>("time_width", &AnimationSpec::timeWidth, ParamType::NonNegative, "1")}));
  }
  table.push_back(animation(K::ShowPassingFlash, "a short stretch of the outline runs along it",
                            {mobjectField("mobject"), specField<double>("time_width", &AnimationSpec::timeWidth,
                                                                        ParamType::NonNegative, "0.1")}));
  {
    // Movement: Manim's positional order (mobject, then its angle or path), its own defaults.
    const auto about = [] {
      return std::vector<Field<AnimationArgs>>{
          specField<Vec2>("about_point", &AnimationSpec::point, ParamType::Vector, "None"),
          specField<Vec2>("about_edge", &AnimationSpec::edge, ParamType::Vector, "None")};
    };
    const auto withDefaults = [](Entry e, const char* runTime, const char* rate) {
      for (ParamInfo& p : e.info.params) {
        if (p.name == "run_time") p.defaultText = runTime;
        if (p.name == "rate_func") p.defaultText = rate;
      }
      return e;
    };
    auto axis = [] {
      Field<AnimationArgs> f;
      f.info = {"axis", ParamType::Any, false, false, "OUT", {}, {}};
      f.set = [](AnimationArgs&, const Value& v, const What& w, const Session&) { checkPlaneAxis(v, w); };
      return f;
    };
    std::vector<Field<AnimationArgs>> rotating = {
        mobjectField("mobject"), axis(), specField<double>("radians", &AnimationSpec::angle, ParamType::Number, "TAU")};
    for (auto& f : about()) rotating.push_back(f);
    table.push_back(
        withDefaults(animation(K::Rotating, "turns it about a point at a steady speed", rotating), "5", "linear"));
    std::vector<Field<AnimationArgs>> rotate = {
        mobjectField("mobject"), specField<double>("angle", &AnimationSpec::angle, ParamType::Number, "PI"), axis()};
    for (auto& f : about()) rotate.push_back(f);
    table.push_back(animation(K::Rotate, "turns it by an angle about its centre or a point", rotate));
    Field<AnimationArgs> path;
    path.info = {"path", ParamType::Mobject, false, true, "", {}, "the path"};
    path.set = [](AnimationArgs& a, const Value& v, const What& w, const Session& s) {
      a.spec.other = toMobject(v, w, s);
    };
    table.push_back(animation(K::MoveAlongPath, "moves its centre along another mobject's outline",
                              {mobjectField("mobject"), path}));
    table.push_back(animation(
        K::SpiralIn, "its submobjects spiral in from far out, fading in",
        {mobjectField("shapes"), specField<double>("scale_factor", &AnimationSpec::scaleFactor, ParamType::Number, "8"),
         specField<double>("fade_in_fraction", &AnimationSpec::fraction, ParamType::Positive, "0.3")}));
  }
  for (const auto& [kind, summary] : {std::pair{K::AnimationGroup, "plays animations together (lag_ratio staggers)"},
                                      std::pair{K::LaggedStart, "plays animations staggered (lag_ratio 0.05)"},
                                      std::pair{K::Succession, "plays animations one after another"}}) {
    table.push_back(animation(kind, summary, {rest("animations", &AnimationArgs::children, ParamType::Animation)}));
  }
  {
    Field<AnimationArgs> runTime = specField<double>("run_time", &AnimationSpec::runTime, ParamType::NonNegative, "1");
    EntryInfo info;
    info.name = "Wait";
    info.kind = EntryKind::Animation;
    info.summary = "nothing happens for a while (inside a Succession)";
    table.push_back(entry(std::move(info), std::vector<Field<AnimationArgs>>{runTime},
                          [](Session& s, const Self&, AnimationArgs& a) -> Value {
                            a.spec.kind = AnimationKind::Wait;
                            s.animations.push_back(std::move(a.spec));
                            return AnimationRef{static_cast<std::uint32_t>(s.animations.size() - 1)};
                          }));
  }
}

}  // namespace attnplay::api::detail
