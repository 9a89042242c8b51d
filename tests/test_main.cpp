// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <QCoreApplication>

// Scene scripts run in QJSEngine, which wants a core application; nothing here needs a display.
int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
