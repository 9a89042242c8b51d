// SPDX-License-Identifier: MIT
#include "app/termination.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QSocketNotifier>
#include <csignal>

namespace attnplay::app {

namespace {

int gSignalPipe[2] = {-1, -1};

// Only async-signal-safe work here: hand the number to the event loop.
void forward(int signal) {
  const unsigned char number = static_cast<unsigned char>(signal);
  [[maybe_unused]] const ssize_t written = ::write(gSignalPipe[1], &number, 1);
}

}  // namespace

void onTerminationSignal(std::function<void(int)> handler) {
  if (gSignalPipe[0] < 0 && ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, gSignalPipe) != 0) return;
  auto* notifier = new QSocketNotifier(gSignalPipe[0], QSocketNotifier::Read, QCoreApplication::instance());
  QObject::connect(notifier, &QSocketNotifier::activated, notifier, [handler = std::move(handler)] {
    unsigned char number = 0;
    if (::read(gSignalPipe[0], &number, 1) == 1) handler(number);
  });
  struct sigaction action {};
  action.sa_handler = forward;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART | SA_RESETHAND;  // the second signal takes its default course
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

}  // namespace attnplay::app
