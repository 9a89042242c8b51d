// SPDX-License-Identifier: MIT
#include "attnplay/text/font.hpp"

#include <freetype/ftoutln.h>

#include <cstdlib>
#include <filesystem>

#include "attnplay/base/input_file.hpp"
#include "attnplay/base/install_dirs.hpp"
#include "text/font_data.hpp"

namespace attnplay {

namespace fs = std::filesystem;

namespace detail {

FontData::~FontData() {
  if (hbFont) hb_font_destroy(hbFont);
  if (hbFace) hb_face_destroy(hbFace);
  if (blob) hb_blob_destroy(blob);
  if (face) FT_Done_Face(face);
  if (library) FT_Done_FreeType(library);
}

}  // namespace detail

namespace {

struct FaceFile {
  const char* family;
  FontStyle style;
  const char* file;
};

constexpr FaceFile kFaces[] = {
    {"DejaVu Serif", {false, false}, "DejaVuSerif.ttf"},
    {"DejaVu Serif", {true, false}, "DejaVuSerif-Bold.ttf"},
    {"DejaVu Serif", {false, true}, "DejaVuSerif-Italic.ttf"},
    {"DejaVu Serif", {true, true}, "DejaVuSerif-BoldItalic.ttf"},
    {"DejaVu Sans", {false, false}, "DejaVuSans.ttf"},
    {"DejaVu Sans", {true, false}, "DejaVuSans-Bold.ttf"},
    {"DejaVu Sans", {false, true}, "DejaVuSans-Oblique.ttf"},
    {"DejaVu Sans", {true, true}, "DejaVuSans-BoldOblique.ttf"},
    {"Latin Modern Math", {false, false}, "latinmodern-math.otf"},
};

/// Collects a FreeType outline as cubic subpaths in em units.
struct OutlineSink {
  Path path;
  Vec2 current{0, 0};
  double scale = 1;

  Vec2 point(const FT_Vector* v) const { return {v->x * scale, v->y * scale}; }
  void closeContour() {
    if (path.subpaths.empty() || path.subpaths.back().cubics.empty()) return;
    Subpath& sp = path.subpaths.back();
    if (!sp.closed()) sp.cubics.push_back(Cubic::line(sp.cubics.back().p3, sp.cubics.front().p0));
  }

  static int moveTo(const FT_Vector* to, void* user) {
    auto* s = static_cast<OutlineSink*>(user);
    s->closeContour();
    s->path.subpaths.emplace_back();
    s->current = s->point(to);
    return 0;
  }
  static int lineTo(const FT_Vector* to, void* user) {
    auto* s = static_cast<OutlineSink*>(user);
    const Vec2 p = s->point(to);
    s->path.subpaths.back().cubics.push_back(Cubic::line(s->current, p));
    s->current = p;
    return 0;
  }
  static int conicTo(const FT_Vector* control, const FT_Vector* to, void* user) {
    auto* s = static_cast<OutlineSink*>(user);
    const Vec2 c = s->point(control), p = s->point(to);
    // A quadratic is the cubic with handles two thirds of the way to its control point.
    s->path.subpaths.back().cubics.push_back(
        {s->current, s->current + 2.0 / 3.0 * (c - s->current), p + 2.0 / 3.0 * (c - p), p});
    s->current = p;
    return 0;
  }
  static int cubicTo(const FT_Vector* c1, const FT_Vector* c2, const FT_Vector* to, void* user) {
    auto* s = static_cast<OutlineSink*>(user);
    const Vec2 p = s->point(to);
    s->path.subpaths.back().cubics.push_back({s->current, s->point(c1), s->point(c2), p});
    s->current = p;
    return 0;
  }
};

constexpr std::size_t kMaxFontBytes = 64 * 1024 * 1024;  // Latin Modern Math is 0.7 MiB

Result<std::unique_ptr<detail::FontData>> openFont(const std::string& family, const std::string& path) {
  auto data = std::make_unique<detail::FontData>();
  data->family = family;
  data->path = path;
  if (FT_Init_FreeType(&data->library) != 0) {
    return Error(ErrorCode::Internal, "FreeType could not start");
  }
  // Read through the input gate once; FreeType and HarfBuzz both work from these bytes.
  auto bytes = readInputFile(path, kMaxFontBytes, "font");
  if (!bytes) return bytes.error();
  data->bytes = std::move(bytes).value();
  const auto* base = reinterpret_cast<const FT_Byte*>(data->bytes.data());
  if (const FT_Error e =
          FT_New_Memory_Face(data->library, base, static_cast<FT_Long>(data->bytes.size()), 0, &data->face);
      e != 0) {
    const char* why = FT_Error_String(e);
    return Error(ErrorCode::InvalidArgument,
                 "cannot load font '" + path + "': " + (why ? why : "FreeType error " + std::to_string(e)),
                 "the font file may be damaged; reinstall attnplay's assets/fonts");
  }
  data->unitsPerEm = data->face->units_per_EM > 0 ? data->face->units_per_EM : 1000;
  data->blob = hb_blob_create(data->bytes.data(), static_cast<unsigned>(data->bytes.size()), HB_MEMORY_MODE_READONLY,
                              nullptr, nullptr);
  data->hbFace = hb_face_create(data->blob, 0);
  data->hbFont = hb_font_create(data->hbFace);
  const int upem = static_cast<int>(data->unitsPerEm);
  hb_font_set_scale(data->hbFont, upem, upem);
  hb_font_make_immutable(data->hbFont);
  return data;
}

}  // namespace

Font::Font(std::unique_ptr<detail::FontData> data) : data_(std::move(data)) {}

const detail::FontData& detail::fontData(const Font& font) { return *font.data_; }
Font::~Font() = default;

const std::string& Font::family() const { return data_->family; }
const std::string& Font::path() const { return data_->path; }

std::uint32_t Font::glyphFor(char32_t codepoint) const {
  hb_codepoint_t glyph = 0;
  return hb_font_get_nominal_glyph(data_->hbFont, codepoint, &glyph) ? glyph : 0;
}

std::uint32_t Font::glyphForCode(unsigned code) const {
  std::lock_guard lock(data_->outlineMutex);
  // Type 1 fonts keep their built-in encoding as FreeType's custom charmap.
  for (FT_Encoding e : {FT_ENCODING_ADOBE_CUSTOM, FT_ENCODING_ADOBE_STANDARD}) {
    if (FT_Select_Charmap(data_->face, e) == 0) return FT_Get_Char_Index(data_->face, code);
  }
  return 0;
}

Path Font::glyphOutline(std::uint32_t glyph) const {
  std::lock_guard lock(data_->outlineMutex);
  if (auto it = data_->outlines.find(glyph); it != data_->outlines.end()) return it->second;
  OutlineSink sink;
  sink.scale = 1.0 / data_->unitsPerEm;
  if (FT_Load_Glyph(data_->face, glyph, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) == 0 &&
      data_->face->glyph->format == FT_GLYPH_FORMAT_OUTLINE) {
    FT_Outline_Funcs funcs{};
    funcs.move_to = &OutlineSink::moveTo;
    funcs.line_to = &OutlineSink::lineTo;
    funcs.conic_to = &OutlineSink::conicTo;
    funcs.cubic_to = &OutlineSink::cubicTo;
    FT_Outline_Decompose(&data_->face->glyph->outline, &funcs, &sink);
    sink.closeContour();
    std::erase_if(sink.path.subpaths, [](const Subpath& sp) { return sp.cubics.empty(); });
  }
  return data_->outlines.emplace(glyph, std::move(sink.path)).first->second;
}

void Font::clearCache() const {
  std::lock_guard lock(data_->outlineMutex);
  data_->outlines.clear();
}

double Font::ascender() const {
  hb_font_extents_t e{};
  hb_font_get_h_extents(data_->hbFont, &e);
  return e.ascender / data_->unitsPerEm;
}

double Font::descender() const {
  hb_font_extents_t e{};
  hb_font_get_h_extents(data_->hbFont, &e);
  return e.descender / data_->unitsPerEm;
}

double Font::lineGap() const {
  hb_font_extents_t e{};
  hb_font_get_h_extents(data_->hbFont, &e);
  return e.line_gap / data_->unitsPerEm;
}

FontLibrary& FontLibrary::instance() {
  static FontLibrary library(defaultSearchDirs());
  return library;
}

FontLibrary::FontLibrary(std::vector<std::string> searchDirs) : searchDirs_(std::move(searchDirs)) {}

std::vector<std::string> FontLibrary::defaultSearchDirs() {
  std::vector<std::string> dirs;
  if (const char* dir = std::getenv("ATTNPLAY_FONT_DIR"); dir && *dir) dirs.emplace_back(dir);
  if (const std::string exe = executableDir(); !exe.empty()) {
    dirs.push_back(exe + "/assets/fonts");
    dirs.push_back(exe + "/../share/attnplay/fonts");
  }
  dirs.emplace_back(ATTNPLAY_INSTALL_FONT_DIR);
  dirs.emplace_back(ATTNPLAY_SOURCE_FONT_DIR);
  return dirs;
}

std::vector<std::string> FontLibrary::families() { return {"DejaVu Serif", "DejaVu Sans", "Latin Modern Math"}; }

Result<const Font*> FontLibrary::face(const std::string& family, FontStyle style) {
  const FaceFile* file = nullptr;
  for (const FaceFile& f : kFaces) {
    if (family == f.family && (style == f.style || std::string(f.family) == "Latin Modern Math")) file = &f;
  }
  if (!file) {
    std::string known;
    for (const auto& f : families()) known += (known.empty() ? "" : ", ") + f;
    return Error(ErrorCode::InvalidArgument, "unknown font '" + family + "'", "attnplay ships: " + known);
  }
  return load(file->family, file->file);
}

namespace {

constexpr const char* kTexFonts[] = {"cmr10", "cmr7",  "cmr5",   "cmmi10", "cmmi7", "cmmi5", "cmsy10",
                                     "cmsy7", "cmsy5", "cmex10", "msbm10", "msbm7", "msbm5"};

}  // namespace

void FontLibrary::loadAll() {
  for (const FaceFile& f : kFaces) (void)load(f.family, f.file);
  for (const char* name : kTexFonts) (void)texFont(name);
}

Result<const Font*> FontLibrary::texFont(const std::string& name) {
  for (const char* shipped : kTexFonts) {
    if (name == shipped) return load(shipped, (name + ".pfb").c_str());
  }
  return Error(ErrorCode::InvalidArgument, "attnplay ships no TeX font '" + name + "'",
               "the Computer Modern fonts shipped are those Manim's formulas use (assets/fonts)");
}

Result<const Font*> FontLibrary::load(const char* family, const char* file) {
  std::lock_guard lock(mutex_);
  if (auto it = loaded_.find(file); it != loaded_.end()) return it->second.get();
  auto path = findFile(file);
  if (!path) return path.error();
  auto data = openFont(family, *path);
  if (!data) return data.error();
  return loaded_.emplace(file, std::make_unique<Font>(std::move(data).value())).first->second.get();
}

Result<std::string> FontLibrary::findFile(const std::string& name) const {
  std::string tried;
  for (const std::string& dir : searchDirs_) {
    const fs::path candidate = fs::path(dir) / name;
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return candidate.lexically_normal().string();
    tried += "\n  " + candidate.lexically_normal().string();
  }
  return Error(ErrorCode::NotFound, "font file '" + name + "' not found; looked in:" + tried,
               "run attnplay from its build or install folder, or set ATTNPLAY_FONT_DIR to the folder holding "
               "its fonts (assets/fonts in the source tree)");
}

}  // namespace attnplay
