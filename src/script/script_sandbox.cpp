// SPDX-License-Identifier: MIT
#include "attnplay/script/script_sandbox.hpp"

#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>

namespace attnplay {

namespace {

/// How long past its own time limit the child may take to stop before it is killed: its
/// watchdog stops JavaScript at once, but not a built-in that never returns.
constexpr std::chrono::milliseconds kGrace{1000};
constexpr std::chrono::milliseconds kPoll{20};
/// A request is a scene (≤ 4 MiB) plus its parameters; anything far larger is not ours.
constexpr std::size_t kMaxRequestBytes = 64 * 1024 * 1024;

QJsonObject toJson(const std::map<std::string, std::string>& map) {
  QJsonObject object;
  for (const auto& [key, value] : map) object.insert(QString::fromStdString(key), QString::fromStdString(value));
  return object;
}

std::map<std::string, std::string> fromJson(const QJsonObject& object) {
  std::map<std::string, std::string> map;
  for (auto it = object.begin(); it != object.end(); ++it)
    map[it.key().toStdString()] = it.value().toString().toStdString();
  return map;
}

QByteArray request(const std::string& source, const std::string& fileName, const ScriptOptions& options) {
  QJsonObject r;
  r.insert(QStringLiteral("source"), QString::fromStdString(source));
  r.insert(QStringLiteral("file"), QString::fromStdString(fileName));
  r.insert(QStringLiteral("overrides"), toJson(options.overrides));
  r.insert(QStringLiteral("overrideSources"), toJson(options.overrideSources));
  r.insert(QStringLiteral("timeLimitMs"), static_cast<double>(options.timeLimit.count()));
  r.insert(QStringLiteral("maxObjects"), static_cast<double>(options.maxObjects));
  r.insert(QStringLiteral("fps"), options.fps);
  r.insert(QStringLiteral("sceneDir"), QString::fromStdString(options.sceneDir));
  r.insert(QStringLiteral("ignoreUnknownOverrides"), options.ignoreUnknownOverrides);
  return QJsonDocument(r).toJson(QJsonDocument::Compact);
}

QByteArray reply(const Status& status) {
  QJsonObject r;
  r.insert(QStringLiteral("ok"), status.ok());
  if (!status) {
    const Error& e = status.error();
    r.insert(QStringLiteral("code"), static_cast<int>(e.code()));
    r.insert(QStringLiteral("message"), QString::fromStdString(e.message()));
    r.insert(QStringLiteral("hint"), QString::fromStdString(e.hint()));
    if (e.where()) {
      r.insert(QStringLiteral("file"), QString::fromStdString(e.where()->file));
      r.insert(QStringLiteral("line"), e.where()->line);
      r.insert(QStringLiteral("column"), e.where()->column);
    }
  }
  return QJsonDocument(r).toJson(QJsonDocument::Compact);
}

/// The child's answer, or nullopt when it gave none that reads as one.
std::optional<Status> parseReply(const QByteArray& bytes) {
  const QJsonDocument doc = QJsonDocument::fromJson(bytes);
  if (!doc.isObject()) return std::nullopt;
  const QJsonObject r = doc.object();
  if (r.value(QStringLiteral("ok")).toBool()) return Status{};
  const int code = r.value(QStringLiteral("code")).toInt(-1);
  if (code < 0 || code > static_cast<int>(ErrorCode::Internal)) return std::nullopt;
  std::optional<SourceLocation> where;
  if (r.contains(QStringLiteral("file"))) {
    where = SourceLocation{r.value(QStringLiteral("file")).toString().toStdString(),
                           r.value(QStringLiteral("line")).toInt(), r.value(QStringLiteral("column")).toInt()};
  }
  return Status(Error(static_cast<ErrorCode>(code), r.value(QStringLiteral("message")).toString().toStdString(),
                      r.value(QStringLiteral("hint")).toString().toStdString(), where));
}

/// Resident memory of a process, in bytes; 0 when it cannot be read (it has just ended).
std::size_t residentBytes(qint64 pid) {
  std::ifstream statm("/proc/" + std::to_string(pid) + "/statm");
  std::size_t pages = 0, resident = 0;
  if (!(statm >> pages >> resident)) return 0;
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

std::string mebibytes(std::size_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MiB"; }

std::string seconds(std::chrono::milliseconds ms) {
  return QString::number(std::chrono::duration<double>(ms).count()).toStdString() + " s";
}

}  // namespace

Status trySceneInSandbox(const std::string& executable, const std::string& source, const std::string& fileName,
                         const ScriptOptions& options) {
  const SourceLocation file{fileName, 0, 0};
  QProcess child;
  child.setProgram(QString::fromStdString(executable));
  child.setArguments({QString::fromLatin1(kScriptSandboxArgument)});
  // The scene's console output is shown by the run that follows, not twice.
  child.setStandardErrorFile(QProcess::nullDevice());
  child.start(QIODevice::ReadWrite);
  if (!child.waitForStarted(10000)) {
    return Error(ErrorCode::Internal,
                 "cannot start the script sandbox '" + executable + "': " + child.errorString().toStdString(),
                 "the sandbox is attnplay's own executable; reinstall attnplay if it is missing", file);
  }
  child.write(request(source, fileName, options));
  child.closeWriteChannel();

  const auto deadline = std::chrono::steady_clock::now() + options.timeLimit + kGrace;
  const qint64 pid = child.processId();
  auto stop = [&child](Error error) -> Status {
    child.kill();
    child.waitForFinished(5000);
    return error;
  };
  while (child.state() != QProcess::NotRunning && !child.waitForFinished(static_cast<int>(kPoll.count()))) {
    if (options.cancel && options.cancel->load()) {
      return stop(Error(ErrorCode::Cancelled, "the scene script was stopped", "", file));
    }
    if (std::chrono::steady_clock::now() > deadline) {
      return stop(Error(ErrorCode::Timeout,
                        "the scene script ran longer than its " + seconds(options.timeLimit) +
                            " limit and was stopped; it was inside a built-in function that cannot be interrupted",
                        "look for a very large sort, regular expression or array built in one call", file));
    }
    if (residentBytes(pid) > options.maxMemoryBytes) {
      return stop(
          Error(ErrorCode::LimitExceeded,
                "the scene script used more than " + mebibytes(options.maxMemoryBytes) + " of memory and was stopped",
                "look for an array or string that grows without end; --script-memory raises the limit", file));
    }
  }
  if (child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0) {
    if (std::optional<Status> answer = parseReply(child.readAllStandardOutput())) return *answer;
  }
  const std::string how =
      child.exitStatus() == QProcess::CrashExit
          ? std::string("signal ") + std::to_string(child.exitCode()) + ", " + strsignal(child.exitCode())
          : "exit code " + std::to_string(child.exitCode());
  return Error(
      ErrorCode::ScriptError,
      "the scene script crashed Qt's JavaScript engine (" + how + "); it was run apart, so nothing else was harmed",
      "the engine fails on some extreme code: array literals or argument lists of hundreds of thousands "
      "of values, very deep structures handed to built-ins (flat, join, Proxy chains), huge regular "
      "expressions; simplify that part of the scene",
      file);
}

int serveScriptSandbox(int argc, char** argv) {
  // A crash here is expected and reported by the parent: no core file for it.
  const rlimit noCore{0, 0};
  setrlimit(RLIMIT_CORE, &noCore);
  std::signal(SIGINT, SIG_IGN);      // the parent decides when to stop,
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // and a parent that is gone takes its sandbox along
  std::optional<QCoreApplication> app;
  if (!QCoreApplication::instance()) app.emplace(argc, argv);

  QByteArray input;
  char buffer[65536];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0;) {
    input.append(buffer, static_cast<qsizetype>(n));
    if (static_cast<std::size_t>(input.size()) > kMaxRequestBytes) return 1;
  }
  const QJsonDocument doc = QJsonDocument::fromJson(input);
  if (!doc.isObject()) return 1;
  const QJsonObject r = doc.object();
  ScriptOptions options;
  options.overrides = fromJson(r.value(QStringLiteral("overrides")).toObject());
  options.overrideSources = fromJson(r.value(QStringLiteral("overrideSources")).toObject());
  options.timeLimit =
      std::chrono::milliseconds(static_cast<long long>(r.value(QStringLiteral("timeLimitMs")).toDouble()));
  options.maxObjects = static_cast<std::size_t>(r.value(QStringLiteral("maxObjects")).toDouble());
  options.fps = r.value(QStringLiteral("fps")).toDouble(60);
  options.sceneDir = r.value(QStringLiteral("sceneDir")).toString().toStdString();
  options.ignoreUnknownOverrides = r.value(QStringLiteral("ignoreUnknownOverrides")).toBool();

  const auto scene = loadSceneSource(r.value(QStringLiteral("source")).toString().toStdString(),
                                     r.value(QStringLiteral("file")).toString().toStdString(), options);
  const QByteArray answer = reply(scene ? Status{} : Status(scene.error()));
  std::fwrite(answer.constData(), 1, static_cast<std::size_t>(answer.size()), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}

}  // namespace attnplay
