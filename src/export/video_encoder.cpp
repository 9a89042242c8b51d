// SPDX-License-Identifier: MIT
#include "attnplay/export/video_encoder.hpp"

#include <x264.h>  // for X264_BUILD only: libx264 itself is the video module's

#include "export/codec_module.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace attnplay {

namespace {

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

}  // namespace attnplay
