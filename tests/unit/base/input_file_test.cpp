// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <QTemporaryDir>
#include <chrono>
#include <fstream>

#include "attnplay/base/input_file.hpp"

using namespace attnplay;

TEST(InputFile, ReadsARegularFileWhole) {
  QTemporaryDir dir;
  const std::string path = dir.filePath(QStringLiteral("a.txt")).toStdString();
  std::ofstream(path) << "hello\nworld";
  const auto r = readInputFile(path, 100, "test file");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "hello\nworld");
}

TEST(InputFile, AFifoIsRefusedWithoutBlocking) {
  QTemporaryDir dir;
  const std::string path = dir.filePath(QStringLiteral("pipe")).toStdString();
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  const auto start = std::chrono::steady_clock::now();
  const auto r = readInputFile(path, 100, "scene");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(), "cannot read scene '" + path + "': it is a FIFO (named pipe)");
}

TEST(InputFile, ADeviceOrAFolderIsRefused) {
  const auto zero = readInputFile("/dev/zero", 100, "scene");
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.error().message().find("it is a character device"), std::string::npos);
  const auto folder = readInputFile("/tmp", 100, "scene");
  ASSERT_FALSE(folder.ok());
  EXPECT_NE(folder.error().message().find("it is a folder"), std::string::npos);
}

TEST(InputFile, TheLimitHoldsWhileReading) {
  QTemporaryDir dir;
  const std::string path = dir.filePath(QStringLiteral("big.txt")).toStdString();
  std::ofstream(path) << std::string(2048, 'x');
  const auto r = readInputFile(path, 1024, "parameters file");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::LimitExceeded);
  EXPECT_NE(r.error().message().find("is larger than 1 KiB"), std::string::npos) << r.error().message();
  EXPECT_TRUE(readInputFile(path, 2048, "parameters file").ok());
}

TEST(InputFile, MissingIsNotFound) {
  const auto r = readInputFile("/no/such/file.js", 100, "scene");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::NotFound);
  EXPECT_EQ(r.error().message(), "cannot open scene '/no/such/file.js': no such file");
}
