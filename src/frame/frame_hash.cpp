// SPDX-License-Identifier: MIT
#include "attnplay/frame/frame_hash.hpp"

#include <bit>
#include <cstdio>
#include <cstring>

namespace attnplay {

namespace {

std::uint64_t mix(std::uint64_t z) {  // splitmix64's finaliser
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

void addItems(ContentHasher& h, const std::vector<DrawItem>& items, std::size_t begin, std::size_t end) {
  h.add(static_cast<std::uint64_t>(end - begin));
  for (std::size_t i = begin; i < end; ++i) {
    const Style& s = items[i].style;
    for (double v : {s.fillColor.r, s.fillColor.g, s.fillColor.b, s.fillOpacity, s.strokeColor.r, s.strokeColor.g,
                     s.strokeColor.b, s.strokeOpacity, s.strokeWidth})
      h.add(v);
    const Path& path = *items[i].path;
    h.add(static_cast<std::uint64_t>(path.subpaths.size()));
    for (const Subpath& sp : path.subpaths) {
      h.add(static_cast<std::uint64_t>(sp.cubics.size()));
      for (const Cubic& c : sp.cubics) {
        for (const Vec2* p : {&c.p0, &c.p1, &c.p2, &c.p3}) {
          h.add(p->x());
          h.add(p->y());
        }
      }
    }
  }
}

}  // namespace

std::string ContentHash::hex() const {
  char text[33];
  std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return text;
}

void ContentHasher::add(std::uint64_t w) {
  // Two lanes with different mixing, so that a collision needs both to collide.
  a_ = std::rotl(a_ ^ (w * 0x9e3779b97f4a7c15ull), 29) * 0xbf58476d1ce4e5b9ull;
  b_ = std::rotl(b_ + (w ^ 0xc2b2ae3d27d4eb4full), 37) * 0x94d049bb133111ebull + 0x165667b19e3779f9ull;
  ++words_;
}

void ContentHasher::add(double value) { add(std::bit_cast<std::uint64_t>(value == 0.0 ? 0.0 : value)); }

void ContentHasher::add(const std::string& text) {
  add(static_cast<std::uint64_t>(text.size()));
  for (std::size_t i = 0; i < text.size(); i += 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, text.data() + i, std::min<std::size_t>(8, text.size() - i));
    add(w);
  }
}

void ContentHasher::add(const ContentHash& h) {
  add(h.a);
  add(h.b);
}

ContentHash ContentHasher::digest() const { return {mix(a_ ^ words_), mix(b_ + words_ * 0x9e3779b97f4a7c15ull)}; }

ContentHash FrameHasher::hash(const FrameState& frame) {
  ContentHasher h;
  h.add(frame.background.r);
  h.add(frame.background.g);
  h.add(frame.background.b);
  // Only a moved camera adds to the hash, so frames of scenes whose camera stays keep theirs.
  if (frame.view != View{}) {
    for (double v : {frame.view.center.x(), frame.view.center.y(), frame.view.width, frame.view.height}) h.add(v);
  }
  if (frame.layers.empty()) {
    addItems(h, frame.items, 0, frame.items.size());
    return h.digest();
  }
  std::size_t begin = 0;
  for (const Layer& layer : frame.layers) {
    if (layer.key != 0) {
      auto it = runs_.find(layer.key);
      if (it == runs_.end()) {
        ContentHasher run;
        addItems(run, frame.items, begin, layer.end);
        it = runs_.emplace(layer.key, run.digest()).first;
      }
      h.add(it->second);
    } else {
      ContentHasher run;
      addItems(run, frame.items, begin, layer.end);
      h.add(run.digest());
    }
    begin = layer.end;
  }
  return h.digest();
}

}  // namespace attnplay
