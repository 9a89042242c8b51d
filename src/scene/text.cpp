// SPDX-License-Identifier: MIT
#include "attnplay/scene/text.hpp"

#include <algorithm>
#include <cstdio>

#include "attnplay/scene/shapes.hpp"
#include "attnplay/text/shaping.hpp"

namespace attnplay {

namespace {

/// A hollow box standing in for a glyph no font has: outer contour and a reversed inner one.
Path missingGlyphBox(double advance) {
  const double x0 = 0.08, x1 = advance - 0.08, y0 = 0.0, y1 = 0.7, t = 0.06;
  Path box = Path::polyline({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, true);
  Path hole = Path::polyline({{x0 + t, y0 + t}, {x0 + t, y1 - t}, {x1 - t, y1 - t}, {x1 - t, y0 + t}}, true);
  box.subpaths.push_back(hole.subpaths.front());
  return box;
}

std::string codepointName(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

}  // namespace

double pangoPixelsPerEm(double fontSize) {
  // Manim asks Pango for fontSize / 4.8 points (TEXT2SVG_ADJUSTMENT_FACTOR); at Pango's 96 dpi
  // a point is 4/3 px.
  return fontSize / 4.8 * (96.0 / 72.0);
}

double textEmSize(double fontSize) {
  // Manim scales the SVG's pixels by TEXT_MOB_SCALE_FACTOR = 0.05.
  return pangoPixelsPerEm(fontSize) * 0.05;
}

Result<MobjectId> makeText(SceneGraph& graph, const std::string& text, const TextOptions& options,
                           std::vector<std::string>* warnings) {
  FontLibrary& fonts = FontLibrary::instance();
  auto primary = fonts.face(options.font, {options.bold, options.italic});
  if (!primary) return primary.error();
  // Fallbacks for characters the chosen family lacks: the other shipped faces.
  std::vector<const Font*> chain{*primary};
  for (const std::string& family : FontLibrary::families()) {
    if (family == options.font) continue;
    auto f = fonts.face(family, {options.bold, options.italic});
    if (f) chain.push_back(*f);
  }

  const Font* font = *primary;
  const double lineAdvance = (font->ascender() - font->descender() + font->lineGap()) * options.lineSpacing;
  const ShapedText shaped = shapeText(text, chain, lineAdvance, 1.0 / pangoPixelsPerEm(options.fontSize));
  if (warnings) {
    for (char32_t c : shaped.missing) {
      warnings->push_back("no shipped font has the character " + codepointName(c) + "; it is drawn as a box");
    }
  }

  const double em = textEmSize(options.fontSize);
  std::vector<std::pair<std::uint32_t, Mobject>> glyphs;
  for (const PlacedGlyph& g : shaped.glyphs) {
    Path outline = g.font ? g.font->glyphOutline(g.glyph) : missingGlyphBox(g.advance);
    if (outline.empty()) continue;  // spaces draw nothing and are not submobjects, as in Manim
    Affine2 place = Affine2::Identity();
    place.scale(em).translate(g.origin);
    outline.transform(place);
    Mobject m;
    m.kind = "Glyph";
    m.path = std::move(outline);
    m.style.fillColor = m.style.strokeColor = options.color;
    m.style.fillOpacity = 1.0;
    m.style.strokeWidth = 0.0;
    glyphs.emplace_back(g.cluster, std::move(m));
  }
  std::stable_sort(glyphs.begin(), glyphs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

  Mobject group = makeGroup();
  group.kind = "Text";
  group.style.fillColor = group.style.strokeColor = options.color;
  group.style.fillOpacity = 1.0;
  group.style.strokeWidth = 0.0;
  const MobjectId id = graph.create(std::move(group));
  for (auto& [cluster, m] : glyphs) graph.addChild(id, graph.create(std::move(m)));
  graph.shift(id, -graph.center(id));
  return id;
}

}  // namespace attnplay
