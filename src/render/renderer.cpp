// SPDX-License-Identifier: MIT
#include "attnplay/render/renderer.hpp"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <list>
#include <unordered_map>

#include "attnplay/frame/frame_state.hpp"

namespace attnplay {

namespace {

/// Cairo's miter limit of 10 is measured tip to tip; Qt's from the join.
constexpr double kMiterLimit = 5.0;

QColor toQColor(const Color& c, double opacity) {
  QColor q;
  q.setRgbF(static_cast<float>(std::clamp(c.r, 0.0, 1.0)), static_cast<float>(std::clamp(c.g, 0.0, 1.0)),
            static_cast<float>(std::clamp(c.b, 0.0, 1.0)), static_cast<float>(std::clamp(opacity, 0.0, 1.0)));
  return q;
}

QPainterPath toPixelPath(const Path& path, const Camera& camera) {
  QPainterPath out;
  out.setFillRule(Qt::WindingFill);  // Cairo's default fill rule
  for (const Subpath& sp : path.subpaths) {
    if (sp.cubics.empty()) continue;
    out.moveTo(camera.toPixels(sp.cubics.front().p0));
    for (const Cubic& c : sp.cubics) {
      out.cubicTo(camera.toPixels(c.p1), camera.toPixels(c.p2), camera.toPixels(c.p3));
    }
    // Manim closes a subpath exactly when it ends where it started.
    if (sp.closed()) out.closeSubpath();
  }
  return out;
}

/// What an item paints: its fill, its stroke (0 px wide: none), or nothing at all.
struct ItemPaint {
  bool fill = false;
  double penWidth = 0;  ///< pixels
  bool any() const { return fill || penWidth > 0; }
};

ItemPaint paintOf(const Style& s, const Camera& camera) {
  ItemPaint p;
  p.fill = s.fillOpacity > 0;
  if (s.strokeOpacity > 0 && s.strokeWidth > 0)
    p.penWidth = s.strokeWidth * manim::CAIRO_LINE_WIDTH_MULTIPLE * camera.pixelsPerUnit();
  return p;
}

/// The pixels items [begin, end) can touch: their control points (which hold the curves), widened
/// by what a stroke's miter joins and antialiasing add, within the frame they are clipped to.
QRect itemBounds(const FrameState& frame, std::size_t begin, std::size_t end, const QRectF& target) {
  const Camera camera(target, frame.view);
  QRectF bounds;
  for (std::size_t i = begin; i < end; ++i) {
    const DrawItem& item = frame.items[i];
    const ItemPaint paint = paintOf(item.style, camera);
    if (!paint.any()) continue;
    const double margin = kMiterLimit * paint.penWidth + 2;
    bounds |= toPixelPath(*item.path, camera).controlPointRect().adjusted(-margin, -margin, margin, margin);
  }
  return bounds.toAlignedRect() & camera.frameRect().toAlignedRect() & QRect(QPoint(0, 0), target.size().toSize());
}

}  // namespace

Camera::Camera(const QRectF& target, const View& view) {
  const double fit = std::min(target.width() / manim::FRAME_WIDTH, target.height() / manim::FRAME_HEIGHT);
  const QSizeF size(manim::FRAME_WIDTH * fit, manim::FRAME_HEIGHT * fit);
  frame_ = QRectF(target.center() - QPointF(size.width() / 2, size.height() / 2), size);
  const View v = view.drawable();
  center_ = v.center;
  scaleX_ = size.width() / v.width;
  scaleY_ = size.height() / v.height;
}

QPointF Camera::toPixels(const Vec2& p) const {
  const QPointF c = frame_.center();
  return {c.x() + (p.x() - center_.x()) * scaleX_, c.y() - (p.y() - center_.y()) * scaleY_};
}

void renderItems(const FrameState& frame, std::size_t begin, std::size_t end, QPainter& painter, const QRectF& target) {
  const Camera camera(target, frame.view);
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.setClipRect(camera.frameRect());
  for (std::size_t i = begin; i < end; ++i) {
    const DrawItem& item = frame.items[i];
    const Style& s = item.style;
    const ItemPaint paint = paintOf(s, camera);
    if (!paint.any()) continue;
    const QPainterPath path = toPixelPath(*item.path, camera);
    if (paint.fill) painter.fillPath(path, toQColor(s.fillColor, s.fillOpacity));
    if (paint.penWidth > 0) {
      QPen pen(toQColor(s.strokeColor, s.strokeOpacity));
      pen.setWidthF(paint.penWidth);
      pen.setCapStyle(Qt::FlatCap);
      pen.setJoinStyle(Qt::MiterJoin);
      pen.setMiterLimit(kMiterLimit);
      painter.strokePath(path, pen);
    }
  }
  painter.restore();
}

void render(const FrameState& frame, QPainter& painter, const QRectF& target) {
  painter.fillRect(target, toQColor(frame.background, 1.0));
  renderItems(frame, 0, frame.items.size(), painter, target);
}

struct FrameRenderer::Cache {
  /// A still run's pixels depend on where the camera looks as well: a moving camera's frames
  /// reuse nothing, as Manim's MovingCamera caches nothing.
  struct Key {
    std::uint64_t run;
    int width, height;
    View view;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      std::size_t h =
          std::hash<std::uint64_t>()(k.run ^ (std::uint64_t(k.width) << 40) ^ (std::uint64_t(k.height) << 20));
      for (double v : {k.view.center.x(), k.view.center.y(), k.view.width, k.view.height}) {
        h = h * 31 + std::hash<double>()(v);
      }
      return h;
    }
  };
  struct Entry {
    Key key;
    QImage image;
    QPoint offset;           ///< where the image goes in the frame
    std::uint64_t used = 0;  ///< the render that last needed it
  };
  /// Most recently used first; bounded by bytes, not by a count, so that 4K and 480p alike keep
  /// what a frame needs and no more.
  std::list<Entry> lru;
  std::unordered_map<Key, std::list<Entry>::iterator, KeyHash> index;
  std::size_t bytes = 0;
  std::size_t budget = kDefaultBudget;
  std::uint64_t renders = 0;
  QImage canvas;  ///< the image the last frame was painted into
  bool transparent = false;

  Entry* find(const Key& key) {
    const auto it = index.find(key);
    if (it == index.end()) return nullptr;
    lru.splice(lru.begin(), lru, it->second);
    it->second->used = renders;
    return &*it->second;
  }
  Entry& insert(const Key& key, QImage image, QPoint offset) {
    bytes += static_cast<std::size_t>(image.sizeInBytes());
    lru.push_front({key, std::move(image), offset, renders});
    index[key] = lru.begin();
    return lru.front();
  }
  /// Drops the least recently used runs past the budget, except those this frame used.
  void trim() {
    while (bytes > budget && !lru.empty() && lru.back().used != renders) {
      bytes -= static_cast<std::size_t>(lru.back().image.sizeInBytes());
      index.erase(lru.back().key);
      lru.pop_back();
    }
  }
  void clear() {
    lru.clear();
    index.clear();
    bytes = 0;
  }
};

FrameRenderer::FrameRenderer() : cache_(std::make_unique<Cache>()) {}
FrameRenderer::~FrameRenderer() = default;
FrameRenderer::FrameRenderer(FrameRenderer&&) noexcept = default;
FrameRenderer& FrameRenderer::operator=(FrameRenderer&&) noexcept = default;

void FrameRenderer::clear() { cache_->clear(); }

void FrameRenderer::setCacheBudget(std::size_t bytes) {
  cache_->budget = bytes;
  if (bytes == 0) cache_->clear();
  cache_->trim();
}

void FrameRenderer::setTransparentBackground(bool transparent) {
  if (transparent != cache_->transparent) cache_->clear();  // kept runs hold the other background
  cache_->transparent = transparent;
}

std::size_t FrameRenderer::cachedBytes() const { return cache_->bytes; }

QImage FrameRenderer::render(const FrameState& frame, QSize size) {
  using Key = Cache::Key;
  Cache& cache = *cache_;
  ++cache.renders;
  const QRectF target(QPointF(0, 0), QSizeF(size));
  std::vector<Layer> runs = frame.layers;
  if (runs.empty()) runs.push_back({frame.items.size(), 0});

  // The frame is painted into the image it was painted into last time, unless whoever got that
  // one still holds it: a fresh 8 MB (1080p) buffer a frame would cost page faults and memory.
  QImage& image = cache.canvas;
  if (image.size() != size || !image.isDetached()) image = QImage(size, QImage::Format_ARGB32_Premultiplied);

  // The first run, on the background: kept whole when still.
  const Key first{runs.front().key, size.width(), size.height(), frame.view};
  if (Cache::Entry* kept = runs.front().key != 0 ? cache.find(first) : nullptr) {
    std::memcpy(image.bits(), kept->image.constBits(), static_cast<std::size_t>(image.sizeInBytes()));
  } else {
    image.fill(cache.transparent ? QColor(Qt::transparent) : toQColor(frame.background, 1.0));
    QPainter painter(&image);
    renderItems(frame, 0, runs.front().end, painter, target);
    painter.end();
    if (runs.front().key != 0 && cache.budget > 0) cache.insert(first, image.copy(), QPoint());
  }

  QPainter painter(&image);
  std::size_t begin = runs.front().end;
  for (std::size_t r = 1; r < runs.size(); ++r) {
    const Layer& run = runs[r];
    if (run.end <= begin) continue;
    if (run.key == 0) {
      renderItems(frame, begin, run.end, painter, target);
    } else {
      // A still run over moving ones: painted once onto transparency, then composited. The
      // layer covers what its items can touch, not the whole frame.
      const Key key{run.key, size.width(), size.height(), frame.view};
      Cache::Entry* layer = cache.find(key);
      Cache::Entry fresh;
      if (!layer) {
        const QRect bounds = itemBounds(frame, begin, run.end, target);
        fresh.offset = bounds.topLeft();
        if (!bounds.isEmpty()) {
          fresh.image = QImage(bounds.size(), QImage::Format_ARGB32_Premultiplied);
          fresh.image.fill(Qt::transparent);
          QPainter lp(&fresh.image);
          lp.translate(-bounds.topLeft());
          renderItems(frame, begin, run.end, lp, target);
        }
        layer = cache.budget > 0 ? &cache.insert(key, std::move(fresh.image), fresh.offset) : &fresh;
      }
      if (!layer->image.isNull()) painter.drawImage(layer->offset, layer->image);
    }
    begin = run.end;
  }
  painter.end();
  cache.trim();
  return image;
}

std::vector<std::uint8_t> changedTiles(const FrameState& before, const FrameState& after, QSize size, int tile) {
  const int columns = (size.width() + tile - 1) / tile, rows = (size.height() + tile - 1) / tile;
  std::vector<std::uint8_t> tiles(static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows), 0);
  if (before.background != after.background || before.view != after.view) {
    std::fill(tiles.begin(), tiles.end(), 1);
    return tiles;
  }
  const QRectF target(QPointF(0, 0), QSizeF(size));
  auto mark = [&](const FrameState& frame, std::size_t i) {
    const QRect r = itemBounds(frame, i, i + 1, target);
    if (r.isEmpty()) return;
    for (int y = r.top() / tile; y <= r.bottom() / tile; ++y) {
      std::fill_n(tiles.begin() + y * columns + r.left() / tile, r.right() / tile - r.left() / tile + 1, 1);
    }
  };
  // A pixel can change only where an item that is not the same at the same place in the paint
  // order touches it: elsewhere the same items cover it, in the same order.
  const std::size_t count = std::max(before.items.size(), after.items.size());
  for (std::size_t i = 0; i < count; ++i) {
    const bool inBefore = i < before.items.size(), inAfter = i < after.items.size();
    if (inBefore && inAfter) {
      const DrawItem &a = before.items[i], &b = after.items[i];
      if (a.style == b.style && (a.path == b.path || *a.path == *b.path)) continue;
    }
    if (inBefore) mark(before, i);
    if (inAfter) mark(after, i);
  }
  return tiles;
}

QImage renderImage(const FrameState& frame, QSize size) {
  FrameRenderer renderer;
  return renderer.render(frame, size);
}

}  // namespace attnplay
