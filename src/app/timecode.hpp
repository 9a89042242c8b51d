// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <cstdint>
#include <optional>

namespace attnplay::app {

/// A time as people type it, to a frame at `fps`: seconds ("5.5", "5.5 s"), a frame ("330f"),
/// minutes and seconds ("1:05.5"), or SMPTE-style hours:minutes:seconds:frames ("00:00:05:30").
/// nullopt when it is none of these or negative.
std::optional<std::int64_t> parseTimecode(const QString& text, double fps);

/// SMPTE-style "hh:mm:ss:ff" of a frame.
QString smpte(std::int64_t frame, double fps);

}  // namespace attnplay::app
