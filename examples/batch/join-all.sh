#!/bin/sh
# Joins every variant's chunks, PARTS/NAME.0.mp4 … PARTS/NAME.(CHUNKS-1).mp4, into OUT/NAME.mp4
# by stream copy. Fails (and names the variant) if a chunk is missing or out of place.
#
#   join-all.sh                 with VARIANTS, CHUNKS, PARTS, OUT (and optionally ATTNPLAY_CLI)
set -eu
: "${VARIANTS:?set VARIANTS to the .jsonl file}" "${CHUNKS:?set CHUNKS to the chunks per variant}"
: "${PARTS:?set PARTS to the folder of the chunks}" "${OUT:?set OUT to the folder for the videos}"
cli=${ATTNPLAY_CLI:-attnplay-cli}
mkdir -p "$OUT"
failed=0
# The names, in the file's order (one JSON object per line, each with a "name").
for name in $(sed -n 's/.*"name"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$VARIANTS"); do
  set --
  k=0
  while [ "$k" -lt "$CHUNKS" ]; do
    set -- "$@" "$PARTS/$name.$k.mp4"
    k=$((k + 1))
  done
  "$cli" join -o "$OUT/$name.mp4" "$@" || { echo "join-all.sh: $name failed" >&2; failed=1; }
done
exit "$failed"
