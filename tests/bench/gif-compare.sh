#!/bin/sh
# Compares attnplay's GIFs with FFmpeg's palette pipeline on the same frames: attnplay renders a
# scene to PNG frames (its lossless reference) and to a GIF; the ffmpeg program makes a GIF from
# those PNGs with palettegen + paletteuse (FFmpeg's recommended two-pass GIF, same dither).
# Reports each GIF's size, its colour error (PSNR, RGB, every frame, against the PNGs) and the
# time taken (attnplay's including its rendering, twice; ffmpeg's from the finished PNGs).
#
#   tests/bench/gif-compare.sh [QUALITY:FPS:SCENE.js …]
#
# Needs build/attnplay-cli and ffmpeg.
set -eu
cd "$(dirname "$0")/../.."
cases=${*:-m:25:self_attention.js m:25:heatmap.js m:25:score_matrix.js}
cli=./build/attnplay-cli
[ -x "$cli" ] || { echo "no $cli: build first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# psnr GIF PNG_PATTERN FPS: the average PSNR over all frames, in RGB; the GIF's variable delays
# brought back to the frame rate first.
psnr() {
  ffmpeg -hide_banner -nostats -i "$1" -framerate "$3" -i "$2" -lavfi \
    "[0:v]fps=$3,format=rgb24[a];[1:v]format=rgb24[b];[a][b]psnr=shortest=1" -f null - 2>&1 |
    sed -n 's/.*PSNR r:[0-9.inf]* g:[0-9.inf]* b:[0-9.inf]* average:\([0-9.inf]*\).*/\1/p'
}
now() { date +%s.%N; }

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  attnplay: $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'); $(ffmpeg -version | head -n 1)"
echo "command: $0 $cases"
printf '\n| scene | size, fps | dither | attnplay GIF | PSNR | time | ffmpeg palettegen+paletteuse | PSNR | time | size ratio |\n|---|---|---|---|---|---|---|---|---|---|\n'
for c in $cases; do
  quality=${c%%:*}
  rest=${c#*:}
  fps=${rest%%:*}
  scene=${rest#*:}
  rm -rf "$work/f"
  mkdir -p "$work/f"
  $cli render "scenes/$scene" -o "$work/f/f_%05d.png" --quality "$quality" --fps "$fps" >/dev/null 2>&1
  for dither in sierra2_4a bayer; do
    t0=$(now)
    $cli render "scenes/$scene" -o "$work/a.gif" --quality "$quality" --fps "$fps" --dither "$dither" >/dev/null 2>&1
    t1=$(now)
    ffmpeg -v error -y -framerate "$fps" -i "$work/f/f_%05d.png" -lavfi \
      "split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse=dither=$dither:diff_mode=rectangle" "$work/b.gif"
    t2=$(now)
    ours=$(stat -c %s "$work/a.gif") theirs=$(stat -c %s "$work/b.gif")
    echo "| $scene | -q$quality, $fps | $dither | $((ours / 1000)) kB | $(printf %.2f "$(psnr "$work/a.gif" "$work/f/f_%05d.png" "$fps")") dB | $(echo "$t1 - $t0" | bc | sed 's/^\./0./' | cut -c1-4) s | $((theirs / 1000)) kB | $(printf %.2f "$(psnr "$work/b.gif" "$work/f/f_%05d.png" "$fps")") dB | $(echo "$t2 - $t1" | bc | sed 's/^\./0./' | cut -c1-4) s | $(echo "scale=2; $ours / $theirs" | bc | sed 's/^\./0./') |"
  done
done
