// SPDX-License-Identifier: MIT
#include "attnplay/base/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace attnplay {

namespace {

/// Closes a descriptor on every path out.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

std::string kindOf(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

/// "4 MiB", "256 KiB": a byte limit as messages state it.
std::string describeSize(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0)
    return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace

Result<std::string> readInputFile(const std::string& path, std::size_t maxBytes, const std::string& what) {
  const std::string name = what + " '" + path + "'";
  // Non-blocking, so that opening a FIFO returns at once; the type is then checked on what was
  // opened, not on the name, so nothing can be swapped in between.
  Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (file.fd < 0) {
    const int e = errno;
    if (e == ENOENT || e == ENOTDIR)
      return Error(ErrorCode::NotFound, "cannot open " + name + ": no such file", "check the path");
    return Error(ErrorCode::NotFound, "cannot open " + name + ": " + std::strerror(e), "check the file's permissions");
  }
  struct stat st {};
  if (::fstat(file.fd, &st) != 0)
    return Error(ErrorCode::NotFound, "cannot read " + name + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) {
    return Error(ErrorCode::InvalidArgument, "cannot read " + name + ": it is " + kindOf(st.st_mode),
                 "give the path of an ordinary file");
  }
  std::string bytes;
  char buffer[65536];
  while (true) {
    const ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error(ErrorCode::NotFound, "cannot read " + name + ": " + std::strerror(errno));
    if (n == 0) break;
    if (bytes.size() + static_cast<std::size_t>(n) > maxBytes) {
      return Error(ErrorCode::LimitExceeded, name + " is larger than " + describeSize(maxBytes),
                   "a " + what + " of that size is almost certainly not the file meant");
    }
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  return bytes;
}

}  // namespace attnplay
