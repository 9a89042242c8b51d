// SPDX-License-Identifier: MIT
#include "app/main_window.hpp"

#include <QAction>
#include <QApplication>
#include <QBoxLayout>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTableWidget>
#include <QToolButton>
#include <QUrl>
#include <cmath>

#include "app/export_dialog.hpp"
#include "app/param_panel.hpp"
#include "app/shortcuts.hpp"
#include "app/timecode.hpp"
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

QString withoutMnemonic(QString text) { return text.remove(QLatin1Char('&')); }

/// "*.js", "*.py": every scene language's files, from the registry.
QStringList scenePatterns(const SceneLanguage* only = nullptr) {
  QStringList out;
  for (const SceneLanguage& l : sceneLanguages()) {
    if (only && only != &l) continue;
    for (const std::string& e : l.extensions) out << QLatin1Char('*') + QString::fromStdString(e);
  }
  return out;
}

/// File ▸ Open's filters: all scenes, then one per language.
QString sceneFilter() {
  QStringList filters{MainWindow::tr("Scenes (%1)").arg(scenePatterns().join(QLatin1Char(' ')))};
  for (const SceneLanguage& l : sceneLanguages()) {
    filters << MainWindow::tr("%1 scenes (%2)")
                   .arg(QString::fromStdString(l.name), scenePatterns(&l).join(QLatin1Char(' ')));
  }
  return filters.join(QStringLiteral(";;"));
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

  params_ = new ParamPanel(controller_, undo_, this);
  paramDock_ = new QDockWidget(tr("Parameters"), this);
  paramDock_->setObjectName(QStringLiteral("parameters"));
  paramDock_->setWidget(params_);
  addDockWidget(Qt::RightDockWidgetArea, paramDock_);

  // Under the parameters, not under the viewport: an error appearing does not resize the scene.
  errorText_ = new QPlainTextEdit(this);
  errorText_->setReadOnly(true);
  errorDock_ = new QDockWidget(tr("Script Error"), this);
  errorDock_->setObjectName(QStringLiteral("scriptError"));
  errorDock_->setWidget(errorText_);
  addDockWidget(Qt::RightDockWidgetArea, errorDock_);
  errorDock_->hide();
  exports_ = new ExportQueue(this);
  exportDock_ = new QDockWidget(tr("Exports"), this);
  exportDock_->setObjectName(QStringLiteral("exports"));
  exportDock_->setWidget(exports_);
  addDockWidget(Qt::RightDockWidgetArea, exportDock_);
  exportDock_->hide();
  statusBar();  // there from the start, so the first message does not move the layout

  buildMenus();
  buildTransport(central, layout);
  pages_ = new QStackedWidget(this);
  welcome_ = buildWelcome();
  pages_->addWidget(welcome_);
  pages_->addWidget(central);
  setCentralWidget(pages_);
  connect(&controller_, &PlayerController::frameChanged, this, &MainWindow::updateTimeLabel);
  connect(&controller_, &PlayerController::speedChanged, this, &MainWindow::updateTimeLabel);
  connect(&controller_, &PlayerController::sceneChanged, this, [this] {
    const QString scene =
        controller_.sceneName().isEmpty() ? QString() : QStringLiteral(" · ") + controller_.sceneName();
    setWindowTitle(QFileInfo(controller_.scenePath()).fileName() + scene + QStringLiteral(" — attnplay"));
    if (pages_->currentIndex() != 1) {
      pages_->setCurrentIndex(1);
      viewport_->setFocus();  // from the welcome page straight to the player's keys
    }
    updateTimeLabel();
  });
  connect(&controller_, &PlayerController::errorChanged, this, &MainWindow::showError);
  connect(&controller_, &PlayerController::playingChanged, this, [this](bool playing) {
    action(QStringLiteral("play"))
        ->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
  });
  connect(exports_, &ExportQueue::finished, this, [this](bool ok, const QString& message, bool cancelled) {
    Q_EMIT exportFinished(ok, cancelled ? tr("Export cancelled; nothing was written") : message);
    if (!ok && !cancelled && isVisible() && !qEnvironmentVariableIsSet("ATTNPLAY_NO_DIALOGS")) {
      QMessageBox::warning(this, tr("Export failed"), message);
    }
    if (quitWhenExported_ && !exporting()) close();
  });
  connect(this, &MainWindow::exportFinished, this,
          [this](bool, const QString& message) { statusBar()->showMessage(message, 10000); });
  resize(1280, 860);
  restoreLayout();
  viewport_->setFocus();
}

MainWindow::~MainWindow() = default;

std::function<void()> MainWindow::handlerFor(const QString& id) {
  PlayerController* c = &controller_;
  const QHash<QString, std::function<void()>> handlers = {
      {QStringLiteral("open"),
       [this] {
         const QString path = QFileDialog::getOpenFileName(this, tr("Open scene"),
                                                           QFileInfo(controller_.scenePath()).path(), sceneFilter());
         if (!path.isEmpty()) openScene(path);
       }},
      {QStringLiteral("reload"), [c] { c->reload(); }},
      {QStringLiteral("chooseScene"),
       [this] {
         if (!controller_.scenePath().isEmpty()) openScene(controller_.scenePath(), true);
       }},
      {QStringLiteral("exportVideo"), [this] { exportVideo(); }},
      {QStringLiteral("exportVariants"), [this] { exportVideo(true); }},
      {QStringLiteral("exportFrame"), [this] { exportFrame(); }},
      {QStringLiteral("quit"), [this] { close(); }},
      {QStringLiteral("play"), [c] { c->togglePlay(); }},
      {QStringLiteral("reverse"), [c] { c->shuttle(-1); }},
      {QStringLiteral("pause"), [c] { c->pause(); }},
      {QStringLiteral("forward"), [c] { c->shuttle(1); }},
      {QStringLiteral("frameBack"), [c] { c->stepFrames(-1); }},
      {QStringLiteral("frameForward"), [c] { c->stepFrames(1); }},
      {QStringLiteral("secondBack"), [c] { c->stepSeconds(-1); }},
      {QStringLiteral("secondForward"), [c] { c->stepSeconds(1); }},
      {QStringLiteral("previousSegment"), [c] { c->previousSegment(); }},
      {QStringLiteral("nextSegment"), [c] { c->nextSegment(); }},
      {QStringLiteral("start"), [c] { c->goToStart(); }},
      {QStringLiteral("end"), [c] { c->goToEnd(); }},
      {QStringLiteral("inPoint"), [c] { c->setInPoint(); }},
      {QStringLiteral("outPoint"), [c] { c->setOutPoint(); }},
      {QStringLiteral("clearInOut"), [c] { c->clearInOut(); }},
      {QStringLiteral("zoomIn"), [this] { timeline_->zoomBy(1.5); }},
      {QStringLiteral("zoomOut"), [this] { timeline_->zoomBy(1 / 1.5); }},
      {QStringLiteral("zoomFit"), [this] { timeline_->zoomToFit(); }},
      {QStringLiteral("fullScreen"), [this] { isFullScreen() ? showNormal() : showFullScreen(); }},
      {QStringLiteral("escape"), [this] { escape(); }},
      {QStringLiteral("shortcuts"), [this] { shortcutsDialog()->show(); }},
      {QStringLiteral("docs"),
       [this] {
         const QString guide = QStringLiteral(ATTNPLAY_SOURCE_DIR "/docs/user-guide.md");
         if (!QFileInfo::exists(guide) || !QDesktopServices::openUrl(QUrl::fromLocalFile(guide))) {
           statusBar()->showMessage(tr("The user guide is docs/user-guide.md in attnplay's source"), 10000);
         }
       }},
      {QStringLiteral("about"), [this] { QMessageBox::about(this, tr("About attnplay"), aboutText()); }},
  };
  return handlers.value(id);
}

void MainWindow::buildMenus() {
  QHash<QString, QMenu*> menus;
  for (const QString& name : {tr("File"), tr("Edit"), tr("Playback"), tr("View"), tr("Help")}) {
    menus.insert(name, menuBar()->addMenu(QLatin1Char('&') + name));
  }
  for (const Command& command : playerCommands()) {
    QAction* a = nullptr;
    if (command.id == QLatin1String("undo")) {
      a = undo_.createUndoAction(this, command.text);
    } else if (command.id == QLatin1String("redo")) {
      a = undo_.createRedoAction(this, command.text);
    } else {
      a = new QAction(command.text, this);
      if (command.id == QLatin1String("loop")) {
        a->setCheckable(true);
        connect(a, &QAction::toggled, &controller_, &PlayerController::setLooping);
      } else {
        connect(a, &QAction::triggered, this, handlerFor(command.id));
      }
    }
    a->setObjectName(command.id);
    a->setShortcuts(command.keys);
    // Window-wide: the keys work whatever has focus, except in a text field that is being
    // edited, which claims the keys it needs (letters, arrows, Home, End) for itself.
    a->setShortcutContext(Qt::WindowShortcut);
    if (!command.keys.isEmpty()) {
      a->setToolTip(withoutMnemonic(command.text) + QStringLiteral(" (") +
                    command.keys.front().toString(QKeySequence::NativeText) + QLatin1Char(')'));
    }
    QMenu* menu = menus.value(command.menu);
    menu->addAction(a);
    actions_.insert(command.id, a);
    if (command.id == QLatin1String("open")) {
      recentMenu_ = menu->addMenu(tr("Open &Recent"));
      updateRecentMenu();
    }
    if (command.id == QLatin1String("reload") || command.id == QLatin1String("exportFrame") ||
        command.id == QLatin1String("end") || command.id == QLatin1String("clearInOut") ||
        command.id == QLatin1String("zoomFit") || command.id == QLatin1String("shortcuts")) {
      menu->addSeparator();
    }
  }
  // Every dock can be brought back from View, however it was closed.
  QMenu* view = menus.value(tr("View"));
  view->addSeparator();
  view->addAction(paramDock_->toggleViewAction());
  view->addAction(errorDock_->toggleViewAction());
  view->addAction(exportDock_->toggleViewAction());
  const auto icon = [this](const char* id, QStyle::StandardPixmap pixmap) {
    action(QString::fromLatin1(id))->setIcon(style()->standardIcon(pixmap));
  };
  icon("previousSegment", QStyle::SP_MediaSkipBackward);
  icon("frameBack", QStyle::SP_MediaSeekBackward);
  icon("play", QStyle::SP_MediaPlay);
  icon("frameForward", QStyle::SP_MediaSeekForward);
  icon("nextSegment", QStyle::SP_MediaSkipForward);
}

void MainWindow::buildTransport(QWidget* parent, QBoxLayout* layout) {
  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(6, 4, 6, 4);
  for (const char* id : {"previousSegment", "frameBack", "play", "frameForward", "nextSegment", "loop"}) {
    auto* b = new QToolButton(parent);
    b->setDefaultAction(action(QString::fromLatin1(id)));
    b->setFocusPolicy(Qt::NoFocus);
    if (QLatin1String(id) == QLatin1String("loop")) b->setText(tr("Loop"));
    bar->addWidget(b);
  }
  auto* speed = new QComboBox(parent);
  speed->setFocusPolicy(Qt::NoFocus);
  for (double s : {0.25, 0.5, 1.0, 1.5, 2.0}) speed->addItem(QStringLiteral("%1×").arg(s), s);
  speed->setCurrentIndex(2);
  speed->setToolTip(tr("Playback speed (J and L go faster)"));
  connect(speed, &QComboBox::activated, this,
          [this, speed](int) { controller_.setSpeed(speed->currentData().toDouble()); });
  connect(&controller_, &PlayerController::speedChanged, speed,
          [speed](double s) { speed->setCurrentIndex(speed->findData(s)); });
  bar->addWidget(speed);
  bar->addStretch();

  // Time you can type: seconds, a frame ("330f"), m:ss or hh:mm:ss:ff; Enter goes there.
  timeField_ = new QLineEdit(parent);
  timeField_->setObjectName(QStringLiteral("timeField"));
  timeField_->setFixedWidth(90);
  timeField_->setAlignment(Qt::AlignRight);
  timeField_->setToolTip(tr("Go to a time: 5.5, 330f, 1:05.5 or 00:00:05:30, then Enter"));
  connect(timeField_, &QLineEdit::returnPressed, this, [this] {
    if (const auto frame = parseTimecode(timeField_->text(), controller_.fps())) {
      controller_.pause();
      controller_.seekFrame(*frame);
    }
    updateTimeLabel();
    viewport_->setFocus();
  });
  frameField_ = new QSpinBox(parent);
  frameField_->setObjectName(QStringLiteral("frameField"));
  frameField_->setToolTip(tr("Go to a frame, then Enter"));
  frameField_->setKeyboardTracking(false);
  connect(frameField_, &QSpinBox::editingFinished, this, [this] {
    if (frameField_->value() != controller_.frame()) {
      controller_.pause();
      controller_.seekFrame(frameField_->value());
    }
    if (frameField_->hasFocus()) viewport_->setFocus();
  });
  bar->addWidget(new QLabel(tr("Time"), parent));
  bar->addWidget(timeField_);
  bar->addWidget(new QLabel(tr("Frame"), parent));
  bar->addWidget(frameField_);
  timeLabel_ = new QLabel(parent);
  timeLabel_->setFont(QFont(QStringLiteral("monospace")));
  bar->addWidget(timeLabel_);
  layout->addLayout(bar);
  updateTimeLabel();
}

QString MainWindow::bundledScenesFolder() {
  const QString app = QCoreApplication::applicationDirPath();
  for (const QString& candidate : {app + "/../scenes", app + "/scenes", app + "/../share/attnplay/scenes",
                                   QStringLiteral(ATTNPLAY_SOURCE_DIR "/scenes")}) {
    if (QFileInfo(candidate + "/self_attention.js").exists()) return QDir::cleanPath(candidate);
  }
  return {};
}

QWidget* MainWindow::buildWelcome() {
  auto* page = new QWidget(this);
  page->setObjectName(QStringLiteral("welcome"));
  auto* outer = new QHBoxLayout(page);
  outer->addStretch();
  auto* column = new QVBoxLayout;
  auto* title = new QLabel(tr("<h1>attnplay</h1><p>Open a scene to scrub it, edit its attention weights "
                              "and export it.</p>"),
                           page);
  column->addWidget(title);
  auto* open = new QPushButton(tr("Open a Scene…"), page);
  open->setFocusPolicy(Qt::NoFocus);
  connect(open, &QPushButton::clicked, action(QStringLiteral("open")), &QAction::trigger);
  column->addWidget(open);
  auto list = [this, page, column](const QString& heading) {
    column->addWidget(new QLabel(QStringLiteral("<h3>%1</h3>").arg(heading), page));
    auto* w = new QListWidget(page);
    w->setFocusPolicy(Qt::NoFocus);
    w->setMinimumWidth(420);
    connect(w, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { openScene(item->data(Qt::UserRole).toString()); });
    connect(w, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { openScene(item->data(Qt::UserRole).toString()); });
    column->addWidget(w);
    return w;
  };
  recentList_ = list(tr("Recent scenes"));
  bundledList_ = list(tr("Scenes that come with attnplay"));
  column->addStretch();
  outer->addLayout(column);
  outer->addStretch();
  updateWelcome();
  return page;
}

void MainWindow::updateWelcome() {
  if (!recentList_) return;
  auto fill = [](QListWidget* list, const QStringList& files) {
    list->clear();
    for (const QString& file : files) {
      auto* item =
          new QListWidgetItem(QFileInfo(file).fileName() + QStringLiteral("  —  ") + QFileInfo(file).path(), list);
      item->setData(Qt::UserRole, file);
      item->setToolTip(file);
    }
    list->setVisible(!files.isEmpty());
  };
  fill(recentList_, recentFiles());
  QStringList bundled;
  if (const QString folder = bundledScenesFolder(); !folder.isEmpty()) {
    for (const QString& name : QDir(folder).entryList(scenePatterns(), QDir::Files, QDir::Name)) {
      bundled << QDir(folder).filePath(name);
    }
  }
  fill(bundledList_, bundled);
}

void MainWindow::updateRecentMenu() {
  recentMenu_->clear();
  for (const QString& path : recentFiles()) {
    recentMenu_->addAction(QFileInfo(path).fileName(), this, [this, path] { openScene(path); })->setToolTip(path);
  }
  recentMenu_->setEnabled(!recentMenu_->isEmpty());
}

QString MainWindow::chooseScene(const QString& path, bool ask, bool* cancelled) {
  *cancelled = false;
  auto scenes = scenesInFile(path.toStdString());
  if (!scenes) {
    showError(QString::fromStdString(scenes.error().format()));
    *cancelled = true;
    return {};
  }
  if (scenes->size() < 2) return {};
  QStringList names;
  for (const std::string& n : *scenes) names << QString::fromStdString(n);
  // The choice is remembered per file, and asked for the first time and from File ▸ Choose Scene.
  QSettings settings;
  const QString key = QStringLiteral("sceneChoice/") + QFileInfo(path).absoluteFilePath();
  const QString remembered = settings.value(key).toString();
  if (!ask && names.contains(remembered)) return remembered;
  bool ok = false;
  const QString choice = QInputDialog::getItem(
      this, tr("Choose a scene"), tr("%1 defines %2 scenes. Play:").arg(QFileInfo(path).fileName()).arg(names.size()),
      names, std::max(0, static_cast<int>(names.indexOf(remembered))), false, &ok);
  if (!ok) {
    *cancelled = true;
    return {};
  }
  settings.setValue(key, choice);
  return choice;
}

bool MainWindow::openScene(const QString& path, bool askForScene) {
  bool cancelled = false;
  const QString sceneName = chooseScene(path, askForScene, &cancelled);
  if (cancelled) return false;
  undo_.clear();  // edits belong to the scene they were made in
  const bool ok = controller_.open(path, sceneName);
  if (ok) {
    rememberRecent(path);
    updateRecentMenu();
    updateWelcome();
  }
  return ok;
}

void MainWindow::updateTimeLabel() {
  if (!timeLabel_) return;
  // Typing in a field wins over the playhead until Enter.
  if (!timeField_->hasFocus()) timeField_->setText(QString::number(controller_.time(), 'f', 3));
  if (!frameField_->hasFocus()) {
    const QSignalBlocker quiet(frameField_);
    frameField_->setRange(0, static_cast<int>(controller_.frameCount()));
    frameField_->setValue(static_cast<int>(controller_.frame()));
  }
  QString text = QStringLiteral("/ %1 s · %2 / %3")
                     .arg(controller_.duration(), 0, 'f', 3)
                     .arg(smpte(controller_.frame(), controller_.fps()))
                     .arg(controller_.frameCount());
  if (controller_.speed() != 1.0) {
    text += QStringLiteral(" · %1%2×")
                .arg(controller_.speed() < 0 ? QStringLiteral("◀ ") : QString())
                .arg(std::abs(controller_.speed()));
  }
  timeLabel_->setText(text);
}

void MainWindow::showError(const QString& error) {
  errorText_->setPlainText(error);
  errorDock_->setVisible(!error.isEmpty());
  if (!error.isEmpty()) statusBar()->showMessage(error.section(QLatin1Char('\n'), 0, 0), 10000);
}

void MainWindow::escape() {
  if (isFullScreen()) {
    showNormal();
    return;
  }
  // Out of a text field or an editor, back to where the player's keys are; what was typed in
  // a parameter's field and not applied goes.
  if (params_->isAncestorOf(QApplication::focusWidget())) params_->revert();
  viewport_->setFocus();
}

QDialog* MainWindow::shortcutsDialog() {
  auto* dialog = findChild<QDialog*>(QStringLiteral("shortcutsDialog"));
  if (dialog) return dialog;
  dialog = new QDialog(this);
  dialog->setObjectName(QStringLiteral("shortcutsDialog"));
  dialog->setWindowTitle(tr("Keyboard Shortcuts"));
  auto* table = new QTableWidget(dialog);
  table->setColumnCount(3);
  table->setHorizontalHeaderLabels({tr("Menu"), tr("Command"), tr("Keys")});
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->verticalHeader()->hide();
  for (const Command& command : playerCommands()) {
    if (command.keys.isEmpty()) continue;
    const int row = table->rowCount();
    table->insertRow(row);
    QStringList keys;
    for (const QKeySequence& k : command.keys) keys << k.toString(QKeySequence::NativeText);
    table->setItem(row, 0, new QTableWidgetItem(command.menu));
    table->setItem(row, 1, new QTableWidgetItem(withoutMnemonic(command.text)));
    table->setItem(row, 2, new QTableWidgetItem(keys.join(QStringLiteral(", "))));
  }
  table->resizeColumnsToContents();
  table->horizontalHeader()->setStretchLastSection(true);
  auto* layout = new QVBoxLayout(dialog);
  layout->addWidget(table);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
  connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
  layout->addWidget(buttons);
  dialog->resize(560, 620);
  return dialog;
}

QString MainWindow::aboutText() {
  return tr("<h3>attnplay %1</h3>"
            "<p>A player for Manim-style animations of transformer attention: scrub, edit the "
            "weights, export to MP4.</p>"
            "<p>attnplay is MIT-licensed. It is built with Qt %2 (LGPL 3), FreeType (FreeType "
            "licence), HarfBuzz (MIT), Eigen (MPL 2) and the FFmpeg libraries (LGPL 2.1 or later) "
            "with libx264 (GPL 2 or later).</p>"
            "<p>Bundled fonts: DejaVu Sans and DejaVu Serif (Bitstream Vera licence and public "
            "domain changes), Latin Modern Math (GUST Font License); their licence texts ship "
            "with attnplay in its fonts folder.</p>"
            "<p>Scenes follow Manim Community Edition v0.17.3.</p>")
      .arg(QStringLiteral(ATTNPLAY_VERSION), QString::fromLatin1(qVersion()));
}

void MainWindow::saveLayout() const {
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
}

void MainWindow::restoreLayout() {
  const QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  errorDock_->hide();  // an error belongs to the run that had it
}

MainWindow::CloseDuringExport MainWindow::askOnClose() {
  if (askOnClose_) return askOnClose_();
  QMessageBox box(QMessageBox::Question, tr("An export is running"),
                  tr("Closing the window now would stop the export."), QMessageBox::NoButton, this);
  QPushButton* wait = box.addButton(tr("Keep the Window Open"), QMessageBox::RejectRole);
  QPushButton* cancel = box.addButton(tr("Cancel the Export and Quit"), QMessageBox::DestructiveRole);
  box.addButton(tr("Finish in the Background, then Quit"), QMessageBox::AcceptRole);
  box.setDefaultButton(wait);
  box.exec();
  if (box.clickedButton() == wait) return CloseDuringExport::Wait;
  if (box.clickedButton() == cancel) return CloseDuringExport::CancelExport;
  return CloseDuringExport::FinishInBackground;
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (exporting()) {
    switch (askOnClose()) {
      case CloseDuringExport::Wait:
        event->ignore();
        return;
      case CloseDuringExport::CancelExport:
        exports_->cancelAll();
        break;  // the queue waits for the export and removes its temporary file
      case CloseDuringExport::FinishInBackground:
        saveLayout();
        quitWhenExported_ = true;
        hide();
        event->ignore();
        return;
    }
  }
  saveLayout();
  event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  for (const QUrl& url : event->mimeData()->urls()) {
    if (url.isLocalFile() && sceneLanguageOf(url.toLocalFile().toStdString())) {
      event->acceptProposedAction();
      return;
    }
  }
}

void MainWindow::dropEvent(QDropEvent* event) {
  for (const QUrl& url : event->mimeData()->urls()) {
    if (url.isLocalFile() && sceneLanguageOf(url.toLocalFile().toStdString())) {
      openScene(url.toLocalFile());
      return;
    }
  }
}

void MainWindow::exportFrame() {
  const QString folder = ExportDialog::lastFolder(QFileInfo(controller_.scenePath()).absolutePath());
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export frame"), QDir(folder).filePath(QFileInfo(controller_.scenePath()).completeBaseName() + ".png"),
      tr("PNG image (*.png)"));
  if (path.isEmpty()) return;
  ExportDialog::rememberFolder(path);
  const QImage image = renderImage(controller_.frameState(), QSize(1920, 1080));
  const std::string scene = controller_.scenePath().toStdString();
  if (const Status s = writePngFile(image, path.toStdString(),
                                    {scene, paramsSidecarPath(scene, controller_.sceneName().toStdString())});
      !s) {
    QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(s.error().format()));
  }
}

void MainWindow::exportVideo(bool variants) {
  if (!controller_.timeline()) return;
  // The in/out range when there is one, the whole scene otherwise.
  const double fps = controller_.fps();
  ExportDialog dialog(controller_.scenePath(), controller_.duration(),
                      static_cast<double>(controller_.rangeStart()) / fps,
                      static_cast<double>(controller_.rangeEnd()) / fps, this);
  if (variants) {
    dialog.setWindowTitle(tr("Export Variants"));
    dialog.variantsBox()->setChecked(true);
  }
  if (dialog.exec() != QDialog::Accepted) return;
  const std::vector<Variant> listed = dialog.variants();
  if (listed.empty()) {
    startExport(dialog.settings());
    return;
  }
  auto batch = std::make_shared<VariantBatch>();
  batch->scenePath = controller_.scenePath().toStdString();
  batch->options = controller_.scriptOptions(controller_.scenePath());
  batch->variants = listed;
  batch->pattern = dialog.settings().output;
  startExport(dialog.settings(), std::move(batch));
}

void MainWindow::startExport(const ExportSettings& requested, std::shared_ptr<const VariantBatch> batch) {
  // The export never overwrites what the player reads: the scene and its sidecar.
  ExportSettings settings = requested;
  const std::string scene = controller_.scenePath().toStdString();
  settings.inputs.push_back(scene);
  settings.inputs.push_back(paramsSidecarPath(scene, controller_.sceneName().toStdString()));
  // Pieces kept between exports: exporting again after an edit encodes only what changed.
  if (settings.cacheFolder.empty()) settings.cacheFolder = PieceCache::defaultFolder();
  if (batch)
    exports_->enqueue(std::move(batch), settings);
  else
    exports_->enqueue(controller_.timeline(), settings);
  exportDock_->show();
  exportDock_->raise();
}

}  // namespace attnplay::app
