// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <QWidget>

#include "attnplay/render/renderer.hpp"

namespace attnplay::app {

class PlayerController;

/// Shows the playhead's frame, scaled to fit and letterboxed, painted by the same FrameRenderer
/// path as export, at the screen's pixel density.
class ViewportWidget : public QWidget {
  Q_OBJECT

 public:
  explicit ViewportWidget(PlayerController& controller, QWidget* parent = nullptr);
  /// The image last painted, in device pixels.
  const QImage& lastImage() const { return image_; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  PlayerController& controller_;
  FrameRenderer renderer_;
  QImage image_;
};

}  // namespace attnplay::app
