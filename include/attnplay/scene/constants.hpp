// SPDX-License-Identifier: MIT
#pragma once

#include "attnplay/frame/frame_state.hpp"
#include "attnplay/geometry/path.hpp"

/// Manim Community v0.17.3's constants (the frame's size and stroke defaults are in frame/), in Manim's spelling
/// (manim/constants.py, _config/utils.py).
namespace attnplay::manim {

inline constexpr double FRAME_X_RADIUS = FRAME_WIDTH / 2;
inline constexpr double FRAME_Y_RADIUS = FRAME_HEIGHT / 2;

inline constexpr double SMALL_BUFF = 0.1;
inline constexpr double MED_SMALL_BUFF = 0.25;
inline constexpr double MED_LARGE_BUFF = 0.5;
inline constexpr double LARGE_BUFF = 1.0;
inline constexpr double DEFAULT_MOBJECT_TO_MOBJECT_BUFFER = MED_SMALL_BUFF;
inline constexpr double DEFAULT_MOBJECT_TO_EDGE_BUFFER = MED_LARGE_BUFF;

inline constexpr double DEFAULT_ARROW_TIP_LENGTH = 0.35;
inline constexpr double DEFAULT_DOT_RADIUS = 0.08;

inline const Vec2 ORIGIN{0, 0};
inline const Vec2 UP{0, 1};
inline const Vec2 DOWN{0, -1};
inline const Vec2 LEFT{-1, 0};
inline const Vec2 RIGHT{1, 0};
inline const Vec2 UL{-1, 1};
inline const Vec2 UR{1, 1};
inline const Vec2 DL{-1, -1};
inline const Vec2 DR{1, -1};

}  // namespace attnplay::manim
