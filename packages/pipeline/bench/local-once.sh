#!/bin/sh
# The single-process yardstick of bench/distributed-once.sh: empty the output folder, then `stkit qa` on one thread.
#   bench/local-once.sh CLIPS.jsonl OUT_DIR [SHARD_SIZE] [THREADS]
set -eu
clips=$1 out=$2 shard=${3:-500} threads=${4:-0}
rm -rf "$out"
node dist/cli.js qa --clips "$clips" --out "$out" --shard-size "$shard" --workers "$threads" >/dev/null 2>&1
