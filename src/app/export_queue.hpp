// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>
#include <memory>
#include <vector>

#include "app/export_controller.hpp"

class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace attnplay::app {

/// The Exports panel: exports run one after another off the UI thread, each a row with its
/// progress, speed and time left, Cancel while it runs, and Show in Folder / Open when done.
/// Nothing is modal; the player stays usable.
class ExportQueue : public QWidget {
  Q_OBJECT

 public:
  explicit ExportQueue(QWidget* parent = nullptr);
  /// Adds an export; it starts at once when nothing else runs.
  void enqueue(std::shared_ptr<const Timeline> timeline, const ExportSettings& settings);
  /// Adds a batch of variants: one row for the whole batch.
  void enqueue(std::shared_ptr<const VariantBatch> batch, const ExportSettings& settings);
  /// True while an export runs or waits.
  bool busy() const;
  /// Cancels the running export and drops the waiting ones.
  void cancelAll();
  int rows() const { return static_cast<int>(jobs_.size()); }
  /// What a row says now: "Queued", "42 % — 57 fps, 3.1 s left", "Done", "Cancelled", "Failed: …".
  QString statusOf(int row) const;

 Q_SIGNALS:
  /// One export ended; `message` is the summary or the error.
  void finished(bool ok, const QString& message, bool cancelled);

 private:
  struct Job {
    std::shared_ptr<const Timeline> timeline;
    ExportSettings settings;
    std::shared_ptr<const VariantBatch> batch;
    enum class State { Queued, Running, Done, Failed, Cancelled } state = State::Queued;
    QWidget* row = nullptr;
    QLabel* status = nullptr;
    QProgressBar* bar = nullptr;
    QPushButton *cancel = nullptr, *show = nullptr, *open = nullptr;
  };
  void add(Job job);
  void startNext();
  void jobFinished(bool ok, const QString& message, bool cancelled);
  /// Scrolls the job into view once its row has taken its new size.
  void reveal(const Job& job);

  ExportController controller_;
  std::vector<Job> jobs_;
  int running_ = -1;
  QVBoxLayout* list_ = nullptr;
  QScrollArea* scroll_ = nullptr;
};

}  // namespace attnplay::app
