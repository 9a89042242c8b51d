// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <QTemporaryDir>

#include <filesystem>
#include <fstream>
#include <regex>

#include "attnplay/script/scene_script.hpp"

using namespace attnplay;
namespace fs = std::filesystem;

namespace {

/// Each broken scene states what it must produce on its first line:
/// `// expect: LINE:COLUMN: text the message contains`.
struct Expectation {
  int line = 0, column = 0;
  std::string text;
};

Expectation expectationOf(const fs::path& file) {
  std::ifstream in(file);
  std::string first;
  std::getline(in, first);
  static const std::regex pattern(R"(^// expect: (\d+):(\d+): (.+)$)");
  std::smatch m;
  if (!std::regex_match(first, m, pattern)) return {};
  return {std::stoi(m[1]), std::stoi(m[2]), m[3]};
}

std::vector<fs::path> badScripts() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(ATTNPLAY_SOURCE_DIR) / "tests/data/bad_scripts")) {
    if (e.path().extension() == ".js") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

class BadScript : public ::testing::TestWithParam<fs::path> {};

TEST_P(BadScript, GivesOneClearErrorAtItsLocation) {
  const Expectation expected = expectationOf(GetParam());
  ASSERT_FALSE(expected.text.empty()) << GetParam() << " has no `// expect:` first line";
  ScriptOptions options;
  options.timeLimit = std::chrono::milliseconds(2000);
  options.maxObjects = 2000;
  const auto result = loadSceneFile(GetParam().string(), options);
  ASSERT_FALSE(result.ok());
  const Error& e = result.error();
  ASSERT_TRUE(e.where().has_value());
  EXPECT_EQ(e.where()->file, GetParam().string());
  EXPECT_EQ(e.where()->line, expected.line) << e.format();
  EXPECT_EQ(e.where()->column, expected.column) << e.format();
  EXPECT_NE(e.message().find(expected.text), std::string::npos) << e.format();
}

INSTANTIATE_TEST_SUITE_P(Data, BadScript, ::testing::ValuesIn(badScripts()),
                         [](const auto& info) { return info.param.stem().string(); });

TEST(BadScripts, MissingFileIsNotFound) {
  const auto result = loadSceneFile("/nonexistent/scene.js");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), ErrorCode::NotFound);
  EXPECT_NE(result.error().format().find("cannot open scene '/nonexistent/scene.js': no such file"), std::string::npos);
}

TEST(BadScripts, FolderIsNotAScene) {
  const auto result = loadSceneFile(ATTNPLAY_SOURCE_DIR);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message().find("it is a folder"), std::string::npos);
}

TEST(BadScripts, AFifoOrADeviceIsNotAScene) {
  // Either once blocked forever or read until memory ran out: both are refused at once.
  QTemporaryDir dir;
  const std::string fifo = dir.filePath(QStringLiteral("scene.js")).toStdString();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const std::string& path : {fifo, std::string("/dev/zero")}) {
    const auto result = loadSceneFile(path);
    ASSERT_FALSE(result.ok()) << path;
    EXPECT_NE(result.error().message().find("cannot read scene '" + path + "': it is a"), std::string::npos)
        << result.error().message();
  }
}

TEST(BadScripts, ABrokenParamsFileSaysWhere) {
  QTemporaryDir dir;
  const std::string path = dir.filePath(QStringLiteral("p.json")).toStdString();
  std::ofstream(path) << "{\n  \"n\": [1, 2,\n}";
  const auto r = readParamsFile(path);
  ASSERT_FALSE(r.ok());
  ASSERT_TRUE(r.error().where());
  EXPECT_EQ(r.error().where()->line, 3);
  EXPECT_EQ(r.error().where()->column, 1);
}
