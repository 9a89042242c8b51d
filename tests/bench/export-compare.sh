#!/bin/sh
# Times whole exports side by side in one run, alternating round by round, and prints medians
# and ratios with the date, the machine and the command:
#   cold      attnplay-cli render --no-cache (every piece encoded)
#   ceiling   the ffmpeg program encoding the very frames attnplay renders (read as raw YUV,
#             prepared beforehand and not timed) with the same libx264 settings and its own threads
#   unchanged attnplay-cli render again with the piece cache warm
#   edited    attnplay-cli render --set NAME=VALUE with the cache holding the unedited scene only
#   manim     ManimCE on the seed's Python (Tex cache warm, partial movies deleted), if on PATH
# Peak memory is the largest resident set of the whole process (GNU time's %M).
#
#   tests/bench/export-compare.sh [ROUNDS] [QUALITY:SCENE.js:ManimClass:NAME=VALUE …]
#
# SCENE.js is under scenes/ or tests/bench/; a ManimClass of - has no Manim counterpart, an empty
# NAME=VALUE no edit.
# Needs build/attnplay-cli, ffmpeg and GNU time; ManimCE 0.17.3 is optional (../shared/tools/manim-env).
set -eu
cd "$(dirname "$0")/../.."
rounds=${1:-3}
[ $# -ge 1 ] && shift
cases=${*:-"h:self_attention.js:SelfAttentionDemo:weights=[0.1,0.3,0.2,0.35,0.05] h:qkv.js:QKVVisualization: h:score_matrix.js:AttentionScoreMatrix: h:heatmap.js:AttentionHeatmap:weights=[[0.3,0.3579622176722185,0.27560979462158475,0.22540643091896656],[0.12620080734580005,0.12618129700478345,0.04698283954019972,0.7006350561092167],[0.26139050028350513,0.3079002216404562,0.008951017953218746,0.4217582601228199],[0.5903801501374071,0.15059391470113248,0.1289528505354321,0.13007308462602837]] h:moving.js:-:"}
seed=${SEED_PY:-../shared/tools/attention_scenes.py}
cli=./build/attnplay-cli
[ -x "$cli" ] || { echo "no $cli: build first (cmake --preset dev && cmake --build build)" >&2; exit 1; }
command -v ffmpeg >/dev/null || { echo "no ffmpeg program on PATH (apt-get install ffmpeg)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "no GNU time (apt-get install time)" >&2; exit 1; }
manim=yes
command -v manim >/dev/null && [ -f "$seed" ] || manim=
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The x264 settings attnplay uses (src/export/video_encoder.cpp), for the ceiling.
x264="-c:v libx264 -preset superfast -tune animation -crf 18 -x264-params bframes=0:subme=0:weightp=0 -pix_fmt yuv420p"

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "attnplay: $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'); $(ffmpeg -version | head -n 1 | cut -d' ' -f1-3)${manim:+; manim: $(manim --version 2>/dev/null | head -n 1)}"
echo "command: $0 $rounds $cases"
[ -n "$manim" ] || echo "(ManimCE not on PATH or $seed missing: its column is skipped)"

# run NAME CMD…: appends "seconds peak_kib" to $work/NAME.
run() {
  name=$1
  shift
  /usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null 2>&1
  cat "$work/t" >>"$work/$name"
}
median() { sort -n "$1" | awk -v c="${2:-1}" '{ v[NR] = $c } END { printf "%.3f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
peak() { sort -n -k2 "$1" | tail -n 1 | awk '{ printf "%.0f", $2 / 1024 }'; }

printf '\n| scene | quality | frames | cold | ceiling (ffmpeg) | ceiling / cold | unchanged | edited | edited / cold | ManimCE | ManimCE / cold | peak MiB cold / ceiling |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|---|\n'
for c in $cases; do
  quality=${c%%:*}
  rest=${c#*:}
  scene=${rest%%:*}
  rest=${rest#*:}
  class=${rest%%:*}
  edit=${rest#*:}
  size=$($cli render --help >/dev/null; case $quality in l) echo 854x480 ;; m) echo 1280x720 ;; h) echo 1920x1080 ;; k) echo 3840x2160 ;; esac)
  fps=$(case $quality in l) echo 15 ;; m) echo 30 ;; *) echo 60 ;; esac)
  path=scenes/$scene
  [ -f "$path" ] || path=tests/bench/$scene
  mkdir -p "$work/png"
  rm -f "$work"/png/* "$work"/cold "$work"/ceiling "$work"/unchanged "$work"/edited "$work"/manim
  $cli render "$path" -o "$work/png/f_%05d.png" --quality "$quality" >/dev/null 2>&1
  frames=$(ls "$work/png" | wc -l)
  ffmpeg -v error -framerate "$fps" -i "$work/png/f_%05d.png" -pix_fmt yuv420p -f rawvideo -y "$work/frames.yuv"
  rm -f "$work"/png/*
  withManim=$manim
  [ "$class" = - ] && withManim=
  [ -n "$withManim" ] && manim -q"$quality" --media_dir "$work/media" "$seed" "$class" >/dev/null 2>&1  # warms the Tex cache
  i=1
  while [ "$i" -le "$rounds" ]; do
    order="cold ceiling warm manim"
    [ $((i % 2)) -eq 0 ] && order="manim warm ceiling cold"
    for who in $order; do
      case $who in
        cold) run cold $cli render "$path" -o "$work/cold.mp4" --quality "$quality" --no-cache ;;
        ceiling) run ceiling ffmpeg -v error -y -f rawvideo -pix_fmt yuv420p -s "$size" -r "$fps" -i "$work/frames.yuv" $x264 "$work/ceiling.mp4" ;;
        warm)
          rm -rf "$work/cache"
          XDG_CACHE_HOME=$work/cache $cli render "$path" -o "$work/warm.mp4" --quality "$quality" >/dev/null 2>&1
          XDG_CACHE_HOME=$work/cache run unchanged $cli render "$path" -o "$work/warm.mp4" --quality "$quality"
          if [ -n "$edit" ]; then
            XDG_CACHE_HOME=$work/cache run edited $cli render "$path" -o "$work/edited.mp4" --quality "$quality" --set "$edit"
          fi
          ;;
        manim)
          if [ -n "$withManim" ]; then
            rm -rf "$work/media/videos"
            run manim manim -q"$quality" --media_dir "$work/media" "$seed" "$class"
          fi
          ;;
      esac
    done
    i=$((i + 1))
  done
  cold=$(median "$work/cold")
  ceiling=$(median "$work/ceiling")
  unchanged=$(median "$work/unchanged")
  edited=-
  [ -s "$work/edited" ] && edited=$(median "$work/edited")
  m=-
  [ -s "$work/manim" ] 2>/dev/null && m=$(median "$work/manim")
  echo "$class $quality $frames $cold $ceiling $unchanged $edited $m $(peak "$work/cold") $(peak "$work/ceiling")" | awk '{
    ratio = ($7 == "-") ? "-" : sprintf("%.0f %%", 100 * $7 / $4)
    edited = ($7 == "-") ? "-" : sprintf("%.2f s", $7)
    manim = ($8 == "-") ? "-" : sprintf("%.2f s", $8)
    mratio = ($8 == "-") ? "-" : sprintf("%.1f×", $8 / $4)
    printf "| %s | -q%s | %d | %.2f s | %.2f s | %.2f× | %.2f s | %s | %s | %s | %s | %s / %s |\n", $1, $2, $3, $4, $5, $5 / $4, $6, edited, ratio, manim, mratio, $9, $10 }'
done
echo "(whole process, medians of $rounds alternating rounds; ceiling / cold above 1 means attnplay's export beats the ffmpeg program encoding the same frames)"
