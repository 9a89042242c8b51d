// SPDX-License-Identifier: MIT
#include "attnplay/scene/text.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>

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

namespace {

struct TextCache {
  static constexpr std::size_t kCapacity = 1024;
  std::mutex mutex;
  std::map<std::tuple<std::string, std::string, bool, bool, double, double>, std::shared_ptr<const TextGlyphs>> entries;
};

TextCache& textCache() {
  static TextCache cache;
  return cache;
}

Result<TextGlyphs> layOut(const std::string& text, const TextOptions& options) {
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
  TextGlyphs out;
  for (char32_t c : shaped.missing) {
    out.warnings.push_back("no shipped font has the character " + codepointName(c) + "; it is drawn as a box");
  }
  const double em = textEmSize(options.fontSize);
  std::vector<std::pair<std::uint32_t, Path>> glyphs;
  for (const PlacedGlyph& g : shaped.glyphs) {
    Path outline = g.font ? g.font->glyphOutline(g.glyph) : missingGlyphBox(g.advance);
    if (outline.empty()) continue;  // spaces draw nothing and are not submobjects, as in Manim
    Affine2 place = Affine2::Identity();
    place.scale(em).translate(g.origin);
    outline.transform(place);
    glyphs.emplace_back(g.cluster, std::move(outline));
  }
  std::stable_sort(glyphs.begin(), glyphs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [cluster, path] : glyphs) out.paths.push_back(std::move(path));
  return out;
}

}  // namespace

void clearTextCache() {
  std::lock_guard lock(textCache().mutex);
  textCache().entries.clear();
}

Result<std::shared_ptr<const TextGlyphs>> shapeAndOutline(const std::string& text, const TextOptions& options) {
  const auto key =
      std::make_tuple(text, options.font, options.bold, options.italic, options.fontSize, options.lineSpacing);
  TextCache& cache = textCache();
  {
    std::lock_guard lock(cache.mutex);
    if (auto it = cache.entries.find(key); it != cache.entries.end()) return it->second;
  }
  auto made = layOut(text, options);
  if (!made) return made.error();
  auto glyphs = std::make_shared<const TextGlyphs>(std::move(made).value());
  std::lock_guard lock(cache.mutex);
  if (cache.entries.size() >= TextCache::kCapacity) cache.entries.clear();
  cache.entries.emplace(key, glyphs);
  return glyphs;
}

Result<MobjectId> makeText(SceneGraph& graph, const std::string& text, const TextOptions& options,
                           std::vector<std::string>* warnings) {
  auto shaped = shapeAndOutline(text, options);
  if (!shaped) return shaped.error();
  const std::shared_ptr<const TextGlyphs>& glyphs = *shaped;
  if (warnings) warnings->insert(warnings->end(), glyphs->warnings.begin(), glyphs->warnings.end());

  // Centred on the origin, as Manim centres the SVG it reads text from.
  Bounds box;
  for (const Path& p : glyphs->paths) box.extend(p.bounds());
  const Vec2 offset = -box.center();

  Mobject group = makeGroup();
  group.kind = "Text";
  // Manim's Text bakes its colour into the SVG it reads as fill only: the paths keep VMobject's
  // default stroke colour, white, which shows as the outline Write draws before the fill.
  group.style.fillColor = options.color;
  group.style.strokeColor = manim::WHITE;
  group.style.fillOpacity = 1.0;
  group.style.strokeWidth = 0.0;
  const MobjectId id = graph.create(std::move(group));
  for (const Path& path : glyphs->paths) {
    Mobject m;
    m.kind = "Glyph";
    m.path = path;
    m.path.translate(offset);
    m.style.fillColor = options.color;
    m.style.strokeColor = manim::WHITE;
    m.style.fillOpacity = 1.0;
    m.style.strokeWidth = 0.0;
    graph.addChild(id, graph.create(std::move(m)));
  }
  return id;
}

}  // namespace attnplay
