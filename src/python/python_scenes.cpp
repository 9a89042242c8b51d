// SPDX-License-Identifier: MIT
// Manim-style Python scenes: an embedded CPython runs the scene file with attnplay's `manim`
// package, whose every call goes through the native module `_attnplay` straight to the scene
// API (api::SceneApi), the one the JavaScript host binds too. This file only converts values
// between Python and api::Value; every name, rule, check and message is the scene API's.
#include "python/python_scenes.hpp"
#include "python/python_run.hpp"

#include <pybind11/embed.h>
#include <pybind11/stl.h>

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "attnplay/animation/rate_functions.hpp"
#include "attnplay/base/install_dirs.hpp"
#include "attnplay/scene/color.hpp"
#include "attnplay/scene/constants.hpp"
#include "attnplay/scene_api/scene_api.hpp"
#include "attnplay/script/scene_script.hpp"
#include "script/watchdog.hpp"

namespace py = pybind11;

namespace attnplay::python {

namespace {

/// What a Python handle stands for: a mobject, an animation or a .animate of one run.
struct Ref {
  enum Kind { Mobject, Animation, Animate };
  Kind kind = Mobject;
  std::uint32_t index = 0;
  std::uint64_t run = 0;
};

constexpr int kMaxDepth = 64;

/// One run's scene API, driven from Python, on the Python thread (PythonThread), under the GIL.
/// It keeps one Python object per handle, so `a.shift(UP) is a` as in Manim.
class Bridge {
 public:
  Bridge(SceneGraph& graph, const ScriptOptions& options, std::uint64_t run)
      : api_(graph, options, api::Language::Python), run_(run) {}
  ~Bridge() {
    // The objects die here, under the GIL, with the run.
    objects_.clear();
  }

  api::SceneApi& api() { return api_; }
  const std::string& lastMessage() const { return lastMessage_; }
  const std::string& lastHint() const { return lastHint_; }

  api::Value toValue(py::handle value, int depth = 0);
  py::object toPy(const api::Value& value, int depth = 0);
  api::Args argsOf(const py::args& args, const py::kwargs& kwargs);
  /// A call's result; an error becomes the Python exception it stands for.
  py::object result(Result<api::Value> r);
  /// `object` as the Python object of the handle `ref` (a constructor's `self`).
  void adopt(py::handle object, const api::Value& made);
  /// Keeps the exception a scene function raised, to raise it again when its error reaches the
  /// scene: its traceback still ends at the scene's own line.
  void keep(py::error_already_set e) { kept_ = std::move(e); }

  py::object factories;  ///< manim's: point, color, mobject (kind → class), animate

 private:
  py::object objectOf(Ref ref, const std::string& kind);

  api::SceneApi api_;
  std::uint64_t run_;
  std::map<std::pair<int, std::uint32_t>, py::object> objects_;
  std::string lastMessage_, lastHint_;
  std::optional<py::error_already_set> kept_;
};

/// A Python function of the scene, called by the scene API (updaters, always_redraw, rate
/// functions) on the Python thread, under the GIL.
class PyFunction : public api::Callable {
 public:
  PyFunction(Bridge& bridge, py::object function) : bridge_(bridge), function_(std::move(function)) {}
  Result<api::Value> call(const api::List& args) override {
    try {
      py::tuple t(args.size());
      for (std::size_t i = 0; i < args.size(); ++i) t[i] = bridge_.toPy(args[i]);
      return bridge_.toValue(function_(*t));
    } catch (py::error_already_set& e) {
      std::string message = e.what();
      bridge_.keep(std::move(e));
      return Error(ErrorCode::ScriptError, message);
    } catch (const std::exception& e) {
      return Error(ErrorCode::ScriptError, e.what());
    }
  }
  bool same(const api::Callable& other) const override {
    const auto* p = dynamic_cast<const PyFunction*>(&other);
    return p && p->function_.is(function_);
  }
  bool takesTimeStep() const override {
    // Manim's rule reads the signature: an updater with a parameter named dt gets it.
    try {
      return py::module_::import("inspect").attr("signature")(function_).attr("parameters").contains("dt");
    } catch (py::error_already_set&) {
      return false;
    }
  }
  const py::object& function() const { return function_; }

 private:
  Bridge& bridge_;
  py::object function_;
};

// All three are touched only on the Python thread, under the GIL.
Bridge* gBridge = nullptr;  // the run going on, if any
std::uint64_t gRuns = 0;
py::object* gFactories = nullptr;  // set by manim at import; kept for the process

Bridge& bridge() {
  if (!gBridge) throw std::runtime_error("the manim package is only usable while attnplay runs a scene");
  return *gBridge;
}

std::string typeName(py::handle value) { return py::str(py::type::of(value).attr("__name__")).cast<std::string>(); }

api::Value Bridge::toValue(py::handle value, int depth) {
  if (depth > kMaxDepth) return api::Rejected{"a value nested more than 64 deep", {}};
  PyObject* o = value.ptr();
  if (o == Py_None) return {};
  if (PyBool_Check(o)) return o == Py_True;
  if (PyFloat_Check(o)) return PyFloat_AS_DOUBLE(o);
  if (PyLong_Check(o)) return PyLong_AsDouble(o);
  if (PyUnicode_Check(o)) return value.cast<std::string>();
  if (PyList_Check(o) || PyTuple_Check(o)) {
    api::List out;
    const auto items = py::reinterpret_borrow<py::sequence>(value);
    out.reserve(py::len(items));
    for (py::handle item : items) out.push_back(toValue(item, depth + 1));
    return out;
  }
  if (py::hasattr(value, "_h")) {
    const py::object h = value.attr("_h");
    if (!py::isinstance<Ref>(h)) return api::Rejected{"a forged handle", {}};
    const Ref ref = h.cast<Ref>();
    if (ref.run != run_) {
      return api::Rejected{"one from an earlier run of the scene", "build it again in construct()"};
    }
    switch (ref.kind) {
      case Ref::Mobject:
        return api::MobjectRef{static_cast<MobjectId>(ref.index)};
      case Ref::Animation:
        return api::AnimationRef{ref.index};
      case Ref::Animate:
        return api::AnimateRef{ref.index};
    }
  }
  if (py::hasattr(value, "_attnplay_fail")) value.attr("_attnplay_fail")();  // a Manim name attnplay lacks
  if (factories && py::isinstance(value, factories["color"])) {
    return Color{value.attr("r").cast<double>(), value.attr("g").cast<double>(), value.attr("b").cast<double>()};
  }
  if (py::hasattr(value, "tolist")) return toValue(value.attr("tolist")(), depth + 1);  // NumPy arrays, scalars
  if (PyDict_Check(o)) {
    api::Dict out;
    for (auto [key, item] : py::reinterpret_borrow<py::dict>(value)) {
      out.emplace_back(py::str(key).cast<std::string>(), toValue(item, depth + 1));
    }
    return out;
  }
  if (PyFunction_Check(o) || PyMethod_Check(o) || PyCFunction_Check(o)) {
    return api::Function{std::make_shared<PyFunction>(*this, py::reinterpret_borrow<py::object>(value))};
  }
  if (PyType_Check(o)) {
    // A class of the manim package stands for its name (line_func=Line).
    if (py::hasattr(value, "_api") && py::isinstance<py::str>(value.attr("_api"))) {
      return value.attr("_api").cast<std::string>();
    }
    return api::Rejected{"the class " + py::str(value.attr("__name__")).cast<std::string>(), {}};
  }
  if (PyNumber_Check(o)) {
    const double d = PyFloat_AsDouble(o);
    if (d == -1.0 && PyErr_Occurred()) throw py::error_already_set();
    return d;
  }
  return api::Rejected{"a " + typeName(value), {}};
}

py::object Bridge::objectOf(Ref ref, const std::string& kind) {
  auto [it, added] = objects_.try_emplace({ref.kind, ref.index});
  if (added) {
    if (!factories) throw std::runtime_error("the manim package did not start");
    it->second = ref.kind == Ref::Mobject     ? factories["mobject"](ref, kind)
                 : ref.kind == Ref::Animation ? factories["animation"](ref)
                                              : factories["animate"](ref);
  }
  return it->second;
}

void Bridge::adopt(py::handle object, const api::Value& made) {
  Ref ref{Ref::Mobject, 0, run_};
  if (const auto* m = made.get<api::MobjectRef>()) {
    ref.index = static_cast<std::uint32_t>(m->id);
  } else if (const auto* a = made.get<api::AnimationRef>()) {
    ref = Ref{Ref::Animation, a->index, run_};
  } else {
    throw std::runtime_error("attnplay made no mobject or animation");
  }
  object.attr("_h") = ref;
  objects_[{ref.kind, ref.index}] = py::reinterpret_borrow<py::object>(object);
}

py::object Bridge::toPy(const api::Value& value, int depth) {
  if (depth > kMaxDepth) throw py::value_error("a value nested more than 64 deep cannot come from attnplay");
  struct Visit {
    Bridge& b;
    int depth;
    py::object operator()(std::monostate) const { return py::none(); }
    py::object operator()(bool v) const { return py::bool_(v); }
    py::object operator()(double x) const {
      // Whole numbers come back as int, as Python code indexes lists with them.
      if (std::isfinite(x) && x == std::floor(x) && std::abs(x) < 9007199254740992.0) {
        return py::int_(static_cast<long long>(x));
      }
      return py::float_(x);
    }
    py::object operator()(const std::string& s) const { return py::str(s); }
    py::object operator()(const Vec2& p) const { return b.factories["point"](p.x(), p.y()); }
    py::object operator()(const Color& c) const { return b.factories["color"](c.r, c.g, c.b); }
    py::object operator()(api::MobjectRef m) const {
      return b.objectOf(Ref{Ref::Mobject, static_cast<std::uint32_t>(m.id), b.run_}, b.api_.graph()[m.id].kind);
    }
    py::object operator()(api::AnimationRef a) const { return b.objectOf(Ref{Ref::Animation, a.index, b.run_}, {}); }
    py::object operator()(api::AnimateRef a) const { return b.objectOf(Ref{Ref::Animate, a.index, b.run_}, {}); }
    py::object operator()(const RateFunc& r) const { return py::str(r.name()); }
    py::object operator()(const api::Function& f) const {
      const auto* p = dynamic_cast<const PyFunction*>(f.callable.get());
      return p ? p->function() : py::none();
    }
    py::object operator()(const api::Rejected&) const { return py::none(); }
    py::object operator()(const api::List& l) const {
      py::list out(l.size());
      for (std::size_t i = 0; i < l.size(); ++i) out[i] = b.toPy(l[i], depth + 1);
      return out;
    }
    py::object operator()(const api::Dict& d) const {
      py::dict out;
      for (const auto& [key, item] : d) out[py::str(key)] = b.toPy(item, depth + 1);
      return out;
    }
  };
  if (!factories) throw std::runtime_error("the manim package did not start");
  return std::visit(Visit{*this, depth}, value.data);
}

api::Args Bridge::argsOf(const py::args& args, const py::kwargs& kwargs) {
  api::Args out;
  out.positional.reserve(args.size());
  for (py::handle a : args) out.positional.push_back(toValue(a));
  for (auto [key, item] : kwargs) out.keywords.emplace_back(key.cast<std::string>(), toValue(item));
  return out;
}

py::object Bridge::result(Result<api::Value> r) {
  std::optional<py::error_already_set> kept = std::move(kept_);
  kept_.reset();
  if (r) return toPy(*r);
  if (kept) throw *kept;  // a scene function's own exception, raised where it reaches the scene
  lastMessage_ = r.error().message();
  lastHint_ = r.error().hint();
  switch (r.error().code()) {
    case ErrorCode::InvalidArgument:
      throw py::type_error(lastMessage_);
    case ErrorCode::OutOfRange:
    case ErrorCode::LimitExceeded:
      throw py::value_error(lastMessage_);
    case ErrorCode::NotFound:
      PyErr_SetString(PyExc_FileNotFoundError, lastMessage_.c_str());
      throw py::error_already_set();
    default:
      throw std::runtime_error(lastMessage_);
  }
}

}  // namespace

PYBIND11_EMBEDDED_MODULE(_attnplay, m) {
  m.doc() = "attnplay's scene API, for its manim package";
  py::class_<Ref>(m, "Ref").def("__repr__",
                                [](const Ref& r) { return "<attnplay handle " + std::to_string(r.index) + ">"; });
  m.def("set_factories", [](py::kwargs factories) {
    if (!gFactories) gFactories = new py::object();  // lives as long as the interpreter
    *gFactories = py::dict(factories);
  });
  m.def("names", [] {
    py::list out;
    for (const api::EntryInfo& e : api::nameTable()) {
      out.append(py::make_tuple(e.owner, e.name, api::kindName(e.kind), e.animatable, e.internal));
    }
    return out;
  });
  m.def("frame_size", [] { return py::make_tuple(manim::FRAME_WIDTH, manim::FRAME_HEIGHT); });
  m.def("palette", [] {
    py::list out;
    for (const auto& [name, color] : manim::palette()) {
      out.append(py::make_tuple(name, QString::fromStdString(color.toHex()).toUpper().toStdString()));
    }
    return out;
  });
  m.def("rate_functions", [] { return RateFunc::names(); });
  m.def("color_hex", [](py::handle c) {
    Bridge& b = bridge();
    const api::Value v = b.toValue(c);
    std::optional<Color> color;
    if (const Color* given = v.get<Color>()) color = *given;
    if (const std::string* text = v.get<std::string>()) {
      color = Color::fromHex(*text);
      if (!color) color = manim::namedColor(*text);
    }
    if (!color) {
      throw py::type_error("a colour must be a palette name such as BLUE or a hex string such as \"#58C4DD\", got " +
                           api::describe(v, api::Language::Python));
    }
    return QString::fromStdString(color->toHex()).toUpper().toStdString();
  });
  m.def("call", [](const std::string& name, py::args args, py::kwargs kwargs) {
    Bridge& b = bridge();
    return b.result(b.api().call(name, b.argsOf(args, kwargs)));
  });
  m.def("make", [](py::handle self, const std::string& name, py::args args, py::kwargs kwargs) {
    // A constructor: `self` becomes the Python object of what the call makes.
    Bridge& b = bridge();
    Result<api::Value> made = b.api().call(name, b.argsOf(args, kwargs));
    if (!made) b.result(std::move(made));
    b.adopt(self, *made);
  });
  m.def("method", [](py::handle self, const std::string& name, py::args args, py::kwargs kwargs) {
    Bridge& b = bridge();
    return b.result(b.api().method(b.toValue(self), name, b.argsOf(args, kwargs)));
  });
}

namespace {

std::string pythonDir() {
  std::vector<QString> dirs;
  if (const char* dir = std::getenv("ATTNPLAY_PYTHON_DIR"); dir && *dir) dirs.push_back(QString::fromLocal8Bit(dir));
  const QString exe = QString::fromStdString(executableDir());
  if (!exe.isEmpty()) {
    dirs.push_back(exe + QStringLiteral("/assets/python"));
    dirs.push_back(exe + QStringLiteral("/../share/attnplay/python"));
  }
  dirs.push_back(QStringLiteral(ATTNPLAY_INSTALL_PYTHON_DIR));
  dirs.push_back(QStringLiteral(ATTNPLAY_SOURCE_PYTHON_DIR));
  for (const QString& d : dirs) {
    if (QFileInfo::exists(d + QStringLiteral("/manim/__init__.py"))) return QDir(d).absolutePath().toStdString();
  }
  return {};
}

}  // namespace

namespace detail {

/// Starts CPython, on the thread that will run every scene.
Status startInterpreter() {
  const std::string dir = pythonDir();
  if (dir.empty()) {
    return Error(ErrorCode::NotFound, "attnplay's manim package for Python scenes is not installed",
                 "run attnplay from its build or install folder, or set ATTNPLAY_PYTHON_DIR to its "
                 "assets/python folder");
  }
  try {
    // The interpreter attnplay was built against (Debian's, whose numpy is python3-numpy),
    // not whichever python3 comes first on PATH. No signal handlers: Ctrl+C stays ours.
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    config.install_signal_handlers = 0;
    // The standard library from disk: libpython's frozen copy of `site` lacks Debian's
    // dist-packages (where python3-numpy is).
    config.use_frozen_modules = 0;
    PyConfig_SetBytesString(&config, &config.program_name, ATTNPLAY_PYTHON_EXECUTABLE);
    PyConfig_SetBytesString(&config, &config.executable, ATTNPLAY_PYTHON_EXECUTABLE);
    py::initialize_interpreter(&config, 0, nullptr, false);  // clears `config`
    py::module_ sys = py::module_::import("sys");
    sys.attr("dont_write_bytecode") = true;  // never write into the installed package
    sys.attr("path").attr("insert")(0, dir);
  } catch (const std::exception& e) {
    return Error(ErrorCode::Internal, std::string("Python did not start: ") + e.what());
  }
  return {};
}

}  // namespace detail

namespace {

using detail::startInterpreter;

/// The one thread that runs Python: it starts the interpreter and then runs each scene, one at
/// a time, start to end, as Manim does — the interpreter and the manim package are shared, and
/// two runs on two threads would interleave at every switch of the GIL. Callers (the player's
/// pool, the CLI) hand it a run and wait for its result. Between runs it holds no GIL.
class PythonThread {
 public:
  static PythonThread& instance() {
    static PythonThread* thread = new PythonThread();  // lives as long as the process
    created().store(true);
    return *thread;
  }

  /// Starts the interpreter and imports the manim package now (the thread does on its
  /// creation), so the first run does not wait for them: the player builds its window meanwhile.
  void prepare() {}

  /// Waits until the interpreter has started, if it was ever asked to: a process that ends while
  /// the thread is importing the manim package would tear down what the import reads.
  static void settle() {
    if (!created().load()) return;
    PythonThread& thread = instance();
    std::unique_lock lock(thread.mutex_);
    thread.cv_.wait(lock, [&thread] { return thread.started_; });
  }

  /// Runs `work` on the Python thread with the GIL held, and gives its result (or the error
  /// that kept Python from starting). R is a Result.
  template <typename R>
  R run(std::function<R()> work) {
    auto done = std::make_shared<std::promise<R>>();
    auto result = done->get_future();
    {
      std::lock_guard lock(mutex_);
      jobs_.push_back([done, work = std::move(work)](const Status& started) {
        if (!started) return done->set_value(R(started.error()));
        try {
          done->set_value(work());
        } catch (...) {
          done->set_exception(std::current_exception());
        }
      });
    }
    cv_.notify_all();  // settle() may be waiting on cv_ too
    return result.get();
  }

 private:
  using Job = std::function<void(const Status& started)>;

  PythonThread() {
    std::thread([this] { loop(); }).detach();
  }

  static std::atomic<bool>& created() {
    static std::atomic<bool> flag{false};
    return flag;
  }

  void loop() {
    const Status started = startInterpreter();
    if (started) {
      try {
        py::module_::import("attnplay._runner");
        py::module_::import("manim");
      } catch (py::error_already_set&) {
        // The first run imports them again and reports the error where it belongs.
      }
    }
    PyThreadState* saved = started ? PyEval_SaveThread() : nullptr;
    {
      std::lock_guard lock(mutex_);
      started_ = true;
    }
    cv_.notify_all();
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [this] { return !jobs_.empty(); });
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      if (!started) {
        job(started);
        continue;
      }
      PyEval_RestoreThread(saved);
      job(started);
      saved = PyEval_SaveThread();
    }
  }

  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Job> jobs_;
  bool started_ = false;  ///< the interpreter is up (or failed to start) and the imports are done
};

/// A watchdog for a run on the Python thread: past its time (or when stopped) it raises
/// TimeoutError (or KeyboardInterrupt) in that thread at its next Python instruction. The exception is only sent while
/// the run is on (checked under the GIL, which the run gives back between instructions), and end() takes back one that
/// came too late to be raised, so it can never land in the next run.
class PythonWatch {
 public:
  explicit PythonWatch(const ScriptOptions& options)
      : thread_(PyThread_get_thread_ident()), watchdog_(options.timeLimit, options.cancel, [this] {
          const PyGILState_STATE gil = PyGILState_Ensure();
          if (running_)
            PyThreadState_SetAsyncExc(thread_, watchdog_.fired() ? PyExc_TimeoutError : PyExc_KeyboardInterrupt);
          PyGILState_Release(gil);
        }) {}
  ~PythonWatch() { end(); }
  PythonWatch(const PythonWatch&) = delete;
  PythonWatch& operator=(const PythonWatch&) = delete;

  /// Called with the GIL held, when the run's Python code has returned.
  void end() {
    if (!running_) return;
    running_ = false;
    PyThreadState* state = PyEval_SaveThread();  // the watchdog may be waiting for the GIL
    watchdog_.stop();
    PyEval_RestoreThread(state);
    PyThreadState_SetAsyncExc(thread_, nullptr);
  }
  bool fired() const { return watchdog_.fired(); }
  bool cancelled() const { return watchdog_.cancelled(); }

 private:
  unsigned long thread_;
  bool running_ = true;  // read and written under the GIL only
  attnplay::detail::Watchdog watchdog_;
};

/// The Python error as attnplay's: the message, and where in the scene file it happened. When
/// it is the scene API's own error (`api`'s last message), its hint goes with it.
Error sceneError(py::error_already_set& e, const std::string& fileName, const Bridge* api) {
  try {
    py::module_ runner = py::module_::import("attnplay._runner");
    const auto [message, line, column] =
        runner.attr("describe")(e.value(), fileName).cast<std::tuple<std::string, int, int>>();
    std::string hint;
    const std::string apiMessage = api ? api->lastMessage() : std::string();
    if (!apiMessage.empty() && message.find(apiMessage) != std::string::npos) hint = api->lastHint();
    if (e.matches(PyExc_NameError))
      hint = "check the spelling; docs/python-scenes.md lists the Manim names attnplay has";
    if (e.matches(PyExc_NotImplementedError))
      hint =
          "docs/python-scenes.md lists the Manim names attnplay has; a JavaScript scene (docs/scene-api.md) "
          "can do the rest";
    if (e.matches(PyExc_SyntaxError)) hint = "the file is not valid Python at this point";
    if (py::isinstance(e.value(), runner.attr("SceneChoiceError"))) {
      hint = "name the scene after the file, as Manim takes it: attnplay-cli render " + fileName +
             " SceneName -o out.mp4 (the player asks which)";
      return Error(ErrorCode::InvalidArgument, message, hint, SourceLocation{fileName, 0, 0});
    }
    return Error(ErrorCode::ScriptError, message, hint, SourceLocation{fileName, line, column});
  } catch (py::error_already_set&) {
    return Error(ErrorCode::ScriptError, std::string(e.what()), "", SourceLocation{fileName, 0, 0});
  }
}

}  // namespace

namespace detail {

/// One run, on the Python thread, with the GIL held.
Result<LoadedScene> runOnPythonThread(const std::string& source, const std::string& fileName,
                                      const ScriptOptions& options) {
  noteSceneRunInThisProcess();
  LoadedScene scene;
  scene.file = fileName;
  Bridge b(scene.graph, options, ++gRuns);
  gBridge = &b;
  struct Clear {
    ~Clear() { gBridge = nullptr; }
  } clear;

  try {
    py::module_ runner = py::module_::import("attnplay._runner");
    py::module_::import("manim");
    if (!gFactories) return Error(ErrorCode::Internal, "attnplay's manim package did not start");
    b.factories = *gFactories;
    PythonWatch watchdog(options);
    std::optional<Error> failed;
    try {
      runner.attr("run")(source, fileName, options.sceneName);
    } catch (py::error_already_set& e) {
      watchdog.end();
      failed = sceneError(e, fileName, &b);
    }
    watchdog.end();
    const SourceLocation file{fileName, 0, 0};
    if (watchdog.cancelled()) return Error(ErrorCode::Cancelled, "the scene script was stopped", "", file);
    if (watchdog.fired()) {
      // Without an error the scene caught the TimeoutError that stopped it, and returned.
      const double seconds = std::chrono::duration<double>(options.timeLimit).count();
      return Error(ErrorCode::Timeout,
                   "the scene script ran longer than its " + QString::number(seconds).toStdString() + " s limit" +
                       (failed ? " and was stopped" : "; it caught the TimeoutError that stopped it and returned"),
                   failed ? "look for a loop that never ends; a scene builds its timeline in well under a second"
                          : "let TimeoutError through: catch the exceptions you expect, not Exception or everything",
                   failed ? failed->where().value_or(file) : file);
    }
    if (failed) return *failed;
  } catch (py::error_already_set& e) {
    return Error(ErrorCode::Internal, std::string("attnplay's manim package failed: ") + e.what());
  }
  if (const Status s = b.api().builder().checkOverrides(); !s) {
    return Error(s.error().code(), s.error().message(), s.error().hint(), SourceLocation{fileName, 0, 0});
  }
  scene.params = b.api().builder().params();
  scene.timeline = b.api().builder().finish();
  scene.warnings = b.api().builder().warnings();
  return scene;
}

}  // namespace detail

namespace {

using detail::runOnPythonThread;

Result<LoadedScene> runPythonScene(const std::string& source, const std::string& fileName,
                                   const ScriptOptions& options) {
  return PythonThread::instance().run<Result<LoadedScene>>(
      [&] { return runOnPythonThread(source, fileName, options); });
}

/// The Scene classes of a file, read from its text alone — the player asks for them on its UI
/// thread, which must not wait for the interpreter a running scene holds. A top-level `class
/// Name(Bases):` is a scene when a base is one of Manim's Scene classes or a scene listed before
/// it (the rule attnplay._runner.scene_classes applies to Python's own parse).
Result<std::vector<std::string>> pythonScenes(const std::string& source, const std::string&) {
  static const QRegularExpression header(QStringLiteral("^class[ \\t]+([A-Za-z_][A-Za-z0-9_]*)[ \\t]*\\(([^)]*)\\)"),
                                         QRegularExpression::MultilineOption);
  static const QStringList sceneBases = {QStringLiteral("Scene"),       QStringLiteral("MovingCameraScene"),
                                         QStringLiteral("ZoomedScene"), QStringLiteral("ThreeDScene"),
                                         QStringLiteral("VectorScene"), QStringLiteral("LinearTransformationScene")};
  std::vector<std::string> names;
  QStringList found;
  auto it = header.globalMatch(QString::fromStdString(source));
  while (it.hasNext()) {
    const auto m = it.next();
    for (QString base : m.captured(2).split(QLatin1Char(','))) {
      base = base.trimmed().section(QLatin1Char('.'), -1);
      if (sceneBases.contains(base) || found.contains(base)) {
        found << m.captured(1);
        names.push_back(m.captured(1).toStdString());
        break;
      }
    }
  }
  return names;
}

}  // namespace

Result<std::vector<std::string>> manimNamesMissing() {
  return PythonThread::instance().run<Result<std::vector<std::string>>>([]() -> Result<std::vector<std::string>> {
    try {
      py::module_ manim = py::module_::import("manim");
      std::vector<std::string> out;
      const py::object unsupported = manim.attr("_Unsupported");
      for (py::handle name : manim.attr("_MANIM_NAMES")) {
        if (py::isinstance(manim.attr(name), unsupported)) out.push_back(name.cast<std::string>());
      }
      return out;
    } catch (py::error_already_set& e) {
      return Error(ErrorCode::Internal, std::string("attnplay's manim package failed: ") + e.what());
    }
  });
}

void installPythonScenes() {
  SceneLanguage python;
  python.name = "Manim Python";
  python.extensions = {".py"};
  python.run = &runPythonScene;
  python.scenes = &pythonScenes;
  python.prepare = [] { PythonThread::instance().prepare(); };
  python.settle = &PythonThread::settle;
  python.forked = detail::forkedRuns();
  python.manyScenes = true;
  registerSceneLanguage(std::move(python));
}

}  // namespace attnplay::python
