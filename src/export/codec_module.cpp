// SPDX-License-Identifier: MIT
#include "export/codec_module.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "attnplay/base/install_dirs.hpp"

namespace attnplay {

namespace fs = std::filesystem;

namespace {

Result<const CodecModule*> open() {
  std::string tried, refused;
  for (const std::string& dir : codecModuleSearchDirs()) {
    const std::string path = dir + "/" + kCodecModuleFile;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
      tried += (tried.empty() ? "" : ", ") + path;
      continue;
    }
    // RTLD_LOCAL: FFmpeg's names stay the module's. The handle is never closed: what it made
    // (encoders, writers) may outlive any caller.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      refused += "; " + path + ": " + dlerror();
      continue;
    }
    using Entry = const CodecModule* (*)();
    auto entry = reinterpret_cast<Entry>(dlsym(handle, kCodecModuleEntry));
    const CodecModule* module = entry ? entry() : nullptr;
    if (!module || std::strcmp(module->interface, ATTNPLAY_CODEC_INTERFACE) != 0) {
      refused += "; " + path + " is from another build of attnplay";
      dlclose(handle);
      continue;
    }
    return module;
  }
  return Error(
      ErrorCode::IoError,
      "attnplay's video module (" + std::string(kCodecModuleFile) + ") cannot be loaded: not in " + tried + refused,
      "reinstall attnplay, or point ATTNPLAY_CODECS_DIR at the folder that holds the module");
}

}  // namespace

std::vector<std::string> codecModuleSearchDirs() {
  std::vector<std::string> dirs;
  if (const char* dir = std::getenv("ATTNPLAY_CODECS_DIR"); dir && *dir) dirs.emplace_back(dir);
  const std::string exe = executableDir();
  if (!exe.empty()) {
    dirs.push_back(exe);                                    // the build tree: beside the executables
    dirs.push_back(exe + "/" ATTNPLAY_CODECS_FROM_BINDIR);  // an installed tree, wherever it was moved
  }
  dirs.emplace_back(ATTNPLAY_INSTALL_CODECS_DIR);
  if (!exe.empty()) dirs.push_back(exe + "/..");  // the build tree's tests, one folder down
  for (std::string& dir : dirs) {
    dir = fs::path(dir).lexically_normal().string();
    if (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  }
  return dirs;
}

Result<std::unique_ptr<PieceEncoder>> PieceEncoder::open(const VideoSettings& settings) {
  if (Status ok = checkVideoSettings(settings); !ok) return ok.error();
  auto codecs = codecModule();
  if (!codecs) return codecs.error();
  return (*codecs)->openPieceEncoder(settings);
}

Result<std::unique_ptr<Mp4Writer>> Mp4Writer::open(const std::string& path, const VideoSettings& settings,
                                                   const std::vector<std::uint8_t>& header,
                                                   const std::string& comment) {
  if (Status ok = checkVideoSettings(settings); !ok) return ok.error();
  auto codecs = codecModule();
  if (!codecs) return codecs.error();
  return (*codecs)->openMp4Writer(path, settings, header, comment);
}

Result<std::unique_ptr<GifWriter>> GifWriter::open(const std::string& path, int width, int height, double fps,
                                                   const std::vector<std::uint32_t>& palette, bool loop) {
  if (palette.empty() || palette.size() > 256)
    return Error(ErrorCode::Internal, "a GIF palette holds 1 to 256 colours");
  auto codecs = codecModule();
  if (!codecs) return codecs.error();
  return (*codecs)->openGifWriter(path, width, height, fps, palette, loop);
}

Result<std::unique_ptr<StreamWriter>> StreamWriter::open(const std::string& path, const std::string& name,
                                                         const VideoSettings& settings, int threads, bool alpha) {
  const VideoFormat* f = videoFormat(name);
  if (!f || f->pieces)
    return Error(ErrorCode::InvalidArgument, "no frame-by-frame writer for the format '" + name + "'");
  if (alpha && !f->alphaPixelFormat) return Error(ErrorCode::InvalidArgument, "the format " + name + " has no alpha");
  auto codecs = codecModule();
  if (!codecs) return codecs.error();
  return (*codecs)->openStreamWriter(path, *f, settings, threads, alpha);
}

Result<const CodecModule*> codecModule() {
  static const Result<const CodecModule*> loaded = open();  // once, thread-safe
  return loaded;
}

}  // namespace attnplay
