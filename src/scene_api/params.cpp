// SPDX-License-Identifier: MIT
// Parameter declarations: what param() accepts, and how an override from --set, a params file
// or the player's panel is checked against the declaration.
#include <QJsonArray>
#include <algorithm>
#include <cmath>

#include "attnplay/scene_api/json_value.hpp"
#include "attnplay/scene_api/scene_builder.hpp"

namespace attnplay {

namespace {

bool isArrayOf(const QJsonValue& v, bool (QJsonValue::*is)() const) {
  if (!v.isArray() || v.toArray().isEmpty()) return false;
  const QJsonArray a = v.toArray();
  return std::all_of(a.begin(), a.end(), [&](const QJsonValue& e) { return (e.*is)(); });
}

bool isMatrix(const QJsonValue& v) {
  if (!v.isArray() || v.toArray().isEmpty()) return false;
  const auto rows = v.toArray();
  return std::all_of(rows.begin(), rows.end(), [&](const QJsonValue& row) {
    return isArrayOf(row, &QJsonValue::isDouble) && row.toArray().size() == rows.first().toArray().size();
  });
}

bool isWhole(const QJsonValue& v) { return v.isDouble() && std::floor(v.toDouble()) == v.toDouble(); }

/// The kind a default value implies, when the scene names none.
std::string inferKind(const QJsonValue& v) {
  if (v.isBool()) return "boolean";
  if (v.isDouble()) return isWhole(v) ? "integer" : "number";
  if (v.isString()) return "text";
  if (isArrayOf(v, &QJsonValue::isString)) return "tokens";
  if (isArrayOf(v, &QJsonValue::isDouble)) return "weights";
  if (isMatrix(v)) return "matrix";
  return {};
}

bool fitsKind(const QJsonValue& v, const std::string& kind) {
  if (kind == "boolean") return v.isBool();
  if (kind == "number") return v.isDouble();
  if (kind == "integer") return isWhole(v);
  if (kind == "text") return v.isString();
  if (kind == "tokens") return isArrayOf(v, &QJsonValue::isString);
  if (kind == "weights") return isArrayOf(v, &QJsonValue::isDouble);
  if (kind == "matrix") return isMatrix(v);
  return false;
}

std::string kindExample(const std::string& kind) {
  if (kind == "boolean") return "true or false";
  if (kind == "number") return "a number such as 0.5";
  if (kind == "integer") return "a whole number such as 3";
  if (kind == "text") return "text such as \"cat\"";
  if (kind == "tokens") return "a list of words such as [\"The\", \"cat\"]";
  if (kind == "weights") return "a list of numbers such as [0.1, 0.9]";
  return "a list of equal-length lists of numbers such as [[0.5, 0.5], [0.2, 0.8]]";
}

std::string number(double v) { return QString::number(v).toStdString(); }

std::string describe(const QJsonValue& v) {
  if (v.isUndefined()) return "nothing";
  if (v.isNull()) return "null";
  if (v.isObject()) return "an object";
  if (v.isArray()) return v.toArray().isEmpty() ? "an empty list" : "a list of mixed values";
  return toJsonText(v);
}

}  // namespace

std::string SceneBuilder::overrideOrigin(const std::string& name) const {
  const auto it = options_.overrideSources.find(name);
  return it == options_.overrideSources.end() ? "--set " : it->second + ": ";
}

Result<std::optional<QJsonValue>> SceneBuilder::param(const ParamRequest& request, const std::string& api) {
  const std::string& key = request.name;
  const auto declarationError = [&](const std::string& what) {
    return Error(ErrorCode::InvalidArgument, api + ": " + what);
  };
  if (key.empty()) return declarationError("the name must be a non-empty string");
  for (const auto& p : params_) {
    if (p.name == key) return declarationError("'" + key + "' is declared twice");
  }
  const QJsonValue& def = request.fallback;
  const std::string kind = request.kind.value_or(inferKind(def));
  if (kind.empty() || !fitsKind(def, kind)) {
    return declarationError("the default of '" + key +
                            "' must be a number, true/false, text, a list of words, a list of numbers or a matrix "
                            "of numbers, got " +
                            describe(def));
  }

  ParamDecl decl;
  decl.name = key;
  decl.kind = kind;
  decl.defaultJson = toJsonText(def);
  decl.label = request.label.value_or(key);
  decl.min = request.min;
  decl.max = request.max;
  decl.colors = request.colors;
  decl.colorScale = request.colorScale;
  for (const QJsonValue& c : request.choices) decl.choices.push_back(toJsonText(c));
  if (!decl.choices.empty() &&
      std::find(decl.choices.begin(), decl.choices.end(), decl.defaultJson) == decl.choices.end()) {
    return declarationError("the default of '" + key + "', " + decl.defaultJson + ", is not one of the choices");
  }

  QJsonValue value = def;
  const auto found = options_.overrides.find(key);
  if (found != options_.overrides.end()) {
    const std::string& text = found->second;
    const std::string where = overrideOrigin(key) + key + "=" + text;
    if (const auto parsed = parseJsonText(text)) {
      value = *parsed;
    } else if (kind == "text") {
      value = QString::fromStdString(text);  // a bare word is the text itself
    } else {
      return Error(ErrorCode::InvalidArgument, where + ": the value is not valid JSON",
                   "give " + kindExample(kind) + ", as the default " + decl.defaultJson + " is");
    }
    if (!fitsKind(value, kind)) {
      return Error(ErrorCode::InvalidArgument, where + ": expected " + kindExample(kind),
                   "the default is " + decl.defaultJson);
    }
    if (value.isDouble() && decl.min && value.toDouble() < *decl.min) {
      return Error(ErrorCode::OutOfRange, where + ": below the minimum " + number(*decl.min));
    }
    if (value.isDouble() && decl.max && value.toDouble() > *decl.max) {
      return Error(ErrorCode::OutOfRange, where + ": above the maximum " + number(*decl.max));
    }
  }
  decl.valueJson = toJsonText(value);
  if (!decl.choices.empty() &&
      std::find(decl.choices.begin(), decl.choices.end(), decl.valueJson) == decl.choices.end()) {
    std::string list;
    for (const auto& c : decl.choices) list += (list.empty() ? "" : ", ") + c;
    return Error(ErrorCode::InvalidArgument,
                 overrideOrigin(key) + key + ": " + decl.valueJson + " is not one of the choices",
                 "choose one of " + list);
  }
  params_.push_back(decl);
  if (found == options_.overrides.end()) return std::optional<QJsonValue>{};
  return std::optional<QJsonValue>{value};
}

Status SceneBuilder::checkOverrides() const {
  if (options_.ignoreUnknownOverrides) return {};
  for (const auto& override : options_.overrides) {
    const std::string& name = override.first;  // named, not bound: Clang 14 cannot capture a binding
    if (std::none_of(params_.begin(), params_.end(), [&](const ParamDecl& p) { return p.name == name; })) {
      std::string names;
      for (const auto& p : params_) names += (names.empty() ? "" : ", ") + p.name;
      return Error(ErrorCode::InvalidArgument,
                   overrideOrigin(name) + name + ": the scene declares no parameter '" + name + "'",
                   params_.empty() ? "this scene declares no parameters" : "its parameters are: " + names);
    }
  }
  return {};
}

}  // namespace attnplay
