// SPDX-License-Identifier: MIT
#include "app/export_controller.hpp"

namespace attnplay::app {

ExportController::~ExportController() {
  cancel_ = true;
  if (thread_.joinable()) thread_.join();
}

bool ExportController::start(std::shared_ptr<const Timeline> timeline, const ExportSettings& settings) {
  if (running() || !timeline) return false;
  cancel_ = false;
  thread_ = std::thread([this, timeline = std::move(timeline), settings] {
    ExportJob job(timeline, settings);
    auto result = job.run(
        [this](const ExportProgress& p) { QMetaObject::invokeMethod(this, [this, p] { Q_EMIT progressed(p); }); },
        &cancel_);
    const bool ok = result.ok();
    const bool cancelled = !ok && cancel_;
    QString message = ok ? tr("Exported %1 (%2 frames in %3 s)")
                               .arg(QString::fromStdString(settings.output))
                               .arg(result->frames)
                               .arg(result->wallSeconds, 0, 'f', 2)
                         : QString::fromStdString(result.error().format());
    if (ok && result->piecesReused > 0) {
      message += tr("; %1 of %2 pieces from the cache")
                     .arg(result->piecesReused)
                     .arg(result->piecesReused + result->piecesEncoded);
    }
    if (ok && !result->sectionIndex.empty()) {
      const QString index = QString::fromStdString(result->sectionIndex);
      message += result->sections == 1 ? tr("; 1 section, listed in %1").arg(index)
                                       : tr("; %1 sections, listed in %2").arg(result->sections).arg(index);
    }
    QMetaObject::invokeMethod(this, [this, ok, message, cancelled] { finish(ok, message, cancelled); });
  });
  return true;
}

void ExportController::finish(bool ok, const QString& message, bool cancelled) {
  if (thread_.joinable()) thread_.join();
  Q_EMIT finished(ok, message, cancelled);
}

}  // namespace attnplay::app
