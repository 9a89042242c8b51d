// SPDX-License-Identifier: MIT
#pragma once

// The reference docs' lists of names, made from the scene API's one name table: the tests
// check that docs/scene-api.md and docs/python-scenes.md hold exactly these, and
// ATTNPLAY_UPDATE_DOCS=1 writes them in.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "attnplay/scene_api/scene_api.hpp"

namespace attnplay::testing {

inline std::string parameterList(const api::EntryInfo& e, api::Language language) {
  std::string out;
  for (const api::ParamInfo& p : e.params) {
    out += out.empty() ? "" : ", ";
    if (p.variadic) out += language == api::Language::Python ? "*" : "…";
    out += api::spell(p.name, language);
    if (!p.defaultText.empty() && !p.variadic && p.defaultText.find(' ') == std::string::npos) {
      out += "=" + p.defaultText;
    }
  }
  return out;
}

/// One line per name of the table, grouped by kind, in the language's spelling.
inline std::string referenceMarkdown(api::Language language) {
  std::ostringstream out;
  const std::pair<api::EntryKind, const char*> kinds[] = {{api::EntryKind::Mobject, "Mobjects"},
                                                          {api::EntryKind::Method, "Methods"},
                                                          {api::EntryKind::Animation, "Animations"},
                                                          {api::EntryKind::Function, "Functions"}};
  for (const auto& [kind, title] : kinds) {
    out << "\n**" << title << "**\n\n";
    for (const api::EntryInfo& e : api::nameTable()) {
      if (e.kind != kind || e.internal) continue;
      std::string name = api::spell(e.name, language);
      if (kind == api::EntryKind::Method) name = (e.owner == "Mobject" ? "" : e.owner + ".") + name;
      if (kind == api::EntryKind::Method && e.params.empty() && e.name == "animate") {
        out << "- `.animate`";  // a property in both languages
      } else {
        out << "- `" << name << "(" << parameterList(e, language) << ")`";
      }
      if (e.animatable) out << " (also after `.animate`)";
      out << " — " << e.summary << "\n";
    }
  }
  return out.str();
}

inline std::string readText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Checks that the block between `<!-- begin:NAME -->` and `<!-- end:NAME -->` of the doc is
/// `expected`; with ATTNPLAY_UPDATE_DOCS=1 writes it there instead.
inline void expectGeneratedBlock(const std::string& docPath, const std::string& block, const std::string& expected) {
  std::string doc = readText(docPath);
  const std::string begin = "<!-- begin:" + block + " ", end = "<!-- end:" + block + " -->";
  const auto b = doc.find(begin);
  ASSERT_NE(b, std::string::npos) << docPath << " lacks " << begin << "…-->";
  const auto bodyStart = doc.find("-->", b) + 3;
  const auto e = doc.find(end, bodyStart);
  ASSERT_NE(e, std::string::npos) << docPath << " lacks " << end;
  const std::string body = "\n" + expected + "\n";
  if (const char* update = std::getenv("ATTNPLAY_UPDATE_DOCS"); update && std::string(update) == "1") {
    doc.replace(bodyStart, e - bodyStart, body);
    std::ofstream(docPath) << doc;
    return;
  }
  EXPECT_EQ(doc.substr(bodyStart, e - bodyStart), body)
      << docPath << "'s " << block << " list is not the scene API's; run the test with ATTNPLAY_UPDATE_DOCS=1";
}

}  // namespace attnplay::testing
