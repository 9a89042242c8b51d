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

TEST(GoldenHarness, HasAtLeastThreeScenes) { EXPECT_GE(goldenScenes().size(), 3u); }

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
