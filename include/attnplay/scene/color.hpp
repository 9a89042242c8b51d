// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "attnplay/frame/color.hpp"

namespace attnplay::manim {

/// Manim Community v0.17.3's palette (manim/utils/color.py), GREY_* spellings included.
const std::vector<std::pair<std::string, Color>>& palette();
/// Looks a palette name up, case-insensitively ("BLUE_E", "blue_e").
std::optional<Color> namedColor(std::string_view name);

inline const Color WHITE{1, 1, 1};
inline const Color BLACK{0, 0, 0};

}  // namespace attnplay::manim
