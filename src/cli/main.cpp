// SPDX-License-Identifier: MIT
#include <QCoreApplication>
#include <csignal>
#include <cstring>
#include <iostream>

#ifdef ATTNPLAY_HAVE_PYTHON
#include "python/python_scenes.hpp"
#endif
#include "attnplay/script/scene_script.hpp"
#include "attnplay/script/script_sandbox.hpp"
#include "cli/cli.hpp"

int main(int argc, char** argv) {
#ifdef ATTNPLAY_HAVE_PYTHON
  attnplay::python::installPythonScenes();
#endif
  // This executable is also the worker its scenes run in.
  if (argc >= 2 && std::strcmp(argv[1], attnplay::kScriptSandboxArgument) == 0) {
    return attnplay::serveScriptSandbox(argc, argv);
  }
  // A full disk or a file-size limit must come back as a write error, not kill the process;
  // Ctrl+C and SIGTERM stop any command cleanly, and a second one stops the process at once.
  std::signal(SIGXFSZ, SIG_IGN);
  auto stop = [](int signal) {
    attnplay::cli::interrupt();
    std::signal(signal, SIG_DFL);
  };
  std::signal(SIGINT, stop);
  std::signal(SIGTERM, stop);
  // A core application only: the CLI renders with QImage/QPainter and needs no display.
  QCoreApplication app(argc, argv);
  std::vector<std::string> args(argv + 1, argv + argc);
  return attnplay::cli::run(args, std::cout, std::cerr);
}
