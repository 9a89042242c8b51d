// SPDX-License-Identifier: MIT
#include "attnplay/script/script_sandbox.hpp"

#include "attnplay/math/typeset.hpp"
#include "attnplay/text/font.hpp"
#include "attnplay/timeline/timeline_codec.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/prctl.h>
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
/// How long past a forked run's own stop (its language's grace) the worker may take to answer,
/// and to answer a cancel, before the worker itself is killed.
constexpr std::chrono::milliseconds kForkedBackstop{1500};
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

QByteArray request(const std::string& language, const std::string& source, const std::string& fileName,
                   const ScriptOptions& options) {
  QJsonObject r;
  r.insert(QStringLiteral("language"), QString::fromStdString(language));
  r.insert(QStringLiteral("sceneName"), QString::fromStdString(options.sceneName));
  r.insert(QStringLiteral("maxMemoryBytes"), static_cast<double>(options.maxMemoryBytes));
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

/// Asks the worker to start a language's interpreter now, so the first run waits less; no reply.
QByteArray warmRequest(const std::string& language) {
  QJsonObject r;
  r.insert(QStringLiteral("warm"), QString::fromStdString(language));
  return QJsonDocument(r).toJson(QJsonDocument::Compact);
}

const SceneLanguage* languageNamed(const std::string& name) {
  for (const SceneLanguage& l : sceneLanguages()) {
    if (l.name == name) return &l;
  }
  return nullptr;
}

/// A message as it crosses the socket: its length in 4 bytes, then the message.
QByteArray withLength(const QByteArray& message) {
  QByteArray framed(4, '\0');
  const auto size = static_cast<std::uint32_t>(message.size());
  std::memcpy(framed.data(), &size, 4);
  return framed + message;
}

/// Adds bytes read from a stream of framed messages; true once `buffer` holds a whole one. The
/// length in front reserves the rest at once: a reply arrives in many small reads.
bool appendFramed(QByteArray& buffer, const char* data, qsizetype n) {
  buffer.append(data, n);
  if (buffer.size() < 4) return false;
  std::uint32_t size = 0;
  std::memcpy(&size, buffer.constData(), 4);
  if (buffer.capacity() < 4 + static_cast<qsizetype>(size)) buffer.reserve(4 + static_cast<qsizetype>(size));
  return buffer.size() >= 4 + static_cast<qsizetype>(size);
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

  Result<LoadedScene> run(const std::string& language, const std::string& source, const std::string& fileName,
                          const ScriptOptions& options) {
    std::lock_guard lock(mutex_);
    const SourceLocation file{fileName, 0, 0};
    const SceneLanguage* known = languageNamed(language);
    // A language that forks a child per run stops that child itself (and stays warm); the
    // worker is killed only when it does not answer past a later deadline of its own.
    const bool forked = known && known->forked.run;
    const QByteArray asked = request(language, source, fileName, options);
    if (pid_ <= 0) {
      if (const Status started = start(); !started) return Error(started.error()).at(file);
    }
    if (!send(asked)) {
      // It died since the last run (or was never well): one fresh start.
      stop();
      if (const Status started = start(); !started) return Error(started.error()).at(file);
      if (!send(asked)) return crashed(language, file);
    }
    const auto grace = forked ? known->forked.grace + kForkedBackstop : kGrace;
    const auto deadline = std::chrono::steady_clock::now() + options.timeLimit + grace;
    std::optional<std::chrono::steady_clock::time_point> cancelSent;
    QByteArray& reply = received_;
    reply.resize(0);  // its memory is kept from run to run
    for (;;) {
      pollfd ready{socket_, POLLIN, 0};
      const int n = ::poll(&ready, 1, static_cast<int>(kPoll.count()));
      if (n > 0) {
        if (std::optional<QByteArray> message = receive(reply)) {
          if (auto answer = parseReply(*message, fileName)) return std::move(*answer);
          stop();
          return crashed(language, file);
        }
        if (socket_ < 0) return crashed(language, file);
        continue;
      }
      const auto now = std::chrono::steady_clock::now();
      if (options.cancel && options.cancel->load() && !cancelSent) {
        // A forked run is stopped by the worker, which stays warm; its reply says so.
        if (forked && send(QByteArray())) {
          cancelSent = now;
        } else {
          stop();
          return Error(ErrorCode::Cancelled, "the scene script was stopped", "", file);
        }
      }
      if (cancelSent && now - *cancelSent > kForkedBackstop) {
        stop();
        return Error(ErrorCode::Cancelled, "the scene script was stopped", "", file);
      }
      if (now > deadline) {
        stop();
        return Error(ErrorCode::Timeout,
                     "the scene script ran longer than its " + seconds(options.timeLimit) +
                         " limit and was stopped; it was inside a built-in function that cannot be interrupted",
                     "look for a very large sort, regular expression or array built in one call", file);
      }
      if (!forked && residentBytes(pid_) > options.maxMemoryBytes) {
        stop();
        return Error(
            ErrorCode::LimitExceeded,
            "the scene script used more than " + mebibytes(options.maxMemoryBytes) + " of memory and was stopped",
            "look for an array or string that grows without end; --script-memory raises the limit", file);
      }
    }
  }

  /// Starts the worker if it is not running and has it start `language`'s interpreter.
  void warm(const std::string& language) {
    std::lock_guard lock(mutex_);
    if (pid_ <= 0 && !start()) return;
    if (!send(warmRequest(language))) stop();
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

  Error crashed(const std::string& language, const SourceLocation& file) {
    if (socket_ >= 0) ::close(socket_);
    socket_ = -1;
    const std::string how = reap();
    if (const SceneLanguage* known = languageNamed(language); known && known->forked.run) {
      return Error(ErrorCode::Internal,
                   "attnplay's worker for " + language + " scenes ended (" + how + "); the next run starts a new one",
                   "if it happens again, run the scene with attnplay-cli info to see the worker's own messages", file);
    }
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
    if (!appendFramed(buffer, chunk, n)) return std::nullopt;
    std::uint32_t size = 0;
    std::memcpy(&size, buffer.constData(), 4);
    QByteArray message = buffer.mid(4, size);
    buffer.resize(0);
    return message;
  }

  std::string executable_;
  QByteArray received_;
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

/// Reads exactly `size` bytes from the channel; false at its end.
bool readExactly(int fd, char* data, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

bool writeAll(int fd, const QByteArray& data) {
  qsizetype done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.constData() + done, static_cast<std::size_t>(data.size() - done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += n;
  }
  return true;
}

}  // namespace

Result<LoadedScene> runSceneInSandbox(const std::string& executable, const std::string& language,
                                      const std::string& source, const std::string& fileName,
                                      const ScriptOptions& options) {
  return sandboxFor(executable).run(language, source, fileName, options);
}

void warmSceneWorker(const std::string& executable, const std::string& path) {
  const SceneLanguage* language = sceneLanguageOf(path);
  if (language && language->run && language->forked.warm) sandboxFor(executable).warm(language->name);
}

long scriptSandboxProcess(const std::string& executable) { return sandboxFor(executable).pid(); }

namespace {

ScriptOptions optionsOf(const QJsonObject& r) {
  ScriptOptions options;
  options.overrides = fromJson(r.value(QStringLiteral("overrides")).toObject());
  options.overrideSources = fromJson(r.value(QStringLiteral("overrideSources")).toObject());
  options.timeLimit =
      std::chrono::milliseconds(static_cast<long long>(r.value(QStringLiteral("timeLimitMs")).toDouble()));
  options.maxObjects = static_cast<std::size_t>(r.value(QStringLiteral("maxObjects")).toDouble());
  options.fps = r.value(QStringLiteral("fps")).toDouble(60);
  options.sceneDir = r.value(QStringLiteral("sceneDir")).toString().toStdString();
  options.ignoreUnknownOverrides = r.value(QStringLiteral("ignoreUnknownOverrides")).toBool();
  options.sceneName = r.value(QStringLiteral("sceneName")).toString().toStdString();
  options.maxMemoryBytes = static_cast<std::size_t>(
      r.value(QStringLiteral("maxMemoryBytes")).toDouble(static_cast<double>(options.maxMemoryBytes)));
  return options;
}

/// The worker's side of a forked language: its interpreter, started once (or why it could not).
class ForkedRuns {
 public:
  /// Starts the language's interpreter on this (the main) thread the first time it is asked.
  const Status& warm(const SceneLanguage& language) {
    auto it = warmed_.find(language.name);
    if (it == warmed_.end()) {
      // What runs of every language read: loaded here once, shared by every child.
      FontLibrary::instance().loadAll();
      (void)math::typeset("x");  // the TeX fonts and their metrics
      it = warmed_.emplace(language.name, language.forked.warm()).first;
    }
    return it->second;
  }

  /// One run in a child forked from the warm interpreter: whatever the scene changes, starts
  /// or breaks dies with the child. `request` is the parent's, as it came. Returns the reply
  /// for the parent.
  QByteArray run(const SceneLanguage& language, const QByteArray& request, const std::string& source,
                 const std::string& fileName, const ScriptOptions& options, std::string& timeline) {
    const SourceLocation file{fileName, 0, 0};
    if (const Status& up = warm(language); !up) return reply(Error(up.error()).at(file), timeline);
    if (ending_ > 0) ::waitpid(ending_, nullptr, 0);  // the last child, which had sent its reply
    ending_ = -1;
    Child child = std::exchange(spare_, Child{});
    if (child.pid > 0 && child.language != &language) child.discard();
    // A spare forked before this source was compiled still runs it; it compiles it itself.
    if (child.pid <= 0) {
      if (language.forked.prepare) language.forked.prepare(source, fileName, options);
      child = fork(language, false);
    }
    if (child.pid <= 0) return reply(cannotFork(child.error, file), timeline);
    if (::ftruncate(trace_, 0) == 0) ::lseek(trace_, 0, SEEK_SET);
    const bool sent = writeAll(child.request, withLength(request));
    ::close(child.request);
    const Outcome outcome = watch(child.pid, child.reply, options, language.forked.grace, replyBuffer_);
    ::close(child.reply);
    if (!sent && !outcome.complete && outcome.exited && outcome.code == 0)
      return reply(cannotFork(EPIPE, file), timeline);  // a spare that was gone before the run
    if (outcome.cancelled)
      return reply(Error(ErrorCode::Cancelled, "the scene script was stopped", "", file), timeline);
    if (outcome.complete) {
      ending_ = child.pid;
      return outcome.bytes.mid(4);
    }
    const SourceLocation where = lastLine(language, fileName).value_or(file);
    if (outcome.overMemory) {
      return reply(Error(ErrorCode::LimitExceeded,
                         "the scene script used more than " + mebibytes(options.maxMemoryBytes) +
                             " of memory (beyond the interpreter's own) and was stopped",
                         "look for an array or list that grows without end, or one allocated whole "
                         "(numpy.ones of billions of values); --script-memory raises the limit",
                         where),
                   timeline);
    }
    if (outcome.timedOut) {
      return reply(
          Error(ErrorCode::Timeout,
                "the scene script ran longer than its " + seconds(options.timeLimit) + " limit and was stopped",
                "look for a loop that never ends (one that catches Exception also catches the "
                "TimeoutError that stops it), or a call that does not return: a regular expression "
                "that backtracks, an operation on a huge array",
                where),
          timeline);
    }
    if (!outcome.exited) {
      return reply(
          Error(ErrorCode::ScriptError,
                "the scene crashed the " + language.name + " interpreter (signal " + std::to_string(outcome.code) +
                    ", " + strsignal(outcome.code) + "); it ran apart, so nothing else was harmed",
                "look at what the scene calls outside Python: ctypes, a C extension, a NumPy call "
                "with a wrong array",
                where),
          timeline);
    }
    return reply(Error(ErrorCode::ScriptError,
                       "the scene ended its process (exit code " + std::to_string(outcome.code) +
                           ") before it finished, so it made no timeline",
                       "a scene returns from construct(); remove the os._exit() or exit() call", where),
                 timeline);
  }

  /// After a run: forks the child for the next one now, so a run waits for no fork. It has the
  /// last scene compiled.
  void refill(const SceneLanguage& language, const std::string& source, const std::string& fileName,
              const ScriptOptions& options) {
    if (spare_.pid > 0 || !warm(language)) return;
    if (language.forked.prepare && !source.empty()) language.forked.prepare(source, fileName, options);
    spare_ = fork(language, true);
  }

 private:
  /// A forked child waiting for its run: it reads the request from `request` and writes its
  /// reply to `reply`.
  struct Child {
    pid_t pid = -1;
    int request = -1, reply = -1;
    const SceneLanguage* language = nullptr;
    int error = 0;  ///< why fork() failed
    void discard() {
      ::close(request);
      ::close(reply);
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
      pid = -1;
    }
  };

  /// A child for one run; one forked ahead of its run first rehearses (SceneLanguage::forked).
  Child fork(const SceneLanguage& language, bool ahead) {
    Child c;
    c.language = &language;
    if (trace_ < 0) trace_ = ::memfd_create("attnplay-scene-trace", MFD_CLOEXEC);
    int in[2], out[2];
    if (trace_ < 0 || ::pipe2(in, O_CLOEXEC) != 0) {
      c.error = errno;
      return c;
    }
    if (::pipe2(out, O_CLOEXEC) != 0) {
      c.error = errno;
      ::close(in[0]);
      ::close(in[1]);
      return c;
    }
    // Room for a whole timeline, so the child writes it at once (the system may allow less).
    ::fcntl(out[1], F_SETPIPE_SZ, 1 << 20);
    const pid_t worker = ::getpid();
    language.forked.beforeFork();
    const pid_t pid = ::fork();
    if (pid == 0) {
      language.forked.afterForkChild();
      // The child goes with the worker, whatever kills it.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != worker) std::_Exit(1);
      ::close(kChannel);
      ::close(in[1]);
      ::close(out[0]);
      serveOneRun(language, ahead, in[0], out[1]);
    }
    c.error = errno;
    language.forked.afterForkParent();
    ::close(in[0]);
    ::close(out[1]);
    if (pid < 0) {
      ::close(in[1]);
      ::close(out[0]);
      return c;
    }
    c.pid = pid;
    c.request = in[1];
    c.reply = out[0];
    return c;
  }

  /// The child: waits for its request, runs it and writes the reply, then ends.
  [[noreturn]] void serveOneRun(const SceneLanguage& language, bool ahead, int request, int replyTo) {
    if (ahead && language.forked.rehearse) language.forked.rehearse();
    std::uint32_t size = 0;
    if (!readExactly(request, reinterpret_cast<char*>(&size), 4) || size > kMaxRequestBytes) std::_Exit(0);
    QByteArray input(static_cast<qsizetype>(size), '\0');
    if (!readExactly(request, input.data(), size)) std::_Exit(0);
    const QJsonObject r = QJsonDocument::fromJson(input).object();
    const auto scene =
        language.forked.run(r.value(QStringLiteral("source")).toString().toStdString(),
                            r.value(QStringLiteral("file")).toString().toStdString(), optionsOf(r), trace_);
    std::string bytes;
    // Room for the timeline in one allocation: growing it page by page costs more than encoding.
    bytes.reserve(kReplyRoom);
    std::_Exit(writeAll(replyTo, withLength(reply(scene, bytes))) ? 0 : 1);
  }

  struct Outcome {
    QByteArray& bytes;
    bool exited = false;  ///< else ended by signal `code`
    int code = 0;
    bool complete = false;  ///< `bytes` is a whole reply
    bool cancelled = false, timedOut = false, overMemory = false;
  };

  /// Reads the child's reply while it runs, and stops it when it is asked to, runs too long
  /// or takes too much memory.
  static Outcome watch(pid_t child, int reply, const ScriptOptions& options, std::chrono::milliseconds grace,
                       QByteArray& buffer) {
    buffer.resize(0);  // its memory is kept from run to run
    Outcome o{buffer};
    const auto started = std::chrono::steady_clock::now();
    // The child stops itself at the limit plus its grace; past this it is killed.
    const auto deadline = started + options.timeLimit + grace + kKillAfter;
    const std::size_t base = residentBytes(::getpid());
    bool killed = false, reaped = false;
    int status = 0;
    std::chrono::steady_clock::time_point reapedAt;
    std::optional<std::chrono::steady_clock::time_point> askedForStack;
    const auto kill = [&] {
      ::kill(child, SIGKILL);
      killed = true;
    };
    // SIGUSR1 has the child write where it is (its language's handler, run in C, works in any
    // state); a moment later it is killed.
    const auto stop = [&] {
      ::kill(child, SIGUSR1);
      askedForStack = std::chrono::steady_clock::now();
    };
    for (;;) {
      pollfd ready[2] = {{reply, POLLIN, 0}, {kChannel, POLLIN, 0}};
      const int n = ::poll(ready, 2, static_cast<int>(kPoll.count()));
      if (n > 0 && (ready[0].revents & (POLLIN | POLLHUP | POLLERR))) {
        char chunk[65536];
        const ssize_t got = ::read(reply, chunk, sizeof chunk);
        if (got > 0 && appendFramed(o.bytes, chunk, got)) {
          // The whole reply: the child is ending; no need to wait for it to be gone.
          o.complete = true;
          break;
        }
        if (got == 0 || (got < 0 && errno != EINTR)) break;  // every writer is gone
      }
      if (n > 0 && (ready[1].revents & POLLIN) && !killed && !reaped) {
        // Only a cancel (an empty message) comes while a run is on.
        std::uint32_t size = 0;
        if (readExactly(kChannel, reinterpret_cast<char*>(&size), 4) && size == 0) {
          o.cancelled = true;
          kill();
        }
      }
      const auto now = std::chrono::steady_clock::now();
      if (!reaped && ::waitpid(child, &status, WNOHANG) == child) {
        reaped = true;
        reapedAt = now;
      }
      // A process the scene started may hold the reply's pipe open after the child is gone.
      if (reaped && now - reapedAt > kKillAfter) break;
      if (killed || reaped) continue;
      if (askedForStack) {
        if (now - *askedForStack > kStackTime) kill();
      } else if (now > deadline) {
        o.timedOut = true;
        stop();
      } else if (residentBytes(child) > base + options.maxMemoryBytes) {
        o.overMemory = true;
        stop();
      }
    }
    if (o.complete) return o;  // reaped before the next fork
    while (!reaped && ::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    o.exited = WIFEXITED(status);
    o.code = o.exited ? WEXITSTATUS(status) : WTERMSIG(status);
    // A child that stopped itself at its limit wrote its stack and ended without a reply.
    const auto elapsed = std::chrono::steady_clock::now() - started;
    if (!o.cancelled && !o.overMemory && elapsed >= options.timeLimit + grace && o.bytes.isEmpty()) o.timedOut = true;
    return o;
  }

  std::optional<SourceLocation> lastLine(const SceneLanguage& language, const std::string& fileName) const {
    if (!language.forked.lastLine || trace_ < 0) return std::nullopt;
    std::string trace(64 * 1024, '\0');
    const ssize_t n = ::pread(trace_, trace.data(), trace.size(), 0);
    trace.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return language.forked.lastLine(trace, fileName);
  }

  static Error cannotFork(int error, const SourceLocation& file) {
    return Error(ErrorCode::Internal, std::string("cannot start a scene run: ") + std::strerror(error),
                 "the machine is out of processes or memory; close something and try again", file);
  }

  /// How long after its own stop a child may take to end before it is killed.
  static constexpr std::chrono::milliseconds kKillAfter{300};
  /// What a child reserves for its reply (only what it writes is touched).
  static constexpr std::size_t kReplyRoom = std::size_t{16} << 20;
  /// How long a child stopped from outside has to write its stack.
  static constexpr std::chrono::milliseconds kStackTime{40};
  std::map<std::string, Status> warmed_;
  int trace_ = -1;
  pid_t ending_ = -1;
  Child spare_;
  QByteArray replyBuffer_;
};

}  // namespace

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
  ForkedRuns forked;
  // One request after another until the parent closes its end. An interpreter started here is
  // never torn down: the process ends without running exit handlers.
  for (;;) {
    std::uint32_t size = 0;
    if (!readExactly(kChannel, reinterpret_cast<char*>(&size), 4)) std::_Exit(0);
    if (size == 0) continue;  // a cancel that came after its run had ended
    if (size > kMaxRequestBytes) std::_Exit(1);
    QByteArray input(static_cast<qsizetype>(size), '\0');
    if (!readExactly(kChannel, input.data(), size)) std::_Exit(1);
    const QJsonDocument doc = QJsonDocument::fromJson(input);
    if (!doc.isObject()) std::_Exit(1);
    const QJsonObject r = doc.object();
    if (r.contains(QStringLiteral("warm"))) {
      const SceneLanguage* l = languageNamed(r.value(QStringLiteral("warm")).toString().toStdString());
      if (l && l->run && l->forked.warm) forked.warm(*l);
      continue;
    }
    const ScriptOptions options = optionsOf(r);
    const std::string source = r.value(QStringLiteral("source")).toString().toStdString();
    const std::string file = r.value(QStringLiteral("file")).toString().toStdString();
    const std::string name = r.value(QStringLiteral("language")).toString().toStdString();
    const SceneLanguage* language = languageNamed(name);
    QByteArray answer;
    if (!language || !language->run) {
      answer = reply(Error(ErrorCode::InvalidArgument, "this attnplay cannot run " + name + " scenes", "",
                           SourceLocation{file, 0, 0}),
                     timeline);
    } else if (language->forked.run) {
      answer = forked.run(*language, input, source, file, options, timeline);
    } else {
      answer = reply(language->run(source, file, options), timeline);
    }
    if (!writeAll(kChannel, withLength(answer))) std::_Exit(1);
    if (language && language->forked.run) forked.refill(*language, source, file, options);
  }
}

}  // namespace attnplay
