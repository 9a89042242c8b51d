#!/bin/sh
# Times a batch of what-if variants beside the same exports one by one, in the same run:
# `attnplay-cli render SCENE --variants V.jsonl -o 'out/{name}.mp4'` against one
# `attnplay-cli render SCENE --set seed=K -o out/K.mp4` per variant, each mode with a fresh piece
# cache of its own (so the single exports share pieces through it too): the batch first, then
# the singles.
#
#   tests/bench/variants-compare.sh [VARIANTS [QUALITY [SCENE.js]]]     (default 20 h heatmap.js)
set -eu
cd "$(dirname "$0")/../.."
count=${1:-20}
quality=${2:-h}
scene=scenes/${3:-heatmap.js}
cli=$PWD/build/attnplay-cli
[ -x "$cli" ] || { echo "no $cli: build first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
i=1
while [ "$i" -le "$count" ]; do
  echo "{\"name\": \"seed-$i\", \"seed\": $i}"
  i=$((i + 1))
done >"$work/v.jsonl"
now() { date +%s.%N; }

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  attnplay: $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')"
echo "command: $0 $count $quality ${3:-heatmap.js}"
rm -rf "$work/c1" "$work/b"
t0=$(now)
XDG_CACHE_HOME=$work/c1 $cli render "$scene" --variants "$work/v.jsonl" -o "$work/b/{name}.mp4" -q"$quality" 2>/dev/null >"$work/batch.txt" ||
  { echo "the batch failed" >&2; exit 1; }
t1=$(now)
mkdir -p "$work/s"
i=1
while [ "$i" -le "$count" ]; do
  XDG_CACHE_HOME=$work/c2 $cli render "$scene" --set seed=$i -o "$work/s/seed-$i.mp4" -q"$quality" >/dev/null 2>&1
  i=$((i + 1))
done
t2=$(now)
same=0
i=1
while [ "$i" -le "$count" ]; do
  cmp -s "$work/b/seed-$i.mp4" "$work/s/seed-$i.mp4" && same=$((same + 1))
  i=$((i + 1))
done
batch=$(echo "$t1 - $t0" | bc)
single=$(echo "$t2 - $t1" | bc)
echo
echo "| $count variants of ${3:-heatmap.js} -q$quality | wall | per variant |"
echo "|---|---|---|"
echo "| one batch (--variants) | $(printf %.2f "$batch") s | $(printf %.3f "$(echo "$batch / $count" | bc -l)") s |"
echo "| $count single exports | $(printf %.2f "$single") s | $(printf %.3f "$(echo "$single / $count" | bc -l)") s |"
echo "| batch / single | $(printf %.2f "$(echo "$batch / $single" | bc -l)") | |"
echo
echo "identical files (batch vs single): $same of $count"
tail -n 1 "$work/batch.txt"
