// SPDX-License-Identifier: MIT
#pragma once

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/error.h>
}

#include <cerrno>
#include <string>

#include "attnplay/base/error.hpp"

namespace attnplay {

// FFmpeg's errors told as ours, and the end of an output file, for the export's writers.

/// FFmpeg's words for an error code.
inline std::string avError(int code) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, buf, sizeof buf);
  return buf;
}

/// A file FFmpeg could not write, told with what to do (a full disk is said so).
inline Error writeError(const std::string& path, const std::string& what, int code) {
  std::string hint = "check that the folder is writable and the disk has room";
  if (code == AVERROR(ENOSPC) || code == AVERROR(EFBIG))
    hint = "the disk is full (or a file-size limit was reached); free some space";
  return Error(ErrorCode::IoError, "cannot write '" + path + "': " + what + ": " + avError(code), hint);
}

/// Opens the file and writes the container's header; `movflags` (for MP4 and QuickTime) when
/// not empty.
inline Status openOutput(AVFormatContext* format, const std::string& path, const char* movflags) {
  if (int r = avio_open(&format->pb, path.c_str(), AVIO_FLAG_WRITE); r < 0) return writeError(path, "opening", r);
  AVDictionary* options = nullptr;
  if (movflags && *movflags) av_dict_set(&options, "movflags", movflags, 0);
  const int r = avformat_write_header(format, &options);
  av_dict_free(&options);
  if (r < 0) return writeError(path, "writing the header", r);
  return {};
}

/// Writes the container's index and closes the file: complete when this succeeds.
inline Status closeOutput(AVFormatContext* format, const std::string& path) {
  if (int r = av_write_trailer(format); r < 0) return writeError(path, "finishing the file", r);
  if (format->pb->error < 0) return writeError(path, "finishing the file", format->pb->error);
  if (int r = avio_closep(&format->pb); r < 0) return writeError(path, "closing the file", r);
  return {};
}

}  // namespace attnplay
