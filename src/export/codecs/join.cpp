// SPDX-License-Identifier: MIT
// Chunks and sections joined by stream copy through libavformat: the video module's side of
// joinVideos (export_job.cpp checks the names and renames the result into place).
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include <algorithm>
#include <cstdio>

#include "export/codecs/av_error.hpp"
#include "export/codecs/codecs.hpp"

namespace attnplay::codecs {

Result<JoinStats> join(const std::vector<std::string>& inputs, const std::string& temporary) {
  av_log_set_level(AV_LOG_ERROR);
  struct Input {
    AVFormatContext* format = nullptr;
    int stream = -1;
    std::string chunk;  // the comment of a chunk
  };
  std::vector<Input> opened;
  auto closeAll = [&] {
    for (Input& i : opened) avformat_close_input(&i.format);
  };
  auto fail = [&](Error e) -> Result<JoinStats> {
    closeAll();
    return e;
  };
  for (const std::string& path : inputs) {
    Input in;
    if (int r = avformat_open_input(&in.format, path.c_str(), nullptr, nullptr); r < 0)
      return fail(Error(ErrorCode::InvalidArgument, "cannot read '" + path + "': " + avError(r),
                        "name MP4 files written by attnplay-cli render"));
    opened.push_back(in);
    Input& last = opened.back();
    if (avformat_find_stream_info(last.format, nullptr) < 0 ||
        (last.stream = av_find_best_stream(last.format, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0)) < 0 ||
        last.format->streams[last.stream]->codecpar->codec_id != AV_CODEC_ID_H264) {
      return fail(Error(ErrorCode::InvalidArgument, "'" + path + "' holds no H.264 video",
                        "name MP4 files written by attnplay-cli render"));
    }
    if (const AVDictionaryEntry* c = av_dict_get(last.format->metadata, "comment", nullptr, 0);
        c && std::string(c->value).rfind("attnplay chunk ", 0) == 0)
      last.chunk = c->value;
  }
  // The same encoder settings throughout: the same parameter sets, size and frame rate.
  const AVStream* model = opened[0].format->streams[opened[0].stream];
  for (std::size_t i = 1; i < opened.size(); ++i) {
    const AVStream* s = opened[i].format->streams[opened[i].stream];
    const AVCodecParameters *a = model->codecpar, *b = s->codecpar;
    if (a->width != b->width || a->height != b->height || av_cmp_q(model->avg_frame_rate, s->avg_frame_rate) != 0 ||
        a->extradata_size != b->extradata_size ||
        !std::equal(a->extradata, a->extradata + a->extradata_size, b->extradata)) {
      return fail(Error(ErrorCode::InvalidArgument,
                        "'" + inputs[i] + "' was encoded with other settings than '" + inputs[0] + "'",
                        "render every chunk with the same options (size, frame rate, CRF, preset)"));
    }
  }
  // Chunks: all of one export, each once, in order, with no frame missing.
  const bool chunks = std::all_of(opened.begin(), opened.end(), [](const Input& i) { return !i.chunk.empty(); });
  if (chunks) {
    long long expectFirst = 0, total = -1;
    int count = -1;
    for (std::size_t i = 0; i < opened.size(); ++i) {
      int k = 0, n = 0;
      long long a = 0, b = 0, t = 0;
      if (std::sscanf(opened[i].chunk.c_str(), "attnplay chunk %d/%d frames %lld-%lld of %lld", &k, &n, &a, &b, &t) !=
          5)
        return fail(Error(ErrorCode::InvalidArgument, "'" + inputs[i] + "' says it is a chunk, but not which"));
      if (i == 0) count = n, total = t;
      if (k != static_cast<int>(i) || n != count || t != total || a != expectFirst) {
        return fail(Error(ErrorCode::InvalidArgument,
                          "'" + inputs[i] + "' is chunk " + std::to_string(k) + "/" + std::to_string(n) + " (frames " +
                              std::to_string(a) + "-" + std::to_string(b) + "), but chunk " + std::to_string(i) + "/" +
                              std::to_string(count) + " belongs here",
                          "give every chunk of the export, in order: chunk 0 first"));
      }
      expectFirst = b;
    }
    if (static_cast<int>(opened.size()) != count || expectFirst != total) {
      return fail(Error(ErrorCode::InvalidArgument,
                        "only chunks 0 to " + std::to_string(opened.size() - 1) + " of " + std::to_string(count) +
                            " are here: the rest are missing",
                        "render them with --chunk K/" + std::to_string(count) + " and join them all"));
    }
  }

  AVFormatContext* out = nullptr;
  auto abandon = [&](Error e) -> Result<JoinStats> {
    if (out && out->pb) avio_closep(&out->pb);
    avformat_free_context(out);
    return fail(e);
  };
  if (int r = avformat_alloc_output_context2(&out, nullptr, "mp4", temporary.c_str()); r < 0)
    return abandon(Error(ErrorCode::Internal, "cannot set up MP4 output: " + avError(r)));
  AVStream* stream = avformat_new_stream(out, nullptr);
  if (!stream || avcodec_parameters_copy(stream->codecpar, model->codecpar) < 0)
    return abandon(Error(ErrorCode::Internal, "out of memory for the MP4 output"));
  stream->codecpar->codec_tag = 0;
  stream->time_base = model->time_base;
  stream->avg_frame_rate = model->avg_frame_rate;
  stream->r_frame_rate = model->r_frame_rate;
  if (Status o = openOutput(out, temporary, "+faststart"); !o) return abandon(o.error());
  AVPacket* packet = av_packet_alloc();
  JoinStats stats;
  std::int64_t offset = 0;  // in the output's time base
  for (std::size_t i = 0; i < opened.size(); ++i) {
    AVStream* in = opened[i].format->streams[opened[i].stream];
    std::int64_t end = offset;
    while (av_read_frame(opened[i].format, packet) >= 0) {
      if (packet->stream_index != opened[i].stream) {
        av_packet_unref(packet);
        continue;
      }
      av_packet_rescale_ts(packet, in->time_base, stream->time_base);
      packet->pts += offset;
      packet->dts += offset;
      packet->stream_index = 0;
      end = std::max(end, packet->pts + std::max<std::int64_t>(packet->duration, 0));
      ++stats.frames;
      const int w = av_interleaved_write_frame(out, packet);
      av_packet_unref(packet);
      if (w < 0) {
        av_packet_free(&packet);
        return abandon(writeError(temporary, "writing video", w));
      }
    }
    offset = end;
  }
  av_packet_free(&packet);
  stats.duration = static_cast<double>(offset) * av_q2d(stream->time_base);
  if (Status c = closeOutput(out, temporary); !c) return abandon(c.error());
  avformat_free_context(out);
  out = nullptr;
  closeAll();
  return stats;
}

}  // namespace attnplay::codecs
