// SPDX-License-Identifier: MIT
#include "app/param_panel.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <algorithm>
#include <cmath>

#include "app/player_controller.hpp"
#include "attnplay/attention/weight_editing.hpp"
#include "attnplay/scene_api/json_value.hpp"

namespace attnplay::app {

namespace {

constexpr int kCell = 46;

/// A declared parameter's JSON; the script host wrote it, so it parses.
QJsonValue parseJson(const std::string& json) { return parseJsonText(json).value_or(QJsonValue()); }

std::vector<std::vector<double>> toRows(const QJsonValue& v, bool& matrix) {
  std::vector<std::vector<double>> rows;
  const QJsonArray a = v.toArray();
  matrix = !a.isEmpty() && a.first().isArray();
  if (!matrix) {
    rows.emplace_back();
    for (const auto& e : a) rows.back().push_back(e.toDouble());
    return rows;
  }
  for (const auto& r : a) {
    rows.emplace_back();
    for (const auto& e : r.toArray()) rows.back().push_back(e.toDouble());
  }
  return rows;
}

QJsonValue fromRows(const std::vector<std::vector<double>>& rows, bool matrix) {
  auto row = [](const std::vector<double>& r) {
    QJsonArray a;
    for (double v : r) a.append(std::round(v * 1e6) / 1e6);  // a readable sidecar
    return a;
  };
  if (!matrix) return row(rows.front());
  QJsonArray a;
  for (const auto& r : rows) a.append(row(r));
  return a;
}

attention::Matrix toMatrix(const std::vector<std::vector<double>>& rows) {
  attention::Matrix m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.front().size()));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c)
      m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r][c];
  }
  return m;
}

std::vector<std::vector<double>> rowsOf(const attention::Matrix& m) {
  std::vector<std::vector<double>> rows(static_cast<std::size_t>(m.rows()));
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    for (Eigen::Index c = 0; c < m.cols(); ++c) rows[static_cast<std::size_t>(r)].push_back(m(r, c));
  }
  return rows;
}

/// One parameter change, undoable.
class SetParam : public QUndoCommand {
 public:
  SetParam(PlayerController& c, std::map<std::string, std::string> before, std::map<std::string, std::string> after,
           const QString& text)
      : QUndoCommand(text), controller_(c), before_(std::move(before)), after_(std::move(after)) {}
  void redo() override { controller_.setOverrides(after_); }
  void undo() override { controller_.setOverrides(before_); }

 private:
  PlayerController& controller_;
  std::map<std::string, std::string> before_, after_;
};

}  // namespace

WeightGrid::WeightGrid(QWidget* parent) : QWidget(parent) {
  setFocusPolicy(Qt::ClickFocus);
  setMouseTracking(false);
}

void WeightGrid::setValues(const std::vector<std::vector<double>>& values) {
  if (dragRow_ >= 0) return;  // the user's drag wins over a re-run that lags behind it
  values_ = values;
  updateGeometry();
  update();
}

void WeightGrid::showDragged(const std::vector<std::vector<double>>& values) {
  values_ = values;
  update();
}

void WeightGrid::setLabels(const QStringList& rows, const QStringList& cols) {
  rowLabels_ = rows;
  colLabels_ = cols;
  int widest = 0;
  for (const QString& r : rows) widest = std::max(widest, fontMetrics().horizontalAdvance(r));
  left_ = rows.isEmpty() ? 0 : widest + 8;
  top_ = cols.isEmpty() ? 0 : fontMetrics().height() + 4;
  updateGeometry();
  update();
}

void WeightGrid::setColors(const Color& low, const Color& high, double scale) {
  low_ = low;
  high_ = high;
  scale_ = scale;
  update();
}

void WeightGrid::setRange(double low, double high, double perPixel) {
  min_ = low;
  max_ = high;
  perPixel_ = perPixel;
}

QSize WeightGrid::sizeHint() const {
  const int cols = values_.empty() ? 1 : static_cast<int>(values_.front().size());
  return {left_ + cols * kCell + 1, top_ + static_cast<int>(std::max<std::size_t>(1, values_.size())) * 28 + 1};
}

QRect WeightGrid::cellRect(int row, int col) const { return {left_ + col * kCell, top_ + row * 28, kCell - 2, 26}; }

void WeightGrid::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setPen(palette().color(QPalette::WindowText));
  for (int c = 0; c < colLabels_.size(); ++c) {
    const QRect cell = cellRect(0, c);
    p.drawText(QRect(cell.left(), 0, cell.width(), top_), Qt::AlignCenter,
               fontMetrics().elidedText(colLabels_[c], Qt::ElideRight, cell.width()));
  }
  for (int r = 0; r < rowLabels_.size(); ++r) {
    p.drawText(QRect(0, cellRect(r, 0).top(), left_ - 6, 26), Qt::AlignRight | Qt::AlignVCenter, rowLabels_[r]);
  }
  for (int r = 0; r < static_cast<int>(values_.size()); ++r) {
    for (int c = 0; c < static_cast<int>(values_[r].size()); ++c) {
      const double v = values_[r][c];
      // The scene's own mapping, for values it maps (probabilities); logits fade to the low colour.
      const double t = std::clamp(v * scale_, 0.0, 1.0);
      const Color col = interpolateColor(low_, high_, t);
      QColor fill;
      fill.setRgbF(static_cast<float>(col.r), static_cast<float>(col.g), static_cast<float>(col.b));
      const QRect cell = cellRect(r, c);
      p.fillRect(cell, fill);
      if (editable_ && hasFocus() && r == selectedRow_ && c == selectedCol_)
        p.setPen(QPen(Qt::white, 2));
      else
        p.setPen(QColor(20, 20, 20));
      p.drawRect(cell.adjusted(0, 0, -1, -1));
      p.setPen(Qt::white);
      p.drawText(cell, Qt::AlignCenter, QString::number(v, 'f', 2));
    }
  }
}

void WeightGrid::mousePressEvent(QMouseEvent* e) {
  if (!editable_) return;
  for (int r = 0; r < static_cast<int>(values_.size()); ++r) {
    for (int c = 0; c < static_cast<int>(values_[r].size()); ++c) {
      if (cellRect(r, c).contains(e->position().toPoint())) {
        dragRow_ = selectedRow_ = r;
        dragCol_ = selectedCol_ = c;
        dragStartValue_ = values_[r][c];
        dragStartY_ = e->position().y();
        update();
        return;
      }
    }
  }
}

void WeightGrid::mouseMoveEvent(QMouseEvent* e) {
  if (dragRow_ < 0) return;
  const double v = std::clamp(dragStartValue_ + (dragStartY_ - e->position().y()) * perPixel_, min_, max_);
  values_[dragRow_][dragCol_] = v;
  update();
  Q_EMIT edited(dragRow_, dragCol_, v, false);
}

void WeightGrid::mouseReleaseEvent(QMouseEvent*) {
  if (dragRow_ < 0) return;
  const int r = dragRow_, c = dragCol_;
  dragRow_ = dragCol_ = -1;
  Q_EMIT edited(r, c, values_[r][c], true);
}

void WeightGrid::mouseDoubleClickEvent(QMouseEvent* e) {
  mousePressEvent(e);
  dragRow_ = dragCol_ = -1;
  type(selectedRow_, selectedCol_, QString());
}

namespace {

bool startsAValue(const QString& text) {
  return !text.isEmpty() && (text.at(0).isDigit() || text == QLatin1String(".") || text == QLatin1String("-"));
}

}  // namespace

bool WeightGrid::event(QEvent* e) {
  if (e->type() == QEvent::ShortcutOverride && editable_) {
    auto* key = static_cast<QKeyEvent*>(e);
    if ((key->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier)) == 0 && startsAValue(key->text())) {
      e->accept();
      return true;
    }
  }
  return QWidget::event(e);
}

void WeightGrid::keyPressEvent(QKeyEvent* e) {
  if (editable_ && startsAValue(e->text())) {
    type(selectedRow_, selectedCol_, e->text());
    return;
  }
  QWidget::keyPressEvent(e);
}

void WeightGrid::type(int row, int col, const QString& start) {
  if (row >= static_cast<int>(values_.size()) || col >= static_cast<int>(values_[row].size())) return;
  auto* editor = new QLineEdit(start.isEmpty() ? QString::number(values_[row][col]) : start, this);
  editor->setGeometry(cellRect(row, col));
  editor->show();
  editor->setFocus();
  if (start.isEmpty()) editor->selectAll();
  connect(editor, &QLineEdit::editingFinished, this, [this, editor, row, col] {
    bool ok = false;
    const double v = editor->text().toDouble(&ok);
    editor->deleteLater();
    if (!ok) return;
    values_[row][col] = std::clamp(v, min_, max_);
    update();
    Q_EMIT edited(row, col, values_[row][col], true);
  });
}

ParamPanel::ParamPanel(PlayerController& controller, QUndoStack& undo, QWidget* parent)
    : QWidget(parent), controller_(controller), undo_(undo) {
  auto* outer = new QVBoxLayout(this);
  form_ = new QFormLayout;
  outer->addLayout(form_);
  empty_ = new QLabel(tr("The scene declares no parameters. A scene gets editors here with "
                         "param(name, default, options) — see the scene API."),
                      this);
  empty_->setWordWrap(true);
  outer->addWidget(empty_);
  reset_ = new QPushButton(tr("Reset to defaults"), this);
  auto* reset = reset_;
  outer->addWidget(reset);
  outer->addStretch();
  connect(reset, &QPushButton::clicked, this, [this] {
    if (controller_.overrides().empty()) return;
    undo_.push(new SetParam(controller_, controller_.overrides(), {}, tr("Reset parameters")));
  });
  connect(&controller_, &PlayerController::paramsChanged, this, [this] {
    if (signature() != built_) rebuild();
    refresh();
  });
  // A failed run keeps the last good values on screen: the panel shows what the scene shows.
  connect(&controller_, &PlayerController::errorChanged, this, [this] { refresh(); });
  rebuild();
  refresh();
}

std::string ParamPanel::signature() const {
  // What the editors are built from; a range that follows another parameter rebuilds them.
  std::string s = controller_.scenePath().toStdString();
  for (const ParamDecl& p : controller_.params()) {
    s += "|" + p.name + ":" + p.kind + ":" + p.label;
    if (p.min) s += ">" + toJsonText(*p.min);
    if (p.max) s += "<" + toJsonText(*p.max);
    for (const auto& c : p.choices) s += "," + c;
  }
  return s;
}

WeightGrid* ParamPanel::grid(const std::string& name) const {
  const auto it = weights_.find(name);
  return it == weights_.end() ? nullptr : it->second.grid;
}

void ParamPanel::commit(const std::string& name, const std::string& json, bool final) {
  // A drag sends values as it goes (the scene follows at once); the undo stack gets one step.
  if (!final) {
    if (!beforeDrag_.count(name)) {
      const auto& o = controller_.overrides();
      beforeDrag_[name] = o.count(name) ? o.at(name) : std::string();
    }
    controller_.setParam(name, json);
    return;
  }
  // The value the scene already runs with is no edit: no undo step, nothing saved.
  const auto& params = controller_.params();
  const auto same = std::find_if(params.begin(), params.end(), [&](const ParamDecl& p) {
    return p.name == name && parseJson(p.valueJson) == parseJson(json);
  });
  if (same != params.end() && !beforeDrag_.count(name)) {
    undoText_.clear();
    return;
  }
  auto before = controller_.overrides();
  if (auto it = beforeDrag_.find(name); it != beforeDrag_.end()) {
    if (it->second.empty())
      before.erase(name);
    else
      before[name] = it->second;
    beforeDrag_.erase(it);
  }
  auto after = controller_.overrides();
  after[name] = json;
  undo_.push(
      new SetParam(controller_, before, after, undoText_.isEmpty() ? tr("Change %1").arg(label(name)) : undoText_));
  undoText_.clear();
}

QString ParamPanel::label(const std::string& name) const {
  for (const ParamDecl& p : controller_.params()) {
    if (p.name == name) return QString::fromStdString(p.label).toLower();
  }
  return QString::fromStdString(name);
}

void ParamPanel::rebuild() {
  while (form_->rowCount() > 0) form_->removeRow(0);
  weights_.clear();
  show_.clear();
  built_ = signature();
  empty_->setVisible(controller_.params().empty());
  reset_->setVisible(!controller_.params().empty());
  for (const ParamDecl& p : controller_.params()) {
    const QString label = QString::fromStdString(p.label);
    const std::string name = p.name;
    const QJsonValue value = parseJson(p.valueJson);
    if (!p.choices.empty()) {
      auto* box = new QComboBox(this);
      box->setObjectName(QString::fromStdString(name));
      for (const auto& c : p.choices) {
        const QJsonValue v = parseJson(c);
        box->addItem(v.isString() ? v.toString() : QString::fromStdString(c), QString::fromStdString(c));
      }
      show_[name] = [box](const ParamDecl& d) {
        const QSignalBlocker quiet(box);
        for (int i = 0; i < box->count(); ++i) {
          if (parseJson(box->itemData(i).toString().toStdString()) == parseJson(d.valueJson)) box->setCurrentIndex(i);
        }
      };
      connect(box, &QComboBox::currentIndexChanged, this,
              [this, name, box](int) { commit(name, box->currentData().toString().toStdString(), true); });
      form_->addRow(label, box);
    } else if (p.kind == "number" || p.kind == "integer") {
      const bool integer = p.kind == "integer";
      const double v = value.toDouble();
      const double lo = p.min.value_or(std::min(0.0, v)), hi = p.max.value_or(std::max({1.0, 2 * std::abs(v), lo + 1}));
      auto* row = new QWidget(this);
      auto* h = new QHBoxLayout(row);
      h->setContentsMargins(0, 0, 0, 0);
      auto* slider = new QSlider(Qt::Horizontal, row);
      const int steps = integer ? static_cast<int>(std::min(hi - lo, 1000.0)) : 1000;  // a slider has int steps
      slider->setRange(0, steps);
      // A slider over billions of whole numbers (a random seed) moves nothing usefully: type it.
      slider->setVisible(!integer || hi - lo <= 1000);
      auto* spin = new QDoubleSpinBox(row);
      spin->setRange(lo, hi);
      spin->setDecimals(integer ? 0 : 3);
      spin->setSingleStep(integer ? 1 : (hi - lo) / 100);
      spin->setObjectName(QString::fromStdString(name));
      h->addWidget(slider, 1);
      h->addWidget(spin);
      auto toSlider = [lo, hi, steps](double x) { return static_cast<int>(std::lround((x - lo) / (hi - lo) * steps)); };
      show_[name] = [slider, spin, toSlider](const ParamDecl& d) {
        const double x = parseJson(d.valueJson).toDouble();
        const QSignalBlocker quietSlider(slider), quietSpin(spin);
        slider->setValue(toSlider(x));
        spin->setValue(x);
      };
      connect(slider, &QSlider::valueChanged, spin,
              [spin, lo, hi, steps](int s) { spin->setValue(lo + (hi - lo) * s / steps); });
      connect(spin, &QDoubleSpinBox::valueChanged, this, [this, name, integer, slider, toSlider](double x) {
        const QSignalBlocker block(slider);
        slider->setValue(toSlider(x));
        commit(name, integer ? std::to_string(std::llround(x)) : toJsonText(x), true);
      });
      form_->addRow(label, row);
    } else if (p.kind == "boolean") {
      auto* box = new QCheckBox(this);
      show_[name] = [box](const ParamDecl& d) {
        const QSignalBlocker quiet(box);
        box->setChecked(parseJson(d.valueJson).toBool());
      };
      connect(box, &QCheckBox::toggled, this, [this, name](bool on) { commit(name, on ? "true" : "false", true); });
      form_->addRow(label, box);
    } else if (p.kind == "text" || p.kind == "tokens") {
      auto* edit = new QLineEdit(this);
      edit->setObjectName(QString::fromStdString(name));
      const bool tokens = p.kind == "tokens";
      if (tokens) edit->setToolTip(tr("Tokens, separated by spaces; Enter applies, Esc leaves the field"));
      show_[name] = [edit, tokens](const ParamDecl& d) {
        const QJsonValue v = parseJson(d.valueJson);
        QStringList words;
        for (const auto& w : v.toArray()) words << w.toString();
        const QSignalBlocker quiet(edit);
        edit->setText(tokens ? words.join(QLatin1Char(' ')) : v.toString());
      };
      connect(edit, &QLineEdit::editingFinished, this, [this, name, edit, tokens] {
        if (!tokens) return commit(name, toJsonText(edit->text()), true);
        QJsonArray a;
        for (const QString& w : edit->text().split(QLatin1Char(' '), Qt::SkipEmptyParts)) a.append(w);
        if (!a.isEmpty()) commit(name, toJsonText(a), true);
      });
      form_->addRow(label, edit);
    } else if (p.kind == "weights" || p.kind == "matrix") {
      WeightsEditor e;
      auto* box = new QWidget(this);
      auto* v = new QVBoxLayout(box);
      v->setContentsMargins(0, 0, 0, 0);
      e.mode = new QComboBox(box);
      e.mode->addItem(tr("Edit probabilities (rows renormalised)"));
      e.mode->addItem(tr("Edit logits (softmax shown below)"));
      e.grid = new WeightGrid(box);
      e.result = new WeightGrid(box);
      e.result->setEditable(false);
      e.result->hide();
      auto* controls = new QWidget(box);
      auto* h = new QHBoxLayout(controls);
      h->setContentsMargins(0, 0, 0, 0);
      e.temperature = new QDoubleSpinBox(controls);
      e.temperature->setRange(0.05, 20);
      e.temperature->setValue(1);
      e.temperature->setPrefix(tr("temperature "));
      e.dk = new QDoubleSpinBox(controls);
      e.dk->setRange(1, 4096);
      e.dk->setDecimals(0);
      e.dk->setValue(1);
      e.dk->setPrefix(tr("d_k "));
      e.dk->setToolTip(tr("Logits are divided by √d_k before the softmax, as in softmax(QKᵀ/√d_k)"));
      h->addWidget(e.temperature);
      h->addWidget(e.dk);
      auto* formula = new QLabel(tr("weights = softmax(z / (T·√d_k))"), controls);
      formula->setToolTip(tr("z: the logits you edit; T: temperature; d_k: the key size"));
      h->addWidget(formula);
      controls->hide();
      e.logitsControls = controls;
      v->addWidget(e.mode);
      v->addWidget(e.grid);
      v->addWidget(controls);
      v->addWidget(e.result);
      const Color low = p.colors ? p.colors->first : *manim::namedColor("GRAY");
      const Color high = p.colors ? p.colors->second : *manim::namedColor("RED");
      e.grid->setColors(low, high, p.colorScale);
      e.result->setColors(low, high, p.colorScale);
      e.grid->setRange(0, 1, 0.005);
      connect(e.grid, &WeightGrid::edited, this,
              [this, name](int r, int c, double x, bool final) { weightsEdited(name, r, c, x, final); });
      connect(e.mode, &QComboBox::currentIndexChanged, this, [this, name](int i) { setLogitsMode(name, i == 1); });
      for (QDoubleSpinBox* s : {e.temperature, e.dk}) {
        connect(s, &QDoubleSpinBox::valueChanged, this, [this, name] { applyLogits(name, true); });
      }
      weights_[name] = e;
      form_->addRow(label, box);
    }
  }
}

QStringList ParamPanel::tokenNames() const {
  for (const ParamDecl& p : controller_.params()) {
    if (p.kind != "tokens") continue;
    QStringList names;
    for (const auto& t : parseJson(p.valueJson).toArray()) names << t.toString();
    return names;
  }
  return {};
}

namespace {

bool differs(const std::vector<std::vector<double>>& a, const std::vector<std::vector<double>>& b) {
  if (a.size() != b.size()) return true;
  for (std::size_t r = 0; r < a.size(); ++r) {
    if (a[r].size() != b[r].size()) return true;
    for (std::size_t c = 0; c < a[r].size(); ++c) {
      if (std::abs(a[r][c] - b[r][c]) > 1e-6) return true;
    }
  }
  return false;
}

}  // namespace

void ParamPanel::refresh() {
  const QStringList tokens = tokenNames();
  std::optional<int> source;
  for (const ParamDecl& p : controller_.params()) {
    if (p.name == "source" && p.kind == "integer") source = parseJson(p.valueJson).toInt();
  }
  for (const ParamDecl& p : controller_.params()) {
    if (auto show = show_.find(p.name); show != show_.end()) show->second(p);
    auto it = weights_.find(p.name);
    if (it == weights_.end()) continue;
    WeightsEditor& e = it->second;
    const auto rows = toRows(parseJson(p.valueJson), e.matrix);
    const auto columns = rows.empty() ? 0 : static_cast<qsizetype>(rows.front().size());
    QStringList rowNames;
    if (e.matrix && static_cast<qsizetype>(rows.size()) == tokens.size()) rowNames = tokens;
    if (!e.matrix && source && *source >= 0 && *source < tokens.size()) rowNames = QStringList{tokens[*source]};
    const QStringList colNames = columns == tokens.size() ? tokens : QStringList();
    e.grid->setLabels(rowNames, colNames);
    e.result->setLabels(rowNames, colNames);
    if (e.mode->currentIndex() == 1) {
      e.result->setValues(rows);
      // Weights changed from outside (reset, undo, another parameter): the logits start again from them.
      const bool follows =
          !e.logits.empty() &&
          !differs(rowsOf(attention::scaledSoftmax(toMatrix(e.logits), e.dk->value(), e.temperature->value())), rows);
      if (!follows && !rows.empty()) {
        const QSignalBlocker quietT(e.temperature), quietDk(e.dk);
        e.temperature->setValue(1);
        e.dk->setValue(1);
        e.logits = rowsOf(attention::logitsOf(toMatrix(rows)));
        e.grid->setValues(e.logits);
      }
    } else {
      e.grid->setValues(rows);
    }
  }
}

void ParamPanel::setLogitsMode(const std::string& name, bool logits) {
  auto it = weights_.find(name);
  if (it == weights_.end()) return;
  WeightsEditor& e = it->second;
  if (e.mode->currentIndex() != (logits ? 1 : 0)) {
    e.mode->setCurrentIndex(logits ? 1 : 0);  // comes back here through the signal
    return;
  }
  e.temperature->parentWidget()->setVisible(logits);
  e.result->setVisible(logits);
  if (logits) {
    // Start from logits whose softmax is the current weights.
    const auto p = e.grid->values();
    e.logits = rowsOf(attention::logitsOf(toMatrix(p)));
    e.grid->setRange(-20, 20, 0.05);
    e.grid->setValues(e.logits);
    e.result->setValues(p);
  } else {
    e.grid->setRange(0, 1, 0.005);
    e.grid->setValues(e.result->values());
  }
}

void ParamPanel::weightsEdited(const std::string& name, int row, int col, double value, bool final) {
  WeightsEditor& e = weights_.at(name);
  if (e.mode->currentIndex() == 1) {
    e.logits = e.grid->values();
    e.logits[row][col] = value;
    undoText_ = tr("Change logit %1").arg(cellName(*e.grid, row, col));
    applyLogits(name, final);
    return;
  }
  // Probabilities: the edited cell takes its value, the rest of its row shares what is left.
  attention::Matrix weights = toMatrix(e.grid->values());
  attention::setProbability(weights, row, col, value);
  const auto rows = rowsOf(weights);
  e.grid->showDragged(rows);  // the row sums to 1 on screen while the drag goes on, as in the scene
  undoText_ = tr("Change weight %1").arg(cellName(*e.grid, row, col));
  commit(name, toJsonText(fromRows(rows, e.matrix)), final);
}

QString ParamPanel::cellName(const WeightGrid& grid, int row, int col) {
  const QString from = grid.rowLabel(row), to = grid.colLabel(col);
  if (to.isEmpty()) return QStringLiteral("[%1, %2]").arg(row).arg(col);
  return from.isEmpty() ? to : from + QStringLiteral("→") + to;
}

void ParamPanel::applyLogits(const std::string& name, bool final) {
  WeightsEditor& e = weights_.at(name);
  if (e.logits.empty()) return;
  // softmax(logits / √d_k) at the temperature: the normalisation the seed insists on, visible.
  const auto rows = rowsOf(attention::scaledSoftmax(toMatrix(e.logits), e.dk->value(), e.temperature->value()));
  e.result->setValues(rows);
  commit(name, toJsonText(fromRows(rows, e.matrix)), final);
}

}  // namespace attnplay::app
