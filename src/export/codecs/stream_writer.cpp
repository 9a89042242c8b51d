// SPDX-License-Identifier: MIT
// Every format beyond the piece-joined H.264 MP4, through one libavcodec encoder and libavformat:
// the video module's side of StreamWriter.

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include <cstring>

#include "export/codecs/av_error.hpp"
#include "export/codecs/codecs.hpp"

namespace attnplay::codecs {

namespace {

class FfmpegStream final : public StreamWriter {
 public:
  AVFormatContext* format = nullptr;
  AVStream* stream = nullptr;
  AVCodecContext* codec = nullptr;
  AVFrame* frame = nullptr;
  AVPacket* packet = nullptr;
  SwsContext* sws = nullptr;
  std::string path;
  std::int64_t frames = 0;
  bool alpha = false;
  bool finished = false;

  FfmpegStream() = default;
  ~FfmpegStream() override {
    sws_freeContext(sws);
    av_packet_free(&packet);
    av_frame_free(&frame);
    avcodec_free_context(&codec);
    if (format && format->pb) avio_closep(&format->pb);
    avformat_free_context(format);
  }
  /// Sends a frame (nullptr: flushes) and writes the packets that come out.
  Status send(AVFrame* in) {
    if (int r = avcodec_send_frame(codec, in); r < 0)
      return Error(ErrorCode::Internal, std::string(codec->codec->name) + " failed: " + avError(r));
    while (true) {
      const int r = avcodec_receive_packet(codec, packet);
      if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return {};
      if (r < 0) return Error(ErrorCode::Internal, std::string(codec->codec->name) + " failed: " + avError(r));
      if (packet->duration <= 0) packet->duration = 1;  // else the file ends a frame short
      av_packet_rescale_ts(packet, codec->time_base, stream->time_base);
      packet->stream_index = stream->index;
      const int w = av_interleaved_write_frame(format, packet);
      av_packet_unref(packet);
      if (w < 0) return writeError(path, "writing video", w);
    }
  }
  Status write(const QImage& image) override;
  Status finish() override;
};

Status FfmpegStream::write(const QImage& image) {
  FfmpegStream& w = *this;
  if (image.width() != w.codec->width || image.height() != w.codec->height)
    return Error(ErrorCode::Internal, "a frame of another size reached the encoder");
  // libswscale takes straight alpha: the premultiplied frame is divided out first, so that
  // half-covered edges keep their colour instead of darkening.
  const QImage src = w.alpha ? image.convertToFormat(QImage::Format_ARGB32)
                     : image.format() == QImage::Format_ARGB32_Premultiplied || image.format() == QImage::Format_RGB32
                         ? image
                         : image.convertToFormat(QImage::Format_RGB32);
  if (av_frame_make_writable(w.frame) < 0) return Error(ErrorCode::Internal, "out of memory for a video frame");
  const std::uint8_t* in[1] = {src.constBits()};
  const int stride[1] = {static_cast<int>(src.bytesPerLine())};
  sws_scale(w.sws, in, stride, 0, src.height(), w.frame->data, w.frame->linesize);
  w.frame->pts = w.frames++;
  return w.send(w.frame);
}

Status FfmpegStream::finish() {
  FfmpegStream& w = *this;
  if (w.finished) return {};
  w.finished = true;
  if (Status s = w.send(nullptr); !s) return s;
  return closeOutput(w.format, w.path);
}

}  // namespace

Result<std::unique_ptr<StreamWriter>> openStreamWriter(const std::string& path, const VideoFormat& format,
                                                       const VideoSettings& s, int threads, bool alpha) {
  const VideoFormat* f = &format;
  av_log_set_level(AV_LOG_ERROR);  // the libraries' statistics are not the user's business
  const AVCodec* encoder = avcodec_find_encoder_by_name(f->encoder);
  if (!encoder) {
    return Error(ErrorCode::InvalidArgument, std::string("this FFmpeg has no ") + f->encoder + " encoder",
                 "install Debian's libavcodec59 (scripts/install-deps.sh)");
  }
  auto w = std::make_unique<FfmpegStream>();
  w->path = path;
  w->alpha = alpha;
  if (int r = avformat_alloc_output_context2(&w->format, nullptr, f->muxer, path.c_str()); r < 0)
    return Error(ErrorCode::Internal, "cannot set up the " + std::string(f->muxer) + " output: " + avError(r));
  w->codec = avcodec_alloc_context3(encoder);
  w->frame = av_frame_alloc();
  w->packet = av_packet_alloc();
  w->stream = avformat_new_stream(w->format, nullptr);
  if (!w->codec || !w->frame || !w->packet || !w->stream)
    return Error(ErrorCode::Internal, "out of memory for a video");
  AVCodecContext* c = w->codec;
  const AVRational rate = av_d2q(s.fps, 100000);
  const AVPixelFormat pixels = av_get_pix_fmt(alpha ? f->alphaPixelFormat : f->pixelFormat);
  c->width = s.width;
  c->height = s.height;
  c->time_base = av_inv_q(rate);
  c->framerate = rate;
  c->pix_fmt = pixels;
  c->sample_aspect_ratio = AVRational{1, 1};
  c->thread_count = threads;
  const bool rgb = (av_pix_fmt_desc_get(pixels)->flags & AV_PIX_FMT_FLAG_RGB) != 0;
  c->color_range = rgb ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG;
  c->colorspace = rgb ? AVCOL_SPC_RGB : AVCOL_SPC_BT709;
  c->color_primaries = AVCOL_PRI_BT709;
  c->color_trc = AVCOL_TRC_BT709;
  if (w->format->oformat->flags & AVFMT_GLOBALHEADER) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  const std::string crf = std::to_string(s.crf);
  if (std::strcmp(f->encoder, "libvpx-vp9") == 0) {
    // Constant quality (a bitrate of 0 lets the CRF decide), rows in parallel, a fast pass.
    c->bit_rate = 0;
    av_opt_set(c->priv_data, "crf", crf.c_str(), 0);
    av_opt_set(c->priv_data, "deadline", "good", 0);
    av_opt_set(c->priv_data, "cpu-used", "5", 0);
    av_opt_set(c->priv_data, "row-mt", "1", 0);
    if (alpha) av_opt_set(c->priv_data, "auto-alt-ref", "0", 0);  // libvpx cannot use alt-ref frames with alpha
  } else if (std::strcmp(f->encoder, "libx265") == 0) {
    av_opt_set(c->priv_data, "crf", crf.c_str(), 0);
    av_opt_set(c->priv_data, "preset", s.preset.c_str(), 0);
    av_opt_set(c->priv_data, "x265-params", "log-level=error", 0);
    c->codec_tag = MKTAG('h', 'v', 'c', '1');  // what Apple's players look for in an MP4
  } else if (std::strcmp(f->encoder, "prores_ks") == 0) {
    av_opt_set(c->priv_data, "profile", "4444", 0);
    av_opt_set(c->priv_data, "vendor", "apl0", 0);
  } else if (std::strcmp(f->encoder, "ffv1") == 0) {
    av_opt_set(c->priv_data, "level", "3", 0);  // slices, so its threads have work
    av_opt_set(c->priv_data, "slicecrc", "1", 0);
  }
  if (int r = avcodec_open2(c, encoder, nullptr); r < 0) {
    return Error(ErrorCode::InvalidArgument, std::string(f->encoder) + " refused the settings: " + avError(r),
                 "check the size, frame rate and CRF");
  }
  if (int r = avcodec_parameters_from_context(w->stream->codecpar, c); r < 0)
    return Error(ErrorCode::Internal, "cannot describe the video stream: " + avError(r));
  w->stream->time_base = c->time_base;
  w->stream->avg_frame_rate = rate;
  w->frame->format = pixels;
  w->frame->width = s.width;
  w->frame->height = s.height;
  if (av_frame_get_buffer(w->frame, 0) < 0) return Error(ErrorCode::Internal, "out of memory for a video frame");
  // Rendered frames are full-range RGB; YUV formats get BT.709 in limited range, as the MP4 does.
  w->sws = sws_getContext(s.width, s.height, AV_PIX_FMT_BGRA, s.width, s.height, pixels,
                          SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nullptr, nullptr, nullptr);
  if (!w->sws) return Error(ErrorCode::Internal, "cannot convert frames to " + std::string(f->pixelFormat));
  const int* bt709 = sws_getCoefficients(SWS_CS_ITU709);
  sws_setColorspaceDetails(w->sws, bt709, 1, bt709, rgb ? 1 : 0, 0, 1 << 16, 1 << 16);
  const bool quickTime = std::strcmp(f->muxer, "mp4") == 0 || std::strcmp(f->muxer, "mov") == 0;
  // The index first; the colour tags kept.
  if (Status o = openOutput(w->format, path, quickTime ? "+faststart+write_colr" : nullptr); !o) return o.error();
  return std::unique_ptr<StreamWriter>(std::move(w));
}

}  // namespace attnplay::codecs
