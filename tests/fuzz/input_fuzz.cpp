// SPDX-License-Identifier: MIT
// libFuzzer target for what a user hands attnplay as files and names: weights (.npy, .csv,
// .json), parameters files and sidecars, and PNG sequence patterns. The first byte picks which;
// every input must give a value or an Error — never a crash, a hang or a read past the data.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "attnplay/attention/attention.hpp"
#include "attnplay/export/export_job.hpp"
#include "attnplay/script/scene_script.hpp"

namespace {

std::string writeTemporary(const char* extension, const std::string& bytes) {
  static const std::string base = "/tmp/attnplay_input_fuzz_" + std::to_string(::getpid());
  const std::string path = base + extension;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  return path;
}

template <typename T>
void mustExplain(const attnplay::Result<T>& r) {
  if (!r && r.error().message().empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > 4096) return 0;
  const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 5) {
    case 0:
      mustExplain(attnplay::attention::loadWeights(writeTemporary(".npy", bytes)));
      break;
    case 1:
      mustExplain(attnplay::attention::loadWeights(writeTemporary(".csv", bytes), {.probabilities = true}));
      break;
    case 2:
      mustExplain(attnplay::attention::loadWeights(writeTemporary(".json", bytes), {.tokens = 3}));
      break;
    case 3:
      mustExplain(attnplay::readParamsFile(writeTemporary(".params.json", bytes)));
      break;
    default: {
      const auto pattern = attnplay::parseSequencePattern(bytes);
      mustExplain(pattern);
      // A pattern that parses names frames that contain no conversion of their own.
      if (pattern && *pattern && (*pattern)->nameOf(7).empty()) std::abort();
      break;
    }
  }
  return 0;
}
