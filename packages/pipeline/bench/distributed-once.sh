#!/bin/sh
# One distributed qa run as a single process to time: empty the queue and the output folder, `stkit submit qa`,
# N `stkit worker --exit-when-idle` processes, then `stkit status` (which writes the manifest); fails unless the
# run is `complete`. Run from packages/pipeline after building (dist/cli.js), with a redis-server already up:
#   redis-server --port 6399 --save '' --appendonly no --daemonize yes
#   bench/distributed-once.sh redis://127.0.0.1:6399 CLIPS.jsonl OUT_DIR WORKERS [SHARD_SIZE]
# Pair it with the local command on the same input (see BENCHMARKS.md, "Scale-out", for the commands and figures).
# With PHASES=FILE set, appends one line per run to FILE: the seconds of submit, of the workers (first start to last
# exit) and of status, so the worker phase (the throughput of N workers) can be read apart from the fixed costs.
set -eu
redis=$1 clips=$2 out=$3 workers=$4 shard=${5:-500}
now() { date +%s.%N; }
redis-cli -u "$redis" FLUSHALL >/dev/null
rm -rf "$out"
t0=$(now)
node dist/cli.js submit qa --clips "$clips" --out "$out" --shard-size "$shard" --redis "$redis" >/dev/null 2>&1
t1=$(now)
i=0 pids=''
while [ "$i" -lt "$workers" ]; do
  node dist/cli.js worker --redis "$redis" --exit-when-idle --quiet >/dev/null &
  pids="$pids $!"
  i=$((i + 1))
done
for pid in $pids; do wait "$pid"; done
t2=$(now)
node dist/cli.js status --redis "$redis" --out "$out" | grep -qx complete
t3=$(now)
if [ -n "${PHASES:-}" ]; then
  echo "$t0 $t1 $t2 $t3" | awk '{ printf "submit %.3f workers %.3f status %.3f\n", $2 - $1, $3 - $2, $4 - $3 }' >>"$PHASES"
fi
