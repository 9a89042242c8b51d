// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "attnplay/base/error.hpp"
#include "attnplay/scene/scene_graph.hpp"

namespace attnplay {

/// Manim's DEFAULT_FONT_SIZE.
inline constexpr double kDefaultFontSize = 48.0;

/// Manim's Text options. Text with no font renders in DejaVu Serif, as Pango's default serif
/// family does under Manim.
struct TextOptions {
  double fontSize = kDefaultFontSize;
  std::string font = "DejaVu Serif";
  bool bold = false;
  bool italic = false;
  Color color = manim::WHITE;
  /// Baseline-to-baseline distance as a multiple of the font's line height; 1 is the font's own.
  double lineSpacing = 1.0;
};

/// Scene units per em of a Text at a font size (Manim: Pango at font_size / 4.8 pt, 96 dpi,
/// scaled by 0.05 — see docs/fidelity notes in the source).
double textEmSize(double fontSize);
/// Pango's pixels per em for a Manim font size; Pango rounds advances to whole pixels.
double pangoPixelsPerEm(double fontSize);

/// A Text mobject: a group with one filled glyph path per visible character, in reading order,
/// centred on the origin as Manim centres its SVG. Characters no shipped font has become a
/// visible box; each is reported once in `warnings`.
/// The glyph outlines of a text in scene units, in reading order, before centring; characters
/// no font has come with a warning each.
struct TextGlyphs {
  std::vector<Path> paths;
  std::vector<std::string> warnings;
};

/// Shapes and outlines a text; results are cached by string and options, so re-running a scene
/// shapes nothing twice.
Result<std::shared_ptr<const TextGlyphs>> shapeAndOutline(const std::string& text, const TextOptions& options);

/// Builds on shapeAndOutline.
Result<MobjectId> makeText(SceneGraph& graph, const std::string& text, const TextOptions& options,
                           std::vector<std::string>* warnings = nullptr);
/// Empties the text cache (for measuring cold starts, or to give memory back).
void clearTextCache();

}  // namespace attnplay
