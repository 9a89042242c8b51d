// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "attnplay/animation/rate_functions.hpp"
#include "attnplay/base/error.hpp"
#include "attnplay/frame/color.hpp"
#include "attnplay/geometry/path.hpp"
#include "attnplay/scene/scene_graph.hpp"

namespace attnplay::api {

/// The scene language a call comes from: it decides how names and values are spelled in
/// messages (next_to() and None in Python, nextTo() and undefined in JavaScript), nothing else.
enum class Language { JavaScript, Python };

/// A mobject of the run.
struct MobjectRef {
  MobjectId id = 0;
};
/// An animation of the run, recorded by the scene API until play() takes it.
struct AnimationRef {
  std::uint32_t index = 0;
};
/// A `mobject.animate` of the run: the methods called on it shape one transform's end state.
struct AnimateRef {
  std::uint32_t index = 0;
};
/// A value a binding could not take for what it looks like (a forged mobject handle, one from
/// an earlier run): the scene API's checks name it, with the binding's words.
struct Rejected {
  std::string description;  ///< "a forged one (_id 3)"
  std::string hint;
};

struct Value;
using List = std::vector<Value>;
using Dict = std::vector<std::pair<std::string, Value>>;

/// A function of the scene's own: an updater, always_redraw's builder, a rate function. The
/// binding calls it in its language; what to call it with and when is the scene API's.
class Callable {
 public:
  virtual ~Callable() = default;
  /// Calls it. A failure comes back as an Error; the binding keeps its language's own exception
  /// (with the scene line it came from) and raises that when the error reaches the scene.
  virtual Result<Value> call(const List& args) = 0;
  /// Whether `other` is the very same function (Python's `is`, JavaScript's ===).
  virtual bool same(const Callable& other) const = 0;
  /// Whether it takes the time step: Manim passes dt to an updater with a parameter named dt
  /// (Python); a JavaScript function takes it as its second parameter.
  virtual bool takesTimeStep() const = 0;
};

/// A scene function as a value.
struct Function {
  std::shared_ptr<Callable> callable;
};

/// A value crossing between a scene language and the scene API. A binding converts its
/// language's values to these and back; every rule about them is the scene API's.
struct Value {
  using Data = std::variant<std::monostate, bool, double, std::string, Vec2, Color, MobjectRef, AnimationRef,
                            AnimateRef, RateFunc, Function, Rejected, List, Dict>;
  Data data;

  Value() = default;
  Value(bool b) : data(b) {}                      // NOLINT(google-explicit-constructor)
  Value(double d) : data(d) {}                    // NOLINT(google-explicit-constructor)
  Value(int i) : data(static_cast<double>(i)) {}  // NOLINT(google-explicit-constructor)
  Value(std::string s) : data(std::move(s)) {}    // NOLINT(google-explicit-constructor)
  Value(const char* s) : data(std::string(s)) {}  // NOLINT(google-explicit-constructor)
  Value(const Vec2& p) : data(p) {}               // NOLINT(google-explicit-constructor)
  Value(const Color& c) : data(c) {}              // NOLINT(google-explicit-constructor)
  Value(MobjectRef m) : data(m) {}                // NOLINT(google-explicit-constructor)
  Value(AnimationRef a) : data(a) {}              // NOLINT(google-explicit-constructor)
  Value(AnimateRef a) : data(a) {}                // NOLINT(google-explicit-constructor)
  Value(RateFunc r) : data(std::move(r)) {}       // NOLINT(google-explicit-constructor)
  Value(Function f) : data(std::move(f)) {}       // NOLINT(google-explicit-constructor)
  Value(Rejected r) : data(std::move(r)) {}       // NOLINT(google-explicit-constructor)
  Value(List l) : data(std::move(l)) {}           // NOLINT(google-explicit-constructor)
  Value(Dict d) : data(std::move(d)) {}           // NOLINT(google-explicit-constructor)

  /// Nothing: Python's None, JavaScript's undefined and null. An argument given as nothing
  /// counts as not given, as a Manim default of None does.
  bool isNone() const { return std::holds_alternative<std::monostate>(data); }
  template <typename T>
  const T* get() const {
    return std::get_if<T>(&data);
  }
};

/// A call's arguments: positional in Manim's order, then keywords by Manim's snake_case name.
struct Args {
  List positional;
  std::vector<std::pair<std::string, Value>> keywords;
};

/// A snake_case name as the language spells it: next_to stays next_to in Python and becomes
/// nextTo in JavaScript.
std::string spell(std::string_view name, Language language);
/// A camelCase name in Manim's snake_case (fillColor → fill_color): how a JavaScript option's
/// key finds its parameter.
std::string snakeCase(std::string_view name);
/// A value for a message, as its language would name it: "the number 3", "the string \"x\"",
/// "a list of 2" (an array of 2), "None" (undefined).
std::string describe(const Value& value, Language language);

}  // namespace attnplay::api
