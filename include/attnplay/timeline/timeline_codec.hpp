// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "attnplay/base/error.hpp"
#include "attnplay/timeline/timeline.hpp"

namespace attnplay {

/// A timeline as bytes, the way it crosses from the scene worker to the player and the exporter:
/// every field as it is in memory (doubles bit for bit, so the frames are the same frames), each
/// shared path once. Not a file format: both ends are the same build.
std::string encodeTimeline(const Timeline& timeline);
/// The same, appended to `out`: a buffer kept from one run to the next keeps its memory.
void encodeTimeline(const Timeline& timeline, std::string& out);

/// The timeline `bytes` hold; an error when they are cut short, inconsistent, or from another
/// build's encoder.
Result<std::shared_ptr<const Timeline>> decodeTimeline(std::string_view bytes);

}  // namespace attnplay
