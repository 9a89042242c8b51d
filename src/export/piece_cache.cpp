// SPDX-License-Identifier: MIT
#include "attnplay/export/piece_cache.hpp"

#include <QStandardPaths>
#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

namespace attnplay {

namespace fs = std::filesystem;

namespace {

constexpr char kMagic[8] = {'A', 'T', 'T', 'N', 'P', 'C', '0', '1'};
constexpr const char* kSuffix = ".piece";
/// A half-written piece this old belongs to an export that is gone.
constexpr auto kStalePart = std::chrono::hours(1);
/// More than any piece of a 4K export holds; a larger file is not ours.
constexpr std::uintmax_t kMaxPieceBytes = std::uintmax_t{1} << 30;

void put(std::vector<std::uint8_t>& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

ContentHash checksumOf(const std::uint8_t* data, std::size_t size) {
  ContentHasher h;
  for (std::size_t i = 0; i < size; i += 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, data + i, std::min<std::size_t>(8, size - i));
    h.add(w);
  }
  h.add(static_cast<std::uint64_t>(size));
  return h.digest();
}

/// Reads little-endian fields, refusing to run past the end.
struct Reader {
  const std::vector<std::uint8_t>& bytes;
  std::size_t at = 0;
  bool ok = true;
  std::uint64_t get(int n) {
    if (!ok || bytes.size() - at < static_cast<std::size_t>(n)) {
      ok = false;
      return 0;
    }
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= std::uint64_t{bytes[at + static_cast<std::size_t>(i)]} << (8 * i);
    at += static_cast<std::size_t>(n);
    return v;
  }
  bool take(std::vector<std::uint8_t>& out, std::uint64_t n) {
    if (!ok || bytes.size() - at < n) return ok = false;
    out.assign(bytes.begin() + static_cast<std::ptrdiff_t>(at), bytes.begin() + static_cast<std::ptrdiff_t>(at + n));
    at += n;
    return true;
  }
};

}  // namespace

std::vector<std::uint8_t> serializePiece(const EncodedPiece& piece) {
  std::vector<std::uint8_t> out(kMagic, kMagic + sizeof kMagic);
  out.reserve(piece.bytes() + 32 * piece.packets.size() + 64);
  put(out, static_cast<std::uint64_t>(piece.frames), 8);
  put(out, piece.header.size(), 4);
  out.insert(out.end(), piece.header.begin(), piece.header.end());
  put(out, piece.packets.size(), 4);
  for (const EncodedPacket& p : piece.packets) {
    put(out, static_cast<std::uint64_t>(p.pts), 8);
    put(out, static_cast<std::uint64_t>(p.dts), 8);
    put(out, static_cast<std::uint64_t>(p.duration), 8);
    put(out, p.key ? 1 : 0, 1);
    put(out, p.data.size(), 4);
    out.insert(out.end(), p.data.begin(), p.data.end());
  }
  const ContentHash sum = checksumOf(out.data(), out.size());
  put(out, sum.a, 8);
  put(out, sum.b, 8);
  return out;
}

std::optional<EncodedPiece> parsePiece(const std::vector<std::uint8_t>& bytes) {
  if (bytes.size() < sizeof kMagic + 16 || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) return std::nullopt;
  const std::size_t body = bytes.size() - 16;
  const ContentHash sum = checksumOf(bytes.data(), body);
  Reader tail{bytes, body};
  if (tail.get(8) != sum.a || tail.get(8) != sum.b) return std::nullopt;
  Reader r{bytes, sizeof kMagic};
  EncodedPiece piece;
  piece.frames = static_cast<std::int64_t>(r.get(8));
  r.take(piece.header, r.get(4));
  const std::uint64_t count = r.get(4);
  if (!r.ok || count > body) return std::nullopt;  // each packet takes bytes: no absurd reservation
  piece.packets.reserve(count);
  for (std::uint64_t i = 0; i < count && r.ok; ++i) {
    EncodedPacket p;
    p.pts = static_cast<std::int64_t>(r.get(8));
    p.dts = static_cast<std::int64_t>(r.get(8));
    p.duration = static_cast<std::int64_t>(r.get(8));
    p.key = r.get(1) != 0;
    r.take(p.data, r.get(4));
    piece.packets.push_back(std::move(p));
  }
  if (!r.ok || r.at != body || piece.frames <= 0 || piece.packets.empty()) return std::nullopt;
  return piece;
}

std::string PieceCache::defaultFolder() {
  const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
  if (base.isEmpty()) return {};
  return (fs::path(base.toStdString()) / "attnplay" / "pieces").string();
}

PieceCache::PieceCache(std::string folder, std::uintmax_t limitBytes)
    : folder_(std::move(folder)), limit_(limitBytes) {}

std::string PieceCache::pathOf(const ContentHash& key) const {
  return (fs::path(folder_) / (key.hex() + kSuffix)).string();
}

bool PieceCache::contains(const ContentHash& key) const {
  std::error_code ec;
  return fs::is_regular_file(pathOf(key), ec);
}

std::optional<EncodedPiece> PieceCache::load(const ContentHash& key) const {
  const std::string path = pathOf(key);
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec || !fs::is_regular_file(path, ec) || size > kMaxPieceBytes) return std::nullopt;
  std::vector<std::uint8_t> bytes(size);
  {
    std::ifstream in(path, std::ios::binary);
    if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size))) return std::nullopt;
  }
  auto piece = parsePiece(bytes);
  if (!piece) {
    fs::remove(path, ec);
    return std::nullopt;
  }
  fs::last_write_time(path, fs::file_time_type::clock::now(), ec);  // recently used: evicted last
  return piece;
}

Status PieceCache::store(const ContentHash& key, const EncodedPiece& piece) const {
  std::error_code ec;
  fs::create_directories(folder_, ec);
  if (ec) return Error(ErrorCode::IoError, "cannot create the cache folder '" + folder_ + "': " + ec.message());
  const std::string path = pathOf(key);
  std::random_device rd;
  const std::string part = path + ".part-" + std::to_string(rd());
  const std::vector<std::uint8_t> bytes = serializePiece(piece);
  {
    std::ofstream out(part, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      out.close();
      fs::remove(part, ec);
      return Error(ErrorCode::IoError, "cannot write to the cache folder '" + folder_ + "'");
    }
  }
  fs::rename(part, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(part, ignored);
    return Error(ErrorCode::IoError, "cannot write to the cache folder '" + folder_ + "': " + ec.message());
  }
  return {};
}

std::uintmax_t PieceCache::bytes() const {
  std::uintmax_t total = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder_, ec)) {
    if (entry.path().extension() == kSuffix) total += entry.file_size(ec);
  }
  return total;
}

void PieceCache::trim() const {
  struct Entry {
    fs::path path;
    std::uintmax_t size;
    fs::file_time_type used;
  };
  std::vector<Entry> pieces;
  std::uintmax_t total = 0;
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  for (const auto& entry : fs::directory_iterator(folder_, ec)) {
    std::error_code e;
    const fs::path p = entry.path();
    const auto used = entry.last_write_time(e);
    if (e || !entry.is_regular_file(e)) continue;
    if (p.extension() == kSuffix) {
      const std::uintmax_t size = entry.file_size(e);
      pieces.push_back({p, size, used});
      total += size;
    } else if (p.filename().string().find(std::string(kSuffix) + ".part-") != std::string::npos &&
               now - used > kStalePart) {
      fs::remove(p, e);
    }
  }
  if (total <= limit_) return;
  std::sort(pieces.begin(), pieces.end(), [](const Entry& a, const Entry& b) { return a.used < b.used; });
  for (const Entry& e : pieces) {
    if (total <= limit_) break;
    std::error_code ignored;
    if (fs::remove(e.path, ignored)) total -= e.size;
  }
}

}  // namespace attnplay
