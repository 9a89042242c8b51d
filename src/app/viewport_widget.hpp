// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <QTimer>
#include <QWidget>

#include "attnplay/render/renderer.hpp"

namespace attnplay::app {

class PlayerController;

/// Shows the playhead's frame, scaled to fit inside a visible edge on a letterbox that is not
/// the scene's black, painted by the same FrameRenderer path as export, at the screen's pixel
/// density. While a script run is pending it keeps the last good frame and says it is stale.
class ViewportWidget : public QWidget {
  Q_OBJECT

 public:
  explicit ViewportWidget(PlayerController& controller, QWidget* parent = nullptr);
  /// The scene's image last painted, in device pixels (the letterbox not included).
  const QImage& lastImage() const { return image_; }
  /// Where the scene is drawn, in widget coordinates: the largest 16:9 rectangle that fits.
  QRect sceneRect() const;
  /// True while the frame shown is from before a script run that has not finished.
  bool showsStale() const { return stale_; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  PlayerController& controller_;
  FrameRenderer renderer_;
  QImage image_;
  QTimer staleDelay_;  ///< a quick run shows no notice at all
  bool stale_ = false;
};

}  // namespace attnplay::app
