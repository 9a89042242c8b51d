#!/bin/sh
# Fans the heatmap's 20 seed variants × 4 chunks out as one Slurm job array (80 tasks, a core
# each), then joins them in a job that starts once every task has succeeded.
#
#   examples/batch/slurm-submit.sh      from the repository, on a Slurm login node with
#                                       attnplay-cli on PATH and the repository on shared storage
set -eu
cd "$(dirname "$0")/../.."
export SCENE=$PWD/scenes/heatmap.js VARIANTS=$PWD/examples/batch/variants.jsonl CHUNKS=4
export PARTS=$PWD/batch/parts OUT=$PWD/batch/out QUALITY=${QUALITY:-h}
variants=$(grep -c '"name"' "$VARIANTS")
tasks=$((variants * CHUNKS))
render=$(sbatch --parsable --export=ALL --job-name=attnplay-render --array=0-$((tasks - 1)) \
  --cpus-per-task=1 --mem=1G --time=00:10:00 \
  --wrap='examples/batch/render-task.sh "$SLURM_ARRAY_TASK_ID"')
sbatch --export=ALL --job-name=attnplay-join --dependency=afterok:"$render" --time=00:10:00 \
  --wrap='examples/batch/join-all.sh'
echo "submitted: render array $render ($tasks tasks), then the join"
