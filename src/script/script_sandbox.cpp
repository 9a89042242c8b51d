// SPDX-License-Identifier: MIT
#include "attnplay/script/script_sandbox.hpp"

#include "attnplay/timeline/timeline_codec.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

extern char** environ;

namespace attnplay {

namespace {

/// How long past its own time limit the child may take to stop before it is killed: its
/// watchdog stops JavaScript at once, but not a built-in that never returns.
constexpr std::chrono::milliseconds kGrace{1000};
constexpr std::chrono::milliseconds kPoll{20};
/// The child's end of the socket.
constexpr int kChannel = 3;
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

/// A message as it crosses the socket: its length in 4 bytes, then the message.
QByteArray withLength(const QByteArray& message) {
  QByteArray framed(4, '\0');
  const auto size = static_cast<std::uint32_t>(message.size());
  std::memcpy(framed.data(), &size, 4);
  return framed + message;
}

QJsonArray colorJson(const Color& c) { return QJsonArray{c.r, c.g, c.b}; }

Color colorOf(const QJsonValue& v) {
  const QJsonArray a = v.toArray();
  return Color{a.at(0).toDouble(), a.at(1).toDouble(), a.at(2).toDouble()};
}

QJsonObject paramJson(const ParamDecl& p) {
  QJsonObject o;
  o.insert(QStringLiteral("name"), QString::fromStdString(p.name));
  o.insert(QStringLiteral("kind"), QString::fromStdString(p.kind));
  o.insert(QStringLiteral("default"), QString::fromStdString(p.defaultJson));
  o.insert(QStringLiteral("value"), QString::fromStdString(p.valueJson));
  o.insert(QStringLiteral("label"), QString::fromStdString(p.label));
  if (p.min) o.insert(QStringLiteral("min"), *p.min);
  if (p.max) o.insert(QStringLiteral("max"), *p.max);
  if (p.colors) o.insert(QStringLiteral("colors"), QJsonArray{colorJson(p.colors->first), colorJson(p.colors->second)});
  o.insert(QStringLiteral("colorScale"), p.colorScale);
  QJsonArray choices;
  for (const std::string& c : p.choices) choices.append(QString::fromStdString(c));
  o.insert(QStringLiteral("choices"), choices);
  return o;
}

ParamDecl paramOf(const QJsonObject& o) {
  ParamDecl p;
  p.name = o.value(QStringLiteral("name")).toString().toStdString();
  p.kind = o.value(QStringLiteral("kind")).toString().toStdString();
  p.defaultJson = o.value(QStringLiteral("default")).toString().toStdString();
  p.valueJson = o.value(QStringLiteral("value")).toString().toStdString();
  p.label = o.value(QStringLiteral("label")).toString().toStdString();
  if (o.contains(QStringLiteral("min"))) p.min = o.value(QStringLiteral("min")).toDouble();
  if (o.contains(QStringLiteral("max"))) p.max = o.value(QStringLiteral("max")).toDouble();
  if (o.contains(QStringLiteral("colors"))) {
    const QJsonArray c = o.value(QStringLiteral("colors")).toArray();
    p.colors = std::pair{colorOf(c.at(0)), colorOf(c.at(1))};
  }
  p.colorScale = o.value(QStringLiteral("colorScale")).toDouble(1);
  for (const QJsonValue& c : o.value(QStringLiteral("choices")).toArray())
    p.choices.push_back(c.toString().toStdString());
  return p;
}

/// The child's answer: a JSON head (the outcome, the parameters, the warnings — a few small
/// things) and, after a run that succeeded, the timeline's bytes (timeline_codec.hpp).
QByteArray reply(const Result<LoadedScene>& scene, std::string& timeline) {
  QJsonObject r;
  r.insert(QStringLiteral("ok"), scene.ok());
  timeline.clear();
  if (scene) {
    QJsonArray params, warnings;
    for (const ParamDecl& p : scene->params) params.append(paramJson(p));
    for (const std::string& w : scene->warnings) warnings.append(QString::fromStdString(w));
    r.insert(QStringLiteral("params"), params);
    r.insert(QStringLiteral("warnings"), warnings);
    encodeTimeline(*scene->timeline, timeline);
  } else {
    const Error& e = scene.error();
    r.insert(QStringLiteral("code"), static_cast<int>(e.code()));
    r.insert(QStringLiteral("message"), QString::fromStdString(e.message()));
    r.insert(QStringLiteral("hint"), QString::fromStdString(e.hint()));
    if (e.where()) {
      r.insert(QStringLiteral("file"), QString::fromStdString(e.where()->file));
      r.insert(QStringLiteral("line"), e.where()->line);
      r.insert(QStringLiteral("column"), e.where()->column);
    }
  }
  return withLength(QJsonDocument(r).toJson(QJsonDocument::Compact)) +
         QByteArray::fromRawData(timeline.data(), static_cast<qsizetype>(timeline.size()));
}

/// The child's answer, or nullopt when it gave none that reads as one.
std::optional<Result<LoadedScene>> parseReply(const QByteArray& bytes, const std::string& fileName) {
  if (bytes.size() < 4) return std::nullopt;
  std::uint32_t headSize = 0;
  std::memcpy(&headSize, bytes.constData(), 4);
  if (headSize > static_cast<std::uint32_t>(bytes.size() - 4)) return std::nullopt;
  const QJsonDocument doc = QJsonDocument::fromJson(bytes.mid(4, headSize));
  if (!doc.isObject()) return std::nullopt;
  const QJsonObject r = doc.object();
  if (r.value(QStringLiteral("ok")).toBool()) {
    auto timeline = decodeTimeline(std::string_view(bytes.constData() + 4 + headSize, bytes.size() - 4 - headSize));
    if (!timeline) return Result<LoadedScene>(Error(timeline.error()).at(SourceLocation{fileName, 0, 0}));
    LoadedScene scene;
    scene.file = fileName;
    scene.timeline = std::move(*timeline);
    for (const QJsonValue& p : r.value(QStringLiteral("params")).toArray())
      scene.params.push_back(paramOf(p.toObject()));
    for (const QJsonValue& w : r.value(QStringLiteral("warnings")).toArray())
      scene.warnings.push_back(w.toString().toStdString());
    return Result<LoadedScene>(std::move(scene));
  }
  const int code = r.value(QStringLiteral("code")).toInt(-1);
  if (code < 0 || code > static_cast<int>(ErrorCode::Internal)) return std::nullopt;
  std::optional<SourceLocation> where;
  if (r.contains(QStringLiteral("file"))) {
    where = SourceLocation{r.value(QStringLiteral("file")).toString().toStdString(),
                           r.value(QStringLiteral("line")).toInt(), r.value(QStringLiteral("column")).toInt()};
  }
  return Result<LoadedScene>(Error(static_cast<ErrorCode>(code),
                                   r.value(QStringLiteral("message")).toString().toStdString(),
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

namespace {

/// One sandbox process, kept between runs so an edit costs a script run, not a process start.
/// Requests and replies go over a socket pair as a 4-byte length and JSON. One run at a time.
class Sandbox {
 public:
  explicit Sandbox(std::string executable) : executable_(std::move(executable)) {}
  ~Sandbox() { stop(); }
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  Result<LoadedScene> run(const std::string& source, const std::string& fileName, const ScriptOptions& options) {
    std::lock_guard lock(mutex_);
    const SourceLocation file{fileName, 0, 0};
    if (pid_ <= 0) {
      if (const Status started = start(); !started) return Error(started.error()).at(file);
    }
    if (!send(request(source, fileName, options))) {
      // It died since the last run (or was never well): one fresh start.
      stop();
      if (const Status started = start(); !started) return Error(started.error()).at(file);
      if (!send(request(source, fileName, options))) return crashed(file);
    }
    const auto deadline = std::chrono::steady_clock::now() + options.timeLimit + kGrace;
    QByteArray reply;
    for (;;) {
      pollfd ready{socket_, POLLIN, 0};
      const int n = ::poll(&ready, 1, static_cast<int>(kPoll.count()));
      if (n > 0) {
        if (std::optional<QByteArray> message = receive(reply)) {
          if (auto answer = parseReply(*message, fileName)) return std::move(*answer);
          stop();
          return crashed(file);
        }
        if (socket_ < 0) return crashed(file);
        continue;
      }
      if (options.cancel && options.cancel->load()) {
        stop();
        return Error(ErrorCode::Cancelled, "the scene script was stopped", "", file);
      }
      if (std::chrono::steady_clock::now() > deadline) {
        stop();
        return Error(ErrorCode::Timeout,
                     "the scene script ran longer than its " + seconds(options.timeLimit) +
                         " limit and was stopped; it was inside a built-in function that cannot be interrupted",
                     "look for a very large sort, regular expression or array built in one call", file);
      }
      if (residentBytes(pid_) > options.maxMemoryBytes) {
        stop();
        return Error(
            ErrorCode::LimitExceeded,
            "the scene script used more than " + mebibytes(options.maxMemoryBytes) + " of memory and was stopped",
            "look for an array or string that grows without end; --script-memory raises the limit", file);
      }
    }
  }

  pid_t pid() const { return pid_; }

 private:
  Status start() {
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
      return Error(ErrorCode::Internal, std::string("cannot start the script sandbox: ") + std::strerror(errno));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    // Requests and replies on fd 3; the scene's own output (its console, fd 1 of anything it
    // starts) goes to the caller's standard error, never into its standard output or the socket.
    posix_spawn_file_actions_adddup2(&actions, pair[1], kChannel);
    posix_spawn_file_actions_adddup2(&actions, 2, 1);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    std::string argument = kScriptSandboxArgument;
    char* argv[] = {executable_.data(), argument.data(), nullptr};
    pid_t pid = 0;
    const int failed = posix_spawn(&pid, executable_.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pair[1]);
    if (failed != 0) {
      ::close(pair[0]);
      return Error(ErrorCode::Internal,
                   "cannot start the script sandbox '" + executable_ + "': " + std::strerror(failed),
                   "the sandbox is attnplay's own executable; reinstall attnplay if it is missing");
    }
    pid_ = pid;
    socket_ = pair[0];
    return {};
  }

  void stop() {
    if (socket_ >= 0) ::close(socket_);
    socket_ = -1;
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      reap();
    }
  }

  /// Waits for the child to be gone and says how it went.
  std::string reap() {
    int status = 0;
    std::string how = "it ended";
    if (pid_ > 0 && ::waitpid(pid_, &status, 0) == pid_) {
      if (WIFSIGNALED(status)) {
        how = "signal " + std::to_string(WTERMSIG(status)) + ", " + strsignal(WTERMSIG(status));
      } else if (WIFEXITED(status)) {
        how = "exit code " + std::to_string(WEXITSTATUS(status));
      }
    }
    pid_ = -1;
    return how;
  }

  Error crashed(const SourceLocation& file) {
    if (socket_ >= 0) ::close(socket_);
    socket_ = -1;
    const std::string how = reap();
    return Error(
        ErrorCode::ScriptError,
        "the scene script crashed Qt's JavaScript engine (" + how + "); it was run apart, so nothing else was harmed",
        "the engine fails on some extreme code: array literals or argument lists of hundreds of thousands "
        "of values, very deep structures handed to built-ins (flat, join, Proxy chains), huge regular "
        "expressions; simplify that part of the scene",
        file);
  }

  bool send(const QByteArray& message) {
    const QByteArray framed = withLength(message);
    qsizetype sent = 0;
    while (sent < framed.size()) {
      const ssize_t n =
          ::send(socket_, framed.constData() + sent, static_cast<std::size_t>(framed.size() - sent), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      sent += n;
    }
    return true;
  }

  /// Reads what is there; the whole reply once it is complete. Closes the socket at its end.
  std::optional<QByteArray> receive(QByteArray& buffer) {
    char chunk[65536];
    const ssize_t n = ::recv(socket_, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) return std::nullopt;
    if (n <= 0) {
      ::close(socket_);
      socket_ = -1;
      return std::nullopt;
    }
    buffer.append(chunk, n);
    if (buffer.size() < 4) return std::nullopt;
    std::uint32_t size = 0;
    std::memcpy(&size, buffer.constData(), 4);
    if (buffer.size() < 4 + static_cast<qsizetype>(size)) return std::nullopt;
    QByteArray message = buffer.mid(4, size);
    buffer.clear();
    return message;
  }

  std::string executable_;
  std::mutex mutex_;
  pid_t pid_ = -1;
  int socket_ = -1;
};

Sandbox& sandboxFor(const std::string& executable) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<Sandbox>> sandboxes;
  std::lock_guard lock(mutex);
  auto& slot = sandboxes[executable];
  if (!slot) slot = std::make_unique<Sandbox>(executable);
  return *slot;
}

/// Reads exactly `size` bytes from standard input; false at its end.
bool readExactly(char* data, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(kChannel, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

bool writeAll(const QByteArray& data) {
  qsizetype done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(kChannel, data.constData() + done, static_cast<std::size_t>(data.size() - done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += n;
  }
  return true;
}

}  // namespace

Result<LoadedScene> runSceneInSandbox(const std::string& executable, const std::string& source,
                                      const std::string& fileName, const ScriptOptions& options) {
  return sandboxFor(executable).run(source, fileName, options);
}

long scriptSandboxProcess(const std::string& executable) { return sandboxFor(executable).pid(); }

int serveScriptSandbox(int argc, char** argv) {
  // A crash here is expected and reported by the parent: no core file for it.
  const rlimit noCore{0, 0};
  setrlimit(RLIMIT_CORE, &noCore);
  std::signal(SIGINT, SIG_IGN);  // the parent decides when to stop
  // A parent that is gone takes its sandbox along, even one stuck inside a built-in: a thread
  // waits for the parent's end of the socket to close. (PR_SET_PDEATHSIG would follow the
  // parent's thread that started us, and the player's pool threads come and go.)
  std::thread([] {
    pollfd hangup{kChannel, POLLRDHUP, 0};
    for (;;) {
      if (::poll(&hangup, 1, -1) > 0 && (hangup.revents & (POLLRDHUP | POLLHUP | POLLERR))) std::_Exit(0);
    }
  }).detach();
  std::optional<QCoreApplication> app;
  if (!QCoreApplication::instance()) app.emplace(argc, argv);
  std::string timeline;  // kept from run to run: its memory is reused
  // One request after another until the parent closes its end.
  for (;;) {
    std::uint32_t size = 0;
    if (!readExactly(reinterpret_cast<char*>(&size), 4)) return 0;
    if (size > kMaxRequestBytes) return 1;
    QByteArray input(static_cast<qsizetype>(size), '\0');
    if (!readExactly(input.data(), size)) return 1;
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
    const QByteArray answer = reply(scene, timeline);
    if (!writeAll(withLength(answer))) return 1;
  }
}

}  // namespace attnplay
