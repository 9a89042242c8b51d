// SPDX-License-Identifier: MIT
// Python scenes in attnplay's worker (SceneLanguage::forked): the interpreter started once on
// the worker's main thread, a child forked from it for every run, faulthandler for the stack of
// a run that is stopped from outside or crashes.
#include <pybind11/embed.h>

#include <QRegularExpression>
#include <QStringList>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "python/python_run.hpp"

namespace py = pybind11;

namespace attnplay::python::detail {

namespace {

/// How long past its time limit a forked run has for the TimeoutError it was sent before it
/// writes its stack and ends itself (faulthandler, from a thread of its own: it works while the
/// scene sits in C code or swallows the exception).
constexpr std::chrono::milliseconds kSelfStop{400};

/// In attnplay's worker: the interpreter starts on its main thread, which keeps the GIL; every
/// run is a child forked from it.
Status warmWorker() {
  // One BLAS thread: a scene's matrices are small, and threads do not survive a fork.
  ::setenv("OPENBLAS_NUM_THREADS", "1", 0);
  if (Status started = startInterpreter(); !started) return started;
  try {
    py::module_::import("faulthandler");
    py::module_::import("attnplay._runner");
    py::module_::import("manim");
    // What is imported now is shared with every child; keep the collector from touching it
    // (and so copying its pages) in each.
    py::module_::import("gc").attr("freeze")();
  } catch (py::error_already_set&) {
    // The run imports them again and reports the error where it belongs.
  }
  return {};
}

/// In a forked child waiting for its run: attnplay's own scene, played and dropped.
void rehearse() {
  try {
    py::module_ rehearsal = py::module_::import("attnplay._rehearsal");
    const std::string file = rehearsal.attr("__file__").cast<std::string>();
    py::module_ io = py::module_::import("io");
    const std::string source = io.attr("open")(file, "r", -1, "utf-8").attr("read")().cast<std::string>();
    ScriptOptions options;
    (void)runOnPythonThread(source, file, options);
  } catch (py::error_already_set&) {
    // A rehearsal only saves time; the run reports what matters.
  }
}

/// In the worker, before a fork: the scene compiled (and its literals made parameters) into
/// the runner's cache, which every child then shares. Compiling runs none of the scene; an
/// error is the child's to report.
void compileInWorker(const std::string& source, const std::string& fileName, const ScriptOptions& options) {
  try {
    py::module_::import("attnplay._runner").attr("_code")(source, fileName, options.sceneName);
  } catch (py::error_already_set&) {
  }
}

Result<LoadedScene> runForked(const std::string& source, const std::string& fileName, const ScriptOptions& options,
                              int traceFd) {
  try {
    py::module_ faulthandler = py::module_::import("faulthandler");
    faulthandler.attr("enable")(traceFd, true);
    faulthandler.attr("register")(SIGUSR1, traceFd, true);
    py::module_::import("attnplay._runner").attr("report_exits")(traceFd);
    const double stopAt = std::chrono::duration<double>(options.timeLimit + kSelfStop).count();
    faulthandler.attr("dump_traceback_later")(stopAt, false, traceFd, true);
  } catch (py::error_already_set& e) {
    return Error(ErrorCode::Internal, std::string("Python's faulthandler did not start: ") + e.what());
  }
  Result<LoadedScene> scene = runOnPythonThread(source, fileName, options);
  // The child ends with _exit: what the scene printed leaves now or never.
  try {
    py::module_ sys = py::module_::import("sys");
    for (const char* stream : {"stdout", "stderr"}) {
      if (py::object s = sys.attr(stream); !s.is_none()) s.attr("flush")();
    }
  } catch (py::error_already_set&) {
    // A scene that replaced or closed sys.stdout loses only its own output.
  }
  std::fflush(nullptr);
  return scene;
}

/// Where faulthandler's dump says the scene was: the innermost frame in `fileName` of the
/// main thread (the one the worker forked from; its id is the same in the child).
std::optional<SourceLocation> lastLineOf(const std::string& trace, const std::string& fileName) {
  const unsigned long mainThread = PyThread_get_thread_ident();
  const QStringList lines = QString::fromStdString(trace).split(QLatin1Char('\n'));
  static const QRegularExpression header(QStringLiteral("^(?:Current thread|Thread) (0x[0-9a-fA-F]+)"));
  static const QRegularExpression frame(QStringLiteral("^  File \"(.*)\", line (\\d+) in "));
  std::optional<SourceLocation> first, main;
  bool inMain = false, sawMain = false;
  for (const QString& line : lines) {
    if (const auto h = header.match(line); h.hasMatch()) {
      inMain = h.captured(1).toULong(nullptr, 16) == mainThread;
      sawMain = sawMain || inMain;
      continue;
    }
    const auto f = frame.match(line);
    if (!f.hasMatch() || f.captured(1).toStdString() != fileName) continue;
    const SourceLocation where{fileName, f.captured(2).toInt(), 0};
    if (inMain && !main) main = where;
    if (!first) first = where;
  }
  return sawMain ? main : first;
}

}  // namespace

SceneLanguage::Forked forkedRuns() {
  SceneLanguage::Forked forked;
  forked.warm = &warmWorker;
  forked.prepare = &compileInWorker;
  forked.rehearse = &rehearse;
  forked.beforeFork = [] { PyOS_BeforeFork(); };
  forked.afterForkParent = [] { PyOS_AfterFork_Parent(); };
  forked.afterForkChild = [] { PyOS_AfterFork_Child(); };
  forked.run = &runForked;
  forked.lastLine = &lastLineOf;
  forked.grace = kSelfStop;
  return forked;
}

}  // namespace attnplay::python::detail
