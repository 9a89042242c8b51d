// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include "attnplay/base/error.hpp"

using namespace attnplay;

TEST(Error, FormatsLikeACompilerDiagnostic) {
  const Error e(ErrorCode::ScriptError, "TypeError: bad", "fix it", SourceLocation{"scenes/x.js", 12, 5});
  EXPECT_EQ(e.format(), "scenes/x.js:12:5: error: TypeError: bad\nhint: fix it");
}

TEST(Error, LeavesOutUnknownParts) {
  EXPECT_EQ(Error(ErrorCode::NotFound, "gone").format(), "error: gone");
  EXPECT_EQ(Error(ErrorCode::NotFound, "gone", {}, SourceLocation{"a.js", 3, 0}).format(), "a.js:3: error: gone");
  EXPECT_EQ(Error(ErrorCode::NotFound, "gone", {}, SourceLocation{"a.js", 0, 0}).format(), "a.js: error: gone");
}

TEST(Result, HoldsValueOrError) {
  Result<int> good = 4;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 4);
  Result<int> bad = Error(ErrorCode::InvalidArgument, "no");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::InvalidArgument);
}

TEST(Status, DefaultIsSuccess) {
  EXPECT_TRUE(Status().ok());
  const Status failed = Error(ErrorCode::IoError, "disk full");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message(), "disk full");
}

TEST(Error, ControlCharactersAreShownNotSent) {
  // A scene's own text (a thrown message, a file name) must not drive the terminal.
  const Error e(ErrorCode::ScriptError,
                "boom\x1b]0;owned\x07\x1b[2J\xc2\x9b"
                "31m",
                "line one\nline two", SourceLocation{"a\rb.js", 1, 2});
  EXPECT_EQ(e.format(), "a\\x0db.js:1:2: error: boom\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\nhint: line one\nline two");
}
