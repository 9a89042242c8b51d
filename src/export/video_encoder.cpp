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
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// BT.709 in 15-bit fixed point (so that each coefficient fits a signed 16-bit lane),
// full-range RGB to limited-range YCbCr: Y spans 16–235, Cb and Cr 16–240 (ITU-R BT.709-6
// table 3, scaled by 219/255 and 224/255). Each row of coefficients sums to its exact total.
constexpr int kShift = 15;
constexpr int kYr = 5983, kYg = 20127, kYb = 2032;
constexpr int kUr = -3298, kUg = -11094, kUb = 14392;
constexpr int kVr = 14392, kVg = -13073, kVb = -1319;
constexpr int kYOffset = (16 << kShift) + (1 << (kShift - 1));
/// Chroma works on the sum of a 2×2 block: two more bits.
constexpr int kCOffset = (128 << (kShift + 2)) + (1 << (kShift + 1));

/// One pair of rows from `col` on, pixel by pixel: the reference, and what the vector path
/// leaves at the end of a row.
void convertRows(const std::uint8_t* top, const std::uint8_t* bottom, int col, int width, std::uint8_t* y0,
                 std::uint8_t* y1, std::uint8_t* u, std::uint8_t* v) {
  for (; col < width; col += 2) {
    const std::uint8_t* p = top + 4 * col;  // BGRA in memory
    const std::uint8_t* q = bottom + 4 * col;
    for (int k = 0; k < 2; ++k) {
      y0[col + k] =
          static_cast<std::uint8_t>((kYr * p[4 * k + 2] + kYg * p[4 * k + 1] + kYb * p[4 * k] + kYOffset) >> kShift);
      y1[col + k] =
          static_cast<std::uint8_t>((kYr * q[4 * k + 2] + kYg * q[4 * k + 1] + kYb * q[4 * k] + kYOffset) >> kShift);
    }
    const int b = p[0] + p[4] + q[0] + q[4], g = p[1] + p[5] + q[1] + q[5], r = p[2] + p[6] + q[2] + q[6];
    u[col / 2] = static_cast<std::uint8_t>((kUr * r + kUg * g + kUb * b + kCOffset) >> (kShift + 2));
    v[col / 2] = static_cast<std::uint8_t>((kVr * r + kVg * g + kVb * b + kCOffset) >> (kShift + 2));
  }
}

#if defined(__SSE2__)
/// Four pixels' weighted sums: pmaddwd pairs (B·kb + G·kg, R·kr + A·0), then adds the pairs.
inline __m128i weighted(__m128i pixels16, __m128i coefficients) {
  const __m128i m = _mm_madd_epi16(pixels16, coefficients);
  return _mm_add_epi32(m, _mm_srli_epi64(m, 32));  // lanes 0 and 2 hold the two pixels' sums
}

/// Luma of four BGRA pixels into four bytes.
inline void luma4(const std::uint8_t* in, std::uint8_t* out) {
  const __m128i zero = _mm_setzero_si128();
  const __m128i k = _mm_setr_epi16(kYb, kYg, kYr, 0, kYb, kYg, kYr, 0);
  const __m128i px = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
  const __m128i a = weighted(_mm_unpacklo_epi8(px, zero), k), b = weighted(_mm_unpackhi_epi8(px, zero), k);
  // Lanes 0 and 2 of each: pixels 0, 1 and 2, 3.
  __m128i y =
      _mm_unpacklo_epi64(_mm_shuffle_epi32(a, _MM_SHUFFLE(3, 1, 2, 0)), _mm_shuffle_epi32(b, _MM_SHUFFLE(3, 1, 2, 0)));
  y = _mm_srai_epi32(_mm_add_epi32(y, _mm_set1_epi32(kYOffset)), kShift);
  y = _mm_packs_epi32(y, zero);
  const int bytes = _mm_cvtsi128_si32(_mm_packus_epi16(y, zero));
  std::memcpy(out, &bytes, 4);
}
#endif

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
  for (int row = 0; row < height; row += 2) {
    const std::uint8_t* top = src.constScanLine(row);
    const std::uint8_t* bottom = src.constScanLine(row + 1);
    std::uint8_t* y0 = planes[0] + static_cast<std::ptrdiff_t>(row) * strides[0];
    std::uint8_t* y1 = y0 + strides[0];
    std::uint8_t* u = planes[1] + static_cast<std::ptrdiff_t>(row / 2) * strides[1];
    std::uint8_t* v = planes[2] + static_cast<std::ptrdiff_t>(row / 2) * strides[2];
    int col = 0;
#if defined(__SSE2__)
    // Four pixels at a time (x86-64 always has SSE2): the same integer arithmetic as convertRows.
    const __m128i zero = _mm_setzero_si128();
    const __m128i ku = _mm_setr_epi16(kUb, kUg, kUr, 0, kUb, kUg, kUr, 0);
    const __m128i kv = _mm_setr_epi16(kVb, kVg, kVr, 0, kVb, kVg, kVr, 0);
    const __m128i offset = _mm_set1_epi32(kCOffset);
    // Flat background repeats the same four pixels over and over: those cost one comparison.
    __m128i lastTop = _mm_setzero_si128(), lastBottom = lastTop;
    bool have = false;
    std::uint32_t yTop = 0, yBottom = 0;
    std::uint16_t uPair = 0, vPair = 0;
    for (; col + 4 <= width; col += 4) {
      const __m128i t = _mm_loadu_si128(reinterpret_cast<const __m128i*>(top + 4 * col));
      const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bottom + 4 * col));
      if (!have ||
          _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(t, lastTop), _mm_cmpeq_epi8(b, lastBottom))) != 0xffff) {
        have = true;
        lastTop = t;
        lastBottom = b;
        luma4(top + 4 * col, reinterpret_cast<std::uint8_t*>(&yTop));
        luma4(bottom + 4 * col, reinterpret_cast<std::uint8_t*>(&yBottom));
        // Vertical sums of pixels 0, 1 and 2, 3, then each block's two columns.
        const __m128i lo = _mm_add_epi16(_mm_unpacklo_epi8(t, zero), _mm_unpacklo_epi8(b, zero));
        const __m128i hi = _mm_add_epi16(_mm_unpackhi_epi8(t, zero), _mm_unpackhi_epi8(b, zero));
        const __m128i blocks =
            _mm_unpacklo_epi64(_mm_add_epi16(lo, _mm_srli_si128(lo, 8)), _mm_add_epi16(hi, _mm_srli_si128(hi, 8)));
        const __m128i cu = _mm_srai_epi32(_mm_add_epi32(weighted(blocks, ku), offset), kShift + 2);
        const __m128i cv = _mm_srai_epi32(_mm_add_epi32(weighted(blocks, kv), offset), kShift + 2);
        uPair = static_cast<std::uint16_t>((_mm_cvtsi128_si32(cu) & 0xff) |
                                           ((_mm_cvtsi128_si32(_mm_srli_si128(cu, 8)) & 0xff) << 8));
        vPair = static_cast<std::uint16_t>((_mm_cvtsi128_si32(cv) & 0xff) |
                                           ((_mm_cvtsi128_si32(_mm_srli_si128(cv, 8)) & 0xff) << 8));
      }
      std::memcpy(y0 + col, &yTop, 4);
      std::memcpy(y1 + col, &yBottom, 4);
      std::memcpy(u + col / 2, &uPair, 2);
      std::memcpy(v + col / 2, &vPair, 2);
    }
#endif
    convertRows(top, bottom, col, width, y0, y1, u, v);
  }
}

void convertToYuv420Reference(const QImage& image, std::uint8_t* const planes[3], const int strides[3]) {
  const int width = image.width() & ~1, height = image.height() & ~1;
  for (int row = 0; row < height; row += 2) {
    std::uint8_t* y0 = planes[0] + static_cast<std::ptrdiff_t>(row) * strides[0];
    convertRows(image.constScanLine(row), image.constScanLine(row + 1), 0, width, y0, y0 + strides[0],
                planes[1] + static_cast<std::ptrdiff_t>(row / 2) * strides[1],
                planes[2] + static_cast<std::ptrdiff_t>(row / 2) * strides[2]);
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
