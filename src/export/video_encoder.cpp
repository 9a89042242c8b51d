// SPDX-License-Identifier: MIT
#include "attnplay/export/video_encoder.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}
#include <x264.h>

#include "export/av_error.hpp"
#include "export/skip_frames.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
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
constexpr int kEncodingVersion = 3;

std::string x264ParamsFor(const std::string& preset) {
  return std::string(kX264Params) + (preset == "superfast" ? kSuperfastParams : "");
}

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

const std::vector<VideoFormat>& videoFormats() {
  static const std::vector<VideoFormat> formats = {
      {"h264", ".mp4", "mp4", "libx264", "yuv420p", nullptr, true, "H.264 in MP4 (the default; plays everywhere)"},
      {"h265", ".mp4", "mp4", "libx265", "yuv420p", nullptr, false, "H.265 in MP4 (smaller; newer players)"},
      {"vp9", ".webm", "webm", "libvpx-vp9", "yuv420p", "yuva420p", false, "VP9 in WebM (for the web)"},
      {"prores", ".mov", "mov", "prores_ks", "yuv444p10le", "yuva444p10le", false,
       "ProRes 4444 in QuickTime (for video editors)"},
      {"ffv1", ".mkv", "matroska", "ffv1", "bgr0", "bgra", false, "FFV1 in Matroska (lossless RGB, for editing)"},
      {"gif", ".gif", "gif", "gif", "pal8", "pal8", false, "animated GIF (256 colours, for slides and READMEs)"},
  };
  return formats;
}

const VideoFormat* videoFormat(const std::string& name) {
  for (const VideoFormat& f : videoFormats()) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

Result<const VideoFormat*> formatForOutput(const std::string& output, const std::string& requested) {
  auto endsWith = [&](const char* extension) {
    const std::size_t n = std::strlen(extension);
    if (output.size() < n) return false;
    for (std::size_t i = 0; i < n; ++i) {
      if (std::tolower(static_cast<unsigned char>(output[output.size() - n + i])) != extension[i]) return false;
    }
    return true;
  };
  std::string names, extensions;
  for (const VideoFormat& f : videoFormats()) {
    names += std::string(names.empty() ? "" : ", ") + f.name + " (" + f.extension + ")";
    if (extensions.find(f.extension) == std::string::npos)
      extensions += std::string(extensions.empty() ? "" : ", ") + f.extension;
  }
  if (!requested.empty()) {
    const VideoFormat* f = videoFormat(requested);
    if (!f) return Error(ErrorCode::InvalidArgument, "unknown format '" + requested + "'", "use one of: " + names);
    if (!endsWith(f->extension)) {
      return Error(ErrorCode::InvalidArgument, "the format " + requested + " is written to a " + f->extension + " file",
                   "name the output something" + std::string(f->extension));
    }
    return f;
  }
  for (const VideoFormat& f : videoFormats()) {
    if (endsWith(f.extension)) return &f;  // the first with the extension: H.264 for .mp4
  }
  return Error(ErrorCode::InvalidArgument, "the output '" + output + "' is no video file attnplay writes",
               "end it in one of " + extensions + ", or give a PNG pattern such as frame_%04d.png");
}

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
  return "x264-" + std::to_string(X264_BUILD) + "/" + kX264Params + "/superfast" + kSuperfastParams +
         "/tune=animation/v" + std::to_string(kEncodingVersion);
}

namespace {

/// Columns [begin, end) of a pair of rows (begin even; a multiple of 4 keeps the vector path).
void convertSpan(const std::uint8_t* top, const std::uint8_t* bottom, int begin, int end, std::uint8_t* y0,
                 std::uint8_t* y1, std::uint8_t* u, std::uint8_t* v) {
  int col = begin;
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
  for (; col + 4 <= end; col += 4) {
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
  convertRows(top, bottom, col, end, y0, y1, u, v);
}

QImage opaqueRgb32(const QImage& image) {
  return image.format() == QImage::Format_ARGB32_Premultiplied || image.format() == QImage::Format_ARGB32 ||
                 image.format() == QImage::Format_RGB32
             ? image
             : image.convertToFormat(QImage::Format_RGB32);
}

/// Rows [first, last) (even), columns [begin, end).
void convertArea(const QImage& src, int first, int last, int begin, int end, std::uint8_t* const planes[3],
                 const int strides[3]) {
  for (int row = first; row < last; row += 2) {
    std::uint8_t* y0 = planes[0] + static_cast<std::ptrdiff_t>(row) * strides[0];
    convertSpan(src.constScanLine(row), src.constScanLine(row + 1), begin, end, y0, y0 + strides[0],
                planes[1] + static_cast<std::ptrdiff_t>(row / 2) * strides[1],
                planes[2] + static_cast<std::ptrdiff_t>(row / 2) * strides[2]);
  }
}

}  // namespace

void convertToYuv420(const QImage& image, std::uint8_t* const planes[3], const int strides[3]) {
  const QImage src = opaqueRgb32(image);
  convertArea(src, 0, src.height() & ~1, 0, src.width() & ~1, planes, strides);
}

void convertBlocksToYuv420(const QImage& image, const std::vector<std::uint8_t>& blocks, int block,
                           std::uint8_t* const planes[3], const int strides[3]) {
  const QImage src = opaqueRgb32(image);
  const int width = src.width() & ~1, height = src.height() & ~1;
  const int columns = (width + block - 1) / block;
  for (int by = 0; by * block < height; ++by) {
    for (int bx = 0; bx < columns;) {
      if (!blocks[static_cast<std::size_t>(by * columns + bx)]) {
        ++bx;
        continue;
      }
      int run = bx;
      while (run < columns && blocks[static_cast<std::size_t>(by * columns + run)]) ++run;
      convertArea(src, by * block, std::min(height, (by + 1) * block), bx * block, std::min(width, run * block), planes,
                  strides);
      bx = run;
    }
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
  x264_t* encoder = nullptr;
  x264_picture_t picture{};
  bool pictureAllocated = false;
  EncodedPiece piece;
  std::vector<std::uint8_t> sei;  ///< x264's identification, which goes into the first frame
  int width = 0, height = 0;
  int blockColumns = 0, blockRows = 0;
  /// For each macroblock, whether the picture may differ from the frame encoded last.
  std::vector<std::uint8_t> changed;
  bool hasFrame = false;
  bool canSkip = false;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    if (pictureAllocated) x264_picture_clean(&picture);
    if (encoder) x264_encoder_close(encoder);
  }
  /// Encodes the picture (nullptr: flushes) and keeps what comes out.
  Status send(x264_picture_t* in);
};

PieceEncoder::PieceEncoder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PieceEncoder::~PieceEncoder() = default;

Result<std::unique_ptr<PieceEncoder>> PieceEncoder::open(const VideoSettings& s) {
  if (Status ok = checkVideoSettings(s); !ok) return ok.error();
  x264_param_t p;
  if (x264_param_default_preset(&p, s.preset.c_str(), "animation") < 0) {
    return Error(ErrorCode::InvalidArgument, "libx264 does not know the preset '" + s.preset + "'");
  }
  p.i_log_level = X264_LOG_NONE;  // x264's statistics are not the user's business
  p.i_threads = 1;
  p.i_width = s.width;
  p.i_height = s.height;
  p.i_csp = X264_CSP_I420;
  const AVRational rate = rateOf(s);
  p.i_fps_num = static_cast<std::uint32_t>(rate.num);
  p.i_fps_den = static_cast<std::uint32_t>(rate.den);
  p.i_timebase_num = static_cast<std::uint32_t>(rate.den);
  p.i_timebase_den = static_cast<std::uint32_t>(rate.num);
  p.b_vfr_input = 0;
  p.rc.i_rc_method = X264_RC_CRF;
  p.rc.f_rf_constant = static_cast<float>(s.crf);
  p.vui.b_fullrange = 0;
  p.vui.i_colorprim = 1;  // BT.709, as the MP4 is tagged
  p.vui.i_transfer = 1;
  p.vui.i_colmatrix = 1;
  p.b_repeat_headers = 0;  // SPS and PPS once, in the MP4's sample description
  p.b_annexb = 1;
  // Which macroblocks are the same as the frame before is known from the timeline: x264 codes
  // them as skipped without searching.
  p.analyse.b_mb_info = 1;
  const std::string params = x264ParamsFor(s.preset);
  for (std::size_t at = 0; at < params.size();) {
    const std::size_t colon = std::min(params.find(':', at), params.size());
    const std::string item = params.substr(at, colon - at);
    const std::size_t equals = item.find('=');
    if (x264_param_parse(&p, item.substr(0, equals).c_str(), item.substr(equals + 1).c_str()) != 0)
      return Error(ErrorCode::Internal, "libx264 refused the parameter '" + item + "'");
    at = colon + 1;
  }
  auto e = std::make_unique<Impl>();
  e->encoder = x264_encoder_open(&p);
  if (!e->encoder) {
    return Error(ErrorCode::InvalidArgument, "libx264 refused the settings", "check the preset and CRF");
  }
  x264_nal_t* nals = nullptr;
  int count = 0;
  if (x264_encoder_headers(e->encoder, &nals, &count) < 0) return Error(ErrorCode::Internal, "libx264 gave no headers");
  for (int i = 0; i < count; ++i) {
    auto& to = nals[i].i_type == NAL_SEI ? e->sei : e->piece.header;
    to.insert(to.end(), nals[i].p_payload, nals[i].p_payload + nals[i].i_payload);
  }
  e->canSkip = SkipFrames::supports(e->piece.header);
  if (x264_picture_alloc(&e->picture, X264_CSP_I420, s.width, s.height) < 0)
    return Error(ErrorCode::Internal, "out of memory for a video frame");
  e->pictureAllocated = true;
  e->width = s.width;
  e->height = s.height;
  e->blockColumns = (s.width + kBlock - 1) / kBlock;
  e->blockRows = (s.height + kBlock - 1) / kBlock;
  e->changed.assign(static_cast<std::size_t>(e->blockColumns) * static_cast<std::size_t>(e->blockRows), 1);
  return std::unique_ptr<PieceEncoder>(new PieceEncoder(std::move(e)));
}

Status PieceEncoder::Impl::send(x264_picture_t* in) {
  x264_nal_t* nals = nullptr;
  int count = 0;
  x264_picture_t out;
  const int bytes = x264_encoder_encode(encoder, &nals, &count, in, &out);
  if (bytes < 0) return Error(ErrorCode::Internal, "libx264 failed to encode a frame");
  if (bytes == 0) return {};
  EncodedPacket p;
  p.pts = out.i_pts;
  p.dts = out.i_dts;
  p.key = out.b_keyframe != 0;
  if (piece.packets.empty()) p.data = sei;
  // x264 lays a frame's NAL units out one after the other.
  p.data.insert(p.data.end(), nals[0].p_payload, nals[0].p_payload + bytes);
  piece.packets.push_back(std::move(p));
  return {};
}

Status PieceEncoder::setFrame(const QImage& image, const std::vector<std::uint8_t>* changedBlocks) {
  Impl& d = *impl_;
  if (image.width() != d.width || image.height() != d.height)
    return Error(ErrorCode::Internal, "a frame of another size reached the encoder");
  std::uint8_t* planes[3] = {d.picture.img.plane[0], d.picture.img.plane[1], d.picture.img.plane[2]};
  const int strides[3] = {d.picture.img.i_stride[0], d.picture.img.i_stride[1], d.picture.img.i_stride[2]};
  if (!d.hasFrame || !changedBlocks || changedBlocks->size() != d.changed.size()) {
    convertToYuv420(image, planes, strides);
    std::fill(d.changed.begin(), d.changed.end(), 1);
  } else {
    convertBlocksToYuv420(image, *changedBlocks, kBlock, planes, strides);
    for (std::size_t i = 0; i < d.changed.size(); ++i) d.changed[i] |= (*changedBlocks)[i];
  }
  d.hasFrame = true;
  return {};
}

Status PieceEncoder::encode() {
  Impl& d = *impl_;
  if (!d.hasFrame) return Error(ErrorCode::Internal, "a frame was encoded before any was set");
  auto* info = static_cast<std::uint8_t*>(std::malloc(d.changed.size()));
  if (!info) return Error(ErrorCode::Internal, "out of memory for a video frame");
  for (std::size_t i = 0; i < d.changed.size(); ++i) info[i] = d.changed[i] ? 0 : X264_MBINFO_CONSTANT;
  std::fill(d.changed.begin(), d.changed.end(), 0);
  d.picture.prop.mb_info = info;
  d.picture.prop.mb_info_free = std::free;  // x264 frees it once the frame is encoded
  d.picture.i_pts = d.piece.frames++;
  d.picture.i_type = X264_TYPE_AUTO;
  return d.send(&d.picture);
}

bool PieceEncoder::canRepeatWithoutEncoding() const { return impl_->canSkip; }

Result<EncodedPiece> PieceEncoder::finish(std::int64_t repeats) {
  Impl& d = *impl_;
  while (x264_encoder_delayed_frames(d.encoder) > 0) {
    if (Status s = d.send(nullptr); !s) return s.error();
  }
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
                                                   const std::vector<std::uint8_t>& header,
                                                   const std::string& comment) {
  if (Status ok = checkVideoSettings(s); !ok) return ok.error();
  av_log_set_level(AV_LOG_ERROR);  // libavformat's notes on its second pass are not the user's business
  auto w = std::make_unique<Impl>();
  w->path = path;
  w->header = header;
  if (int r = avformat_alloc_output_context2(&w->format, nullptr, "mp4", path.c_str()); r < 0) {
    return Error(ErrorCode::Internal, "cannot set up MP4 output: " + avError(r));
  }
  w->stream = avformat_new_stream(w->format, nullptr);
  w->packet = av_packet_alloc();
  if (!w->stream || !w->packet) return Error(ErrorCode::Internal, "out of memory for the MP4 output");
  if (!comment.empty()) av_dict_set(&w->format->metadata, "comment", comment.c_str(), 0);
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
  // The index first, so players start at once.
  if (Status o = openOutput(w->format, path, "+faststart"); !o) return o.error();
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
    if (r < 0) return writeError(w.path, "writing video", r);
    if (w.format->pb->error < 0) return writeError(w.path, "writing video", w.format->pb->error);
  }
  w.frames += piece.frames;
  return {};
}

Status Mp4Writer::finish() {
  Impl& w = *impl_;
  if (w.finished) return {};
  w.finished = true;
  return closeOutput(w.format, w.path);
}

}  // namespace attnplay
