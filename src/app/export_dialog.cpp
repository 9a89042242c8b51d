// SPDX-License-Identifier: MIT
#include "app/export_dialog.hpp"

#include <QBoxLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

namespace attnplay::app {

namespace {

const QString kGroup = QStringLiteral("export/");
const QString kPng = QStringLiteral("png");

/// The output name for a format: x.mp4 (x.webm, …), or x_%04d.png.
QString withFormat(const QString& path, const QString& format) {
  const QFileInfo info(path);
  QString base = info.completeBaseName();
  if (base.endsWith(QLatin1String("_%04d"))) base.chop(5);
  if (const VideoFormat* f = videoFormat(format.toStdString()))
    return QDir(info.path()).filePath(base + QString::fromLatin1(f->extension));
  return QDir(info.path()).filePath(base + QStringLiteral("_%04d.png"));
}

}  // namespace

QString ExportDialog::lastFolder(const QString& fallback) {
  const QString folder = QSettings().value(kGroup + QStringLiteral("folder")).toString();
  return !folder.isEmpty() && QFileInfo(folder).isDir() ? folder : fallback;
}

void ExportDialog::rememberFolder(const QString& file) {
  QSettings().setValue(kGroup + QStringLiteral("folder"), QFileInfo(file).absolutePath());
}

ExportDialog::ExportDialog(const QString& scenePath, double duration, double from, double to, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Export Video"));
  const QSettings saved;
  auto* form = new QFormLayout(this);
  format_ = new QComboBox(this);
  // H.264 and PNG first, as they always were; then the formats for editors and the web.
  const std::vector<VideoFormat>& formats = videoFormats();
  format_->addItem(tr("MP4 video (H.264)"), QString::fromLatin1(formats.front().name));
  format_->addItem(tr("PNG sequence"), kPng);
  for (std::size_t i = 1; i < formats.size(); ++i)
    format_->addItem(tr(formats[i].description), QString::fromLatin1(formats[i].name));
  QString remembered = saved.value(kGroup + QStringLiteral("format"), QStringLiteral("h264")).toString();
  if (remembered == QLatin1String("mp4")) remembered = QStringLiteral("h264");  // as earlier versions saved it
  format_->setCurrentIndex(std::max(0, format_->findData(remembered)));
  form->addRow(tr("Format"), format_);
  transparent_ = new QCheckBox(tr("Transparent background"), this);
  transparent_->setToolTip(tr("Leave the background out: ProRes, VP9, FFV1 and PNG keep the alpha channel"));
  transparent_->setChecked(saved.value(kGroup + QStringLiteral("transparent"), false).toBool());
  form->addRow(QString(), transparent_);
  sections_ = new QCheckBox(tr("Each section to a file of its own too"), this);
  sections_->setToolTip(tr("As Manim's --save_sections: sections/NAME_0000… beside the video, with an index"));
  sections_->setChecked(saved.value(kGroup + QStringLiteral("sections"), false).toBool());
  form->addRow(QString(), sections_);
  dither_ = new QComboBox(this);
  const QStringList ditherLabels = {tr("None"), tr("Bayer (ordered; steady between frames)"), tr("Floyd–Steinberg"),
                                    tr("Sierra lite (as FFmpeg's paletteuse)")};
  for (std::size_t i = 0; i < ditherNames().size(); ++i)
    dither_->addItem(ditherLabels[static_cast<int>(i)], QString::fromStdString(ditherNames()[i]));
  dither_->setCurrentIndex(std::max(
      0, dither_->findData(saved.value(kGroup + QStringLiteral("dither"), QStringLiteral("sierra2_4a")).toString())));
  dither_->setToolTip(tr("How a GIF's 256 colours spread their error"));
  form->addRow(tr("GIF dither"), dither_);
  loop_ = new QCheckBox(tr("Loop forever"), this);
  loop_->setToolTip(tr("A GIF that starts again at its end; unchecked, it plays once"));
  loop_->setChecked(saved.value(kGroup + QStringLiteral("loop"), true).toBool());
  form->addRow(QString(), loop_);
  variantsOn_ = new QCheckBox(tr("One file per variant — the scene with your parameters and each line's edits:"), this);
  variantsOn_->setToolTip(tr("Each line a JSON object: a name for its file and the parameters it changes"));
  form->addRow(QString(), variantsOn_);
  variants_ = new QPlainTextEdit(this);
  variants_->setPlaceholderText(
      QStringLiteral("{\"name\": \"seed-1\", \"seed\": 1}\n{\"name\": \"seed-2\", \"seed\": 2}"));
  variants_->setPlainText(saved.value(kGroup + QStringLiteral("variants")).toString());
  variants_->setMaximumHeight(110);
  auto* loadVariants = new QPushButton(tr("Load…"), this);
  loadVariants->setToolTip(tr("Read the variants from a .jsonl file, one per line"));
  auto* variantsRow = new QHBoxLayout;
  variantsRow->addWidget(variants_);
  variantsRow->addWidget(loadVariants, 0, Qt::AlignTop);
  form->addRow(tr("Variants"), variantsRow);
  auto* pathRow = new QHBoxLayout;
  const QFileInfo scene(scenePath);
  const QString folder = lastFolder(scene.absolutePath());
  path_ = new QLineEdit(withFormat(QDir(folder).filePath(scene.completeBaseName()), format_->currentData().toString()),
                        this);
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
  crf_->setValue(saved.value(kGroup + QStringLiteral("crf"), 18).toInt());
  crf_->setToolTip(tr("x264 quality: 18 is visually lossless; higher is smaller"));
  form->addRow(tr("CRF"), crf_);
  preset_ = new QComboBox(this);
  for (const std::string& p : x264Presets()) preset_->addItem(QString::fromStdString(p));
  preset_->setCurrentText(saved.value(kGroup + QStringLiteral("preset"), QStringLiteral("superfast")).toString());
  preset_->setToolTip(tr("x264 speed: slower presets make smaller files of the same quality"));
  form->addRow(tr("Encoder preset"), preset_);
  from_ = new QDoubleSpinBox(this);
  to_ = new QDoubleSpinBox(this);
  for (QDoubleSpinBox* s : {from_, to_}) {
    s->setRange(0, std::max(duration, 0.0));
    s->setDecimals(3);
    s->setSuffix(QStringLiteral(" s"));
  }
  from_->setValue(from);
  to_->setValue(to);
  auto* rangeRow = new QHBoxLayout;
  rangeRow->addWidget(from_);
  rangeRow->addWidget(new QLabel(tr("to"), this));
  rangeRow->addWidget(to_);
  form->addRow(tr("Range"), rangeRow);
  problem_ = new QLabel(this);
  problem_->setObjectName(QStringLiteral("problem"));
  problem_->setStyleSheet(QStringLiteral("color: #ff7a6b"));
  problem_->setWordWrap(true);
  form->addRow(problem_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
  form->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(browse, &QPushButton::clicked, this, [this] {
    const VideoFormat* f = videoFormat(format_->currentData().toString().toStdString());
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Export to"), path_->text(),
        f ? tr("%1 (*%2)").arg(format_->currentText(), QString::fromLatin1(f->extension)) : tr("PNG sequence (*.png)"));
    if (!chosen.isEmpty()) path_->setText(withFormat(chosen, format_->currentData().toString()));
  });
  auto offerAlpha = [this] {
    const VideoFormat* f = videoFormat(format_->currentData().toString().toStdString());
    transparent_->setEnabled(!f || f->alphaPixelFormat);  // PNG, or a video format with alpha
    sections_->setEnabled(f != nullptr);                  // videos only
    const bool gif = f && std::string(f->name) == "gif";
    dither_->setEnabled(gif);
    loop_->setEnabled(gif);
  };
  connect(format_, &QComboBox::currentIndexChanged, this, [this, offerAlpha] {
    path_->setText(withFormat(path_->text(), format_->currentData().toString()));
    offerAlpha();
  });
  offerAlpha();
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
  quality_->setCurrentIndex(std::max(0, quality_->findData(saved.value(kGroup + QStringLiteral("quality"), "h"))));
  applyQuality();
  if (quality_->currentData().toString().isEmpty()) {
    width_->setValue(saved.value(kGroup + QStringLiteral("width"), 1920).toInt());
    height_->setValue(saved.value(kGroup + QStringLiteral("height"), 1080).toInt());
    fps_->setValue(saved.value(kGroup + QStringLiteral("fps"), 60.0).toDouble());
  }
  // Say what is wrong as soon as it is, not after the dialog has closed.
  auto check = [this, buttons] {
    const QString p = problem();
    problem_->setText(p);
    buttons->button(QDialogButtonBox::Ok)->setEnabled(p.isEmpty());
  };
  connect(path_, &QLineEdit::textChanged, this, check);
  for (QSpinBox* s : {width_, height_}) connect(s, &QSpinBox::valueChanged, this, check);
  for (QDoubleSpinBox* s : {from_, to_, fps_}) connect(s, &QDoubleSpinBox::valueChanged, this, check);
  connect(format_, &QComboBox::currentIndexChanged, this, check);
  connect(variants_, &QPlainTextEdit::textChanged, this, check);
  // Variants: the file takes {name} (and gives it back), the list is offered.
  connect(variantsOn_, &QCheckBox::toggled, this, [this, check](bool on) {
    variants_->setEnabled(on);
    sections_->setEnabled(!on && videoFormat(format_->currentData().toString().toStdString()) != nullptr);
    QString path = path_->text();
    const QFileInfo info(path);
    const QString tag = QStringLiteral("-{name}");
    if (on && !path.contains(QLatin1String("{name}"))) {
      QString base = info.completeBaseName();
      const bool png = base.endsWith(QLatin1String("_%04d"));
      if (png) base.chop(5);
      path = QDir(info.path())
                 .filePath(base + tag + (png ? QStringLiteral("_%04d.") : QStringLiteral(".")) + info.suffix());
    } else if (!on) {
      path.replace(tag, QString());
    }
    path_->setText(path);
    check();
  });
  connect(loadVariants, &QPushButton::clicked, this, [this] {
    const QString file = QFileDialog::getOpenFileName(this, tr("Load variants"), QFileInfo(path_->text()).path(),
                                                      tr("JSON Lines (*.jsonl *.json *.txt)"));
    if (file.isEmpty()) return;
    QFile f(file);
    if (f.open(QIODevice::ReadOnly)) {
      variants_->setPlainText(QString::fromUtf8(f.readAll()));
      variantsOn_->setChecked(true);
    }
  });
  variants_->setEnabled(false);
  check();
}

QString ExportDialog::problem() const {
  const QString path = path_->text().trimmed();
  if (path.isEmpty()) return tr("Choose a file to export to.");
  const VideoFormat* video = videoFormat(format_->currentData().toString().toStdString());
  if (video && !formatForOutput(path.toStdString(), video->name).ok())
    return tr("This kind of video file ends in %1.").arg(QString::fromLatin1(video->extension));
  if (!video) {
    const auto pattern = parseSequencePattern(path.toStdString());
    if (!pattern || !pattern->has_value()) {
      return tr("A PNG sequence is named with one frame number, like frames/f_%04d.png.");
    }
  }
  // Variants make their folders as needed (one per variant, if the folder holds {name}).
  if (!variantsOn_->isChecked() && !QFileInfo(QFileInfo(path).absolutePath()).isDir()) {
    return tr("The folder %1 does not exist.").arg(QFileInfo(path).absolutePath());
  }
  if (video && (width_->value() % 2 || height_->value() % 2)) {
    return tr("Video needs an even width and height (%1×%2).").arg(width_->value()).arg(height_->value());
  }
  if (video && std::string(video->name) == "gif" && fps_->value() > 50) {
    return tr(
        "A GIF plays at most 50 frames per second (its delays are hundredths of a second): "
        "choose Low quality, or Custom with 25.");
  }
  if (to_->value() <= from_->value()) return tr("The range is empty: the end must come after the start.");
  if (variantsOn_->isChecked()) {
    auto listed = parseVariants(variants_->toPlainText().toStdString(), "variants");
    if (!listed) {
      const auto& where = listed.error().where();
      return where && where->line > 0
                 ? tr("Variants, line %1: %2").arg(where->line).arg(QString::fromStdString(listed.error().message()))
                 : tr("List the variants, one per line, such as {\"name\": \"seed-1\", \"seed\": 1}.");
    }
    if (!checkVariantPattern(path.toStdString(), listed->size()).ok())
      return tr("The file must hold {name}, so that each variant has its own.");
  }
  return {};
}

void ExportDialog::accept() {
  if (!problem().isEmpty()) return;
  const QString path = path_->text().trimmed();
  const bool video = videoFormat(format_->currentData().toString().toStdString()) != nullptr;
  QString existing;
  if (video && QFileInfo::exists(path)) existing = path;
  if (!video) {
    const auto pattern = parseSequencePattern(path.toStdString());
    const QString first = QString::fromStdString((*pattern)->nameOf(0));
    if (QFileInfo::exists(first)) existing = first;
  }
  if (variantsOn_->isChecked()) {
    existing.clear();
    int count = 0;
    for (const Variant& v : variants()) {
      const QString file = QString::fromStdString(variantOutput(path.toStdString(), v.name));
      if (QFileInfo::exists(file)) {
        if (existing.isEmpty()) existing = file;
        ++count;
      }
    }
    if (count > 1) existing = tr("%1 and %2 more").arg(existing).arg(count - 1);
  }
  if (!existing.isEmpty()) {
    const bool replace = confirmReplace_ ? confirmReplace_(existing)
                                         : QMessageBox::question(
                                               this, tr("Replace?"), tr("%1 exists. Replace it?").arg(existing),
                                               QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes;
    if (!replace) return;
  }
  remember();
  QDialog::accept();
}

void ExportDialog::remember() const {
  QSettings s;
  s.setValue(kGroup + QStringLiteral("format"), format_->currentData());
  s.setValue(kGroup + QStringLiteral("transparent"), transparent_->isChecked());
  s.setValue(kGroup + QStringLiteral("sections"), sections_->isChecked());
  s.setValue(kGroup + QStringLiteral("dither"), dither_->currentData());
  s.setValue(kGroup + QStringLiteral("loop"), loop_->isChecked());
  s.setValue(kGroup + QStringLiteral("variants"), variants_->toPlainText());
  s.setValue(kGroup + QStringLiteral("quality"), quality_->currentData());
  s.setValue(kGroup + QStringLiteral("width"), width_->value());
  s.setValue(kGroup + QStringLiteral("height"), height_->value());
  s.setValue(kGroup + QStringLiteral("fps"), fps_->value());
  s.setValue(kGroup + QStringLiteral("crf"), crf_->value());
  s.setValue(kGroup + QStringLiteral("preset"), preset_->currentText());
  rememberFolder(path_->text().trimmed());
}

std::vector<Variant> ExportDialog::variants() const {
  if (!variantsOn_->isChecked()) return {};
  auto listed = parseVariants(variants_->toPlainText().toStdString(), "variants");
  return listed ? *listed : std::vector<Variant>{};
}

ExportSettings ExportDialog::settings() const {
  ExportSettings s;
  s.output = path_->text().trimmed().toStdString();
  if (videoFormat(format_->currentData().toString().toStdString()))
    s.format = format_->currentData().toString().toStdString();
  s.transparent = transparent_->isEnabled() && transparent_->isChecked();
  s.sections = sections_->isEnabled() && sections_->isChecked() && !variantsOn_->isChecked();
  s.dither = ditherByName(dither_->currentData().toString().toStdString()).value_or(s.dither);
  s.loop = loop_->isChecked();
  s.video.width = width_->value();
  s.video.height = height_->value();
  s.video.fps = fps_->value();
  s.video.crf = crf_->value();
  s.video.preset = preset_->currentText().toStdString();
  s.from = from_->value();
  s.to = to_->value();
  return s;
}

}  // namespace attnplay::app
