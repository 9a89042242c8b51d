// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "attnplay/frame/frame_state.hpp"
#include "attnplay/scene/shapes.hpp"
#include "attnplay/scene/snapshot.hpp"
#include "attnplay/script/scene_script.hpp"
#include "test_support.hpp"

using namespace attnplay;
using attnplay::testing::run;

namespace {

Error failure(const std::string& source, const ScriptOptions& options = {}) {
  auto scene = loadSceneSource(source, "test.js", options);
  EXPECT_FALSE(scene.ok()) << "expected an error from: " << source;
  return scene ? Error(ErrorCode::Internal, "no error") : scene.error();
}

/// Runs a script whose last statement stores numbers in `out`, and returns them.
std::vector<double> numbers(const std::string& source) {
  const LoadedScene scene = run(source +
                                "\nconst __probe = VGroup(); for (const v of out) __probe.add(Square({sideLength: v}));"
                                "\nadd(__probe);");
  std::vector<double> out;
  const MobjectId probe = scene.graph.stage().back();
  for (MobjectId child : scene.graph[probe].children) out.push_back(scene.graph.width(child));
  return out;
}

}  // namespace

TEST(SceneScript, StillSceneRendersWhatWasAdded) {
  const LoadedScene scene = run("const s = Square(); const c = Circle(); add(s, c);");
  EXPECT_EQ(scene.graph.stage().size(), 2u);
  EXPECT_EQ(snapshot(scene.graph).items.size(), 2u);
}

TEST(SceneScript, NothingAddedIsAnEmptyFrame) { EXPECT_TRUE(snapshot(run("Square();").graph).items.empty()); }

TEST(SceneScript, LayoutMatchesTheCoreRules) {
  // The seed's token row: five 1 × 0.6 boxes, buff 0.3, then shifted up 1.5.
  const LoadedScene scene = run(R"(
    const row = VGroup(...[0, 1, 2, 3, 4].map(() => Rectangle({ width: 1, height: 0.6 })));
    row.arrange(RIGHT, { buff: 0.3 }).shift(UP.mul(1.5));
    add(row);
  )");
  const MobjectId row = scene.graph.stage().front();
  const auto& boxes = scene.graph[row].children;
  ASSERT_EQ(boxes.size(), 5u);
  EXPECT_NEAR(scene.graph.center(boxes[0]).x(), -2.6, 1e-12);
  EXPECT_NEAR(scene.graph.center(boxes[4]).x(), 2.6, 1e-12);
  EXPECT_NEAR(scene.graph.center(boxes[2]).y(), 1.5, 1e-12);
}

TEST(SceneScript, VectorsAndMeasures) {
  const auto v = numbers(R"(
    const s = Square({ sideLength: 2 }).shift(UP.mul(2), [1, 0]);
    const out = [s.getTop().y, s.getRight().x, s.getCenter().x, s.width, UP.add(RIGHT).sub([0, 1]).x, LEFT.neg().x];
  )");
  EXPECT_EQ(v, (std::vector<double>{3, 2, 1, 2, 1, 1}));
}

TEST(SceneScript, GroupsIterateLikeArrays) {
  const auto v = numbers(R"(
    const g = VGroup(Square({ sideLength: 1 }), Square({ sideLength: 2 }));
    g.add(Square({ sideLength: 3 }));
    const sizes = [];
    for (const m of g) sizes.push(m.width);
    g.forEach((m, i) => sizes.push(i + 1));
    const out = [g.length, ...sizes, ...g.map(m => m.height), g.at(2) === g.at(2) ? 1 : 0];
  )");
  EXPECT_EQ(v, (std::vector<double>{3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1}));
}

TEST(SceneScript, StyleAndColours) {
  const LoadedScene scene = run(R"(
    const a = Rectangle({ fillColor: BLUE, fillOpacity: 0.5 });
    const b = Square({ color: interpolateColor(GRAY, RED, 0.2), strokeWidth: 1.5 });
    const c = Circle().setFill(YELLOW, { opacity: 0.8 }).setStroke("#123456", { width: 2 });
    add(a, b, c);
  )");
  const auto& g = scene.graph;
  const auto& stage = g.stage();
  EXPECT_EQ(g[stage[0]].style.fillColor.toHex(), "#58c4dd");
  EXPECT_EQ(g[stage[0]].style.strokeColor.toHex(), "#ffffff");  // Manim keeps the white outline
  EXPECT_EQ(g[stage[1]].style.strokeColor.toHex(), "#9f807e");
  EXPECT_DOUBLE_EQ(g[stage[1]].style.strokeWidth, 1.5);
  EXPECT_DOUBLE_EQ(g[stage[2]].style.fillOpacity, 0.8);
  EXPECT_EQ(g[stage[2]].style.strokeColor.toHex(), "#123456");
}

TEST(SceneScript, ArrowFromScriptMatchesCore) {
  const LoadedScene scene = run("add(Arrow([0, 0], [4, 0]));");
  SceneGraph expected;
  const MobjectId a = makeArrow(expected, {0, 0}, {4, 0});
  const MobjectId got = scene.graph.stage().front();
  EXPECT_EQ(scene.graph[got].path, expected[a].path);
  EXPECT_EQ(scene.graph[scene.graph[got].children[0]].path, expected[expected[a].children[0]].path);
}

TEST(SceneScript, CopyIsIndependent) {
  const auto v = numbers(R"(
    const a = VGroup(Square({ sideLength: 1 }));
    const b = a.copy().shift(RIGHT.mul(3));
    const out = [a.getCenter().x + 1, b.getCenter().x, a.at(0) === b.at(0) ? 5 : 2];
  )");
  EXPECT_EQ(v, (std::vector<double>{1, 3, 2}));
}

TEST(SceneScript, ParamsUseDefaultsAndOverrides) {
  const std::string src = R"(
    const n = param("n", 2, { label: "Count", min: 1, max: 5 });
    const words = param("words", ["a", "b"]);
    const w = param("weights", [0.25, 0.75]);
    add(VGroup(...words.map(() => Square({ sideLength: n * w[1] }))));
  )";
  LoadedScene plain = run(src);
  ASSERT_EQ(plain.params.size(), 3u);
  EXPECT_EQ(plain.params[0].kind, "integer");
  EXPECT_EQ(plain.params[0].label, "Count");
  EXPECT_EQ(plain.params[0].max, 5.0);
  EXPECT_EQ(plain.params[1].kind, "tokens");
  EXPECT_EQ(plain.params[2].kind, "weights");
  EXPECT_EQ(plain.params[2].defaultJson, "[0.25,0.75]");
  MobjectId group = plain.graph.stage().front();
  EXPECT_EQ(plain.graph[group].children.size(), 2u);
  EXPECT_DOUBLE_EQ(plain.graph.width(plain.graph[group].children[0]), 1.5);

  ScriptOptions options;
  options.overrides = {{"n", "4"}, {"words", R"(["x","y","z"])"}, {"weights", "[0.5, 0.5]"}};
  LoadedScene changed = run(src, options);
  group = changed.graph.stage().front();
  EXPECT_EQ(changed.graph[group].children.size(), 3u);
  EXPECT_DOUBLE_EQ(changed.graph.width(changed.graph[group].children[0]), 2.0);
  EXPECT_EQ(changed.params[0].valueJson, "4");
}

TEST(SceneScript, TextParamTakesABareWord) {
  ScriptOptions options;
  options.overrides = {{"who", "cat"}};
  const LoadedScene scene =
      run(R"(const who = param("who", "dog"); if (who !== "cat") throw new Error(who);)", options);
  EXPECT_EQ(scene.params[0].valueJson, "\"cat\"");
}

TEST(SceneScript, BadOverridesAreReported) {
  const std::string src = "const n = param(\"n\", 2, { max: 5 });";
  ScriptOptions notJson;
  notJson.overrides = {{"n", "two"}};
  EXPECT_NE(failure(src, notJson).message().find("--set n=two: the value is not valid JSON"), std::string::npos);
  ScriptOptions wrongKind;
  wrongKind.overrides = {{"n", "[1]"}};
  EXPECT_NE(failure(src, wrongKind).message().find("expected a whole number"), std::string::npos);
  ScriptOptions tooBig;
  tooBig.overrides = {{"n", "9"}};
  EXPECT_NE(failure(src, tooBig).message().find("above the maximum 5"), std::string::npos);
  ScriptOptions unknown;
  unknown.overrides = {{"m", "1"}};
  const Error e = failure(src, unknown);
  EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
  EXPECT_NE(e.message().find("declares no parameter 'm'"), std::string::npos);
  EXPECT_EQ(e.hint(), "its parameters are: n");
}

TEST(SceneScript, TextMathTexAndMatrix) {
  const auto v = numbers(R"(
    const t = Text("cat sat", { fontSize: 18 });
    const m = MathTex("a", "+", "b^2", { fontSize: 24 });
    const q = Matrix([["q_1", "q_2"], ["q_3", 4]]);
    const out = [t.length, m.length, m.at(2).length, q.getEntries().length, q.getRows().length,
                 q.getRows().at(1).length, q.getColumns().at(0).at(1) === q.getEntries().at(2) ? 1 : 0,
                 q.getBrackets().length, q.getBrackets().at(0).getRight().x < q.getEntries().getLeft().x ? 1 : 0];
  )");
  EXPECT_EQ(v, (std::vector<double>{6, 3, 2, 4, 2, 2, 1, 2, 1}));
}

TEST(SceneScript, ReachesNoFilesystemOrNetwork) {
  const auto v = numbers(R"(
    const out = [typeof XMLHttpRequest === "undefined" ? 1 : 0, typeof require === "undefined" ? 1 : 0,
                 typeof __host === "undefined" ? 1 : 0, typeof Qt === "undefined" ? 1 : 0];
  )");
  EXPECT_EQ(v, (std::vector<double>{1, 1, 1, 1}));
}

TEST(SceneScript, ParseOverride) {
  const auto kv = parseOverride("tokens=[\"a\",\"b\"]");
  ASSERT_TRUE(kv.ok());
  EXPECT_EQ(kv->first, "tokens");
  EXPECT_EQ(kv->second, "[\"a\",\"b\"]");
  EXPECT_FALSE(parseOverride("=3").ok());
  EXPECT_FALSE(parseOverride("novalue").ok());
}

TEST(SceneScript, AttentionFunctions) {
  const auto v = numbers(R"(
    const p = softmax([1, 2, 3]);
    const m = softmax([[0, 0], [1000, 0]], { temperature: 2 });
    const a = attention([[1, 0]], [[1, 0], [0, 1]], [[1, 2], [3, 4]], { mask: "causal" });
    const out = [p[0] + p[1] + p[2], m[0][0] * 2, m[1][1] < 1e-100 ? 1 : 0, a.weights[0][1] === 0 ? 1 : 0, a.output[0][0]];
  )");
  ASSERT_EQ(v.size(), 5u);
  EXPECT_NEAR(v[0], 1, 1e-12);
  EXPECT_NEAR(v[1], 1, 1e-12);
  EXPECT_EQ(v[2], 1);
  EXPECT_EQ(v[3], 1);
  EXPECT_NEAR(v[4], 1, 1e-12);  // causal: the first query sees only the first key
}

TEST(SceneScript, LoadWeightsStaysInTheScenesFolder) {
  QTemporaryDir dir;
  QDir(dir.path()).mkdir(QStringLiteral("data"));
  auto write = [&](const QString& name, const QByteArray& text) {
    QFile f(dir.filePath(name));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(text);
  };
  write(QStringLiteral("data/w.json"), R"({"tokens": ["a", "b"], "weights": [[0.2, 0.8], [0.5, 0.5]]})");
  write(QStringLiteral("scene.js"), R"(
    const w = loadWeights("data/w.json", { probabilities: true, tokens: 2 });
    add(...w.weights[0].map(x => Square({ sideLength: x })));
    if (w.tokens[1] !== "b" || w.shape[0] !== 2) throw new Error("bad");
  )");
  auto good = loadSceneFile(dir.filePath(QStringLiteral("scene.js")).toStdString());
  ASSERT_TRUE(good.ok()) << good.error().format();
  EXPECT_NEAR(good->graph.width(good->graph.stage()[1]), 0.8, 1e-12);
  write(QStringLiteral("escape.js"), "loadWeights(\"../outside.json\");");
  auto escape = loadSceneFile(dir.filePath(QStringLiteral("escape.js")).toStdString());
  ASSERT_FALSE(escape.ok());
  EXPECT_NE(escape.error().message().find("does not exist next to the scene"), std::string::npos);
  write(QStringLiteral("abs.js"), "loadWeights(\"/etc/hostname\");");
  auto absolute = loadSceneFile(dir.filePath(QStringLiteral("abs.js")).toStdString());
  ASSERT_FALSE(absolute.ok());
  EXPECT_NE(absolute.error().message().find("outside the scene's folder"), std::string::npos);
  EXPECT_EQ(absolute.error().where()->line, 1);
}

TEST(SceneScript, ParamChoices) {
  const std::string src = R"(const mode = param("mode", "causal", { choices: ["causal", "full"] });)";
  const LoadedScene scene = run(src);
  EXPECT_EQ(scene.params[0].choices, (std::vector<std::string>{"\"causal\"", "\"full\""}));
  ScriptOptions ok;
  ok.overrides = {{"mode", "full"}};
  EXPECT_EQ(run(src, ok).params[0].valueJson, "\"full\"");
  ScriptOptions bad;
  bad.overrides = {{"mode", "sideways"}};
  EXPECT_NE(failure(src, bad).message().find("is not one of the choices"), std::string::npos);
  EXPECT_NE(failure(R"(param("m", 3, { choices: [1, 2] });)")
                .message()
                .find("the default of 'm', 3, is not one of the choices"),
            std::string::npos);
}

TEST(SceneScript, ClockAndRandomAreTheSameOnEveryRun) {
  // A scene is a function of its file and parameters: the window, each export and the sandbox
  // run all see the same values.
  const std::string source = R"(
    const out = [Math.random() + 1, Math.random() + 1, Date.now() + 1, new Date().getTime() + 1,
                 new Date(5).getTime(), (new Date() instanceof Date) ? 1 : 2,
                 new (new Date(0).constructor)().getTime() + 1];
  )";
  const auto first = numbers(source);
  ASSERT_EQ(first.size(), 7u);
  EXPECT_EQ(numbers(source), first);
  EXPECT_NE(first[0], first[1]);
  EXPECT_GT(first[0], 1);
  EXPECT_LT(first[0], 2);
  EXPECT_EQ(std::vector<double>(first.begin() + 2, first.end()), (std::vector<double>{1, 1, 5, 1, 1}));
}

TEST(SceneLanguages, APythonSceneWithoutPythonSaysHowToGetIt) {
  // The core alone knows no Python (the executables register it when built with it): a .py
  // scene is then an error that says what to install, never an attempt to run it as JavaScript.
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("scene.py"));
  QFile f(path);
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.write("from manim import *\nclass A(Scene):\n    def construct(self):\n        pass\n");
  f.close();
  auto scene = loadSceneFile(path.toStdString());
  ASSERT_FALSE(scene.ok());
  EXPECT_NE(scene.error().message().find("built without Python scenes"), std::string::npos) << scene.error().message();
  EXPECT_NE(scene.error().hint().find("python3-dev"), std::string::npos);
  EXPECT_NE(scene.error().hint().find("ATTNPLAY_PYTHON"), std::string::npos);
  EXPECT_FALSE(scenesInFile(path.toStdString()).ok());
  // A JavaScript scene is one scene.
  auto js = scenesInFile(ATTNPLAY_SOURCE_DIR "/scenes/heatmap.js");
  ASSERT_TRUE(js.ok());
  EXPECT_TRUE(js->empty());
}

namespace {

int gTestLanguageRuns = 0;

/// A language of the test's own: JavaScript under another extension, counting its runs.
Result<LoadedScene> runTestLanguage(const std::string& source, const std::string& fileName,
                                    const ScriptOptions& options) {
  ++gTestLanguageRuns;
  return loadSceneSource(source, fileName, options);
}

}  // namespace

TEST(SceneLanguages, TheRegistryNamesEachLanguageByItsExtensions) {
  const auto& languages = sceneLanguages();
  ASSERT_GE(languages.size(), 2u);
  EXPECT_EQ(languages.front().name, "JavaScript");
  ASSERT_NE(sceneLanguageOf("scenes/heatmap.js"), nullptr);
  EXPECT_EQ(sceneLanguageOf("scenes/heatmap.js")->name, "JavaScript");
  EXPECT_FALSE(sceneLanguageOf("scenes/heatmap.js")->manyScenes);
  ASSERT_NE(sceneLanguageOf("/tmp/Basic.PY"), nullptr);  // extensions in any case
  EXPECT_EQ(sceneLanguageOf("/tmp/Basic.PY")->name, "Manim Python");
  EXPECT_TRUE(sceneLanguageOf("/tmp/Basic.PY")->manyScenes);
  EXPECT_EQ(sceneLanguageOf("notes.txt"), nullptr);
  EXPECT_EQ(sceneLanguageOf("README"), nullptr);
}

TEST(SceneLanguages, ARegisteredLanguageRunsItsFiles) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("box.scn"));
  QFile f(path);
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.write("const box = Square(); add(box); wait(2);\n");
  f.close();
  EXPECT_EQ(sceneLanguageOf(path.toStdString()), nullptr);

  SceneLanguage test;
  test.name = "Test scenes";
  test.extensions = {".scn"};
  test.run = &runTestLanguage;
  registerSceneLanguage(test);
  const SceneLanguage* found = sceneLanguageOf(path.toStdString());
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->name, "Test scenes");
  const int before = gTestLanguageRuns;
  auto scene = loadSceneFile(path.toStdString());
  ASSERT_TRUE(scene.ok()) << scene.error().format();
  EXPECT_EQ(gTestLanguageRuns, before + 1);
  EXPECT_DOUBLE_EQ(scene->timeline->duration(), 2.0);
  // The same name replaces the language: without a runner it says why it cannot run.
  SceneLanguage gone = test;
  gone.run = nullptr;
  gone.unavailable = Error(ErrorCode::InvalidArgument, "test scenes are switched off", "switch them on");
  registerSceneLanguage(gone);
  auto refused = loadSceneFile(path.toStdString());
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message().find("test scenes are switched off"), std::string::npos);
  EXPECT_EQ(refused.error().hint(), "switch them on");
  EXPECT_EQ(gTestLanguageRuns, before + 1);
}
