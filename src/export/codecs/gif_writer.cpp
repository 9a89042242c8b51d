// SPDX-License-Identifier: MIT
// Animated GIFs through libavcodec's GIF encoder and libavformat's muxer: the video module's
// side of GifWriter.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
}

#include <algorithm>
#include <cmath>
#include <cstring>

#include "export/codecs/av_error.hpp"
#include "export/codecs/codecs.hpp"

namespace attnplay::codecs {

namespace {

class FfmpegGif final : public GifWriter {
 public:
  AVFormatContext* format = nullptr;
  AVStream* stream = nullptr;
  AVCodecContext* codec = nullptr;
  AVFrame* frame = nullptr;
  AVPacket* packet = nullptr;
  std::string path;
  double fps = 0;
  std::int64_t frames = 0;
  bool finished = false;

  FfmpegGif() = default;
  ~FfmpegGif() override {
    av_packet_free(&pending);
    av_packet_free(&packet);
    av_frame_free(&frame);
    avcodec_free_context(&codec);
    if (format && format->pb) avio_closep(&format->pb);
    avformat_free_context(format);
  }
  /// Frame i's time in hundredths of a second, GIF's unit: rounded from the exact time, so the
  /// delays alternate (7, 7, 6 at 15 fps) and the animation keeps its rate.
  std::int64_t centiseconds(std::int64_t i) const { return std::llround(static_cast<double>(i) * 100 / fps); }
  /// The packet written last is held until the next one's time says how long it shows.
  AVPacket* pending = nullptr;
  Status writePending(std::int64_t until) {
    if (!pending) return {};
    pending->duration = std::max<std::int64_t>(1, until - pending->pts);
    pending->dts = pending->pts;
    pending->stream_index = stream->index;
    const int w = av_interleaved_write_frame(format, pending);
    av_packet_free(&pending);
    if (w < 0) return writeError(path, "writing the GIF", w);
    return {};
  }
  Status send(AVFrame* in) {
    if (int r = avcodec_send_frame(codec, in); r < 0)
      return Error(ErrorCode::Internal, "the GIF encoder failed: " + avError(r));
    while (true) {
      const int r = avcodec_receive_packet(codec, packet);
      if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return {};
      if (r < 0) return Error(ErrorCode::Internal, "the GIF encoder failed: " + avError(r));
      if (Status s = writePending(packet->pts); !s) return s;
      pending = av_packet_clone(packet);
      av_packet_unref(packet);
      if (!pending) return Error(ErrorCode::Internal, "out of memory for a GIF");
    }
  }
  Status write(const std::vector<std::uint8_t>& indices, bool repeat) override;
  Status finish() override;
};

Status FfmpegGif::write(const std::vector<std::uint8_t>& indices, bool repeat) {
  FfmpegGif& w = *this;
  if (repeat && w.frames > 0) {  // the frame before shows longer
    ++w.frames;
    return {};
  }
  const int width = w.codec->width, height = w.codec->height;
  if (indices.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height))
    return Error(ErrorCode::Internal, "a frame of another size reached the GIF encoder");
  if (av_frame_make_writable(w.frame) < 0) return Error(ErrorCode::Internal, "out of memory for a GIF frame");
  for (int y = 0; y < height; ++y) {
    std::memcpy(w.frame->data[0] + static_cast<std::ptrdiff_t>(y) * w.frame->linesize[0],
                indices.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(width),
                static_cast<std::size_t>(width));
  }
  w.frame->pts = w.centiseconds(w.frames++);
  return w.send(w.frame);
}

Status FfmpegGif::finish() {
  FfmpegGif& w = *this;
  if (w.finished) return {};
  w.finished = true;
  if (Status s = w.send(nullptr); !s) return s;
  // The muxer times each frame by the next one's start; the last one's it is told.
  if (w.pending) {
    const std::string last = std::to_string(std::max<std::int64_t>(1, w.centiseconds(w.frames) - w.pending->pts));
    av_opt_set(w.format->priv_data, "final_delay", last.c_str(), 0);
  }
  if (Status s = w.writePending(w.centiseconds(w.frames)); !s) return s;
  return closeOutput(w.format, w.path);
}

}  // namespace

Result<std::unique_ptr<GifWriter>> openGifWriter(const std::string& path, int width, int height, double fps,
                                                 const std::vector<std::uint32_t>& palette, bool loop) {
  av_log_set_level(AV_LOG_ERROR);
  const AVCodec* encoder = avcodec_find_encoder(AV_CODEC_ID_GIF);
  if (!encoder) return Error(ErrorCode::InvalidArgument, "this FFmpeg has no GIF encoder");
  auto w = std::make_unique<FfmpegGif>();
  w->path = path;
  w->fps = fps;
  if (int r = avformat_alloc_output_context2(&w->format, nullptr, "gif", path.c_str()); r < 0)
    return Error(ErrorCode::Internal, "cannot set up the GIF output: " + avError(r));
  w->codec = avcodec_alloc_context3(encoder);
  w->frame = av_frame_alloc();
  w->packet = av_packet_alloc();
  w->stream = avformat_new_stream(w->format, nullptr);
  if (!w->codec || !w->frame || !w->packet || !w->stream) return Error(ErrorCode::Internal, "out of memory for a GIF");
  AVCodecContext* c = w->codec;
  c->width = width;
  c->height = height;
  c->time_base = AVRational{1, 100};
  c->framerate = av_d2q(fps, 100000);
  c->pix_fmt = AV_PIX_FMT_PAL8;
  if (int r = avcodec_open2(c, encoder, nullptr); r < 0)
    return Error(ErrorCode::InvalidArgument, "the GIF encoder refused the settings: " + avError(r));
  if (int r = avcodec_parameters_from_context(w->stream->codecpar, c); r < 0)
    return Error(ErrorCode::Internal, "cannot describe the GIF stream: " + avError(r));
  w->stream->time_base = AVRational{1, 100};
  w->frame->format = AV_PIX_FMT_PAL8;
  w->frame->width = width;
  w->frame->height = height;
  if (av_frame_get_buffer(w->frame, 0) < 0) return Error(ErrorCode::Internal, "out of memory for a GIF frame");
  // The palette, in the encoder's order (ARGB in native words); the rest unused and opaque black.
  auto* entries = reinterpret_cast<std::uint32_t*>(w->frame->data[1]);
  for (std::size_t i = 0; i < 256; ++i) entries[i] = i < palette.size() ? palette[i] : 0xff000000u;
  if (int r = avio_open(&w->format->pb, path.c_str(), AVIO_FLAG_WRITE); r < 0) return writeError(path, "opening", r);
  AVDictionary* options = nullptr;
  av_dict_set(&options, "loop", loop ? "0" : "-1", 0);  // 0: forever; −1: no loop extension, play once
  const int r = avformat_write_header(w->format, &options);
  av_dict_free(&options);
  if (r < 0) return writeError(path, "writing the header", r);
  return std::unique_ptr<GifWriter>(std::move(w));
}

}  // namespace attnplay::codecs
