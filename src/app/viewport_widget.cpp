// SPDX-License-Identifier: MIT
#include "app/viewport_widget.hpp"

#include <QPainter>

#include "app/player_controller.hpp"
#include "attnplay/frame/frame_state.hpp"

namespace attnplay::app {

namespace {

const QColor kLetterbox(0x1e, 0x1f, 0x24);
const QColor kEdge(0x4a, 0x4c, 0x57);

}  // namespace

ViewportWidget::ViewportWidget(PlayerController& controller, QWidget* parent)
    : QWidget(parent), controller_(controller) {
  setMinimumSize(320, 180);
  setAttribute(Qt::WA_OpaquePaintEvent);
  // The keys of the player go here first: focus starts on the viewport, and a click brings it back.
  setFocusPolicy(Qt::StrongFocus);
  connect(&controller_, &PlayerController::frameChanged, this, qOverload<>(&QWidget::update));
  connect(&controller_, &PlayerController::sceneChanged, this, [this] {
    renderer_.clear();
    update();
  });
  staleDelay_.setSingleShot(true);
  staleDelay_.setInterval(250);
  connect(&staleDelay_, &QTimer::timeout, this, [this] {
    stale_ = controller_.running();
    update();
  });
  connect(&controller_, &PlayerController::runningChanged, this, [this](bool running) {
    if (running) {
      staleDelay_.start();
    } else {
      staleDelay_.stop();
      stale_ = false;
      update();
    }
  });
}

QRect ViewportWidget::sceneRect() const {
  const double aspect = manim::FRAME_WIDTH / manim::FRAME_HEIGHT;
  const int margin = 8;
  const int w = std::max(1, width() - 2 * margin), h = std::max(1, height() - 2 * margin);
  const int sw = std::min(w, static_cast<int>(h * aspect)), sh = std::min(h, static_cast<int>(w / aspect));
  return {(width() - sw) / 2, (height() - sh) / 2, std::max(1, sw), std::max(1, sh)};
}

void ViewportWidget::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), kLetterbox);
  const QRect scene = sceneRect();
  const double dpr = devicePixelRatioF();
  const QSize pixels(qMax(1, qRound(scene.width() * dpr)), qMax(1, qRound(scene.height() * dpr)));
  image_ = renderer_.render(controller_.frameState(), pixels);
  QImage shown = image_;
  shown.setDevicePixelRatio(dpr);
  painter.drawImage(scene.topLeft(), shown);
  painter.setPen(kEdge);
  painter.drawRect(scene.adjusted(-1, -1, 0, 0));
  if (stale_) {
    const QString notice = tr("Running the scene script… (showing the last frame)");
    const QRect box = painter.fontMetrics().boundingRect(notice).adjusted(-8, -4, 8, 4);
    const QRect placed = box.translated(scene.topLeft() - box.topLeft() + QPoint(10, 10));
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0, 0, 0, 170));
    painter.drawRoundedRect(placed, 4, 4);
    painter.setPen(QColor(0xe8, 0xc5, 0x47));
    painter.drawText(placed, Qt::AlignCenter, notice);
  }
}

}  // namespace attnplay::app
