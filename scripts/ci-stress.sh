#!/usr/bin/env bash
# Runs .ci/run on a fresh clone while the machine is kept busy, and reports
# pass/fail and wall time: no test may depend on how fast the machine is today.
#
#   scripts/ci-stress.sh [--runs N] [--load N] [--ref REV] [--keep]
#
#   --runs N   how many CI runs, one after the other (default 1)
#   --load N   CPU-bound workers kept busy during each run (default: the core
#              count), with `stress-ng --cpu N` (Debian package stress-ng; a
#              CPU-bound node loop per worker when stress-ng is absent)
#   --ref REV  what to clone (default HEAD of this checkout)
#   --keep     keep the clones and logs (default: logs only)
#
# Prints one line per run: `run K: pass|FAIL in S s (log: FILE)`; exits 1 if any run failed.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs=1
load="$(nproc)"
ref="HEAD"
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --load) load="$2"; shift 2 ;;
    --ref) ref="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "ci-stress: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d "${TMPDIR:-/tmp}/stkit-ci-stress.XXXXXX")"
echo "ci-stress: $runs run(s) of .ci/run at $(git -C "$repo" rev-parse --short "$ref") under $load CPU-bound workers; logs in $work"

start_load() {
  if command -v stress-ng >/dev/null 2>&1; then
    stress-ng --cpu "$load" --quiet >/dev/null 2>&1 &
    echo $!
  else
    ( for _ in $(seq 1 "$load"); do node -e 'for (;;) {}' & done; wait ) >/dev/null 2>&1 &
    echo $!
  fi
}

failed=0
for run in $(seq 1 "$runs"); do
  clone="$work/clone-$run"
  # Clone from this checkout so the clone's origin is it (the shared data is found beside it).
  git clone -q "$repo" "$clone"
  git -C "$clone" checkout -q "$ref"
  log="$work/run-$run.log"
  load_pid="$(start_load)"
  started=$(date +%s)
  set +e
  (cd "$clone" && bash .ci/run) >"$log" 2>&1
  status=$?
  set -e
  elapsed=$(( $(date +%s) - started ))
  kill "$load_pid" 2>/dev/null || true
  pkill -P "$load_pid" 2>/dev/null || true
  wait "$load_pid" 2>/dev/null || true
  if [ "$status" = 0 ]; then
    echo "run $run: pass in $elapsed s (log: $log)"
  else
    echo "run $run: FAIL (exit $status) in $elapsed s (log: $log)"
    failed=1
  fi
  [ "$keep" = 1 ] || rm -rf "$clone"
done
exit "$failed"
