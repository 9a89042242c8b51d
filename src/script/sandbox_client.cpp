// SPDX-License-Identifier: MIT
// The caller's side of attnplay's worker: one worker process per executable, kept warm, and
// each run's request, wait, limits and reply (script_sandbox.hpp).
#include "attnplay/script/script_sandbox.hpp"

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

#include "script/sandbox_wire.hpp"

extern char** environ;

namespace attnplay {

using namespace detail;

namespace {

/// How long past its own time limit the child may take to stop before it is killed: its
/// watchdog stops JavaScript at once, but not a built-in that never returns.
constexpr std::chrono::milliseconds kGrace{1000};
/// How long past a forked run's own stop (its language's grace) the worker may take to answer,
/// and to answer a cancel, before the worker itself is killed.
constexpr std::chrono::milliseconds kForkedBackstop{1500};

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

}  // namespace attnplay
