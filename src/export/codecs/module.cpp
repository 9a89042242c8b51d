// SPDX-License-Identifier: MIT
// The video module's one exported name (export/codec_module.hpp says why there is a module).
#include "export/codecs/codecs.hpp"

namespace {

const attnplay::CodecModule kModule = {
    ATTNPLAY_CODEC_INTERFACE,        attnplay::codecs::openPieceEncoder, attnplay::codecs::openMp4Writer,
    attnplay::codecs::openGifWriter, attnplay::codecs::openStreamWriter, attnplay::codecs::join,
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const attnplay::CodecModule* attnplay_codec_module() {
  return &kModule;
}
