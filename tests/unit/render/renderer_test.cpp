// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <QGuiApplication>
#include <QPainter>
#include <QThread>
#include <QThreadPool>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <mutex>

#include "attnplay/frame/frame_hash.hpp"
#include "attnplay/render/renderer.hpp"
#include "attnplay/scene/shapes.hpp"
#include "attnplay/scene/snapshot.hpp"
#include "attnplay/script/scene_script.hpp"
#include "render/painting_threads.hpp"

using namespace attnplay;
using namespace attnplay::manim;

namespace {

FrameState single(Mobject m) {
  FrameState f;
  f.items.push_back({std::make_shared<const Path>(m.path), m.style});
  return f;
}

}  // namespace

TEST(Renderer, RunsWithoutDisplayOrPlatform) {
  ::unsetenv("DISPLAY");
  ::unsetenv("WAYLAND_DISPLAY");
  ::unsetenv("QT_QPA_PLATFORM");
  ASSERT_EQ(qobject_cast<QGuiApplication*>(QCoreApplication::instance()), nullptr);
  Mobject square = makeSquare(2);
  square.style.fillColor = *namedColor("BLUE");
  square.style.fillOpacity = 0.5;
  const QImage image = renderImage(single(square), QSize(480, 270));
  ASSERT_EQ(image.size(), QSize(480, 270));
  // Manim shows BLUE at opacity 0.5 on black as (44, 98, 110) (MANIM-NOTES.md).
  const QColor centre = image.pixelColor(240, 135);
  EXPECT_NEAR(centre.red(), 44, 1);
  EXPECT_NEAR(centre.green(), 98, 1);
  EXPECT_NEAR(centre.blue(), 110, 1);
  EXPECT_EQ(image.pixelColor(5, 5), QColor(0, 0, 0));
}

TEST(Camera, MapsManimFrameToPixels) {
  const Camera c(QRectF(0, 0, 1920, 1080));
  EXPECT_NEAR(c.pixelsPerUnit(), 135, 1e-9);
  EXPECT_NEAR(c.toPixels({0, 0}).x(), 960, 1e-9);
  EXPECT_NEAR(c.toPixels({0, 4}).y(), 0, 1e-9);  // y up
  EXPECT_NEAR(c.toPixels({-FRAME_X_RADIUS, 0}).x(), 0, 1e-9);
  // Manim's 480p: 60 px per unit; the 854-wide frame is centred.
  EXPECT_NEAR(Camera(QRectF(0, 0, 854, 480)).pixelsPerUnit(), 60, 1e-9);
}

TEST(Camera, ShowsWhatTheViewCovers) {
  // Manim's MovingCamera: the view's centre at the frame's middle, each axis pixels over size,
  // so a view half as wide doubles every length, strokes too.
  const Camera c(QRectF(0, 0, 1920, 1080), View{{2, 1}, FRAME_WIDTH / 2, FRAME_HEIGHT / 2});
  EXPECT_NEAR(c.pixelsPerUnit(), 270, 1e-9);
  EXPECT_NEAR(c.toPixels({2, 1}).x(), 960, 1e-9);
  EXPECT_NEAR(c.toPixels({2, 2}).y(), 540 - 270, 1e-9);
  EXPECT_NEAR(c.frameRect().width(), 1920, 1e-9);  // the picture keeps its place in the target
  // A view of no size or of no finite place is drawn as the nearest one that can be.
  const View nothing{{std::nan(""), 0}, 0, -1};
  EXPECT_EQ(nothing.drawable().center, Vec2(0, 0));
  EXPECT_NEAR(nothing.drawable().width, FRAME_WIDTH / 1000, 1e-12);
  EXPECT_NEAR(nothing.drawable().height, 1, 1e-12);
  EXPECT_TRUE(std::isfinite(Camera(QRectF(0, 0, 100, 100), nothing).pixelsPerUnit()));
}

TEST(Renderer, AStillRunKeptForOneViewIsNotReusedForAnother) {
  FrameRenderer renderer;
  Mobject square = makeSquare(1);
  square.style.fillOpacity = 1;
  FrameState frame = single(square);
  frame.layers = {{frame.items.size(), 42}};
  const QImage whole = renderer.render(frame, QSize(320, 180)).copy();
  const ContentHash before = FrameHasher().hash(frame);
  frame.view = View{{3, 0}, FRAME_WIDTH, FRAME_HEIGHT};
  EXPECT_NE(FrameHasher().hash(frame), before);  // the export's piece cache tells them apart
  const QImage moved = renderer.render(frame, QSize(320, 180)).copy();
  EXPECT_EQ(whole.pixelColor(160, 90), QColor(255, 255, 255));
  EXPECT_EQ(moved.pixelColor(160, 90), QColor(0, 0, 0));  // the square is 3 units to the left now
  EXPECT_EQ(moved, renderImage(frame, QSize(320, 180)));
}

TEST(Camera, LetterboxesOtherAspects) {
  const Camera c(QRectF(0, 0, 800, 800));
  EXPECT_NEAR(c.frameRect().width(), 800, 1e-9);
  EXPECT_NEAR(c.frameRect().height(), 800 * 9.0 / 16.0, 1e-9);
  EXPECT_NEAR(c.frameRect().top(), (800 - 450) / 2.0, 1e-9);
}

TEST(Renderer, StrokeWidthScalesWithResolution) {
  // stroke_width 4 is 0.04 units: 5.4 px at 1080p, as measured on Manim's frames.
  Mobject line = makeLine({-3, 0}, {3, 0});
  const QImage image = renderImage(single(line), QSize(1920, 1080));
  double coverage = 0;
  for (int y = 520; y < 560; ++y) coverage += image.pixelColor(960, y).redF();
  EXPECT_NEAR(coverage, 5.4, 0.1);
}

TEST(Renderer, StrokeIsPaintedOverFill) {
  Mobject square = makeSquare(4);
  square.style.fillColor = *namedColor("RED");
  square.style.fillOpacity = 1;
  square.style.strokeWidth = 40;
  const QImage image = renderImage(single(square), QSize(480, 270));
  // At 480x270 a unit is 33.75 px: the left edge at x = -2 units is at 172.5 px, and the white
  // stroke, 0.4 units (13.5 px) wide, covers it.
  EXPECT_EQ(image.pixelColor(172, 135), QColor(255, 255, 255));
  EXPECT_EQ(image.pixelColor(240, 135), QColor(0xfc, 0x62, 0x55));
}

TEST(Renderer, PaintsIntoAnyDeviceRectangle) {
  Mobject square = makeSquare(8);
  square.style.fillColor = WHITE;
  square.style.fillOpacity = 1;
  QImage canvas(200, 200, QImage::Format_ARGB32_Premultiplied);
  canvas.fill(Qt::green);
  QPainter painter(&canvas);
  render(single(square), painter, QRectF(100, 100, 100, 100));
  painter.end();
  EXPECT_EQ(canvas.pixelColor(50, 50), QColor(Qt::green));        // outside the target
  EXPECT_EQ(canvas.pixelColor(150, 150), QColor(255, 255, 255));  // inside the square
  EXPECT_EQ(canvas.pixelColor(102, 150), QColor(0, 0, 0));        // letterbox inside target
}

TEST(Snapshot, KeepsPaintOrderAndSkipsEmpty) {
  SceneGraph g;
  const MobjectId group = g.create(makeGroup());
  const MobjectId s = g.create(makeSquare());
  const MobjectId c = g.create(makeCircle());
  g.addChild(group, s);
  g.addChild(group, c);
  g.addToScene(group);
  g.addToScene(s);  // on stage again later: painted last, once
  const FrameState f = snapshot(g);
  ASSERT_EQ(f.items.size(), 2u);
  EXPECT_EQ(*f.items[0].path, g[c].path);
  EXPECT_EQ(*f.items[1].path, g[s].path);
}

TEST(Renderer, KeptRunsStayWithinTheirByteBudget) {
  // Frame after frame of new still runs (a long scene of waits, 4K): the renderer keeps what its
  // budget allows and always what the frame being drawn needs, and draws the same pixels.
  FrameRenderer renderer;
  renderer.setCacheBudget(std::size_t{20} << 20);
  const QSize size(1920, 1080);
  const std::size_t image = std::size_t(size.width()) * size.height() * 4;
  for (std::uint64_t i = 0; i < 12; ++i) {
    Mobject square = makeSquare(1.0 + 0.1 * static_cast<double>(i));
    square.style.fillOpacity = 1;
    FrameState frame = single(square);
    frame.layers = {{frame.items.size(), i + 1}};  // a still run, new each frame
    EXPECT_EQ(renderer.render(frame, size), renderImage(frame, size));
    EXPECT_LE(renderer.cachedBytes(), std::max<std::size_t>(std::size_t{20} << 20, image)) << i;
    EXPECT_GE(renderer.cachedBytes(), image);  // the frame's own run is kept
  }
  renderer.setCacheBudget(0);
  EXPECT_EQ(renderer.cachedBytes(), 0u);
  // With nothing kept, still the same pixels, and nothing left behind.
  Mobject square = makeSquare(2.0);
  square.style.fillOpacity = 1;
  FrameState frame = single(square);
  frame.layers = {{frame.items.size(), 99}};
  EXPECT_EQ(renderer.render(frame, size), renderImage(frame, size));
  frame.items.push_back(frame.items.front());  // a still run over a moving one: a layer
  frame.layers = {{1, 0}, {2, 98}};
  EXPECT_EQ(renderer.render(frame, size), renderImage(frame, size));
  EXPECT_EQ(renderer.cachedBytes(), 0u);
}

TEST(PaintingThreads, RunInQtsPoolAndLeaveItsOtherThreadsFree) {
  // Qt's raster engine shares a large fill out over its global pool unless called from one of
  // that pool's threads: export threads must be such threads, and must not take the threads
  // someone else (the player's viewport) paints with.
  QThreadPool* pool = QThreadPool::globalInstance();
  const int limit = pool->maxThreadCount();
  constexpr int kThreads = 3;
  std::atomic<int> inPool{0}, ran{0};
  std::atomic<bool> otherRan{false};
  std::mutex mutex;
  std::condition_variable changed;
  {
    PaintingThreads threads(kThreads, [&] {
      if (pool->contains(QThread::currentThread())) ++inPool;
      std::unique_lock lock(mutex);
      ++ran;
      changed.notify_all();
      // Every painting thread stays busy until a task started on the pool meanwhile has run.
      changed.wait_for(lock, std::chrono::seconds(10), [&] { return otherRan.load(); });
    });
    {
      std::unique_lock lock(mutex);
      ASSERT_TRUE(changed.wait_for(lock, std::chrono::seconds(10), [&] { return ran == kThreads; }));
    }
    EXPECT_GE(pool->maxThreadCount(), limit + kThreads);
    pool->start([&] {
      std::lock_guard lock(mutex);
      otherRan = true;
      changed.notify_all();
    });
    threads.join();
    threads.join();  // a second join is a no-op
  }
  EXPECT_TRUE(otherRan);
  EXPECT_EQ(inPool, kThreads);
  EXPECT_EQ(ran, kThreads);
  EXPECT_EQ(pool->maxThreadCount(), limit);
  pool->waitForDone();
}

TEST(Renderer, AStillLayerCoversOnlyWhatItsItemsTouch) {
  // A still run over a moving one is kept as a layer the size of what it draws, sharp miters and
  // antialiasing included: the frame is what painting every item in turn gives, to rounding.
  Mobject moving = makeSquare(6);
  moving.style.fillColor = *namedColor("BLUE");
  moving.style.fillOpacity = 0.7;
  Mobject wedge;
  wedge.path = Path::polyline({{3, 2}, {6.5, 2.3}, {3, 2.6}}, true);  // a 10-degree tip: a long miter
  wedge.style.strokeWidth = 12;
  wedge.style.strokeOpacity = 1;
  wedge.style.fillColor = *namedColor("RED");
  wedge.style.fillOpacity = 0.5;
  FrameState frame = single(moving);
  frame.items.push_back({std::make_shared<const Path>(wedge.path), wedge.style});
  const QSize size(1920, 1080);
  QImage direct(size, QImage::Format_ARGB32_Premultiplied);
  {
    QPainter painter(&direct);
    render(frame, painter, QRectF(QPointF(0, 0), QSizeF(size)));
  }
  frame.layers = {{1, 0}, {2, 7}};
  FrameRenderer renderer;
  const QImage layered = renderer.render(frame, size);
  const std::size_t whole = std::size_t(size.width()) * size.height() * 4;
  EXPECT_GT(renderer.cachedBytes(), 0u);
  EXPECT_LT(renderer.cachedBytes(), whole / 10);  // the wedge's box, not the frame
  int worst = 0;
  for (int y = 0; y < size.height(); ++y) {
    for (int x = 0; x < size.width(); ++x) {
      const QRgb a = direct.pixel(x, y), b = layered.pixel(x, y);
      worst = std::max(
          {worst, std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)), std::abs(qBlue(a) - qBlue(b))});
    }
  }
  EXPECT_LE(worst, 1);
  EXPECT_EQ(renderer.render(frame, size), layered);  // from the kept layer, the same
}

TEST(Renderer, PaintsIntoTheImageOfTheFrameBeforeUnlessItIsHeld) {
  FrameRenderer renderer;
  Mobject square = makeSquare(2);
  square.style.fillOpacity = 1;
  const QSize size(640, 360);
  const std::uint8_t* first = renderer.render(single(square), size).constBits();
  square.path = makeSquare(3).path;
  const QImage second = renderer.render(single(square), size);
  EXPECT_EQ(second.constBits(), first);  // the buffer was free: no new one
  const QImage kept = second.copy();
  square.path = makeSquare(1).path;
  const QImage third = renderer.render(single(square), size);
  EXPECT_NE(third.constBits(), second.constBits());  // `second` is still held: left as it was
  EXPECT_EQ(second, kept);
  EXPECT_EQ(third, renderImage(single(square), size));
}

TEST(Renderer, ChangedTilesHoldEveryPixelThatChanges) {
  // Frame after frame of a scene that writes, moves and recolours: outside the tiles said to
  // change, the two frames' pixels are the same; a still frame changes none; a new background all.
  auto scene = loadSceneSource(R"(
      const title = Text("Tiles", { fontSize: 48 }).toEdge(UP);
      const boxes = VGroup(...[0, 1, 2].map(() => Square({ sideLength: 1, fillColor: BLUE, fillOpacity: 0.6 })))
        .arrange(RIGHT, { buff: 0.4 });
      play(Write(title), { runTime: 0.5 });
      play(FadeIn(boxes, { shift: UP }), { runTime: 0.5 });
      play(boxes.at(1).animate.setFill(RED, { opacity: 0.9 }).rotate(0.5), { runTime: 0.5 });
      wait(0.25);
    )",
                               "tiles.js");
  ASSERT_TRUE(scene.ok()) << scene.error().format();
  const QSize size(480, 270);
  const int tile = 16, columns = (480 + 15) / 16;
  FrameState before = scene->timeline->evaluate(0);
  QImage previous = renderImage(before, size);
  std::size_t marked = 0, tiles = 0;
  for (int i = 1; i <= 42; ++i) {
    const FrameState after = scene->timeline->evaluate(i / 24.0);
    const QImage image = renderImage(after, size);
    const std::vector<std::uint8_t> changed = changedTiles(before, after, size, tile);
    ASSERT_EQ(changed.size(), std::size_t(columns) * ((270 + 15) / 16));
    int differing = 0;
    for (int y = 0; y < size.height(); ++y) {
      for (int x = 0; x < size.width(); ++x) {
        if (!changed[std::size_t(y / tile * columns + x / tile)] && image.pixel(x, y) != previous.pixel(x, y))
          ++differing;
      }
    }
    EXPECT_EQ(differing, 0) << "frame " << i;
    marked += static_cast<std::size_t>(std::count(changed.begin(), changed.end(), 1));
    tiles += changed.size();
    before = after;
    previous = image;
  }
  EXPECT_LT(marked * 3, tiles);  // most tiles are left alone
  const std::vector<std::uint8_t> none = changedTiles(before, before, size, tile);
  EXPECT_EQ(std::count(none.begin(), none.end(), 1), 0);
  FrameState other = before;
  other.background = Color{1, 1, 1};
  const std::vector<std::uint8_t> all = changedTiles(before, other, size, tile);
  EXPECT_EQ(std::count(all.begin(), all.end(), 1), static_cast<long>(all.size()));
}
