// SPDX-License-Identifier: MIT
#include "app/export_queue.hpp"

#include <QBoxLayout>
#include <QDesktopServices>
#include <QFileInfo>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QUrl>

namespace attnplay::app {

ExportQueue::ExportQueue(QWidget* parent) : QWidget(parent) {
  // Exports scroll rather than squeeze: every row keeps room for its whole status line.
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  auto* scroll = scroll_ = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  auto* content = new QWidget(scroll);
  auto* column = new QVBoxLayout(content);
  list_ = new QVBoxLayout;
  column->addLayout(list_);
  column->addStretch();
  scroll->setWidget(content);
  // Room for one whole export (name, bar, two lines of status, buttons) before it scrolls.
  scroll->setMinimumHeight(fontMetrics().height() * 9);
  outer->addWidget(scroll);
  connect(&controller_, &ExportController::progressed, this, [this](const ExportProgress& p) {
    if (running_ < 0) return;
    Job& job = jobs_[static_cast<std::size_t>(running_)];
    const int percent = static_cast<int>(100 * p.done / std::max<std::int64_t>(1, p.total));
    job.bar->setValue(percent);
    job.status->setText(tr("%1 % — frame %2 of %3, %4 fps, %5 s left")
                            .arg(percent)
                            .arg(p.done)
                            .arg(p.total)
                            .arg(p.framesPerSecond, 0, 'f', 0)
                            .arg(p.etaSeconds, 0, 'f', 1));
  });
  connect(&controller_, &ExportController::finished, this, &ExportQueue::jobFinished);
}

void ExportQueue::enqueue(std::shared_ptr<const Timeline> timeline, const ExportSettings& settings) {
  add(Job{std::move(timeline), settings, nullptr});
}

void ExportQueue::enqueue(std::shared_ptr<const VariantBatch> batch, const ExportSettings& settings) {
  ExportSettings s = settings;
  s.output = batch->pattern;
  add(Job{nullptr, s, std::move(batch)});
}

void ExportQueue::add(Job job) {
  const ExportSettings& settings = job.settings;
  auto* row = new QWidget(this);
  auto* v = new QVBoxLayout(row);
  v->setContentsMargins(0, 4, 0, 4);
  const QString output = QString::fromStdString(settings.output);
  auto* name =
      new QLabel(job.batch ? tr("%1 (%2 variants)").arg(QFileInfo(output).fileName()).arg(job.batch->variants.size())
                           : QFileInfo(output).fileName(),
                 row);
  name->setToolTip(output);
  job.bar = new QProgressBar(row);
  job.bar->setRange(0, 100);
  job.status = new QLabel(tr("Queued"), row);
  job.status->setWordWrap(true);
  auto* buttons = new QHBoxLayout;
  job.cancel = new QPushButton(tr("Cancel"), row);
  job.show = new QPushButton(tr("Show in Folder"), row);
  job.open = new QPushButton(tr("Open"), row);
  job.show->setEnabled(false);
  job.open->setEnabled(false);
  for (QPushButton* b : {job.cancel, job.show, job.open}) {
    b->setFocusPolicy(Qt::NoFocus);
    buttons->addWidget(b);
  }
  v->addWidget(name);
  v->addWidget(job.bar);
  v->addWidget(job.status);
  v->addLayout(buttons);
  list_->addWidget(row);
  job.row = row;
  const int index = static_cast<int>(jobs_.size());
  connect(job.cancel, &QPushButton::clicked, this, [this, index] {
    Job& j = jobs_[static_cast<std::size_t>(index)];
    if (j.state == Job::State::Running) {
      controller_.cancel();
    } else if (j.state == Job::State::Queued) {
      j.state = Job::State::Cancelled;
      j.status->setText(tr("Cancelled"));
      j.cancel->setEnabled(false);
    }
  });
  // A PNG sequence, and a batch of variants, open as their folder.
  const QString folder = QFileInfo(output).absolutePath();
  const bool video = !job.batch && formatForOutput(settings.output, settings.format).ok();
  connect(job.show, &QPushButton::clicked, this, [folder] { QDesktopServices::openUrl(QUrl::fromLocalFile(folder)); });
  connect(job.open, &QPushButton::clicked, this,
          [folder, output, video] { QDesktopServices::openUrl(QUrl::fromLocalFile(video ? output : folder)); });
  jobs_.push_back(job);
  startNext();
}

bool ExportQueue::busy() const {
  return std::any_of(jobs_.begin(), jobs_.end(),
                     [](const Job& j) { return j.state == Job::State::Queued || j.state == Job::State::Running; });
}

void ExportQueue::cancelAll() {
  for (Job& j : jobs_) {
    if (j.state == Job::State::Queued) {
      j.state = Job::State::Cancelled;
      j.status->setText(tr("Cancelled"));
      j.cancel->setEnabled(false);
    }
  }
  controller_.cancel();
}

QString ExportQueue::statusOf(int row) const { return jobs_.at(static_cast<std::size_t>(row)).status->text(); }

void ExportQueue::startNext() {
  if (controller_.running()) return;
  for (std::size_t i = 0; i < jobs_.size(); ++i) {
    Job& j = jobs_[i];
    if (j.state != Job::State::Queued) continue;
    if (!(j.batch ? controller_.start(j.batch, j.settings) : controller_.start(j.timeline, j.settings))) continue;
    j.state = Job::State::Running;
    j.status->setText(tr("Starting…"));
    reveal(j);
    running_ = static_cast<int>(i);
    return;
  }
}

void ExportQueue::reveal(const Job& job) {
  QWidget* row = job.row;
  QTimer::singleShot(0, row, [this, row] {
    layout()->activate();
    scroll_->widget()->layout()->activate();
    scroll_->ensureWidgetVisible(row, 0, 0);
  });
}

void ExportQueue::jobFinished(bool ok, const QString& message, bool cancelled) {
  if (running_ >= 0) {
    Job& j = jobs_[static_cast<std::size_t>(running_)];
    j.state = ok ? Job::State::Done : cancelled ? Job::State::Cancelled : Job::State::Failed;
    j.status->setText(ok          ? tr("Done — %1").arg(message)
                      : cancelled ? tr("Cancelled; nothing was written")
                                  : tr("Failed: %1").arg(message));
    if (ok) j.bar->setValue(100);
    j.cancel->setEnabled(false);
    j.show->setEnabled(ok);
    j.open->setEnabled(ok);
    reveal(j);
    running_ = -1;
  }
  Q_EMIT finished(ok, message, cancelled);
  startNext();
}

}  // namespace attnplay::app
