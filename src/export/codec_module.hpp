// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "attnplay/base/error.hpp"
#include "attnplay/export/export_job.hpp"
#include "attnplay/export/gif.hpp"
#include "attnplay/export/video_encoder.hpp"
#include "export/stream_writer.hpp"

namespace attnplay {

// FFmpeg and libx264 link some hundred shared libraries, whose loading and relocation cost a
// process about 55 ms at start on a 2-core machine: more than all the rest of attnplay-cli's start.
// So they live in a module of their own, attnplay-codecs.so, that the core opens on first use:
// a command, a scene load or the player's window never waits for them, an export does once.
// The core and the module are built from one tree; the interface below is all they share.

/// libx264's parameters beyond preset, tune and CRF. One thread per encoder: pieces run side
/// by side instead. No B-frames: each costs a 1080p encoder about 9 MB, and on these frames
/// they slow a single-threaded libx264 by a third for 10 % of the bytes (docs/export.md).
constexpr const char* kX264Params = "bframes=0";
/// With the default preset, full-pixel motion search and no weighted prediction, as ultrafast
/// has: on flat animation frames 20 % faster and 40 MB less at 1080p, for 1 % more bytes and
/// the same PSNR (docs/export.md). Slower presets keep what they choose.
constexpr const char* kSuperfastParams = ":subme=0:weightp=0";
/// Bumped whenever the conversion or the encoding changes the bytes a piece holds.
constexpr int kEncodingVersion = 3;

/// What the module gives, as one table of functions. Settings reach it already checked.
struct CodecModule {
  /// The interface's identity, compared with the core's before any other entry is used: a module
  /// from another build is refused instead of called.
  const char* interface;
  Result<std::unique_ptr<PieceEncoder>> (*openPieceEncoder)(const VideoSettings& settings);
  Result<std::unique_ptr<Mp4Writer>> (*openMp4Writer)(const std::string& path, const VideoSettings& settings,
                                                      const std::vector<std::uint8_t>& header,
                                                      const std::string& comment);
  Result<std::unique_ptr<GifWriter>> (*openGifWriter)(const std::string& path, int width, int height, double fps,
                                                      const std::vector<std::uint32_t>& palette, bool loop);
  Result<std::unique_ptr<StreamWriter>> (*openStreamWriter)(const std::string& path, const VideoFormat& format,
                                                            const VideoSettings& settings, int threads, bool alpha);
  /// Joins the inputs' H.264 streams into a new MP4 at `temporary` (which the caller renames or
  /// removes); the frames and duration of what it wrote.
  Result<JoinStats> (*join)(const std::vector<std::string>& inputs, const std::string& temporary);
};

/// The module's one exported name: a function returning its table.
constexpr const char* kCodecModuleEntry = "attnplay_codec_module";
/// The module's file name, in the folders codecModule() looks in.
constexpr const char* kCodecModuleFile = "attnplay-codecs.so";

/// The module, opened on first use (thread-safe); an error says where it was looked for.
Result<const CodecModule*> codecModule();
/// The folders codecModule() looks in, in order (ATTNPLAY_CODECS_DIR first when set).
std::vector<std::string> codecModuleSearchDirs();

}  // namespace attnplay
