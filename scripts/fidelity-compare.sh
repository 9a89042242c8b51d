#!/bin/sh
# Measures attnplay's frames against ManimCE's own, lossless, in the same run: `manim -qh
# --format png` writes every frame of the seed's four scenes straight from Cairo (no H.264), and
# attnplay_fidelity_report renders attnplay's frame at each of them and prints PSNR and ink F1
# at every play/wait boundary and at 10/25/50/75/90 % of every play (docs/fidelity.md).
#
#   scripts/fidelity-compare.sh SEED_PY [OUT_DIR]
#
# SEED_PY is the seed's scenes as one Python file (../shared/tools/attention_scenes.py); `manim`
# (ManimCE 0.17.3; ../shared/tools/manim-env installs it) must be on PATH. With OUT_DIR, every
# frame under its target is written there beside Manim's. Needs build/tests/attnplay_fidelity_report.
set -eu
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: $0 SEED_PY [OUT_DIR]" >&2; exit 1; }
seed=$(realpath "$1")
report=./build/tests/attnplay_fidelity_report
[ -x "$report" ] || { echo "no $report: build first (cmake --build build)" >&2; exit 1; }
command -v manim >/dev/null || { echo "no manim on PATH (../shared/tools/manim-env installs it)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  attnplay: $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'); manim: $(manim --version 2>/dev/null | head -n 1)"
echo "command: $0 $*"
manim -qh --format png --media_dir "$work/media" "$seed" \
  SelfAttentionDemo QKVVisualization AttentionScoreMatrix AttentionHeatmap >"$work/manim.log" 2>&1 ||
  { tail -n 20 "$work/manim.log" >&2; exit 1; }
frames=$(dirname "$(find "$work/media/images" -name 'SelfAttentionDemo0000.png' | head -n 1)")
echo
"$report" "$frames" ${2:+"$2"}
