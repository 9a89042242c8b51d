// SPDX-License-Identifier: MIT
#include "attnplay/export/video_encoder.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
}
#include <x264.h>

#include "export/skip_frames.hpp"

#include <algorithm>
#include <cstring>

namespace attnplay {

namespace {

/// libx264's parameters beyond preset, tune and CRF. One thread per encoder: pieces run side
/// by side instead. No B-frames: each costs a 1080p encoder about 9 MB, and on these frames
/// they slow a single-threaded libx264 by a third for 10 % of the bytes (docs/export.md).
constexpr const char* kX264Params = "bframes=0";
/// With the default preset, full-pixel motion search and no weighted prediction, as ultrafast
/// has: on flat animation frames 20 % faster and 40 MB less at 1080p, for 1 % more bytes and
/// the same PSNR (docs/export.md). Slower presets keep what they choose.
constexpr const char* kSuperfastParams = ":subme=0:weightp=0";
/// Bumped whenever the conversion or the encoding changes the bytes a piece holds.
constexpr int kEncodingVersion = 2;

std::string x264ParamsFor(const std::string& preset) {
  return std::string(kX264Params) + (preset == "superfast" ? kSuperfastParams : "");
}

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

Error encoderError(int code) { return Error(ErrorCode::Internal, "libx264 failed: " + avError(code)); }

AVRational rateOf(const VideoSettings& s) { return av_d2q(s.fps, 100000); }

void tagBt709(AVColorRange& range, AVColorSpace& space, AVColorPrimaries& primaries,
              AVColorTransferCharacteristic& transfer) {
  range = AVCOL_RANGE_MPEG;
  space = AVCOL_SPC_BT709;
  primaries = AVCOL_PRI_BT709;
  transfer = AVCOL_TRC_BT709;
}

// BT.709 in 16-bit fixed point, full-range RGB to limited-range YCbCr: Y spans 16–235,
// Cb and Cr 16–240 (ITU-R BT.709-6 table 3, scaled by 219/255 and 224/255).
constexpr int kShift = 16;
constexpr int kYr = 11966, kYg = 40254, kYb = 4064;
constexpr int kUr = -6596, kUg = -22188, kUb = 28784;
constexpr int kVr = 28784, kVg = -26145, kVb = -2639;

inline std::uint8_t lumaOf(std::uint32_t p) {
  const int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
  return static_cast<std::uint8_t>((kYr * r + kYg * g + kYb * b + (16 << kShift) + (1 << (kShift - 1))) >> kShift);
}

}  // namespace

const std::vector<std::string>& x264Presets() {
  static const std::vector<std::string> presets = {"ultrafast", "superfast", "veryfast", "faster",   "fast",
                                                   "medium",    "slow",      "slower",   "veryslow", "placebo"};
  return presets;
}

Status checkVideoSettings(const VideoSettings& s) {
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
  return {};
}

std::string encoderIdentity() {
  return std::string(LIBAVCODEC_IDENT) + "/" + std::to_string(avcodec_version()) + "/x264-" +
         std::to_string(X264_BUILD) + "/" + kX264Params + "/superfast" + kSuperfastParams + "/tune=animation/v" +
         std::to_string(kEncodingVersion);
}

void convertToYuv420(const QImage& image, std::uint8_t* const planes[3], const int strides[3]) {
  const QImage src = image.format() == QImage::Format_ARGB32_Premultiplied || image.format() == QImage::Format_ARGB32 ||
                             image.format() == QImage::Format_RGB32
                         ? image
                         : image.convertToFormat(QImage::Format_RGB32);
  const int width = src.width() & ~1, height = src.height() & ~1;
  // Animation frames are mostly flat background: a 2×2 block of one colour, and a colour seen
  // just before, cost one comparison.
  std::uint32_t lastColour = 0;
  std::uint8_t lastY = lumaOf(0), lastU = 128, lastV = 128;
  for (int row = 0; row < height; row += 2) {
    const auto* top = reinterpret_cast<const std::uint32_t*>(src.constScanLine(row));
    const auto* bottom = reinterpret_cast<const std::uint32_t*>(src.constScanLine(row + 1));
    std::uint8_t* y0 = planes[0] + static_cast<std::ptrdiff_t>(row) * strides[0];
    std::uint8_t* y1 = y0 + strides[0];
    std::uint8_t* u = planes[1] + static_cast<std::ptrdiff_t>(row / 2) * strides[1];
    std::uint8_t* v = planes[2] + static_cast<std::ptrdiff_t>(row / 2) * strides[2];
    for (int col = 0; col < width; col += 2) {
      const std::uint32_t a = top[col], b = top[col + 1], c = bottom[col], d = bottom[col + 1];
      if ((a == b) & (a == c) & (a == d)) {
        if ((a & 0xffffff) != lastColour) {
          lastColour = a & 0xffffff;
          const int r = (a >> 16) & 0xff, g = (a >> 8) & 0xff, bl = a & 0xff;
          lastY = lumaOf(a);
          lastU = static_cast<std::uint8_t>((kUr * r + kUg * g + kUb * bl + (128 << kShift) + (1 << (kShift - 1))) >>
                                            kShift);
          lastV = static_cast<std::uint8_t>((kVr * r + kVg * g + kVb * bl + (128 << kShift) + (1 << (kShift - 1))) >>
                                            kShift);
        }
        y0[col] = y0[col + 1] = y1[col] = y1[col + 1] = lastY;
        u[col / 2] = lastU;
        v[col / 2] = lastV;
        continue;
      }
      y0[col] = lumaOf(a);
      y0[col + 1] = lumaOf(b);
      y1[col] = lumaOf(c);
      y1[col + 1] = lumaOf(d);
      // The block's mean colour, kept as a sum of four: two more bits of precision.
      const int r = ((a >> 16) & 0xff) + ((b >> 16) & 0xff) + ((c >> 16) & 0xff) + ((d >> 16) & 0xff);
      const int g = ((a >> 8) & 0xff) + ((b >> 8) & 0xff) + ((c >> 8) & 0xff) + ((d >> 8) & 0xff);
      const int bl = (a & 0xff) + (b & 0xff) + (c & 0xff) + (d & 0xff);
      u[col / 2] = static_cast<std::uint8_t>(
          (kUr * r + kUg * g + kUb * bl + (128 << (kShift + 2)) + (1 << (kShift + 1))) >> (kShift + 2));
      v[col / 2] = static_cast<std::uint8_t>(
          (kVr * r + kVg * g + kVb * bl + (128 << (kShift + 2)) + (1 << (kShift + 1))) >> (kShift + 2));
    }
  }
}

std::size_t EncodedPiece::bytes() const {
  std::size_t n = header.size();
  for (const auto& p : packets) n += p.data.size();
  return n;
}

struct PieceEncoder::Impl {
  AVCodecContext* codec = nullptr;
  AVFrame* frame = nullptr;
  AVPacket* packet = nullptr;
  EncodedPiece piece;
  bool hasFrame = false;
  bool canSkip = false;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    av_packet_free(&packet);
    av_frame_free(&frame);
    avcodec_free_context(&codec);
  }
  Status send(bool flushing);
};

PieceEncoder::PieceEncoder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PieceEncoder::~PieceEncoder() = default;

Result<std::unique_ptr<PieceEncoder>> PieceEncoder::open(const VideoSettings& s) {
  if (Status ok = checkVideoSettings(s); !ok) return ok.error();
  av_log_set_level(AV_LOG_ERROR);  // x264's statistics are not the user's business
  const AVCodec* codec = avcodec_find_encoder_by_name("libx264");
  if (!codec) {
    return Error(ErrorCode::InvalidArgument, "this FFmpeg has no libx264 encoder",
                 "install Debian's libavcodec with x264 (scripts/install-deps.sh)");
  }
  auto e = std::make_unique<Impl>();
  e->codec = avcodec_alloc_context3(codec);
  AVCodecContext* c = e->codec;
  const AVRational rate = rateOf(s);
  c->width = s.width;
  c->height = s.height;
  c->time_base = av_inv_q(rate);
  c->framerate = rate;
  c->pix_fmt = AV_PIX_FMT_YUV420P;
  tagBt709(c->color_range, c->colorspace, c->color_primaries, c->color_trc);
  c->thread_count = 1;
  c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;  // SPS and PPS once, in the MP4's sample description
  av_opt_set(c->priv_data, "preset", s.preset.c_str(), 0);
  av_opt_set(c->priv_data, "tune", "animation", 0);
  av_opt_set(c->priv_data, "crf", std::to_string(s.crf).c_str(), 0);
  av_opt_set(c->priv_data, "x264-params", x264ParamsFor(s.preset).c_str(), 0);
  if (int r = avcodec_open2(c, codec, nullptr); r < 0) {
    return Error(ErrorCode::InvalidArgument, "libx264 refused the settings: " + avError(r), "check the preset and CRF");
  }
  e->piece.header.assign(c->extradata, c->extradata + c->extradata_size);
  e->canSkip = SkipFrames::supports(e->piece.header);
  e->frame = av_frame_alloc();
  e->packet = av_packet_alloc();
  if (!e->frame || !e->packet) return Error(ErrorCode::Internal, "out of memory for a video frame");
  e->frame->format = AV_PIX_FMT_YUV420P;
  e->frame->width = s.width;
  e->frame->height = s.height;
  tagBt709(e->frame->color_range, e->frame->colorspace, e->frame->color_primaries, e->frame->color_trc);
  if (av_frame_get_buffer(e->frame, 0) < 0) return Error(ErrorCode::Internal, "out of memory for a video frame");
  return std::unique_ptr<PieceEncoder>(new PieceEncoder(std::move(e)));
}

Status PieceEncoder::Impl::send(bool flushing) {
  if (!flushing) frame->pts = piece.frames++;
  if (int r = avcodec_send_frame(codec, flushing ? nullptr : frame); r < 0) return encoderError(r);
  while (true) {
    const int r = avcodec_receive_packet(codec, packet);
    if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return {};
    if (r < 0) return encoderError(r);
    EncodedPacket p;
    p.pts = packet->pts;
    p.dts = packet->dts;
    // FFmpeg 5.1's libx264 wrapper leaves durations unset, which would shorten the MP4 by a frame.
    p.duration = packet->duration > 0 ? packet->duration : 1;
    p.key = (packet->flags & AV_PKT_FLAG_KEY) != 0;
    p.data.assign(packet->data, packet->data + packet->size);
    piece.packets.push_back(std::move(p));
    av_packet_unref(packet);
  }
}

Status PieceEncoder::setFrame(const QImage& image) {
  Impl& d = *impl_;
  if (image.width() != d.frame->width || image.height() != d.frame->height)
    return Error(ErrorCode::Internal, "a frame of another size reached the encoder");
  // libx264 has copied the previous frame by now, so this reuses its buffer.
  if (av_frame_make_writable(d.frame) < 0) return Error(ErrorCode::Internal, "out of memory for a video frame");
  convertToYuv420(image, d.frame->data, d.frame->linesize);
  d.hasFrame = true;
  return {};
}

Status PieceEncoder::encode() {
  if (!impl_->hasFrame) return Error(ErrorCode::Internal, "a frame was encoded before any was set");
  return impl_->send(false);
}

bool PieceEncoder::canRepeatWithoutEncoding() const { return impl_->canSkip; }

Result<EncodedPiece> PieceEncoder::finish(std::int64_t repeats) {
  Impl& d = *impl_;
  if (Status s = d.send(true); !s) return s.error();
  if (repeats > 0) {
    auto skips =
        d.piece.packets.empty() ? std::nullopt : SkipFrames::after(d.piece.header, d.piece.packets.back().data);
    if (!skips) return Error(ErrorCode::Internal, "libx264's stream cannot be continued with repeated frames");
    for (std::int64_t i = 0; i < repeats; ++i) {
      EncodedPacket p;
      p.pts = p.dts = d.piece.frames++;
      p.data = skips->next();
      d.piece.packets.push_back(std::move(p));
    }
  }
  return std::move(d.piece);
}

struct Mp4Writer::Impl {
  AVFormatContext* format = nullptr;
  AVStream* stream = nullptr;
  AVPacket* packet = nullptr;
  AVRational timeBase{1, 1};
  std::vector<std::uint8_t> header;
  std::string path;
  std::int64_t frames = 0;
  bool finished = false;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    if (format && format->pb) avio_closep(&format->pb);
    av_packet_free(&packet);
    avformat_free_context(format);
  }
};

Mp4Writer::Mp4Writer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Mp4Writer::~Mp4Writer() = default;
std::int64_t Mp4Writer::framesWritten() const { return impl_->frames; }

Result<std::unique_ptr<Mp4Writer>> Mp4Writer::open(const std::string& path, const VideoSettings& s,
                                                   const std::vector<std::uint8_t>& header) {
  if (Status ok = checkVideoSettings(s); !ok) return ok.error();
  auto w = std::make_unique<Impl>();
  w->path = path;
  w->header = header;
  if (int r = avformat_alloc_output_context2(&w->format, nullptr, "mp4", path.c_str()); r < 0) {
    return Error(ErrorCode::Internal, "cannot set up MP4 output: " + avError(r));
  }
  w->stream = avformat_new_stream(w->format, nullptr);
  w->packet = av_packet_alloc();
  if (!w->stream || !w->packet) return Error(ErrorCode::Internal, "out of memory for the MP4 output");
  const AVRational rate = rateOf(s);
  w->timeBase = av_inv_q(rate);
  AVCodecParameters* p = w->stream->codecpar;
  p->codec_type = AVMEDIA_TYPE_VIDEO;
  p->codec_id = AV_CODEC_ID_H264;
  p->width = s.width;
  p->height = s.height;
  p->format = AV_PIX_FMT_YUV420P;
  p->field_order = AV_FIELD_PROGRESSIVE;
  p->sample_aspect_ratio = AVRational{1, 1};
  tagBt709(p->color_range, p->color_space, p->color_primaries, p->color_trc);
  p->extradata = static_cast<std::uint8_t*>(av_mallocz(header.size() + AV_INPUT_BUFFER_PADDING_SIZE));
  if (!p->extradata) return Error(ErrorCode::Internal, "out of memory for the MP4 output");
  std::copy(header.begin(), header.end(), p->extradata);
  p->extradata_size = static_cast<int>(header.size());
  w->stream->time_base = w->timeBase;
  w->stream->avg_frame_rate = rate;
  w->stream->r_frame_rate = rate;
  if (int r = avio_open(&w->format->pb, path.c_str(), AVIO_FLAG_WRITE); r < 0) return ioError(path, "opening", r);
  AVDictionary* options = nullptr;
  av_dict_set(&options, "movflags", "+faststart", 0);  // the index first, so players start at once
  const int r = avformat_write_header(w->format, &options);
  av_dict_free(&options);
  if (r < 0) return ioError(path, "writing the header", r);
  return std::unique_ptr<Mp4Writer>(new Mp4Writer(std::move(w)));
}

Status Mp4Writer::append(const EncodedPiece& piece) {
  Impl& w = *impl_;
  if (piece.header != w.header) {
    return Error(ErrorCode::Internal, "a piece encoded with other settings cannot join this video",
                 "export again with --no-cache");
  }
  for (const EncodedPacket& e : piece.packets) {
    if (int r = av_new_packet(w.packet, static_cast<int>(e.data.size())); r < 0)
      return Error(ErrorCode::Internal, "out of memory for a video packet");
    std::memcpy(w.packet->data, e.data.data(), e.data.size());
    w.packet->pts = e.pts + w.frames;
    w.packet->dts = e.dts + w.frames;
    w.packet->duration = e.duration;
    w.packet->flags = e.key ? AV_PKT_FLAG_KEY : 0;
    w.packet->stream_index = w.stream->index;
    av_packet_rescale_ts(w.packet, w.timeBase, w.stream->time_base);
    const int r = av_write_frame(w.format, w.packet);
    av_packet_unref(w.packet);
    if (r < 0) return ioError(w.path, "writing video", r);
    if (w.format->pb->error < 0) return ioError(w.path, "writing video", w.format->pb->error);
  }
  w.frames += piece.frames;
  return {};
}

Status Mp4Writer::finish() {
  Impl& w = *impl_;
  if (w.finished) return {};
  w.finished = true;
  if (int r = av_write_trailer(w.format); r < 0) return ioError(w.path, "finishing the file", r);
  if (w.format->pb->error < 0) return ioError(w.path, "finishing the file", w.format->pb->error);
  if (int r = avio_closep(&w.format->pb); r < 0) return ioError(w.path, "closing the file", r);
  return {};
}

}  // namespace attnplay
