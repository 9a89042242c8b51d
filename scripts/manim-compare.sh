#!/bin/sh
# Times whole exports beside ManimCE in the same run: `attnplay-cli render` of scenes/*.js and
# `manim` on the seed's own Python file, alternating round by round (who goes first alternates
# too). Manim's Tex cache is warmed once and kept; its partial movies are deleted before every
# run, so each run renders every frame. Prints medians and the ratio Manim/attnplay, with the
# date and the command.
#
#   scripts/manim-compare.sh SEED_PY [ROUNDS] [QUALITY:SCENE.js:ManimClass …]
#
# SEED_PY is the seed's scenes as one Python file (../shared/tools/attention_scenes.py); `manim`
# (ManimCE 0.17.3) must be on PATH. Needs build/attnplay-cli.
set -eu
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: $0 SEED_PY [ROUNDS] [QUALITY:SCENE.js:ManimClass …]" >&2; exit 1; }
seed=$(realpath "$1")
rounds=${2:-3}
[ $# -ge 2 ] && shift 2 || shift $#
cases=${*:-l:self_attention.js:SelfAttentionDemo l:qkv.js:QKVVisualization l:score_matrix.js:AttentionScoreMatrix}
[ $# -gt 0 ] || cases="$cases l:heatmap.js:AttentionHeatmap h:self_attention.js:SelfAttentionDemo h:heatmap.js:AttentionHeatmap"
command -v manim >/dev/null || { echo "no manim on PATH (../shared/tools/manim-env installs it)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "attnplay: $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'); manim: $(manim --version 2>/dev/null | head -n 1)"
echo "command: $0 $seed $rounds $cases"
printf '\n| scene | quality | attnplay | ManimCE | ManimCE / attnplay |\n|---|---|---|---|---|\n'
for c in $cases; do
  quality=${c%%:*}
  rest=${c#*:}
  scene=${rest%%:*}
  class=${rest#*:}
  media=$work/media
  manim -q"$quality" --media_dir "$media" "$seed" "$class" >/dev/null 2>&1  # warms the Tex cache
  : >"$work/a"
  : >"$work/m"
  i=1
  while [ "$i" -le "$rounds" ]; do
    order="a m"
    [ $((i % 2)) -eq 0 ] && order="m a"
    for who in $order; do
      if [ "$who" = a ]; then
        t0=$(now)
        ./build/attnplay-cli render "scenes/$scene" -o "$work/out.mp4" --quality "$quality" >/dev/null 2>&1
        t1=$(now)
      else
        rm -rf "$media/videos"
        t0=$(now)
        manim -q"$quality" --media_dir "$media" "$seed" "$class" >/dev/null 2>&1
        t1=$(now)
      fi
      echo "$t0 $t1" | awk '{ printf "%.3f\n", $2 - $1 }' >>"$work/$who"
    done
    i=$((i + 1))
  done
  median() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.3f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
  a=$(median "$work/a")
  m=$(median "$work/m")
  echo "$class $quality $a $m" | awk '{ printf "| %s | -q%s | %.2f s | %.2f s | %.1f× |\n", $1, $2, $3, $4, $4 / $3 }'
done
echo "(wall time of the whole process, medians of $rounds alternating runs each)"
