// SPDX-License-Identifier: MIT
#include "app/export_controller.hpp"

#include <QFileInfo>
#include <QStringList>
#include <chrono>

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

bool ExportController::start(std::shared_ptr<const VariantBatch> batch, const ExportSettings& settings) {
  if (running() || !batch || batch->variants.empty()) return false;
  cancel_ = false;
  thread_ = std::thread([this, batch = std::move(batch), settings] {
    auto load = [&](const Variant& v) -> Result<std::shared_ptr<const Timeline>> {
      ScriptOptions options = batch->options;
      for (const auto& [name, json] : v.values) {
        options.overrides[name] = json;
        options.overrideSources[name] = "variant '" + v.name + "'";
      }
      options.cancel = &cancel_;
      auto loaded = loadSceneFile(batch->scenePath, options);
      if (!loaded) return loaded.error();
      return loaded->timeline;
    };
    const auto start = std::chrono::steady_clock::now();
    const std::vector<VariantOutcome> outcomes = exportVariants(
        batch->variants, batch->pattern, settings, load,
        [this](const BatchProgress& b) {
          const ExportProgress p{b.done, b.total, b.framesPerSecond, b.etaSeconds};
          QMetaObject::invokeMethod(this, [this, p] { Q_EMIT progressed(p); });
        },
        &cancel_);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    QStringList failures;
    std::int64_t frames = 0;
    for (const VariantOutcome& o : outcomes) {
      if (o.ok())
        frames += o.stats.frames;
      else
        failures << QStringLiteral("%1: %2").arg(QString::fromStdString(o.name),
                                                 QString::fromStdString(o.error->format()));
    }
    const bool cancelled = cancel_.load();
    const bool ok = failures.isEmpty();
    const auto written = static_cast<qsizetype>(outcomes.size()) - failures.size();
    QString message = tr("%1 of %2 variants written to %3 (%4 frames in %5 s)")
                          .arg(written)
                          .arg(outcomes.size())
                          .arg(QFileInfo(QString::fromStdString(batch->pattern)).path())
                          .arg(frames)
                          .arg(wall, 0, 'f', 2);
    if (!ok) message += tr("; failed — %1").arg(failures.join(QStringLiteral("; ")));
    QMetaObject::invokeMethod(this, [this, ok, message, cancelled] { finish(ok, message, cancelled); });
  });
  return true;
}

void ExportController::finish(bool ok, const QString& message, bool cancelled) {
  if (thread_.joinable()) thread_.join();
  Q_EMIT finished(ok, message, cancelled);
}

}  // namespace attnplay::app
