/**
 * Benchmark: the Python port (python/stkit_bench.py, the lmms-eval utils.py)
 * against the TypeScript extractor on the same input — every case of the
 * parity corpus (src/__fixtures__/parity-corpus.ts), extracted and scored.
 * Both sides time only extraction + scoring in process (3 warm-up runs, 21
 * counted), so the ratio compares the extractors, not start-up.
 *
 *   npx tsx --conditions=@stkit/source bench/python-port.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parityCases } from '../src/__fixtures__/parity-corpus';
import { extractAnswer } from '../src/extract/extract-answer';
import { scoreSample } from '../src/metrics/score-sample';

const WARMUP = 3;
const RUNS = 21;
const cases = parityCases();

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const times: number[] = [];
let correct = 0;
for (let run = 0; run < WARMUP + RUNS; run++) {
  const start = performance.now();
  let hits = 0;
  for (const { sample, response } of cases)
    if (scoreSample(sample, extractAnswer({ sample, response })).correct) hits++;
  const elapsed = performance.now() - start;
  if (run >= WARMUP) times.push(elapsed);
  correct = hits;
}

const dir = mkdtempSync(join(tmpdir(), 'stkit-python-port-'));
try {
  const file = join(dir, 'cases.jsonl');
  writeFileSync(file, `${cases.map(({ sample, response }) => JSON.stringify({ doc: sample, response })).join('\n')}\n`);
  const module = fileURLToPath(new URL('../python', import.meta.url));
  const script = String.raw`
import json, sys, time
sys.path.insert(0, sys.argv[1])
import stkit_bench
cases = [json.loads(line) for line in open(sys.argv[2])]
times = []
for run in range(${WARMUP + RUNS}):
    start = time.perf_counter()
    hits = sum(1 for case in cases if stkit_bench.evaluate(case['doc'], case['response'])['correct'])
    elapsed = (time.perf_counter() - start) * 1000
    if run >= ${WARMUP}: times.append(elapsed)
times.sort()
print(json.dumps({'median': times[len(times) // 2], 'min': times[0], 'max': times[-1], 'correct': hits}))
`;
  const python = JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', script, module, file], { encoding: 'utf8', timeout: 600_000 }),
  ) as { median: number; min: number; max: number; correct: number };
  const ts = { median: median(times), min: Math.min(...times), max: Math.max(...times) };
  console.log(`${cases.length} cases; correct: TypeScript ${correct}, Python ${python.correct}`);
  console.log('| extractor + scoring | median ms | min ms | max ms |\n|---|---:|---:|---:|');
  console.log(
    `| TypeScript (extractAnswer + scoreSample) | ${ts.median.toFixed(1)} | ${ts.min.toFixed(1)} | ${ts.max.toFixed(1)} |`,
  );
  console.log(
    `| Python port (stkit_bench.evaluate, CPython ${execFileSync('/usr/bin/python3', ['-c', 'import platform; print(platform.python_version())'], { encoding: 'utf8' }).trim()}) | ${python.median.toFixed(1)} | ${python.min.toFixed(1)} | ${python.max.toFixed(1)} |`,
  );
  console.log(
    `ratio Python / TypeScript (medians): ${(python.median / ts.median).toFixed(1)}×; per response: Python ${((python.median / cases.length) * 1000).toFixed(0)} µs, TypeScript ${((ts.median / cases.length) * 1000).toFixed(0)} µs`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
