#!/bin/sh
# The machine's ceiling for N processes, with no queue at all: one `stkit qa --workers 0` per part, all at once.
# Cut the clips file into N parts first (not timed), e.g. `split -n l/2 -d CLIPS.jsonl /tmp/part-`, then
#   bench/parts-once.sh OUT_DIR [SHARD_SIZE] /tmp/part-00 /tmp/part-01
# Pair it with bench/local-once.sh on the whole file (see BENCHMARKS.md, "Scale-out").
set -eu
out=$1 shard=${2:-500}
shift 2
rm -rf "$out"
i=0 pids=''
for part in "$@"; do
  node dist/cli.js qa --clips "$part" --out "$out/$i" --shard-size "$shard" --workers 0 >/dev/null 2>&1 &
  pids="$pids $!"
  i=$((i + 1))
done
status=0
for pid in $pids; do wait "$pid" || status=1; done
exit "$status"
