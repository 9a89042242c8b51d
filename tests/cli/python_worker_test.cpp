// SPDX-License-Identifier: MIT
// Python scenes run in the worker, one forked child per run: hard limits, errors for every way a
// scene can end its process, and a clean room for every run.
#include <gtest/gtest.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli_run.hpp"

#ifdef ATTNPLAY_HAVE_PYTHON

namespace {

QByteArray bytesOf(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// How long `info` of a scene that does nothing takes here, now: start-up, the worker and its
/// interpreter. Limits are checked against it, so a loaded machine or a sanitizer build does
/// not fail them.
qint64 startUpMs(const QTemporaryDir& dir) {
  const QString scene = writeScene(dir, QStringLiteral("nothing.py"),
                                   "from manim import *\nclass Nothing(Scene):\n    def construct(self):\n"
                                   "        self.add(Square())\n");
  QElapsedTimer clock;
  clock.start();
  EXPECT_EQ(cli({QStringLiteral("info"), scene}).exitCode, 0);
  return clock.elapsed();
}

}  // namespace

TEST(CliPythonWorker, ScenesThatSwallowTheTimeoutOrSitInCAreStoppedAtTheirLine) {
  QTemporaryDir dir;
  const qint64 base = startUpMs(dir);
  const std::vector<std::tuple<QString, QByteArray, int>> scenes = {
      {QStringLiteral("swallow.py"),
       "from manim import *\nclass Swallow(Scene):\n    def construct(self):\n        n = 0\n"
       "        while True:\n            try:\n                n += sum(range(100))\n"
       "            except Exception:\n                continue\n",
       7},
      {QStringLiteral("regex.py"),
       "import re\nfrom manim import *\nclass Backtrack(Scene):\n    def construct(self):\n"
       "        self.add(Square())\n        re.match(r\"(a+)+$\", \"a\" * 34 + \"!\")\n",
       6},
      // Its message is never made: describing the error would hang the run after its limit.
      {QStringLiteral("str.py"),
       "from manim import *\nclass Endless(Exception):\n    def __str__(self):\n        while True:\n"
       "            pass\nclass S(Scene):\n    def construct(self):\n        raise Endless()\n",
       0},
  };
  for (const auto& [name, source, line] : scenes) {
    const QString scene = writeScene(dir, name, source);
    QElapsedTimer clock;
    clock.start();
    const CliRun r = cli({QStringLiteral("info"), scene, QStringLiteral("--script-timeout"), QStringLiteral("2")});
    const qint64 took = clock.elapsed();
    EXPECT_EQ(r.exitCode, 2) << name.toStdString() << ": " << r.err.toStdString();
    const QString where = line ? QStringLiteral("%1:%2: error: ").arg(scene).arg(line) : scene + QStringLiteral(":");
    EXPECT_TRUE(r.err.contains(where)) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QLatin1String("longer than its 2 s limit"))) << r.err.toStdString();
    // Within the limit and a second, beside what a scene that does nothing takes.
    EXPECT_LT(took, base + 3000) << name.toStdString() << " took " << took << " ms, start-up " << base << " ms";
  }
}

TEST(CliPythonWorker, EveryWayOfEndingTheProcessIsAnError) {
  QTemporaryDir dir;
  const QByteArray head =
      "import ctypes, os, sys\nimport numpy as np\nfrom manim import *\nclass S(Scene):\n"
      "    def construct(self):\n        self.add(Square())\n";
  const std::vector<std::pair<QString, QByteArray>> scenes = {
      {QStringLiteral("os_exit.py"), "        os._exit(0)\n"},
      {QStringLiteral("sys_exit.py"), "        sys.exit(0)\n"},
      {QStringLiteral("system_exit.py"), "        raise SystemExit\n"},
      {QStringLiteral("segfault.py"), "        ctypes.string_at(0)\n"},
      {QStringLiteral("huge.py"), "        a = np.ones(50 * 2**30 // 8)\n        a[:] = 2\n"},
  };
  for (const auto& [name, body] : scenes) {
    const QString scene = writeScene(dir, name, head + body);
    const QString out = dir.filePath(QStringLiteral("x.png"));
    const CliRun r = cli({QStringLiteral("frame"), scene, QStringLiteral("-o"), out});
    EXPECT_EQ(r.exitCode, 2) << name.toStdString() << ": " << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(scene + QStringLiteral(":7"))) << name.toStdString() << ": " << r.err.toStdString();
    EXPECT_FALSE(QFile::exists(out)) << name.toStdString();
  }
  // Memory that grows, bounded by --script-memory as a JavaScript scene is.
  const QString grow = writeScene(dir, QStringLiteral("grow.py"),
                                  head +
                                      "        keep = []\n        while True:\n"
                                      "            keep.append(bytearray(b'x' * 10**7))\n");
  const CliRun r = cli({QStringLiteral("info"), grow, QStringLiteral("--script-memory"), QStringLiteral("300"),
                        QStringLiteral("--script-timeout"), QStringLiteral("60")});
  EXPECT_EQ(r.exitCode, 2) << r.err.toStdString();
  EXPECT_TRUE(r.err.contains(grow + QStringLiteral(":9: error: the scene script used more than 300 MiB")))
      << r.err.toStdString();
}

TEST(CliPythonWorker, CtrlCStopsAScenThatIgnoresSigint) {
  QTemporaryDir dir;
  const QString scene = writeScene(dir, QStringLiteral("deaf.py"),
                                   "import signal, time\nfrom manim import *\nclass Deaf(Scene):\n"
                                   "    def construct(self):\n        signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                   "        while True:\n            try:\n                time.sleep(0.01)\n"
                                   "            except BaseException:\n                pass\n");
  const Stopped r =
      stopWith(SIGINT, {QStringLiteral("info"), scene, QStringLiteral("--script-timeout"), QStringLiteral("60")}, 2000);
  EXPECT_EQ(r.exitCode, 130) << r.err.toStdString();
  EXPECT_LT(r.msAfterSignal, 2000);
  EXPECT_TRUE(r.err.contains(QLatin1String("stopped"))) << r.err.toStdString();
}

TEST(CliPythonWorker, WhatAScenesThreadsPrintStaysOffStandardOutput) {
  QTemporaryDir dir;
  const QString scene = writeScene(dir, QStringLiteral("talk.py"),
                                   "import os, subprocess, threading, time\nfrom manim import *\n"
                                   "class Talk(Scene):\n    def construct(self):\n        def talk():\n"
                                   "            while True:\n                os.write(1, b'{noise\\n')\n"
                                   "                print('more')\n                time.sleep(0.001)\n"
                                   "        threading.Thread(target=talk, daemon=True).start()\n"
                                   "        subprocess.run(['echo', '{echo'])\n"
                                   "        self.play(Create(Square()))\n");
  const CliRun r = cli({QStringLiteral("info"), scene, QStringLiteral("--json")});
  ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
  EXPECT_EQ(error.error, QJsonParseError::NoError) << r.out.toStdString();
  EXPECT_TRUE(doc.isObject());
  EXPECT_TRUE(r.err.contains(QLatin1String("{echo"))) << r.err.toStdString();
}

TEST(CliPythonWorker, AChdirInTheSceneMovesNothingTheCliWrites) {
  QTemporaryDir dir;
  QDir(dir.path()).mkdir(QStringLiteral("elsewhere"));
  writeScene(dir, QStringLiteral("wander.py"),
             "import os\nfrom manim import *\nclass Wander(Scene):\n    def construct(self):\n"
             "        os.chdir('elsewhere')\n        self.play(Create(Square()))\n");
  const CliRun r =
      cli({QStringLiteral("frame"), QStringLiteral("wander.py"), QStringLiteral("-o"), QStringLiteral("out.png")},
          dir.path());
  ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
  EXPECT_TRUE(QFileInfo::exists(dir.filePath(QStringLiteral("out.png"))));
  EXPECT_TRUE(QDir(dir.filePath(QStringLiteral("elsewhere"))).isEmpty());
}

TEST(CliPythonWorker, EveryVariantStartsFromTheSameInterpreter) {
  // The scene moves Manim's UP in place and swaps a class of the manim package for another:
  // run after run in one interpreter, each run would see the last one's changes.
  QTemporaryDir dir;
  const QString scene = writeScene(dir, QStringLiteral("drift.py"),
                                   "import manim\nfrom manim import *\nUP += RIGHT * 0.5\n"
                                   "shape = manim.Square\nmanim.Square = manim.Circle\n"
                                   "class Drift(Scene):\n    def construct(self):\n        side = 1\n"
                                   "        self.play(Create(shape(side_length=side).shift(UP)), run_time=0.5)\n");
  const QString variants = writeScene(dir, QStringLiteral("v.jsonl"),
                                      "{\"name\": \"a\", \"side\": 1}\n{\"name\": \"b\", \"side\": 2}\n"
                                      "{\"name\": \"c\", \"side\": 1}\n");
  const CliRun batch =
      cli({QStringLiteral("render"), scene, QStringLiteral("--variants"), variants, QStringLiteral("-o"),
           dir.filePath(QStringLiteral("out/{name}.mp4")), QStringLiteral("-ql"), QStringLiteral("--no-cache")});
  ASSERT_EQ(batch.exitCode, 0) << batch.err.toStdString();
  for (const auto& [name, side] : {std::pair{"a", "1"}, std::pair{"b", "2"}, std::pair{"c", "1"}}) {
    const QString single = dir.filePath(QStringLiteral("%1.mp4").arg(QLatin1String(name)));
    const CliRun one = cli({QStringLiteral("render"), scene, QStringLiteral("--set"),
                            QStringLiteral("side=%1").arg(QLatin1String(side)), QStringLiteral("-o"), single,
                            QStringLiteral("-ql"), QStringLiteral("--no-cache")});
    ASSERT_EQ(one.exitCode, 0) << one.err.toStdString();
    EXPECT_EQ(bytesOf(dir.filePath(QStringLiteral("out/%1.mp4").arg(QLatin1String(name)))), bytesOf(single)) << name;
  }
  EXPECT_NE(bytesOf(dir.filePath(QStringLiteral("out/a.mp4"))), bytesOf(dir.filePath(QStringLiteral("out/b.mp4"))));
}

#endif
