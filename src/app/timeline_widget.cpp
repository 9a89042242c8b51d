// SPDX-License-Identifier: MIT
#include "app/timeline_widget.hpp"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "app/player_controller.hpp"

namespace attnplay::app {

namespace {
constexpr int kRuler = 22;  // height of the time ruler
constexpr int kMargin = 8;  // space left and right of the scene's span
}  // namespace

TimelineWidget::TimelineWidget(PlayerController& controller, QWidget* parent)
    : QWidget(parent), controller_(controller) {
  setMouseTracking(true);
  setMinimumHeight(80);
  connect(&controller_, &PlayerController::frameChanged, this, qOverload<>(&QWidget::update));
  connect(&controller_, &PlayerController::sceneChanged, this, [this] {
    if (fitted_) fit();
    update();
  });
  connect(&controller_, &PlayerController::rangeChanged, this, qOverload<>(&QWidget::update));
}

double TimelineWidget::minPixelsPerSecond() const {
  return std::max(1.0, (width() - 2.0 * kMargin) / std::max(controller_.duration(), 0.5));
}

// At most about 40 px a frame: enough to see single frames, not so much the ruler is empty.
double TimelineWidget::maxPixelsPerSecond() const { return std::max(minPixelsPerSecond(), 40.0 * controller_.fps()); }

void TimelineWidget::zoomBy(double factor, double aboutX) {
  const double x = aboutX < 0 ? width() / 2.0 : aboutX;
  const double anchor = timeAt(x);
  pixelsPerSecond_ = std::clamp(pixelsPerSecond_ * factor, minPixelsPerSecond(), maxPixelsPerSecond());
  fitted_ = pixelsPerSecond_ <= minPixelsPerSecond();
  if (fitted_) {
    fit();
  } else {
    // Keep the time under the pointer where it is, and the scene's span on screen.
    const double visible = (width() - 2.0 * kMargin) / pixelsPerSecond_;
    start_ =
        std::clamp(anchor - (x - kMargin) / pixelsPerSecond_, 0.0, std::max(0.0, controller_.duration() - visible));
  }
  update();
}

void TimelineWidget::zoomToFit() {
  fitted_ = true;
  fit();
  update();
}

QString TimelineWidget::toolTipAt(double x) const {
  const double t = std::clamp(timeAt(x), 0.0, controller_.duration());
  const auto frame = static_cast<long long>(std::llround(t * controller_.fps()));
  QString tip = QStringLiteral("%1 s · frame %2").arg(t, 0, 'f', 3).arg(frame);
  if (const auto timeline = controller_.timeline()) {
    const int index = timeline->segmentAt(timeAt(x));
    if (index >= 0 && timeAt(x) >= 0) {
      const Segment& s = timeline->segments()[static_cast<std::size_t>(index)];
      QStringList names;
      for (const auto& a : s.animations) names << QString::fromStdString(a.text());
      tip += QStringLiteral("\n#%1  %2 – %3 s  %4")
                 .arg(index)
                 .arg(s.start, 0, 'f', 3)
                 .arg(s.end, 0, 'f', 3)
                 .arg(names.join(QStringLiteral(", ")));
    }
  }
  return tip;
}

void TimelineWidget::fit() {
  const double span = std::max(controller_.duration(), 0.5);
  pixelsPerSecond_ = std::max(1.0, (width() - 2.0 * kMargin) / span);
  start_ = 0;
}

void TimelineWidget::resizeEvent(QResizeEvent*) {
  if (fitted_) fit();
}

double TimelineWidget::xOf(double seconds) const { return kMargin + (seconds - start_) * pixelsPerSecond_; }

double TimelineWidget::timeAt(double x) const { return start_ + (x - kMargin) / pixelsPerSecond_; }

void TimelineWidget::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), QColor(32, 32, 36));
  p.setRenderHint(QPainter::Antialiasing);
  const auto timeline = controller_.timeline();

  // Ruler: a tick every step seconds, the step a round number at least 60 px apart.
  const double steps[] = {0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60};
  double step = steps[std::size(steps) - 1];
  for (double s : steps) {
    if (s * pixelsPerSecond_ >= 60) {
      step = s;
      break;
    }
  }
  p.setPen(QColor(150, 150, 160));
  for (double t = std::floor(std::max(0.0, timeAt(0)) / step) * step; xOf(t) < width(); t += step) {
    const double x = xOf(t);
    p.drawLine(QPointF(x, kRuler - 6), QPointF(x, kRuler));
    p.drawText(QPointF(x + 3, kRuler - 8), QString::number(t, 'g', 4) + QStringLiteral(" s"));
  }
  // Zoomed in far enough to tell frames apart: a small tick per frame.
  const double framePixels = pixelsPerSecond_ / controller_.fps();
  if (framePixels >= 6) {
    p.setPen(QColor(100, 100, 110));
    const auto first = static_cast<std::int64_t>(std::max(0.0, std::floor(timeAt(0) * controller_.fps())));
    for (std::int64_t f = first; xOf(static_cast<double>(f) / controller_.fps()) < width(); ++f) {
      const double x = xOf(static_cast<double>(f) / controller_.fps());
      p.drawLine(QPointF(x, kRuler - 3), QPointF(x, kRuler));
    }
  }

  if (timeline) {
    // A block per segment, labelled with its animations; a marker where a section starts.
    QString section;
    for (std::size_t i = 0; i < timeline->segments().size(); ++i) {
      const Segment& s = timeline->segments()[i];
      const QRectF block(xOf(s.start) + 1, kRuler + 6, std::max(1.0, (s.end - s.start) * pixelsPerSecond_ - 2),
                         height() - kRuler - 14);
      const bool wait = s.isWait();
      p.setPen(Qt::NoPen);
      p.setBrush(wait ? QColor(60, 60, 68) : QColor(44, 98, 110));
      p.drawRoundedRect(block, 4, 4);
      QStringList names;
      for (const auto& a : s.animations) names << QString::fromStdString(a.text());
      p.setPen(QColor(230, 230, 235));
      // Cut with an ellipsis; the full label is in the hover tooltip.
      const QRectF text = block.adjusted(4, 2, -4, -2);
      p.drawText(
          text, Qt::AlignLeft | Qt::AlignVCenter,
          p.fontMetrics().elidedText(names.join(QStringLiteral(", ")), Qt::ElideRight, static_cast<int>(text.width())));
      if (QString::fromStdString(s.section) != section) {
        section = QString::fromStdString(s.section);
        p.setPen(QPen(QColor(255, 210, 80), 2));
        p.drawLine(QPointF(xOf(s.start), kRuler), QPointF(xOf(s.start), height()));
        p.drawText(QPointF(xOf(s.start) + 4, height() - 2), section);
      }
    }
  }

  // The in/out range: what lies outside it is dimmed, its ends marked.
  if (controller_.inPoint() || controller_.outPoint()) {
    const double fps = controller_.fps();
    const double in = xOf(static_cast<double>(controller_.rangeStart()) / fps);
    const double out = xOf(static_cast<double>(controller_.rangeEnd()) / fps);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 120));
    p.drawRect(QRectF(0, kRuler, std::max(0.0, in), height() - kRuler));
    p.drawRect(QRectF(out, kRuler, std::max(0.0, width() - out), height() - kRuler));
    p.setPen(QPen(QColor(120, 200, 255), 2));
    if (controller_.inPoint()) p.drawLine(QPointF(in, kRuler), QPointF(in, height()));
    if (controller_.outPoint()) p.drawLine(QPointF(out, kRuler), QPointF(out, height()));
  }

  // The playhead.
  const double x = xOf(controller_.time());
  p.setPen(QPen(QColor(252, 98, 85), 2));
  p.drawLine(QPointF(x, 0), QPointF(x, height()));
}

void TimelineWidget::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) {
    scrubbing_ = true;
    controller_.pause();
    controller_.seekTime(std::max(0.0, timeAt(event->position().x())));
  } else if (event->button() == Qt::RightButton || event->button() == Qt::MiddleButton) {
    panning_ = true;
    panAnchorX_ = event->position().x();
    panAnchorStart_ = start_;
  }
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* event) {
  const double x = event->position().x();
  if (scrubbing_) controller_.seekTime(std::max(0.0, timeAt(x)));
  if (panning_) {
    fitted_ = false;
    start_ = std::max(0.0, panAnchorStart_ - (x - panAnchorX_) / pixelsPerSecond_);
    update();
  }
  QToolTip::showText(event->globalPosition().toPoint(), toolTipAt(x), this);
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent*) {
  scrubbing_ = false;
  panning_ = false;
}

void TimelineWidget::wheelEvent(QWheelEvent* event) {
  // Zoom about the pointer: the time under it stays under it.
  zoomBy(std::pow(1.0015, event->angleDelta().y()), event->position().x());
}

}  // namespace attnplay::app
