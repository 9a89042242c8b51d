// SPDX-License-Identifier: MIT
#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QPalette>
#include <QTimer>
#include <cstring>
#include <iostream>

#ifdef ATTNPLAY_HAVE_PYTHON
#include "python/python_scenes.hpp"
#endif
#include "app/main_window.hpp"
#include "app/termination.hpp"
#include "attnplay/script/scene_script.hpp"
#include "attnplay/script/script_sandbox.hpp"

namespace {

const QCommandLineOption& timeOption() {
  static const QCommandLineOption option(QStringLiteral("time"), QStringLiteral("start at this time, in seconds"),
                                         QStringLiteral("T"));
  return option;
}

const QCommandLineOption& grabOption() {
  static const QCommandLineOption option(
      QStringLiteral("grab"),
      QStringLiteral("write a screenshot of the window to FILE and quit (for docs and bug reports)"),
      QStringLiteral("FILE"));
  return option;
}

void describe(QCommandLineParser& parser) {
  QCoreApplication::setOrganizationName(QStringLiteral("attnplay"));
  QCoreApplication::setApplicationName(QStringLiteral("attnplay"));
  QCoreApplication::setApplicationVersion(QStringLiteral(ATTNPLAY_VERSION));
  parser.setApplicationDescription(
      QStringLiteral("attnplay — a player for Manim-style attention animations.\n"
                     "Keys: Space play/pause, J/K/L backwards/pause/forwards, arrows step, I/O in/out points;\n"
                     "Help → Keyboard Shortcuts lists them all. The headless tool is attnplay-cli."));
  parser.addHelpOption();
  parser.addVersionOption();
  // The scene languages' extensions, from their registry: ".js, .py".
  QStringList extensions;
  for (const attnplay::SceneLanguage& l : attnplay::sceneLanguages()) {
    for (const std::string& e : l.extensions) extensions << QString::fromStdString(e);
  }
  parser.addPositionalArgument(QStringLiteral("scene"),
                               QStringLiteral("the scene to open (%1); without one, a welcome page lists "
                                              "recent and bundled scenes")
                                   .arg(extensions.join(QStringLiteral(", "))));
  parser.addOption(timeOption());
  parser.addOption(grabOption());
}

/// One dark look for every panel, like the timeline and the scene: Fusion with a dark palette.
void useDarkTheme(QApplication& app) {
  QApplication::setStyle(QStringLiteral("Fusion"));
  QPalette p;
  const QColor window(0x2b, 0x2c, 0x31), base(0x1f, 0x20, 0x24), text(0xe6, 0xe6, 0xea), accent(0x3d, 0x8e, 0xa8);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, window);
  p.setColor(QPalette::ToolTipBase, base);
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, window);
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, Qt::white);
  p.setColor(QPalette::Highlight, accent);
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Link, accent.lighter(140));
  p.setColor(QPalette::PlaceholderText, text.darker(160));
  for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
    p.setColor(QPalette::Disabled, role, text.darker(190));
  }
  app.setPalette(p);
}

}  // namespace

int main(int argc, char** argv) {
#ifdef ATTNPLAY_HAVE_PYTHON
  attnplay::python::installPythonScenes();
#endif
  // Before any window: the player is also the worker its scenes run in.
  if (argc >= 2 && std::strcmp(argv[1], attnplay::kScriptSandboxArgument) == 0) {
    return attnplay::serveScriptSandbox(argc, argv);
  }
  // --help and --version answer without a display: a core application is enough for them.
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    if (!std::strcmp(a, "-h") || !std::strcmp(a, "--help") || !std::strcmp(a, "-v") || !std::strcmp(a, "--version")) {
      QCoreApplication core(argc, argv);
      QCommandLineParser parser;
      describe(parser);
      parser.process(core);  // prints and exits
    }
  }
  QApplication app(argc, argv);
  useDarkTheme(app);
  QCommandLineParser parser;
  describe(parser);
  parser.process(app);
  const QCommandLineOption& time = timeOption();
  const QCommandLineOption& grab = grabOption();
  // The worker (and a Python scene's interpreter in it) starts while the window is built.
  if (!parser.positionalArguments().isEmpty()) {
    attnplay::warmSceneWorker(QCoreApplication::applicationFilePath().toStdString(),
                              parser.positionalArguments().front().toStdString());
  }

  attnplay::app::MainWindow window;
  window.controller().setScriptSandbox(QCoreApplication::applicationFilePath());
  const QStringList args = parser.positionalArguments();
  // Without a scene the window opens on its welcome page: recent and bundled scenes.
  const QString scene = args.isEmpty() ? QString() : args.front();
  // Ctrl+C or SIGTERM: leave the event loop, so the window closes as usual (an export is
  // cancelled and its temporary file removed, a running script stopped).
  int stopSignal = 0;
  attnplay::app::onTerminationSignal([&stopSignal](int signal) {
    stopSignal = signal;
    QApplication::exit(128 + signal);
  });
  // A Python file of several scenes may ask which to play: over the window, not before it.
  const attnplay::SceneLanguage* language = attnplay::sceneLanguageOf(scene.toStdString());
  if (language && language->manyScenes) window.show();
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
