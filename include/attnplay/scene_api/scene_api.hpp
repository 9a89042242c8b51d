// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "attnplay/base/error.hpp"
#include "attnplay/scene_api/run_options.hpp"
#include "attnplay/scene_api/scene_builder.hpp"
#include "attnplay/scene_api/value.hpp"

namespace attnplay::api {

/// What a name of the table is.
enum class EntryKind {
  Mobject,    ///< a mobject class: Rectangle(...)
  Method,     ///< a method of a mobject class: next_to(...)
  Animation,  ///< an animation class: Write(...)
  Function,   ///< a scene or module function: play(...), interpolate_color(...)
};

/// "mobject", "method", "animation" or "function": how a binding tells its language's side.
const char* kindName(EntryKind kind);

/// What a parameter takes; the scene API checks it and names it in its messages.
enum class ParamType {
  Number,       ///< a finite number
  NonNegative,  ///< a finite number ≥ 0
  Positive,     ///< a finite number > 0
  Opacity,      ///< a number from 0 to 1
  Integer,      ///< a whole number
  Boolean,
  String,
  Tex,     ///< a TeX string (a number is written as it prints)
  Choice,  ///< one of a list of strings
  Vector,  ///< a point or direction: [x, y] or [x, y, z]
  Color,   ///< a palette name, "#RRGGBB" or a colour value
  Mobject,
  Target,     ///< a mobject or a point
  Animation,  ///< an animation, or a mobject.animate
  RateFunc,   ///< one of Manim's by name, or a function of the scene's
  Function,   ///< a function of the scene's (an updater, always_redraw's builder)
  Any,        ///< any value (a parameter's default, a list of numbers)
};

/// One parameter of a name, in Manim's order and spelling.
struct ParamInfo {
  std::string name;  ///< snake_case: fill_color
  ParamType type = ParamType::Any;
  bool variadic = false;  ///< takes the rest of the positional arguments (*mobjects)
  bool required = false;
  std::string defaultText;  ///< Manim's default as it reads in a scene: "4.0", "WHITE", "RIGHT"
  std::vector<std::string> choices;
  /// How messages name it when given by position: "the target"; empty for "the <name>".
  std::string role;
};

/// One name of the scene API. The table of them is the one list both languages bind and the
/// reference docs are made from.
struct EntryInfo {
  std::string owner;  ///< the class a method belongs to ("Mobject", "Matrix"); empty for the rest
  std::string name;   ///< Manim's spelling: Rectangle, next_to, Write, play
  EntryKind kind = EntryKind::Function;
  std::vector<ParamInfo> params;
  std::string summary;
  /// A method that may follow `.animate` (it changes the mobject's shape or style).
  bool animatable = false;
  /// Supporting a language's own syntax (indexing, len(), properties) rather than a Manim name.
  bool internal = false;
};

/// Every name, mobjects first, then methods, animations and functions.
const std::vector<EntryInfo>& nameTable();
/// The entry for `name` (owner "" for classes and functions); null when there is none.
const EntryInfo* findEntry(std::string_view owner, std::string_view name);

/// One run of a scene through the scene API: the Manim vocabulary, written once. Every
/// mobject constructor with Manim's defaults, layout, styles, animations and their options,
/// validation and message text is here; a language binding converts its values to Value, calls
/// these, and converts the result back. Errors come back with the API call in front
/// ("next_to(): …", spelled as the language spells it) and a hint.
class SceneApi {
 public:
  SceneApi(SceneGraph& graph, const ScriptOptions& options, Language language);
  ~SceneApi();
  SceneApi(const SceneApi&) = delete;
  SceneApi& operator=(const SceneApi&) = delete;

  /// A class or function of the table: call("Rectangle", {{}, {{"width", 2.0}}}).
  Result<Value> call(std::string_view name, const Args& args);
  /// A method of the mobject (or .animate builder) `self`.
  Result<Value> method(const Value& self, std::string_view name, const Args& args);

  Language language() const;
  SceneBuilder& builder();
  const SceneGraph& graph() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace attnplay::api
