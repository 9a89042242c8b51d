// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>
#include <signal.h>

#include <functional>

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>

#include <QCryptographicHash>

#include "av_decode.hpp"
#include "cli_run.hpp"

TEST(Cli, AFullStandardOutputIsAFailedWrite) {
  // `info` prints its whole result to stdout; when that cannot be written it must not claim success.
  QProcess p;
  p.setProgram(QStringLiteral(ATTNPLAY_CLI));
  p.setArguments({QStringLiteral("info"), kSource + "/scenes/self_attention.js"});
  p.setStandardOutputFile(QStringLiteral("/dev/full"));
  p.start();
  ASSERT_TRUE(p.waitForFinished(60000));
  EXPECT_EQ(p.exitCode(), 3);
  EXPECT_TRUE(QString::fromUtf8(p.readAllStandardError()).contains(QLatin1String("cannot write to standard output")));
}

TEST(CliRender, APatternThatIsNotAPngSequenceLeavesTheSceneAlone) {
  QTemporaryDir dir;
  const QString scene = dir.filePath(QStringLiteral("scene0.js"));
  ASSERT_TRUE(QFile::copy(kSource + "/scenes/shapes.js", scene));
  const QByteArray before = [&] {
    QFile f(scene);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
  }();
  for (const QString& out : {dir.filePath(QStringLiteral("scene%d.js")), dir.filePath(QStringLiteral("f_%s.png"))}) {
    const CliRun r = cli(
        {QStringLiteral("render"), scene, QStringLiteral("-o"), out, QStringLiteral("--quality"), QStringLiteral("l")});
    EXPECT_EQ(r.exitCode, 1) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QLatin1String("the output"))) << r.err.toStdString();
  }
  QFile after(scene);
  ASSERT_TRUE(after.open(QIODevice::ReadOnly));
  EXPECT_EQ(after.readAll(), before);
  EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("scene0.js")});
}

TEST(CliFrame, NeverOverwritesItsOwnInputs) {
  // Inputs with an output's name: a scene saved as scene.png, parameters as p.png.
  QTemporaryDir dir;
  const QString scene = dir.filePath(QStringLiteral("scene.png"));
  ASSERT_TRUE(QFile::copy(kSource + "/scenes/shapes.js", scene));
  const QString params = dir.filePath(QStringLiteral("p.png"));
  {
    QFile f(params);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("{}");
  }
  for (const QString& out : {scene, params}) {
    const CliRun r =
        cli({QStringLiteral("frame"), scene, QStringLiteral("--params"), params, QStringLiteral("-o"), out});
    EXPECT_EQ(r.exitCode, 3) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QLatin1String("an input of this run"))) << r.err.toStdString();
  }
  QFile s(scene), original(kSource + "/scenes/shapes.js");
  ASSERT_TRUE(s.open(QIODevice::ReadOnly) && original.open(QIODevice::ReadOnly));
  EXPECT_EQ(s.readAll(), original.readAll());
  const QString link = dir.filePath(QStringLiteral("null.png"));
  ASSERT_TRUE(QFile::link(QStringLiteral("/dev/null"), link));
  const CliRun device = cli({QStringLiteral("frame"), scene, QStringLiteral("-o"), link});
  EXPECT_EQ(device.exitCode, 3);
  EXPECT_TRUE(device.err.contains(QLatin1String("it is a link to a character device"))) << device.err.toStdString();
}

TEST(CliSignals, CtrlCStopsARunningScript) {
  QTemporaryDir dir;
  const QString scene = dir.filePath(QStringLiteral("loop.js"));
  {
    QFile f(scene);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("add(Square());\nwhile (true) {}\n");
  }
  const QString out = dir.filePath(QStringLiteral("x.png"));
  const Stopped r = stopWith(SIGINT,
                             {QStringLiteral("frame"), scene, QStringLiteral("-o"), out,
                              QStringLiteral("--script-timeout"), QStringLiteral("60")},
                             1500);  // well after start-up, even under ASan: the handler is in place
  EXPECT_EQ(r.exitCode, 130) << r.err.toStdString();
  EXPECT_LT(r.msAfterSignal, 2000);
  EXPECT_TRUE(r.err.contains(QLatin1String("stopped"))) << r.err.toStdString();
  EXPECT_FALSE(QFile::exists(out));
}

TEST(CliSandbox, ScenesThatCrashTheEngineFailCleanly) {
  // Each of these kills Qt 6.4's JavaScript engine outright (a segmentation fault in a built-in
  // or in the interpreter's frame set-up); run in-process they took the whole command down.
  QTemporaryDir dir;
  QByteArray literal = "const a = [0";
  for (int i = 0; i < 700000; ++i) literal += ",1";
  literal += "];\nadd(Square());\n";
  const QByteArray deep = "let a = [];\nfor (let i = 0; i < 1000000; i++) a = [a];\n";
  const std::vector<std::pair<QString, QByteArray>> scenes = {
      {QStringLiteral("literal.js"), literal},
      {QStringLiteral("flat.js"), deep + "a.flat(Infinity);\n"},
      {QStringLiteral("join.js"), deep + "String(a);\n"},
      {QStringLiteral("proxy.js"), "let p = {};\nfor (let i = 0; i < 1000000; i++) p = new Proxy(p, {});\np.x;\n"},
      {QStringLiteral("spread.js"), "function f() {}\nf(...new Array(3000000).fill(1));\n"},
  };
  for (const auto& [name, source] : scenes) {
    const QString scene = writeScene(dir, name, source);
    const QString out = dir.filePath(QStringLiteral("x.png"));
    const CliRun r = cli({QStringLiteral("frame"), scene, QStringLiteral("-o"), out});
    EXPECT_EQ(r.exitCode, 2) << name.toStdString() << ": " << r.err.toStdString();
    // The error starts a line; in a sanitizer build the child's own report of its crash comes
    // before it (the child's standard error is the caller's, for the scene's console output).
    EXPECT_TRUE(r.err.startsWith(scene + ": error: the scene script crashed Qt's JavaScript engine") ||
                r.err.contains(QLatin1Char('\n') + scene + ": error: the scene script crashed Qt's JavaScript engine"))
        << r.err.toStdString();
    EXPECT_FALSE(QFile::exists(out));
  }
}

TEST(CliSandbox, ABuiltInThatNeverReturnsIsStoppedNearTheLimit) {
  // Sorting two million numbers as strings runs for minutes inside one built-in call, where
  // the engine's interrupt cannot reach; the sandbox is killed a second past the limit.
  QTemporaryDir dir;
  const QString scene = writeScene(dir, QStringLiteral("sort.js"), "new Array(2000000).fill(0.5).sort();\n");
  QElapsedTimer clock;
  clock.start();
  const CliRun r = cli({QStringLiteral("info"), scene, QStringLiteral("--script-timeout"), QStringLiteral("1")});
  EXPECT_EQ(r.exitCode, 2) << r.err.toStdString();
  EXPECT_TRUE(r.err.contains(QLatin1String("inside a built-in function that cannot be interrupted")))
      << r.err.toStdString();
  EXPECT_LT(clock.elapsed(), 6000);
}

TEST(CliSandbox, MemoryWithoutEndIsStoppedAtItsLimit) {
  QTemporaryDir dir;
  const QString scene = writeScene(dir, QStringLiteral("grow.js"),
                                   "const keep = [];\nfor (;;) keep.push(new Float64Array(1 << 22).fill(1.5));\n");
  // Time enough that only the memory limit can stop it, however loaded the machine.
  const CliRun r = cli({QStringLiteral("info"), scene, QStringLiteral("--script-memory"), QStringLiteral("400"),
                        QStringLiteral("--script-timeout"), QStringLiteral("60")});
  EXPECT_EQ(r.exitCode, 2) << r.err.toStdString();
  EXPECT_TRUE(r.err.contains(QLatin1String("used more than 400 MiB of memory"))) << r.err.toStdString();
  EXPECT_EQ(cli({QStringLiteral("info"), scene, QStringLiteral("--script-memory"), QStringLiteral("10")}).exitCode, 1);
}

TEST(CliSignals, SigtermStopsAnExportAndLeavesNothing) {
  QTemporaryDir dir;
  const QString out = dir.filePath(QStringLiteral("x.mp4"));
  const Stopped r = stopWith(SIGTERM,
                             {QStringLiteral("render"), kSource + "/scenes/self_attention.js", QStringLiteral("-o"),
                              out, QStringLiteral("--quality"), QStringLiteral("k")},
                             0, [&] {
                               // The export is under way once its temporary file is beside the
                               // target; a fixed wait could still land in the scene's run on a
                               // loaded machine, which is a stopped script (130), not this case.
                               return !QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty();
                             });
  EXPECT_EQ(r.exitCode, 3) << r.err.toStdString();
  EXPECT_LT(r.msAfterSignal, 5000);
  EXPECT_TRUE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty())
      << QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).join(QLatin1Char(' ')).toStdString();
}

TEST(CliFrame, WritesThePngAndPrintsItsPath) {
  QTemporaryDir dir;
  const QString out = dir.filePath(QStringLiteral("shapes.png"));
  const CliRun r = cli({QStringLiteral("frame"), kSource + "/scenes/shapes.js", QStringLiteral("-o"), out,
                        QStringLiteral("--size"), QStringLiteral("640x360")});
  ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
  EXPECT_EQ(r.out.trimmed(), out);
  const QImage image(out);
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.size(), QSize(640, 360));
  EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("shapes.png")});  // no temp left
}

TEST(CliFrame, SetChangesTheScene) {
  QTemporaryDir dir;
  const QString a = dir.filePath(QStringLiteral("a.png")), b = dir.filePath(QStringLiteral("b.png"));
  const QString scene = kSource + "/scenes/shapes.js";
  ASSERT_EQ(cli({QStringLiteral("frame"), scene, QStringLiteral("-o"), a, QStringLiteral("--size"),
                 QStringLiteral("320x180")})
                .exitCode,
            0);
  const CliRun r = cli({QStringLiteral("frame"), scene, QStringLiteral("-o"), b, QStringLiteral("--size"),
                        QStringLiteral("320x180"), QStringLiteral("--set"), QStringLiteral("size=2.5")});
  ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
  EXPECT_NE(QImage(a), QImage(b));
}

TEST(CliFrame, HelpDocumentsEveryOption) {
  const CliRun r = cli({QStringLiteral("frame"), QStringLiteral("--help")});
  EXPECT_EQ(r.exitCode, 0);
  for (const char* option : {"--output", "--time", "--size", "--set", "--script-timeout", "--help"}) {
    EXPECT_TRUE(r.out.contains(QLatin1String(option))) << option;
  }
  const CliRun top = cli({QStringLiteral("--help")});
  EXPECT_EQ(top.exitCode, 0);
  EXPECT_TRUE(top.out.contains(QLatin1String("frame")));
}

TEST(CliFrame, UsageErrorsExitOne) {
  EXPECT_EQ(cli({}).exitCode, 1);
  EXPECT_EQ(cli({QStringLiteral("explode")}).exitCode, 1);
  EXPECT_EQ(cli({QStringLiteral("frame"), kSource + "/scenes/shapes.js"}).exitCode, 1);  // no -o
  EXPECT_EQ(cli({QStringLiteral("frame"), kSource + "/scenes/shapes.js", QStringLiteral("-o"), QStringLiteral("x.png"),
                 QStringLiteral("--size"), QStringLiteral("wide")})
                .exitCode,
            1);
  EXPECT_EQ(cli({QStringLiteral("frame"), kSource + "/scenes/shapes.js", QStringLiteral("-o"), QStringLiteral("x.png"),
                 QStringLiteral("--time"), QStringLiteral("-1")})
                .exitCode,
            1);
  const CliRun r = cli({QStringLiteral("frame"), QStringLiteral("--bogus")});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_TRUE(r.err.contains(QLatin1String("unknown option '--bogus'")));
}

TEST(CliFrame, BadScenesExitTwoWithTheirLocation) {
  QTemporaryDir dir;
  const QDir bad(kSource + "/tests/data/bad_scripts");
  const QStringList files = bad.entryList({QStringLiteral("*.js")}, QDir::Files, QDir::Name);
  for (const QString& f : files) {
    const QString out = dir.filePath(f + ".png");
    // The file's first line says where the error is: "// expect: LINE:COLUMN: text"; 0:0 is the
    // time limit, kept short. The others get time to reach their error even under ASan.
    QFile source(bad.filePath(f));
    ASSERT_TRUE(source.open(QIODevice::ReadOnly));
    const auto expect = QRegularExpression(QStringLiteral("^// expect: (\\d+):(\\d+):")).match(source.readLine());
    ASSERT_TRUE(expect.hasMatch()) << f.toStdString();
    const bool timeLimit = expect.captured(1) == QLatin1String("0");
    const CliRun r = cli({QStringLiteral("frame"), bad.filePath(f), QStringLiteral("-o"), out,
                          QStringLiteral("--script-timeout"), timeLimit ? QStringLiteral("2") : QStringLiteral("30")});
    EXPECT_EQ(r.exitCode, 2) << f.toStdString() << ": " << r.err.toStdString();
    const QString where = timeLimit ? QString() : QStringLiteral("%1:%2:").arg(expect.captured(1), expect.captured(2));
    EXPECT_TRUE(r.err.startsWith(bad.filePath(f) + ":" + where)) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QLatin1String("error: "))) << r.err.toStdString();
    EXPECT_FALSE(QFile::exists(out)) << f.toStdString();
  }
  const CliRun missing = cli({QStringLiteral("frame"), QStringLiteral("/no/such/scene.js"), QStringLiteral("-o"),
                              dir.filePath(QStringLiteral("m.png"))});
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_TRUE(missing.err.contains(QLatin1String("no such file")));
  const CliRun unknownParam =
      cli({QStringLiteral("frame"), kSource + "/scenes/shapes.js", QStringLiteral("-o"),
           dir.filePath(QStringLiteral("p.png")), QStringLiteral("--set"), QStringLiteral("colour=1")});
  EXPECT_EQ(unknownParam.exitCode, 2);
  EXPECT_TRUE(unknownParam.err.contains(QLatin1String("declares no parameter 'colour'")));
}

TEST(CliFrame, UnwritableOutputExitsThreeAndLeavesNothing) {
  QTemporaryDir dir;
  const QString scene = kSource + "/scenes/shapes.js";
  const CliRun noFolder =
      cli({QStringLiteral("frame"), scene, QStringLiteral("-o"), dir.filePath(QStringLiteral("missing/x.png"))});
  EXPECT_EQ(noFolder.exitCode, 3);
  EXPECT_TRUE(noFolder.err.contains(QLatin1String("does not exist")));
  QDir(dir.path()).mkdir(QStringLiteral("taken.png"));
  const CliRun isFolder =
      cli({QStringLiteral("frame"), scene, QStringLiteral("-o"), dir.filePath(QStringLiteral("taken.png"))});
  EXPECT_EQ(isFolder.exitCode, 3);
  EXPECT_TRUE(isFolder.err.contains(QLatin1String("it is a folder")));
  EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files), QStringList{});
}

TEST(CliInfo, PrintsTheSegmentTable) {
  const CliRun r = cli({QStringLiteral("info"), kSource + "/tests/golden/scenes/self_attention_motion.js"});
  ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
  EXPECT_TRUE(r.out.contains(QLatin1String("duration  7.800 s"))) << r.out.toStdString();
  EXPECT_TRUE(r.out.contains(QLatin1String("frames    468")));
  EXPECT_TRUE(r.out.contains(QLatin1String("   0     0.000     2.000  Write(Text)")));
  EXPECT_TRUE(r.out.contains(QLatin1String("   6     6.800     7.800  Wait")));
}

TEST(CliInfo, JsonForMachines) {
  const CliRun r =
      cli({QStringLiteral("info"), kSource + "/scenes/attention_arrows.js", QStringLiteral("--json"),
           QStringLiteral("--fps"), QStringLiteral("15"), QStringLiteral("--set"), QStringLiteral("source=2")});
  ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
  ASSERT_EQ(error.error, QJsonParseError::NoError) << r.out.toStdString();
  const QJsonObject o = doc.object();
  EXPECT_EQ(o.value(QStringLiteral("fps")).toDouble(), 15);
  EXPECT_TRUE(o.value(QStringLiteral("segments")).isArray());
  EXPECT_TRUE(o.contains(QStringLiteral("duration")));
  const QJsonArray params = o.value(QStringLiteral("params")).toArray();
  ASSERT_EQ(params.size(), 3);
  EXPECT_EQ(params[1].toObject().value(QStringLiteral("value")).toInt(), 2);
  EXPECT_EQ(cli({QStringLiteral("info"), QStringLiteral("--help")}).exitCode, 0);
  EXPECT_EQ(cli({QStringLiteral("info")}).exitCode, 1);
}

TEST(CliFrame, TimeShowsTheAnimationThen) {
  QTemporaryDir dir;
  const QString scene = kSource + "/tests/golden/scenes/self_attention_motion.js";
  auto frameAt = [&](const QString& t, const QString& name) {
    const QString out = dir.filePath(name);
    const CliRun r = cli({QStringLiteral("frame"), scene, QStringLiteral("--time"), t, QStringLiteral("-o"), out,
                          QStringLiteral("--size"), QStringLiteral("480x270")});
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    return QImage(out);
  };
  const QImage early = frameAt(QStringLiteral("1.0"), QStringLiteral("a.png"));
  const QImage late = frameAt(QStringLiteral("7.8"), QStringLiteral("b.png"));
  const QImage again = frameAt(QStringLiteral("1.0"), QStringLiteral("c.png"));
  EXPECT_NE(early, late);
  EXPECT_EQ(early, again);
}

namespace {

const QString kShortScene = QStringLiteral(R"(
const t = Text("Attention", { fontSize: 48 });
play(Write(t), { runTime: 0.5 });
wait(0.5);
)");

QString writeScene(const QTemporaryDir& dir) {
  const QString path = dir.filePath(QStringLiteral("short.js"));
  QFile f(path);
  f.open(QIODevice::WriteOnly);
  f.write(kShortScene.toUtf8());
  return path;
}

}  // namespace

TEST(CliRender, WritesTheMp4AndASummary) {
  QTemporaryDir dir;
  const QString out = dir.filePath(QStringLiteral("short.mp4"));
  const CliRun r = cli({QStringLiteral("render"), writeScene(dir), QStringLiteral("-o"), out,
                        QStringLiteral("--quality"), QStringLiteral("l")});
  ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
  EXPECT_TRUE(r.out.contains(QLatin1String("15 frames, 1.000 s at 15 fps"))) << r.out.toStdString();
  EXPECT_TRUE(r.err.contains(QLatin1String("15/15 frames"))) << r.err.toStdString();  // plain progress lines
  // Nothing but progress: no library's own notes (libavformat's second pass, x264's statistics).
  for (const QString& line : r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
    EXPECT_TRUE(line.contains(QLatin1String(" frames, "))) << line.toStdString();
  EXPECT_GT(QFileInfo(out).size(), 1000);
  EXPECT_EQ(QDir(dir.path()).entryList({QStringLiteral("*.mp4")}, QDir::Files | QDir::Hidden),
            QStringList{QStringLiteral("short.mp4")});
}

TEST(CliRender, WithoutItsVideoModuleAnExportSaysSoAndTheRestStillWorks) {
  // The CLI alone in a folder of its own: the video module is nowhere it looks.
  if (QFileInfo::exists(QStringLiteral(ATTNPLAY_INSTALL_CODECS_DIR "/attnplay-codecs.so")))
    GTEST_SKIP() << "attnplay is installed, so the module is found there";
  QTemporaryDir dir;
  const QString alone = dir.filePath(QStringLiteral("attnplay-cli"));
  ASSERT_TRUE(QFile::copy(QStringLiteral(ATTNPLAY_CLI), alone));
  const auto run = [&](const QStringList& args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("ATTNPLAY_CODECS_DIR"));
    p.setProcessEnvironment(env);
    p.start(alone, args);
    p.waitForFinished(60000);
    return CliRun{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                  QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
  };
  const QString scene = writeScene(dir);
  const CliRun info = run({QStringLiteral("info"), scene});
  EXPECT_EQ(info.exitCode, 0) << info.err.toStdString();
  const QString out = dir.filePath(QStringLiteral("short.mp4"));
  const CliRun render = run(
      {QStringLiteral("render"), scene, QStringLiteral("-o"), out, QStringLiteral("--quality"), QStringLiteral("l")});
  EXPECT_EQ(render.exitCode, 3) << render.err.toStdString();
  EXPECT_TRUE(render.err.contains(QLatin1String("video module (attnplay-codecs.so) cannot be loaded")))
      << render.err.toStdString();
  EXPECT_TRUE(render.err.contains(QLatin1String("ATTNPLAY_CODECS_DIR"))) << render.err.toStdString();
  EXPECT_FALSE(QFileInfo::exists(out));
  EXPECT_EQ(QDir(dir.path()).entryList({QStringLiteral("*.mp4*")}, QDir::Files | QDir::Hidden), QStringList());
}

TEST(CliRender, BadSettingsAndOutputs) {
  QTemporaryDir dir;
  const QString scene = writeScene(dir);
  auto render = [&](QStringList extra) { return cli(QStringList{QStringLiteral("render"), scene} + extra); };
  EXPECT_EQ(render({QStringLiteral("-o"), dir.filePath(QStringLiteral("a.mp4")), QStringLiteral("--size"),
                    QStringLiteral("481x270")})
                .exitCode,
            2);
  EXPECT_EQ(render({QStringLiteral("-o"), dir.filePath(QStringLiteral("a.mp4")), QStringLiteral("--preset"),
                    QStringLiteral("warp")})
                .exitCode,
            2);
  EXPECT_EQ(render({QStringLiteral("-o"), dir.filePath(QStringLiteral("no/a.mp4"))}).exitCode, 3);
  QDir(dir.path()).mkdir(QStringLiteral("taken.mp4"));
  EXPECT_EQ(render({QStringLiteral("-o"), dir.filePath(QStringLiteral("taken.mp4"))}).exitCode, 3);
  EXPECT_EQ(render({QStringLiteral("-o"), dir.filePath(QStringLiteral("a.avi"))}).exitCode, 1);
  EXPECT_EQ(render({QStringLiteral("-o"), dir.filePath(QStringLiteral("a.mp4")), QStringLiteral("--quality"),
                    QStringLiteral("x")})
                .exitCode,
            1);
  // Values that once wrapped round or rounded to nothing are told as they were given.
  const CliRun crf = render(
      {QStringLiteral("-o"), dir.filePath(QStringLiteral("a.mp4")), QStringLiteral("--crf"), QStringLiteral("1e10")});
  EXPECT_EQ(crf.exitCode, 1);
  EXPECT_TRUE(crf.err.contains(QLatin1String("--crf '1e10': expected a whole number from 0 to 51")))
      << crf.err.toStdString();
  const CliRun timeout = render({QStringLiteral("-o"), dir.filePath(QStringLiteral("a.mp4")),
                                 QStringLiteral("--script-timeout"), QStringLiteral("0.0001")});
  EXPECT_EQ(timeout.exitCode, 1);
  EXPECT_TRUE(timeout.err.contains(QLatin1String("expected seconds from 0.001 to 3600"))) << timeout.err.toStdString();
  EXPECT_EQ(render({QStringLiteral("-o"), dir.filePath(QStringLiteral("a.mp4")), QStringLiteral("--to"),
                    QStringLiteral("1e9")})
                .exitCode,
            2);
  EXPECT_EQ(
      QDir(dir.path()).entryList({QStringLiteral("*.mp4*"), QStringLiteral(".*part*")}, QDir::Files | QDir::Hidden),
      QStringList{});
}

TEST(CliRender, DiskFullLeavesNothingBehind) {
  // A real write failure: the shell's file-size limit (50 kB) stops the MP4 part-way.
  QTemporaryDir dir;
  const QString out = dir.filePath(QStringLiteral("big.mp4"));
  QProcess p;
  p.start(
      QStringLiteral("/bin/sh"),
      {QStringLiteral("-c"), QStringLiteral("ulimit -f 50; exec \"$0\" render \"$1\" -o \"$2\" --quality h --crf 0"),
       QStringLiteral(ATTNPLAY_CLI), writeScene(dir), out});
  ASSERT_TRUE(p.waitForFinished(120000));
  const QString err = QString::fromUtf8(p.readAllStandardError());
  EXPECT_EQ(p.exitCode(), 3) << err.toStdString();
  EXPECT_TRUE(err.contains(QLatin1String("disk is full"))) << err.toStdString();
  EXPECT_FALSE(QFile::exists(out));
  EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("short.js")});
}

TEST(CliParams, SidecarFileAndSetWins) {
  QTemporaryDir dir;
  const QString params = dir.filePath(QStringLiteral("p.json"));
  {
    QFile f(params);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(R"({"source": 2, "weights": [0.2, 0.2, 0.2, 0.2, 0.2]})");
  }
  auto sourceOf = [&](QStringList extra) {
    const CliRun r = cli(
        QStringList{QStringLiteral("info"), kSource + "/scenes/self_attention.js", QStringLiteral("--json")} + extra);
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonArray ps = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("params")).toArray();
    for (const auto& p : ps) {
      if (p.toObject().value(QStringLiteral("name")).toString() == QLatin1String("source"))
        return p.toObject().value(QStringLiteral("value")).toInt();
    }
    return -1;
  };
  EXPECT_EQ(sourceOf({}), 1);
  EXPECT_EQ(sourceOf({QStringLiteral("--params"), params}), 2);
  EXPECT_EQ(sourceOf({QStringLiteral("--set"), QStringLiteral("source=3"), QStringLiteral("--params"), params}), 3);
  EXPECT_EQ(sourceOf({QStringLiteral("--params"), params, QStringLiteral("--set"), QStringLiteral("source=4")}), 4);
  EXPECT_EQ(cli({QStringLiteral("info"), kSource + "/scenes/self_attention.js", QStringLiteral("--params"),
                 dir.filePath(QStringLiteral("missing.json"))})
                .exitCode,
            2);
  // A broken file is bad input, told with the line and column where the JSON breaks.
  const QString broken = dir.filePath(QStringLiteral("broken.json"));
  {
    QFile f(broken);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("{\n  \"source\": 2,\n  \"weights\": [0.5, 0.5\n}\n");
  }
  const CliRun bad =
      cli({QStringLiteral("info"), kSource + "/scenes/self_attention.js", QStringLiteral("--params"), broken});
  EXPECT_EQ(bad.exitCode, 2);
  EXPECT_TRUE(bad.err.startsWith(broken + QStringLiteral(":4:1: error: parameters file is not valid JSON")))
      << bad.err.toStdString();
  // A wrong value from the file is told as coming from the file, not from a --set never given.
  const QString wrong = dir.filePath(QStringLiteral("wrong.json"));
  {
    QFile f(wrong);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(R"({"source": "first"})");
  }
  const CliRun fromFile =
      cli({QStringLiteral("info"), kSource + "/scenes/self_attention.js", QStringLiteral("--params"), wrong});
  EXPECT_EQ(fromFile.exitCode, 2);
  EXPECT_TRUE(fromFile.err.contains(QStringLiteral("parameters file '%1': source=\"first\": expected").arg(wrong)))
      << fromFile.err.toStdString();
  EXPECT_FALSE(fromFile.err.contains(QLatin1String("--set"))) << fromFile.err.toStdString();
  // A device is refused at once instead of being read forever.
  const CliRun device =
      cli({QStringLiteral("info"), kSource + "/scenes/self_attention.js", QStringLiteral("--params"), "/dev/zero"});
  EXPECT_EQ(device.exitCode, 2);
  EXPECT_TRUE(device.err.contains(QLatin1String("it is a character device"))) << device.err.toStdString();
}

TEST(CliRender, AnExportKilledOutrightLeavesTheCacheUsable) {
  // SIGKILL: no clean-up at all. The pieces finished before it are whole and used again; any
  // piece being written then is a part file that the next export ignores.
  QTemporaryDir dir;
  const QString cache = dir.filePath(QStringLiteral("cache"));
  const QStringList args = {QStringLiteral("render"),    kSource + "/scenes/self_attention.js",
                            QStringLiteral("-o"),        dir.filePath(QStringLiteral("x.mp4")),
                            QStringLiteral("--size"),    QStringLiteral("640x360"),
                            QStringLiteral("--threads"), QStringLiteral("1")};
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("XDG_CACHE_HOME"), cache);
  QDir pieces(cache + "/attnplay/pieces");
  QProcess p;
  p.setProgram(QStringLiteral(ATTNPLAY_CLI));
  p.setArguments(args);
  p.setProcessEnvironment(env);
  p.start();
  ASSERT_TRUE(p.waitForStarted());
  QElapsedTimer clock;
  clock.start();
  while (pieces.entryList({QStringLiteral("*.piece")}, QDir::Files).isEmpty() && clock.elapsed() < 60000)
    QThread::msleep(5);
  ASSERT_EQ(p.state(), QProcess::Running) << "the export ended before it could be killed";
  ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
  p.waitForFinished(10000);
  const int kept = static_cast<int>(pieces.entryList({QStringLiteral("*.piece")}, QDir::Files).size());
  ASSERT_GE(kept, 1);
  ASSERT_LT(kept, 8);  // the scene has eight pieces: the kill came in the middle

  QProcess again;
  again.setProgram(QStringLiteral(ATTNPLAY_CLI));
  again.setArguments(args);
  again.setProcessEnvironment(env);
  again.start();
  ASSERT_TRUE(again.waitForFinished(120000));
  const QString out = QString::fromUtf8(again.readAllStandardOutput());
  EXPECT_EQ(again.exitCode(), 0) << again.readAllStandardError().toStdString();
  EXPECT_TRUE(out.contains(QLatin1String("468 frames, 7.800 s at 60 fps"))) << out.toStdString();
  const QRegularExpressionMatch m =
      QRegularExpression(QStringLiteral("pieces: (\\d+) encoded, (\\d+) from the cache")).match(out);
  ASSERT_TRUE(m.hasMatch()) << out.toStdString();
  EXPECT_EQ(m.captured(2).toInt(), kept);
  EXPECT_EQ(m.captured(1).toInt() + m.captured(2).toInt(), 8);
}

TEST(CliRender, NoCacheNeitherReadsNorWritesPieces) {
  QTemporaryDir dir;
  const QString cache = dir.filePath(QStringLiteral("cache"));
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("XDG_CACHE_HOME"), cache);
  auto render = [&](const QStringList& extra) {
    QProcess p;
    p.setProgram(QStringLiteral(ATTNPLAY_CLI));
    p.setArguments(QStringList{QStringLiteral("render"), kSource + "/scenes/self_attention.js", QStringLiteral("-o"),
                               dir.filePath(QStringLiteral("x.mp4")), QStringLiteral("--quality"),
                               QStringLiteral("l")} +
                   extra);
    p.setProcessEnvironment(env);
    p.start();
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput());
  };
  EXPECT_TRUE(render({QStringLiteral("--no-cache")}).contains(QLatin1String("from the cache (off)")));
  EXPECT_FALSE(QDir(cache).exists());
  EXPECT_TRUE(render({}).contains(QLatin1String(", 0 from the cache;")));
  const QString warm = render({});
  EXPECT_TRUE(warm.contains(QLatin1String("pieces: 0 encoded"))) << warm.toStdString();
  EXPECT_TRUE(render({QStringLiteral("--no-cache")}).contains(QLatin1String("0 from the cache (off)")));

  const CliRun help = cli({QStringLiteral("render"), QStringLiteral("--help")});
  EXPECT_TRUE(help.out.contains(QLatin1String("--no-cache")));
  EXPECT_TRUE(help.out.contains(QLatin1String("--cache-size")));
  const CliRun bad = cli({QStringLiteral("render"), kSource + "/scenes/shapes.js", QStringLiteral("-o"),
                          dir.filePath(QStringLiteral("y.mp4")), QStringLiteral("--cache-size"), QStringLiteral("1")});
  EXPECT_EQ(bad.exitCode, 1);
  EXPECT_TRUE(bad.err.contains(QLatin1String("--cache-size '1'"))) << bad.err.toStdString();
}

TEST(CliRender, SectionsAreFilesOfTheirOwnWithAnIndex) {
  // As Manim's --save_sections: one MP4 per section in `sections` beside the output and an index;
  // the sections are the export's own frames, so they add up to it.
  QTemporaryDir dir;
  const QString scene = writeScene(dir, QStringLiteral("sections.js"), R"(
    const a = Square({ sideLength: 1, fillColor: BLUE, fillOpacity: 0.8 });
    play(FadeIn(a), { runTime: 0.5 });
    nextSection("move");
    play(a.animate.shift(RIGHT), { runTime: 0.5 });
    wait(0.25);
    nextSection("colour \"red\"");
    play(a.animate.setFill(RED), { runTime: 0.5 });
  )");
  const CliRun run =
      cli({QStringLiteral("render"), scene, QStringLiteral("-o"), dir.filePath(QStringLiteral("demo.mp4")),
           QStringLiteral("--quality"), QStringLiteral("l"), QStringLiteral("--sections")});
  ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
  EXPECT_TRUE(run.out.contains(QLatin1String("sections: 3 in"))) << run.out.toStdString();
  QFile index(dir.filePath(QStringLiteral("sections/demo.json")));
  ASSERT_TRUE(index.open(QIODevice::ReadOnly));
  const QJsonArray sections = QJsonDocument::fromJson(index.readAll()).array();
  ASSERT_EQ(sections.size(), 3);
  const char* names[] = {"autocreated", "move", "colour \"red\""};
  const double starts[] = {0, 0.5, 1.25}, ends[] = {0.5, 1.25, 1.75};
  int frames = 0;
  for (int k = 0; k < 3; ++k) {
    const QJsonObject s = sections[k].toObject();
    EXPECT_EQ(s[QStringLiteral("name")].toString().toStdString(), names[k]);
    EXPECT_EQ(s[QStringLiteral("video")].toString(), QStringLiteral("demo_000%1.mp4").arg(k));
    EXPECT_DOUBLE_EQ(s[QStringLiteral("start")].toDouble(), starts[k]);
    EXPECT_DOUBLE_EQ(s[QStringLiteral("end")].toDouble(), ends[k]);
    EXPECT_EQ(s[QStringLiteral("codec_name")].toString(), QStringLiteral("h264"));
    EXPECT_EQ(s[QStringLiteral("avg_frame_rate")].toString(), QStringLiteral("15/1"));
    EXPECT_TRUE(QFileInfo(dir.filePath(QStringLiteral("sections/") + s[QStringLiteral("video")].toString())).size() >
                0);
    frames += s[QStringLiteral("nb_frames")].toString().toInt();
  }
  EXPECT_EQ(frames, 26);  // round(1.75 × 15): the whole export's frames, shared out
  EXPECT_TRUE(run.out.contains(QLatin1String("26 frames")));

  const CliRun png = cli({QStringLiteral("render"), scene, QStringLiteral("-o"),
                          dir.filePath(QStringLiteral("f_%04d.png")), QStringLiteral("--sections")});
  EXPECT_EQ(png.exitCode, 1);
  EXPECT_TRUE(png.err.contains(QLatin1String("--sections needs a video output"))) << png.err.toStdString();
  EXPECT_TRUE(cli({QStringLiteral("render"), QStringLiteral("--help")}).out.contains(QLatin1String("--sections")));
}

TEST(CliRender, OtherFormatsByTheirExtensionOrFormat) {
  QTemporaryDir dir;
  const QString scene = writeScene(dir);
  const CliRun mkv = cli({QStringLiteral("render"), scene, QStringLiteral("-o"), dir.filePath(QStringLiteral("a.mkv")),
                          QStringLiteral("--quality"), QStringLiteral("l")});
  ASSERT_EQ(mkv.exitCode, 0) << mkv.err.toStdString();
  EXPECT_TRUE(mkv.out.contains(QLatin1String("15 frames"))) << mkv.out.toStdString();
  EXPECT_FALSE(mkv.out.contains(QLatin1String("pieces:")));  // frame by frame, no pieces to speak of
  EXPECT_GT(QFileInfo(dir.filePath(QStringLiteral("a.mkv"))).size(), 1000);
  const CliRun wrong =
      cli({QStringLiteral("render"), scene, QStringLiteral("-o"), dir.filePath(QStringLiteral("b.webm")),
           QStringLiteral("--format"), QStringLiteral("h265")});
  EXPECT_EQ(wrong.exitCode, 1);
  EXPECT_TRUE(wrong.err.contains(QLatin1String("is written to a .mp4 file"))) << wrong.err.toStdString();
  EXPECT_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("b.webm"))));
  EXPECT_TRUE(cli({QStringLiteral("render"), QStringLiteral("--help")}).out.contains(QLatin1String("--format NAME")));
  // Transparency where the format has alpha; a clear refusal where it has none.
  const CliRun mov = cli({QStringLiteral("render"), scene, QStringLiteral("-o"), dir.filePath(QStringLiteral("t.mov")),
                          QStringLiteral("--quality"), QStringLiteral("l"), QStringLiteral("--transparent")});
  EXPECT_EQ(mov.exitCode, 0) << mov.err.toStdString();
  const CliRun mp4 = cli({QStringLiteral("render"), scene, QStringLiteral("-o"), dir.filePath(QStringLiteral("t.mp4")),
                          QStringLiteral("--transparent")});
  EXPECT_EQ(mp4.exitCode, 2);
  EXPECT_TRUE(mp4.err.contains(QLatin1String("has no alpha channel"))) << mp4.err.toStdString();
  EXPECT_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("t.mp4"))));
}

TEST(CliRender, AGifIsTwentyFiveFramesPerSecondUnlessToldAndTakesItsDither) {
  QTemporaryDir dir;
  const QString scene = writeScene(dir);  // one second
  const CliRun gif = cli({QStringLiteral("render"), scene, QStringLiteral("-o"), dir.filePath(QStringLiteral("a.gif")),
                          QStringLiteral("--size"), QStringLiteral("160x90"), QStringLiteral("--dither"),
                          QStringLiteral("bayer"), QStringLiteral("--no-loop")});
  ASSERT_EQ(gif.exitCode, 0) << gif.err.toStdString();
  EXPECT_TRUE(gif.out.contains(QLatin1String("25 frames"))) << gif.out.toStdString();
  const CliRun fast = cli({QStringLiteral("render"), scene, QStringLiteral("-o"), dir.filePath(QStringLiteral("b.gif")),
                           QStringLiteral("--fps"), QStringLiteral("60")});
  EXPECT_EQ(fast.exitCode, 2);
  EXPECT_TRUE(fast.err.contains(QLatin1String("--fps 50"))) << fast.err.toStdString();
  const CliRun unknown =
      cli({QStringLiteral("render"), scene, QStringLiteral("-o"), dir.filePath(QStringLiteral("c.gif")),
           QStringLiteral("--dither"), QStringLiteral("fancy")});
  EXPECT_EQ(unknown.exitCode, 1);
  EXPECT_TRUE(unknown.err.contains(QLatin1String("sierra2_4a"))) << unknown.err.toStdString();
  const CliRun mp4 = cli({QStringLiteral("render"), scene, QStringLiteral("-o"), dir.filePath(QStringLiteral("d.mp4")),
                          QStringLiteral("--no-loop")});
  EXPECT_EQ(mp4.exitCode, 1);
  EXPECT_TRUE(mp4.err.contains(QLatin1String("for a .gif output"))) << mp4.err.toStdString();
  EXPECT_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("b.gif"))));
  EXPECT_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("d.mp4"))));
}

TEST(CliRender, VariantsEachToTheirOwnFileAndABadOneDoesNotStopTheOthers) {
  QTemporaryDir dir;
  const QString scene = writeScene(dir, QStringLiteral("side.js"), R"(
      const side = param("side", 1);
      play(Create(Square({ sideLength: side, fillColor: BLUE, fillOpacity: 1 })), { runTime: 0.5 });
    )");
  const QString variants = writeScene(dir, QStringLiteral("v.jsonl"),
                                      "{\"name\": \"small\", \"side\": 1}\n"
                                      "{\"name\": \"broken\", \"side\": \"wide\"}\n"
                                      "{\"name\": \"large\", \"params\": {\"side\": 3}}\n");
  const QString pattern = dir.filePath(QStringLiteral("out/{name}.mp4"));
  const CliRun run = cli({QStringLiteral("render"), scene, QStringLiteral("--variants"), variants, QStringLiteral("-o"),
                          pattern, QStringLiteral("-ql"), QStringLiteral("--no-cache")});
  EXPECT_EQ(run.exitCode, 4) << run.err.toStdString();
  EXPECT_TRUE(run.out.contains(QLatin1String("variants: 2 of 3 written"))) << run.out.toStdString();
  EXPECT_TRUE(run.err.contains(QLatin1String("variant broken:"))) << run.err.toStdString();
  EXPECT_TRUE(QFileInfo::exists(dir.filePath(QStringLiteral("out/small.mp4"))));
  EXPECT_TRUE(QFileInfo::exists(dir.filePath(QStringLiteral("out/large.mp4"))));
  EXPECT_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("out/broken.mp4"))));
  // Progress covers the batch: its last line counts every good variant's frames.
  EXPECT_TRUE(run.err.contains(QLatin1String("16/16 frames of 3 variants"))) << run.err.toStdString();

  const CliRun same = cli({QStringLiteral("render"), scene, QStringLiteral("--variants"), variants,
                           QStringLiteral("-o"), dir.filePath(QStringLiteral("one.mp4"))});
  EXPECT_EQ(same.exitCode, 1);
  EXPECT_TRUE(same.err.contains(QLatin1String("{name}"))) << same.err.toStdString();
  const QString broken = writeScene(dir, QStringLiteral("bad.jsonl"), "{\"name\": \"a\"}\n{\"name\": \"a\"}\n");
  const CliRun twice =
      cli({QStringLiteral("render"), scene, QStringLiteral("--variants"), broken, QStringLiteral("-o"), pattern});
  EXPECT_EQ(twice.exitCode, 2);
  EXPECT_TRUE(twice.err.contains(QLatin1String("bad.jsonl:2"))) << twice.err.toStdString();
}

namespace {

/// Each decoded frame of a video as a digest of its planes: equal lists, frame-exact videos.
std::vector<QByteArray> decodedFrames(const QString& path) {
  std::vector<QByteArray> out;
  attnplay::test::decodeVideo(
      path.toStdString(), nullptr, [&](const AVFrame& frame, const AVStream&, const AVCodecContext&) {
        QCryptographicHash hash(QCryptographicHash::Md5);
        for (int plane = 0; plane < 3; ++plane) {
          const int rows = plane == 0 ? frame.height : frame.height / 2;
          const int bytes = plane == 0 ? frame.width : frame.width / 2;
          for (int y = 0; y < rows; ++y)
            hash.addData(
                QByteArrayView(frame.data[plane] + static_cast<std::ptrdiff_t>(y) * frame.linesize[plane], bytes));
        }
        out.push_back(hash.result());
      });
  return out;
}

}  // namespace

TEST(CliChunks, ChunksRenderedSideBySideJoinFrameExactToTheOneShotExport) {
  // The fan-out a farm runs, here: N chunk processes at once, then join; the joined MP4 decodes
  // to the one-shot export's frames, every one.
  QTemporaryDir dir;
  const QString scene = kSource + QStringLiteral("/scenes/self_attention.js");
  const CliRun whole =
      cli({QStringLiteral("render"), scene, QStringLiteral("-o"), dir.filePath(QStringLiteral("whole.mp4")),
           QStringLiteral("-ql"), QStringLiteral("--no-cache")});
  ASSERT_EQ(whole.exitCode, 0) << whole.err.toStdString();
  constexpr int kChunks = 3;
  std::vector<std::unique_ptr<QProcess>> running;
  QStringList parts;
  for (int k = 0; k < kChunks; ++k) {
    parts << dir.filePath(QStringLiteral("part%1.mp4").arg(k));
    auto p = std::make_unique<QProcess>();
    p->start(QStringLiteral(ATTNPLAY_CLI),
             {QStringLiteral("render"), scene, QStringLiteral("-o"), parts.back(), QStringLiteral("-ql"),
              QStringLiteral("--no-cache"), QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--chunk"),
              QStringLiteral("%1/%2").arg(k).arg(kChunks)});
    running.push_back(std::move(p));
  }
  std::int64_t covered = 0;
  for (auto& p : running) {
    ASSERT_TRUE(p->waitForFinished(60000));
    ASSERT_EQ(p->exitCode(), 0) << p->readAllStandardError().toStdString();
    const QString said = QString::fromUtf8(p->readAllStandardOutput());
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("frames (\\d+)-(\\d+) of 117")).match(said);
    ASSERT_TRUE(m.hasMatch()) << said.toStdString();
    EXPECT_EQ(m.captured(1).toLongLong(), covered);  // one after another, nothing left out
    covered = m.captured(2).toLongLong();
  }
  EXPECT_EQ(covered, 117);
  const QString joined = dir.filePath(QStringLiteral("joined.mp4"));
  const CliRun join = cli(QStringList{QStringLiteral("join"), QStringLiteral("-o"), joined} + parts);
  ASSERT_EQ(join.exitCode, 0) << join.err.toStdString();
  EXPECT_TRUE(join.out.contains(QLatin1String("117 frames from 3 files"))) << join.out.toStdString();
  const auto expected = decodedFrames(dir.filePath(QStringLiteral("whole.mp4")));
  ASSERT_EQ(expected.size(), 117u);
  EXPECT_EQ(decodedFrames(joined), expected);

  // A chunk left out, or out of order, is refused and nothing is written.
  const QString bad = dir.filePath(QStringLiteral("bad.mp4"));
  const CliRun missing = cli({QStringLiteral("join"), QStringLiteral("-o"), bad, parts[0], parts[2]});
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_TRUE(missing.err.contains(QLatin1String("chunk 1/3 belongs here"))) << missing.err.toStdString();
  const CliRun shortOne = cli({QStringLiteral("join"), QStringLiteral("-o"), bad, parts[0], parts[1]});
  EXPECT_EQ(shortOne.exitCode, 2);
  EXPECT_TRUE(shortOne.err.contains(QLatin1String("missing"))) << shortOne.err.toStdString();
  EXPECT_FALSE(QFileInfo::exists(bad));
  // More chunks than pieces cannot be cut.
  const CliRun many = cli({QStringLiteral("render"), scene, QStringLiteral("-o"), bad, QStringLiteral("-ql"),
                           QStringLiteral("--chunk"), QStringLiteral("0/500")});
  EXPECT_EQ(many.exitCode, 2);
  EXPECT_TRUE(many.err.contains(QLatin1String("too few for 500 chunks"))) << many.err.toStdString();
}

TEST(CliChunks, TheFarmExamplesFanVariantsAndChunksOutAndJoinThem) {
  // examples/batch as a farm runs it, here: every variant × chunk task at once, then the joins;
  // each joined video decodes to the frames of that variant exported in one go.
  QTemporaryDir dir;
  const QString variants = dir.filePath(QStringLiteral("v.jsonl"));
  {
    QFile f(variants);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("{\"name\": \"seed-1\", \"seed\": 1}\n{\"name\": \"seed-7\", \"seed\": 7}\n");
  }
  const QString scene = kSource + QStringLiteral("/scenes/heatmap.js");
  QProcess fan;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("SCENE"), scene);
  env.insert(QStringLiteral("VARIANTS"), variants);
  env.insert(QStringLiteral("CHUNKS"), QStringLiteral("3"));
  env.insert(QStringLiteral("PARTS"), dir.filePath(QStringLiteral("parts")));
  env.insert(QStringLiteral("OUT"), dir.filePath(QStringLiteral("out")));
  env.insert(QStringLiteral("QUALITY"), QStringLiteral("l"));
  env.insert(QStringLiteral("ATTNPLAY_CLI"), QStringLiteral(ATTNPLAY_CLI));
  fan.setProcessEnvironment(env);
  fan.start(QStringLiteral("sh"), {kSource + QStringLiteral("/examples/batch/fan-out-local.sh")});
  ASSERT_TRUE(fan.waitForFinished(120000));
  ASSERT_EQ(fan.exitCode(), 0) << fan.readAllStandardError().toStdString();
  const CliRun once =
      cli({QStringLiteral("render"), scene, QStringLiteral("--variants"), variants, QStringLiteral("-o"),
           dir.filePath(QStringLiteral("once/{name}.mp4")), QStringLiteral("-ql"), QStringLiteral("--no-cache")});
  ASSERT_EQ(once.exitCode, 0) << once.err.toStdString();
  for (const QString& name : {QStringLiteral("seed-1"), QStringLiteral("seed-7")}) {
    const auto expected = decodedFrames(dir.filePath(QStringLiteral("once/%1.mp4").arg(name)));
    ASSERT_EQ(expected.size(), 120u) << name.toStdString();
    EXPECT_EQ(decodedFrames(dir.filePath(QStringLiteral("out/%1.mp4").arg(name))), expected) << name.toStdString();
    EXPECT_TRUE(QFileInfo::exists(dir.filePath(QStringLiteral("parts/%1.2.mp4").arg(name))));
  }
  // The two seeds differ: the variants really ran with their own values.
  EXPECT_NE(decodedFrames(dir.filePath(QStringLiteral("out/seed-1.mp4"))),
            decodedFrames(dir.filePath(QStringLiteral("out/seed-7.mp4"))));
}

#ifdef ATTNPLAY_HAVE_PYTHON
TEST(CliPython, AManimFileTakesItsSceneByNameAsManimDoes) {
  const QString seed = kSource + "/tests/data/python/attention_scenes.py";
  // No name: the scenes are listed, and nothing runs.
  const CliRun listed = cli({QStringLiteral("info"), seed});
  EXPECT_EQ(listed.exitCode, 2);
  EXPECT_TRUE(listed.err.contains(
      QLatin1String("has 4 scenes: SelfAttentionDemo, QKVVisualization, AttentionScoreMatrix, AttentionHeatmap")))
      << listed.err.toStdString();
  const CliRun info =
      cli({QStringLiteral("info"), seed, QStringLiteral("AttentionScoreMatrix"), QStringLiteral("--json")});
  ASSERT_EQ(info.exitCode, 0) << info.err.toStdString();
  EXPECT_TRUE(info.out.contains(QLatin1String("\"duration\": 11.000000"))) << info.out.toStdString();
  // The frame is the JavaScript port's, byte for byte.
  QTemporaryDir dir;
  const QString py = dir.filePath(QStringLiteral("py.png")), js = dir.filePath(QStringLiteral("js.png"));
  const CliRun a = cli({QStringLiteral("frame"), seed, QStringLiteral("AttentionHeatmap"), QStringLiteral("--time"),
                        QStringLiteral("7"), QStringLiteral("-o"), py});
  ASSERT_EQ(a.exitCode, 0) << a.err.toStdString();
  const CliRun b = cli({QStringLiteral("frame"), kSource + "/scenes/heatmap.js", QStringLiteral("--time"),
                        QStringLiteral("7"), QStringLiteral("-o"), js});
  ASSERT_EQ(b.exitCode, 0) << b.err.toStdString();
  QFile fa(py), fb(js);
  ASSERT_TRUE(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
  EXPECT_EQ(fa.readAll(), fb.readAll());
  // A literal of construct() is a parameter: --set edits it, as --set edits the port's.
  const QString edited = dir.filePath(QStringLiteral("edited.png")), port = dir.filePath(QStringLiteral("port.png"));
  const CliRun e = cli({QStringLiteral("frame"), seed, QStringLiteral("SelfAttentionDemo"), QStringLiteral("--set"),
                        QStringLiteral("attention_weights=[0.1, 0.3, 0.1, 0.1, 0.9]"), QStringLiteral("-o"), edited});
  ASSERT_EQ(e.exitCode, 0) << e.err.toStdString();
  const CliRun p = cli({QStringLiteral("frame"), kSource + "/scenes/self_attention.js", QStringLiteral("--set"),
                        QStringLiteral("weights=[0.1, 0.3, 0.1, 0.1, 0.9]"), QStringLiteral("-o"), port});
  ASSERT_EQ(p.exitCode, 0) << p.err.toStdString();
  QFile fe(edited), fp(port);
  ASSERT_TRUE(fe.open(QIODevice::ReadOnly) && fp.open(QIODevice::ReadOnly));
  EXPECT_EQ(fe.readAll(), fp.readAll());
  // A render of one scene of the file.
  const QString mp4 = dir.filePath(QStringLiteral("a.mp4"));
  const CliRun r = cli({QStringLiteral("render"), seed, QStringLiteral("QKVVisualization"), QStringLiteral("-o"), mp4,
                        QStringLiteral("-ql")});
  ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
  EXPECT_GT(QFileInfo(mp4).size(), 1000);
  // An unknown scene is bad input; a second extra argument is a usage error.
  EXPECT_EQ(cli({QStringLiteral("info"), seed, QStringLiteral("Nope")}).exitCode, 2);
  EXPECT_EQ(cli({QStringLiteral("info"), seed, QStringLiteral("QKVVisualization"), QStringLiteral("Extra")}).exitCode,
            1);
}
#endif
