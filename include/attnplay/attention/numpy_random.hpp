// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>

namespace attnplay {

/// NumPy's legacy generator (np.random.seed / np.random.rand): MT19937 seeded by init_genrand,
/// doubles from two 32-bit draws with 53 bits of precision. The same seed gives NumPy's numbers.
class NumpyRandom {
 public:
  explicit NumpyRandom(std::uint32_t seed = 0) { seed_(seed); }
  void seed(std::uint32_t s) { seed_(s); }
  /// One draw of np.random.rand(): uniform in [0, 1).
  double rand();
  std::uint32_t next32();

 private:
  void seed_(std::uint32_t s);
  void twist();
  std::array<std::uint32_t, 624> state_{};
  std::size_t index_ = 624;
};

}  // namespace attnplay
