// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QMainWindow>
#include <atomic>
#include <memory>
#include <thread>

#include <QUndoStack>

#include "app/player_controller.hpp"
#include "attnplay/export/export_job.hpp"

class QBoxLayout;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPlainTextEdit;
class QProgressDialog;
class QPushButton;
class QSpinBox;
class QDockWidget;

namespace attnplay::app {

class ParamPanel;
class TimelineWidget;
class ViewportWidget;

/// Export MP4…: where to, at what quality, size and frame rate, CRF, and which range.
class ExportDialog : public QDialog {
  Q_OBJECT

 public:
  ExportDialog(const QString& suggestedPath, double duration, QWidget* parent = nullptr);
  ExportSettings settings() const;
  QLineEdit* pathEdit() const { return path_; }
  QComboBox* qualityBox() const { return quality_; }

 private:
  QLineEdit* path_;
  QComboBox* quality_;
  QSpinBox *width_, *height_, *crf_;
  QDoubleSpinBox *fps_, *from_, *to_;
};

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
  bool exporting() const { return exportThread_.joinable(); }

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
  void finishExport(bool ok, const QString& message);

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
  QProgressDialog* progress_ = nullptr;
  std::thread exportThread_;
  std::atomic<bool> cancelExport_{false};
};

}  // namespace attnplay::app
