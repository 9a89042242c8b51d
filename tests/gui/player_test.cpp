// SPDX-License-Identifier: MIT
#include <signal.h>

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>

#include "app/export_controller.hpp"
#include "app/export_dialog.hpp"
#include "app/main_window.hpp"
#include "app/param_panel.hpp"
#include "app/timeline_widget.hpp"
#include "app/viewport_widget.hpp"
#include "attnplay/render/renderer.hpp"
#include "attnplay/script/scene_script.hpp"

using namespace attnplay;
using namespace attnplay::app;

namespace {

const QString kScene = QStringLiteral(ATTNPLAY_SOURCE_DIR "/scenes/self_attention.js");

void writeFile(const QString& path, const QByteArray& text) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
  f.write(text);
}

const QByteArray kMovingSquare = R"(
const s = Square({ fillColor: BLUE, fillOpacity: 0.5 });
add(s);
play(s.animate.shift(RIGHT.mul(3)), { runTime: 2 });
wait();
)";

}  // namespace

class PlayerTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { qputenv("ATTNPLAY_NO_DIALOGS", "1"); }

  void opensAScene() {
    MainWindow w;
    QVERIFY(w.openScene(kScene));
    QCOMPARE(w.controller().duration(), 7.8);
    QCOMPARE(w.controller().frameCount(), 468);
    QVERIFY(w.controller().error().isEmpty());
  }

  void draggingThePlayheadSeeksAndRepaints() {
    MainWindow w;
    w.resize(1280, 860);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openScene(kScene));
    TimelineWidget* tl = w.timeline();
    const int y = tl->height() / 2;
    QTest::mousePress(tl, Qt::LeftButton, {}, QPoint(qRound(tl->xOf(2.5)), y));
    QTest::mouseMove(tl, QPoint(qRound(tl->xOf(4.0)), y));
    QTest::mouseMove(tl, QPoint(qRound(tl->xOf(5.5)), y));
    QTest::mouseRelease(tl, Qt::LeftButton, {}, QPoint(qRound(tl->xOf(5.5)), y));
    const double expected = tl->timeAt(qRound(tl->xOf(5.5)));
    QCOMPARE(w.controller().frame(), static_cast<std::int64_t>(std::llround(expected * 60)));
    QVERIFY(std::abs(w.controller().time() - 5.5) < 0.05);
    w.viewport()->repaint();
    const QImage shown = w.viewport()->lastImage();
    QCOMPARE(shown, renderImage(w.controller().frameState(), shown.size()));
  }

  void playsInRealTime() {
    MainWindow w;
    QVERIFY(w.openScene(kScene));
    QElapsedTimer clock;
    w.controller().play();
    clock.start();
    QTest::qWait(600);
    const double elapsed = clock.nsecsElapsed() / 1e9;
    const std::int64_t frame = w.controller().frame();
    w.controller().pause();
    // The clock, not the ticks, sets the frame: never ahead of elapsed × 60, and behind it only
    // by the latency of the last tick (generous, for loaded or sanitized runs).
    QVERIFY2(frame <= elapsed * 60 + 1 && frame >= elapsed * 60 - 12,
             qPrintable(QStringLiteral("frame %1 after %2 s").arg(frame).arg(elapsed)));
    w.controller().setSpeed(2.0);
    w.controller().seekFrame(0);
    w.controller().play();
    clock.restart();
    QTest::qWait(300);
    const double fast = clock.nsecsElapsed() / 1e9;
    const auto fastFrame = static_cast<double>(w.controller().frame());
    QVERIFY2(fastFrame <= fast * 120 + 1 && fastFrame >= fast * 120 - 24, qPrintable(QString::number(fastFrame)));
  }

  void exportsThroughTheDialogsSettings() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(w.openScene(kScene));
    ExportDialog dialog(dir.filePath(QStringLiteral("x.mp4")), w.controller().duration());
    dialog.qualityBox()->setCurrentIndex(0);  // 854×480 at 15
    const ExportSettings settings = dialog.settings();
    QCOMPARE(settings.video.width, 854);
    QCOMPARE(settings.video.fps, 15.0);
    QSignalSpy finished(&w, &MainWindow::exportFinished);
    w.startExport(settings);
    w.controller().seekTime(3.0);  // the player stays usable meanwhile
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("x.mp4"))).size() > 1000);
  }

  void exportControllerRunsOneExportAtATime() {
    QTemporaryDir dir;
    const auto scene = loadSceneSource(kMovingSquare.toStdString(), "square.js");
    QVERIFY(scene.ok());
    ExportSettings settings;
    settings.output = dir.filePath(QStringLiteral("one.mp4")).toStdString();
    settings.video.width = 320;
    settings.video.height = 180;
    settings.video.fps = 15;
    ExportController exports;
    QSignalSpy finished(&exports, &ExportController::finished);
    QVERIFY(exports.start(scene->timeline, settings));
    QVERIFY(exports.running());
    ExportSettings second = settings;
    second.output = dir.filePath(QStringLiteral("two.mp4")).toStdString();
    QVERIFY(!exports.start(scene->timeline, second));  // refused, not queued
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(!exports.running());
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("one.mp4"))));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("two.mp4"))));
  }

  void cancellingAnExportLeavesNothing() {
    QTemporaryDir dir;
    const auto scene = loadSceneSource(kMovingSquare.toStdString(), "square.js");
    QVERIFY(scene.ok());
    ExportSettings settings;
    settings.output = dir.filePath(QStringLiteral("cancelled.mp4")).toStdString();
    ExportController exports;
    QSignalSpy finished(&exports, &ExportController::finished);
    QVERIFY(exports.start(scene->timeline, settings));
    exports.cancel();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);
  }

  void savingTheSceneReloadsAtTheSameTime() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("scene.js"));
    writeFile(path, kMovingSquare);
    MainWindow w;
    QVERIFY(w.openScene(path));
    w.controller().seekTime(1.5);
    const auto before = w.controller().timeline();
    QSignalSpy reloaded(&w.controller(), &PlayerController::sceneChanged);
    writeFile(path, QByteArray(kMovingSquare).replace("RIGHT.mul(3)", "LEFT.mul(3)"));
    QVERIFY(reloaded.wait(5000));
    QVERIFY(w.controller().timeline() != before);
    QCOMPARE(w.controller().time(), 1.5);
    // Now moving left: at 1.5 s the square is left of centre.
    const FrameState f = w.controller().frameState();
    QVERIFY(f.items.front().path->bounds().center().x() < 0);
  }

  void aBrokenSceneShowsItsErrorAndKeepsTheLastFrame() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("scene.js"));
    writeFile(path, kMovingSquare);
    MainWindow w;
    w.show();
    QVERIFY(w.openScene(path));
    w.controller().seekTime(1.0);
    const auto good = w.controller().timeline();
    const FrameState frame = w.controller().frameState();
    QSignalSpy errors(&w.controller(), &PlayerController::errorChanged);
    writeFile(path, "const s = Square();\nplay(s.animate.shift(RIGHT)\n");  // missing ')'
    QVERIFY(errors.wait(5000));
    QVERIFY(w.errorPanel()->isVisible());
    const QString text = w.errorPanel()->toPlainText();
    QVERIFY2(text.startsWith(path + QStringLiteral(":3:")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("SyntaxError")));
    QCOMPARE(w.controller().timeline(), good);
    QCOMPARE(w.controller().frameState(), frame);
    // Fixing it clears the error.
    writeFile(path, kMovingSquare);
    QVERIFY(errors.wait(5000));
    QVERIFY(w.controller().error().isEmpty());
  }

  void aForgedHandleIsAnErrorAtItsLine() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("forged.js"));
    writeFile(path, "const s = Square();\nadd(s);\nplay(Create({ _id: 99999 }));\n");
    MainWindow w;
    w.show();
    QVERIFY(!w.openScene(path));
    QVERIFY(w.errorPanel()->isVisible());
    const QString text = w.errorPanel()->toPlainText();
    QVERIFY2(text.startsWith(path + QStringLiteral(":3:")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("forged")), qPrintable(text));
  }

  void aSceneThatCrashesTheEngineLeavesThePlayerRunning() {
    QTemporaryDir dir;
    const QString good = dir.filePath(QStringLiteral("good.js"));
    writeFile(good, "add(Square());\n");
    const QString path = dir.filePath(QStringLiteral("crash.js"));
    // Qt 6.4's engine recurses natively through flat() and dies on a deep enough array.
    writeFile(path, "let a = [];\nfor (let i = 0; i < 1000000; i++) a = [a];\na.flat(Infinity);\n");
    MainWindow w;
    w.controller().setScriptSandbox(QStringLiteral(ATTNPLAY_CLI));
    w.show();
    QVERIFY(w.openScene(good));
    QVERIFY(!w.openScene(path));
    const QString text = w.errorPanel()->toPlainText();
    QVERIFY2(text.startsWith(path + QStringLiteral(": error: the scene script crashed")), qPrintable(text));
    // Still the player, still showing the last good scene.
    QCOMPARE(w.controller().scenePath(), good);
    QVERIFY(w.controller().timeline() != nullptr);
  }

  void ctrlCStopsThePlayerAndItsScript() {
    // The real player, started as a person would, on a scene whose script never ends; its
    // sandbox child is running the script when Ctrl+C comes.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("loop.js"));
    writeFile(path, "add(Square());\nwhile (true) {}\n");
    QProcess player;
    player.setProgram(QStringLiteral(ATTNPLAY_PLAYER));
    player.setArguments({path});
    player.start();
    QVERIFY(player.waitForStarted());
    auto children = [&] {
      QList<qint64> pids;
      for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile stat(QStringLiteral("/proc/") + entry + QStringLiteral("/stat"));
        if (!stat.open(QIODevice::ReadOnly)) continue;
        const QList<QByteArray> fields = stat.readAll().split(')').value(1).split(' ');
        if (fields.size() > 2 && fields[2].toLongLong() == player.processId()) pids << entry.toLongLong();
      }
      return pids;
    };
    QTRY_VERIFY_WITH_TIMEOUT(!children().isEmpty(), 10000);
    const QList<qint64> sandbox = children();
    QElapsedTimer clock;
    clock.start();
    ::kill(static_cast<pid_t>(player.processId()), SIGINT);
    QVERIFY(player.waitForFinished(5000));
    QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(player.exitStatus(), QProcess::NormalExit);
    QCOMPARE(player.exitCode(), 128 + SIGINT);
    for (qint64 pid : sandbox) {
      QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(QStringLiteral("/proc/%1/cmdline").arg(pid)) ||
                                   QFile(QStringLiteral("/proc/%1/cmdline").arg(pid)).size() == 0,
                               3000);
    }
  }

  void panelEditsDriveTheScene() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("self_attention.js"));
    QVERIFY(QFile::copy(kScene, path));
    MainWindow w;
    w.resize(1400, 860);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openScene(path));
    w.controller().seekTime(7.0);
    // The arrow to "sat" (weight 0.4) has stroke 1 + 5·0.4 = 3 and colour GRAY→RED at 0.8.
    auto arrowWidths = [&] {
      std::vector<double> widths;
      for (const DrawItem& item : w.controller().frameState().items) {
        if (item.style.strokeWidth > 1.2 && item.style.strokeWidth < 7 && item.style.fillOpacity == 0)
          widths.push_back(item.style.strokeWidth);
      }
      return widths;
    };
    auto hasWidth = [&](double width) {
      const auto widths = arrowWidths();
      return std::any_of(widths.begin(), widths.end(), [&](double x) { return std::abs(x - width) < 1e-6; });
    };
    QVERIFY(hasWidth(3.0));
    WeightGrid* grid = w.paramPanel()->grid("weights");
    QVERIFY(grid);
    QSignalSpy rerun(&w.controller(), &PlayerController::sceneChanged);
    const QPoint cell = grid->cellRect(0, 2).center();
    QTest::mousePress(grid, Qt::LeftButton, {}, cell);
    QTest::mouseMove(grid, cell - QPoint(0, 20));
    QTest::mouseMove(grid, cell - QPoint(0, 40));  // +0.2: 0.6
    QTest::mouseRelease(grid, Qt::LeftButton, {}, cell - QPoint(0, 40));
    QTRY_VERIFY_WITH_TIMEOUT(hasWidth(4.0), 5000);
    QVERIFY(!hasWidth(3.0));
    const auto weights = QString::fromStdString(w.controller().overrides().at("weights"));
    QVERIFY2(weights.contains(QLatin1String("0.6")), qPrintable(weights));
    for (const DrawItem& item : w.controller().frameState().items) {
      if (std::abs(item.style.strokeWidth - 4.0) < 1e-6 && item.style.fillOpacity == 0) {
        QCOMPARE(item.style.strokeColor.toHex(),
                 interpolateColor(*manim::namedColor("GRAY"), *manim::namedColor("RED"), 1.2).toHex());
      }
    }
    // The sidecar holds the edit.
    const QString sidecar = dir.filePath(QStringLiteral("self_attention.params.json"));
    auto saved = readParamsFile(sidecar.toStdString());
    QVERIFY(saved.ok());
    QCOMPARE(saved->at("weights"), w.controller().overrides().at("weights"));
    // Undo restores the arrow; redo brings the edit back.
    w.undoStack().undo();
    QTRY_VERIFY_WITH_TIMEOUT(hasWidth(3.0), 5000);
    w.undoStack().redo();
    QTRY_VERIFY_WITH_TIMEOUT(hasWidth(4.0), 5000);
    // A reload, and a new window on the same scene, keep the edit.
    QVERIFY(w.controller().reload());
    QVERIFY(hasWidth(4.0));
    QCOMPARE(w.controller().time(), 7.0);
    MainWindow again;
    QVERIFY(again.openScene(path));
    again.controller().seekTime(7.0);
    const FrameState reopened = again.controller().frameState();
    QVERIFY(std::any_of(reopened.items.begin(), reopened.items.end(),
                        [](const DrawItem& i) { return std::abs(i.style.strokeWidth - 4.0) < 1e-6; }));
  }

  void logitsModeShowsTheSoftmax() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("self_attention.js"));
    QVERIFY(QFile::copy(kScene, path));
    MainWindow w;
    QVERIFY(w.openScene(path));
    w.paramPanel()->setLogitsMode("weights", true);
    WeightGrid* grid = w.paramPanel()->grid("weights");
    // The logits start at ln p, whose softmax is the weights as they were.
    QVERIFY(std::abs(grid->values()[0][2] - std::log(0.4)) < 1e-9);
    QSignalSpy rerun(&w.controller(), &PlayerController::sceneChanged);
    Q_EMIT grid->edited(0, 0, 3.0, true);  // a large logit for "The"
    QVERIFY(rerun.wait(5000));
    const QString weights = QString::fromStdString(w.controller().overrides().at("weights"));
    const QJsonArray a = QJsonDocument::fromJson(weights.toUtf8()).array();
    double sum = 0;
    for (const auto& x : a) sum += x.toDouble();
    QVERIFY(std::abs(sum - 1) < 1e-4);  // softmax-normalised
    QVERIFY(a[0].toDouble() > 0.8);     // e³ dominates
  }

  void panelEditorsFollowTheDeclarations() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("choices.js"));
    writeFile(path, R"(
const mode = param("mode", "causal", { choices: ["causal", "full"], label: "Mask" });
const size = param("size", 1.5, { min: 0.5, max: 3 });
const show = param("show", true);
if (show) add(Square({ sideLength: size }));
)");
    MainWindow w;
    QVERIFY(w.openScene(path));
    auto* box = w.paramPanel()->findChild<QComboBox*>(QStringLiteral("mode"));
    QVERIFY(box);
    QCOMPARE(box->count(), 2);
    QSignalSpy rerun(&w.controller(), &PlayerController::sceneChanged);
    box->setCurrentIndex(1);
    QVERIFY(rerun.wait(5000));
    QCOMPARE(w.controller().overrides().at("mode"), std::string("\"full\""));
    auto* spin = w.paramPanel()->findChild<QDoubleSpinBox*>(QStringLiteral("size"));
    QVERIFY(spin);
    spin->setValue(2.5);
    QTRY_VERIFY_WITH_TIMEOUT(!w.controller().frameState().items.empty() &&
                                 std::abs(w.controller().frameState().items[0].path->bounds().width() - 2.5) < 1e-9,
                             5000);
    w.undoStack().undo();
    QTRY_VERIFY_WITH_TIMEOUT(std::abs(w.controller().frameState().items[0].path->bounds().width() - 1.5) < 1e-9, 5000);
  }

  void keysDriveTheTransport() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openScene(kScene));
    QTest::keyClick(&w, Qt::Key_Right);
    QCOMPARE(w.controller().frame(), 1);
    QTest::keyClick(&w, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(w.controller().time(), 2.0);  // the next segment starts at 2 s
    QTest::keyClick(&w, Qt::Key_End);
    QCOMPARE(w.controller().frame(), 468);
    QTest::keyClick(&w, Qt::Key_Left, Qt::ShiftModifier);
    QCOMPARE(w.controller().time(), 6.8);
    QTest::keyClick(&w, Qt::Key_Home);
    QCOMPARE(w.controller().frame(), 0);
    QTest::keyClick(&w, Qt::Key_Space);
    QVERIFY(w.controller().playing());
    QTest::keyClick(&w, Qt::Key_K);
    QVERIFY(!w.controller().playing());
  }
};

QTEST_MAIN(PlayerTest)
#include "player_test.moc"
