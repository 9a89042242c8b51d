// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <QRectF>
#include <QSize>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "attnplay/frame/frame_state.hpp"

class QPainter;

namespace attnplay {

/// Maps what a view shows (by default Manim's frame: 14.222 × 8 units, origin at the centre,
/// y up) onto a pixel rectangle of the frame's shape, scaled to fit and centred, the way Manim's
/// camera maps its frame onto its pixel grid: each axis by pixels over frame size.
class Camera {
 public:
  explicit Camera(const QRectF& target, const View& view = {});
  /// Pixels per scene unit across; strokes scale with it, since Manim keeps a stroke's width in
  /// scene units as its camera zooms.
  double pixelsPerUnit() const { return scaleX_; }
  QPointF toPixels(const Vec2& p) const;
  /// The part of the target the frame covers (the rest is letterbox).
  QRectF frameRect() const { return frame_; }

 private:
  QRectF frame_;
  Vec2 center_;
  double scaleX_, scaleY_;
};

/// Paints a frame into `target` on any paint device: background, then each item's fill and
/// stroke (stroke over fill), antialiased, butt caps and miter joins as Cairo draws them.
void render(const FrameState& frame, QPainter& painter, const QRectF& target);

/// Renders frames into images, keeping the pixels of keyed still runs between frames: the first
/// run is kept as the frame's opaque start, later ones as transparent layers composited on top.
/// A frame comes out the same whether its runs were cached or painted afresh. One renderer per
/// thread.
class FrameRenderer {
 public:
  FrameRenderer();
  ~FrameRenderer();
  FrameRenderer(FrameRenderer&&) noexcept;
  FrameRenderer& operator=(FrameRenderer&&) noexcept;

  QImage render(const FrameState& frame, QSize size);
  /// Forgets every kept run.
  void clear();
  /// How many bytes of kept runs it may hold; the runs a frame needs are kept whatever this says,
  /// except with a budget of 0: then nothing is kept (an export that repeats still frames itself).
  static constexpr std::size_t kDefaultBudget = std::size_t{40} << 20;
  void setCacheBudget(std::size_t bytes);
  /// Leaves the background (and the letterbox) transparent instead of painting the scene's
  /// background colour: frames for video with an alpha channel.
  void setTransparentBackground(bool transparent);
  std::size_t cachedBytes() const;

 private:
  struct Cache;  // kept runs by key and size
  std::unique_ptr<Cache> cache_;
};

/// Paints the items [begin, end) of a frame, as `render` does for a run.
void renderItems(const FrameState& frame, std::size_t begin, std::size_t end, QPainter& painter, const QRectF& target);

/// Which tile × tile squares of a frame of `size` (raster order, the last row and column cut
/// short) can show other pixels in `after` than in `before`: 1 where an item that differs between
/// the two, index by index in paint order, can touch; all of them if the background or the view differs.
/// Elsewhere the pixels are the same, so they need no converting or encoding again.
std::vector<std::uint8_t> changedTiles(const FrameState& before, const FrameState& after, QSize size, int tile);

/// Renders a frame into a new image of the given size, through the same steps as FrameRenderer.
/// Needs no QGuiApplication and no display.
QImage renderImage(const FrameState& frame, QSize size);

}  // namespace attnplay
