// SPDX-License-Identifier: MIT
#include "render/painting_threads.hpp"

#include <QThreadPool>
#include <mutex>

namespace attnplay {

namespace {

std::mutex gLimitMutex;  // two exports at once must not lose each other's extra threads

void widenPool(int by) {
  std::lock_guard lock(gLimitMutex);
  QThreadPool* pool = QThreadPool::globalInstance();
  pool->setMaxThreadCount(pool->maxThreadCount() + by);
}

}  // namespace

PaintingThreads::PaintingThreads(int count, const std::function<void()>& body) : count_(count) {
  if (count_ <= 0) return;
  widenPool(count_);
  for (int i = 0; i < count_; ++i) {
    QThreadPool::globalInstance()->start([this, body] {
      body();
      finished_.release();
    });
  }
}

PaintingThreads::~PaintingThreads() { join(); }

void PaintingThreads::join() {
  if (joined_ || count_ <= 0) return;
  finished_.acquire(count_);
  widenPool(-count_);
  joined_ = true;
}

}  // namespace attnplay
