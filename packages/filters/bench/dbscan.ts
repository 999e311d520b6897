/**
 * DBSCAN benchmark: ours (in-process, Node) against scikit-learn's
 * `DBSCAN(algorithm='kd_tree')` (in-process, Debian's /usr/bin/python3) on the
 * very same points: 10⁴, 10⁵ and 10⁶ points of a synthetic lifted-object
 * cloud (test/synthetic-cloud.ts), eps for ~20 neighbours per surface point,
 * min_samples = 5 ([definitions §4](docs/pages/definitions.md#filtering)).
 *
 * The two run interleaved — ours, sklearn, ours, sklearn … — with Python kept
 * alive between runs (the points loaded once, only `fit` timed), so that load
 * drift on a shared machine hits both alike; one warm-up each, then the
 * median of `--repeats` runs and the median of the pairwise ratios. The label
 * arrays are compared too.
 *
 *   cd packages/filters && npx tsx bench/dbscan.ts [--repeats 5] [--sizes 10000,100000,1000000]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { dbscan } from '../src/dbscan';
import { PYTHON, sklearnUnavailable } from '../test/sklearn';
import { epsForNeighbours, syntheticLiftedCloud } from '../test/synthetic-cloud';

const SERVER = String.raw`
import sys, time, json
import numpy as np
import sklearn
from sklearn.cluster import DBSCAN
X = np.fromfile(sys.argv[1], dtype='<f8').reshape(-1, 3)
eps, min_samples = float(sys.argv[2]), int(sys.argv[3])
print(json.dumps({'ready': sklearn.__version__}), flush=True)
for line in sys.stdin:
    t0 = time.perf_counter()
    model = DBSCAN(eps=eps, min_samples=min_samples, algorithm='kd_tree').fit(X)
    seconds = time.perf_counter() - t0
    if line.strip() == 'save':
        model.labels_.astype('<i4').tofile(sys.argv[1] + '.labels')
    print(json.dumps({'seconds': seconds}), flush=True)
`;

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1]!;
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const unavailable = await sklearnUnavailable();
  if (unavailable) throw new Error(unavailable);
  const repeats = Number(argument('repeats', '5'));
  const sizes = argument('sizes', '10000,100000,1000000').split(',').map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'stkit-dbscan-bench-'));
  const rows: string[] = [];
  let version = '';
  try {
    for (const size of sizes) {
      const points = syntheticLiftedCloud({ count: size, seed: `bench-${size}` });
      const eps = epsForNeighbours(size, 20);
      const file = join(dir, `points-${size}.f64`);
      writeFileSync(file, new Uint8Array(points.buffer));
      const python = spawn(PYTHON, ['-c', SERVER, file, String(eps), '5'], { stdio: ['pipe', 'pipe', 'inherit'] });
      const lines = createInterface({ input: python.stdout })[Symbol.asyncIterator]();
      const next = async () => JSON.parse((await lines.next()).value as string) as { ready?: string; seconds?: number };
      version = (await next()).ready!;
      const sklearnFit = async (command: string) => {
        python.stdin.write(`${command}\n`);
        return (await next()).seconds!;
      };
      const oursFit = () => {
        const start = performance.now();
        const result = dbscan(points, { eps, minPoints: 5 });
        return { seconds: (performance.now() - start) / 1000, result };
      };
      const warm = oursFit().result;
      await sklearnFit('save');
      const ours: number[] = [];
      const theirs: number[] = [];
      for (let run = 0; run < repeats; run++) {
        ours.push(oursFit().seconds);
        theirs.push(await sklearnFit('fit'));
      }
      python.stdin.end();
      const reference = new Int32Array(readFileSync(`${file}.labels`).buffer.slice(0));
      let mismatches = 0;
      for (let i = 0; i < size; i++) if (warm.labels[i] !== reference[i]) mismatches++;
      const ratio = median(ours.map((value, index) => value / theirs[index]!));
      rows.push(
        `| ${size.toLocaleString('en-US')} | ${eps.toFixed(4)} | ${warm.clusterCount} | ${median(ours).toFixed(3)} | ${median(theirs).toFixed(3)} | ${ratio.toFixed(3)}× | ${mismatches === 0 ? 'identical' : `${mismatches} differ`} |`,
      );
      console.error(rows.at(-1));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `scikit-learn ${version} (/usr/bin/python3), Node ${process.version}; median of ${repeats} interleaved runs after 1 warm-up each`,
  );
  console.log(
    '| points | eps (m) | clusters | ours (s) | scikit-learn (s) | ours / sklearn (median of pairs) | labels |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---|');
  for (const row of rows) console.log(row);
}

await main();
