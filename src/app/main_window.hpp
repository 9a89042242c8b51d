// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>
#include <QUndoStack>

#include "app/export_controller.hpp"
#include "app/player_controller.hpp"

class QBoxLayout;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QProgressDialog;
class QPushButton;
class QDockWidget;

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

  bool openScene(const QString& path);
  /// Exports off the UI thread with a progress dialog; `exportFinished` reports the outcome.
  void startExport(const ExportSettings& settings);
  bool exporting() const { return export_.running(); }

 Q_SIGNALS:
  void exportFinished(bool ok, const QString& message);

 protected:
  void keyPressEvent(QKeyEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildMenus();
  void buildTransport(QWidget* parent, QBoxLayout* layout);
  void updateRecentMenu();
  void updateTimeLabel();
  void showError(const QString& error);
  void exportFrame();
  void exportVideo();

  PlayerController controller_;
  QUndoStack undo_;
  ParamPanel* params_ = nullptr;
  ViewportWidget* viewport_ = nullptr;
  TimelineWidget* timeline_ = nullptr;
  QLabel* timeLabel_ = nullptr;
  QPushButton* playButton_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  QDockWidget* errorDock_ = nullptr;
  QPlainTextEdit* errorText_ = nullptr;
  ExportController export_;
  QProgressDialog* progress_ = nullptr;
};

}  // namespace attnplay::app
