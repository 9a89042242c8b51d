// SPDX-License-Identifier: MIT
#include <QCoreApplication>
#include <iostream>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
  // A core application only: the CLI renders with QImage/QPainter and needs no display.
  QCoreApplication app(argc, argv);
  std::vector<std::string> args(argv + 1, argv + argc);
  return attnplay::cli::run(args, std::cout, std::cerr);
}
