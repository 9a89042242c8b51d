// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

namespace attnplay::app {

class PlayerController;

/// The timeline under the viewport: a time ruler, a block per play()/wait() labelled with its
/// animations, section markers and the playhead. Click or drag to seek; hover for the time and
/// frame; the wheel zooms about the pointer; dragging with the right button pans.
class TimelineWidget : public QWidget {
  Q_OBJECT

 public:
  explicit TimelineWidget(PlayerController& controller, QWidget* parent = nullptr);
  /// The x coordinate of a time, and back, in the current zoom and pan.
  double xOf(double seconds) const;
  double timeAt(double x) const;
  QSize sizeHint() const override { return {800, 96}; }

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void fit();
  PlayerController& controller_;
  double start_ = 0;  ///< the time at the left edge
  double pixelsPerSecond_ = 100;
  bool fitted_ = true;  ///< follows the widget's width until the user zooms
  bool scrubbing_ = false, panning_ = false;
  double panAnchorX_ = 0, panAnchorStart_ = 0;
};

}  // namespace attnplay::app
