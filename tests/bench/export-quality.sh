#!/bin/sh
# Compares how faithful each program's MP4 is to its own lossless frames: PSNR (RGB, all frames)
# of attnplay's decoded MP4 against attnplay's PNG sequence of the same export, and of ManimCE's
# MP4 against ManimCE's own PNG frames (`manim --format png`, straight from cairo). Each MP4 is
# decoded with the matrix it was encoded with: BT.709 for attnplay (tagged), BT.601 for ManimCE
# (ffmpeg's default for untagged rgba input). Prints the date, the command and a table.
#
#   tests/bench/export-quality.sh [QUALITY:SCENE.js:ManimClass …]
#
# Needs build/attnplay-cli and ffmpeg; ManimCE 0.17.3 on PATH for its column.
set -eu
cd "$(dirname "$0")/../.."
cases=${*:-h:self_attention.js:SelfAttentionDemo h:score_matrix.js:AttentionScoreMatrix}
seed=${SEED_PY:-../shared/tools/attention_scenes.py}
cli=./build/attnplay-cli
[ -x "$cli" ] || { echo "no $cli: build first" >&2; exit 1; }
manim=yes
command -v manim >/dev/null && [ -f "$seed" ] || manim=
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# psnr MP4 MATRIX PNG_PATTERN FPS: the average PSNR over all frames, in RGB.
psnr() {
  ffmpeg -hide_banner -nostats -i "$1" -framerate "$4" -i "$3" -lavfi \
    "[0:v]scale=in_color_matrix=$2:in_range=tv,format=rgb24[a];[1:v]format=rgb24[b];[a][b]psnr" -f null - 2>&1 |
    sed -n 's/.*PSNR r:[0-9.inf]* g:[0-9.inf]* b:[0-9.inf]* average:\([0-9.inf]*\).*/\1/p'
}

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  attnplay: $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')${manim:+; manim: $(manim --version 2>/dev/null | head -n 1)}"
echo "command: $0 $cases"
printf '\n| scene | quality | attnplay MP4 vs its lossless frames | size | ManimCE MP4 vs its lossless frames | size |\n|---|---|---|---|---|---|\n'
for c in $cases; do
  quality=${c%%:*}
  rest=${c#*:}
  scene=${rest%%:*}
  class=${rest#*:}
  fps=$(case $quality in l) echo 15 ;; m) echo 30 ;; *) echo 60 ;; esac)
  rm -rf "$work/a" "$work/media"
  mkdir -p "$work/a"
  $cli render "scenes/$scene" -o "$work/a.mp4" --quality "$quality" --no-cache >/dev/null 2>&1
  $cli render "scenes/$scene" -o "$work/a/f_%05d.png" --quality "$quality" >/dev/null 2>&1
  ours=$(psnr "$work/a.mp4" bt709 "$work/a/f_%05d.png" "$fps")
  oursize=$(stat -c %s "$work/a.mp4")
  theirs=- theirsize=-
  if [ -n "$manim" ]; then
    manim -q"$quality" --media_dir "$work/media" "$seed" "$class" >/dev/null 2>&1
    manim -q"$quality" --format png --media_dir "$work/media" "$seed" "$class" >/dev/null 2>&1
    mp4=$(find "$work/media/videos" -name "$class.mp4" | head -n 1)
    first=$(find "$work/media/images" -name "${class}*.png" | sort | head -n 1)
    pattern=$(echo "$first" | sed 's/[0-9]\{4\}\.png$/%04d.png/')
    theirs=$(psnr "$mp4" bt601 "$pattern" "$fps")
    theirsize=$(stat -c %s "$mp4")
  fi
  echo "| $class | -q$quality | $ours dB | $((oursize / 1000)) kB | $theirs dB | $( [ "$theirsize" = - ] && echo - || echo "$((theirsize / 1000)) kB") |"
done
