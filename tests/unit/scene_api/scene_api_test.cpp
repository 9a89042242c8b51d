// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <set>

#include "attnplay/scene_api/scene_api.hpp"
#include "reference_docs.hpp"

using namespace attnplay;

TEST(SceneApiTable, EveryNameIsOnceInTheTable) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const api::EntryInfo& e : api::nameTable()) {
    EXPECT_TRUE(seen.insert({e.owner, e.name}).second) << e.owner << "." << e.name << " is in the table twice";
    EXPECT_FALSE(e.summary.empty()) << e.name << " has no summary for the docs";
    EXPECT_EQ(e.kind == api::EntryKind::Method, !e.owner.empty()) << e.name;
    const api::EntryInfo* found = api::findEntry(e.owner, e.name);
    ASSERT_NE(found, nullptr) << e.name;
    EXPECT_EQ(found->summary, e.summary);
  }
  EXPECT_EQ(api::findEntry("", "NoSuchName"), nullptr);
}

TEST(SceneApiTable, OneCallSpeaksEachLanguage) {
  SceneGraph graph;
  api::SceneApi py(graph, {}, api::Language::Python);
  auto bad = py.call("Rectangle", api::Args{{}, {{"fill_color", 3.0}}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message().find("fill_color"), std::string::npos) << bad.error().message();

  SceneGraph graph2;
  api::SceneApi js(graph2, {}, api::Language::JavaScript);
  auto badJs = js.call("Rectangle", api::Args{{}, {{"fill_color", 3.0}}});
  ASSERT_FALSE(badJs.ok());
  EXPECT_NE(badJs.error().message().find("fillColor"), std::string::npos) << badJs.error().message();
  EXPECT_EQ(badJs.error().message().find("fill_color"), std::string::npos) << badJs.error().message();
}

TEST(SceneApiTable, SetDefaultGivesAClassItsDefaultsForTheRun) {
  SceneGraph graph;
  api::SceneApi api(graph, {}, api::Language::Python);
  ASSERT_TRUE(api.call("set_default", api::Args{{"Square"}, {{"side_length", 3.0}}}).ok());
  auto square = api.call("Square", {});
  ASSERT_TRUE(square.ok()) << square.error().format();
  auto width = api.method(*square, "get_width", {});
  ASSERT_TRUE(width.ok());
  EXPECT_DOUBLE_EQ(*width->get<double>(), 3.0);
  // What the call gives wins, by keyword or by position.
  auto given = api.call("Square", api::Args{{1.0}, {}});
  ASSERT_TRUE(given.ok()) << given.error().format();
  EXPECT_DOUBLE_EQ(*api.method(*given, "get_width", {})->get<double>(), 1.0);
  // No arguments: Manim's own defaults again.
  ASSERT_TRUE(api.call("set_default", api::Args{{"Square"}, {}}).ok());
  EXPECT_DOUBLE_EQ(*api.method(*api.call("Square", {}), "get_width", {})->get<double>(), 2.0);
  // An option the class does not take is told at set_default.
  auto unknown = api.call("set_default", api::Args{{"Square"}, {{"sides", 5.0}}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message().find("Square.set_default(): Square has no argument 'sides'"), std::string::npos)
      << unknown.error().message();
}

TEST(SceneApiTable, TheReferenceDocsListEveryName) {
  attnplay::testing::expectGeneratedBlock(ATTNPLAY_SOURCE_DIR "/docs/scene-api.md", "names",
                                          attnplay::testing::referenceMarkdown(api::Language::JavaScript));
  attnplay::testing::expectGeneratedBlock(ATTNPLAY_SOURCE_DIR "/docs/python-scenes.md", "names",
                                          attnplay::testing::referenceMarkdown(api::Language::Python));
}
