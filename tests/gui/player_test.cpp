// SPDX-License-Identifier: MIT
#include <signal.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSettings>
#ifdef ATTNPLAY_HAVE_PYTHON
#include "python/python_scenes.hpp"
#endif
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoCommand>
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>

#include "app/export_controller.hpp"
#include "app/export_dialog.hpp"
#include "app/main_window.hpp"
#include "app/param_panel.hpp"
#include "app/shortcuts.hpp"
#include "app/timecode.hpp"
#include "app/timeline_widget.hpp"
#include "app/viewport_widget.hpp"
#include "attnplay/render/renderer.hpp"
#include "attnplay/script/scene_script.hpp"
#include "attnplay/script/script_sandbox.hpp"

using namespace attnplay;
using namespace attnplay::app;

namespace {

const QString kScene = QStringLiteral(ATTNPLAY_SOURCE_DIR "/scenes/self_attention.js");

/// The bundled self-attention scene copied into `dir`, so edits and sidecars stay there; empty
/// when the copy failed.
QString copyOfScene(const QTemporaryDir& dir) {
  const QString path = dir.filePath(QStringLiteral("self_attention.js"));
  return QFile::copy(kScene, path) ? path : QString();
}

/// Shows the window at the size the docs use and opens `path` in it; false if either fails.
/// A mouse drag up by `pixels` from `from`, in two steps, as a hand makes it.
void dragUp(QWidget* widget, const QPoint& from, int pixels) {
  QTest::mousePress(widget, Qt::LeftButton, {}, from);
  QTest::mouseMove(widget, from - QPoint(0, pixels / 2));
  QTest::mouseMove(widget, from - QPoint(0, pixels));
  QTest::mouseRelease(widget, Qt::LeftButton, {}, from - QPoint(0, pixels));
}

bool showAndOpen(MainWindow& w, const QString& path) {
  w.resize(1400, 860);
  w.show();
  return !path.isEmpty() && QTest::qWaitForWindowExposed(&w) && w.openScene(path);
}

/// The processes whose parent is `parent`, from /proc.
QList<qint64> childrenOf(qint64 parent) {
  QList<qint64> pids;
  for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
    QFile stat(QStringLiteral("/proc/") + entry + QStringLiteral("/stat"));
    if (!stat.open(QIODevice::ReadOnly)) continue;
    const QList<QByteArray> fields = stat.readAll().split(')').value(1).split(' ');
    if (fields.size() > 2 && fields[2].toLongLong() == parent) pids << entry.toLongLong();
  }
  return pids;
}

/// True when process `pid` is gone (or a zombie waiting to be reaped).
bool gone(qint64 pid) {
  QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
  if (!stat.open(QIODevice::ReadOnly)) return true;
  return stat.readAll().split(')').value(1).startsWith(" Z");
}

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
  QTemporaryDir settingsDir_;

 private Q_SLOTS:
  void initTestCase() {
    qputenv("ATTNPLAY_NO_DIALOGS", "1");
    // Settings (layout, recent files) of this test process only: tests run side by side.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir_.path());
    qputenv("XDG_CACHE_HOME", settingsDir_.filePath(QStringLiteral("cache")).toLocal8Bit());  // not the user's pieces
#ifdef ATTNPLAY_HAVE_PYTHON
    attnplay::python::installPythonScenes();
#endif
  }

  void aPythonFileOfSeveralScenesAsksWhichOnceAndRemembers() {
#ifdef ATTNPLAY_HAVE_PYTHON
    const QString seed = QStringLiteral(ATTNPLAY_SOURCE_DIR "/tests/data/python/attention_scenes.py");
    QSettings().remove(QStringLiteral("sceneChoice"));
    // Answers the next picker with `name`, counting the pickers shown.
    int asked = 0;
    auto answer = [&](const QString& name) {
      QTimer::singleShot(0, this, [&asked, name] {
        auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
        if (!dialog) return;
        ++asked;
        QVERIFY(dialog->comboBoxItems().contains(QStringLiteral("QKVVisualization")));
        dialog->setTextValue(name);
        dialog->accept();
      });
    };
    {
      MainWindow w;
      answer(QStringLiteral("AttentionHeatmap"));
      QVERIFY(w.openScene(seed));
      QCOMPARE(asked, 1);
      QCOMPARE(w.controller().sceneName(), QStringLiteral("AttentionHeatmap"));
      QCOMPARE(w.controller().duration(), 8.0);
      QVERIFY(w.controller().error().isEmpty());
      // File ▸ Choose Scene… asks again; the playhead's scene changes.
      answer(QStringLiteral("AttentionScoreMatrix"));
      w.action(QStringLiteral("chooseScene"))->trigger();
      QCOMPARE(asked, 2);
      QCOMPARE(w.controller().duration(), 11.0);
    }
    // Opened again, the file plays its last choice without asking.
    MainWindow again;
    answer(QStringLiteral("SelfAttentionDemo"));
    QVERIFY(again.openScene(seed));
    QCoreApplication::processEvents();
    QCOMPARE(asked, 2);
    QCOMPARE(again.controller().sceneName(), QStringLiteral("AttentionScoreMatrix"));
    QCOMPARE(again.controller().duration(), 11.0);
    QSettings().remove(QStringLiteral("sceneChoice"));
#else
    QSKIP("built without Python scenes");
#endif
  }

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
    ExportDialog dialog(QStringLiteral("x"), w.controller().duration(), 0, w.controller().duration());
    dialog.pathEdit()->setText(dir.filePath(QStringLiteral("x.mp4")));
    dialog.qualityBox()->setCurrentIndex(0);  // 854×480 at 15
    const ExportSettings settings = dialog.settings();
    QCOMPARE(settings.video.width, 854);
    QCOMPARE(settings.video.fps, 15.0);
    QSignalSpy finished(&w, &MainWindow::exportFinished);
    w.startExport(settings);
    QVERIFY(w.exportDock()->isVisible() || !w.isVisible());
    w.controller().seekTime(3.0);  // the player stays usable meanwhile
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("x.mp4"))).size() > 1000);
    QVERIFY(w.exportQueue()->statusOf(0).startsWith(QLatin1String("Done")));
  }

  void exportingAgainUsesThePiecesOfTheExportBefore() {
    QTemporaryDir dir;
    // A user cache folder of its own: other cases export the same scene.
    const QByteArray before = qgetenv("XDG_CACHE_HOME");
    qputenv("XDG_CACHE_HOME", dir.filePath(QStringLiteral("cache")).toLocal8Bit());
    const auto restore = qScopeGuard([&] { qputenv("XDG_CACHE_HOME", before); });
    MainWindow w;
    QVERIFY(w.openScene(kScene));
    ExportDialog dialog(QStringLiteral("x"), w.controller().duration(), 0, w.controller().duration());
    dialog.qualityBox()->setCurrentIndex(0);  // 854×480 at 15
    QSignalSpy finished(&w, &MainWindow::exportFinished);
    for (const char* name : {"first.mp4", "second.mp4"}) {
      dialog.pathEdit()->setText(dir.filePath(QString::fromLatin1(name)));
      w.startExport(dialog.settings());
      QVERIFY(finished.wait(60000));
      QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
    }
    QVERIFY2(!w.exportQueue()->statusOf(0).contains(QLatin1String("from the cache")),
             qPrintable(w.exportQueue()->statusOf(0)));
    QVERIFY2(w.exportQueue()->statusOf(1).contains(
                 QRegularExpression(QStringLiteral("; (\\d+) of \\1 pieces from the cache"))),
             qPrintable(w.exportQueue()->statusOf(1)));
    // The pieces went to the user's cache folder.
    QVERIFY(!QDir(dir.filePath(QStringLiteral("cache/attnplay/pieces")))
                 .entryList({QStringLiteral("*.piece")}, QDir::Files)
                 .isEmpty());
  }

  void anExportWithSectionsWritesThemBesideTheVideo() {
    QTemporaryDir dir;
    const QString scene = dir.filePath(QStringLiteral("sections.js"));
    writeFile(scene, R"(
      const a = Square({ sideLength: 1, fillColor: BLUE, fillOpacity: 0.8 });
      play(FadeIn(a), { runTime: 0.5 });
      nextSection("move");
      play(a.animate.shift(RIGHT), { runTime: 0.5 });
    )");
    MainWindow w;
    QVERIFY(w.openScene(scene));
    ExportDialog dialog(scene, w.controller().duration(), 0, w.controller().duration());
    dialog.qualityBox()->setCurrentIndex(0);
    dialog.pathEdit()->setText(dir.filePath(QStringLiteral("out.mp4")));
    dialog.sectionsBox()->setChecked(true);
    QSignalSpy finished(&w, &MainWindow::exportFinished);
    ExportSettings settings = dialog.settings();
    settings.cacheFolder = dir.filePath(QStringLiteral("cache")).toStdString();
    w.startExport(settings);
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
    QVERIFY2(w.exportQueue()->statusOf(0).contains(QLatin1String("2 sections")),
             qPrintable(w.exportQueue()->statusOf(0)));
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("sections/out.json"))));
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("sections/out_0001.mp4"))));
  }

  void exportVariantsWritesOneFilePerLineOverTheCurrentParameters() {
    // File → Export Variants…: the dialog opens on "One file per variant"; each line's values go
    // over the parameters as edited in the panel; a bad line fails alone.
    QTemporaryDir dir;
    const QString scene = dir.filePath(QStringLiteral("what-if.js"));
    writeFile(scene, R"(
      const side = param("side", 1);
      const colour = param("colour", "BLUE", { choices: ["BLUE", "RED"] });
      const square = Square({ sideLength: side, fillColor: colour === "RED" ? RED : BLUE, fillOpacity: 1 });
      play(Create(square), { runTime: 0.5 });
    )");
    MainWindow w;
    QVERIFY(w.openScene(scene));
    w.controller().setParam("colour", "\"RED\"");
    QTRY_VERIFY(!w.controller().running());
    QSignalSpy finished(&w, &MainWindow::exportFinished);
    // What this dialog remembers (PNG, the list) must not reach the next test's dialogs.
    const auto forget = qScopeGuard([] { QSettings().remove(QStringLiteral("export")); });
    // The dialog is driven once it is up; whatever it finds, it closes, so the test never hangs.
    QString opened, problem = QStringLiteral("no dialog");
    bool variantsOn = false;
    QTimer::singleShot(0, this, [&] {
      auto* dialog = qobject_cast<ExportDialog*>(QApplication::activeModalWidget());
      if (!dialog) return;
      variantsOn = dialog->variantsBox()->isChecked();
      opened = dialog->pathEdit()->text();
      dialog->qualityBox()->setCurrentIndex(0);
      dialog->formatBox()->setCurrentIndex(1);  // PNG frames, to look at
      dialog->pathEdit()->setText(dir.filePath(QStringLiteral("out/{name}_%04d.png")));
      dialog->variantsEdit()->setPlainText(
          QStringLiteral("{\"name\": \"small\", \"side\": 1}\n"
                         "{\"name\": \"broken\", \"side\": \"wide\"}\n"
                         "{\"name\": \"large\", \"side\": 4}"));
      problem = dialog->problem();
      if (problem.isEmpty())
        dialog->accept();
      else
        dialog->reject();
    });
    w.action(QStringLiteral("exportVariants"))->trigger();
    QVERIFY(variantsOn);
    QVERIFY2(opened.contains(QLatin1String("{name}")), qPrintable(opened));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(finished.wait(60000));
    const QString status = w.exportQueue()->statusOf(0);
    QVERIFY2(status.contains(QLatin1String("2 of 3 variants")) && status.contains(QLatin1String("broken")),
             qPrintable(status));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("out/broken_0000.png"))));
    // The large square's last frame: red (the panel's edit) at the middle, four units wide.
    const QImage last(dir.filePath(QStringLiteral("out/large_0007.png")));
    QVERIFY(!last.isNull());
    const QColor middle = last.pixelColor(last.width() / 2, last.height() / 2);
    QVERIFY2(middle.red() > 200 && middle.blue() < 140, qPrintable(middle.name()));
    const QImage small(dir.filePath(QStringLiteral("out/small_0007.png")));
    const int x = last.width() / 2 + last.width() * 3 / 28;  // 1.5 units right of the middle (14.2 units wide)
    QVERIFY(last.pixelColor(x, last.height() / 2).red() > 200);
    QVERIFY(small.pixelColor(x, small.height() / 2).red() < 60);
    // A problem is told in the dialog: the same name twice.
    ExportDialog again(scene, w.controller().duration(), 0, w.controller().duration());
    again.variantsBox()->setChecked(true);
    again.variantsEdit()->setPlainText(QStringLiteral("{\"name\": \"a\"}\n{\"name\": \"a\"}"));
    QVERIFY2(again.problem().contains(QLatin1String("line 2")), qPrintable(again.problem()));
    again.variantsBox()->setChecked(false);
    QVERIFY(!again.pathEdit()->text().contains(QLatin1String("{name}")));
  }

  void theExportsPanelShowsWholeStatusLinesAndTheNewest() {
    QTemporaryDir dir;
    MainWindow w;
    w.resize(1200, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openScene(kScene));
    ExportSettings settings;
    settings.video.width = 320;
    settings.video.height = 180;
    settings.video.fps = 5;
    settings.cacheFolder = dir.filePath(QStringLiteral("cache")).toStdString();
    QSignalSpy finished(&w, &MainWindow::exportFinished);
    for (int i = 0; i < 4; ++i) {
      settings.output = dir.filePath(QStringLiteral("a_rather_long_name_for_an_export_%1.mp4").arg(i)).toStdString();
      w.startExport(settings);
    }
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 4, 60000);
    QList<QLabel*> done;
    for (QLabel* label : w.exportQueue()->findChildren<QLabel*>()) {
      if (label->text().startsWith(QLatin1String("Done"))) done.append(label);
    }
    QCOMPARE(done.size(), 4);
    QTest::qWait(50);             // the scroll to the newest is queued
    for (QLabel* label : done) {  // wrapped, and given the height its lines need: nothing clipped
      QVERIFY2(label->height() >= label->heightForWidth(label->width()), qPrintable(label->text()));
    }
    QTRY_VERIFY(!done.back()->visibleRegion().isEmpty());  // the export that ended last is in view
  }

  void theExportDialogChecksRemembersAndAsksBeforeReplacing() {
    QTemporaryDir dir;
    {
      ExportDialog dialog(QStringLiteral("scene"), 7.8, 2.0, 5.0);
      QCOMPARE(dialog.fromBox()->value(), 2.0);  // the in/out range
      QCOMPARE(dialog.toBox()->value(), 5.0);
      dialog.pathEdit()->setText(dir.filePath(QStringLiteral("scene.mp4")));
      QVERIFY(dialog.problem().isEmpty());
      dialog.qualityBox()->setCurrentIndex(4);  // custom
      dialog.widthBox()->setValue(855);
      QVERIFY(dialog.problem().contains(QLatin1String("even")));
      dialog.accept();
      QCOMPARE(dialog.result(), int(QDialog::Rejected));  // still open: nothing accepted
      dialog.widthBox()->setValue(640);
      dialog.toBox()->setValue(1.0);
      QVERIFY(dialog.problem().contains(QLatin1String("range")));
      dialog.toBox()->setValue(5.0);
      dialog.pathEdit()->setText(QStringLiteral("/no/such/folder/x.mp4"));
      QVERIFY(dialog.problem().contains(QLatin1String("does not exist")));
      dialog.formatBox()->setCurrentIndex(1);
      dialog.pathEdit()->setText(dir.filePath(QStringLiteral("f_%s.png")));
      QVERIFY(dialog.problem().contains(QLatin1String("frame number")));
      dialog.formatBox()->setCurrentIndex(0);
      dialog.pathEdit()->setText(dir.filePath(QStringLiteral("scene.mp4")));
      writeFile(dir.filePath(QStringLiteral("scene.mp4")), "keep");
      QString asked;
      dialog.setConfirmReplace([&](const QString& file) {
        asked = file;
        return false;
      });
      dialog.accept();
      QCOMPARE(asked, dir.filePath(QStringLiteral("scene.mp4")));
      QCOMPARE(dialog.result(), int(QDialog::Rejected));
      dialog.setConfirmReplace([](const QString&) { return true; });
      dialog.accept();
      QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    // The next dialog starts where this one ended: the custom size, the same folder.
    ExportDialog next(QStringLiteral("other"), 7.8, 0, 7.8);
    QCOMPARE(next.widthBox()->value(), 640);
    QCOMPARE(next.pathEdit()->text(), dir.filePath(QStringLiteral("other.mp4")));
    next.formatBox()->setCurrentIndex(1);
    QCOMPARE(next.pathEdit()->text(), dir.filePath(QStringLiteral("other_%04d.png")));
    QVERIFY(next.problem().isEmpty());
    // Every format the export writes is offered, each with its own extension.
    QCOMPARE(next.formatBox()->count(), 7);
    next.formatBox()->setCurrentIndex(next.formatBox()->findData(QStringLiteral("vp9")));
    QCOMPARE(next.pathEdit()->text(), dir.filePath(QStringLiteral("other.webm")));
    QVERIFY(next.problem().isEmpty());
    QCOMPARE(next.settings().format, std::string("vp9"));
    next.pathEdit()->setText(dir.filePath(QStringLiteral("other.mp4")));
    QVERIFY(next.problem().contains(QLatin1String(".webm")));
    next.formatBox()->setCurrentIndex(next.formatBox()->findData(QStringLiteral("ffv1")));
    QCOMPARE(next.pathEdit()->text(), dir.filePath(QStringLiteral("other.mkv")));
    QCOMPARE(next.settings().format, std::string("ffv1"));
    // A transparent background where the format keeps alpha, never where it has none.
    next.transparentBox()->setChecked(true);
    QVERIFY(next.settings().transparent);
    next.formatBox()->setCurrentIndex(0);  // H.264
    QVERIFY(!next.transparentBox()->isEnabled());
    QVERIFY(!next.settings().transparent);
    next.formatBox()->setCurrentIndex(1);  // PNG
    QVERIFY(next.transparentBox()->isEnabled());
    QVERIFY(next.settings().transparent);
    // Sections for videos, not for a PNG sequence.
    next.sectionsBox()->setChecked(true);
    QVERIFY(!next.sectionsBox()->isEnabled());
    QVERIFY(!next.settings().sections);
    next.formatBox()->setCurrentIndex(0);
    QVERIFY(next.settings().sections);
    // A GIF: its dither and loop, and a frame rate it can play.
    QVERIFY(!next.ditherBox()->isEnabled());
    next.formatBox()->setCurrentIndex(next.formatBox()->findData(QStringLiteral("gif")));
    QCOMPARE(next.pathEdit()->text(), dir.filePath(QStringLiteral("other.gif")));
    QVERIFY(next.ditherBox()->isEnabled());
    next.ditherBox()->setCurrentIndex(next.ditherBox()->findData(QStringLiteral("bayer")));
    next.loopBox()->setChecked(false);
    QVERIFY(next.settings().dither == Dither::Bayer);
    QVERIFY(!next.settings().loop);
    next.qualityBox()->setCurrentIndex(next.qualityBox()->findData(QString()));  // custom
    next.fpsBox()->setValue(60);
    QVERIFY2(next.problem().contains(QLatin1String("50 frames per second")), qPrintable(next.problem()));
    next.fpsBox()->setValue(25);
    QVERIFY2(next.problem().isEmpty(), qPrintable(next.problem()));
  }

  void theExportPanelQueuesAndCancelsWithoutFailing() {
    QTemporaryDir dir;
    const QString scene = dir.filePath(QStringLiteral("square.js"));
    writeFile(scene, kMovingSquare);
    MainWindow w;
    QVERIFY(w.openScene(scene));
    ExportSettings settings;
    settings.video.width = 1920;
    settings.video.height = 1080;
    settings.output = dir.filePath(QStringLiteral("first.mp4")).toStdString();
    settings.cacheFolder = dir.filePath(QStringLiteral("cache")).toStdString();  // cold: still running when cancelled
    QSignalSpy finished(&w, &MainWindow::exportFinished);
    w.startExport(settings);
    ExportSettings second = settings;
    second.output = dir.filePath(QStringLiteral("frames/f_%04d.png")).toStdString();
    second.video.width = 320;
    second.video.height = 180;
    second.video.fps = 5;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("frames")));
    w.startExport(second);
    QCOMPARE(w.exportQueue()->rows(), 2);
    QCOMPARE(w.exportQueue()->statusOf(1), QStringLiteral("Queued"));
    w.exportQueue()->findChildren<QPushButton*>(QString(), Qt::FindChildrenRecursively).front()->click();  // Cancel
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(1).toString().contains(QLatin1String("cancelled")),
             qPrintable(finished.first().at(1).toString()));
    QVERIFY(w.exportQueue()->statusOf(0).startsWith(QLatin1String("Cancelled")));
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 2, 30000);  // the queued PNG sequence ran next
    QVERIFY(w.exportQueue()->statusOf(1).startsWith(QLatin1String("Done")));
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("frames/f_0000.png"))));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("first.mp4"))));
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
    QCOMPARE(finished.first().at(2).toBool(), true);  // told as cancelled, not as failed
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

  void savingAPythonSceneReloadsItAndShowsItsErrorsWithTheirLine() {
#ifdef ATTNPLAY_HAVE_PYTHON
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("one.py"));
    const QByteArray scene =
        "from manim import *\n"
        "class One(Scene):\n"
        "    def construct(self):\n"
        "        self.play(Create(Square()), run_time=2)\n";
    writeFile(path, scene);
    MainWindow w;
    QVERIFY(w.openScene(path));  // one scene: no picker
    QCOMPARE(w.controller().duration(), 2.0);
    w.controller().seekTime(1.5);
    QSignalSpy reloaded(&w.controller(), &PlayerController::sceneChanged);
    writeFile(path, QByteArray(scene).replace("run_time=2", "run_time=3"));
    QVERIFY(reloaded.wait(5000));
    QCOMPARE(w.controller().duration(), 3.0);
    QCOMPARE(w.controller().time(), 1.5);
    // A mistake: the error panel names the file, line and column and quotes the line; the
    // last good timeline stays.
    QSignalSpy failed(&w.controller(), &PlayerController::errorChanged);
    writeFile(path, QByteArray(scene).replace("Square()", "Square(side_lenght=1)"));
    QVERIFY(failed.wait(5000));
    const QString error = w.controller().error();
    QVERIFY2(error.startsWith(path + QStringLiteral(":4:")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("side_lenght")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("self.play(Create(Square(side_lenght=1)), run_time=2)")), qPrintable(error));
    QCOMPARE(w.controller().duration(), 3.0);
#else
    QSKIP("built without Python scenes");
#endif
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
    // One sandbox process serves run after run: an edit costs a script run, not a process start.
    const long sandbox = scriptSandboxProcess(ATTNPLAY_CLI);
    QVERIFY(sandbox > 0);
    QVERIFY(w.controller().reload());
    QCOMPARE(scriptSandboxProcess(ATTNPLAY_CLI), sandbox);
    QVERIFY(!w.openScene(path));
    const QString text = w.errorPanel()->toPlainText();
    QVERIFY2(text.startsWith(path + QStringLiteral(": error: the scene script crashed")), qPrintable(text));
    // Still the player, still showing the last good scene.
    QCOMPARE(w.controller().scenePath(), good);
    QVERIFY(w.controller().timeline() != nullptr);
    // The next run gets a fresh sandbox.
    QVERIFY(w.controller().reload());
    QVERIFY(scriptSandboxProcess(ATTNPLAY_CLI) > 0);
    QVERIFY(scriptSandboxProcess(ATTNPLAY_CLI) != sandbox);
  }

  void aSandboxedSceneRunsOnceAndNeverInThePlayer() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("scene.js"));
    QFile::copy(QStringLiteral(ATTNPLAY_SOURCE_DIR "/scenes/self_attention.js"), path);
    MainWindow w;
    w.controller().setScriptSandbox(QStringLiteral(ATTNPLAY_CLI));
    w.show();
    const std::uint64_t before = sceneRunsInThisProcess();
    QVERIFY(w.openScene(path));
    QVERIFY(!w.controller().params().empty());  // the declarations came back with the timeline
    QSignalSpy changed(&w.controller(), &PlayerController::sceneChanged);
    w.controller().setParam("weights", "[0.1,0.3,0.4,0.15,0.05]");
    QTRY_COMPARE(changed.count(), 1);
    QVERIFY(w.controller().reload());
    QCOMPARE(sceneRunsInThisProcess(), before);
    // What came back plays as the scene run here does, frame for frame.
    ScriptOptions here = w.controller().scriptOptions(path);
    here.sandboxExecutable.clear();
    auto local = loadSceneFile(path.toStdString(), here);
    QVERIFY(local);
    QCOMPARE(sceneRunsInThisProcess(), before + 1);
    for (double t : {0.0, 1.3, 4.7, 9.0, 99.0}) {
      QVERIFY(w.controller().timeline()->evaluate(t).items == local->timeline->evaluate(t).items);
    }
  }

  void aPythonSceneRunsInTheWorkerAndOneThatNeverEndsLeavesTheWindowResponsive() {
#ifdef ATTNPLAY_HAVE_PYTHON
    QTemporaryDir dir;
    const QString good = dir.filePath(QStringLiteral("good.py"));
    writeFile(good,
              "from manim import *\n"
              "class Good(Scene):\n"
              "    def construct(self):\n"
              "        side = 2\n"
              "        self.play(Create(Square(side_length=side)), run_time=2)\n");
    MainWindow w;
    w.controller().setScriptSandbox(QStringLiteral(ATTNPLAY_CLI));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const std::uint64_t before = sceneRunsInThisProcess();
    QVERIFY(w.openScene(good));
    QSignalSpy changed(&w.controller(), &PlayerController::sceneChanged);
    w.controller().setParam("side", "3");
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(sceneRunsInThisProcess(), before);
    ScriptOptions here = w.controller().scriptOptions(good);
    here.sandboxExecutable.clear();
    auto local = loadSceneFile(good.toStdString(), here);
    QVERIFY(local);
    for (double t : {0.0, 0.7, 2.0}) {
      QVERIFY(w.controller().timeline()->evaluate(t).items == local->timeline->evaluate(t).items);
    }
    // A loop that swallows the TimeoutError: the worker stops it; events flow meanwhile.
    const QString loop = dir.filePath(QStringLiteral("loop.py"));
    writeFile(loop,
              "from manim import *\n"
              "class Loop(Scene):\n"
              "    def construct(self):\n"
              "        while True:\n"
              "            try:\n"
              "                sum(range(100))\n"
              "            except Exception:\n"
              "                continue\n");
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, [&] { ++ticks; });
    timer.start(50);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(!w.openScene(loop));
    QVERIFY2(clock.elapsed() < 7000, qPrintable(QString::number(clock.elapsed())));  // 5 s limit
    QVERIFY2(ticks >= 40, qPrintable(QString::number(ticks)));
    const QString text = w.errorPanel()->toPlainText();
    QVERIFY2(text.startsWith(loop + QStringLiteral(":6: error: the scene script ran longer")), qPrintable(text));
    QCOMPARE(w.controller().scenePath(), good);
    QCOMPARE(sceneRunsInThisProcess(), before + 1);  // the one run here, above
#else
    QSKIP("built without Python scenes");
#endif
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
    auto children = [&] { return childrenOf(player.processId()); };
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

  void aPlayerKilledOutrightTakesItsSandboxAlong() {
    // The sandbox is inside a built-in that never returns when the player dies without a word.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sort.js"));
    writeFile(path, "new Array(2000000).fill(0.5).sort();\n");
    QProcess player;
    player.start(QStringLiteral(ATTNPLAY_PLAYER), {path});
    QVERIFY(player.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(!childrenOf(player.processId()).isEmpty(), 10000);
    const QList<qint64> sandbox = childrenOf(player.processId());
    QTest::qWait(300);
    player.kill();
    QVERIFY(player.waitForFinished(5000));
    for (qint64 pid : sandbox) QTRY_VERIFY_WITH_TIMEOUT(gone(pid), 2000);  // well before its 5 s limit
  }

  void editingAPythonScenesLiteralThickensItsArrowWhereThePlayheadIs() {
#ifdef ATTNPLAY_HAVE_PYTHON
    // The seed's SelfAttentionDemo as Manim users have it: `attention_weights = [...]` in
    // construct() is a parameter, edited in the panel; the file itself is never rewritten.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("attention_scenes.py"));
    QVERIFY(QFile::copy(QStringLiteral(ATTNPLAY_SOURCE_DIR "/tests/data/python/attention_scenes.py"), path));
    const QByteArray before = [&] {
      QFile f(path);
      return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    QSettings().setValue(QStringLiteral("sceneChoice/") + QFileInfo(path).absoluteFilePath(),
                         QStringLiteral("SelfAttentionDemo"));
    MainWindow w;
    QVERIFY(showAndOpen(w, path));
    QCOMPARE(w.controller().sceneName(), QStringLiteral("SelfAttentionDemo"));
    w.controller().seekTime(7.0);
    auto hasWidth = [&](double width) {
      for (const DrawItem& item : w.controller().frameState().items) {
        if (item.style.fillOpacity == 0 && std::abs(item.style.strokeWidth - width) < 1e-6) return true;
      }
      return false;
    };
    QVERIFY(hasWidth(3.0));  // "sat", weight 0.4: 1 + 5 × 0.4
    WeightGrid* grid = w.paramPanel()->grid("attention_weights");
    QVERIFY(grid);
    dragUp(grid, grid->cellRect(0, 2).center(), 40);  // +0.2: 0.6
    QTRY_VERIFY_WITH_TIMEOUT(hasWidth(4.0), 5000);
    QCOMPARE(w.controller().time(), 7.0);
    // Coloured as the scene colours it: interpolate_color(GRAY, RED, weight * 2).
    for (const DrawItem& item : w.controller().frameState().items) {
      if (std::abs(item.style.strokeWidth - 4.0) < 1e-6 && item.style.fillOpacity == 0) {
        QCOMPARE(item.style.strokeColor.toHex(),
                 interpolateColor(*manim::namedColor("GRAY"), *manim::namedColor("RED"), 1.2).toHex());
      }
    }
    auto saved =
        readParamsFile(dir.filePath(QStringLiteral("attention_scenes.SelfAttentionDemo.params.json")).toStdString());
    QVERIFY(saved.ok());
    QVERIFY(saved->count("attention_weights"));
    QFile after(path);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), before);
#else
    QSKIP("built without Python scenes");
#endif
  }

  void panelEditsDriveTheScene() {
    QTemporaryDir dir;
    const QString path = copyOfScene(dir);
    MainWindow w;
    QVERIFY(showAndOpen(w, path));
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
    dragUp(grid, grid->cellRect(0, 2).center(), 40);  // +0.2: 0.6
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
    const QString path = copyOfScene(dir);
    QVERIFY(!path.isEmpty());
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

  void everyEditorShowsTheScenesValueAfterEditsUndoResetAndReload() {
    QTemporaryDir dir;
    const QString path = copyOfScene(dir);
    QVERIFY(!path.isEmpty());
    MainWindow w;
    QVERIFY(w.openScene(path));
    auto* tokens = w.paramPanel()->findChild<QLineEdit*>(QStringLiteral("tokens"));
    auto* source = w.paramPanel()->findChild<QDoubleSpinBox*>(QStringLiteral("source"));
    QVERIFY(tokens && source);
    QCOMPARE(source->maximum(), 4.0);  // the query token is bounded by the number of tokens
    QSignalSpy runs(&w.controller(), &PlayerController::runFinished);
    tokens->setText(QStringLiteral("a b c"));
    Q_EMIT tokens->editingFinished();
    QVERIFY(runs.wait(5000));
    tokens = w.paramPanel()->findChild<QLineEdit*>(QStringLiteral("tokens"));
    source = w.paramPanel()->findChild<QDoubleSpinBox*>(QStringLiteral("source"));
    QCOMPARE(source->maximum(), 2.0);
    QCOMPARE(w.paramPanel()->grid("weights")->values().front().size(), std::size_t{3});
    QCOMPARE(w.undoStack().undoText(), QStringLiteral("Change tokens"));
    w.undoStack().undo();
    QVERIFY(runs.wait(5000));
    tokens = w.paramPanel()->findChild<QLineEdit*>(QStringLiteral("tokens"));
    QCOMPARE(tokens->text(), QStringLiteral("The cat sat on mat"));
    source = w.paramPanel()->findChild<QDoubleSpinBox*>(QStringLiteral("source"));
    source->setValue(3);
    QVERIFY(runs.wait(5000));
    QCOMPARE(w.controller().overrides().at("source"), std::string("3"));
    // Reset: every editor back to the defaults.
    w.paramPanel()->findChild<QPushButton*>()->click();
    QVERIFY(runs.wait(5000));
    QCOMPARE(w.paramPanel()->findChild<QDoubleSpinBox*>(QStringLiteral("source"))->value(), 1.0);
    QVERIFY(!QFileInfo::exists(QString::fromStdString(paramsSidecarPath(path.toStdString()))));
    // The scene file changes its default: the editor shows the new one after the reload.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray text = f.readAll();
    f.close();
    text.replace("[\"The\", \"cat\", \"sat\", \"on\", \"mat\"]", "[\"A\", \"dog\", \"ran\"]");
    writeFile(path, text);  // the player sees the file change and runs it again
    QTRY_COMPARE_WITH_TIMEOUT(w.paramPanel()->findChild<QLineEdit*>(QStringLiteral("tokens"))->text(),
                              QStringLiteral("A dog ran"), 5000);
  }

  void aValueTheSceneRefusesIsNeverSaved() {
    QTemporaryDir dir;
    const QString path = copyOfScene(dir);
    QVERIFY(!path.isEmpty());
    MainWindow w;
    QVERIFY(w.openScene(path));
    QSignalSpy runs(&w.controller(), &PlayerController::runFinished);
    w.controller().setParam("source", "14");
    QVERIFY(runs.wait(5000));
    QVERIFY(w.controller().error().contains(QLatin1String("above the maximum 4")));
    QVERIFY(!QFileInfo::exists(QString::fromStdString(paramsSidecarPath(path.toStdString()))));
    // The panel keeps showing what the scene shows.
    QCOMPARE(w.paramPanel()->findChild<QDoubleSpinBox*>(QStringLiteral("source"))->value(), 1.0);
  }

  void aSidecarValueTheSceneRefusesIsReportedAndTheSceneLoads() {
    QTemporaryDir dir;
    const QString path = copyOfScene(dir);
    QVERIFY(!path.isEmpty());
    const QString sidecar = QString::fromStdString(paramsSidecarPath(path.toStdString()));
    writeFile(sidecar, R"({"source": 14, "weights": [0.2, 0.2, 0.2, 0.2, 0.2]})");
    MainWindow w;
    QVERIFY(w.openScene(path));
    const QString text = w.errorPanel()->toPlainText();
    QVERIFY2(text.startsWith(sidecar + QStringLiteral(": warning:")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("'source'")), qPrintable(text));
    QVERIFY(!w.controller().overrides().count("source"));
    QCOMPARE(w.controller().overrides().count("weights"), std::size_t{1});  // the good value stays
    const auto saved = readParamsFile(sidecar.toStdString());
    QVERIFY(saved.ok() && !saved->count("source") && saved->count("weights"));
  }

  void aBrokenSidecarIsReportedAndTheSceneLoads() {
    QTemporaryDir dir;
    const QString path = copyOfScene(dir);
    const QString sidecar = QString::fromStdString(paramsSidecarPath(path.toStdString()));
    writeFile(sidecar, "{\"source\": 2,");
    MainWindow w;
    QVERIFY(w.openScene(path));
    const QString text = w.errorPanel()->toPlainText();
    QVERIFY2(text.startsWith(sidecar + QStringLiteral(":1:")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("cannot be read")), qPrintable(text));
    QVERIFY(w.errorDock()->isVisibleTo(&w));
    QVERIFY(w.controller().overrides().empty());
  }

  void weightGridsNameTheirTokensAndStayNormalisedDuringADrag() {
    QTemporaryDir dir;
    const QString path = copyOfScene(dir);
    QVERIFY(!path.isEmpty());
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openScene(path));
    WeightGrid* grid = w.paramPanel()->grid("weights");
    QCOMPARE(grid->colLabel(2), QStringLiteral("sat"));
    QCOMPARE(grid->rowLabel(0), QStringLiteral("cat"));  // the query token
    const QPoint cell = grid->cellRect(0, 2).center();
    QTest::mousePress(grid, Qt::LeftButton, {}, cell);
    QTest::mouseMove(grid, cell - QPoint(0, 40));
    double sum = 0;
    for (double v : grid->values()[0]) sum += v;
    QVERIFY2(std::abs(sum - 1) < 1e-9, qPrintable(QString::number(sum)));  // mid-drag, as the scene shows it
    QTest::mouseRelease(grid, Qt::LeftButton, {}, cell - QPoint(0, 40));
    QCOMPARE(w.undoStack().undoText(), QStringLiteral("Change weight cat→sat"));
  }

  void logitsModeSaysItsFormulaAndResetsWithTheWeights() {
    QTemporaryDir dir;
    const QString path = copyOfScene(dir);
    QVERIFY(!path.isEmpty());
    MainWindow w;
    QVERIFY(w.openScene(path));
    w.paramPanel()->setLogitsMode("weights", true);
    bool formula = false;
    for (QLabel* l : w.paramPanel()->findChildren<QLabel*>())
      formula = formula || l->text().contains(QStringLiteral("softmax(z / (T·√d_k))"));
    QVERIFY(formula);
    WeightGrid* grid = w.paramPanel()->grid("weights");
    QSignalSpy runs(&w.controller(), &PlayerController::runFinished);
    Q_EMIT grid->edited(0, 0, 3.0, true);
    QVERIFY(runs.wait(5000));
    w.paramPanel()->findChild<QPushButton*>()->click();  // reset
    QVERIFY(runs.wait(5000));
    QVERIFY(std::abs(grid->values()[0][2] - std::log(0.4)) < 1e-9);  // ln p of the default weights again
  }

  void aNewRandomSeedShowsTheNewWeights() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("heatmap.js"));
    QVERIFY(QFile::copy(QStringLiteral(ATTNPLAY_SOURCE_DIR "/scenes/heatmap.js"), path));
    MainWindow w;
    QVERIFY(w.openScene(path));
    const auto before = w.paramPanel()->grid("weights")->values();
    QSignalSpy runs(&w.controller(), &PlayerController::runFinished);
    w.paramPanel()->findChild<QDoubleSpinBox*>(QStringLiteral("seed"))->setValue(7);
    QVERIFY(runs.wait(5000));
    const auto after = w.paramPanel()->grid("weights")->values();
    QVERIFY(after != before);
    // What the grid shows is what the scene ran with.
    for (const ParamDecl& p : w.controller().params()) {
      if (p.name != "weights") continue;
      const QJsonArray rows = QJsonDocument::fromJson(QByteArray::fromStdString(p.valueJson)).array();
      QCOMPARE(rows[1].toArray()[2].toDouble(), after[1][2]);
    }
  }

  void anErrorOrAMessageDoesNotMoveTheScene() {
    QTemporaryDir dir;
    const QString path = copyOfScene(dir);
    MainWindow w;
    QVERIFY(showAndOpen(w, path));
    QTest::qWait(50);
    const QRect scene = w.viewport()->geometry();
    writeFile(path, "add(Square();\n");  // the watcher reloads it: a syntax error
    QTRY_VERIFY_WITH_TIMEOUT(w.errorDock()->isVisible(), 5000);
    QTest::qWait(50);
    QCOMPARE(w.viewport()->geometry(), scene);
  }

  void aHugeIntegerRangeHasNoSlider() {
    MainWindow w;
    w.show();
    QVERIFY(w.openScene(QStringLiteral(ATTNPLAY_SOURCE_DIR "/scenes/heatmap.js")));
    QTest::qWait(50);
    auto* seed = w.paramPanel()->findChild<QDoubleSpinBox*>(QStringLiteral("seed"));
    QVERIFY(seed && seed->isVisible());
    for (QSlider* slider : seed->parentWidget()->findChildren<QSlider*>()) QVERIFY(!slider->isVisible());
  }

  void withoutASceneTheWindowWelcomes() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.welcomePage()->isVisible());
    QVERIFY(!w.viewport()->isVisible());
    QListWidgetItem* bundled = nullptr;
    for (int i = 0; i < w.bundledList()->count(); ++i) {
      if (w.bundledList()->item(i)->text().startsWith(QLatin1String("self_attention.js")))
        bundled = w.bundledList()->item(i);
    }
    QVERIFY(bundled);
    QTest::mouseClick(w.bundledList()->viewport(), Qt::LeftButton, {},
                      w.bundledList()->visualItemRect(bundled).center());
    QTRY_VERIFY(w.viewport()->isVisible());
    QVERIFY(!w.welcomePage()->isVisible());
    QCOMPARE(QFileInfo(w.controller().scenePath()).fileName(), QStringLiteral("self_attention.js"));
    QVERIFY(w.recentList()->count() >= 1);
    QVERIFY(w.recentList()->item(0)->text().startsWith(QLatin1String("self_attention.js")));
  }

  void keysDriveTheTransport() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QVERIFY(w.openScene(kScene));
    auto key = [](Qt::Key k, Qt::KeyboardModifiers m = Qt::NoModifier) {
      QTest::keyClick(QApplication::focusWidget(), k, m);
    };
    key(Qt::Key_Right);
    QCOMPARE(w.controller().frame(), 1);
    key(Qt::Key_Period);
    QCOMPARE(w.controller().frame(), 2);
    key(Qt::Key_Comma);
    QCOMPARE(w.controller().frame(), 1);
    key(Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(w.controller().frame(), 61);  // one second on
    key(Qt::Key_Down);
    QCOMPARE(w.controller().time(), 2.0);  // the next segment starts at 2 s
    key(Qt::Key_End);
    QCOMPARE(w.controller().frame(), 468);
    key(Qt::Key_Up);
    QCOMPARE(w.controller().time(), 6.8);
    key(Qt::Key_Left, Qt::ShiftModifier);
    QCOMPARE(w.controller().time(), 5.8);
    key(Qt::Key_Home);
    QCOMPARE(w.controller().frame(), 0);
    key(Qt::Key_Space);
    QVERIFY(w.controller().playing());
    key(Qt::Key_K);
    QVERIFY(!w.controller().playing());
    // L plays forwards, again faster; J turns round.
    key(Qt::Key_L);
    QVERIFY(w.controller().playing());
    QCOMPARE(w.controller().speed(), 1.0);
    key(Qt::Key_L);
    QCOMPARE(w.controller().speed(), 2.0);
    key(Qt::Key_J);
    QCOMPARE(w.controller().speed(), -1.0);
    key(Qt::Key_J);
    QCOMPARE(w.controller().speed(), -2.0);
    key(Qt::Key_K);
    // Esc leaves full screen; F11 enters it.
    key(Qt::Key_F11);
    QTRY_VERIFY(w.isFullScreen());
    key(Qt::Key_Escape);
    QTRY_VERIFY(!w.isFullScreen());
  }

  void spacePlaysRightAfterLaunchWhateverHasFocus() {
    // The scene has parameters, so the panel is full of editors; none of them gets the keys.
    QTemporaryDir dir;
    const QString path = copyOfScene(dir);
    QVERIFY(!path.isEmpty());
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QVERIFY(w.openScene(path));
    QTest::qWait(50);  // the panel's editors are shown
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(w.viewport()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QVERIFY(w.controller().playing());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QVERIFY(!w.controller().playing());
    // A slider with focus (after Tab or a click) is not being edited: → steps the playhead.
    const auto sliders = w.paramPanel()->findChildren<QSlider*>();
    QVERIFY(!sliders.isEmpty());
    for (QSlider* slider : sliders) {
      slider->setFocus();
      QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(slider));
      const int before = slider->value();
      const auto frame = w.controller().frame();
      QTest::keyClick(slider, Qt::Key_Right);
      QCOMPARE(slider->value(), before);
      QCOMPARE(w.controller().frame(), frame + 1);
    }
    QVERIFY(w.controller().overrides().empty());  // no key changed a parameter
    // A text field being edited keeps the letters it needs; Esc gives the keys back.
    auto* tokens = w.paramPanel()->findChild<QLineEdit*>(QStringLiteral("tokens"));
    QVERIFY(tokens && tokens->isVisible());
    tokens->setFocus();
    tokens->end(false);
    QTest::keyClicks(tokens, QStringLiteral(" jkl"));
    QVERIFY(tokens->text().endsWith(QLatin1String(" jkl")));
    QVERIFY(!w.controller().playing());
    QTest::keyClick(tokens, Qt::Key_Escape);  // leaves the field without applying what was typed
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(w.viewport()));
    QCOMPARE(tokens->text(), QStringLiteral("The cat sat on mat"));
    QVERIFY(w.controller().overrides().empty());
    QVERIFY(!QFileInfo::exists(QString::fromStdString(paramsSidecarPath(path.toStdString()))));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QVERIFY(w.controller().playing());
  }

  void undoAndRedoKeysAreNotAmbiguous() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QVERIFY(w.openScene(kScene));
    int value = 0;
    struct Step : QUndoCommand {
      int& v;
      explicit Step(int& value) : v(value) {}
      void redo() override { ++v; }
      void undo() override { --v; }
    };
    w.undoStack().push(new Step(value));
    QCOMPARE(value, 1);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(value, 0);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(value, 1);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Z, Qt::ControlModifier);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Y, Qt::ControlModifier);
    QCOMPARE(value, 1);
  }

  void theShortcutListIsTheActionTable() {
    MainWindow w;
    QSet<QString> seen;
    int withKeys = 0;
    for (const Command& command : playerCommands()) {
      QAction* a = w.action(command.id);
      QVERIFY2(a, qPrintable(command.id));
      QCOMPARE(a->shortcuts(), command.keys);
      QVERIFY2(!a->associatedObjects().isEmpty(), qPrintable(command.id));  // in a menu
      for (const QKeySequence& k : command.keys) {
        QVERIFY2(!seen.contains(k.toString()), qPrintable(k.toString()));  // one command per key
        seen.insert(k.toString());
      }
      withKeys += command.keys.isEmpty() ? 0 : 1;
    }
    auto* table = w.shortcutsDialog()->findChild<QTableWidget*>();
    QVERIFY(table);
    QCOMPARE(table->rowCount(), withKeys);
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("Ctrl+O"));
    // The user guide's key table names every key of the table too.
    QFile guide(QStringLiteral(ATTNPLAY_SOURCE_DIR "/docs/user-guide.md"));
    QVERIFY(guide.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(guide.readAll());
    for (const Command& command : playerCommands()) {
      if (command.keys.isEmpty()) continue;
      QString key = command.keys.front().toString(QKeySequence::PortableText);
      key.replace(QLatin1String("Left"), QStringLiteral("←")).replace(QLatin1String("Right"), QStringLiteral("→"));
      key.replace(QLatin1String("Up"), QStringLiteral("↑")).replace(QLatin1String("Down"), QStringLiteral("↓"));
      QVERIFY2(text.contains(QStringLiteral("| ") + key) || text.contains(QStringLiteral("/ ") + key) ||
                   text.contains(QStringLiteral(" or ") + key),
               qPrintable(command.id + QStringLiteral(": ") + key));
    }
    const QString about = MainWindow::aboutText();
    QVERIFY(about.contains(QStringLiteral(ATTNPLAY_VERSION)));
    QVERIFY(about.contains(QLatin1String("GUST Font License")));
    QVERIFY(about.contains(QLatin1String("Bitstream Vera")));
  }

  void inAndOutPointsBoundLoopingAndReversePlays() {
    PlayerController c;
    QVERIFY(c.open(kScene));
    c.seekTime(2.0);
    c.setInPoint();
    c.seekTime(2.5);
    c.setOutPoint();
    QCOMPARE(c.rangeStart(), 120);
    QCOMPARE(c.rangeEnd(), 150);
    c.setLooping(true);
    c.seekTime(2.2);
    c.play();
    QTest::qWait(900);  // longer than the 0.5 s range: it has looped
    QVERIFY(c.playing());
    QVERIFY(c.frame() >= 120 && c.frame() <= 150);
    c.pause();
    c.setLooping(false);
    c.seekTime(2.4);
    c.shuttle(-1);  // backwards, stopping at the in point
    QTRY_VERIFY_WITH_TIMEOUT(!c.playing(), 3000);
    QCOMPARE(c.frame(), 120);
    c.setOutPoint();  // before the out point? no: at the in point, so the in point goes
    QVERIFY(!c.inPoint());
    c.clearInOut();
    QCOMPARE(c.rangeEnd(), c.frameCount());
  }

  void timeYouCanType() {
    QCOMPARE(parseTimecode(QStringLiteral("5.5"), 60), 330);
    QCOMPARE(parseTimecode(QStringLiteral("5.5 s"), 60), 330);
    QCOMPARE(parseTimecode(QStringLiteral("330f"), 60), 330);
    QCOMPARE(parseTimecode(QStringLiteral("1:05.5"), 60), 3930);
    QCOMPARE(parseTimecode(QStringLiteral("00:00:05:30"), 60), 330);
    QCOMPARE(parseTimecode(QStringLiteral("00:00:05:60"), 60), std::nullopt);
    QCOMPARE(parseTimecode(QStringLiteral("-1"), 60), std::nullopt);
    QCOMPARE(parseTimecode(QStringLiteral("soon"), 60), std::nullopt);
    QCOMPARE(smpte(330, 60), QStringLiteral("00:00:05:30"));
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QVERIFY(w.openScene(kScene));
    w.timeField()->setFocus();
    w.timeField()->selectAll();
    QTest::keyClicks(w.timeField(), QStringLiteral("00:00:05:30"));
    QTest::keyClick(w.timeField(), Qt::Key_Return);
    QCOMPARE(w.controller().frame(), 330);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(w.viewport()));
    QCOMPARE(w.frameField()->value(), 330);
  }

  void timelineZoomHasLimitsAndFits() {
    MainWindow w;
    w.resize(1200, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openScene(kScene));
    TimelineWidget* t = w.timeline();
    const double fit = t->pixelsPerSecond();
    for (int i = 0; i < 20; ++i) t->zoomBy(0.5);
    QCOMPARE(t->pixelsPerSecond(), fit);  // never smaller than the whole scene
    for (int i = 0; i < 40; ++i) t->zoomBy(2);
    QCOMPARE(t->pixelsPerSecond(), 40.0 * 60);  // 40 px a frame at most
    w.action(QStringLiteral("zoomFit"))->trigger();
    QCOMPARE(t->pixelsPerSecond(), fit);
    // The full label of a segment is in the hover text, however narrow its block.
    const QString tip = t->toolTipAt(t->xOf(5.5));
    QVERIFY2(tip.contains(QLatin1String("GrowArrow")), qPrintable(tip));
  }

  void docksComeBackFromTheViewMenuAndTheLayoutIsKept() {
    {
      MainWindow w;
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      w.paramDock()->close();
      QVERIFY(!w.paramDock()->isVisible());
      w.paramDock()->toggleViewAction()->trigger();
      QVERIFY(w.paramDock()->isVisible());
      w.paramDock()->close();
      w.resize(1000, 700);
      w.close();
    }
    MainWindow again;
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QVERIFY(!again.paramDock()->isVisible());
    QCOMPARE(again.size(), QSize(1000, 700));
    again.paramDock()->toggleViewAction()->trigger();
    again.close();
  }

  void helpAndVersionNeedNoDisplay() {
    for (const QString& flag : {QStringLiteral("--help"), QStringLiteral("--version")}) {
      QProcess player;
      QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
      env.remove(QStringLiteral("DISPLAY"));
      env.remove(QStringLiteral("WAYLAND_DISPLAY"));
      env.remove(QStringLiteral("QT_QPA_PLATFORM"));
      player.setProcessEnvironment(env);
      player.start(QStringLiteral(ATTNPLAY_PLAYER), {flag});
      QVERIFY(player.waitForFinished(10000));
      QCOMPARE(player.exitStatus(), QProcess::NormalExit);
      QCOMPARE(player.exitCode(), 0);
      const QString out = QString::fromUtf8(player.readAllStandardOutput());
      QVERIFY2(
          out.contains(flag == QLatin1String("--help") ? QStringLiteral("Usage:") : QStringLiteral(ATTNPLAY_VERSION)),
          qPrintable(out));
    }
  }

  void closingDuringAnExportAsksFirst() {
    QTemporaryDir dir;
    const QString scene = dir.filePath(QStringLiteral("square.js"));
    writeFile(scene, kMovingSquare);
    ExportSettings settings;
    settings.video.width = 1920;
    settings.video.height = 1080;
    settings.video.fps = 60;
    for (auto choice : {MainWindow::CloseDuringExport::Wait, MainWindow::CloseDuringExport::CancelExport,
                        MainWindow::CloseDuringExport::FinishInBackground}) {
      const QString out = dir.filePath(QStringLiteral("out%1.mp4").arg(static_cast<int>(choice)));
      settings.output = out.toStdString();
      // A cache of its own each time: pieces of the export before would end this one at once.
      settings.cacheFolder = dir.filePath(QStringLiteral("cache%1").arg(static_cast<int>(choice))).toStdString();
      auto w = std::make_unique<MainWindow>();
      int asked = 0;
      w->setCloseDuringExportChoice([&] {
        ++asked;
        return choice;
      });
      w->show();
      QVERIFY(QTest::qWaitForWindowExposed(w.get()));
      QVERIFY(w->openScene(scene));
      QSignalSpy done(w.get(), &MainWindow::exportFinished);
      w->startExport(settings);
      QVERIFY(w->exporting());
      QVERIFY(!w->close() || choice == MainWindow::CloseDuringExport::CancelExport);
      QCOMPARE(asked, 1);
      if (choice == MainWindow::CloseDuringExport::Wait) {
        QVERIFY(w->isVisible());
        QVERIFY(done.wait(60000));
        QVERIFY(QFileInfo::exists(out));
      } else if (choice == MainWindow::CloseDuringExport::CancelExport) {
        w.reset();  // the window goes, the export is cancelled and leaves nothing
        QVERIFY(!QFileInfo::exists(out));
      } else {
        QVERIFY(!w->isVisible());  // out of the way, still exporting
        QVERIFY(done.wait(60000));
        QVERIFY(QFileInfo::exists(out));
      }
      QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.part")}, QDir::Files | QDir::Hidden).size(), 0);
    }
  }

  void aLoopingScriptLeavesTheWindowResponsive() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("loop.js"));
    writeFile(path, "add(Square());\nwhile (true) {}\n");
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openScene(kScene));
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, [&] { ++ticks; });
    timer.start(50);
    bool staleSeen = false;
    QTimer probe;
    connect(&probe, &QTimer::timeout, [&] { staleSeen = staleSeen || w.viewport()->showsStale(); });
    probe.start(100);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(!w.openScene(path));  // stopped by the 5 s watchdog
    QVERIFY(clock.elapsed() >= 4500);
    QVERIFY2(ticks >= 40, qPrintable(QString::number(ticks)));  // events kept flowing meanwhile
    QVERIFY(staleSeen);
    QVERIFY(!w.viewport()->showsStale());
    QVERIFY(w.controller().timeline() != nullptr);  // the last good scene is still there
  }
};

QTEST_MAIN(PlayerTest)
#include "player_test.moc"
