// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <thread>

#include "attnplay/export/export_job.hpp"
#include "attnplay/export/variants.hpp"
#include "attnplay/script/scene_script.hpp"

namespace attnplay::app {

/// What-ifs of one scene: it runs once per variant with `options` (the player's parameters as
/// they stand) and the variant's values over them, and each goes to the pattern's file.
struct VariantBatch {
  std::string scenePath;
  ScriptOptions options;
  std::vector<Variant> variants;
  std::string pattern;  ///< an output holding {name}
};

/// One export at a time, off the UI thread: progress and the outcome come back as signals on
/// the thread that owns the controller. Holds no widgets; the window shows what it reports.
class ExportController : public QObject {
  Q_OBJECT

 public:
  explicit ExportController(QObject* parent = nullptr) : QObject(parent) {}
  /// Cancels a running export and waits for it: the target is left as it was.
  ~ExportController() override;

  /// Starts exporting `timeline`; false (and nothing started) while another export runs.
  bool start(std::shared_ptr<const Timeline> timeline, const ExportSettings& settings);
  /// Starts a batch of variants (settings.output is ignored: each variant's comes from the
  /// pattern); one that fails is told in the message and the others are written.
  bool start(std::shared_ptr<const VariantBatch> batch, const ExportSettings& settings);
  void cancel() { cancel_ = true; }
  bool running() const { return thread_.joinable(); }

 Q_SIGNALS:
  void progressed(const attnplay::ExportProgress& progress);
  /// `message` is the summary on success, the error otherwise; `cancelled` when Cancel stopped it.
  void finished(bool ok, const QString& message, bool cancelled);

 private:
  void finish(bool ok, const QString& message, bool cancelled);

  std::thread thread_;
  std::atomic<bool> cancel_{false};
};

}  // namespace attnplay::app
