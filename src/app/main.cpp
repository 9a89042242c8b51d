// SPDX-License-Identifier: MIT
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTimer>
#include <cstring>
#include <iostream>

#include "app/main_window.hpp"
#include "app/termination.hpp"
#include "attnplay/script/script_sandbox.hpp"

namespace {

/// The bundled default scene: beside the executable's source tree, or installed.
QString defaultScene() {
  const QString app = QCoreApplication::applicationDirPath();
  for (const QString& candidate : {app + "/../scenes/self_attention.js", app + "/scenes/self_attention.js",
                                   app + "/../share/attnplay/scenes/self_attention.js",
                                   QStringLiteral(ATTNPLAY_SOURCE_DIR "/scenes/self_attention.js")}) {
    if (QFileInfo::exists(candidate)) return QDir::cleanPath(candidate);
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  // Before any window: the player is also the sandbox its scene scripts run in first.
  if (argc >= 2 && std::strcmp(argv[1], attnplay::kScriptSandboxArgument) == 0) {
    return attnplay::serveScriptSandbox(argc, argv);
  }
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("attnplay"));
  QApplication::setApplicationName(QStringLiteral("attnplay"));
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("attnplay — a player for Manim-style attention animations"));
  parser.addHelpOption();
  parser.addPositionalArgument(QStringLiteral("scene"),
                               QStringLiteral("the scene to open (.js); the bundled demo if none"));
  QCommandLineOption time(QStringLiteral("time"), QStringLiteral("start at this time, in seconds"),
                          QStringLiteral("T"));
  QCommandLineOption grab(
      QStringLiteral("grab"),
      QStringLiteral("write a screenshot of the window to FILE and quit (for docs and bug reports)"),
      QStringLiteral("FILE"));
  parser.addOption(time);
  parser.addOption(grab);
  parser.process(app);

  attnplay::app::MainWindow window;
  window.controller().setScriptSandbox(QCoreApplication::applicationFilePath());
  const QStringList args = parser.positionalArguments();
  const QString scene = args.isEmpty() ? defaultScene() : args.front();
  // Ctrl+C or SIGTERM: leave the event loop, so the window closes as usual (an export is
  // cancelled and its temporary file removed, a running script stopped).
  int stopSignal = 0;
  attnplay::app::onTerminationSignal([&stopSignal](int signal) {
    stopSignal = signal;
    QApplication::exit(128 + signal);
  });
  if (!scene.isEmpty()) window.openScene(scene);
  if (stopSignal != 0) return 128 + stopSignal;
  if (parser.isSet(time)) window.controller().seekTime(parser.value(time).toDouble());
  window.show();
  if (parser.isSet(grab)) {
    QTimer::singleShot(300, &window, [&] {
      const bool ok = window.grab().save(parser.value(grab));
      if (!ok) std::cerr << "attnplay: cannot write " << parser.value(grab).toStdString() << '\n';
      QApplication::exit(ok ? 0 : 3);
    });
  }
  return QApplication::exec();
}
