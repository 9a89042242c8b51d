#!/bin/sh
# Installs what is missing, then builds and runs every test: the development build, a plain
# release build with an outside project consuming its install, the AddressSanitizer +
# UndefinedBehaviorSanitizer build, and a fuzz run. CI runs exactly this (.ci/run).
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default
ctest --preset default
# A user's plain release build, tests off (no GTest, no Qt Test), installed; then an outside
# project builds and runs against the installed package alone.
prefix="$PWD/build-release/prefix"
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DATTNPLAY_BUILD_TESTS=OFF -DCMAKE_INSTALL_PREFIX="$prefix" >/dev/null
cmake --build build-release --parallel 2
rm -rf "$prefix"
cmake --install build-release >/dev/null
cmake -S tests/consumer -B build-release/consumer -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build build-release/consumer
./build-release/consumer/attnplay_consumer "$prefix"
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
ctest --preset fuzz
