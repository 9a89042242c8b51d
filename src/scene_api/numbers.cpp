// SPDX-License-Identifier: MIT
// The scene API's DecimalNumber and Integer (ManimCE 0.17.3's mobject/text/numbers.py); the
// rules are the scene library's (attnplay/scene/graphing.hpp).
#include <cmath>

#include "session.hpp"

namespace attnplay::api::detail {

void addNumbers(std::vector<Entry>& table) {
  struct DecimalArgs {
    double number = 0;
    std::optional<double> places;
    DecimalOptions o;
    std::optional<Color> color;
  };
  for (const bool integer : {false, true}) {
    const char* name = integer ? "Integer" : "DecimalNumber";
    std::vector<Field<DecimalArgs>> fields = {
        field("number", &DecimalArgs::number, ParamType::Number, "0"),
        field("num_decimal_places", &DecimalArgs::places, ParamType::Integer, integer ? "0" : "2"),
    };
    const auto flag = [&](const char* option, bool DecimalOptions::*member, const char* def) {
      Field<DecimalArgs> f;
      f.info = {option, ParamType::Boolean, false, false, def, {}, {}};
      f.set = [member](DecimalArgs& a, const Value& v, const What& w, const Session& s) {
        a.o.*member = toBool(v, w, s);
      };
      fields.push_back(f);
    };
    flag("include_sign", &DecimalOptions::includeSign, "False");
    flag("group_with_commas", &DecimalOptions::groupWithCommas, "True");
    flag("show_ellipsis", &DecimalOptions::showEllipsis, "False");
    {
      Field<DecimalArgs> f;
      f.info = {"unit", ParamType::Tex, false, false, "None", {}, {}};
      f.set = [](DecimalArgs& a, const Value& v, const What& w, const Session& s) {
        a.o.unit = toString(v, ParamType::Tex, {}, w, s);
      };
      fields.push_back(f);
      f.info = {"edge_to_fix", ParamType::Vector, false, false, "LEFT", {}, {}};
      f.set = [](DecimalArgs& a, const Value& v, const What& w, const Session& s) { a.o.edgeToFix = toVec(v, w, s); };
      fields.push_back(f);
      f.info = {"font_size", ParamType::Positive, false, false, "DEFAULT_FONT_SIZE", {}, {}};
      f.set = [](DecimalArgs& a, const Value& v, const What& w, const Session& s) {
        a.o.fontSize = toNumber(v, ParamType::Positive, w, s);
      };
      fields.push_back(f);
    }
    fields.push_back(field("color", &DecimalArgs::color, ParamType::Color, "WHITE"));
    table.push_back(
        entry(mobjectInfo(name, integer ? "a whole number, one MathTex per digit"
                                        : "a number with a fixed count of decimals, one MathTex per character"),
              std::move(fields), [integer](Session& s, const Self&, DecimalArgs& a) -> Value {
                a.o.decimalPlaces = static_cast<int>(a.places.value_or(integer ? 0 : 2));
                if (a.o.decimalPlaces < 0 || a.o.decimalPlaces > 100) {
                  fail(s.current + ": " + s.spelled("num_decimal_places") + " must be from 0 to 100", {},
                       ErrorCode::OutOfRange);
                }
                if (a.color) a.o.color = *a.color;
                s.check(s.builder.checkRoom(kMaxDecimalCharacters * 4));
                const MobjectId id = s.check(makeDecimalNumber(s.graph, a.number, a.o));
                if (integer) s.graph[id].kind = "Integer";
                s.decimals[id] = {a.number, a.o, s.graph.height(id)};
                return MobjectRef{id};
              }));
  }
  for (const char* owner : {"DecimalNumber", "Integer"}) {
    const auto decimalOf = [](Session& s, MobjectId id) -> Session::Decimal& {
      const auto it = s.decimals.find(id);
      if (it == s.decimals.end()) fail(s.current + ": this " + s.graph[id].kind + " is not a DecimalNumber");
      return it->second;
    };
    const bool integer = std::string_view(owner) == "Integer";
    table.push_back(reading(methodInfo("get_value", "the number it shows", false, false, owner),
                            [decimalOf, integer](Session& s, MobjectId id) {
                              const double n = decimalOf(s, id).number;
                              return Value(integer ? std::nearbyint(n) : n);
                            }));
    struct ValueArgs {
      double value = 0;
    };
    const auto set = [decimalOf](Session& s, MobjectId id, double value) {
      Session::Decimal& d = decimalOf(s, id);
      s.check(s.builder.checkRoom(kMaxDecimalCharacters * 4));
      d.initialHeight = s.check(setDecimalNumber(s.graph, id, value, d.options, d.initialHeight));
      d.number = value;
    };
    table.push_back(
        changing(methodInfo("set_value", "shows another number, its left edge kept", true, false, owner),
                 std::vector<Field<ValueArgs>>{required(field("number", &ValueArgs::value, ParamType::Number))},
                 [set](Session& s, MobjectId id, ValueArgs& a) { set(s, id, a.value); }));
    table.push_back(changing(
        methodInfo("increment_value", "adds to the number it shows", true, false, owner),
        std::vector<Field<ValueArgs>>{field("delta_t", &ValueArgs::value, ParamType::Number, "1")},
        [set, decimalOf](Session& s, MobjectId id, ValueArgs& a) { set(s, id, decimalOf(s, id).number + a.value); }));
  }
}

}  // namespace attnplay::api::detail
