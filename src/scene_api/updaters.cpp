// SPDX-License-Identifier: MIT
// Manim's updaters and value trackers (mobject.py, value_tracker.py and always_redraw of
// ManimCE 0.17.3): a mobject's functions that run at every frame of a play, in Manim's order.
#include "session.hpp"

namespace attnplay::api::detail {

bool Session::active(bool timeBased) const {
  if (updaters.empty()) return false;
  for (MobjectId root : graph.stage()) {
    for (MobjectId m : graph.family(root)) {
      const auto it = updaters.find(m);
      if (it == updaters.end()) continue;
      for (const Updater& u : it->second) {
        if (!timeBased || u.timeBased) return true;
      }
    }
  }
  return false;
}

Status Session::update(double dt, const std::vector<MobjectId>& roots, const std::unordered_set<MobjectId>& frozen) {
  if (updaters.empty()) return {};
  struct Updating {
    bool& flag;
    bool outer;
    ~Updating() { flag = outer; }
  } guard{updating, updating};
  updating = true;
  try {
    // Updaters may put mobjects on stage or take them off: the roots are those of this frame.
    const std::vector<MobjectId> now = roots;
    for (MobjectId root : now) updateFamily(root, dt, frozen);
  } catch (const Failure& f) {
    return Error(f.code, f.message, f.hint);
  }
  return {};
}

void Session::updateFamily(MobjectId id, double dt, const std::unordered_set<MobjectId>& frozen) {
  // Manim's Mobject.update: a suspended mobject stops there, its submobjects with it.
  if (frozen.contains(id) || suspended.contains(id)) return;
  runUpdaters(id, dt);
  const std::vector<MobjectId> children = graph[id].children;
  for (MobjectId c : children) updateFamily(c, dt, frozen);
}

void Session::runUpdaters(MobjectId id, double dt) {
  if (const auto it = updaters.find(id); it != updaters.end()) {
    const std::vector<Updater> list = it->second;  // an updater may add or remove updaters
    for (const Updater& u : list) runUpdater(u, id, dt);
  }
}

void Session::runUpdater(const Updater& u, MobjectId id, double dt) {
  List args{Value(MobjectRef{id})};
  if (u.timeBased) args.emplace_back(dt);
  callFunction(u.function, args, *this);
}

namespace {

/// always_redraw's updater: the mobject becomes what the scene's function builds, each frame.
class Redraw : public Callable {
 public:
  Redraw(Session& session, Function build, MobjectId id) : session_(session), build_(std::move(build)), id_(id) {}
  Result<Value> call(const List&) override {
    const Value made = callFunction(build_, {}, session_);
    const MobjectId source = toMobject(made, What{"always_redraw(): the function's result"}, session_);
    if (source != id_) session_.graph.becomeCopyOf(id_, source);  // a function may give back the same one
    return Value(MobjectRef{id_});
  }
  bool same(const Callable& other) const override { return &other == this; }
  bool takesTimeStep() const override { return false; }

 private:
  Session& session_;
  Function build_;
  MobjectId id_;
};

/// A ValueTracker keeps its value as the x of its one point, as Manim's does, so .animate and
/// Transform move it like any point.
Path trackerPath(double value) {
  const Vec2 p(value, 0);
  Path path;
  path.subpaths.push_back(Subpath{{Cubic{p, p, p, p}}});
  return path;
}

double trackerValue(const Session& s, MobjectId id) {
  const Path& path = s.graph[id].path;
  if (path.empty()) return 0;
  return path.subpaths.front().cubics.front().p0.x();
}

void setTrackerValue(Session& s, MobjectId id, double value) { s.graph[id].path = trackerPath(value); }

}  // namespace

void addUpdaters(std::vector<Entry>& table) {
  struct AddArgs {
    Function function;
    std::optional<double> index;
    bool call = false;
  };
  table.push_back(
      changing(methodInfo("add_updater", "a function run on the mobject at every frame: f(mobject) or f(mobject, dt)"),
               std::vector<Field<AddArgs>>{
                   required(field("update_function", &AddArgs::function, ParamType::Function)),
                   field("index", &AddArgs::index, ParamType::Integer, "None"),
                   field("call_updater", &AddArgs::call, ParamType::Boolean, "False"),
               },
               [](Session& s, MobjectId id, AddArgs& a) {
                 Updater u{a.function, a.function.callable->takesTimeStep()};
                 auto& list = s.updaters[id];
                 if (a.index) {
                   // Python's list.insert: an index past either end goes to that end.
                   auto at = static_cast<std::ptrdiff_t>(*a.index);
                   const auto n = static_cast<std::ptrdiff_t>(list.size());
                   if (at < 0) at = std::max<std::ptrdiff_t>(0, at + n);
                   list.insert(list.begin() + std::min(at, n), u);
                 } else {
                   list.push_back(u);
                 }
                 if (a.call) s.runUpdater(u, id, 0);
               }));

  struct FunctionArgs {
    Function function;
  };
  table.push_back(changing(methodInfo("remove_updater", "takes an updater off the mobject"),
                           std::vector<Field<FunctionArgs>>{
                               required(field("update_function", &FunctionArgs::function, ParamType::Function))},
                           [](Session& s, MobjectId id, FunctionArgs& a) {
                             const auto it = s.updaters.find(id);
                             if (it == s.updaters.end()) return;
                             std::erase_if(it->second, [&](const Updater& u) {
                               return u.function.callable->same(*a.function.callable);
                             });
                             if (it->second.empty()) s.updaters.erase(it);
                           }));

  struct RecursiveArgs {
    bool recursive = true;
  };
  auto eachOf = [](Session& s, MobjectId id, bool recursive, auto fn) {
    if (!recursive) return fn(id);
    for (MobjectId m : s.graph.family(id)) fn(m);
  };
  table.push_back(changing(
      methodInfo("clear_updaters", "takes every updater off the mobject (and its submobjects)"),
      std::vector<Field<RecursiveArgs>>{field("recursive", &RecursiveArgs::recursive, ParamType::Boolean, "True")},
      [eachOf](Session& s, MobjectId id, RecursiveArgs& a) {
        eachOf(s, id, a.recursive, [&](MobjectId m) { s.updaters.erase(m); });
      }));
  table.push_back(changing(
      methodInfo("suspend_updating", "stops its updaters running until resume_updating"),
      std::vector<Field<RecursiveArgs>>{field("recursive", &RecursiveArgs::recursive, ParamType::Boolean, "True")},
      [eachOf](Session& s, MobjectId id, RecursiveArgs& a) {
        eachOf(s, id, a.recursive, [&](MobjectId m) { s.suspended.insert(m); });
      }));
  table.push_back(changing(
      methodInfo("resume_updating", "lets its updaters run again, and runs them once (dt 0)"),
      std::vector<Field<RecursiveArgs>>{field("recursive", &RecursiveArgs::recursive, ParamType::Boolean, "True")},
      [eachOf](Session& s, MobjectId id, RecursiveArgs& a) {
        eachOf(s, id, a.recursive, [&](MobjectId m) { s.suspended.erase(m); });
        if (!a.recursive) return s.runUpdaters(id, 0);
        s.check(s.update(0, {id}, {}));
      }));
  table.push_back(reading(methodInfo("has_time_based_updater", "whether one of its updaters takes dt"),
                          [](Session& s, MobjectId id) {
                            const auto it = s.updaters.find(id);
                            bool any = false;
                            if (it != s.updaters.end()) {
                              for (const Updater& u : it->second) any = any || u.timeBased;
                            }
                            return Value(any);
                          }));

  struct BecomeArgs {
    MobjectId mobject = 0;
    bool copySubmobjects = true, matchHeight = false, matchWidth = false, matchCenter = false, stretch = false;
  };
  table.push_back(changing(
      methodInfo("become", "takes the shape, style and submobjects of another mobject, keeping its own identity", true),
      std::vector<Field<BecomeArgs>>{
          required(field("mobject", &BecomeArgs::mobject, ParamType::Mobject)),
          field("copy_submobjects", &BecomeArgs::copySubmobjects, ParamType::Boolean, "True"),
          field("match_height", &BecomeArgs::matchHeight, ParamType::Boolean, "False"),
          field("match_width", &BecomeArgs::matchWidth, ParamType::Boolean, "False"),
          field("match_center", &BecomeArgs::matchCenter, ParamType::Boolean, "False"),
          field("stretch", &BecomeArgs::stretch, ParamType::Boolean, "False"),
      },
      [](Session& s, MobjectId id, BecomeArgs& a) {
        // As Manim does, the matching changes the mobject given, before this one becomes it.
        if (a.stretch) {
          s.builder.scaleToFit(a.mobject, s.graph.height(id), 1, true);
          s.builder.scaleToFit(a.mobject, s.graph.width(id), 0, true);
        } else {
          if (a.matchHeight) s.builder.scaleToFit(a.mobject, s.graph.height(id), 1, false);
          if (a.matchWidth) s.builder.scaleToFit(a.mobject, s.graph.width(id), 0, false);
        }
        if (a.matchCenter) s.graph.moveTo(a.mobject, s.graph.center(id));
        if (a.mobject != id) s.graph.becomeCopyOf(id, a.mobject);
      }));

  struct RedrawArgs {
    Function function;
  };
  table.push_back(entry(
      functionInfo("always_redraw", "the mobject a function builds, built again at every frame"),
      std::vector<Field<RedrawArgs>>{required(field("func", &RedrawArgs::function, ParamType::Function))},
      [](Session& s, const Self&, RedrawArgs& a) -> Value {
        const MobjectId id = toMobject(callFunction(a.function, {}, s), What{s.current + ": the function's result"}, s);
        s.updaters[id].push_back(Updater{Function{std::make_shared<Redraw>(s, a.function, id)}, false});
        return MobjectRef{id};
      }));

  struct TrackerArgs {
    double value = 0;
  };
  table.push_back(entry(mobjectInfo("ValueTracker", "a number to animate, not drawn; updaters read it"),
                        std::vector<Field<TrackerArgs>>{field("value", &TrackerArgs::value, ParamType::Number, "0")},
                        [](Session& s, const Self&, TrackerArgs& a) -> Value {
                          Mobject m;
                          m.kind = "ValueTracker";
                          m.path = trackerPath(a.value);
                          m.style.fillOpacity = 0;
                          m.style.strokeWidth = 0;
                          m.style.strokeOpacity = 0;
                          return MobjectRef{s.check(s.builder.add(std::move(m)))};
                        }));
  table.push_back(reading(methodInfo("get_value", "the tracker's value", false, false, "ValueTracker"),
                          [](Session& s, MobjectId id) { return Value(trackerValue(s, id)); }));
  struct ValueArgs {
    double value = 0;
  };
  table.push_back(changing(methodInfo("set_value", "sets the tracker's value", true, false, "ValueTracker"),
                           std::vector<Field<ValueArgs>>{
                               required(field("value", &ValueArgs::value, ParamType::Number)),
                           },
                           [](Session& s, MobjectId id, ValueArgs& a) { setTrackerValue(s, id, a.value); }));
  table.push_back(
      changing(methodInfo("increment_value", "adds to the tracker's value", true, false, "ValueTracker"),
               std::vector<Field<ValueArgs>>{
                   required(field("d_value", &ValueArgs::value, ParamType::Number)),
               },
               [](Session& s, MobjectId id, ValueArgs& a) { setTrackerValue(s, id, trackerValue(s, id) + a.value); }));
}

}  // namespace attnplay::api::detail
