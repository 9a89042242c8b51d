// SPDX-License-Identifier: MIT
// libFuzzer target: any bytes as a MathTex formula must give a formula or an Error — never a
// crash, a hang, or a non-finite coordinate.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "attnplay/math/typeset.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // As long as a scene may make a formula (SceneBuilder's cap), so the nesting limit, not a byte
  // cap, is what keeps deep input off the stack.
  if (size > 10000) return 0;
  const std::string tex(reinterpret_cast<const char*>(data), size);
  auto formula = attnplay::math::typeset(tex);
  if (formula) {
    for (const auto& piece : formula->pieces) {
      if (!piece.allFinite()) std::abort();
    }
    if (!std::isfinite(formula->width) || !std::isfinite(formula->height)) std::abort();
  } else if (formula.error().message().empty()) {
    std::abort();
  }
  return 0;
}
