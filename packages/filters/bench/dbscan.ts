/**
 * DBSCAN benchmark: ours (in-process, Node) against scikit-learn's
 * `DBSCAN(algorithm='kd_tree')` (in-process, Debian's /usr/bin/python3) on the
 * very same points, at 10⁴, 10⁵ and 10⁶ points of a synthetic lifted object
 * cloud (test/synthetic-cloud.ts), eps chosen for ~20 neighbours per surface
 * point, min_samples = 5 (SPEC §4). Each side: 1 warm-up, then the median of
 * `--repeats` runs. Also checks that both label arrays are identical.
 *
 *   cd packages/filters && npx tsx bench/dbscan.ts [--repeats 5] [--sizes 10000,100000,1000000]
 */
import { performance } from 'node:perf_hooks';
import { dbscan } from '../src/dbscan';
import { runSklearnDbscan, sklearnUnavailable } from '../test/sklearn';
import { epsForNeighbours, syntheticLiftedCloud } from '../test/synthetic-cloud';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1]!;
}

const repeats = Number(argument('repeats', '5'));
const sizes = argument('sizes', '10000,100000,1000000').split(',').map(Number);
if (sklearnUnavailable) {
  console.error(sklearnUnavailable);
  process.exit(1);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rows: string[] = [];
for (const size of sizes) {
  const points = syntheticLiftedCloud({ count: size, seed: `bench-${size}` });
  const eps = epsForNeighbours(size, 20);
  let result = dbscan(points, { eps, minPoints: 5 }); // warm-up
  const ours: number[] = [];
  for (let run = 0; run < repeats; run++) {
    const start = performance.now();
    result = dbscan(points, { eps, minPoints: 5 });
    ours.push((performance.now() - start) / 1000);
  }
  const reference = runSklearnDbscan(points, eps, 5, repeats + 1);
  const theirs = reference.times.slice(1);
  let mismatches = 0;
  for (let i = 0; i < size; i++) if (result.labels[i] !== reference.labels[i]) mismatches++;
  const ratio = median(ours) / median(theirs);
  rows.push(
    `| ${size.toLocaleString('en-US')} | ${eps.toFixed(4)} | ${result.clusterCount} | ${median(ours).toFixed(3)} | ${median(theirs).toFixed(3)} | ${ratio.toFixed(3)}× | ${mismatches === 0 ? 'identical' : `${mismatches} differ`} |`,
  );
  console.error(rows.at(-1));
}
console.log(`scikit-learn ${runSklearnDbscan(new Float64Array(3), 1, 1).version}, Node ${process.version}, median of ${repeats} runs after 1 warm-up`);
console.log('| points | eps (m) | clusters | ours (s) | scikit-learn (s) | ours / sklearn | labels |');
console.log('|---:|---:|---:|---:|---:|---:|---|');
for (const row of rows) console.log(row);
