#!/bin/sh
# Installs what is missing, builds attnplay, and renders the default scene to a PNG.
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default
./build/attnplay-cli frame scenes/attention_arrows.js -o build/attention_arrows.png
