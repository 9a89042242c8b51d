// SPDX-License-Identifier: MIT
#include "attnplay/scene/math_tex.hpp"

#include "attnplay/math/typeset.hpp"
#include "attnplay/scene/shapes.hpp"

namespace attnplay {

namespace {

Mobject piece(Path path, const MathTexOptions& options) {
  Mobject m;
  m.kind = "MathPiece";
  m.path = std::move(path);
  m.style.fillColor = m.style.strokeColor = options.color;
  m.style.fillOpacity = 1.0;
  m.style.strokeWidth = 0.0;
  return m;
}

Mobject group(const char* kind, const MathTexOptions& options) {
  Mobject g = makeGroup();
  g.kind = kind;
  g.style.fillColor = g.style.strokeColor = options.color;
  g.style.fillOpacity = 1.0;
  g.style.strokeWidth = 0.0;
  return g;
}

}  // namespace

double mathEmSize(double fontSize) {
  constexpr double kBigPointsPerEm = 10.0 * 72.0 / 72.27;
  return kBigPointsPerEm * fontSize / 960.0;
}

Result<MobjectId> makeMathTex(SceneGraph& graph, const std::vector<std::string>& parts, const MathTexOptions& options) {
  std::string joined;
  std::vector<std::size_t> counts;
  for (const std::string& part : parts) {
    joined += (joined.empty() ? "" : " ") + part;
    if (parts.size() > 1) {
      auto alone = math::typeset(part, options.lines);
      if (!alone) return alone.error();
      counts.push_back(alone->pieces.size());
    }
  }
  auto formula = math::typeset(joined, options.lines);
  if (!formula) return formula.error();
  if (parts.size() == 1) counts.push_back(formula->pieces.size());

  const double em = mathEmSize(options.fontSize);
  const MobjectId root = graph.create(group("MathTex", options));
  std::size_t next = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const MobjectId part = graph.create(group("MathTexPart", options));
    graph.addChild(root, part);
    // The last part takes whatever is left, should spacing differ when typeset alone.
    const std::size_t end =
        i + 1 == counts.size() ? formula->pieces.size() : std::min(next + counts[i], formula->pieces.size());
    for (; next < end; ++next) {
      Path p = formula->pieces[next];
      Affine2 m = Affine2::Identity();
      m.scale(em);
      p.transform(m);
      graph.addChild(part, graph.create(piece(std::move(p), options)));
    }
  }
  graph.shift(root, -graph.center(root));
  return root;
}

Result<MobjectId> makeMatrix(SceneGraph& graph, const std::vector<std::vector<std::string>>& rows,
                             const MatrixOptions& options) {
  Mobject matrixNode = group("Matrix", options.entry);
  const MobjectId matrix = graph.create(std::move(matrixNode));
  const MobjectId entries = graph.create(group("VGroup", options.entry));
  graph.addChild(matrix, entries);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t j = 0; j < rows[i].size(); ++j) {
      auto entry = makeMathTex(graph, {rows[i][j]}, options.entry);
      if (!entry) return entry.error();
      graph.moveTo(*entry, Vec2(j * options.hBuff, -(i * options.vBuff)), options.elementAlignment);
      graph.addChild(entries, *entry);
    }
  }
  // Manim's bracket: an empty array of n rows between \left and a null \right, n from the height.
  constexpr double kBracketRowHeight = 0.5977;
  const int n = static_cast<int>(graph.height(matrix) / kBracketRowHeight) + 1;
  std::string array = "\\begin{array}{c}";
  for (int k = 0; k < n; ++k) array += "\\quad \\\\";
  array += "\\end{array}";
  auto left = makeMathTex(graph, {"\\left" + options.leftBracket + array + "\\right."}, options.entry);
  if (!left) return left.error();
  auto right = makeMathTex(graph, {"\\left." + array + "\\right" + options.rightBracket}, options.entry);
  if (!right) return right.error();
  const MobjectId pair = graph.create(makeGroup());
  graph.addChild(pair, *left);
  graph.addChild(pair, *right);
  graph.stretchToFit(pair, graph.height(matrix) + 2 * options.bracketVBuff, 1);
  graph.nextTo(*left, matrix, manim::LEFT, options.bracketHBuff);
  graph.nextTo(*right, matrix, manim::RIGHT, options.bracketHBuff);
  graph.addChild(matrix, *left);
  graph.addChild(matrix, *right);
  graph.shift(matrix, -graph.center(matrix));
  return matrix;
}

}  // namespace attnplay
