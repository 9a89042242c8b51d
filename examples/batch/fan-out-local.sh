#!/bin/sh
# The farm's fan-out on this machine: every task of render-task.sh at once (JOBS at a time,
# default the cores), then join-all.sh — what Slurm or Kubernetes would do, for trying it out.
#
#   SCENE=… VARIANTS=… CHUNKS=… PARTS=… OUT=… examples/batch/fan-out-local.sh
set -eu
here=$(dirname "$0")
: "${VARIANTS:?set VARIANTS}" "${CHUNKS:?set CHUNKS}"
variants=$(grep -c '"name"' "$VARIANTS")
tasks=$((variants * CHUNKS))
i=0
while [ "$i" -lt "$tasks" ]; do
  echo "$i"
  i=$((i + 1))
done | xargs -P "${JOBS:-$(nproc)}" -n 1 "$here/render-task.sh" >/dev/null
"$here/join-all.sh"
