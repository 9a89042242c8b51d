// SPDX-License-Identifier: MIT
#pragma once

#include <QSemaphore>
#include <functional>

namespace attnplay {

/// Threads that each paint frames of their own, run in Qt's global thread pool. Qt's raster
/// engine shares out a large fill among that pool's threads unless it is called from one of
/// them; with every core already painting a frame, the sharing only adds waits and wake-ups.
/// The pool is allowed as many more threads as these take, so that whoever else paints (the
/// player's viewport) still finds the threads it had.
class PaintingThreads {
 public:
  /// Starts `count` threads, each running `body` once.
  PaintingThreads(int count, const std::function<void()>& body);
  /// Waits for them.
  ~PaintingThreads();
  PaintingThreads(const PaintingThreads&) = delete;
  PaintingThreads& operator=(const PaintingThreads&) = delete;

  /// Waits for every thread to end; afterwards a no-op.
  void join();

 private:
  int count_;
  QSemaphore finished_;
  bool joined_ = false;
};

}  // namespace attnplay
