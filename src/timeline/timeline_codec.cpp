// SPDX-License-Identifier: MIT
#include "attnplay/timeline/timeline_codec.hpp"

#include <cstdint>
#include <cstring>
#include <type_traits>
#include <unordered_map>

namespace attnplay {

namespace {

/// Changes whenever the layout below does: a worker of another build is refused, not misread.
constexpr std::uint32_t kMagic = 0x4e4c5441;  // "ATLN"
constexpr std::uint32_t kVersion = 1;

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  template <typename T>
  void raw(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* p = reinterpret_cast<const char*>(&value);
    out_.append(p, sizeof value);
  }
  void u8(std::uint8_t v) { raw(v); }
  void u32(std::uint32_t v) { raw(v); }
  void i32(std::int32_t v) { raw(v); }
  void f64(double v) { raw(v); }
  void size(std::size_t n) { u32(static_cast<std::uint32_t>(n)); }
  void text(const std::string& s) {
    size(s.size());
    out_.append(s);
  }
  void vec(const Vec2& v) {
    f64(v.x());
    f64(v.y());
  }
  void color(const Color& c) {
    f64(c.r);
    f64(c.g);
    f64(c.b);
  }
  void style(const Style& s) {
    color(s.fillColor);
    f64(s.fillOpacity);
    color(s.strokeColor);
    f64(s.strokeOpacity);
    f64(s.strokeWidth);
  }
  void view(const View& v) {
    vec(v.center);
    f64(v.width);
    f64(v.height);
  }
  /// A shared path: its number when it was written before, else a new number and its cubics.
  void path(const std::shared_ptr<const Path>& p) {
    if (!p) return u32(0);
    auto [it, added] = paths_.try_emplace(p.get(), static_cast<std::uint32_t>(paths_.size() + 1));
    u32(it->second);
    if (!added) return;
    size(p->subpaths.size());
    for (const Subpath& sp : p->subpaths) {
      size(sp.cubics.size());
      // Cubic is four Eigen vectors of two doubles: written as they lie.
      static_assert(sizeof(Cubic) == 8 * sizeof(double));
      out_.append(reinterpret_cast<const char*>(sp.cubics.data()), sp.cubics.size() * sizeof(Cubic));
    }
  }
  void rate(const RateFunc& r) {
    text(r.name());
    const std::vector<double>* samples = r.samples();
    u8(samples ? 1 : 0);
    if (!samples) return;
    size(samples->size());
    out_.append(reinterpret_cast<const char*>(samples->data()), samples->size() * sizeof(double));
  }
  void item(const DrawItem& d) {
    path(d.path);
    style(d.style);
  }
  void label(const AnimationLabel& l) {
    u8(static_cast<std::uint8_t>(l.kind));
    text(l.targetKind);
    text(l.methods);
    size(l.children.size());
    for (const AnimationLabel& c : l.children) label(c);
  }
  void motion(const Motion& m) {
    u8(static_cast<std::uint8_t>(m.kind));
    vec(m.about);
    f64(m.angle);
    path(m.path);
    vec(m.start);
    size(m.shapes.size());
    for (const Motion::Shape& s : m.shapes) {
      vec(s.travel);
      vec(s.comStart);
      f64(s.opacity);
    }
    size(m.shapeOf.size());
    for (std::uint32_t i : m.shapeOf) u32(i);
    f64(m.fraction);
  }
  void animation(const Animation& a) {
    u8(static_cast<std::uint8_t>(a.kind));
    text(a.methods);
    text(a.targetKind);
    u32(a.target);
    f64(a.timing.runTime);
    rate(a.timing.rate);
    f64(a.timing.lagRatio);
    u8(static_cast<std::uint8_t>(a.effect));
    u8(static_cast<std::uint8_t>(a.reverse | a.introducer << 1 | a.remover << 2));
    size(a.leaves.size());
    for (const Leaf& l : a.leaves) {
      path(l.from);
      path(l.to);
      style(l.fromStyle);
      style(l.toStyle);
    }
    f64(a.timeWidth);
    vec(a.about);
    f64(a.wiggleScale);
    f64(a.wiggleAngle);
    f64(a.wiggles);
    motion(a.motion);
  }
  void slots(const std::vector<Slot>& slots) {
    size(slots.size());
    for (const Slot& s : slots) {
      u8(s.item ? 1 : 0);
      if (s.item) item(*s.item);
      i32(s.placement);
    }
  }
  void segment(const Segment& s) {
    f64(s.start);
    f64(s.end);
    text(s.section);
    size(s.animations.size());
    for (const AnimationLabel& l : s.animations) label(l);
    slots(s.slots);
    size(s.placements.size());
    for (const Placement& p : s.placements) {
      animation(*p.animation);
      f64(p.runTime);
      size(p.windows.size());
      for (const GroupWindow& w : p.windows) {
        rate(w.rate);
        f64(w.maxEnd);
        f64(w.start);
        f64(w.end);
      }
    }
    size(s.frames.size());
    for (const std::vector<Slot>& f : s.frames) slots(f);
    f64(s.frameRate);
    view(s.view);
    i32(s.viewPlacement);
    size(s.viewLeaf);
    size(s.frameViews.size());
    for (const View& v : s.frameViews) view(v);
  }

 private:
  std::string& out_;
  std::unordered_map<const Path*, std::uint32_t> paths_;
};

/// Thrown inside the reader only, caught at its door.
struct Malformed {
  const char* what;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  template <typename T>
  T raw() {
    T value;
    need(sizeof value);
    std::memcpy(&value, in_.data() + at_, sizeof value);
    at_ += sizeof value;
    return value;
  }
  std::uint8_t u8() { return raw<std::uint8_t>(); }
  std::uint32_t u32() { return raw<std::uint32_t>(); }
  std::int32_t i32() { return raw<std::int32_t>(); }
  double f64() { return raw<double>(); }
  /// A count of things at least `each` bytes long: never more than the bytes left could hold.
  std::size_t count(std::size_t each = 1) {
    const std::size_t n = u32();
    if (n > (in_.size() - at_) / each) throw Malformed{"a count larger than the data"};
    return n;
  }
  std::string text() {
    const std::size_t n = count();
    std::string s(in_.substr(at_, n));
    at_ += n;
    return s;
  }
  Vec2 vec() {
    const double x = f64();
    return Vec2(x, f64());
  }
  Color color() {
    Color c;
    c.r = f64();
    c.g = f64();
    c.b = f64();
    return c;
  }
  Style style() {
    Style s;
    s.fillColor = color();
    s.fillOpacity = f64();
    s.strokeColor = color();
    s.strokeOpacity = f64();
    s.strokeWidth = f64();
    return s;
  }
  View view() {
    View v;
    v.center = vec();
    v.width = f64();
    v.height = f64();
    return v;
  }
  std::shared_ptr<const Path> path() {
    const std::uint32_t index = u32();
    if (index == 0) return nullptr;
    if (index <= paths_.size()) return paths_[index - 1];
    if (index != paths_.size() + 1) throw Malformed{"a path out of order"};
    auto p = std::make_shared<Path>();
    p->subpaths.resize(count());
    for (Subpath& sp : p->subpaths) {
      const std::size_t n = count(sizeof(Cubic));
      sp.cubics.resize(n);
      if (n > 0) std::memcpy(static_cast<void*>(sp.cubics.data()), in_.data() + at_, n * sizeof(Cubic));
      at_ += n * sizeof(Cubic);
    }
    paths_.push_back(std::move(p));
    return paths_.back();
  }
  std::shared_ptr<const Path> requiredPath() {
    auto p = path();
    if (!p) throw Malformed{"a drawn item without a path"};
    return p;
  }
  RateFunc rate() {
    std::string name = text();
    if (u8()) {
      std::vector<double> samples(count(sizeof(double)));
      if (!samples.empty()) std::memcpy(samples.data(), in_.data() + at_, samples.size() * sizeof(double));
      at_ += samples.size() * sizeof(double);
      return RateFunc::sampled(std::move(name), std::move(samples));
    }
    std::optional<RateFunc> named = RateFunc::named(name);
    if (!named) throw Malformed{"a rate function of another build"};
    return *named;
  }
  template <typename E>
  E enumerated(E last) {
    const std::uint8_t v = u8();
    if (v > static_cast<std::uint8_t>(last)) throw Malformed{"a kind of another build"};
    return static_cast<E>(v);
  }
  DrawItem item() {
    DrawItem d;
    d.path = requiredPath();
    d.style = style();
    return d;
  }
  AnimationLabel label(int depth = 0) {
    if (depth > 64) throw Malformed{"labels nested too deep"};
    AnimationLabel l;
    l.kind = enumerated(AnimationKind::Succession);
    l.targetKind = text();
    l.methods = text();
    l.children.resize(count());
    for (AnimationLabel& c : l.children) c = label(depth + 1);
    return l;
  }
  Motion motion(std::size_t leaves) {
    Motion m;
    m.kind = enumerated(Motion::Kind::Spiral);
    m.about = vec();
    m.angle = f64();
    m.path = path();
    m.start = vec();
    m.shapes.resize(count());
    for (Motion::Shape& s : m.shapes) {
      s.travel = vec();
      s.comStart = vec();
      s.opacity = f64();
    }
    m.shapeOf.resize(count());
    for (std::uint32_t& i : m.shapeOf) {
      i = u32();
      if (i >= m.shapes.size()) throw Malformed{"a spiral leaf without its shape"};
    }
    m.fraction = f64();
    if (m.kind == Motion::Kind::AlongPath && !m.path) throw Malformed{"a path motion without its path"};
    if (m.kind == Motion::Kind::Spiral && m.shapeOf.size() != leaves) throw Malformed{"a spiral of other leaves"};
    return m;
  }
  std::shared_ptr<const Animation> animation() {
    auto a = std::make_shared<Animation>();
    a->kind = enumerated(AnimationKind::Succession);
    a->methods = text();
    a->targetKind = text();
    a->target = u32();
    a->timing.runTime = f64();
    a->timing.rate = rate();
    a->timing.lagRatio = f64();
    a->effect = enumerated(Effect::Motion);
    const std::uint8_t flags = u8();
    a->reverse = flags & 1;
    a->introducer = flags & 2;
    a->remover = flags & 4;
    a->leaves.resize(count());
    for (Leaf& l : a->leaves) {
      l.from = requiredPath();
      l.to = requiredPath();
      l.fromStyle = style();
      l.toStyle = style();
    }
    a->timeWidth = f64();
    a->about = vec();
    a->wiggleScale = f64();
    a->wiggleAngle = f64();
    a->wiggles = f64();
    a->motion = motion(a->leaves.size());
    return a;
  }
  std::vector<Slot> slots() {
    std::vector<Slot> out(count());
    for (Slot& s : out) {
      if (u8()) s.item = item();
      s.placement = i32();
    }
    return out;
  }
  static void check(const std::vector<Slot>& slots, std::size_t placements) {
    for (const Slot& s : slots) {
      if (s.item ? s.placement != -1 : s.placement < 0 || s.placement >= static_cast<std::int32_t>(placements)) {
        throw Malformed{"a slot of no animation"};
      }
    }
  }
  Segment segment() {
    Segment s;
    s.start = f64();
    s.end = f64();
    s.section = text();
    s.animations.resize(count());
    for (AnimationLabel& l : s.animations) l = label();
    s.slots = slots();
    s.placements.resize(count());
    for (Placement& p : s.placements) {
      p.animation = animation();
      p.runTime = f64();
      p.windows.resize(count());
      for (GroupWindow& w : p.windows) {
        w.rate = rate();
        w.maxEnd = f64();
        w.start = f64();
        w.end = f64();
      }
    }
    // The slots name placements, which follow them.
    check(s.slots, s.placements.size());
    s.frames.resize(count());
    for (std::vector<Slot>& f : s.frames) {
      f = slots();
      check(f, s.placements.size());
    }
    s.frameRate = f64();
    s.view = view();
    s.viewPlacement = i32();
    if (s.viewPlacement < -1 || s.viewPlacement >= static_cast<std::int32_t>(s.placements.size())) {
      throw Malformed{"a view of no animation"};
    }
    s.viewLeaf = u32();
    s.frameViews.resize(count());
    for (View& v : s.frameViews) v = view();
    return s;
  }
  bool done() const { return at_ == in_.size(); }

 private:
  void need(std::size_t n) const {
    if (in_.size() - at_ < n) throw Malformed{"cut short"};
  }
  std::string_view in_;
  std::size_t at_ = 0;
  std::vector<std::shared_ptr<const Path>> paths_;
};

}  // namespace

std::string encodeTimeline(const Timeline& timeline) {
  std::string out;
  encodeTimeline(timeline, out);
  return out;
}

void encodeTimeline(const Timeline& timeline, std::string& out) {
  Writer w(out);
  w.u32(kMagic);
  w.u32(kVersion);
  w.f64(timeline.fps());
  w.color(timeline.background());
  w.view(timeline.finalView());
  w.size(timeline.segments().size());
  for (const Segment& s : timeline.segments()) w.segment(s);
  w.size(timeline.finalItems().size());
  for (const DrawItem& d : timeline.finalItems()) w.item(d);
}

Result<std::shared_ptr<const Timeline>> decodeTimeline(std::string_view bytes) {
  try {
    Reader r(bytes);
    if (r.u32() != kMagic || r.u32() != kVersion) throw Malformed{"not a timeline of this build"};
    const double fps = r.f64();
    const Color background = r.color();
    const View finalView = r.view();
    std::vector<Segment> segments(r.count());
    for (Segment& s : segments) s = r.segment();
    std::vector<DrawItem> finalItems(r.count());
    for (DrawItem& d : finalItems) d = r.item();
    if (!r.done()) throw Malformed{"bytes past its end"};
    return std::make_shared<const Timeline>(std::move(segments), std::move(finalItems), fps, background, finalView);
  } catch (const Malformed& m) {
    return Error(ErrorCode::Internal,
                 std::string("the scene worker sent a timeline that cannot be read (") + m.what + ")",
                 "the worker is attnplay's own executable; reinstall attnplay if this persists");
  }
}

}  // namespace attnplay
