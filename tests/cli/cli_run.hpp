// SPDX-License-Identifier: MIT
// Running attnplay-cli as a person would, for the CLI's tests.
#pragma once

#include <signal.h>

#include <functional>

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

namespace {

const QString kSource = QStringLiteral(ATTNPLAY_SOURCE_DIR);

struct CliRun {
  int exitCode = -1;
  QString out, err;
};

/// Runs attnplay-cli to its end (at most a minute), in `workingDir` when given.
inline CliRun cli(const QStringList& args, const QString& workingDir = {}) {
  QProcess p;
  p.setProgram(QStringLiteral(ATTNPLAY_CLI));
  p.setArguments(args);
  if (!workingDir.isEmpty()) p.setWorkingDirectory(workingDir);
  // The CLI must need no display.
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.remove(QStringLiteral("DISPLAY"));
  env.remove(QStringLiteral("QT_QPA_PLATFORM"));
  p.setProcessEnvironment(env);
  p.start();
  p.waitForFinished(60000);
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

inline QString writeScene(const QTemporaryDir& dir, const QString& name, const QByteArray& source) {
  const QString path = dir.filePath(name);
  QFile f(path);
  f.open(QIODevice::WriteOnly);
  f.write(source);
  return path;
}

/// Starts the CLI, waits `after` ms (and then, when given, until `ready` holds), sends it
/// `signal` and returns how it ended and how long the signal took to act.
struct Stopped {
  int exitCode = -1;
  qint64 msAfterSignal = 0;
  QString err;
};

inline Stopped stopWith(int signal, const QStringList& args, int after, const std::function<bool()>& ready = {}) {
  QProcess p;
  p.setProgram(QStringLiteral(ATTNPLAY_CLI));
  p.setArguments(args);
  p.start();
  p.waitForStarted();
  QThread::msleep(static_cast<unsigned long>(after));
  QElapsedTimer waiting;
  waiting.start();
  while (ready && !ready() && p.state() == QProcess::Running && waiting.elapsed() < 60000) QThread::msleep(20);
  QElapsedTimer clock;
  clock.start();
  ::kill(static_cast<pid_t>(p.processId()), signal);
  p.waitForFinished(30000);
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, clock.elapsed(),
          QString::fromUtf8(p.readAllStandardError())};
}

}  // namespace
