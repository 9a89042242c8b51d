#!/bin/sh
# One task of a fanned-out export: task INDEX renders chunk INDEX % CHUNKS of variant
# INDEX / CHUNKS (its line in VARIANTS) into PARTS/NAME.K.mp4. Every task of one export is
# independent; run them anywhere, in any order, then join-all.sh.
#
#   render-task.sh INDEX        with SCENE, VARIANTS, CHUNKS, PARTS (and optionally QUALITY,
#                               ATTNPLAY_CLI) in the environment
set -eu
index=${1:?usage: render-task.sh INDEX}
: "${SCENE:?set SCENE to the scene file}" "${VARIANTS:?set VARIANTS to the .jsonl file}"
: "${CHUNKS:?set CHUNKS to the chunks per variant}" "${PARTS:?set PARTS to the folder for the chunks}"
cli=${ATTNPLAY_CLI:-attnplay-cli}
variant=$((index / CHUNKS))
chunk=$((index % CHUNKS))
mkdir -p "$PARTS"
# --no-cache: a farm node's cache would rarely be asked again; --threads 1: the farm gives one
# core per task (raise it with the task's cores).
exec "$cli" render "$SCENE" --variants "$VARIANTS" --variant-index "$variant" --chunk "$chunk/$CHUNKS" \
  -o "$PARTS/{name}.$chunk.mp4" --quality "${QUALITY:-h}" --no-cache --threads "${THREADS:-1}"
