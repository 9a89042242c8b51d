// SPDX-License-Identifier: MIT
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace attnplay {

/// What kind of failure an Error reports; the CLI maps these to exit codes.
enum class ErrorCode {
  InvalidArgument,  ///< bad input data: a script, a parameter, an option value
  OutOfRange,       ///< a value of the right type outside the range it may take
  NotFound,         ///< a file or resource that does not exist
  ScriptError,      ///< a scene script failed to run
  Timeout,          ///< a script ran past its time limit
  Cancelled,        ///< the user stopped it (Ctrl+C, SIGTERM, a Cancel button)
  LimitExceeded,    ///< a resource limit (object count, size) was hit
  IoError,          ///< output could not be written
  Internal,         ///< a bug: an invariant that should have held did not
};

/// A place in a source file; line and column are 1-based, 0 when unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

/// One failure, told like a compiler diagnostic: `file:line:col: error: message` then `hint: ...`.
class Error {
 public:
  Error(ErrorCode code, std::string message, std::string hint = {}, std::optional<SourceLocation> where = std::nullopt)
      : code_(code), message_(std::move(message)), hint_(std::move(hint)), where_(std::move(where)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& hint() const { return hint_; }
  const std::optional<SourceLocation>& where() const { return where_; }

  Error& at(SourceLocation where) {
    where_ = std::move(where);
    return *this;
  }
  Error& withHint(std::string hint) {
    hint_ = std::move(hint);
    return *this;
  }

  /// The diagnostic text, one or two lines, no trailing newline.
  std::string format() const;

 private:
  ErrorCode code_;
  std::string message_;
  std::string hint_;
  std::optional<SourceLocation> where_;
};

/// A value or the Error that prevented it (g++ 12 has no std::expected).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<T>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<Error>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

/// Success or an Error, for operations that produce nothing.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    assert(!ok());
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

}  // namespace attnplay
