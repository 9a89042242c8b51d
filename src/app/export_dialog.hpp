// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

#include "attnplay/export/export_job.hpp"

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace attnplay::app {

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

}  // namespace attnplay::app
