// SPDX-License-Identifier: MIT
#include "attnplay/scene_api/scene_api.hpp"

#include <new>

#include "session.hpp"

namespace attnplay::api {

namespace detail {

const std::vector<Entry>& entries() {
  static const std::vector<Entry> table = [] {
    std::vector<Entry> t;
    addMobjects(t);
    addMethods(t);
    addAnimations(t);
    addFunctions(t);
    addUpdaters(t);
    addNumbers(t);
    addGraphing(t);
    addPaths(t);
    return t;
  }();
  return table;
}

EntryInfo mobjectInfo(std::string name, std::string summary) {
  EntryInfo info;
  info.name = std::move(name);
  info.kind = EntryKind::Mobject;
  info.summary = std::move(summary);
  return info;
}

EntryInfo methodInfo(std::string name, std::string summary, bool animatable, bool internal, std::string owner) {
  EntryInfo info;
  info.owner = std::move(owner);
  info.name = std::move(name);
  info.kind = EntryKind::Method;
  info.summary = std::move(summary);
  info.animatable = animatable;
  info.internal = internal;
  return info;
}

EntryInfo functionInfo(std::string name, std::string summary, bool internal) {
  EntryInfo info;
  info.name = std::move(name);
  info.kind = EntryKind::Function;
  info.summary = std::move(summary);
  info.internal = internal;
  return info;
}

const Entry* find(std::string_view owner, std::string_view name) {
  for (const Entry& e : entries()) {
    if (e.info.owner == owner && e.info.name == name) return &e;
  }
  return nullptr;
}

}  // namespace detail

const char* kindName(EntryKind kind) {
  switch (kind) {
    case EntryKind::Mobject:
      return "mobject";
    case EntryKind::Method:
      return "method";
    case EntryKind::Animation:
      return "animation";
    case EntryKind::Function:
      break;
  }
  return "function";
}

const std::vector<EntryInfo>& nameTable() {
  static const std::vector<EntryInfo> table = [] {
    std::vector<EntryInfo> t;
    for (const auto& e : detail::entries()) t.push_back(e.info);
    return t;
  }();
  return table;
}

const EntryInfo* findEntry(std::string_view owner, std::string_view name) {
  const detail::Entry* e = detail::find(owner, name);
  return e ? &e->info : nullptr;
}

namespace {

/// `args` with a class's set_default keywords for the parameters the call leaves out.
Args withDefaults(const EntryInfo& info, const Args& args, const std::vector<std::pair<std::string, Value>>& defaults) {
  Args out = args;
  auto given = [&](const std::string& name) {
    for (std::size_t i = 0; i < args.positional.size() && i < info.params.size(); ++i) {
      if (info.params[i].variadic) break;
      if (info.params[i].name == name) return true;
    }
    for (const auto& [key, v] : args.keywords) {
      if (key == name) return true;
    }
    return false;
  };
  for (const auto& [key, v] : defaults) {
    if (!given(key)) out.keywords.emplace_back(key, v);
  }
  return out;
}

}  // namespace

struct SceneApi::Impl {
  Impl(SceneGraph& graph, const ScriptOptions& given, Language language)
      : options(given), session(graph, options, language) {}
  // The run's own copy: the builder keeps a reference to it, and a caller's may be a temporary.
  const ScriptOptions options;
  detail::Session session;

  /// Runs one entry: every Failure, a builder's Error or an exhausted allocation becomes the
  /// call's Error. Nothing escapes to the binding.
  Result<Value> run(const detail::Entry& e, const detail::Self& self, const Args& args) {
    // A call may come from inside another (an updater during play()): messages name the inner
    // one while it runs, then the outer one again.
    struct Current {
      std::string& name;
      std::string outer;
      ~Current() { name = std::move(outer); }
    } current{session.current, session.current};
    session.current = detail::apiOf(e.info, session);
    try {
      if (e.info.kind == EntryKind::Mobject) {
        if (auto d = session.defaults.find(e.info.name); d != session.defaults.end()) {
          return e.invoke(session, self, withDefaults(e.info, args, d->second));
        }
      }
      return e.invoke(session, self, args);
    } catch (const detail::Failure& f) {
      return Error(f.code, f.message, f.hint);
    } catch (const std::bad_alloc&) {
      return Error(ErrorCode::LimitExceeded, session.current + ": the scene needs more memory than there is",
                   "look for a loop that builds far more than intended");
    }
  }
};

SceneApi::SceneApi(SceneGraph& graph, const ScriptOptions& options, Language language)
    : impl_(std::make_unique<Impl>(graph, options, language)) {}
SceneApi::~SceneApi() = default;

Language SceneApi::language() const { return impl_->session.language; }
SceneBuilder& SceneApi::builder() { return impl_->session.builder; }
const SceneGraph& SceneApi::graph() const { return impl_->session.graph; }

Result<Value> SceneApi::call(std::string_view name, const Args& args) {
  const detail::Entry* e = detail::find("", name);
  if (!e || e->info.kind == EntryKind::Method) {
    return Error(ErrorCode::InvalidArgument, spell(name, language()) + " is not part of attnplay's scene API",
                 "docs/scene-api.md lists every name a scene can use");
  }
  return impl_->run(*e, {}, args);
}

Result<Value> SceneApi::method(const Value& self, std::string_view name, const Args& args) {
  detail::Session& s = impl_->session;
  const std::string api = s.api(name);
  const AnimateRef* animate = self.get<AnimateRef>();
  if (animate && animate->index >= s.animates.size()) {
    return Error(ErrorCode::InvalidArgument, api + ": this .animate belongs to another run");
  }
  MobjectId id = 0;
  if (animate) {
    id = s.animates[animate->index].target;
  } else {
    const MobjectRef* m = self.get<MobjectRef>();
    if (!m || !s.graph.contains(m->id)) {
      const std::string got = describe(self, s.language);
      const Rejected* r = self.get<Rejected>();
      return Error(ErrorCode::InvalidArgument,
                   api + ": the mobject it is called on must be a mobject this scene made, got " + got,
                   r && !r->hint.empty() ? r->hint
                                         : "use the mobjects that Square(), VGroup(), Text() and the other "
                                           "constructors return");
    }
    id = m->id;
  }
  // A class's own methods first (Matrix.get_rows, ValueTracker.get_value), then every mobject's.
  const detail::Entry* e = s.graph[id].kind.empty() ? nullptr : detail::find(s.graph[id].kind, name);
  if (!e) e = detail::find("Mobject", name);
  if (!e) {
    return Error(ErrorCode::InvalidArgument,
                 s.graph[id].kind + "." + spell(name, s.language) + " is not supported by attnplay",
                 "docs/scene-api.md lists every method a mobject has");
  }
  if (animate && !e->info.animatable) {
    return Error(ErrorCode::InvalidArgument, ".animate." + spell(name, s.language) + "() is not supported by attnplay",
                 "after .animate come the methods that move, scale or restyle: shift, scale, set_fill, …");
  }
  detail::Self me{id, self};
  Result<Value> r = impl_->run(*e, me, args);
  // The segment table names the methods as the scene wrote them.
  if (r && animate) s.animates[animate->index].methods.push_back(spell(name, s.language));
  return r;
}

}  // namespace attnplay::api
