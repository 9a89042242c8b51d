#!/bin/sh
# Installs what is missing, builds attnplay, and opens the player on the default scene. Without a
# display it renders the default scene to a PNG instead and prints its path.
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec ./build/attnplay scenes/self_attention.js
fi
echo "attnplay: no display to open the player on; rendering the default scene instead" >&2
./build/attnplay-cli frame scenes/self_attention.js -o build/self_attention.png
