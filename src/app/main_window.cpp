// SPDX-License-Identifier: MIT
#include "app/main_window.hpp"

#include <QAction>
#include <QApplication>
#include <QBoxLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QStyle>

#include "app/param_panel.hpp"
#include "app/timeline_widget.hpp"
#include "app/viewport_widget.hpp"
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

ExportDialog::ExportDialog(const QString& suggestedPath, double duration, QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Export MP4"));
  auto* form = new QFormLayout(this);
  auto* pathRow = new QHBoxLayout;
  path_ = new QLineEdit(suggestedPath, this);
  auto* browse = new QPushButton(tr("Browse…"), this);
  pathRow->addWidget(path_);
  pathRow->addWidget(browse);
  form->addRow(tr("File"), pathRow);
  quality_ = new QComboBox(this);
  quality_->addItem(tr("Low — 854×480, 15 fps"), QStringLiteral("l"));
  quality_->addItem(tr("Medium — 1280×720, 30 fps"), QStringLiteral("m"));
  quality_->addItem(tr("High — 1920×1080, 60 fps"), QStringLiteral("h"));
  quality_->addItem(tr("4K — 3840×2160, 60 fps"), QStringLiteral("k"));
  quality_->addItem(tr("Custom"), QString());
  quality_->setCurrentIndex(2);
  form->addRow(tr("Quality"), quality_);
  width_ = new QSpinBox(this);
  height_ = new QSpinBox(this);
  for (QSpinBox* s : {width_, height_}) {
    s->setRange(16, 16384);
    s->setSingleStep(2);
  }
  auto* sizeRow = new QHBoxLayout;
  sizeRow->addWidget(width_);
  sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
  sizeRow->addWidget(height_);
  form->addRow(tr("Size"), sizeRow);
  fps_ = new QDoubleSpinBox(this);
  fps_->setRange(1, 240);
  form->addRow(tr("Frame rate"), fps_);
  crf_ = new QSpinBox(this);
  crf_->setRange(0, 51);
  crf_->setValue(18);
  crf_->setToolTip(tr("x264 quality: 18 is visually lossless; higher is smaller"));
  form->addRow(tr("CRF"), crf_);
  from_ = new QDoubleSpinBox(this);
  to_ = new QDoubleSpinBox(this);
  for (QDoubleSpinBox* s : {from_, to_}) {
    s->setRange(0, std::max(duration, 0.0));
    s->setDecimals(3);
    s->setSuffix(QStringLiteral(" s"));
  }
  to_->setValue(duration);
  auto* rangeRow = new QHBoxLayout;
  rangeRow->addWidget(from_);
  rangeRow->addWidget(new QLabel(tr("to"), this));
  rangeRow->addWidget(to_);
  form->addRow(tr("Range"), rangeRow);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
  form->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export MP4"), path_->text(), tr("MP4 video (*.mp4)"));
    if (!chosen.isEmpty()) path_->setText(chosen);
  });
  auto applyQuality = [this] {
    const QString letter = quality_->currentData().toString();
    const bool custom = letter.isEmpty();
    for (QWidget* w : std::initializer_list<QWidget*>{width_, height_, fps_}) w->setEnabled(custom);
    if (custom) return;
    const Quality q = *qualityPreset(letter.at(0).toLatin1());
    width_->setValue(q.width);
    height_->setValue(q.height);
    fps_->setValue(q.fps);
  };
  connect(quality_, &QComboBox::currentIndexChanged, this, applyQuality);
  applyQuality();
}

ExportSettings ExportDialog::settings() const {
  ExportSettings s;
  s.output = path_->text().toStdString();
  s.video.width = width_->value();
  s.video.height = height_->value();
  s.video.fps = fps_->value();
  s.video.crf = crf_->value();
  s.from = from_->value();
  if (to_->value() > from_->value()) s.to = to_->value();
  return s;
}

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
  connect(this, &MainWindow::exportFinished, this, [this](bool ok, const QString& message) {
    statusBar()->showMessage(message, 10000);
    if (!ok && isVisible() && !qEnvironmentVariableIsSet("ATTNPLAY_NO_DIALOGS")) {
      QMessageBox::warning(this, tr("Export failed"), message);
    }
  });
  resize(1280, 860);
}

MainWindow::~MainWindow() {
  cancelExport_ = true;
  if (exportThread_.joinable()) exportThread_.join();
}

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
  if (!image.save(path, "PNG")) QMessageBox::warning(this, tr("Export failed"), tr("Cannot write %1").arg(path));
}

void MainWindow::exportVideo() {
  if (!controller_.timeline() || exporting()) return;
  const QString suggested = QFileInfo(controller_.scenePath()).absolutePath() + "/" +
                            QFileInfo(controller_.scenePath()).completeBaseName() + ".mp4";
  ExportDialog dialog(suggested, controller_.duration(), this);
  if (dialog.exec() == QDialog::Accepted) startExport(dialog.settings());
}

void MainWindow::startExport(const ExportSettings& settings) {
  if (!controller_.timeline() || exporting()) return;
  cancelExport_ = false;
  progress_ = new QProgressDialog(tr("Exporting…"), tr("Cancel"), 0, 100, this);
  progress_->setWindowModality(Qt::NonModal);  // the player stays usable
  progress_->setMinimumDuration(0);
  connect(progress_, &QProgressDialog::canceled, this, [this] { cancelExport_ = true; });
  auto timeline = controller_.timeline();
  exportThread_ = std::thread([this, timeline, settings] {
    ExportJob job(timeline, settings);
    auto result = job.run(
        [this](const ExportProgress& p) {
          QMetaObject::invokeMethod(this, [this, p] {
            if (!progress_) return;
            progress_->setValue(static_cast<int>(100 * p.done / std::max<std::int64_t>(1, p.total)));
            progress_->setLabelText(tr("Exporting frame %1 of %2 — %3 fps, %4 s left")
                                        .arg(p.done)
                                        .arg(p.total)
                                        .arg(p.framesPerSecond, 0, 'f', 0)
                                        .arg(p.etaSeconds, 0, 'f', 1));
          });
        },
        &cancelExport_);
    const bool ok = result.ok();
    const QString message = ok ? tr("Exported %1 (%2 frames in %3 s)")
                                     .arg(QString::fromStdString(settings.output))
                                     .arg(result->frames)
                                     .arg(result->wallSeconds, 0, 'f', 2)
                               : QString::fromStdString(result.error().format());
    QMetaObject::invokeMethod(this, [this, ok, message] { finishExport(ok, message); });
  });
}

void MainWindow::finishExport(bool ok, const QString& message) {
  if (exportThread_.joinable()) exportThread_.join();
  if (progress_) {
    progress_->deleteLater();
    progress_ = nullptr;
  }
  Q_EMIT exportFinished(ok, message);
}

}  // namespace attnplay::app
