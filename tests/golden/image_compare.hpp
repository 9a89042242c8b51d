// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <QString>

namespace attnplay::testing {

/// How far two frames may differ. A pixel matches when every channel is within
/// kChannelTolerance; at most kMaxMismatchFraction of the pixels may miss that, and none of them
/// by more than kMaxChannelDelta — so a change confined to a few pixels (a join style, a cap, a
/// misplaced glyph) fails however small its area.
inline constexpr int kChannelTolerance = 1;
inline constexpr double kMaxMismatchFraction = 0.001;
inline constexpr int kMaxChannelDelta = 8;

struct Comparison {
  bool sameSize = false;
  long long mismatched = 0;  ///< pixels with a channel off by more than kChannelTolerance
  double fraction = 0;
  int maxDelta = 0;
  QImage diff;  ///< black where equal, red where beyond tolerance, grey where within
  bool passes() const { return sameSize && fraction <= kMaxMismatchFraction && maxDelta <= kMaxChannelDelta; }
};

Comparison compareImages(const QImage& expected, const QImage& actual);

/// Compares `actual` with the golden PNG at `goldenPath`. With ATTNPLAY_UPDATE_GOLDENS=1 in the
/// environment it rewrites the golden instead and says so on stdout. On failure it writes
/// `<name>.actual.png` and `<name>.diff.png` under ATTNPLAY_TEST_OUTPUT_DIR. Returns a message
/// that is empty on success.
QString checkGolden(const QImage& actual, const QString& goldenPath, const QString& name);

}  // namespace attnplay::testing
