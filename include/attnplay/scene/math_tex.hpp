// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "attnplay/base/error.hpp"
#include "attnplay/math/typeset.hpp"
#include "attnplay/scene/scene_graph.hpp"
#include "attnplay/scene/text.hpp"

namespace attnplay {

/// Scene units per em (10 TeX points) of MathTex at a font size. Manim reads the SVG dvisvgm
/// writes, whose units are PostScript points (TeX's 72.27 points per inch become 72), and scales
/// them by font_size / 960 (SCALE_FACTOR_PER_FONT_POINT): font size 48 gives 0.498132 units per em.
double mathEmSize(double fontSize);

struct MathTexOptions {
  double fontSize = kDefaultFontSize;
  Color color = manim::WHITE;
  math::Lines lines = math::Lines::Align;  ///< Tex sets its lines as a paragraph
};

/// Manim's MathTex: the strings joined and typeset as one display formula, centred on the
/// origin. Its submobjects are one group per string, each holding that string's glyph and rule
/// pieces in reading order, as Manim splits a MathTex by its arguments.
Result<MobjectId> makeMathTex(SceneGraph& graph, const std::vector<std::string>& parts, const MathTexOptions& options);

/// Manim's Matrix options and defaults (mobject/matrix.py).
struct MatrixOptions {
  double vBuff = 0.8;
  double hBuff = 1.3;
  double bracketHBuff = manim::MED_SMALL_BUFF;
  double bracketVBuff = manim::MED_SMALL_BUFF;
  Vec2 elementAlignment = manim::DR;
  std::string leftBracket = "[";
  std::string rightBracket = "]";
  MathTexOptions entry;
};

/// Manim's Matrix: entries as MathTex with their `elementAlignment` corner at (j·hBuff, −i·vBuff),
/// brackets typeset as `\left[ \begin{array}{c}\quad\\…\end{array}\right.` and stretched to the
/// entries' height plus 2·bracketVBuff, the whole centred. Submobjects: the entries' group, then
/// the left and right brackets.
Result<MobjectId> makeMatrix(SceneGraph& graph, const std::vector<std::vector<std::string>>& rows,
                             const MatrixOptions& options);

}  // namespace attnplay
