// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

namespace attnplay::app {

class PlayerController;

/// The timeline under the viewport: a time ruler, a block per play()/wait() labelled with its
/// animations, section markers, the in/out range and the playhead. Click or drag to seek; hover
/// for the time, the frame and a segment's full label; the wheel zooms about the pointer (from
/// the whole scene down to a few frames, with a tick per frame); dragging with the right button
/// pans.
class TimelineWidget : public QWidget {
  Q_OBJECT

 public:
  explicit TimelineWidget(PlayerController& controller, QWidget* parent = nullptr);
  /// The x coordinate of a time, and back, in the current zoom and pan.
  double xOf(double seconds) const;
  double timeAt(double x) const;
  QSize sizeHint() const override { return {800, 96}; }
  double pixelsPerSecond() const { return pixelsPerSecond_; }
  /// What a hover at x shows: the time and frame, and the segment's full label when over one.
  QString toolTipAt(double x) const;

 public Q_SLOTS:
  /// Zooms by `factor` about the widget's x `aboutX` (its centre when negative), within limits.
  void zoomBy(double factor, double aboutX = -1);
  /// The whole scene in view, following the widget's width.
  void zoomToFit();

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void fit();
  double minPixelsPerSecond() const;
  double maxPixelsPerSecond() const;
  PlayerController& controller_;
  double start_ = 0;  ///< the time at the left edge
  double pixelsPerSecond_ = 100;
  bool fitted_ = true;  ///< follows the widget's width until the user zooms
  bool scrubbing_ = false, panning_ = false;
  double panAnchorX_ = 0, panAnchorStart_ = 0;
};

}  // namespace attnplay::app
