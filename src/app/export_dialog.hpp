// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <functional>

#include "attnplay/export/export_job.hpp"
#include "attnplay/export/variants.hpp"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QLineEdit;
class QSpinBox;

namespace attnplay::app {

/// Export Video…: where to (an MP4, or a PNG sequence), at what quality, size, frame rate, CRF
/// and x264 preset, and which range. Remembers its settings and folder from one export to the
/// next, proposes the in/out range, and checks everything — an odd size, an empty range, a
/// missing folder, a file that exists — before it closes.
class ExportDialog : public QDialog {
  Q_OBJECT

 public:
  /// The file it proposes is named after `scenePath`, in the last export's folder or else the
  /// scene's own; `from`..`to` is the range it proposes.
  ExportDialog(const QString& scenePath, double duration, double from, double to, QWidget* parent = nullptr);
  ExportSettings settings() const;
  /// What is wrong with the settings as they stand; empty when they can be exported.
  QString problem() const;
  QLineEdit* pathEdit() const { return path_; }
  QComboBox* qualityBox() const { return quality_; }
  QComboBox* formatBox() const { return format_; }
  QCheckBox* transparentBox() const { return transparent_; }
  QCheckBox* sectionsBox() const { return sections_; }
  QComboBox* ditherBox() const { return dither_; }
  QCheckBox* loopBox() const { return loop_; }
  QDoubleSpinBox* fpsBox() const { return fps_; }
  QCheckBox* variantsBox() const { return variantsOn_; }
  QPlainTextEdit* variantsEdit() const { return variants_; }
  /// The variants listed, when "One file per variant" is on (the file then holds {name}).
  std::vector<Variant> variants() const;
  QSpinBox* widthBox() const { return width_; }
  QDoubleSpinBox* fromBox() const { return from_; }
  QDoubleSpinBox* toBox() const { return to_; }
  /// Asked before replacing a file that exists (a message box unless set, as in tests).
  void setConfirmReplace(std::function<bool(const QString&)> ask) { confirmReplace_ = std::move(ask); }

  /// The folder the last export went to (PNG frame and video alike), for the next dialog.
  static QString lastFolder(const QString& fallback);
  static void rememberFolder(const QString& file);

  void accept() override;

 private:
  void remember() const;
  QLineEdit* path_;
  QComboBox *format_, *quality_, *preset_, *dither_;
  QSpinBox *width_, *height_, *crf_;
  QDoubleSpinBox *fps_, *from_, *to_;
  QLabel* problem_;
  QCheckBox *transparent_, *sections_, *loop_, *variantsOn_;
  QPlainTextEdit* variants_;
  std::function<bool(const QString&)> confirmReplace_;
};

}  // namespace attnplay::app
