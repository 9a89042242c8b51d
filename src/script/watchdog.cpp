// SPDX-License-Identifier: MIT
#include "script/watchdog.hpp"

namespace attnplay::detail {

Watchdog::Watchdog(std::chrono::milliseconds limit, const std::atomic<bool>* cancel, std::function<void()> interrupt)
    : thread_([this, limit, cancel, interrupt = std::move(interrupt)] {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        {
          std::unique_lock lock(mutex_);
          // Woken every 50 ms to look at the cancel flag: a stop takes effect at once.
          while (!done_) {
            if (cancel && cancel->load()) {
              cancelled_ = true;
              break;
            }
            const auto now = std::chrono::steady_clock::now();
            if (now >= deadline) {
              fired_ = true;
              break;
            }
            done_cv_.wait_for(
                lock, std::min<std::chrono::steady_clock::duration>(deadline - now, std::chrono::milliseconds(50)));
          }
        }
        if (fired_ || cancelled_) interrupt();
      }) {}

void Watchdog::stop() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  done_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace attnplay::detail
