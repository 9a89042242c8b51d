// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QMainWindow>
#include <QUndoStack>
#include <functional>

#include "app/export_queue.hpp"
#include "app/player_controller.hpp"

class QBoxLayout;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QDockWidget;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QStackedWidget;

namespace attnplay::app {

class ParamPanel;
class TimelineWidget;
class ViewportWidget;

/// The player window: viewport, timeline, transport, menus, error panel.
class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  PlayerController& controller() { return controller_; }
  ViewportWidget* viewport() const { return viewport_; }
  TimelineWidget* timeline() const { return timeline_; }
  QPlainTextEdit* errorPanel() const { return errorText_; }
  ParamPanel* paramPanel() const { return params_; }
  QUndoStack& undoStack() { return undo_; }

  /// Opens a scene file; for a file that defines several scenes (a Python file), the one
  /// chosen for it before, or the one the user picks now (always when `askForScene`).
  bool openScene(const QString& path, bool askForScene = false);
  /// Exports off the UI thread with a progress dialog; `exportFinished` reports the outcome.
  /// With `batch`, each of its variants to its own file.
  void startExport(const ExportSettings& settings, std::shared_ptr<const VariantBatch> batch = nullptr);
  bool exporting() const { return exports_->busy(); }
  ExportQueue* exportQueue() const { return exports_; }

  /// The action of a command in playerCommands(), by id ("play", "redo", …).
  QAction* action(const QString& id) const { return actions_.value(id); }
  QDockWidget* paramDock() const { return paramDock_; }
  QDockWidget* errorDock() const { return errorDock_; }
  QDockWidget* exportDock() const { return exportDock_; }
  QLineEdit* timeField() const { return timeField_; }
  QSpinBox* frameField() const { return frameField_; }
  /// Shown until a scene is open: recent scenes, the bundled scenes, Open….
  QWidget* welcomePage() const { return welcome_; }
  QListWidget* recentList() const { return recentList_; }
  QListWidget* bundledList() const { return bundledList_; }
  /// The folder of the scenes that come with attnplay (beside the executable, installed, or in
  /// the source tree); empty when none is found.
  static QString bundledScenesFolder();
  /// Help → Keyboard Shortcuts and Help → About, built from the same data the window uses.
  QDialog* shortcutsDialog();
  static QString aboutText();

  /// What closing the window during an export does; asked with a message box unless set.
  enum class CloseDuringExport { Wait, CancelExport, FinishInBackground };
  void setCloseDuringExportChoice(std::function<CloseDuringExport()> ask) { askOnClose_ = std::move(ask); }

 Q_SIGNALS:
  void exportFinished(bool ok, const QString& message);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  /// Which scene of `path` to play: empty for a file of one scene; `cancelled` when the user
  /// closed the picker or the file cannot be read (the error is shown).
  QString chooseScene(const QString& path, bool ask, bool* cancelled);
  void buildMenus();
  std::function<void()> handlerFor(const QString& id);
  void escape();
  void saveLayout() const;
  void restoreLayout();
  CloseDuringExport askOnClose();
  void buildTransport(QWidget* parent, QBoxLayout* layout);
  QWidget* buildWelcome();
  void updateWelcome();
  void updateRecentMenu();
  void updateTimeLabel();
  void showError(const QString& error);
  void exportFrame();
  /// With `variants`, the dialog opens on "One file per variant".
  void exportVideo(bool variants = false);

  PlayerController controller_;
  QUndoStack undo_;
  ParamPanel* params_ = nullptr;
  ViewportWidget* viewport_ = nullptr;
  TimelineWidget* timeline_ = nullptr;
  QLabel* timeLabel_ = nullptr;
  QLineEdit* timeField_ = nullptr;
  QSpinBox* frameField_ = nullptr;
  QHash<QString, QAction*> actions_;
  QDockWidget* paramDock_ = nullptr;
  std::function<CloseDuringExport()> askOnClose_;
  bool quitWhenExported_ = false;
  QMenu* recentMenu_ = nullptr;
  QDockWidget* errorDock_ = nullptr;
  QPlainTextEdit* errorText_ = nullptr;
  ExportQueue* exports_ = nullptr;
  QDockWidget* exportDock_ = nullptr;
  QStackedWidget* pages_ = nullptr;
  QWidget* welcome_ = nullptr;
  QListWidget *recentList_ = nullptr, *bundledList_ = nullptr;
};

}  // namespace attnplay::app
