// SPDX-License-Identifier: MIT
#include "attnplay/scene_api/json_value.hpp"

#include <QJsonArray>
#include <QJsonDocument>

namespace attnplay {

std::string toJsonText(const QJsonValue& value) {
  // Wrapped in an array, written, and the brackets stripped.
  const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
  return wrapped.mid(1, wrapped.size() - 2).toStdString();
}

std::optional<QJsonValue> parseJsonText(std::string_view text) {
  QByteArray wrapped = "[";
  wrapped.append(text.data(), static_cast<qsizetype>(text.size()));
  wrapped.append(']');
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &error);
  if (error.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1) return std::nullopt;
  return doc.array().at(0);
}

}  // namespace attnplay
