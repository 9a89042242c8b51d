// SPDX-License-Identifier: MIT
// The worker's side (script_sandbox.hpp): requests read from fd 3 and served one at a time,
// JavaScript in this process, a language with SceneLanguage::forked in a child per run.
#include "attnplay/script/script_sandbox.hpp"

#include "attnplay/math/typeset.hpp"
#include "attnplay/text/font.hpp"

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

namespace attnplay {

using namespace detail;

namespace {

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
