#!/bin/sh
# Installs what is missing, then builds and runs every test: the normal build, then the
# AddressSanitizer + UndefinedBehaviorSanitizer build. CI runs exactly this (.ci/run).
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default
ctest --preset default
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
ctest --preset fuzz
