// SPDX-License-Identifier: MIT
// The module map in docs/development.md is the rule; this test holds the code to it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

const fs::path kSource = ATTNPLAY_SOURCE_DIR;

std::string readFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

/// Module → the modules its row names, from the table under "## Modules".
std::map<std::string, std::set<std::string>> documentedMap() {
  const std::string doc = readFile(kSource / "docs/development.md");
  const auto start = doc.find("## Modules");
  const auto end = doc.find("\n## ", start + 1);
  std::map<std::string, std::set<std::string>> map;
  std::istringstream lines(doc.substr(start, end - start));
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("| ", 0) != 0 || line.find("---") != std::string::npos) continue;
    std::vector<std::string> cells;
    std::stringstream row(line.substr(1));
    for (std::string cell; std::getline(row, cell, '|');) cells.push_back(trim(cell));
    if (cells.size() < 3 || cells[0] == "module") continue;
    auto& deps = map[cells[0]];
    std::stringstream list(cells[2]);
    for (std::string d; std::getline(list, d, ',');) {
      if (trim(d) != "—") deps.insert(trim(d));
    }
  }
  return map;
}

std::set<std::string> closure(const std::map<std::string, std::set<std::string>>& map, const std::string& module) {
  std::set<std::string> out;
  std::vector<std::string> todo(map.at(module).begin(), map.at(module).end());
  while (!todo.empty()) {
    const std::string m = todo.back();
    todo.pop_back();
    if (!out.insert(m).second || !map.count(m)) continue;
    todo.insert(todo.end(), map.at(m).begin(), map.at(m).end());
  }
  return out;
}

std::vector<fs::path> sourcesOf(const std::string& module) {
  std::vector<fs::path> files;
  for (const fs::path& dir : {kSource / "src" / module, kSource / "include/attnplay" / module}) {
    if (!fs::exists(dir)) continue;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      const auto ext = e.path().extension();
      if (ext == ".cpp" || ext == ".hpp" || ext == ".js") files.push_back(e.path());
    }
  }
  return files;
}

}  // namespace

TEST(ModuleMap, EveryModuleFolderIsInTheTable) {
  const auto map = documentedMap();
  for (const auto& e : fs::directory_iterator(kSource / "src")) {
    if (e.is_directory()) {
      EXPECT_TRUE(map.count(e.path().filename().string())) << e.path();
    }
  }
}

TEST(ModuleMap, IncludesFollowTheTable) {
  const auto map = documentedMap();
  ASSERT_GE(map.size(), 10u) << "the module table in docs/development.md was not found";
  // "attnplay/scene/…" or a private "text/font_data.hpp": the first folder names the module.
  const std::regex include(R"re(#include "(?:attnplay/)?([a-z_]+)/)re");
  for (const auto& [module, deps] : map) {
    const std::set<std::string> allowed = closure(map, module);
    for (const fs::path& file : sourcesOf(module)) {
      const std::string text = readFile(file);
      for (auto it = std::sregex_iterator(text.begin(), text.end(), include); it != std::sregex_iterator(); ++it) {
        const std::string target = (*it)[1];
        if (target == module) continue;
        EXPECT_TRUE(allowed.count(target)) << fs::relative(file, kSource).string() << " includes " << target
                                           << ", which the " << module << " row of docs/development.md does not allow";
      }
    }
  }
}

TEST(ModuleMap, PublicHeadersReachNoThirdPartyInternals) {
  // Qt Core and Gui and Eigen are the public API's vocabulary; these are not.
  const std::regex forbidden(
      R"re(#include <(ft2build\.h|hb[^>]*|freetype/[^>]*|libav[^>]*|libsw[^>]*|QJSEngine|QJSValue|QtQml/[^>]*|QWidget|QtWidgets/[^>]*)>)re");
  for (const auto& e : fs::recursive_directory_iterator(kSource / "include")) {
    if (e.path().extension() != ".hpp") continue;
    const std::string text = readFile(e.path());
    std::smatch m;
    EXPECT_FALSE(std::regex_search(text, m, forbidden)) << e.path() << " includes " << m.str();
  }
}

TEST(ModuleMap, PythonScenesBindTheSceneApiNotTheJavaScriptHost) {
  // Python is a binding of its own over the scene API: nothing of the JavaScript host (its
  // engine, its values, its host object or prelude) on the Python path.
  const std::regex forbidden(
      R"re(#include [<"]((QJSEngine|QJSValue[A-Za-z]*|QtQml/[^>"]*)|(script/(script_host|prelude)[^>"]*)|(attnplay/script/script_host[^>"]*))[>"]|QJSEngine|QJSValue)re");
  const auto files = sourcesOf("python");
  ASSERT_FALSE(files.empty());
  for (const fs::path& file : files) {
    const std::string text = readFile(file);
    std::smatch m;
    EXPECT_FALSE(std::regex_search(text, m, forbidden)) << fs::relative(file, kSource).string() << " uses " << m.str();
  }
  for (const auto& e : fs::recursive_directory_iterator(kSource / "assets/python")) {
    if (e.path().extension() != ".py") continue;
    const std::string text = readFile(e.path());
    EXPECT_EQ(text.find("camel"), std::string::npos) << e.path() << ": Python speaks Manim's snake_case to the API";
  }
}
