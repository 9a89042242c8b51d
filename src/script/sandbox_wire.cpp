// SPDX-License-Identifier: MIT
#include "script/sandbox_wire.hpp"

#include "attnplay/timeline/timeline_codec.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

extern char** environ;

namespace attnplay::detail {

namespace {

QJsonObject toJson(const std::map<std::string, std::string>& map) {
  QJsonObject object;
  for (const auto& [key, value] : map) object.insert(QString::fromStdString(key), QString::fromStdString(value));
  return object;
}

std::map<std::string, std::string> fromJson(const QJsonObject& object) {
  std::map<std::string, std::string> map;
  for (auto it = object.begin(); it != object.end(); ++it)
    map[it.key().toStdString()] = it.value().toString().toStdString();
  return map;
}

QJsonArray colorJson(const Color& c) { return QJsonArray{c.r, c.g, c.b}; }

Color colorOf(const QJsonValue& v) {
  const QJsonArray a = v.toArray();
  return Color{a.at(0).toDouble(), a.at(1).toDouble(), a.at(2).toDouble()};
}

QJsonObject paramJson(const ParamDecl& p) {
  QJsonObject o;
  o.insert(QStringLiteral("name"), QString::fromStdString(p.name));
  o.insert(QStringLiteral("kind"), QString::fromStdString(p.kind));
  o.insert(QStringLiteral("default"), QString::fromStdString(p.defaultJson));
  o.insert(QStringLiteral("value"), QString::fromStdString(p.valueJson));
  o.insert(QStringLiteral("label"), QString::fromStdString(p.label));
  if (p.min) o.insert(QStringLiteral("min"), *p.min);
  if (p.max) o.insert(QStringLiteral("max"), *p.max);
  if (p.colors) o.insert(QStringLiteral("colors"), QJsonArray{colorJson(p.colors->first), colorJson(p.colors->second)});
  o.insert(QStringLiteral("colorScale"), p.colorScale);
  QJsonArray choices;
  for (const std::string& c : p.choices) choices.append(QString::fromStdString(c));
  o.insert(QStringLiteral("choices"), choices);
  return o;
}

ParamDecl paramOf(const QJsonObject& o) {
  ParamDecl p;
  p.name = o.value(QStringLiteral("name")).toString().toStdString();
  p.kind = o.value(QStringLiteral("kind")).toString().toStdString();
  p.defaultJson = o.value(QStringLiteral("default")).toString().toStdString();
  p.valueJson = o.value(QStringLiteral("value")).toString().toStdString();
  p.label = o.value(QStringLiteral("label")).toString().toStdString();
  if (o.contains(QStringLiteral("min"))) p.min = o.value(QStringLiteral("min")).toDouble();
  if (o.contains(QStringLiteral("max"))) p.max = o.value(QStringLiteral("max")).toDouble();
  if (o.contains(QStringLiteral("colors"))) {
    const QJsonArray c = o.value(QStringLiteral("colors")).toArray();
    p.colors = std::pair{colorOf(c.at(0)), colorOf(c.at(1))};
  }
  p.colorScale = o.value(QStringLiteral("colorScale")).toDouble(1);
  for (const QJsonValue& c : o.value(QStringLiteral("choices")).toArray())
    p.choices.push_back(c.toString().toStdString());
  return p;
}

}  // namespace

QByteArray request(const std::string& language, const std::string& source, const std::string& fileName,
                   const ScriptOptions& options) {
  QJsonObject r;
  r.insert(QStringLiteral("language"), QString::fromStdString(language));
  r.insert(QStringLiteral("sceneName"), QString::fromStdString(options.sceneName));
  r.insert(QStringLiteral("maxMemoryBytes"), static_cast<double>(options.maxMemoryBytes));
  r.insert(QStringLiteral("source"), QString::fromStdString(source));
  r.insert(QStringLiteral("file"), QString::fromStdString(fileName));
  r.insert(QStringLiteral("overrides"), toJson(options.overrides));
  r.insert(QStringLiteral("overrideSources"), toJson(options.overrideSources));
  r.insert(QStringLiteral("timeLimitMs"), static_cast<double>(options.timeLimit.count()));
  r.insert(QStringLiteral("maxObjects"), static_cast<double>(options.maxObjects));
  r.insert(QStringLiteral("fps"), options.fps);
  r.insert(QStringLiteral("sceneDir"), QString::fromStdString(options.sceneDir));
  r.insert(QStringLiteral("ignoreUnknownOverrides"), options.ignoreUnknownOverrides);
  return QJsonDocument(r).toJson(QJsonDocument::Compact);
}

/// Asks the worker to start a language's interpreter now, so the first run waits less; no reply.
QByteArray warmRequest(const std::string& language) {
  QJsonObject r;
  r.insert(QStringLiteral("warm"), QString::fromStdString(language));
  return QJsonDocument(r).toJson(QJsonDocument::Compact);
}

const SceneLanguage* languageNamed(const std::string& name) {
  for (const SceneLanguage& l : sceneLanguages()) {
    if (l.name == name) return &l;
  }
  return nullptr;
}

/// A message as it crosses the socket: its length in 4 bytes, then the message.
QByteArray withLength(const QByteArray& message) {
  QByteArray framed(4, '\0');
  const auto size = static_cast<std::uint32_t>(message.size());
  std::memcpy(framed.data(), &size, 4);
  return framed + message;
}

/// Adds bytes read from a stream of framed messages; true once `buffer` holds a whole one. The
/// length in front reserves the rest at once: a reply arrives in many small reads.
bool appendFramed(QByteArray& buffer, const char* data, qsizetype n) {
  buffer.append(data, n);
  if (buffer.size() < 4) return false;
  std::uint32_t size = 0;
  std::memcpy(&size, buffer.constData(), 4);
  if (buffer.capacity() < 4 + static_cast<qsizetype>(size)) buffer.reserve(4 + static_cast<qsizetype>(size));
  return buffer.size() >= 4 + static_cast<qsizetype>(size);
}

/// The child's answer: a JSON head (the outcome, the parameters, the warnings — a few small
/// things) and, after a run that succeeded, the timeline's bytes (timeline_codec.hpp).
QByteArray reply(const Result<LoadedScene>& scene, std::string& timeline) {
  QJsonObject r;
  r.insert(QStringLiteral("ok"), scene.ok());
  timeline.clear();
  if (scene) {
    QJsonArray params, warnings;
    for (const ParamDecl& p : scene->params) params.append(paramJson(p));
    for (const std::string& w : scene->warnings) warnings.append(QString::fromStdString(w));
    r.insert(QStringLiteral("params"), params);
    r.insert(QStringLiteral("warnings"), warnings);
    encodeTimeline(*scene->timeline, timeline);
  } else {
    const Error& e = scene.error();
    r.insert(QStringLiteral("code"), static_cast<int>(e.code()));
    r.insert(QStringLiteral("message"), QString::fromStdString(e.message()));
    r.insert(QStringLiteral("hint"), QString::fromStdString(e.hint()));
    if (e.where()) {
      r.insert(QStringLiteral("file"), QString::fromStdString(e.where()->file));
      r.insert(QStringLiteral("line"), e.where()->line);
      r.insert(QStringLiteral("column"), e.where()->column);
    }
  }
  return withLength(QJsonDocument(r).toJson(QJsonDocument::Compact)) +
         QByteArray::fromRawData(timeline.data(), static_cast<qsizetype>(timeline.size()));
}

/// The child's answer, or nullopt when it gave none that reads as one.
std::optional<Result<LoadedScene>> parseReply(const QByteArray& bytes, const std::string& fileName) {
  if (bytes.size() < 4) return std::nullopt;
  std::uint32_t headSize = 0;
  std::memcpy(&headSize, bytes.constData(), 4);
  if (headSize > static_cast<std::uint32_t>(bytes.size() - 4)) return std::nullopt;
  const QJsonDocument doc = QJsonDocument::fromJson(bytes.mid(4, headSize));
  if (!doc.isObject()) return std::nullopt;
  const QJsonObject r = doc.object();
  if (r.value(QStringLiteral("ok")).toBool()) {
    auto timeline = decodeTimeline(std::string_view(bytes.constData() + 4 + headSize, bytes.size() - 4 - headSize));
    if (!timeline) return Result<LoadedScene>(Error(timeline.error()).at(SourceLocation{fileName, 0, 0}));
    LoadedScene scene;
    scene.file = fileName;
    scene.timeline = std::move(*timeline);
    for (const QJsonValue& p : r.value(QStringLiteral("params")).toArray())
      scene.params.push_back(paramOf(p.toObject()));
    for (const QJsonValue& w : r.value(QStringLiteral("warnings")).toArray())
      scene.warnings.push_back(w.toString().toStdString());
    return Result<LoadedScene>(std::move(scene));
  }
  const int code = r.value(QStringLiteral("code")).toInt(-1);
  if (code < 0 || code > static_cast<int>(ErrorCode::Internal)) return std::nullopt;
  std::optional<SourceLocation> where;
  if (r.contains(QStringLiteral("file"))) {
    where = SourceLocation{r.value(QStringLiteral("file")).toString().toStdString(),
                           r.value(QStringLiteral("line")).toInt(), r.value(QStringLiteral("column")).toInt()};
  }
  return Result<LoadedScene>(Error(static_cast<ErrorCode>(code),
                                   r.value(QStringLiteral("message")).toString().toStdString(),
                                   r.value(QStringLiteral("hint")).toString().toStdString(), where));
}

/// Resident memory of a process, in bytes; 0 when it cannot be read (it has just ended).
std::size_t residentBytes(qint64 pid) {
  std::ifstream statm("/proc/" + std::to_string(pid) + "/statm");
  std::size_t pages = 0, resident = 0;
  if (!(statm >> pages >> resident)) return 0;
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

std::string mebibytes(std::size_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MiB"; }

std::string seconds(std::chrono::milliseconds ms) {
  return QString::number(std::chrono::duration<double>(ms).count()).toStdString() + " s";
}

/// Reads exactly `size` bytes from the channel; false at its end.
bool readExactly(int fd, char* data, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

bool writeAll(int fd, const QByteArray& data) {
  qsizetype done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.constData() + done, static_cast<std::size_t>(data.size() - done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += n;
  }
  return true;
}

ScriptOptions optionsOf(const QJsonObject& r) {
  ScriptOptions options;
  options.overrides = fromJson(r.value(QStringLiteral("overrides")).toObject());
  options.overrideSources = fromJson(r.value(QStringLiteral("overrideSources")).toObject());
  options.timeLimit =
      std::chrono::milliseconds(static_cast<long long>(r.value(QStringLiteral("timeLimitMs")).toDouble()));
  options.maxObjects = static_cast<std::size_t>(r.value(QStringLiteral("maxObjects")).toDouble());
  options.fps = r.value(QStringLiteral("fps")).toDouble(60);
  options.sceneDir = r.value(QStringLiteral("sceneDir")).toString().toStdString();
  options.ignoreUnknownOverrides = r.value(QStringLiteral("ignoreUnknownOverrides")).toBool();
  options.sceneName = r.value(QStringLiteral("sceneName")).toString().toStdString();
  options.maxMemoryBytes = static_cast<std::size_t>(
      r.value(QStringLiteral("maxMemoryBytes")).toDouble(static_cast<double>(options.maxMemoryBytes)));
  return options;
}

}  // namespace attnplay::detail
