// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>

namespace {

const QString kSource = QStringLiteral(ATTNPLAY_SOURCE_DIR);

struct CliRun {
  int exitCode = -1;
  QString out, err;
};

CliRun cli(const QStringList& args) {
  QProcess p;
  p.setProgram(QStringLiteral(ATTNPLAY_CLI));
  p.setArguments(args);
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

}  // namespace

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
  ASSERT_GE(files.size(), 10);
  for (const QString& f : files) {
    const QString out = dir.filePath(f + ".png");
    const CliRun r = cli({QStringLiteral("frame"), bad.filePath(f), QStringLiteral("-o"), out,
                          QStringLiteral("--script-timeout"), QStringLiteral("2")});
    EXPECT_EQ(r.exitCode, 2) << f.toStdString() << ": " << r.err.toStdString();
    EXPECT_TRUE(r.err.startsWith(bad.filePath(f) + ":")) << r.err.toStdString();
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
