// SPDX-License-Identifier: MIT
// libFuzzer target for the scene API: the bytes choose a sequence of calls (constructors,
// layout, style, animations, play and wait) with their arguments, each in its own try/catch so
// a rejected call does not end the scene; the timeline is then evaluated and rendered. Every
// run must end in a scene or an Error — never a crash, a hang or a non-finite coordinate.
#include <QCoreApplication>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "attnplay/render/renderer.hpp"
#include "attnplay/script/scene_script.hpp"

namespace {

/// Reads the fuzzer's bytes as choices; past the end every choice is 0.
class Choices {
 public:
  Choices(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool more() const { return at_ < size_; }
  unsigned pick(unsigned n) { return at_ < size_ ? data_[at_++] % n : 0; }
  std::string mobject() { return "m[" + std::to_string(pick(8)) + "]"; }
  std::string number() {
    static const char* const kNumbers[] = {"0",    "1",     "-1",  "0.5",      "2",  "3.7", "-0.25", "100",
                                           "1e-9", "1e300", "NaN", "Infinity", "-0", "1e6", "7",     "0.001"};
    return kNumbers[pick(16)];
  }
  std::string vector() {
    static const char* const kVectors[] = {"UP", "DOWN", "LEFT", "RIGHT", "UL", "DR", "ORIGIN"};
    return pick(3) == 0 ? "[" + number() + ", " + number() + "]" : std::string(kVectors[pick(7)]);
  }
  std::string text() {
    static const char* const kTexts[] = {"\"cat\"", "\"Q K V\"", "\"\"", "\"\\u732b\"", "\"a\\nb\""};
    return kTexts[pick(5)];
  }
  std::string tex() {
    static const char* const kTex[] = {"\"x^2\"", "\"\\\\frac{QK^T}{\\\\sqrt{d_k}}\"", "\"\\\\sqrt{\"", "\"s_{21}\"",
                                       "\"\\\\left( x \\\\right)\""};
    return kTex[pick(5)];
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

std::string statement(Choices& c) {
  const std::string a = c.mobject(), b = c.mobject();
  switch (c.pick(26)) {
    case 0:
      return a + " = Square({ sideLength: " + c.number() + ", fillOpacity: 0.5 });";
    case 1:
      return a + " = Circle({ radius: " + c.number() + " });";
    case 2:
      return a + " = Rectangle({ width: " + c.number() + ", height: " + c.number() + " });";
    case 3:
      return a + " = Text(" + c.text() + ", { fontSize: " + c.number() + " });";
    case 4:
      return a + " = MathTex(" + c.tex() + ");";
    case 5:
      return a + " = Arrow(" + b + ", " + c.mobject() + ", { buff: " + c.number() + " });";
    case 6:
      return a + " = VGroup(" + b + ", " + c.mobject() + ");";
    case 7:
      return a + " = Line(" + c.vector() + ", " + b + ");";
    case 8:
      return a + " = Matrix([[" + c.tex() + ", \"1\"], [\"2\", \"3\"]]);";
    case 9:
      return a + ".shift(" + c.vector() + ");";
    case 10:
      return a + ".scale(" + c.number() + ");";
    case 11:
      return a + ".nextTo(" + b + ", " + c.vector() + ", { buff: " + c.number() + " });";
    case 12:
      return a + ".arrange(" + c.vector() + ");";
    case 13:
      return a + ".setFill(RED, { opacity: " + c.number() + " });";
    case 14:
      return a + " = " + b + ".copy();";
    case 15:
      return a + " = " + b + ".at(" + c.number() + ");";
    case 16:
      return a + ".add(" + b + ");";
    case 17:
      return "add(" + a + ");";
    case 18:
      return "remove(" + a + ");";
    case 19:
      return "play(Create(" + a + "), { runTime: " + c.number() + " });";
    case 20:
      return "play(Write(" + a + "), FadeOut(" + b + "));";
    case 21:
      return "play(Transform(" + a + ", " + b + "));";
    case 22:
      return "play(LaggedStart(GrowArrow(" + a + "), Indicate(" + b + "), { lagRatio: " + c.number() + " }));";
    case 23:
      return "play(" + a + ".animate.shift(" + c.vector() + ").setColor(BLUE));";
    case 24:
      return "wait(" + c.number() + ");";
    default:
      return "play(Succession(Circumscribe(" + a + "), Flash(" + c.vector() + "), Wiggle(" + b + ")));";
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  static QCoreApplication app(*argc, *argv);  // QJSEngine wants one
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 512) return 0;
  Choices choices(data, size);
  std::string source = "const m = [Square(), Circle(), Square(), Circle(), Square(), Circle(), Square(), Circle()];\n";
  for (int n = 0; choices.more() && n < 64; ++n) source += "try { " + statement(choices) + " } catch (e) {}\n";
  attnplay::ScriptOptions options;
  options.timeLimit = std::chrono::milliseconds(2000);
  options.maxObjects = 5000;
  const auto scene = attnplay::loadSceneSource(source, "fuzz.js", options);
  if (!scene) {
    if (scene.error().message().empty()) std::abort();
    return 0;
  }
  const attnplay::Timeline& t = *scene->timeline;
  for (const double at : {0.0, t.duration() * 0.37, t.duration(), t.duration() + 1}) {
    const attnplay::FrameState frame = t.evaluate(at);
    for (const auto& item : frame.items) {
      if (!item.path->allFinite()) std::abort();
    }
    (void)attnplay::renderImage(frame, QSize(64, 36));
  }
  return 0;
}
