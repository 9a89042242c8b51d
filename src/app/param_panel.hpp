// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>
#include <QUndoStack>
#include <QWidget>
#include <functional>
#include <map>
#include <vector>

#include "attnplay/scene/color.hpp"
#include "attnplay/script/scene_script.hpp"

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QPushButton;

namespace attnplay::app {

class PlayerController;

/// A grid of weights, each cell coloured by the scene's own mapping. Drag up or down on a cell to
/// change it; double-click or start typing to enter a value.
class WeightGrid : public QWidget {
  Q_OBJECT

 public:
  explicit WeightGrid(QWidget* parent = nullptr);
  /// The values a run produced; ignored during a drag, whose own values win.
  void setValues(const std::vector<std::vector<double>>& values);
  /// The values while the user drags (their row renormalised as they go).
  void showDragged(const std::vector<std::vector<double>>& values);
  /// Token names along the rows and the columns (empty: none shown).
  void setLabels(const QStringList& rows, const QStringList& cols);
  QString rowLabel(int row) const { return rowLabels_.value(row); }
  QString colLabel(int col) const { return colLabels_.value(col); }
  const std::vector<std::vector<double>>& values() const { return values_; }
  void setColors(const Color& low, const Color& high, double scale);
  void setRange(double low, double high, double perPixel);
  void setEditable(bool editable) { editable_ = editable; }
  QRect cellRect(int row, int col) const;
  QSize sizeHint() const override;

 Q_SIGNALS:
  /// A cell's new value; `final` when the drag or the typing is over.
  void edited(int row, int col, double value, bool final);

 protected:
  void paintEvent(QPaintEvent*) override;
  void mousePressEvent(QMouseEvent*) override;
  void mouseMoveEvent(QMouseEvent*) override;
  void mouseReleaseEvent(QMouseEvent*) override;
  void mouseDoubleClickEvent(QMouseEvent*) override;
  void keyPressEvent(QKeyEvent*) override;
  /// Claims the keys that start typing a value (digits, '.', '-') from the window's shortcuts.
  bool event(QEvent*) override;

 private:
  void type(int row, int col, const QString& start);
  std::vector<std::vector<double>> values_;
  QStringList rowLabels_, colLabels_;
  int left_ = 0, top_ = 0;  ///< room for the labels
  Color low_ = *manim::namedColor("GRAY"), high_ = *manim::namedColor("RED");
  double scale_ = 1, min_ = 0, max_ = 1, perPixel_ = 0.005;
  bool editable_ = true;
  int dragRow_ = -1, dragCol_ = -1, selectedRow_ = 0, selectedCol_ = 0;
  double dragStartValue_ = 0, dragStartY_ = 0;
};

/// The Parameters dock's contents: an editor for each parameter the scene declares, built from
/// the declarations. Every change goes through an undo stack to the controller.
class ParamPanel : public QWidget {
  Q_OBJECT

 public:
  ParamPanel(PlayerController& controller, QUndoStack& undo, QWidget* parent = nullptr);
  /// The grid editing a weights parameter, for tests and tooling.
  WeightGrid* grid(const std::string& name) const;
  /// Switches a weights parameter between editing probabilities and editing logits.
  void setLogitsMode(const std::string& name, bool logits);

 private:
  struct WeightsEditor {
    WeightGrid* grid = nullptr;    ///< what the user edits: probabilities, or logits
    WeightGrid* result = nullptr;  ///< logits mode: the softmax of the logits, read-only
    QComboBox* mode = nullptr;
    QWidget* logitsControls = nullptr;  ///< temperature, d_k and the formula they enter
    QDoubleSpinBox *temperature = nullptr, *dk = nullptr;
    bool matrix = false;
    std::vector<std::vector<double>> logits;
  };
  void rebuild();
  /// Every editor shows the value the scene ran with (after a load, reload, reset, undo or any
  /// change that another parameter caused).
  void refresh();

 public:
  /// Puts every editor back to the scene's value, dropping what was typed and not applied.
  void revert() { refresh(); }

 private:
  void commit(const std::string& name, const std::string& json, bool final);
  void weightsEdited(const std::string& name, int row, int col, double value, bool final);
  void applyLogits(const std::string& name, bool final);
  std::string signature() const;
  QString label(const std::string& name) const;
  static QString cellName(const WeightGrid& grid, int row, int col);
  /// The scene's tokens (its "tokens" parameter), to name the rows and columns of weight grids.
  QStringList tokenNames() const;
  QString undoText_;  ///< the next undo step's text, when more telling than "Change <label>"

  PlayerController& controller_;
  QUndoStack& undo_;
  QFormLayout* form_ = nullptr;
  QLabel* empty_ = nullptr;
  QPushButton* reset_ = nullptr;
  std::string built_;
  std::map<std::string, WeightsEditor> weights_;
  /// Shows a declaration's value in its editor, without the editor reporting it as an edit.
  std::map<std::string, std::function<void(const ParamDecl&)>> show_;
  std::map<std::string, std::string> beforeDrag_;  ///< a parameter's value when a drag began
};

}  // namespace attnplay::app
