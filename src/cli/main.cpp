// SPDX-License-Identifier: MIT
#include <QCoreApplication>
#include <csignal>
#include <iostream>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
  // A full disk or a file-size limit must come back as a write error, not kill the process;
  // Ctrl+C and SIGTERM stop any command cleanly.
  std::signal(SIGXFSZ, SIG_IGN);
  std::signal(SIGINT, [](int) { attnplay::cli::interrupt(); });
  std::signal(SIGTERM, [](int) { attnplay::cli::interrupt(); });
  // A core application only: the CLI renders with QImage/QPainter and needs no display.
  QCoreApplication app(argc, argv);
  std::vector<std::string> args(argv + 1, argv + argc);
  return attnplay::cli::run(args, std::cout, std::cerr);
}
