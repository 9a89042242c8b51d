// SPDX-License-Identifier: MIT
// Values to typed arguments: every check that turns a wrong argument into one message naming
// the call, the argument and what it got — the same checks for every scene language.
#include <QLocale>
#include <QString>
#include <algorithm>
#include <cmath>

#include "attnplay/scene/color.hpp"
#include "session.hpp"

namespace attnplay::api {

std::string spell(std::string_view name, Language language) {
  if (language == Language::Python) return std::string(name);
  std::string out;
  bool upper = false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '_' && i > 0 && i + 1 < name.size()) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

std::string snakeCase(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (std::isupper(static_cast<unsigned char>(c)) && i > 0) {
      out += '_';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

std::string numberText(double d, Language language) {
  const bool py = language == Language::Python;
  if (std::isnan(d)) return py ? "nan" : "NaN";
  if (std::isinf(d)) return d > 0 ? (py ? "inf" : "Infinity") : (py ? "-inf" : "-Infinity");
  return QString::number(d, 'g', QLocale::FloatingPointShortest).toStdString();
}

}  // namespace

std::string describe(const Value& value, Language language) {
  const bool py = language == Language::Python;
  struct Describe {
    Language language;
    bool py;
    std::string operator()(std::monostate) const { return py ? "None" : "undefined"; }
    std::string operator()(bool b) const { return py ? (b ? "True" : "False") : (b ? "true" : "false"); }
    std::string operator()(double d) const {
      if (!std::isfinite(d)) return numberText(d, language);
      return "the number " + numberText(d, language);
    }
    std::string operator()(const std::string& s) const {
      return py ? "the string '" + s + "'" : "the string \"" + s + "\"";
    }
    std::string operator()(const Vec2&) const { return "a vector"; }
    std::string operator()(const Color& c) const { return "the colour " + c.toHex(); }
    std::string operator()(MobjectRef) const { return "a mobject"; }
    std::string operator()(AnimationRef) const { return "an animation"; }
    std::string operator()(AnimateRef) const { return "a mobject's .animate"; }
    std::string operator()(const RateFunc&) const { return "a rate function"; }
    std::string operator()(const Function&) const { return "a function"; }
    std::string operator()(const Rejected& r) const { return r.description; }
    std::string operator()(const List& l) const {
      return (py ? "a list of " : "an array of ") + std::to_string(l.size());
    }
    std::string operator()(const Dict&) const { return py ? "a dict" : "an object"; }
  };
  return std::visit(Describe{language, py}, value.data);
}

namespace detail {

void fail(std::string message, std::string hint, ErrorCode code) {
  throw Failure{code, std::move(message), std::move(hint)};
}

void Session::failWith(const Error& e) const {
  fail(current.empty() ? e.message() : current + ": " + e.message(), e.hint(), e.code());
}

void Session::checkFinite(MobjectId id) const {
  const Bounds b = graph.bounds(id);
  if (!b.min.allFinite() || !b.max.allFinite()) {
    fail(current + ": the mobject's coordinates are no longer finite numbers",
         "a scale or shift this large leaves every number a computer has; check the factors", ErrorCode::OutOfRange);
  }
}

MobjectId Session::newGroup(const std::vector<MobjectId>& members) { return check(builder.group(members)); }

MobjectId Session::copyOf(MobjectId id) {
  const MobjectId copy = check(builder.copy(id));
  const std::vector<MobjectId> from = graph.family(id), to = graph.family(copy);
  const auto carry = [&](auto& known) {
    for (std::size_t i = 0; i < from.size() && i < to.size(); ++i) {
      if (const auto it = known.find(from[i]); it != known.end()) known[to[i]] = it->second;
    }
  };
  carry(coordinateSystems);
  carry(numberLines);
  carry(decimals);
  carry(graphs);
  carry(matrixShapes);
  // Manim's copy is a deepcopy: the copy has the same updaters, suspended or not (it runs them
  // once it is on stage).
  carry(updaters);
  for (std::size_t i = 0; i < from.size() && i < to.size(); ++i) {
    if (suspended.contains(from[i])) suspended.insert(to[i]);
  }
  return copy;
}

std::string apiOf(const EntryInfo& info, const Session& s) {
  return info.kind == EntryKind::Mobject || info.kind == EntryKind::Animation ? info.name + "()" : s.api(info.name);
}

What whatOf(const ParamInfo& p, std::size_t index, bool keyword, const Session& s) {
  std::string text;
  if (keyword) {
    text = std::string(s.language == Language::Python ? "argument '" : "option '") + s.spelled(p.name) + "'";
  } else if (p.variadic) {
    text = "argument " + std::to_string(index + 1);
  } else if (!p.role.empty()) {
    text = p.role;
  } else {
    text = "the " + p.name;
    for (char& c : text) c = c == '_' ? ' ' : c;
  }
  return What{s.current + ": " + text};
}

namespace {

const std::string& rejectedHint(const Value& v) {
  static const std::string none;
  const Rejected* r = v.get<Rejected>();
  return r ? r->hint : none;
}

[[noreturn]] void wrongType(const Value& v, const What& what, const std::string& expected, const Session& s) {
  fail(what.text + " must be " + expected + ", got " + describe(v, s.language), rejectedHint(v));
}

}  // namespace

double toNumber(const Value& v, ParamType type, const What& what, const Session& s) {
  const double* d = v.get<double>();
  if (!d) {
    if (const bool* b = v.get<bool>(); b && s.language == Language::Python)
      return *b ? 1 : 0;  // Python's bool is an int
    wrongType(v, what, "a number", s);
  }
  if (!std::isfinite(*d)) {
    fail(what.text + " must be a finite number, got " + describe(v, s.language),
         s.language == Language::Python
             ? "inf or nan usually comes from a division by zero"
             : "NaN or Infinity usually comes from a division by zero or an undefined variable",
         ErrorCode::OutOfRange);
  }
  const std::string n = numberText(*d, s.language);
  switch (type) {
    case ParamType::NonNegative:
      if (*d < 0) fail(what.text + " must be 0 or more, got " + n, {}, ErrorCode::OutOfRange);
      break;
    case ParamType::Positive:
      if (*d <= 0) fail(what.text + " must be more than 0", {}, ErrorCode::OutOfRange);
      break;
    case ParamType::Opacity:
      if (*d < 0 || *d > 1) fail(what.text + " must be between 0 and 1, got " + n, {}, ErrorCode::OutOfRange);
      break;
    case ParamType::Integer:
      if (*d != std::floor(*d)) fail(what.text + " must be a whole number, got " + n, {}, ErrorCode::OutOfRange);
      break;
    default:
      break;
  }
  return *d;
}

bool toBool(const Value& v, const What& what, const Session& s) {
  const bool* b = v.get<bool>();
  if (!b) wrongType(v, what, s.language == Language::Python ? "True or False" : "true or false", s);
  return *b;
}

std::string toString(const Value& v, ParamType type, const std::vector<std::string>& choices, const What& what,
                     const Session& s) {
  std::string text;
  if (const std::string* str = v.get<std::string>()) {
    text = *str;
  } else if (const double* d = v.get<double>(); d && type == ParamType::Tex) {
    text = QString::number(*d, 'g', 16).toStdString();
  } else {
    wrongType(v, what, type == ParamType::Tex ? "a TeX string such as \"x^2\"" : "a string", s);
  }
  if (type == ParamType::Choice && !choices.empty()) {
    // Manim's weight and slant constants are upper case; compare them so.
    const bool upper = std::all_of(choices.begin(), choices.end(), [](const std::string& c) {
      return std::none_of(c.begin(), c.end(), [](char ch) { return std::islower(static_cast<unsigned char>(ch)); });
    });
    std::string key = text;
    if (upper) {
      for (char& c : key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (std::find(choices.begin(), choices.end(), key) == choices.end()) {
      std::string list;
      for (const auto& c : choices) list += (list.empty() ? "" : upper ? ", " : " ") + c;
      fail(what.text + " must be one of " + list + ", got " + describe(v, s.language));
    }
    return key;
  }
  return text;
}

Vec2 toVec(const Value& v, const What& what, const Session& s) {
  if (const Vec2* p = v.get<Vec2>()) return *p;
  if (const List* l = v.get<List>()) {
    // A list of one point is that point, as NumPy broadcasts it in Manim ([ax.c2p(1, 2)]).
    if (l->size() == 1 && ((*l)[0].get<Vec2>() || (*l)[0].get<List>())) return toVec((*l)[0], what, s);
    if (l->size() != 2 && l->size() != 3) {
      fail(what.text + " must be a vector [x, y], got " + describe(v, s.language));
    }
    const double x = toNumber((*l)[0], ParamType::Number, What{what.text + " x"}, s);
    const double y = toNumber((*l)[1], ParamType::Number, What{what.text + " y"}, s);
    if (l->size() == 3) toNumber((*l)[2], ParamType::Number, What{what.text + " z"}, s);
    return {x, y};
  }
  wrongType(v, what, "a vector such as UP or [1, 0.5]", s);
}

Color toColor(const Value& v, const What& what, const Session& s) {
  if (const Color* c = v.get<Color>()) return *c;
  if (const std::string* text = v.get<std::string>()) {
    if (auto c = Color::fromHex(*text)) return *c;
    if (auto c = manim::namedColor(*text)) return *c;
    fail(what.text + ": \"" + *text + "\" is not a colour",
         "use a palette name such as BLUE or RED_E, or a hex string such as \"#58C4DD\"");
  }
  wrongType(v, what, "a colour such as BLUE or \"#58C4DD\"", s);
}

MobjectId toMobject(const Value& v, const What& what, const Session& s) {
  if (const MobjectRef* m = v.get<MobjectRef>()) {
    if (s.graph.contains(m->id)) return m->id;
  }
  if (v.get<Rejected>() || v.get<MobjectRef>()) {
    fail(what.text + " must be a mobject this scene made, got " + describe(v, s.language),
         rejectedHint(v).empty() ? "use the mobjects that Square(), VGroup(), Text() and the other constructors return"
                                 : rejectedHint(v));
  }
  wrongType(v, what, "a mobject", s);
}

LayoutTarget toTarget(const Value& v, const What& what, const Session& s) {
  if (v.get<MobjectRef>() || v.get<Rejected>()) return toMobject(v, what, s);
  if (v.get<Vec2>() || v.get<List>()) return toVec(v, what, s);
  wrongType(v, what, "a mobject or a point such as [1, 0]", s);
}

AnimationSpec toAnimation(const Value& v, const What& what, const Session& s) {
  if (const AnimationRef* a = v.get<AnimationRef>(); a && a->index < s.animations.size()) {
    return s.animations[a->index];
  }
  if (const AnimateRef* a = v.get<AnimateRef>(); a && a->index < s.animates.size()) {
    const AnimateState& state = s.animates[a->index];
    AnimationSpec spec;
    spec.kind = AnimationKind::MethodAnimation;
    spec.target = state.mobject;
    spec.other = state.target;
    for (const std::string& m : state.methods) spec.methods += (spec.methods.empty() ? "" : ".") + m;
    return spec;
  }
  wrongType(v, what,
            s.language == Language::Python ? "an animation such as Write(title) or box.animate.shift(UP)"
                                           : "an animation such as Write(title) or box.animate.shift(UP)",
            s);
}

void checkPlaneAxis(const Value& v, const What& what) {
  const List* l = v.get<List>();
  const bool out = l && l->size() == 3 && (*l)[0].get<double>() && (*l)[1].get<double>() && (*l)[2].get<double>() &&
                   *(*l)[0].get<double>() == 0 && *(*l)[1].get<double>() == 0 && *(*l)[2].get<double>() > 0;
  if (!out) fail(what.text + ": attnplay rotates in the plane only (axis=OUT)");
}

Value callFunction(const Function& f, const List& args, const Session& s) {
  Result<Value> r = f.callable->call(args);
  if (!r) s.failWith(r.error());
  return std::move(*r);
}

Function toFunction(const Value& v, const What& what, const Session& s) {
  if (const Function* f = v.get<Function>()) return *f;
  wrongType(v, what, s.language == Language::Python ? "a function (a def or a lambda)" : "a function", s);
}

RateFunc toRateFunc(const Value& v, const What& what, const Session& s) {
  if (const RateFunc* r = v.get<RateFunc>()) return *r;
  if (const Function* f = v.get<Function>()) {
    // Sampled once, so evaluating the timeline never calls back into the scene's language.
    constexpr int kSamples = 1024;
    std::vector<double> samples;
    samples.reserve(kSamples + 1);
    for (int i = 0; i <= kSamples; ++i) {
      const Value y = callFunction(*f, {static_cast<double>(i) / kSamples}, s);
      const double* d = y.get<double>();
      if (!d || !std::isfinite(*d)) {
        fail(what.text + ": the rate function's result at " + std::to_string(i) +
                 "/1024 must be a finite number, got " + describe(y, s.language),
             "a rate function takes a progress from 0 to 1 and gives a number");
      }
      samples.push_back(*d);
    }
    return RateFunc::sampled("custom", std::move(samples));
  }
  if (const std::string* name = v.get<std::string>()) {
    if (auto f = RateFunc::named(*name)) return *f;
    fail(what.text + ": unknown rate function \"" + *name + "\"",
         "use one of Manim's: smooth, linear, there_and_back, rush_into, … (docs/scene-api.md)");
  }
  wrongType(v, what, "a rate function such as smooth or linear", s);
}

attention::Matrix toMatrix(const Value& v, const What& what, const Session& s, bool& vector) {
  const List* rows = v.get<List>();
  if (!rows || rows->empty()) wrongType(v, what, "a list of numbers or a list of rows", s);
  vector = !(*rows)[0].get<List>();
  if (vector) {
    attention::Matrix m(1, static_cast<Eigen::Index>(rows->size()));
    for (std::size_t c = 0; c < rows->size(); ++c)
      m(0, static_cast<Eigen::Index>(c)) = toNumber((*rows)[c], ParamType::Number, what, s);
    return m;
  }
  const std::size_t cols = (*rows)[0].get<List>()->size();
  attention::Matrix m(static_cast<Eigen::Index>(rows->size()), static_cast<Eigen::Index>(cols));
  for (std::size_t r = 0; r < rows->size(); ++r) {
    const List* row = (*rows)[r].get<List>();
    if (!row || row->size() != cols) {
      fail(what.text + ": row " + std::to_string(r + 1) + " must be a list of " + std::to_string(cols) + " numbers");
    }
    for (std::size_t c = 0; c < cols; ++c)
      m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = toNumber((*row)[c], ParamType::Number, what, s);
  }
  return m;
}

Value fromMatrix(const attention::Matrix& m, bool vector) {
  List out;
  if (vector) {
    for (Eigen::Index c = 0; c < m.cols(); ++c) out.emplace_back(m(0, c));
    return out;
  }
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    List row;
    for (Eigen::Index c = 0; c < m.cols(); ++c) row.emplace_back(m(r, c));
    out.emplace_back(std::move(row));
  }
  return out;
}

}  // namespace detail

}  // namespace attnplay::api
