#!/bin/sh
# Times this checkout's benchmarks beside another build's, in the same run: the programs
# alternate round by round (which goes first alternates too), so drift in the machine's speed
# falls on both. Prints the medians and the ratio this/baseline per benchmark, with the date
# and the commands, as docs/performance.md quotes them.
#
#   scripts/bench-compare.sh BASELINE_BUILD_DIR [ROUNDS] [PROGRAM …]
#
# BASELINE_BUILD_DIR is the build folder of another checkout (for example a git worktree of
# the commit before a change, built with the same preset); this checkout's is build/.
set -eu
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: $0 BASELINE_BUILD_DIR [ROUNDS] [PROGRAM …]" >&2; exit 1; }
base=$1
rounds=${2:-5}
[ $# -ge 2 ] && shift 2 || shift $#
programs=${*:-text_math_bench timeline_bench player_bench export_bench}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "this: build/ at $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')  baseline: $base"
echo "command: $0 $base $rounds $programs"
for program in $programs; do
  for side in this base; do
    dir=build
    [ "$side" = base ] && dir=$base
    [ -x "$dir/tests/$program" ] || { echo "missing $dir/tests/$program (build it first)" >&2; exit 1; }
  done
  i=1
  while [ "$i" -le "$rounds" ]; do
    order="this base"
    [ $((i % 2)) -eq 0 ] && order="base this"
    for side in $order; do
      dir=build
      [ "$side" = base ] && dir=$base
      # Console rows: name, real time, unit, CPU time, unit, iterations, counters…
      "$dir/tests/$program" --benchmark_color=false 2>/dev/null |
        awk -v side="$side" '$3 ~ /^(ns|us|ms|s)$/ && $2 ~ /^[0-9.]+$/ { print side, $1, $2, $3 }' >>"$out/runs"
    done
    i=$((i + 1))
  done
done

printf '\n| benchmark | baseline | this | this / baseline |\n|---|---|---|---|\n'
awk '{ print $2 }' "$out/runs" | awk '!seen[$0]++' | while read -r name; do
  median() { awk -v s="$1" -v n="$name" '$1 == s && $2 == n { print $3, $4 }' "$out/runs" | sort -n |
    awk '{ v[NR] = $1; u = $2 } END { if (NR) printf "%.4g %s\n", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), u }'; }
  b=$(median base)
  t=$(median this)
  # A benchmark only one side has (new, or gone) shows a dash on the other and no ratio.
  echo "$name|${b:-—}|${t:-—}" | awk -F'|' '{ split($2, b, " "); split($3, t, " ");
    r = (b[1] + 0 > 0 && t[1] + 0 > 0) ? sprintf("%.2f", t[1] / b[1]) : "—";
    printf "| %s | %s | %s | %s |\n", $1, $2, $3, r }'
done
echo "(medians of $rounds alternating runs each; a ratio below 1 is faster)"
