// SPDX-License-Identifier: MIT
#pragma once

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include <functional>
#include <string>

namespace attnplay::test {

/// Decodes a file's video stream and hands each frame to `take`, with the stream and the opened
/// decoder; `decoder` names one (libvpx-vp9 for VP9's alpha) instead of FFmpeg's default.
/// Returns false when the file cannot be opened or has no video.
inline bool decodeVideo(const std::string& path, const char* decoder,
                        const std::function<void(const AVFrame&, const AVStream&, const AVCodecContext&)>& take,
                        double* duration = nullptr) {
  AVFormatContext* format = nullptr;
  if (avformat_open_input(&format, path.c_str(), nullptr, nullptr) < 0) return false;
  avformat_find_stream_info(format, nullptr);
  const int index = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (index < 0) {
    avformat_close_input(&format);
    return false;
  }
  const AVStream* stream = format->streams[index];
  if (duration) *duration = static_cast<double>(format->duration) / AV_TIME_BASE;
  const AVCodec* codec =
      decoder ? avcodec_find_decoder_by_name(decoder) : avcodec_find_decoder(stream->codecpar->codec_id);
  AVCodecContext* ctx = avcodec_alloc_context3(codec);
  avcodec_parameters_to_context(ctx, stream->codecpar);
  avcodec_open2(ctx, codec, nullptr);
  AVPacket* packet = av_packet_alloc();
  AVFrame* frame = av_frame_alloc();
  auto drain = [&] {
    while (avcodec_receive_frame(ctx, frame) == 0) take(*frame, *stream, *ctx);
  };
  while (av_read_frame(format, packet) >= 0) {
    if (packet->stream_index == index) {
      avcodec_send_packet(ctx, packet);
      drain();
    }
    av_packet_unref(packet);
  }
  avcodec_send_packet(ctx, nullptr);
  drain();
  av_frame_free(&frame);
  av_packet_free(&packet);
  avcodec_free_context(&ctx);
  avformat_close_input(&format);
  return true;
}

}  // namespace attnplay::test
