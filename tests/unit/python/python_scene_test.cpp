// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <QImage>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "attnplay/render/renderer.hpp"
#include "attnplay/script/scene_script.hpp"
#include "python/python_scenes.hpp"
#include "unit/scene_api/reference_docs.hpp"

using namespace attnplay;

namespace {

const std::string kData = ATTNPLAY_SOURCE_DIR "/tests/data/python/";

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

class PythonScenes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { python::installPythonScenes(); }

  static LoadedScene load(const std::string& path, const std::string& sceneName = {}) {
    ScriptOptions options;
    options.sceneName = sceneName;
    auto scene = loadSceneFile(path, options);
    EXPECT_TRUE(scene.ok()) << (scene ? "" : scene.error().format());
    return scene ? std::move(scene).value() : LoadedScene{};
  }

  /// Runs Python source written to a file of its own; the error (or none).
  static Result<LoadedScene> run(const std::string& name, const std::string& source, ScriptOptions options = {}) {
    const std::string path = std::string(ATTNPLAY_TEST_OUTPUT_DIR) + "/" + name;
    std::filesystem::create_directories(ATTNPLAY_TEST_OUTPUT_DIR);
    std::FILE* f = std::fopen(path.c_str(), "w");
    std::fputs(source.c_str(), f);
    std::fclose(f);
    return loadSceneFile(path, options);
  }

  /// Every frame that matters of two scenes, pixel for pixel: each segment's end and middle.
  static void expectSameFrames(const LoadedScene& a, const LoadedScene& b) {
    ASSERT_TRUE(a.timeline && b.timeline);
    ASSERT_EQ(a.timeline->segments().size(), b.timeline->segments().size());
    EXPECT_DOUBLE_EQ(a.timeline->duration(), b.timeline->duration());
    for (const Segment& s : a.timeline->segments()) {
      for (double t : {(s.start + s.end) / 2, s.end}) {
        const QImage x = renderImage(a.timeline->evaluate(t), QSize(480, 270));
        const QImage y = renderImage(b.timeline->evaluate(t), QSize(480, 270));
        EXPECT_TRUE(x == y) << a.file << " and " << b.file << " differ at t = " << t;
      }
    }
  }
};

TEST_F(PythonScenes, TheSeedFileAsItIsGivesTheJavaScriptPortsFrames) {
  // The seed document's four ```python blocks, in order, unchanged.
  const std::string seed = kData + "attention_scenes.py";
  const std::pair<const char*, const char*> scenes[] = {{"SelfAttentionDemo", "self_attention.js"},
                                                        {"QKVVisualization", "qkv.js"},
                                                        {"AttentionScoreMatrix", "score_matrix.js"},
                                                        {"AttentionHeatmap", "heatmap.js"}};
  for (const auto& [cls, js] : scenes) {
    SCOPED_TRACE(cls);
    expectSameFrames(load(seed, cls), load(ATTNPLAY_SOURCE_DIR "/scenes/" + std::string(js)));
  }
}

TEST_F(PythonScenes, ManimNamesBeyondTheSeedMatchTheirJavaScript) {
  // Square, Circle, Line, SurroundingRectangle, to_corner, align_to, FadeIn/Out, LaggedStart,
  // Transform, Indicate, Succession, Wiggle, a rate function, an .animate chain, copy, slicing.
  expectSameFrames(load(kData + "coverage.py"), load(kData + "coverage.js"));
}

TEST_F(PythonScenes, TheRestOfTheSupportedNamesMatchTheirJavaScriptToo) {
  // Matrix rows, columns and brackets, h_buff/v_buff, DrawBorderThenFill, Circumscribe, Flash,
  // ShowPassingFlash, sections, GrowFromCenter/Point/Edge, Wait, ReplacementTransform,
  // FadeTransform, Uncreate, Unwrite, rotate, set_stroke/color/opacity, stretch and scale to fit,
  // width set, Group, add/remove, get_corner, get_critical_point, get_boundary_point.
  expectSameFrames(load(kData + "coverage2.py"), load(kData + "coverage2.js"));
}

TEST_F(PythonScenes, MeasuresAndStylesReadBackAsInManim) {
  auto scene =
      run("measures.py",
          "from manim import *\n"
          "class R(Scene):\n"
          "    def construct(self):\n"
          "        s = Square(side_length=2, stroke_width=3, color=RED).shift(RIGHT)\n"
          "        assert s.get_color() == RED and s.get_color() == Color(*interpolate_color(RED, RED, 0).get_rgb())\n"
          "        assert abs(s.get_stroke_width() - 3) < 1e-9 and abs(s.get_stroke_opacity() - 1) < 1e-9\n"
          "        assert np.allclose(s.get_center(), [1, 0, 0]) and np.allclose(s.get_left(), ORIGIN)\n"
          "        assert np.allclose(s.get_right(), RIGHT * 2) and np.allclose(s.get_top(), [1, 1, 0])\n"
          "        assert abs(s.width - 2) < 1e-9 and abs(s.get_height() - 2) < 1e-9\n"
          "        g = VGroup(s, Circle())\n"
          "        assert len(g) == 2 and [type(m).__name__ for m in g] == ['Square', 'Circle']\n"
          "        assert g[-1] is g[1] and g[0] is s and g.submobjects[0] is s\n"
          "        assert isinstance(g[0:1], VGroup) and len(g[0:1]) == 1\n"
          "        assert UP.shape == (3,) and FRAME_WIDTH > FRAME_HEIGHT and DEGREES * 180 == PI\n"
          "        from attnplay import softmax, attention\n"
          "        p = softmax([2.0, 1.0, 0.1])\n"
          "        e = np.exp(np.array([2.0, 1.0, 0.1]) - 2.0)\n"
          "        assert np.allclose(p, e / e.sum()), p\n"
          "        out = attention(np.eye(2).tolist(), np.eye(2), [[1.0, 0.0], [0.0, 1.0]], mask='causal')\n"
          "        assert out['weights'][0][1] == 0 and abs(sum(out['weights'][1]) - 1) < 1e-9, out\n");
  EXPECT_TRUE(scene.ok()) << scene.error().format();
}

TEST_F(PythonScenes, AFileOfSeveralScenesNamesThemAndTakesOneByName) {
  auto names = scenesInFile(kData + "attention_scenes.py");
  ASSERT_TRUE(names.ok()) << names.error().format();
  EXPECT_EQ(*names, (std::vector<std::string>{"SelfAttentionDemo", "QKVVisualization", "AttentionScoreMatrix",
                                              "AttentionHeatmap"}));
  auto none = loadSceneFile(kData + "attention_scenes.py");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().message().find(
                "has 4 scenes: SelfAttentionDemo, QKVVisualization, AttentionScoreMatrix, AttentionHeatmap"),
            std::string::npos)
      << none.error().message();
  EXPECT_NE(none.error().hint().find("SceneName"), std::string::npos);
  ScriptOptions wrong;
  wrong.sceneName = "Nope";
  auto missing = loadSceneFile(kData + "attention_scenes.py", wrong);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message().find("has no scene Nope"), std::string::npos) << missing.error().message();
  // A file with one scene needs no name, and the same file lists it.
  EXPECT_EQ(*scenesInFile(kData + "coverage.py"), std::vector<std::string>{"Coverage"});
  EXPECT_EQ(*scenesInFile(ATTNPLAY_SOURCE_DIR "/scenes/heatmap.js"), std::vector<std::string>{});
}

TEST_F(PythonScenes, AManimNameAttnplayLacksIsAnErrorAtItsLine) {
  auto base = run("three_d.py",
                  "from manim import *\n"
                  "\n"
                  "class Spin(ThreeDScene):\n"
                  "    def construct(self):\n"
                  "        pass\n");
  ASSERT_FALSE(base.ok());
  EXPECT_EQ(firstLine(base.error().message()), "NotImplementedError: ThreeDScene is not supported by attnplay");
  ASSERT_TRUE(base.error().where());
  EXPECT_EQ(base.error().where()->line, 3);
  EXPECT_NE(base.error().hint().find("python-scenes.md"), std::string::npos);

  auto call = run("annulus.py",
                  "from manim import *\n"
                  "class B(Scene):\n"
                  "    def construct(self):\n"
                  "        s = Square()\n"
                  "        self.add(Annulus(inner_radius=1))\n");
  ASSERT_FALSE(call.ok());
  EXPECT_EQ(firstLine(call.error().message()), "NotImplementedError: Annulus is not supported by attnplay");
  EXPECT_EQ(call.error().where()->line, 5);

  auto method = run("method.py",
                    "from manim import *\n"
                    "class M(Scene):\n"
                    "    def construct(self):\n"
                    "        Square().apply_complex_function(np.exp)\n");
  ASSERT_FALSE(method.ok());
  EXPECT_EQ(firstLine(method.error().message()),
            "AttributeError: Square.apply_complex_function is not supported by attnplay");
  EXPECT_EQ(method.error().where()->line, 4);
  // The message quotes the line, carets under the call that failed.
  EXPECT_NE(method.error().message().find("\n    Square().apply_complex_function(np.exp)\n    ^^^^^"),
            std::string::npos)
      << method.error().message();
  EXPECT_GT(method.error().where()->column, 0);
}

TEST_F(PythonScenes, BadArgumentsAreToldInManimsSpellingAtTheirLine) {
  auto bad = run("bad_colour.py",
                 "from manim import *\n"
                 "class C(Scene):\n"
                 "    def construct(self):\n"
                 "        box = Rectangle(width=2, fill_color=3)\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message().find("fill_color"), std::string::npos) << bad.error().message();
  EXPECT_EQ(bad.error().message().find("fillColor"), std::string::npos) << bad.error().message();
  EXPECT_EQ(bad.error().where()->line, 4);
  EXPECT_EQ(bad.error().where()->column, 15);  // Rectangle(
  // The scene API's hint comes along.
  auto named = run("bad_name.py",
                   "from manim import *\n"
                   "class C(Scene):\n"
                   "    def construct(self):\n"
                   "        Text('x', color='not a colour')\n");
  ASSERT_FALSE(named.ok());
  EXPECT_NE(named.error().hint().find("palette name"), std::string::npos) << named.error().format();

  auto syntax = run("syntax.py",
                    "from manim import *\n"
                    "class C(Scene):\n"
                    "    def construct(self)\n"
                    "        pass\n");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.error().message().rfind("SyntaxError: ", 0), 0u) << syntax.error().message();
  EXPECT_EQ(syntax.error().where()->line, 3);

  auto thrown = run("raise.py",
                    "from manim import *\n"
                    "class C(Scene):\n"
                    "    def construct(self):\n"
                    "        raise ValueError('weights must sum to 1')\n");
  ASSERT_FALSE(thrown.ok());
  EXPECT_EQ(firstLine(thrown.error().message()), "ValueError: weights must sum to 1");
  EXPECT_EQ(thrown.error().where()->line, 4);
}

TEST_F(PythonScenes, ARunawaySceneIsStoppedAtItsTimeLimit) {
  ScriptOptions options;
  options.timeLimit = std::chrono::milliseconds(300);
  const auto start = std::chrono::steady_clock::now();
  auto loop = run("loop.py",
                  "from manim import *\n"
                  "class L(Scene):\n"
                  "    def construct(self):\n"
                  "        n = 0\n"
                  "        while True:\n"
                  "            n += 1\n",
                  options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(loop.ok());
  EXPECT_EQ(loop.error().code(), ErrorCode::Timeout);
  EXPECT_NE(loop.error().message().find("0.3 s limit"), std::string::npos) << loop.error().message();
  EXPECT_GE(loop.error().where()->line, 5);
  EXPECT_LT(seconds, 3.0);
  // The interpreter is fine afterwards.
  EXPECT_TRUE(loadSceneFile(kData + "coverage.py").ok());
}

TEST_F(PythonScenes, ParamDeclaresAParameterTheCommandLineSets) {
  const std::string source =
      "from manim import *\n"
      "from attnplay import param\n"
      "class P(Scene):\n"
      "    def construct(self):\n"
      "        n = param('n', 3, label='Boxes', min=1, max=6)\n"
      "        boxes = VGroup(*[Square(side_length=0.5) for _ in range(n)]).arrange(RIGHT)\n"
      "        self.play(Create(boxes))\n";
  auto plain = run("param.py", source);
  ASSERT_TRUE(plain.ok()) << plain.error().format();
  ASSERT_EQ(plain->params.size(), 1u);
  EXPECT_EQ(plain->params[0].name, "n");
  EXPECT_EQ(plain->params[0].label, "Boxes");
  EXPECT_EQ(plain->params[0].max, 6);
  ScriptOptions options;
  options.overrides["n"] = "5";
  auto five = run("param.py", source, options);
  ASSERT_TRUE(five.ok()) << five.error().format();
  EXPECT_EQ(five->params[0].valueJson, "5");
  EXPECT_GT(five->graph.size(), plain->graph.size());
  options.overrides["n"] = "9";
  auto tooMany = run("param.py", source, options);
  ASSERT_FALSE(tooMany.ok());
  EXPECT_NE(tooMany.error().message().find("n=9"), std::string::npos) << tooMany.error().message();
}

TEST_F(PythonScenes, ConstructsLiteralsAreParametersOfTheirName) {
  const std::string seed = kData + "attention_scenes.py";
  const LoadedScene demo = load(seed, "SelfAttentionDemo");
  ASSERT_EQ(demo.params.size(), 3u);
  EXPECT_EQ(demo.params[0].name, "tokens");
  EXPECT_EQ(demo.params[0].kind, "tokens");
  EXPECT_EQ(demo.params[1].name, "source_idx");
  EXPECT_EQ(demo.params[1].kind, "integer");
  EXPECT_EQ(demo.params[2].name, "attention_weights");
  EXPECT_EQ(demo.params[2].kind, "weights");
  // Coloured as the scene colours them: interpolate_color(GRAY, RED, weight * 2), weight
  // drawn from zip(token_boxes, attention_weights).
  ASSERT_TRUE(demo.params[2].colors);
  EXPECT_EQ(demo.params[2].colors->first.toHex(), manim::namedColor("GRAY")->toHex());
  EXPECT_EQ(demo.params[2].colors->second.toHex(), manim::namedColor("RED")->toHex());
  EXPECT_DOUBLE_EQ(demo.params[2].colorScale, 2.0);
  const LoadedScene heatmap = load(seed, "AttentionHeatmap");
  ASSERT_EQ(heatmap.params.size(), 2u);
  EXPECT_EQ(heatmap.params[0].name, "tokens");
  EXPECT_EQ(heatmap.params[1].name, "cell_size");
  EXPECT_EQ(heatmap.params[1].kind, "number");

  // An edit gives the frames the JavaScript port gives for the same edit.
  ScriptOptions python, javascript;
  python.sceneName = "SelfAttentionDemo";
  python.overrides["attention_weights"] = "[0.1, 0.3, 0.1, 0.1, 0.4]";
  javascript.overrides["weights"] = "[0.1, 0.3, 0.1, 0.1, 0.4]";
  auto edited = loadSceneFile(seed, python);
  auto port = loadSceneFile(ATTNPLAY_SOURCE_DIR "/scenes/self_attention.js", javascript);
  ASSERT_TRUE(edited.ok() && port.ok());
  expectSameFrames(*edited, *port);

  // Only a name bound once, to what the panel edits: a number, text, a list of words or
  // numbers, a matrix (not a mixed list, not a boolean).
  auto mixed = run("literals.py",
                   "from manim import *\n"
                   "class S(Scene):\n"
                   "    def construct(self):\n"
                   "        side = 1\n"
                   "        side = 2\n"
                   "        count = 3\n"
                   "        for k in range(2):\n"
                   "            pass\n"
                   "        label = 'x'\n"
                   "        pair = (1, [2.5, 3])\n"
                   "        grid = [[0.5, 0.5], (0.2, 0.8)]\n"
                   "        flag = True\n"
                   "        total = count + 1\n");
  ASSERT_TRUE(mixed.ok()) << mixed.error().format();
  std::vector<std::string> names;
  for (const ParamDecl& p : mixed->params) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"count", "label", "grid"}));
  EXPECT_EQ(mixed->params[2].kind, "matrix");
  EXPECT_EQ(mixed->params[2].valueJson, "[[0.5,0.5],[0.2,0.8]]");
}

TEST_F(PythonScenes, RunsFromSeveralThreadsStayApart) {
  // The player runs scenes on a thread pool; two runs must never see each other's objects.
  const std::string seed = kData + "attention_scenes.py";
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < 5; ++k) {
        ScriptOptions options;
        options.sceneName = "SelfAttentionDemo";
        const std::string weights = "[0.1,0.3," + std::to_string(t) + ",0.15,0.05]";
        options.overrides["attention_weights"] = weights;
        auto scene = loadSceneFile(seed, options);
        if (scene && scene->params.size() == 3 && scene->params[2].valueJson == weights) ++good;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(good.load(), 20);
}

}  // namespace

TEST_F(PythonScenes, AMissingNameOutsideConstructStopsOnlyTheSceneThatDrawsWithIt) {
  // As in ManimCE's example_scenes/basic.py: a module-level set_default of a class attnplay
  // lacks, and a class attribute made of one, stop nothing until a scene draws with them.
  const std::string source =
      "from manim import *\n"
      "Triangle.set_default(stroke_width=20)\n"
      "class Plain(Scene):\n"
      "    marker = Annulus(color=RED)\n"
      "    def construct(self):\n"
      "        self.play(Create(Square()))\n"
      "class UsesIt(Scene):\n"
      "    def construct(self):\n"
      "        self.add(Plain.marker)\n";
  auto plain = run("late_missing.py", source, [] {
    ScriptOptions o;
    o.sceneName = "Plain";
    return o;
  }());
  ASSERT_TRUE(plain.ok()) << plain.error().format();
  EXPECT_DOUBLE_EQ(plain->timeline->duration(), 1.0);

  ScriptOptions uses;
  uses.sceneName = "UsesIt";
  auto drawn = run("late_missing.py", source, uses);
  ASSERT_FALSE(drawn.ok());
  EXPECT_EQ(firstLine(drawn.error().message()),
            "NotImplementedError: Annulus is not supported by attnplay (made at line 4)");
  ASSERT_TRUE(drawn.error().where());
  EXPECT_EQ(drawn.error().where()->line, 9);
  EXPECT_NE(drawn.error().hint().find("python-scenes.md"), std::string::npos);
}

TEST_F(PythonScenes, ASceneClassMayDeriveFromAMobjectAndSetDefaults) {
  auto scene = run("own_class.py",
                   "from manim import *\n"
                   "class Card(Rectangle):\n"
                   "    def __init__(self, label, **kwargs):\n"
                   "        super().__init__(width=3, height=1, **kwargs)\n"
                   "        self.label = label\n"
                   "class S(Scene):\n"
                   "    def construct(self):\n"
                   "        Square.set_default(side_length=0.5)\n"
                   "        card = Card('q', color=BLUE)\n"
                   "        assert isinstance(card, Rectangle) and card.label == 'q'\n"
                   "        assert abs(card.width - 3) < 1e-9 and card.shift(UP) is card\n"
                   "        assert abs(Square().width - 0.5) < 1e-9\n"
                   "        assert abs(Square(side_length=1).width - 1) < 1e-9\n"
                   "        self.add(card)\n");
  ASSERT_TRUE(scene.ok()) << scene.error().format();
}

TEST_F(PythonScenes, TheNamesAttnplayLacksAreListed) {
  auto missing = python::manimNamesMissing();
  ASSERT_TRUE(missing.ok()) << missing.error().format();
  EXPECT_GT(missing->size(), 100u);
  EXPECT_NE(std::find(missing->begin(), missing->end(), "Annulus"), missing->end());
  EXPECT_EQ(std::find(missing->begin(), missing->end(), "Square"), missing->end());
  // Wrapped at 100 columns, so a change of the list is a change of a few lines.
  std::string list, line;
  for (std::size_t i = 0; i < missing->size(); ++i) {
    const std::string item = "`" + (*missing)[i] + "`" + (i + 1 < missing->size() ? "," : ".");
    if (!line.empty() && line.size() + 1 + item.size() > 100) {
      list += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + item;
  }
  list += line;
  attnplay::testing::expectGeneratedBlock(ATTNPLAY_SOURCE_DIR "/docs/python-scenes.md", "missing", list);
}

TEST_F(PythonScenes, ShapesCameraAndConfigAsManimHasThem) {
  auto scene = run("shapes.py",
                   "from manim import *\n"
                   "class S(Scene):\n"
                   "    def construct(self):\n"
                   "        self.camera.background_color = '#ece6e2'\n"
                   "        t = Triangle()\n"
                   "        assert isinstance(t, RegularPolygon) and t.get_color() == BLUE\n"
                   "        assert np.allclose(t.get_top(), [0, 1, 0])\n"
                   "        assert abs(t.width - np.sqrt(3)) < 1e-9\n"
                   "        d = Dot([1, 2, 0])\n"
                   "        assert isinstance(d, Circle) and abs(d.width - 0.16) < 1e-9\n"
                   "        assert np.allclose(d.get_center(), [1, 2, 0]) and d.get_x() == 1\n"
                   "        d.set_y(-1)\n"
                   "        assert np.allclose(d.get_center(), [1, -1, 0])\n"
                   "        e = Ellipse(width=4, height=1)\n"
                   "        assert abs(e.width - 4) < 1e-9 and abs(e.height - 1) < 1e-9\n"
                   "        hexagon = RegularPolygon(6)\n"
                   "        assert np.allclose(hexagon.get_right(), [1, 0, 0])\n"
                   "        p = Polygon([0, 0, 0], [2, 0, 0], [2, 1, 0]).flip(UP)\n"
                   "        assert np.allclose(p.get_boundary_point(UL), [0, 1, 0]), p.get_boundary_point(UL)\n"
                   "        a = Arc(radius=2, angle=PI)\n"
                   "        assert np.allclose(a.get_top(), [0, 2, 0]) and np.allclose(a.get_left(), [-2, 1, 0])\n"
                   "        assert config['frame_width'] == config.frame_width == FRAME_WIDTH\n"
                   "        self.add(t)\n");
  ASSERT_TRUE(scene.ok()) << scene.error().format();
  const QImage frame = renderImage(scene->timeline->evaluate(0), QSize(160, 90));
  EXPECT_EQ(frame.pixelColor(2, 2), QColor(0xec, 0xe6, 0xe2));

  auto config = run("config.py",
                    "from manim import *\n"
                    "class S(Scene):\n"
                    "    def construct(self):\n"
                    "        config.frame_width = 20\n");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(firstLine(config.error().message()),
            "NotImplementedError: config.frame_width = … is not supported by attnplay");
  EXPECT_EQ(config.error().where()->line, 4);
}

TEST_F(PythonScenes, NumberPlaneAndLineEndsAsManimHasThem) {
  auto scene =
      run("plane.py",
          "from manim import *\n"
          "class S(Scene):\n"
          "    def construct(self):\n"
          "        plane = NumberPlane()\n"
          "        assert len(plane) == 4 and len(plane[1]) == 7 + 15\n"
          "        assert np.allclose(plane.c2p(2, 1), [2, 1, 0])\n"
          "        plane.shift(RIGHT).scale(2)\n"
          "        assert np.allclose(plane.coords_to_point(0, 0), [1, 0, 0])\n"
          "        assert np.allclose(plane.c2p(1, 1), [3, 2, 0])\n"
          "        wide = NumberPlane(x_range=[0, 10, 2], y_range=[-2, 2])\n"
          "        assert len(wide[1]) == 5 + 3 and np.allclose(wide.c2p(5, 0), [0, 0, 0])\n"
          "        arrow = Arrow(ORIGIN, [2, 2, 0], buff=0)\n"
          "        assert np.allclose(arrow.get_end(), [2, 2, 0]) and np.allclose(arrow.get_start(), [0, 0, 0])\n"
          "        line = Line(LEFT, UP)\n"
          "        assert abs(line.get_length() - np.sqrt(2)) < 1e-9\n"
          "        assert abs(line.get_angle() - PI / 4) < 1e-9\n"
          "        assert np.allclose(line.get_unit_vector(), [np.sqrt(.5), np.sqrt(.5), 0])\n"
          "        self.add(plane, arrow)\n");
  ASSERT_TRUE(scene.ok()) << scene.error().format();
  auto group = run("ends.py",
                   "from manim import *\n"
                   "class S(Scene):\n"
                   "    def construct(self):\n"
                   "        VGroup().get_end()\n");
  ASSERT_FALSE(group.ok());
  EXPECT_NE(group.error().message().find("get_end(): a VGroup has no points of its own"), std::string::npos)
      << group.error().message();
}

TEST_F(PythonScenes, TransformFromCopyLeavesTheSourceAndAVectorStartsAtTheOrigin) {
  auto scene = run("from_copy.py",
                   "from manim import *\n"
                   "class T(Scene):\n"
                   "    def construct(self):\n"
                   "        a = Square().shift(LEFT * 2)\n"
                   "        b = Circle().shift(RIGHT * 2)\n"
                   "        v = Vector([1, 2, 0])\n"
                   "        assert np.allclose(v.get_start(), ORIGIN) and np.allclose(v.get_end(), [1, 2, 0])\n"
                   "        self.add(a)\n"
                   "        self.play(TransformFromCopy(a, b))\n");
  ASSERT_TRUE(scene.ok()) << scene.error().format();
  // The end: the square where it was, the circle made from its copy. 1 scene unit = 1080/8 px.
  const QImage end = renderImage(scene->timeline->evaluate(1.0), QSize(1920, 1080));
  const auto lit = [&](double x, double y) {
    return end.pixelColor(static_cast<int>(960 + x * 135), static_cast<int>(540 - y * 135)).value() > 64;
  };
  EXPECT_TRUE(lit(-3, 0)) << "the square's left side";
  EXPECT_TRUE(lit(3, 0)) << "the circle's right side";
  EXPECT_FALSE(lit(2, 0)) << "the circle's middle";
}

TEST_F(PythonScenes, MoveToTargetAndRestoreAsManimHasThem) {
  auto scene = run("target.py",
                   "from manim import *\n"
                   "class T(Scene):\n"
                   "    def construct(self):\n"
                   "        sq = Square()\n"
                   "        assert sq.target is None\n"
                   "        sq.save_state()\n"
                   "        sq.generate_target()\n"
                   "        sq.target.shift(2 * RIGHT).set_fill(RED, opacity=1)\n"
                   "        self.play(MoveToTarget(sq))\n"
                   "        assert np.allclose(sq.get_center(), [2, 0, 0]) and sq.get_fill_opacity() == 1\n"
                   "        self.play(Restore(sq))\n"
                   "        assert np.allclose(sq.get_center(), [0, 0, 0]) and sq.get_fill_opacity() == 0\n");
  ASSERT_TRUE(scene.ok()) << scene.error().format();
  EXPECT_DOUBLE_EQ(scene->timeline->duration(), 2.0);
  auto none = run("no_target.py",
                  "from manim import *\n"
                  "class T(Scene):\n"
                  "    def construct(self):\n"
                  "        self.play(MoveToTarget(Square()))\n");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().message().find("MoveToTarget(): this Square has no target yet"), std::string::npos)
      << none.error().message();
  EXPECT_NE(none.error().hint().find("generate_target()"), std::string::npos);
  EXPECT_EQ(none.error().where()->line, 4);
}

TEST_F(PythonScenes, UpdatersRunAtEveryFrameOfAPlayAsInManim) {
  auto scene = run("updaters.py",
                   "from manim import *\n"
                   "class T(Scene):\n"
                   "    def construct(self):\n"
                   "        x = ValueTracker(0)\n"
                   "        dot = Dot()\n"
                   "        dot.add_updater(lambda d: d.set_x(x.get_value()))\n"
                   "        line = always_redraw(lambda: Line(ORIGIN, dot.get_center()))\n"
                   "        spin = Line(ORIGIN, RIGHT)\n"
                   "        def turn(m, dt):\n"
                   "            m.rotate_about_origin(dt)\n"
                   "        spin.add_updater(turn)\n"
                   "        assert spin.has_time_based_updater() and not dot.has_time_based_updater()\n"
                   "        self.add(dot, line, spin)\n"
                   "        self.play(x.animate.set_value(4), rate_func=linear, run_time=2)\n"
                   "        assert np.isclose(x.get_value(), 4) and np.isclose(dot.get_x(), 4)\n"
                   "        spin.remove_updater(turn)\n"
                   "        self.wait(1)\n");
  ASSERT_TRUE(scene.ok()) << scene.error().format();
  const Timeline& t = *scene->timeline;
  ASSERT_EQ(t.segments().size(), 2u);
  // The play steps at 60 fps: at t = 1 the tracker is half way, and the dot and line with it.
  EXPECT_EQ(t.segments()[0].frames.size(), 121u);
  const FrameState mid = t.evaluate(1.0);
  ASSERT_EQ(mid.items.size(), 4u) << "the dot, the line, the spinning line and the (invisible) tracker";
  EXPECT_NEAR(mid.items[0].path->bounds().center().x(), 2.0, 1e-9) << "the dot follows the tracker";
  EXPECT_NEAR(mid.items[1].path->bounds().max.x(), 2.0, 1e-9) << "the line is redrawn to the dot";
  // The dt updater turned the line by the frames' time so far (Manim's dt: 1/60 a frame).
  const Bounds spin = mid.items[2].path->bounds();
  EXPECT_NEAR(std::atan2(spin.max.y(), spin.max.x()), 1.0, 1e-9);
  // Any time, in any order, gives the same frame.
  EXPECT_EQ(t.evaluate(0.5), t.evaluate(0.5));
  const FrameState late = t.evaluate(1.7);
  EXPECT_EQ(t.evaluate(0.3), t.evaluate(0.3));
  EXPECT_EQ(late, t.evaluate(1.7));
  // Without a dt updater the wait is a frozen frame, as Manim's is.
  EXPECT_TRUE(t.segments()[1].frames.empty());
}

TEST_F(PythonScenes, AnUpdatersErrorIsToldAtItsOwnLine) {
  auto scene = run("updater_error.py",
                   "from manim import *\n"
                   "class T(Scene):\n"
                   "    def construct(self):\n"
                   "        dot = Dot()\n"
                   "        def follow(d):\n"
                   "            d.next_to(None, RIGHT, buff='far')\n"
                   "        dot.add_updater(follow)\n"
                   "        self.add(dot)\n"
                   "        self.play(dot.animate.shift(UP))\n"
                   "        self.play(Create(Square()))\n");
  ASSERT_FALSE(scene.ok());
  EXPECT_NE(scene.error().message().find("next_to()"), std::string::npos) << scene.error().message();
  EXPECT_EQ(scene.error().where()->line, 6);
  auto nested = run("updater_play.py",
                    "from manim import *\n"
                    "class T(Scene):\n"
                    "    def construct(self):\n"
                    "        dot = Dot()\n"
                    "        dot.add_updater(lambda d: self.wait())\n"
                    "        self.add(dot)\n"
                    "        self.play(Create(Square()))\n");
  ASSERT_FALSE(nested.ok());
  EXPECT_NE(nested.error().message().find("wait() cannot be called from an updater"), std::string::npos)
      << nested.error().message();
  EXPECT_EQ(nested.error().where()->line, 5);
}

TEST_F(PythonScenes, PointFromProportionGoesByLengthAsInManim) {
  auto scene = run("proportion.py",
                   "from manim import *\n"
                   "class T(Scene):\n"
                   "    def construct(self):\n"
                   "        assert np.allclose(Line(LEFT, RIGHT).point_from_proportion(0.25), [-0.5, 0, 0])\n"
                   "        c = Circle(radius=2)\n"
                   "        assert np.allclose(c.point_from_proportion(0.125), [2 ** 0.5, 2 ** 0.5, 0])\n"
                   "        assert np.allclose(c.point_from_proportion(1), [2, 0, 0], atol=1e-12)\n"
                   "        c.point_from_proportion(1.5)\n");
  ASSERT_FALSE(scene.ok());
  EXPECT_NE(scene.error().message().find("point_from_proportion(): alpha 1.5 is not between 0 and 1"),
            std::string::npos)
      << scene.error().message();
  EXPECT_EQ(scene.error().where()->line, 8);
}

TEST_F(PythonScenes, AxesNumbersAndGraphsAnswerAsInManim) {
  // The figures are ManimCE 0.17.3's for the same calls.
  auto scene = run("graphs.py",
                   "from manim import *\n"
                   "class T(Scene):\n"
                   "    def construct(self):\n"
                   "        ax = Axes(x_range=[0, 5], y_range=[0, 6])\n"
                   "        assert np.allclose(ax.c2p(2, 3), [-1.2, 0, 0]), ax.c2p(2, 3)\n"
                   "        assert np.allclose(ax.p2c([-1.2, 0, 0]), [2, 3])\n"
                   "        assert list(ax.x_range) == [0, 5, 1] and isinstance(ax.x_axis, NumberLine)\n"
                   "        g = ax.plot(lambda x: x ** 2 / 5, color=BLUE)\n"
                   "        assert np.allclose(ax.i2gp(2, g), ax.c2p(2, 0.8))\n"
                   "        v = ax.get_vertical_line(ax.i2gp(2, g), line_func=Line)\n"
                   "        assert np.allclose(v.get_start(), ax.c2p(2, 0))\n"
                   "        assert len(ax.get_vertical_line(ax.i2gp(2, g))) > 1  # DashedLine's dashes\n"
                   "        d = DecimalNumber(2.5, num_decimal_places=1)\n"
                   "        assert len(d) == 3 and d.get_value() == 2.5\n"
                   "        left = d.get_left()\n"
                   "        d.set_value(-12.25)\n"
                   "        assert len(d) == 5 and np.allclose(d.get_left(), left)  # -12.2, as Python rounds 12.25\n"
                   "        assert Integer(2.6).get_value() == 3\n"
                   "        dot = Dot().set_z_index(1)\n"
                   "        self.add(dot, Square(color=BLUE, fill_opacity=1))\n");
  ASSERT_TRUE(scene.ok()) << scene.error().message();
  // The dot, added first, is painted over the square: its z index is higher.
  const FrameState f = scene->timeline->evaluate(0);
  ASSERT_GE(f.items.size(), 2u);
  EXPECT_EQ(f.items.back().style.fillColor, manim::WHITE);
  EXPECT_LT(f.items.back().path->bounds().width(), 0.2);
}

TEST_F(PythonScenes, TexSetsWhatIsBetweenDollarsAsMath) {
  auto scene = run("tex.py",
                   "from manim import *\n"
                   "class T(Scene):\n"
                   "    def construct(self):\n"
                   "        self.add(Tex(r\"T[$^\\circ C$]\"), Tex(r\"$\\Delta Q$\"))\n");
  ASSERT_TRUE(scene.ok()) << scene.error().message();
  // "T", "[", the degree sign, "C", "]" and Δ, Q: seven glyphs, no dollar signs or backslashes.
  EXPECT_EQ(scene->timeline->evaluate(0).items.size(), 7u);
  // \\ breaks Tex's paragraph: two centred lines, not a backslash.
  auto lines =
      run("lines.py",
          "from manim import *\n"
          "class T(Scene):\n"
          "    def construct(self):\n"
          "        one, two = Tex(r\"ab cd\"), Tex(r\"ab \\\\ cd\")\n"
          "        assert len(two.submobjects[0]) == 4, len(two.submobjects[0])\n"
          "        assert two.height > 2 * one.height and two.width < 0.6 * one.width, (two.height, two.width)\n"
          "        self.add(two)\n");
  ASSERT_TRUE(lines.ok()) << lines.error().message();
}

TEST_F(PythonScenes, AMovingCameraScenesFrameIsWhatEachFrameShows) {
  auto scene = run("camera.py",
                   "from manim import *\n"
                   "class T(MovingCameraScene):\n"
                   "    def construct(self):\n"
                   "        assert abs(self.camera.frame_width - config.frame_width) < 1e-9\n"
                   "        self.add(Square())\n"
                   "        self.camera.frame_width = 7\n"
                   "        self.camera.frame_center = RIGHT\n"
                   "        self.play(self.camera.frame.animate.scale_to_fit_height(2))\n");
  ASSERT_TRUE(scene.ok()) << scene.error().message();
  const View start = scene->timeline->evaluate(0).view;
  EXPECT_NEAR(start.width, 7, 1e-9);  // stretched across only, as Manim's setter does
  EXPECT_NEAR(start.height, 8, 1e-9);
  EXPECT_NEAR(start.center.x(), 1, 1e-9);
  EXPECT_NEAR(scene->timeline->evaluate(1).view.height, 2, 1e-9);
  // The segment table names the chain as the scene spelled it.
  EXPECT_EQ(scene->timeline->segments()[0].animations[0].text(), ".animate.scale_to_fit_height(ScreenRectangle)");
  // A plain Scene's camera has no frame, as in Manim.
  auto plain = run("plain.py",
                   "from manim import *\n"
                   "class T(Scene):\n"
                   "    def construct(self):\n"
                   "        self.camera.frame.shift(UP)\n");
  ASSERT_FALSE(plain.ok());
  EXPECT_NE(plain.error().message().find("camera.frame is not supported"), std::string::npos)
      << plain.error().message();
}

TEST_F(PythonScenes, ACopyKeepsTheUpdatersOfWhatItCopies) {
  // Manim's copy is a deepcopy: the copy's updaters run once it is on stage (through wait(1) at
  // 60 fps, Manim's time progression: 59 steps of 1/60 s).
  auto scene =
      run("copy.py",
          "from manim import *\n"
          "class T(Scene):\n"
          "    def construct(self):\n"
          "        a = Dot().add_updater(lambda m, dt: m.shift(RIGHT * dt))\n"
          "        b = a.copy().shift(UP)\n"
          "        self.add(b)\n"
          "        self.wait(1)\n"
          "        assert abs(b.get_x() - 59 / 60) < 1e-9 and abs(a.get_x()) < 1e-12, (b.get_x(), a.get_x())\n");
  ASSERT_TRUE(scene.ok()) << scene.error().message();
}
