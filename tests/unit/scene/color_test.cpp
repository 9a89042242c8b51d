// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include "attnplay/scene/color.hpp"

using namespace attnplay;

TEST(Color, ParsesHex) {
  const auto c = Color::fromHex("#58C4DD");
  ASSERT_TRUE(c);
  EXPECT_DOUBLE_EQ(c->r, 88 / 255.0);
  EXPECT_DOUBLE_EQ(c->g, 196 / 255.0);
  EXPECT_DOUBLE_EQ(c->b, 221 / 255.0);
  EXPECT_EQ(Color::fromHex("#fff")->toHex(), "#ffffff");
  EXPECT_FALSE(Color::fromHex("58C4DD"));
  EXPECT_FALSE(Color::fromHex("#58C4DG"));
  EXPECT_FALSE(Color::fromHex("#58C4D"));
}

TEST(Color, PaletteHasManimValues) {
  EXPECT_EQ(manim::namedColor("BLUE")->toHex(), "#58c4dd");
  EXPECT_EQ(manim::namedColor("BLUE_E")->toHex(), "#236b8e");
  EXPECT_EQ(manim::namedColor("RED")->toHex(), "#fc6255");
  EXPECT_EQ(manim::namedColor("GREEN")->toHex(), "#83c167");
  EXPECT_EQ(manim::namedColor("PURPLE")->toHex(), "#9a72ac");
  EXPECT_EQ(manim::namedColor("YELLOW")->toHex(), "#ffff00");  // v0.17.3; v0.20 changed it
  EXPECT_EQ(manim::namedColor("GRAY")->toHex(), "#888888");
  EXPECT_EQ(manim::namedColor("grey_b")->toHex(), "#bbbbbb");
  EXPECT_FALSE(manim::namedColor("CHARTREUSE"));
}

TEST(Color, InterpolatesLinearlyInSrgb) {
  // The seed's arrow for "The": interpolate_color(GRAY, RED, 0.2) is #9f807e (MANIM-NOTES.md).
  const Color c = interpolateColor(*manim::namedColor("GRAY"), *manim::namedColor("RED"), 0.2);
  EXPECT_EQ(c.toHex(), "#9f807e");
  EXPECT_NEAR(c.r * 255, 136 + 0.2 * (252 - 136), 1e-9);  // kept as a float, not rounded
  EXPECT_EQ(interpolateColor(manim::BLACK, manim::WHITE, 0).toHex(), "#000000");
  EXPECT_EQ(interpolateColor(manim::BLACK, manim::WHITE, 1).toHex(), "#ffffff");
}
