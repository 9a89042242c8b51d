// SPDX-License-Identifier: MIT
#include "attnplay/attention/numpy_random.hpp"

namespace attnplay {

void NumpyRandom::seed_(std::uint32_t s) {
  // NumPy's mt19937_seed: the reference init_genrand.
  state_[0] = s;
  for (std::uint32_t i = 1; i < 624; ++i) state_[i] = 1812433253u * (state_[i - 1] ^ (state_[i - 1] >> 30)) + i;
  index_ = 624;
}

void NumpyRandom::twist() {
  constexpr std::uint32_t kUpper = 0x80000000u, kLower = 0x7fffffffu, kMatrix = 0x9908b0dfu;
  for (std::size_t i = 0; i < 624; ++i) {
    const std::uint32_t y = (state_[i] & kUpper) | (state_[(i + 1) % 624] & kLower);
    state_[i] = state_[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1u) ? kMatrix : 0u);
  }
  index_ = 0;
}

std::uint32_t NumpyRandom::next32() {
  if (index_ >= 624) twist();
  std::uint32_t y = state_[index_++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

double NumpyRandom::rand() {
  // genrand_res53, as NumPy's legacy random_sample.
  const std::uint32_t a = next32() >> 5, b = next32() >> 6;
  return (a * 67108864.0 + b) / 9007199254740992.0;
}

}  // namespace attnplay
