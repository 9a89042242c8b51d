// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>

#include "attnplay/base/error.hpp"

namespace attnplay {

/// The one way attnplay reads an input file (a scene, a parameters file or sidecar, weights, a
/// font): a regular file only — a FIFO, a device or a folder is refused at once instead of
/// blocking or reading forever — and at most `maxBytes`, checked while reading, not from the
/// size the file claims. `what` names the file in messages ("scene", "weights file").
Result<std::string> readInputFile(const std::string& path, std::size_t maxBytes, const std::string& what);

}  // namespace attnplay
