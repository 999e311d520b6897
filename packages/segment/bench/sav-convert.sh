#!/bin/sh
# SA-V conversion, STKit vs the NumPy peer, end to end (process start to exit), same input, same disk.
#   sh packages/segment/bench/sav-convert.sh [RUNS]      (from the repo root; needs /usr/bin/python3 with NumPy)
# Bundles bench/sav-convert.ts with esbuild (no tsx at run time), then runs A (STKit) and B (NumPy) in turn,
# RUNS times each after one warm-up, each into a fresh folder, and prints the medians and the pairwise ratios.
set -e
cd "$(dirname "$0")/.."
RUNS=${1:-9}
SAV=$(node -e "import('@stkit/test-data').then((m) => console.log(m.sharedDataPath('sa-v', 'example', 'sav_000001_manual.json')))")
npx esbuild bench/sav-convert.ts --bundle --platform=node --format=esm --target=node20 --conditions=@stkit/source --outfile=bench/.build/sav-convert.mjs --log-level=warning
TMP=$(mktemp -d)
times="$TMP/times"
run() { # label command...
  label=$1; shift
  rm -rf "$TMP/out"
  /usr/bin/time -f "$label %e %U %S" -a -o "$times" "$@" "$SAV" "$TMP/out" > /dev/null
}
run warmA node bench/.build/sav-convert.mjs; run warmB /usr/bin/python3 bench/sav_peer.py
i=0
while [ $i -lt "$RUNS" ]; do
  run A node bench/.build/sav-convert.mjs
  run B /usr/bin/python3 bench/sav_peer.py
  i=$((i + 1))
done
/usr/bin/python3 - "$times" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line[0] in 'AB']
get = lambda label: [(float(w), float(u) + float(s)) for l, w, u, s in rows if l == label]
a, b = get('A'), get('B')
med = lambda xs: statistics.median(xs)
print('runs %d each' % len(a))
print('STKit  wall %.3f s  cpu %.3f s (median)' % (med([w for w, _ in a]), med([c for _, c in a])))
print('NumPy  wall %.3f s  cpu %.3f s (median)' % (med([w for w, _ in b]), med([c for _, c in b])))
print('STKit/NumPy  wall %.2f  cpu %.2f (median of pairwise ratios)' % (med([x[0] / y[0] for x, y in zip(a, b)]), med([x[1] / y[1] for x, y in zip(a, b)])))
PY
rm -rf "$TMP"
