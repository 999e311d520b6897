#!/bin/sh
# One distributed qa run as a single process to time: empty the queue and the output folder, `stkit submit qa`,
# N `stkit worker --exit-when-idle` processes, then `stkit status` (which writes the manifest); fails unless the
# run is `complete`. Run from packages/pipeline after building (dist/cli.js), with a redis-server already up:
#   redis-server --port 6399 --save '' --appendonly no --daemonize yes
#   bench/distributed-once.sh redis://127.0.0.1:6399 CLIPS.jsonl OUT_DIR WORKERS [SHARD_SIZE]
# Pair it with the local command on the same input (see BENCHMARKS.md, "Scale-out", for the commands and figures).
set -eu
redis=$1 clips=$2 out=$3 workers=$4 shard=${5:-500}
redis-cli -u "$redis" FLUSHALL >/dev/null
rm -rf "$out"
node dist/cli.js submit qa --clips "$clips" --out "$out" --shard-size "$shard" --redis "$redis" >/dev/null 2>&1
i=0
while [ "$i" -lt "$workers" ]; do
  node dist/cli.js worker --redis "$redis" --exit-when-idle --quiet >/dev/null &
  i=$((i + 1))
done
wait
node dist/cli.js status --redis "$redis" --out "$out" | grep -qx complete
