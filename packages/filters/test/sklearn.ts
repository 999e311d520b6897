/**
 * Runs scikit-learn's DBSCAN through Debian's `/usr/bin/python3` (never the
 * `python3` on PATH) on the same points, for agreement tests and benchmarks.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PYTHON = '/usr/bin/python3';

/** Why scikit-learn cannot be used, or undefined when it can. */
export const sklearnUnavailable: string | undefined = (() => {
  const probe = spawnSync(PYTHON, ['-c', 'import sklearn, numpy'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    return `scikit-learn is not importable by ${PYTHON} (install Debian's python3-sklearn python3-numpy): ${probe.error?.message ?? probe.stderr.trim().split('\n').pop()}`;
  }
  return undefined;
})();

const SCRIPT = String.raw`
import sys, json, time
import numpy as np
from sklearn.cluster import DBSCAN
import sklearn
jobs = json.loads(sys.argv[1])
for job in jobs:
    X = np.fromfile(job['input'], dtype='<f8').reshape(-1, 3)
    times = []
    model = None
    for _ in range(job['repeats']):
        t0 = time.perf_counter()
        model = DBSCAN(eps=job['eps'], min_samples=job['minSamples'], algorithm='kd_tree').fit(X)
        times.append(time.perf_counter() - t0)
    out = job['output']
    model.labels_.astype('<i4').tofile(out + '.labels')
    np.asarray(model.core_sample_indices_, dtype='<i4').tofile(out + '.core')
    json.dump({'times': times, 'version': sklearn.__version__}, open(out + '.json', 'w'))
`;

/** scikit-learn's answer on `points`. */
export interface SklearnDbscan {
  labels: Int32Array;
  coreIndices: Int32Array;
  /** In-process seconds of each `fit` call. */
  times: number[];
  version: string;
}

/** One DBSCAN problem. */
export interface SklearnJob {
  points: Float64Array;
  eps: number;
  minSamples: number;
  /** `fit` calls (all timed). @default 1 */
  repeats?: number;
}

const toInt32 = (bytes: Buffer) => new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));

/** Runs `DBSCAN(eps, min_samples, algorithm='kd_tree').fit` on every job in one Python process. */
export function runSklearnDbscanBatch(jobs: readonly SklearnJob[]): SklearnDbscan[] {
  const dir = mkdtempSync(join(tmpdir(), 'stkit-dbscan-'));
  try {
    const specs = jobs.map((job, index) => {
      const input = join(dir, `points-${index}.f64`);
      writeFileSync(input, new Uint8Array(job.points.buffer, job.points.byteOffset, job.points.byteLength));
      return { input, output: join(dir, `result-${index}`), eps: job.eps, minSamples: job.minSamples, repeats: job.repeats ?? 1 };
    });
    const run = spawnSync(PYTHON, ['-c', SCRIPT, JSON.stringify(specs)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (run.status !== 0) throw new Error(`scikit-learn run failed: ${run.error?.message ?? run.stderr}`);
    return specs.map(({ output }) => {
      const meta = JSON.parse(readFileSync(`${output}.json`, 'utf8')) as { times: number[]; version: string };
      return { labels: toInt32(readFileSync(`${output}.labels`)), coreIndices: toInt32(readFileSync(`${output}.core`)), times: meta.times, version: meta.version };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `DBSCAN(eps, min_samples, algorithm='kd_tree').fit` `repeats` times on `points`. */
export function runSklearnDbscan(points: Float64Array, eps: number, minSamples: number, repeats = 1): SklearnDbscan {
  return runSklearnDbscanBatch([{ points, eps, minSamples, repeats }])[0]!;
}
