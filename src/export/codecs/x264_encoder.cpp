// SPDX-License-Identifier: MIT
// H.264 through libx264, pieces joined into MP4 through libavformat: the video module's side
// of PieceEncoder and Mp4Writer.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}
#include <x264.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "export/codec_module.hpp"
#include "export/codecs/av_error.hpp"
#include "export/codecs/codecs.hpp"
#include "export/skip_frames.hpp"

namespace attnplay::codecs {

namespace {

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

class X264Encoder final : public PieceEncoder {
 public:
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

  X264Encoder() = default;
  ~X264Encoder() override {
    if (pictureAllocated) x264_picture_clean(&picture);
    if (encoder) x264_encoder_close(encoder);
  }
  /// Encodes the picture (nullptr: flushes) and keeps what comes out.
  Status send(x264_picture_t* in);
  Status setFrame(const QImage& image, const std::vector<std::uint8_t>* changed) override;
  Status encode() override;
  bool canRepeatWithoutEncoding() const override { return canSkip; }
  Result<EncodedPiece> finish(std::int64_t repeats) override;
};

Status X264Encoder::send(x264_picture_t* in) {
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

Status X264Encoder::setFrame(const QImage& image, const std::vector<std::uint8_t>* changedBlocks) {
  X264Encoder& d = *this;
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

Status X264Encoder::encode() {
  X264Encoder& d = *this;
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

Result<EncodedPiece> X264Encoder::finish(std::int64_t repeats) {
  X264Encoder& d = *this;
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

class Mp4File final : public Mp4Writer {
 public:
  AVFormatContext* format = nullptr;
  AVStream* stream = nullptr;
  AVPacket* packet = nullptr;
  AVRational timeBase{1, 1};
  std::vector<std::uint8_t> header;
  std::string path;
  std::int64_t frames = 0;
  bool finished = false;

  Mp4File() = default;
  ~Mp4File() override {
    if (format && format->pb) avio_closep(&format->pb);
    av_packet_free(&packet);
    avformat_free_context(format);
  }
  Status append(const EncodedPiece& piece) override;
  Status finish() override;
};

Status Mp4File::append(const EncodedPiece& piece) {
  Mp4File& w = *this;
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

Status Mp4File::finish() {
  Mp4File& w = *this;
  if (w.finished) return {};
  w.finished = true;
  return closeOutput(w.format, w.path);
}

}  // namespace

Result<std::unique_ptr<PieceEncoder>> openPieceEncoder(const VideoSettings& s) {
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
  auto e = std::make_unique<X264Encoder>();
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
  e->blockColumns = (s.width + PieceEncoder::kBlock - 1) / PieceEncoder::kBlock;
  e->blockRows = (s.height + PieceEncoder::kBlock - 1) / PieceEncoder::kBlock;
  e->changed.assign(static_cast<std::size_t>(e->blockColumns) * static_cast<std::size_t>(e->blockRows), 1);
  return std::unique_ptr<PieceEncoder>(std::move(e));
}

Result<std::unique_ptr<Mp4Writer>> openMp4Writer(const std::string& path, const VideoSettings& s,
                                                 const std::vector<std::uint8_t>& header, const std::string& comment) {
  av_log_set_level(AV_LOG_ERROR);  // libavformat's notes on its second pass are not the user's business
  auto w = std::make_unique<Mp4File>();
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
  return std::unique_ptr<Mp4Writer>(std::move(w));
}

}  // namespace attnplay::codecs
