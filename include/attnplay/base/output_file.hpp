// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "attnplay/base/error.hpp"

namespace attnplay {

/// The check before attnplay writes a file (an MP4, a PNG, a frame of a sequence, a sidecar):
/// the target may be new, or an ordinary file (or a link to one) that is not one of `inputs` —
/// the scene, a parameters file or anything else the run reads. A device, a FIFO, a folder or a
/// link to one of those is refused, as is any input, so an output can never destroy what it
/// was made from. Writers then replace the target atomically (a temporary file renamed).
Status checkOutputTarget(const std::string& path, const std::vector<std::string>& inputs);

}  // namespace attnplay
