// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QTemporaryDir>

// Scene scripts run in QJSEngine, which wants a core application; nothing here needs a display.
int main(int argc, char** argv) {
  // Exports keep pieces in the user's cache folder: a test run (and every program it starts)
  // gets a folder of its own, so it neither reads nor fills the user's.
  QTemporaryDir cache;
  qputenv("XDG_CACHE_HOME", cache.path().toLocal8Bit());
  QCoreApplication app(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
