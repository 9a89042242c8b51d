// SPDX-License-Identifier: MIT
// What crosses between a caller and attnplay's worker (script_sandbox.hpp): framed messages,
// requests, replies, and the small helpers both ends share. Private to the script module.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "attnplay/script/scene_script.hpp"

namespace attnplay::detail {

/// How often a waiting end looks at its clock, its cancel flag and the memory it bounds.
inline constexpr std::chrono::milliseconds kPoll{20};
/// The worker's end of the socket.
inline constexpr int kChannel = 3;
/// A request is a scene (≤ 4 MiB) plus its parameters; anything far larger is not ours.
inline constexpr std::size_t kMaxRequestBytes = 64 * 1024 * 1024;

/// A run's request: the scene, its language and every option the worker needs.
QByteArray request(const std::string& language, const std::string& source, const std::string& fileName,
                   const ScriptOptions& options);
/// Asks the worker to start a language's interpreter now, so the first run waits less; no reply.
QByteArray warmRequest(const std::string& language);
/// The options a request carries.
ScriptOptions optionsOf(const QJsonObject& request);
const SceneLanguage* languageNamed(const std::string& name);

/// A message as it crosses the socket: its length in 4 bytes, then the message.
QByteArray withLength(const QByteArray& message);
/// Adds bytes read from a stream of framed messages; true once `buffer` holds a whole one.
bool appendFramed(QByteArray& buffer, const char* data, qsizetype n);
/// The worker's answer: a JSON head (the outcome, the parameters, the warnings) and, after a
/// run that succeeded, the timeline's bytes (timeline_codec.hpp), encoded into `timeline`.
QByteArray reply(const Result<LoadedScene>& scene, std::string& timeline);
/// The worker's answer, or nullopt when it gave none that reads as one.
std::optional<Result<LoadedScene>> parseReply(const QByteArray& bytes, const std::string& fileName);

/// Reads exactly `size` bytes from `fd`; false at its end.
bool readExactly(int fd, char* data, std::size_t size);
bool writeAll(int fd, const QByteArray& data);

/// Resident memory of a process, in bytes; 0 when it cannot be read (it has just ended).
std::size_t residentBytes(qint64 pid);
std::string mebibytes(std::size_t bytes);
std::string seconds(std::chrono::milliseconds ms);

}  // namespace attnplay::detail
