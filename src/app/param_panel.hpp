// SPDX-License-Identifier: MIT
#pragma once

#include <QUndoStack>
#include <QWidget>
#include <map>
#include <vector>

#include "attnplay/scene/color.hpp"

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;

namespace attnplay::app {

class PlayerController;

/// A grid of weights, each cell coloured by the scene's own mapping. Drag up or down on a cell to
/// change it; double-click or start typing to enter a value.
class WeightGrid : public QWidget {
  Q_OBJECT

 public:
  explicit WeightGrid(QWidget* parent = nullptr);
  void setValues(const std::vector<std::vector<double>>& values);
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

 private:
  void type(int row, int col, const QString& start);
  std::vector<std::vector<double>> values_;
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
    QDoubleSpinBox *temperature = nullptr, *dk = nullptr;
    bool matrix = false;
    std::vector<std::vector<double>> logits;
  };
  void rebuild();
  void refresh();
  void commit(const std::string& name, const std::string& json, bool final);
  void weightsEdited(const std::string& name, int row, int col, double value, bool final);
  void applyLogits(const std::string& name, bool final);
  std::string signature() const;

  PlayerController& controller_;
  QUndoStack& undo_;
  QFormLayout* form_ = nullptr;
  std::string built_;
  std::map<std::string, WeightsEditor> weights_;
  std::map<std::string, std::string> beforeDrag_;  ///< a parameter's value when a drag began
};

}  // namespace attnplay::app
