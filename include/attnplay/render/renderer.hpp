// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <QRectF>
#include <QSize>

#include "attnplay/timeline/frame_state.hpp"

class QPainter;

namespace attnplay {

/// Maps Manim's frame (14.222 × 8 units, origin at the centre, y up) onto a pixel rectangle,
/// scaled to fit and centred, the way Manim's camera maps it onto its pixel grid.
class Camera {
 public:
  explicit Camera(const QRectF& target);
  double pixelsPerUnit() const { return scale_; }
  QPointF toPixels(const Vec2& p) const;
  /// The part of the target the frame covers (the rest is letterbox).
  QRectF frameRect() const { return frame_; }

 private:
  QRectF frame_;
  double scale_;
};

/// Paints a frame into `target` on any paint device: background, then each item's fill and
/// stroke (stroke over fill), antialiased, butt caps and miter joins as Cairo draws them.
void render(const FrameState& frame, QPainter& painter, const QRectF& target);

/// Renders a frame into a new image of the given size. Needs no QGuiApplication and no display.
QImage renderImage(const FrameState& frame, QSize size);

}  // namespace attnplay
