// SPDX-License-Identifier: MIT
#include "attnplay/export/video_encoder.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <cstring>

namespace attnplay {

namespace {

std::string avError(int code) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, buf, sizeof buf);
  return buf;
}

Error ioError(const std::string& path, const std::string& what, int code) {
  std::string hint = "check that the folder is writable and the disk has room";
  if (code == AVERROR(ENOSPC) || code == AVERROR(EFBIG))
    hint = "the disk is full (or a file-size limit was reached); free some space";
  return Error(ErrorCode::IoError, "cannot write '" + path + "': " + what + ": " + avError(code), hint);
}

}  // namespace

const std::vector<std::string>& x264Presets() {
  static const std::vector<std::string> presets = {"ultrafast", "superfast", "veryfast", "faster",   "fast",
                                                   "medium",    "slow",      "slower",   "veryslow", "placebo"};
  return presets;
}

struct ColorConverter::Impl {
  int width, height;
  SwsContext* sws = nullptr;
  ~Impl() { sws_freeContext(sws); }
};

ColorConverter::ColorConverter(int width, int height) : impl_(new Impl{width, height}) {
  // Full-chroma input with accurate rounding is both exact and the fastest here (stack probe).
  impl_->sws = sws_getContext(width, height, AV_PIX_FMT_BGRA, width, height, AV_PIX_FMT_YUV420P,
                              SWS_BILINEAR | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INP, nullptr, nullptr, nullptr);
  const int* bt709 = sws_getCoefficients(SWS_CS_ITU709);
  sws_setColorspaceDetails(impl_->sws, bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16);
}

ColorConverter::~ColorConverter() = default;

YuvFrame ColorConverter::convert(const QImage& image) {
  const int width = impl_->width, height = impl_->height;
  YuvFrame f;
  f.width = width;
  f.height = height;
  const int cw = (width + 1) / 2, ch = (height + 1) / 2;
  f.y.resize(static_cast<std::size_t>(width) * height);
  f.u.resize(static_cast<std::size_t>(cw) * ch);
  f.v.resize(static_cast<std::size_t>(cw) * ch);
  // QImage's ARGB32 is BGRA in memory on little-endian machines.
  const QImage src = image.format() == QImage::Format_ARGB32_Premultiplied || image.format() == QImage::Format_ARGB32 ||
                             image.format() == QImage::Format_RGB32
                         ? image
                         : image.convertToFormat(QImage::Format_ARGB32);
  const std::uint8_t* in[1] = {src.constBits()};
  const int inStride[1] = {static_cast<int>(src.bytesPerLine())};
  std::uint8_t* out[3] = {f.y.data(), f.u.data(), f.v.data()};
  const int outStride[3] = {width, cw, cw};
  sws_scale(impl_->sws, in, inStride, 0, height, out, outStride);
  return f;
}

struct VideoEncoder::Impl {
  AVFormatContext* format = nullptr;
  AVCodecContext* codec = nullptr;
  AVStream* stream = nullptr;
  AVFrame* frame = nullptr;
  AVPacket* packet = nullptr;
  std::string path;
  std::int64_t frames = 0;
  bool finished = false;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    if (format && format->pb) avio_closep(&format->pb);
    av_packet_free(&packet);
    av_frame_free(&frame);
    avcodec_free_context(&codec);
    avformat_free_context(format);
  }
  Status drain(bool flushing);
};

VideoEncoder::VideoEncoder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
VideoEncoder::~VideoEncoder() = default;
std::int64_t VideoEncoder::framesWritten() const { return impl_->frames; }

Result<std::unique_ptr<VideoEncoder>> VideoEncoder::open(const std::string& path, const VideoSettings& s) {
  if (s.width <= 0 || s.height <= 0 || s.width % 2 != 0 || s.height % 2 != 0) {
    return Error(ErrorCode::InvalidArgument,
                 "the size " + std::to_string(s.width) + "x" + std::to_string(s.height) + " has an odd side",
                 "H.264 in yuv420p needs even width and height, such as 1920x1080 or 854x480");
  }
  if (std::find(x264Presets().begin(), x264Presets().end(), s.preset) == x264Presets().end()) {
    std::string list;
    for (const auto& p : x264Presets()) list += (list.empty() ? "" : ", ") + p;
    return Error(ErrorCode::InvalidArgument, "unknown x264 preset '" + s.preset + "'", "use one of: " + list);
  }
  if (s.crf < 0 || s.crf > 51) {
    return Error(ErrorCode::InvalidArgument, "CRF " + std::to_string(s.crf) + " is outside 0–51",
                 "18 is visually lossless; higher is smaller and worse");
  }
  av_log_set_level(AV_LOG_ERROR);  // x264's statistics are not the user's business
  const AVCodec* codec = avcodec_find_encoder_by_name("libx264");
  if (!codec) {
    return Error(ErrorCode::InvalidArgument, "this FFmpeg has no libx264 encoder",
                 "install Debian's libavcodec with x264 (scripts/install-deps.sh)");
  }
  auto e = std::make_unique<Impl>();
  e->path = path;
  if (int r = avformat_alloc_output_context2(&e->format, nullptr, "mp4", path.c_str()); r < 0) {
    return Error(ErrorCode::Internal, "cannot set up MP4 output: " + avError(r));
  }
  e->stream = avformat_new_stream(e->format, nullptr);
  e->codec = avcodec_alloc_context3(codec);
  AVCodecContext* c = e->codec;
  const AVRational rate = av_d2q(s.fps, 100000);
  c->width = s.width;
  c->height = s.height;
  c->time_base = av_inv_q(rate);
  c->framerate = rate;
  c->pix_fmt = AV_PIX_FMT_YUV420P;
  c->color_range = AVCOL_RANGE_MPEG;
  c->colorspace = AVCOL_SPC_BT709;
  c->color_primaries = AVCOL_PRI_BT709;
  c->color_trc = AVCOL_TRC_BT709;
  c->thread_count = 0;
  if (e->format->oformat->flags & AVFMT_GLOBALHEADER) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  av_opt_set(c->priv_data, "preset", s.preset.c_str(), 0);
  av_opt_set(c->priv_data, "tune", "animation", 0);
  av_opt_set(c->priv_data, "crf", std::to_string(s.crf).c_str(), 0);
  if (int r = avcodec_open2(c, codec, nullptr); r < 0) {
    return Error(ErrorCode::InvalidArgument, "libx264 refused the settings: " + avError(r), "check the preset and CRF");
  }
  avcodec_parameters_from_context(e->stream->codecpar, c);
  e->stream->time_base = c->time_base;
  e->stream->avg_frame_rate = rate;
  if (int r = avio_open(&e->format->pb, path.c_str(), AVIO_FLAG_WRITE); r < 0) return ioError(path, "opening", r);
  AVDictionary* options = nullptr;
  av_dict_set(&options, "movflags", "+faststart", 0);  // the index first, so players start at once
  const int r = avformat_write_header(e->format, &options);
  av_dict_free(&options);
  if (r < 0) return ioError(path, "writing the header", r);
  e->frame = av_frame_alloc();
  e->frame->format = AV_PIX_FMT_YUV420P;
  e->frame->width = s.width;
  e->frame->height = s.height;
  e->frame->color_range = AVCOL_RANGE_MPEG;
  e->frame->colorspace = AVCOL_SPC_BT709;
  e->frame->color_primaries = AVCOL_PRI_BT709;
  e->frame->color_trc = AVCOL_TRC_BT709;
  if (av_frame_get_buffer(e->frame, 0) < 0) return Error(ErrorCode::Internal, "out of memory for a video frame");
  e->packet = av_packet_alloc();
  return std::unique_ptr<VideoEncoder>(new VideoEncoder(std::move(e)));
}

Status VideoEncoder::Impl::drain(bool flushing) {
  while (true) {
    const int r = avcodec_receive_packet(codec, packet);
    if (r == AVERROR(EAGAIN) || (flushing && r == AVERROR_EOF)) return {};
    if (r < 0) return Error(ErrorCode::Internal, "libx264 failed: " + avError(r));
    // FFmpeg 5.1's libx264 wrapper leaves durations unset, which shortens the MP4 by a frame.
    if (packet->duration == 0) packet->duration = 1;
    av_packet_rescale_ts(packet, codec->time_base, stream->time_base);
    packet->stream_index = stream->index;
    const int w = av_interleaved_write_frame(format, packet);
    if (w < 0) return ioError(path, "writing video", w);
    if (format->pb->error < 0) return ioError(path, "writing video", format->pb->error);
  }
}

Status VideoEncoder::add(const YuvFrame& f) {
  Impl& d = *impl_;
  if (av_frame_make_writable(d.frame) < 0) return Error(ErrorCode::Internal, "out of memory for a video frame");
  const int cw = (f.width + 1) / 2, ch = (f.height + 1) / 2;
  for (int row = 0; row < f.height; ++row) {
    std::memcpy(d.frame->data[0] + row * d.frame->linesize[0], f.y.data() + static_cast<std::size_t>(row) * f.width,
                static_cast<std::size_t>(f.width));
  }
  for (int row = 0; row < ch; ++row) {
    std::memcpy(d.frame->data[1] + row * d.frame->linesize[1], f.u.data() + static_cast<std::size_t>(row) * cw,
                static_cast<std::size_t>(cw));
    std::memcpy(d.frame->data[2] + row * d.frame->linesize[2], f.v.data() + static_cast<std::size_t>(row) * cw,
                static_cast<std::size_t>(cw));
  }
  d.frame->pts = d.frames++;
  if (int r = avcodec_send_frame(d.codec, d.frame); r < 0)
    return Error(ErrorCode::Internal, "libx264 failed: " + avError(r));
  return d.drain(false);
}

Status VideoEncoder::finish() {
  Impl& d = *impl_;
  if (d.finished) return {};
  d.finished = true;
  if (int r = avcodec_send_frame(d.codec, nullptr); r < 0)
    return Error(ErrorCode::Internal, "libx264 failed: " + avError(r));
  if (Status s = d.drain(true); !s) return s;
  if (int r = av_write_trailer(d.format); r < 0) return ioError(d.path, "finishing the file", r);
  if (d.format->pb->error < 0) return ioError(d.path, "finishing the file", d.format->pb->error);
  if (int r = avio_closep(&d.format->pb); r < 0) return ioError(d.path, "closing the file", r);
  return {};
}

}  // namespace attnplay
