// SPDX-License-Identifier: MIT
#include "app/main_window.hpp"

#include <QAction>
#include <QBoxLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeyEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>

#include "app/export_dialog.hpp"
#include "app/param_panel.hpp"
#include "app/timeline_widget.hpp"
#include "app/viewport_widget.hpp"
#include "attnplay/export/png_file.hpp"
#include "attnplay/render/renderer.hpp"

namespace attnplay::app {

namespace {

constexpr int kMaxRecent = 8;

QStringList recentFiles() { return QSettings().value(QStringLiteral("recentFiles")).toStringList(); }

void rememberRecent(const QString& path) {
  QStringList files = recentFiles();
  const QString absolute = QFileInfo(path).absoluteFilePath();
  files.removeAll(absolute);
  files.prepend(absolute);
  while (files.size() > kMaxRecent) files.removeLast();
  QSettings().setValue(QStringLiteral("recentFiles"), files);
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(QStringLiteral("attnplay"));
  setAcceptDrops(true);
  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  viewport_ = new ViewportWidget(controller_, central);
  timeline_ = new TimelineWidget(controller_, central);
  layout->addWidget(viewport_, 1);
  layout->addWidget(timeline_);
  buildTransport(central, layout);
  setCentralWidget(central);

  params_ = new ParamPanel(controller_, undo_, this);
  auto* paramDock = new QDockWidget(tr("Parameters"), this);
  paramDock->setWidget(params_);
  addDockWidget(Qt::RightDockWidgetArea, paramDock);

  errorText_ = new QPlainTextEdit(this);
  errorText_->setReadOnly(true);
  errorDock_ = new QDockWidget(tr("Script error"), this);
  errorDock_->setWidget(errorText_);
  addDockWidget(Qt::BottomDockWidgetArea, errorDock_);
  errorDock_->hide();

  buildMenus();
  connect(&controller_, &PlayerController::frameChanged, this, &MainWindow::updateTimeLabel);
  connect(&controller_, &PlayerController::sceneChanged, this, [this] {
    setWindowTitle(QFileInfo(controller_.scenePath()).fileName() + QStringLiteral(" — attnplay"));
    updateTimeLabel();
  });
  connect(&controller_, &PlayerController::errorChanged, this, &MainWindow::showError);
  connect(&controller_, &PlayerController::playingChanged, this, [this](bool playing) {
    playButton_->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
  });
  connect(&export_, &ExportController::progressed, this, [this](const ExportProgress& p) {
    if (!progress_) return;
    progress_->setValue(static_cast<int>(100 * p.done / std::max<std::int64_t>(1, p.total)));
    progress_->setLabelText(tr("Exporting frame %1 of %2 — %3 fps, %4 s left")
                                .arg(p.done)
                                .arg(p.total)
                                .arg(p.framesPerSecond, 0, 'f', 0)
                                .arg(p.etaSeconds, 0, 'f', 1));
  });
  connect(&export_, &ExportController::finished, this, [this](bool ok, const QString& message) {
    if (progress_) {
      progress_->deleteLater();
      progress_ = nullptr;
    }
    Q_EMIT exportFinished(ok, message);
  });
  connect(this, &MainWindow::exportFinished, this, [this](bool ok, const QString& message) {
    statusBar()->showMessage(message, 10000);
    if (!ok && isVisible() && !qEnvironmentVariableIsSet("ATTNPLAY_NO_DIALOGS")) {
      QMessageBox::warning(this, tr("Export failed"), message);
    }
  });
  resize(1280, 860);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildTransport(QWidget* parent, QBoxLayout* layout) {
  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(6, 4, 6, 4);
  auto button = [&](QStyle::StandardPixmap icon, const QString& tip, auto slot) {
    auto* b = new QPushButton(style()->standardIcon(icon), QString(), parent);
    b->setToolTip(tip);
    b->setFocusPolicy(Qt::NoFocus);
    connect(b, &QPushButton::clicked, &controller_, slot);
    bar->addWidget(b);
    return b;
  };
  button(QStyle::SP_MediaSkipBackward, tr("Previous segment (Shift+←)"), &PlayerController::previousSegment);
  button(QStyle::SP_MediaSeekBackward, tr("One frame back (←)"), [this] { controller_.stepFrames(-1); });
  playButton_ = button(QStyle::SP_MediaPlay, tr("Play/pause (Space)"), &PlayerController::togglePlay);
  button(QStyle::SP_MediaSeekForward, tr("One frame forward (→)"), [this] { controller_.stepFrames(1); });
  button(QStyle::SP_MediaSkipForward, tr("Next segment (Shift+→)"), &PlayerController::nextSegment);
  auto* loop = new QCheckBox(tr("Loop"), parent);
  loop->setFocusPolicy(Qt::NoFocus);
  connect(loop, &QCheckBox::toggled, &controller_, &PlayerController::setLooping);
  bar->addWidget(loop);
  auto* speed = new QComboBox(parent);
  speed->setFocusPolicy(Qt::NoFocus);
  for (double s : {0.25, 0.5, 1.0, 1.5, 2.0}) speed->addItem(QStringLiteral("%1×").arg(s), s);
  speed->setCurrentIndex(2);
  connect(speed, &QComboBox::currentIndexChanged, this,
          [this, speed](int) { controller_.setSpeed(speed->currentData().toDouble()); });
  bar->addWidget(speed);
  bar->addStretch();
  timeLabel_ = new QLabel(parent);
  timeLabel_->setFont(QFont(QStringLiteral("monospace")));
  bar->addWidget(timeLabel_);
  layout->addLayout(bar);
  updateTimeLabel();
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Open…"), QKeySequence::Open, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open scene"), QFileInfo(controller_.scenePath()).path(),
                                                      tr("Scenes (*.js)"));
    if (!path.isEmpty()) openScene(path);
  });
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  updateRecentMenu();
  file->addAction(tr("&Reload"), QKeySequence(Qt::CTRL | Qt::Key_R), &controller_, &PlayerController::reload);
  file->addSeparator();
  file->addAction(tr("&Export MP4…"), QKeySequence(Qt::CTRL | Qt::Key_E), this, &MainWindow::exportVideo);
  file->addAction(tr("Export &Frame as PNG…"), this, &MainWindow::exportFrame);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  QAction* undo = undo_.createUndoAction(this, tr("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = undo_.createRedoAction(this, tr("&Redo"));
  redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
  edit->addAction(undo);
  edit->addAction(redo);
  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addAction(tr("&Full Screen"), QKeySequence(Qt::Key_F11), this,
                  [this] { isFullScreen() ? showNormal() : showFullScreen(); });
}

void MainWindow::updateRecentMenu() {
  recentMenu_->clear();
  for (const QString& path : recentFiles()) {
    recentMenu_->addAction(QFileInfo(path).fileName(), this, [this, path] { openScene(path); })->setToolTip(path);
  }
  recentMenu_->setEnabled(!recentMenu_->isEmpty());
}

bool MainWindow::openScene(const QString& path) {
  undo_.clear();  // edits belong to the scene they were made in
  const bool ok = controller_.open(path);
  if (ok) {
    rememberRecent(path);
    updateRecentMenu();
  }
  return ok;
}

void MainWindow::updateTimeLabel() {
  if (!timeLabel_) return;
  timeLabel_->setText(QStringLiteral("%1 s / %2 s   frame %3 / %4")
                          .arg(controller_.time(), 7, 'f', 3)
                          .arg(controller_.duration(), 0, 'f', 3)
                          .arg(controller_.frame())
                          .arg(controller_.frameCount()));
}

void MainWindow::showError(const QString& error) {
  errorText_->setPlainText(error);
  errorDock_->setVisible(!error.isEmpty());
  if (!error.isEmpty()) statusBar()->showMessage(error.section(QLatin1Char('\n'), 0, 0), 10000);
}

void MainWindow::keyPressEvent(QKeyEvent* event) {
  const bool shift = event->modifiers() & Qt::ShiftModifier;
  switch (event->key()) {
    case Qt::Key_Space:
      controller_.togglePlay();
      break;
    case Qt::Key_Left:
      shift ? controller_.previousSegment() : controller_.stepFrames(-1);
      break;
    case Qt::Key_Right:
      shift ? controller_.nextSegment() : controller_.stepFrames(1);
      break;
    case Qt::Key_Home:
      controller_.goToStart();
      break;
    case Qt::Key_End:
      controller_.goToEnd();
      break;
    case Qt::Key_J:
      controller_.pause();
      controller_.seekTime(controller_.time() - 1);
      break;
    case Qt::Key_K:
      controller_.pause();
      break;
    case Qt::Key_L:
      if (controller_.playing()) controller_.setSpeed(controller_.speed() * 2);
      controller_.play();
      break;
    default:
      QMainWindow::keyPressEvent(event);
      return;
  }
  event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  for (const QUrl& url : event->mimeData()->urls()) {
    if (url.isLocalFile() && url.toLocalFile().endsWith(QLatin1String(".js"))) {
      event->acceptProposedAction();
      return;
    }
  }
}

void MainWindow::dropEvent(QDropEvent* event) {
  for (const QUrl& url : event->mimeData()->urls()) {
    if (url.isLocalFile() && url.toLocalFile().endsWith(QLatin1String(".js"))) {
      openScene(url.toLocalFile());
      return;
    }
  }
}

void MainWindow::exportFrame() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export frame"),
                                                    QFileInfo(controller_.scenePath()).completeBaseName() + ".png",
                                                    tr("PNG image (*.png)"));
  if (path.isEmpty()) return;
  const QImage image = renderImage(controller_.frameState(), QSize(1920, 1080));
  const std::string scene = controller_.scenePath().toStdString();
  if (const Status s = writePngFile(image, path.toStdString(), {scene, paramsSidecarPath(scene)}); !s) {
    QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(s.error().format()));
  }
}

void MainWindow::exportVideo() {
  if (!controller_.timeline() || exporting()) return;
  const QString suggested = QFileInfo(controller_.scenePath()).absolutePath() + "/" +
                            QFileInfo(controller_.scenePath()).completeBaseName() + ".mp4";
  ExportDialog dialog(suggested, controller_.duration(), this);
  if (dialog.exec() == QDialog::Accepted) startExport(dialog.settings());
}

void MainWindow::startExport(const ExportSettings& requested) {
  // The export never overwrites what the player reads: the scene and its sidecar.
  ExportSettings settings = requested;
  const std::string scene = controller_.scenePath().toStdString();
  settings.inputs.push_back(scene);
  settings.inputs.push_back(paramsSidecarPath(scene));
  if (!export_.start(controller_.timeline(), settings)) return;
  progress_ = new QProgressDialog(tr("Exporting…"), tr("Cancel"), 0, 100, this);
  progress_->setWindowModality(Qt::NonModal);  // the player stays usable
  progress_->setMinimumDuration(0);
  connect(progress_, &QProgressDialog::canceled, &export_, &ExportController::cancel);
}

}  // namespace attnplay::app
