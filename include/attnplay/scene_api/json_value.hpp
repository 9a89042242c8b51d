// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonValue>
#include <optional>
#include <string>
#include <string_view>

namespace attnplay {

/// Any JSON value as compact text: `3`, `"cat"`, `[0.1,0.9]` (QJsonDocument alone writes only
/// arrays and objects). Parameter values travel between scenes, sidecars and editors as this.
std::string toJsonText(const QJsonValue& value);
/// The one JSON value `text` holds; nullopt when it holds anything else.
std::optional<QJsonValue> parseJsonText(std::string_view text);

}  // namespace attnplay
