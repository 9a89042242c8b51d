// SPDX-License-Identifier: MIT
// SVG path data (the `d` attribute) as cubics, the way Manim's VMobjectFromSVGPath takes
// svgelements' segments: lines become straight cubics, a close adds the line back when the
// subpath does not end where it began. Only what Manim's own path templates use: M L H V C Z,
// absolute and relative.
#include <cctype>
#include <cstdlib>

#include "attnplay/geometry/svg_path.hpp"

namespace attnplay {

namespace {

struct Reader {
  const std::string& text;
  std::size_t at = 0;

  void skip() {
    while (at < text.size() && (std::isspace(static_cast<unsigned char>(text[at])) || text[at] == ',')) ++at;
  }
  bool number(double& out) {
    skip();
    if (at >= text.size()) return false;
    const char c = text[at];
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.')) return false;
    const char* start = text.c_str() + at;
    char* end = nullptr;
    out = std::strtod(start, &end);
    if (end == start) return false;
    at += static_cast<std::size_t>(end - start);
    return true;
  }
};

}  // namespace

Result<Path> parseSvgPath(const std::string& data) {
  Path path;
  Reader r{data};
  Vec2 current(0, 0), start(0, 0);
  char command = 0;
  const auto lineTo = [&](const Vec2& p) {
    if (path.subpaths.empty()) path.subpaths.emplace_back();
    path.subpaths.back().cubics.push_back(Cubic::line(current, p));
    current = p;
  };
  for (;;) {
    r.skip();
    if (r.at >= data.size()) break;
    const char c = data[r.at];
    if (std::isalpha(static_cast<unsigned char>(c))) {
      command = c;
      ++r.at;
    } else if (command == 0) {
      return Error(ErrorCode::InvalidArgument,
                   "SVG path data must start with a command, at character " + std::to_string(r.at + 1));
    }
    const bool relative = std::islower(static_cast<unsigned char>(command));
    const Vec2 origin = relative ? current : Vec2(0, 0);
    double v[6];
    const auto numbers = [&](int n) {
      for (int i = 0; i < n; ++i) {
        if (!r.number(v[i])) return false;
      }
      return true;
    };
    const auto bad = [&] {
      return Error(ErrorCode::InvalidArgument, std::string("SVG path data: '") + command +
                                                   "' lacks its numbers, at character " + std::to_string(r.at + 1));
    };
    switch (std::toupper(static_cast<unsigned char>(command))) {
      case 'M':
        if (!numbers(2)) return bad();
        current = start = origin + Vec2(v[0], v[1]);
        path.subpaths.emplace_back();
        command = relative ? 'l' : 'L';  // more pairs after a move are lines
        break;
      case 'L':
        if (!numbers(2)) return bad();
        lineTo(origin + Vec2(v[0], v[1]));
        break;
      case 'H':
        if (!numbers(1)) return bad();
        lineTo(Vec2(relative ? current.x() + v[0] : v[0], current.y()));
        break;
      case 'V':
        if (!numbers(1)) return bad();
        lineTo(Vec2(current.x(), relative ? current.y() + v[0] : v[0]));
        break;
      case 'C': {
        if (!numbers(6)) return bad();
        if (path.subpaths.empty()) path.subpaths.emplace_back();
        const Vec2 p1 = origin + Vec2(v[0], v[1]), p2 = origin + Vec2(v[2], v[3]), p3 = origin + Vec2(v[4], v[5]);
        path.subpaths.back().cubics.push_back({current, p1, p2, p3});
        current = p3;
        break;
      }
      case 'Z':
        if ((current - start).norm() >= 1e-4) lineTo(start);
        current = start;
        command = 0;
        break;
      default:
        return Error(ErrorCode::InvalidArgument, std::string("SVG path data: the command '") + command +
                                                     "' is not one attnplay reads (M L H V C Z)");
    }
  }
  std::erase_if(path.subpaths, [](const Subpath& s) { return s.cubics.empty(); });
  return path;
}

}  // namespace attnplay
