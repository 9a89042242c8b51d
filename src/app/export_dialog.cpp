// SPDX-License-Identifier: MIT
#include "app/export_dialog.hpp"

#include <QBoxLayout>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace attnplay::app {

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

}  // namespace attnplay::app
