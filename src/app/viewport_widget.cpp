// SPDX-License-Identifier: MIT
#include "app/viewport_widget.hpp"

#include <QPainter>

#include "app/player_controller.hpp"

namespace attnplay::app {

ViewportWidget::ViewportWidget(PlayerController& controller, QWidget* parent)
    : QWidget(parent), controller_(controller) {
  setMinimumSize(320, 180);
  setAttribute(Qt::WA_OpaquePaintEvent);
  connect(&controller_, &PlayerController::frameChanged, this, qOverload<>(&QWidget::update));
  connect(&controller_, &PlayerController::sceneChanged, this, [this] {
    renderer_.clear();
    update();
  });
}

void ViewportWidget::paintEvent(QPaintEvent*) {
  const double dpr = devicePixelRatioF();
  const QSize pixels(qMax(1, qRound(width() * dpr)), qMax(1, qRound(height() * dpr)));
  image_ = renderer_.render(controller_.frameState(), pixels);
  QImage shown = image_;
  shown.setDevicePixelRatio(dpr);
  QPainter painter(this);
  painter.drawImage(QPointF(0, 0), shown);
}

}  // namespace attnplay::app
