// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace attnplay::detail {

/// Stops a scene run that goes past its time limit, or that the user stops (`cancel`): from a
/// thread of its own it calls `interrupt` once — after it has decided, without its lock held, so
/// `interrupt` may wait for what the run holds (Python's GIL). stop() ends the watch; after it,
/// fired() or cancelled() say whether the run was interrupted and why.
class Watchdog {
 public:
  Watchdog(std::chrono::milliseconds limit, const std::atomic<bool>* cancel, std::function<void()> interrupt);
  ~Watchdog() { stop(); }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  void stop();
  bool fired() const { return fired_; }
  bool cancelled() const { return cancelled_; }

 private:
  std::mutex mutex_;
  std::condition_variable done_cv_;
  bool done_ = false;
  std::atomic<bool> fired_{false}, cancelled_{false};
  std::thread thread_;
};

}  // namespace attnplay::detail
