// SPDX-License-Identifier: MIT
#pragma once

// The scene API's machinery: a run's state (Session), the checks that turn Values into typed
// arguments, and the entries of the name table, each a typed argument struct with its fields.

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "attnplay/scene/graphing.hpp"
#include "attnplay/scene_api/scene_api.hpp"

namespace attnplay::api::detail {

/// A rejected call, thrown inside the scene API only; SceneApi::call turns it into an Error.
struct Failure {
  ErrorCode code;
  std::string message;
  std::string hint;
};

[[noreturn]] void fail(std::string message, std::string hint = {}, ErrorCode code = ErrorCode::InvalidArgument);

/// A `.animate` being built: the copy the methods change, and their names.
struct AnimateState {
  MobjectId mobject = 0;
  MobjectId target = 0;
  std::vector<std::string> methods;
};

/// A mobject's updater (Manim's add_updater): the scene's function, and whether it takes dt.
struct Updater {
  Function function;
  bool timeBased = false;
};

/// What one run of a scene holds besides its graph.
struct Session : FrameUpdates {
  Session(SceneGraph& graph, const ScriptOptions& options, Language language)
      : graph(graph), builder(graph, options), language(language) {
    builder.setFrameUpdates(this);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  SceneGraph& graph;
  SceneBuilder builder;
  Language language;
  std::vector<AnimationSpec> animations;
  std::vector<AnimateState> animates;
  std::map<MobjectId, std::pair<std::size_t, std::size_t>> matrixShapes;  ///< rows, columns
  /// Axes and NumberPlanes: where their axes are and their ranges; number lines' ranges.
  std::map<MobjectId, CoordinateSystem> coordinateSystems;
  std::map<MobjectId, NumberRange> numberLines;
  /// A DecimalNumber's number, options and height when made (its font size follows from it).
  struct Decimal {
    double number = 0;
    DecimalOptions options;
    double initialHeight = 0;
  };
  std::map<MobjectId, Decimal> decimals;
  /// A graph plot() made: its function, the axes it was plotted on, its inputs' range.
  struct Graph {
    Function function;
    MobjectId axes = 0;
    NumberRange inputs{0, 1, 0.01};
  };
  std::map<MobjectId, Graph> graphs;
  /// Manim's mobject.target (generate_target) and saved_state (save_state): copies, not on stage.
  std::map<MobjectId, MobjectId> targets, savedStates;
  /// Manim's Class.set_default(...): keyword defaults a class's constructor takes this run.
  std::map<std::string, std::vector<std::pair<std::string, Value>>, std::less<>> defaults;

  /// Each mobject's updaters, in the order they run; and those whose updating is suspended.
  std::map<MobjectId, std::vector<Updater>> updaters;
  std::set<MobjectId> suspended;
  /// Inside an updater: play() and wait() cannot be called from there.
  bool updating = false;

  /// The call going on, as messages name it: "next_to()"; builder errors get it in front.
  std::string current;

  // FrameUpdates: Manim's Mobject.update over the stage, run by the Recorder.
  bool active(bool timeBased) const override;
  Status update(double dt, const std::vector<MobjectId>& roots, const std::unordered_set<MobjectId>& frozen) override;
  /// Runs the updaters of `id`, then of its submobjects (Manim's update(dt, recursive=True)).
  void updateFamily(MobjectId id, double dt, const std::unordered_set<MobjectId>& frozen);
  /// play() and wait() record the scene: an updater, which runs inside them, cannot.
  void outsideUpdaters() const {
    if (updating) {
      fail(current + " cannot be called from an updater",
           "an updater changes its mobject for the frame being drawn; call " + api("play") + " in construct()");
    }
  }
  /// Runs the updaters of `id` alone, in order.
  void runUpdaters(MobjectId id, double dt);
  /// Calls one updater on `id`, with dt when it takes it.
  void runUpdater(const Updater& u, MobjectId id, double dt);

  /// "next_to()" or "nextTo()".
  std::string api(std::string_view name) const { return spell(name, language) + "()"; }
  std::string spelled(std::string_view name) const { return spell(name, language); }
  /// An Error of a builder as a failure of the call.
  template <typename T>
  T check(Result<T> r) const {
    if (!r) failWith(r.error());
    return std::move(*r);
  }
  void check(const Status& s) const {
    if (!s) failWith(s.error());
  }
  [[noreturn]] void failWith(const Error& e) const;
  /// After a layout call: coordinates that overflowed are an error at the call.
  void checkFinite(MobjectId id) const;
  MobjectId newGroup(const std::vector<MobjectId>& members);
  /// A copy of `id` (copy(), generate_target, save_state) that keeps what its class knows of it.
  MobjectId copyOf(MobjectId id);
};

// ---- values to typed arguments ------------------------------------------------------------

/// How a message names the argument being checked: "the target", "option 'buff'".
struct What {
  std::string text;
};

double toNumber(const Value& v, ParamType type, const What& what, const Session& s);
bool toBool(const Value& v, const What& what, const Session& s);
std::string toString(const Value& v, ParamType type, const std::vector<std::string>& choices, const What& what,
                     const Session& s);
Vec2 toVec(const Value& v, const What& what, const Session& s);
Color toColor(const Value& v, const What& what, const Session& s);
MobjectId toMobject(const Value& v, const What& what, const Session& s);
LayoutTarget toTarget(const Value& v, const What& what, const Session& s);
AnimationSpec toAnimation(const Value& v, const What& what, const Session& s);
RateFunc toRateFunc(const Value& v, const What& what, const Session& s);
/// A rotation axis: attnplay draws in the plane, so only OUT (0, 0, z > 0) is one.
void checkPlaneAxis(const Value& v, const What& what);
Function toFunction(const Value& v, const What& what, const Session& s);
/// Calls a scene function; its failure is the call's (the binding raises its own exception).
Value callFunction(const Function& f, const List& args, const Session& s);
/// A list of numbers (one row, `vector` set) or a list of equal-length rows.
attention::Matrix toMatrix(const Value& v, const What& what, const Session& s, bool& vector);
Value fromMatrix(const attention::Matrix& m, bool vector);

template <typename T>
struct Convert;
template <>
struct Convert<double> {
  static double from(const Value& v, const ParamInfo& p, const What& w, const Session& s) {
    return toNumber(v, p.type, w, s);
  }
};
template <>
struct Convert<bool> {
  static bool from(const Value& v, const ParamInfo&, const What& w, const Session& s) { return toBool(v, w, s); }
};
template <>
struct Convert<std::string> {
  static std::string from(const Value& v, const ParamInfo& p, const What& w, const Session& s) {
    return toString(v, p.type, p.choices, w, s);
  }
};
template <>
struct Convert<Vec2> {
  static Vec2 from(const Value& v, const ParamInfo&, const What& w, const Session& s) { return toVec(v, w, s); }
};
template <>
struct Convert<Color> {
  static Color from(const Value& v, const ParamInfo&, const What& w, const Session& s) { return toColor(v, w, s); }
};
template <>
struct Convert<MobjectId> {
  static MobjectId from(const Value& v, const ParamInfo&, const What& w, const Session& s) {
    return toMobject(v, w, s);
  }
};
template <>
struct Convert<LayoutTarget> {
  static LayoutTarget from(const Value& v, const ParamInfo&, const What& w, const Session& s) {
    return toTarget(v, w, s);
  }
};
template <>
struct Convert<AnimationSpec> {
  static AnimationSpec from(const Value& v, const ParamInfo&, const What& w, const Session& s) {
    return toAnimation(v, w, s);
  }
};
template <>
struct Convert<RateFunc> {
  static RateFunc from(const Value& v, const ParamInfo&, const What& w, const Session& s) {
    return toRateFunc(v, w, s);
  }
};
template <>
struct Convert<Function> {
  static Function from(const Value& v, const ParamInfo&, const What& w, const Session& s) {
    return toFunction(v, w, s);
  }
};
template <>
struct Convert<Value> {
  static Value from(const Value& v, const ParamInfo&, const What&, const Session&) { return v; }
};
template <typename T>
struct Convert<std::optional<T>> {
  static std::optional<T> from(const Value& v, const ParamInfo& p, const What& w, const Session& s) {
    return Convert<T>::from(v, p, w, s);
  }
};

// ---- entries ------------------------------------------------------------------------------

/// The mobject or .animate a method is called on.
struct Self {
  std::optional<MobjectId> mobject;
  Value value;  ///< as the binding gave it, to hand back from chaining methods
};

/// A field of an argument struct: its parameter and how a Value lands in it.
template <typename A>
struct Field {
  ParamInfo info;
  std::function<void(A&, const Value&, const What&, const Session&)> set;
  /// For a variadic field: one more value.
  std::function<void(A&, const Value&, const What&, const Session&)> append;
};

template <typename A, typename T>
Field<A> field(std::string name, T A::*member, ParamType type, std::string defaultText = {},
               std::vector<std::string> choices = {}) {
  Field<A> f;
  f.info.name = std::move(name);
  f.info.type = type;
  f.info.defaultText = std::move(defaultText);
  f.info.choices = std::move(choices);
  f.set = [member, info = f.info](A& a, const Value& v, const What& w, const Session& s) {
    a.*member = Convert<T>::from(v, info, w, s);
  };
  return f;
}

/// A field the call cannot do without.
template <typename A>
Field<A> required(Field<A> f) {
  f.info.required = true;
  return f;
}

/// The untyped entry the table stores.
struct Entry {
  EntryInfo info;
  std::function<Value(Session&, const Self&, const Args&)> invoke;
};

/// Binds `args` to the fields of an `A`, Manim's way: positional in order, then keywords by
/// name, each once; values of None count as not given.
template <typename A>
A bindArgs(const EntryInfo& info, const std::vector<Field<A>>& fields, const Args& args, const Session& s);

/// An entry from its argument struct, fields and body. `body(Session&, const Self&, A&)` gives
/// the call's value.
template <typename A, typename Body>
Entry entry(EntryInfo info, std::vector<Field<A>> fields, Body body) {
  for (const Field<A>& f : fields) info.params.push_back(f.info);
  Entry e;
  e.info = info;
  e.invoke = [info, fields = std::move(fields), body](Session& s, const Self& self, const Args& args) -> Value {
    A a = bindArgs(info, fields, args, s);
    return body(s, self, a);
  };
  return e;
}

/// How a message names parameter `index` given by position or by keyword.
What whatOf(const ParamInfo& p, std::size_t index, bool keyword, const Session& s);
/// The call's name in messages: "Rectangle()", "next_to()".
std::string apiOf(const EntryInfo& info, const Session& s);

template <typename A>
A bindArgs(const EntryInfo& info, const std::vector<Field<A>>& fields, const Args& args, const Session& s) {
  A a{};
  std::vector<bool> given(fields.size(), false);
  const std::string api = apiOf(info, s);
  std::size_t p = 0;
  for (std::size_t i = 0; i < args.positional.size(); ++i) {
    if (p >= fields.size()) {
      std::size_t positional = 0;
      for (const auto& f : fields) positional += f.info.variadic ? 0 : 1;
      fail(api + " takes at most " + std::to_string(positional) + " positional argument" +
           (positional == 1 ? "" : "s") + " (" + std::to_string(args.positional.size()) + " given)");
    }
    const Field<A>& f = fields[p];
    const Value& v = args.positional[i];
    const What w = whatOf(f.info, f.info.variadic ? i : p, false, s);
    if (f.info.variadic) {
      f.append(a, v, w, s);
      given[p] = true;
      continue;
    }
    if (!v.isNone()) f.set(a, v, w, s);
    given[p] = true;
    ++p;
  }
  for (const auto& [key, v] : args.keywords) {
    std::size_t k = 0;
    while (k < fields.size() && (fields[k].info.name != key || fields[k].info.variadic)) ++k;
    if (k == fields.size()) {
      std::string names;
      for (const auto& f : fields) {
        if (f.info.variadic) continue;
        names += (names.empty() ? "" : ", ") + s.spelled(f.info.name);
      }
      fail(api + ": unknown " + (s.language == Language::Python ? "argument" : "option") + " '" + s.spelled(key) + "'",
           names.empty() ? std::string("it takes no options") : "the options it takes are: " + names);
    }
    if (given[k]) fail(api + ": " + s.spelled(key) + " is given twice");
    given[k] = true;
    if (!v.isNone()) fields[k].set(a, v, whatOf(fields[k].info, k, true, s), s);
  }
  for (std::size_t k = 0; k < fields.size(); ++k) {
    if (fields[k].info.required && !given[k]) {
      fail(api + " needs " + whatOf(fields[k].info, k, false, s).text);
    }
  }
  return a;
}

/// A variadic field: each positional value from here on, appended to a vector member.
template <typename A, typename T>
Field<A> rest(std::string name, std::vector<T> A::*member, ParamType type) {
  Field<A> f;
  f.info.name = std::move(name);
  f.info.type = type;
  f.info.variadic = true;
  f.append = [member, info = f.info](A& a, const Value& v, const What& w, const Session& s) {
    (a.*member).push_back(Convert<T>::from(v, info, w, s));
  };
  return f;
}

// ---- the shapes of entries -----------------------------------------------------------------

EntryInfo mobjectInfo(std::string name, std::string summary);
EntryInfo methodInfo(std::string name, std::string summary, bool animatable = false, bool internal = false,
                     std::string owner = "Mobject");
EntryInfo functionInfo(std::string name, std::string summary, bool internal = false);

struct NoArgs {};

inline MobjectId self(const Self& s) { return *s.mobject; }

/// A method that changes the mobject and returns it, so calls chain.
template <typename A, typename Body>
Entry changing(EntryInfo info, std::vector<Field<A>> fields, Body body, bool checkFinite = false) {
  return entry(std::move(info), std::move(fields), [body, checkFinite](Session& s, const Self& me, A& a) -> Value {
    body(s, self(me), a);
    if (checkFinite) s.checkFinite(self(me));
    return me.value;
  });
}

/// A method of no arguments giving a value.
template <typename Body>
Entry reading(EntryInfo info, Body body) {
  return entry(std::move(info), std::vector<Field<NoArgs>>{},
               [body](Session& s, const Self& me, NoArgs&) -> Value { return body(s, self(me)); });
}

// Each API area adds its entries (mobjects.cpp, methods.cpp, animations.cpp, functions.cpp).
void addMobjects(std::vector<Entry>& table);
void addMethods(std::vector<Entry>& table);
void addAnimations(std::vector<Entry>& table);
void addFunctions(std::vector<Entry>& table);
void addUpdaters(std::vector<Entry>& table);
void addGraphing(std::vector<Entry>& table);
void addNumbers(std::vector<Entry>& table);
/// Manim's apply_function: every point of the family through the scene's function of a point.
void applyFunction(Session& s, MobjectId id, const Function& function);
void addPaths(std::vector<Entry>& table);
/// A NumberPlane's range: (min, max) or (min, max, step), by default ±radius by 1.
NumberRange planeRange(const Value& v, const What& w, const Session& s, double radius);

const std::vector<Entry>& entries();
/// The entry of `owner`'s `name` ("" for classes and functions); null when there is none.
const Entry* find(std::string_view owner, std::string_view name);

}  // namespace attnplay::api::detail
