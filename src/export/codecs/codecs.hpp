// SPDX-License-Identifier: MIT
#pragma once

#include "export/codec_module.hpp"

namespace attnplay::codecs {

// The video module's entries, one per CodecModule field (module.cpp lists them). Each is
// given settings the core has already checked.

Result<std::unique_ptr<PieceEncoder>> openPieceEncoder(const VideoSettings& settings);
Result<std::unique_ptr<Mp4Writer>> openMp4Writer(const std::string& path, const VideoSettings& settings,
                                                 const std::vector<std::uint8_t>& header, const std::string& comment);
Result<std::unique_ptr<GifWriter>> openGifWriter(const std::string& path, int width, int height, double fps,
                                                 const std::vector<std::uint32_t>& palette, bool loop);
Result<std::unique_ptr<StreamWriter>> openStreamWriter(const std::string& path, const VideoFormat& format,
                                                       const VideoSettings& settings, int threads, bool alpha);
Result<JoinStats> join(const std::vector<std::string>& inputs, const std::string& temporary);

}  // namespace attnplay::codecs
