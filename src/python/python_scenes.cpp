// SPDX-License-Identifier: MIT
// Manim-style Python scenes: an embedded CPython runs the scene file with attnplay's `manim`
// package, whose every call goes through the native module `_attnplay` to the same scene API
// the JavaScript scenes use (the prelude over ScriptHost, then SceneBuilder). The Python side
// only spells things as Manim does; every rule, check and message is the scene API's own.
#include "python/python_scenes.hpp"

#include <pybind11/embed.h>
#include <pybind11/stl.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJSEngine>
#include <QJSValueIterator>
#include <QRegularExpression>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

#include "attnplay/animation/rate_functions.hpp"
#include "attnplay/scene/color.hpp"
#include "attnplay/script/scene_script.hpp"
#include "script/script_host.hpp"
#include "script/watchdog.hpp"

namespace py = pybind11;

namespace attnplay::python {

namespace {

/// A JavaScript value Python holds: an index into its run's table, and which run.
struct JsRef {
  std::size_t index = 0;
  std::uint64_t run = 0;
};

/// One run's scene API, driven from Python, on the Python thread (PythonThread), under the GIL.
class Bridge {
 public:
  Bridge(SceneGraph& graph, const ScriptOptions& options, std::uint64_t run)
      : host_(engine_, graph, options), run_(run) {}

  Status start() {
    if (Status s = detail::startSceneApi(engine_, host_); !s) return s;
    const QJSValue global = engine_.globalObject();
    mobjectClass_ = global.property(QStringLiteral("Mobject"));
    vectorClass_ = global.property(QStringLiteral("Vector"));
    colorClass_ = global.property(QStringLiteral("Color"));
    objectPrototype_ = global.property(QStringLiteral("Object")).property(QStringLiteral("prototype"));
    return {};
  }

  QJSEngine& engine() { return engine_; }
  detail::ScriptHost& host() { return host_; }

  QJSValue toJs(py::handle value, int depth = 0);
  py::object toPy(const QJSValue& value, int depth = 0);
  const QJSValue& deref(const JsRef& ref) const;
  /// A call's JavaScript result; a thrown error becomes the Python exception it stands for.
  py::object result(const QJSValue& value, const QString& api);

  py::object factories;  ///< manim's wrappers: mobject, point, color, opaque

 private:
  QJSEngine engine_;
  detail::ScriptHost host_;
  std::uint64_t run_;
  std::vector<QJSValue> refs_;
  QJSValue mobjectClass_, vectorClass_, colorClass_, objectPrototype_;
};

// All three are touched only on the Python thread, under the GIL.
Bridge* gBridge = nullptr;  // the run going on, if any
std::uint64_t gRuns = 0;
py::object* gFactories = nullptr;  // set by manim at import; kept for the process

Bridge& bridge() {
  if (!gBridge) throw std::runtime_error("the manim package is only usable while attnplay runs a scene");
  return *gBridge;
}

constexpr int kMaxDepth = 64;

/// JavaScript's `value instanceof cls`: cls.prototype on value's prototype chain.
bool isInstance(const QJSValue& value, const QJSValue& cls) {
  const QJSValue prototype = cls.property(QStringLiteral("prototype"));
  QJSValue p = value.prototype();
  for (int steps = 0; p.isObject() && steps < kMaxDepth; ++steps, p = p.prototype()) {
    if (p.strictlyEquals(prototype)) return true;
  }
  return false;
}

/// Manim's spelling in the scene API's messages: fillColor → fill_color, setFill( → set_fill(.
std::string pythonSpelling(QString message) {
  static const QRegularExpression camel(QStringLiteral("\\b([a-z]+)((?:[A-Z][a-z0-9]*)+)\\b"));
  QString out;
  qsizetype last = 0;
  auto it = camel.globalMatch(message);
  while (it.hasNext()) {
    const auto m = it.next();
    out += message.mid(last, m.capturedStart() - last);
    QString word = m.captured(1);
    const QString tail = m.captured(2);
    for (QChar c : tail) word += c.isUpper() ? QStringLiteral("_") + c.toLower() : QString(c);
    out += word;
    last = m.capturedEnd();
  }
  out += message.mid(last);
  return out.toStdString();
}

QJSValue Bridge::toJs(py::handle value, int depth) {
  if (depth > kMaxDepth) throw py::value_error("a value nested more than 64 deep cannot go to attnplay");
  if (value.is_none()) return QJSValue(QJSValue::UndefinedValue);
  if (py::isinstance<py::bool_>(value)) return QJSValue(value.cast<bool>());
  if (py::isinstance<py::str>(value)) return QJSValue(QString::fromStdString(value.cast<std::string>()));
  if (py::hasattr(value, "_js")) return deref(value.attr("_js").cast<JsRef>());
  if (factories && py::isinstance(value, factories["color"])) {
    QJSValue c = engine_.newObject();
    c.setProperty(QStringLiteral("r"), value.attr("r").cast<double>());
    c.setProperty(QStringLiteral("g"), value.attr("g").cast<double>());
    c.setProperty(QStringLiteral("b"), value.attr("b").cast<double>());
    return c;
  }
  if (py::hasattr(value, "tolist") && !py::isinstance<py::list>(value)) {
    return toJs(value.attr("tolist")(), depth + 1);  // a NumPy array or scalar
  }
  if (py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value) || py::hasattr(value, "__float__")) {
    return QJSValue(value.cast<double>());
  }
  if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    const auto items = py::reinterpret_borrow<py::sequence>(value);
    QJSValue array = engine_.newArray(static_cast<quint32>(py::len(items)));
    quint32 i = 0;
    for (py::handle item : items) array.setProperty(i++, toJs(item, depth + 1));
    return array;
  }
  if (py::isinstance<py::dict>(value)) {
    QJSValue object = engine_.newObject();
    for (auto [key, item] : py::reinterpret_borrow<py::dict>(value)) {
      object.setProperty(QString::fromStdString(py::str(key).cast<std::string>()), toJs(item, depth + 1));
    }
    return object;
  }
  throw py::type_error("attnplay cannot take a " + py::str(py::type::of(value).attr("__name__")).cast<std::string>() +
                       " here");
}

py::object Bridge::toPy(const QJSValue& value, int depth) {
  if (depth > kMaxDepth) throw py::value_error("a value nested more than 64 deep cannot come from attnplay");
  if (value.isUndefined() || value.isNull()) return py::none();
  if (value.isBool()) return py::bool_(value.toBool());
  if (value.isNumber()) {
    const double x = value.toNumber();
    // Whole numbers come back as int, as Python code indexes lists with them.
    if (std::isfinite(x) && x == std::floor(x) && std::abs(x) < 9007199254740992.0) {
      return py::int_(static_cast<long long>(x));
    }
    return py::float_(x);
  }
  if (value.isString()) return py::str(value.toString().toStdString());
  if (value.isArray()) {
    const quint32 n = value.property(QStringLiteral("length")).toUInt();
    py::list list;
    for (quint32 i = 0; i < n; ++i) list.append(toPy(value.property(i), depth + 1));
    return list;
  }
  if (!factories) throw std::runtime_error("the manim package did not start");
  if (value.isObject() && isInstance(value, vectorClass_)) {
    return factories["point"](value.property(QStringLiteral("x")).toNumber(),
                              value.property(QStringLiteral("y")).toNumber());
  }
  if (value.isObject() && isInstance(value, colorClass_)) {
    return factories["color"](value.property(QStringLiteral("r")).toNumber(),
                              value.property(QStringLiteral("g")).toNumber(),
                              value.property(QStringLiteral("b")).toNumber());
  }
  refs_.push_back(value);
  const JsRef ref{refs_.size() - 1, run_};
  if (value.isObject() && isInstance(value, mobjectClass_)) {
    return factories["mobject"](ref, value.property(QStringLiteral("kind")).toString().toStdString(),
                                value.property(QStringLiteral("_id")).toInt());
  }
  if (value.isObject() && !value.isCallable() && value.prototype().strictlyEquals(objectPrototype_)) {
    refs_.pop_back();
    py::dict dict;
    QJSValueIterator it(value);
    while (it.hasNext()) {
      it.next();
      dict[py::str(it.name().toStdString())] = toPy(it.value(), depth + 1);
    }
    return dict;
  }
  return factories["opaque"](ref);
}

const QJSValue& Bridge::deref(const JsRef& ref) const {
  if (ref.run != run_ || ref.index >= refs_.size()) {
    throw py::value_error("this value belongs to an earlier run of the scene; build it again in construct()");
  }
  return refs_[ref.index];
}

py::object Bridge::result(const QJSValue& value, const QString& api) {
  if (!value.isError()) return toPy(value);
  const QString name = value.property(QStringLiteral("name")).toString();
  const std::string message = pythonSpelling(value.property(QStringLiteral("message")).toString());
  if (name == QLatin1String("TypeError")) throw py::type_error(message);
  if (name == QLatin1String("RangeError")) throw py::value_error(message);
  if (engine_.isInterrupted()) throw py::error_already_set();  // the watchdog's exception is pending
  throw std::runtime_error(message.empty() ? api.toStdString() + " failed" : message);
}

QJSValueList jsArgs(Bridge& b, const py::list& args, const py::dict& options) {
  QJSValueList out;
  for (py::handle a : args) out << b.toJs(a);
  if (py::len(options) > 0) out << b.toJs(options);
  return out;
}

std::optional<Color> colorOf(py::handle value) {
  if (py::isinstance<py::str>(value)) {
    const std::string text = value.cast<std::string>();
    if (auto c = Color::fromHex(text)) return c;
    return manim::namedColor(text);
  }
  if (py::hasattr(value, "r") && py::hasattr(value, "g") && py::hasattr(value, "b")) {
    return Color{value.attr("r").cast<double>(), value.attr("g").cast<double>(), value.attr("b").cast<double>()};
  }
  return std::nullopt;
}

Color colorArg(py::handle value, const char* what) {
  if (auto c = colorOf(value)) return *c;
  throw py::type_error(std::string(what) + " must be a colour such as BLUE or \"#58C4DD\", got " +
                       py::repr(value).cast<std::string>());
}

}  // namespace

PYBIND11_EMBEDDED_MODULE(_attnplay, m) {
  m.doc() = "attnplay's scene API, for its manim package";
  py::class_<JsRef>(m, "JsRef");
  m.def("set_factories", [](py::kwargs factories) {
    if (!gFactories) gFactories = new py::object();  // lives as long as the interpreter
    *gFactories = py::dict(factories);
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
  m.def("color_hex", [](py::handle c) { return colorArg(c, "colour").toHex(); });
  m.def("color_rgb", [](py::handle c) {
    const Color rgb = colorArg(c, "colour");
    return py::make_tuple(rgb.r, rgb.g, rgb.b);
  });
  m.def("interpolate_color", [](py::handle a, py::handle b, double t) {
    const Color c =
        interpolateColor(colorArg(a, "interpolate_color(): color1"), colorArg(b, "interpolate_color(): color2"), t);
    return py::make_tuple(c.r, c.g, c.b);
  });
  m.def("call", [](const std::string& api, const py::list& args, const py::dict& options) {
    Bridge& b = bridge();
    const QString name = QString::fromStdString(api);
    const QJSValue fn = b.engine().globalObject().property(name);
    if (!fn.isCallable()) throw py::attribute_error(api + " is not part of attnplay's scene API");
    return b.result(fn.call(jsArgs(b, args, options)), name);
  });
  m.def("method", [](const JsRef& self, const std::string& method, const py::list& args, const py::dict& options) {
    Bridge& b = bridge();
    const QJSValue object = b.deref(self);
    const QString name = QString::fromStdString(method);
    const QJSValue fn = object.property(name);
    if (!fn.isCallable()) throw py::attribute_error(pythonSpelling(name) + " is not supported by attnplay");
    return b.result(fn.callWithInstance(object, jsArgs(b, args, options)), name);
  });
  m.def("get", [](const JsRef& self, const std::string& property) {
    Bridge& b = bridge();
    return b.result(b.deref(self).property(QString::fromStdString(property)), QString::fromStdString(property));
  });
}

namespace {

std::string pythonDir() {
  std::vector<QString> dirs;
  if (const char* dir = std::getenv("ATTNPLAY_PYTHON_DIR"); dir && *dir) dirs.push_back(QString::fromLocal8Bit(dir));
  const QString exe = QCoreApplication::instance() ? QCoreApplication::applicationDirPath() : QString();
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

/// The one thread that runs Python: it starts the interpreter and then runs each scene, one at
/// a time, start to end, as Manim does — the interpreter and the manim package are shared, and
/// two runs on two threads would interleave at every switch of the GIL. Callers (the player's
/// pool, the CLI) hand it a run and wait for its result. Between runs it holds no GIL.
class PythonThread {
 public:
  static PythonThread& instance() {
    static PythonThread* thread = new PythonThread();  // lives as long as the process
    return *thread;
  }

  Result<LoadedScene> run(std::function<Result<LoadedScene>()> work) {
    Job job{std::move(work), {}};
    auto result = job.done.get_future();
    {
      std::lock_guard lock(mutex_);
      jobs_.push_back(std::move(job));
    }
    cv_.notify_one();
    return result.get();
  }

 private:
  struct Job {
    std::function<Result<LoadedScene>()> work;
    std::promise<Result<LoadedScene>> done;
  };

  PythonThread() {
    std::thread([this] { loop(); }).detach();
  }

  void loop() {
    const Status started = startInterpreter();
    PyThreadState* saved = started ? PyEval_SaveThread() : nullptr;
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [this] { return !jobs_.empty(); });
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      if (!started) {
        job.done.set_value(started.error());
        continue;
      }
      PyEval_RestoreThread(saved);
      try {
        job.done.set_value(job.work());
      } catch (...) {
        job.done.set_exception(std::current_exception());
      }
      saved = PyEval_SaveThread();
    }
  }

  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Job> jobs_;
};

/// A watchdog for a run on the Python thread: past its time (or when stopped) it raises
/// TimeoutError (or KeyboardInterrupt) in that thread at its next Python instruction, and stops
/// the scene API's engine. The exception is only sent while the run is on (checked under the
/// GIL, which the run gives back between instructions), and end() takes back one that came too
/// late to be raised, so it can never land in the next run.
class PythonWatch {
 public:
  PythonWatch(QJSEngine& engine, const ScriptOptions& options)
      : thread_(PyThread_get_thread_ident()), watchdog_(options.timeLimit, options.cancel, [this, &engine] {
          engine.setInterrupted(true);
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
  detail::Watchdog watchdog_;
};

/// The Python error as attnplay's: the message, and where in the scene file it happened. When
/// it is the scene API's own error (`api`'s last message), its hint goes with it.
Error sceneError(py::error_already_set& e, const std::string& fileName, const detail::ScriptHost* api) {
  try {
    py::module_ runner = py::module_::import("attnplay._runner");
    const auto [message, line, column] =
        runner.attr("describe")(e.value(), fileName).cast<std::tuple<std::string, int, int>>();
    std::string hint;
    const std::string apiMessage = api ? pythonSpelling(api->lastMessage()) : std::string();
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

/// One run, on the Python thread, with the GIL held.
Result<LoadedScene> runOnPythonThread(const std::string& source, const std::string& fileName,
                                      const ScriptOptions& options) {
  LoadedScene scene;
  scene.file = fileName;
  Bridge b(scene.graph, options, ++gRuns);
  if (Status s = b.start(); !s) return s.error();
  gBridge = &b;
  struct Clear {
    ~Clear() { gBridge = nullptr; }
  } clear;

  try {
    py::module_ runner = py::module_::import("attnplay._runner");
    py::module_::import("manim");
    if (!gFactories) return Error(ErrorCode::Internal, "attnplay's manim package did not start");
    b.factories = *gFactories;
    PythonWatch watchdog(b.engine(), options);
    try {
      runner.attr("run")(source, fileName, options.sceneName);
    } catch (py::error_already_set& e) {
      watchdog.end();
      if (watchdog.cancelled()) {
        return Error(ErrorCode::Cancelled, "the scene script was stopped", "", SourceLocation{fileName, 0, 0});
      }
      Error error = sceneError(e, fileName, &b.host());
      if (watchdog.fired()) {
        const double seconds = std::chrono::duration<double>(options.timeLimit).count();
        return Error(ErrorCode::Timeout,
                     "the scene script ran longer than its " + QString::number(seconds).toStdString() +
                         " s limit and was stopped",
                     "look for a loop that never ends; a scene builds its timeline in well under a second",
                     error.where().value_or(SourceLocation{fileName, 0, 0}));
      }
      return error;
    }
    watchdog.end();
  } catch (py::error_already_set& e) {
    return Error(ErrorCode::Internal, std::string("attnplay's manim package failed: ") + e.what());
  }
  if (const Status s = b.host().builder().checkOverrides(); !s) {
    return Error(s.error().code(), s.error().message(), s.error().hint(), SourceLocation{fileName, 0, 0});
  }
  scene.params = b.host().builder().params();
  scene.timeline = b.host().builder().finish();
  scene.warnings = b.host().builder().warnings();
  return scene;
}

Result<LoadedScene> runPythonScene(const std::string& source, const std::string& fileName,
                                   const ScriptOptions& options) {
  return PythonThread::instance().run([&] { return runOnPythonThread(source, fileName, options); });
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

void installPythonScenes() { registerSceneLanguage(".py", SceneLanguage{&runPythonScene, &pythonScenes}); }

}  // namespace attnplay::python
