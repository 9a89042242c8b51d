// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include "attnplay/render/renderer.hpp"
#include "attnplay/script/scene_script.hpp"
#include "golden/image_compare.hpp"

using namespace attnplay;
using attnplay::testing::checkGolden;
using attnplay::testing::compareImages;

namespace {

const QString kGoldenDir = QStringLiteral(ATTNPLAY_SOURCE_DIR) + QStringLiteral("/tests/golden");
const QSize kGoldenSize(480, 270);

std::vector<std::string> goldenScenes() {
  std::vector<std::string> names;
  for (const QString& f : QDir(kGoldenDir + "/scenes").entryList({QStringLiteral("*.js")}, QDir::Files, QDir::Name)) {
    names.push_back(f.chopped(3).toStdString());
  }
  return names;
}

}  // namespace

class GoldenScene : public ::testing::TestWithParam<std::string> {};

/// A scene's directives, in its leading comment lines: `// size: 960x540` for another size,
/// `// times: 1 2.5` for frames mid-animation (one golden each) instead of the final state.
struct Directives {
  QSize size = kGoldenSize;
  std::vector<double> times;
};

Directives directivesOf(const QString& path) {
  Directives d;
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return d;
  static const QRegularExpression size(QStringLiteral("^// size: (\\d+)x(\\d+)"));
  static const QRegularExpression times(QStringLiteral("^// times: ([0-9. ]+)"));
  while (!file.atEnd()) {
    const QString line = QString::fromUtf8(file.readLine());
    if (!line.startsWith(QLatin1String("//"))) break;
    if (const auto m = size.match(line); m.hasMatch()) d.size = QSize(m.captured(1).toInt(), m.captured(2).toInt());
    if (const auto m = times.match(line); m.hasMatch()) {
      for (const QString& t : m.captured(1).split(QLatin1Char(' '), Qt::SkipEmptyParts))
        d.times.push_back(t.toDouble());
    }
  }
  return d;
}

TEST_P(GoldenScene, MatchesGoldenFrame) {
  const QString name = QString::fromStdString(GetParam());
  const QString path = kGoldenDir + "/scenes/" + name + ".js";
  const auto scene = loadSceneFile(path.toStdString());
  ASSERT_TRUE(scene.ok()) << scene.error().format();
  const Directives d = directivesOf(path);
  if (d.times.empty()) {
    const QImage image = renderImage(scene->timeline->evaluate(scene->timeline->duration() + 1), d.size);
    const QString problem = checkGolden(image, kGoldenDir + "/expected/" + name + ".png", name);
    EXPECT_TRUE(problem.isEmpty()) << problem.toStdString();
  }
  for (double t : d.times) {
    const QString frameName = name + QStringLiteral("_t") + QString::number(t, 'f', 2);
    const QImage image = renderImage(scene->timeline->evaluate(t), d.size);
    const QString problem = checkGolden(image, kGoldenDir + "/expected/" + frameName + ".png", frameName);
    EXPECT_TRUE(problem.isEmpty()) << problem.toStdString();
  }
}

INSTANTIATE_TEST_SUITE_P(Scenes, GoldenScene, ::testing::ValuesIn(goldenScenes()),
                         [](const auto& info) { return info.param; });

/// The seed's four scenes from scenes/: a frame at the end of every play() and wait(), small,
/// and the final frame at 1920×1080.
class SeedScene : public ::testing::TestWithParam<std::string> {};

TEST_P(SeedScene, MatchesGoldenFrames) {
  const QString name = QString::fromStdString(GetParam());
  const auto scene = loadSceneFile((QStringLiteral(ATTNPLAY_SOURCE_DIR) + "/scenes/" + name + ".js").toStdString());
  ASSERT_TRUE(scene.ok()) << scene.error().format();
  const Timeline& timeline = *scene->timeline;
  ASSERT_FALSE(timeline.segments().empty());
  FrameRenderer renderer;
  for (const Segment& segment : timeline.segments()) {
    const QString frameName = QStringLiteral("seed_%1_t%2").arg(name).arg(segment.end, 0, 'f', 2);
    const QImage image = renderer.render(timeline.evaluate(segment.end), kGoldenSize);
    const QString problem = checkGolden(image, kGoldenDir + "/expected/" + frameName + ".png", frameName);
    EXPECT_TRUE(problem.isEmpty()) << problem.toStdString();
  }
  const QString bigName = QStringLiteral("seed_%1_1080p").arg(name);
  const QImage big = renderer.render(timeline.evaluate(timeline.duration()), QSize(1920, 1080));
  const QString problem = checkGolden(big, kGoldenDir + "/expected/" + bigName + ".png", bigName);
  EXPECT_TRUE(problem.isEmpty()) << problem.toStdString();
}

INSTANTIATE_TEST_SUITE_P(Seed, SeedScene, ::testing::Values("self_attention", "qkv", "score_matrix", "heatmap"),
                         [](const auto& info) { return info.param; });

TEST(GoldenHarness, DetectsAVisibleChange) {
  QImage a(64, 64, QImage::Format_ARGB32);
  a.fill(Qt::black);
  QImage b = a;
  EXPECT_TRUE(compareImages(a, b).passes());
  b.setPixelColor(3, 3, QColor(1, 1, 1));  // within tolerance
  EXPECT_TRUE(compareImages(a, b).passes());
  for (int x = 0; x < 10; ++x) b.setPixelColor(x, 10, QColor(40, 0, 0));
  const auto c = compareImages(a, b);
  EXPECT_FALSE(c.passes());
  EXPECT_EQ(c.mismatched, 10);
  EXPECT_EQ(c.maxDelta, 40);
  EXPECT_FALSE(compareImages(a, a.scaled(32, 32)).passes());
}

TEST(GoldenHarness, FailsOnAFewPixelsBeyondTheCap) {
  // 3 of 4096 pixels (0.07 %, under the fraction) off by 40: a corner drawn another way.
  QImage a(64, 64, QImage::Format_ARGB32);
  a.fill(Qt::black);
  QImage b = a;
  for (int x = 0; x < 3; ++x) b.setPixelColor(x, 0, QColor(40, 40, 40));
  const auto c = compareImages(a, b);
  EXPECT_LE(c.fraction, attnplay::testing::kMaxMismatchFraction);
  EXPECT_FALSE(c.passes());
  // The same pixels just within the cap pass.
  for (int x = 0; x < 3; ++x) b.setPixelColor(x, 0, QColor(8, 8, 8));
  EXPECT_TRUE(compareImages(a, b).passes());
}
