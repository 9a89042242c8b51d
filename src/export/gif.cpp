// SPDX-License-Identifier: MIT
#include "attnplay/export/gif.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
}

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "export/av_error.hpp"

namespace attnplay {

const std::vector<std::string>& ditherNames() {
  static const std::vector<std::string> names = {"none", "bayer", "floyd_steinberg", "sierra2_4a"};
  return names;
}

std::optional<Dither> ditherByName(const std::string& name) {
  const auto& names = ditherNames();
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<Dither>(it - names.begin());
}

namespace {

/// A pixel's straight colour (0xRRGGBB) and whether it is covered at least half.
inline bool straight(QRgb p, std::uint32_t& rgb) {
  const int a = qAlpha(p);
  if (a < 128) return false;
  if (a == 255) {
    rgb = p & 0xffffffu;
    return true;
  }
  auto un = [a](int c) { return std::min(255, (c * 255 + a / 2) / a); };
  rgb = (static_cast<std::uint32_t>(un(qRed(p))) << 16) | (static_cast<std::uint32_t>(un(qGreen(p))) << 8) |
        static_cast<std::uint32_t>(un(qBlue(p)));
  return true;
}

QImage premultiplied(const QImage& frame) {
  return frame.format() == QImage::Format_ARGB32_Premultiplied
             ? frame
             : frame.convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

}  // namespace

void PaletteBuilder::add(const QImage& frame, bool transparent) {
  const QImage image = premultiplied(frame);
  for (int y = 0; y < image.height(); ++y) {
    const auto* row = reinterpret_cast<const QRgb*>(image.constScanLine(y));
    for (int x = 0; x < image.width(); ++x) {
      std::uint32_t rgb;
      if (!straight(transparent ? row[x] : (row[x] | 0xff000000u), rgb)) continue;
      const std::uint32_t r = rgb >> 16, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
      Bin& bin = bins_[((r >> 2) << 12) | ((g >> 2) << 6) | (b >> 2)];
      ++bin.count;
      bin.r += r;
      bin.g += g;
      bin.b += b;
    }
  }
}

std::vector<std::uint32_t> PaletteBuilder::build(int colours) const {
  // The occupied bins, each a weighted point at its mean.
  struct Point {
    std::array<double, 3> c;
    double weight;
  };
  std::vector<Point> points;
  for (const Bin& b : bins_) {
    if (b.count == 0) continue;
    const double n = static_cast<double>(b.count);
    points.push_back({{static_cast<double>(b.r) / n, static_cast<double>(b.g) / n, static_cast<double>(b.b) / n}, n});
  }
  struct Box {
    std::size_t begin, end;
    std::array<double, 3> mean{};
    double error = 0;  ///< weighted squared distance to the mean
    int axis = 0;      ///< the channel of the largest spread
  };
  auto describe = [&](Box& box) {
    double weight = 0;
    std::array<double, 3> sum{}, squares{};
    for (std::size_t i = box.begin; i < box.end; ++i) {
      weight += points[i].weight;
      for (int k = 0; k < 3; ++k) {
        sum[k] += points[i].weight * points[i].c[k];
        squares[k] += points[i].weight * points[i].c[k] * points[i].c[k];
      }
    }
    box.error = 0;
    double widest = -1;
    for (int k = 0; k < 3; ++k) {
      box.mean[k] = sum[k] / weight;
      const double spread = squares[k] - sum[k] * box.mean[k];
      box.error += spread;
      if (spread > widest) {
        widest = spread;
        box.axis = k;
      }
    }
  };
  std::vector<Box> boxes;
  if (!points.empty()) {
    boxes.push_back({0, points.size()});
    describe(boxes.back());
  }
  while (static_cast<int>(boxes.size()) < colours) {
    // The box that costs most, if it can be split.
    auto worst = std::max_element(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) {
      return (a.end - a.begin > 1 ? a.error : -1) < (b.end - b.begin > 1 ? b.error : -1);
    });
    if (worst == boxes.end() || worst->end - worst->begin < 2 || worst->error <= 0) break;
    Box box = *worst;
    const int axis = box.axis;
    std::sort(points.begin() + static_cast<std::ptrdiff_t>(box.begin),
              points.begin() + static_cast<std::ptrdiff_t>(box.end),
              [axis](const Point& a, const Point& b) { return a.c[axis] < b.c[axis]; });
    // The weighted median, keeping a point on each side.
    double total = 0;
    for (std::size_t i = box.begin; i < box.end; ++i) total += points[i].weight;
    double below = 0;
    std::size_t cut = box.begin + 1;
    for (std::size_t i = box.begin; i + 1 < box.end; ++i) {
      below += points[i].weight;
      cut = i + 1;
      if (below >= total / 2) break;
    }
    Box low{box.begin, cut}, high{cut, box.end};
    describe(low);
    describe(high);
    *worst = low;
    boxes.push_back(high);
  }
  std::vector<std::uint32_t> palette;
  for (const Box& b : boxes) {
    auto channel = [](double v) { return static_cast<std::uint32_t>(std::clamp(std::lround(v), 0l, 255l)); };
    palette.push_back(0xff000000u | (channel(b.mean[0]) << 16) | (channel(b.mean[1]) << 8) | channel(b.mean[2]));
  }
  std::sort(palette.begin(), palette.end());
  palette.erase(std::unique(palette.begin(), palette.end()), palette.end());
  if (palette.empty()) palette.push_back(0xff000000u);  // a wholly transparent animation
  return palette;
}

PaletteMapper::PaletteMapper(std::vector<std::uint32_t> palette, Dither dither, int transparentIndex)
    : palette_(std::move(palette)),
      dither_(dither),
      transparent_(transparentIndex),
      lookup_(std::size_t{1} << 24),
      known_((std::size_t{1} << 24) / 64) {}

std::uint8_t PaletteMapper::nearest(std::uint32_t rgb) {
  std::uint64_t& word = known_[rgb >> 6];
  const std::uint64_t bit = std::uint64_t{1} << (rgb & 63);
  if (word & bit) return lookup_[rgb];
  const int r = static_cast<int>(rgb >> 16), g = static_cast<int>((rgb >> 8) & 0xff), b = static_cast<int>(rgb & 0xff);
  int best = 0, bestDistance = 1 << 30;
  for (std::size_t i = 0; i < palette_.size(); ++i) {
    if (static_cast<int>(i) == transparent_) continue;
    const std::uint32_t p = palette_[i];
    const int dr = r - static_cast<int>((p >> 16) & 0xff), dg = g - static_cast<int>((p >> 8) & 0xff),
              db = b - static_cast<int>(p & 0xff);
    const int d = dr * dr + dg * dg + db * db;
    if (d < bestDistance) {
      bestDistance = d;
      best = static_cast<int>(i);
    }
  }
  word |= bit;
  lookup_[rgb] = static_cast<std::uint8_t>(best);
  return static_cast<std::uint8_t>(best);
}

const std::vector<std::uint8_t>& PaletteMapper::map(const QImage& input) {
  const QImage frame = premultiplied(input);
  const int w = frame.width(), h = frame.height();
  QRect box(0, 0, w, h);
  if (!previous_.isNull() && previous_.size() == frame.size()) {
    int top = h, bottom = -1, left = w, right = -1;
    for (int y = 0; y < h; ++y) {
      const auto* a = reinterpret_cast<const QRgb*>(frame.constScanLine(y));
      const auto* b = reinterpret_cast<const QRgb*>(previous_.constScanLine(y));
      if (std::memcmp(a, b, static_cast<std::size_t>(w) * 4) == 0) continue;
      top = std::min(top, y);
      bottom = y;
      int x0 = 0, x1 = w - 1;
      while (a[x0] == b[x0]) ++x0;
      while (a[x1] == b[x1]) --x1;
      left = std::min(left, x0);
      right = std::max(right, x1);
    }
    box = bottom < 0 ? QRect() : QRect(QPoint(left, top), QPoint(right, bottom));
  } else {
    indices_.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), 0);
  }
  previous_ = frame;
  changed_ = box;
  if (box.isEmpty()) return indices_;

  // Error diffusion within the box: the current row's and the next row's carried errors.
  const int bw = box.width();
  std::vector<std::array<int, 3>> here(static_cast<std::size_t>(bw) + 2), next(static_cast<std::size_t>(bw) + 2);
  static constexpr int kBayer[8][8] = {{0, 32, 8, 40, 2, 34, 10, 42},  {48, 16, 56, 24, 50, 18, 58, 26},
                                       {12, 44, 4, 36, 14, 46, 6, 38}, {60, 28, 52, 20, 62, 30, 54, 22},
                                       {3, 35, 11, 43, 1, 33, 9, 41},  {51, 19, 59, 27, 49, 17, 57, 25},
                                       {15, 47, 7, 39, 13, 45, 5, 37}, {63, 31, 55, 23, 61, 29, 53, 21}};
  for (int y = box.top(); y <= box.bottom(); ++y) {
    const auto* row = reinterpret_cast<const QRgb*>(frame.constScanLine(y));
    std::uint8_t* out = indices_.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(w);
    std::swap(here, next);
    std::fill(next.begin(), next.end(), std::array<int, 3>{});
    for (int i = 0; i < bw; ++i) {
      const int x = box.left() + i;
      std::uint32_t rgb;
      if (!straight(transparent_ >= 0 ? row[x] : (row[x] | 0xff000000u), rgb)) {
        out[x] = static_cast<std::uint8_t>(transparent_);
        continue;
      }
      int c[3] = {static_cast<int>(rgb >> 16), static_cast<int>((rgb >> 8) & 0xff), static_cast<int>(rgb & 0xff)};
      const std::size_t at = static_cast<std::size_t>(i) + 1;
      if (dither_ == Dither::Bayer) {
        const int offset = (kBayer[y & 7][x & 7] - 32) / 4;  // ±8 levels
        for (int& v : c) v += offset;
      } else if (dither_ != Dither::None) {
        for (int k = 0; k < 3; ++k) c[k] += here[at][static_cast<std::size_t>(k)] / 16;
      }
      for (int& v : c) v = std::clamp(v, 0, 255);
      const std::uint8_t index = nearest((static_cast<std::uint32_t>(c[0]) << 16) |
                                         (static_cast<std::uint32_t>(c[1]) << 8) | static_cast<std::uint32_t>(c[2]));
      out[x] = index;
      if (dither_ != Dither::FloydSteinberg && dither_ != Dither::Sierra2_4a) continue;
      const std::uint32_t p = palette_[index];
      const int e[3] = {c[0] - static_cast<int>((p >> 16) & 0xff), c[1] - static_cast<int>((p >> 8) & 0xff),
                        c[2] - static_cast<int>(p & 0xff)};
      for (std::size_t k = 0; k < 3; ++k) {
        // In sixteenths: Floyd–Steinberg 7 right, 3 below left, 5 below, 1 below right;
        // Sierra lite 8 right, 4 below left, 4 below.
        if (dither_ == Dither::FloydSteinberg) {
          here[at + 1][k] += e[k] * 7;
          next[at - 1][k] += e[k] * 3;
          next[at][k] += e[k] * 5;
          next[at + 1][k] += e[k];
        } else {
          here[at + 1][k] += e[k] * 8;
          next[at - 1][k] += e[k] * 4;
          next[at][k] += e[k] * 4;
        }
      }
    }
  }
  return indices_;
}

struct GifWriter::Impl {
  AVFormatContext* format = nullptr;
  AVStream* stream = nullptr;
  AVCodecContext* codec = nullptr;
  AVFrame* frame = nullptr;
  AVPacket* packet = nullptr;
  std::string path;
  double fps = 0;
  std::int64_t frames = 0;
  bool finished = false;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
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
};

GifWriter::GifWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GifWriter::~GifWriter() = default;

Result<std::unique_ptr<GifWriter>> GifWriter::open(const std::string& path, int width, int height, double fps,
                                                   const std::vector<std::uint32_t>& palette, bool loop) {
  if (palette.empty() || palette.size() > 256)
    return Error(ErrorCode::Internal, "a GIF palette holds 1 to 256 colours");
  av_log_set_level(AV_LOG_ERROR);
  const AVCodec* encoder = avcodec_find_encoder(AV_CODEC_ID_GIF);
  if (!encoder) return Error(ErrorCode::InvalidArgument, "this FFmpeg has no GIF encoder");
  auto w = std::make_unique<Impl>();
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
  return std::unique_ptr<GifWriter>(new GifWriter(std::move(w)));
}

Status GifWriter::write(const std::vector<std::uint8_t>& indices, bool repeat) {
  Impl& w = *impl_;
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

Status GifWriter::finish() {
  Impl& w = *impl_;
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

}  // namespace attnplay
