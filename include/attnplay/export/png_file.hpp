// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <string>
#include <vector>

#include "attnplay/base/error.hpp"

namespace attnplay {

/// Writes one PNG through a temporary file in the target folder, renamed when complete, after
/// the output gate (never onto one of `inputs`, a device or a link to one).
Status writePngFile(const QImage& image, const std::string& path, const std::vector<std::string>& inputs);

}  // namespace attnplay
