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
path, out, eps, min_samples, repeats = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
X = np.fromfile(path, dtype='<f8').reshape(-1, 3)
times = []
model = None
for _ in range(repeats):
    t0 = time.perf_counter()
    model = DBSCAN(eps=eps, min_samples=min_samples, algorithm='kd_tree').fit(X)
    times.append(time.perf_counter() - t0)
model.labels_.astype('<i4').tofile(out + '.labels')
np.asarray(model.core_sample_indices_, dtype='<i4').tofile(out + '.core')
json.dump({'times': times, 'version': __import__('sklearn').__version__}, open(out + '.json', 'w'))
`;

/** scikit-learn's answer on `points`. */
export interface SklearnDbscan {
  labels: Int32Array;
  coreIndices: Int32Array;
  /** In-process seconds of each `fit` call. */
  times: number[];
  version: string;
}

/** Runs `DBSCAN(eps, min_samples, algorithm='kd_tree').fit` `repeats` times on `points`. */
export function runSklearnDbscan(points: Float64Array, eps: number, minSamples: number, repeats = 1): SklearnDbscan {
  const dir = mkdtempSync(join(tmpdir(), 'stkit-dbscan-'));
  try {
    const input = join(dir, 'points.f64');
    const out = join(dir, 'result');
    writeFileSync(input, new Uint8Array(points.buffer, points.byteOffset, points.byteLength));
    const run = spawnSync(PYTHON, ['-c', SCRIPT, input, out, String(eps), String(minSamples), String(repeats)], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (run.status !== 0) throw new Error(`scikit-learn run failed: ${run.stderr}`);
    const labelsBytes = readFileSync(`${out}.labels`);
    const coreBytes = readFileSync(`${out}.core`);
    const meta = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as { times: number[]; version: string };
    return {
      labels: new Int32Array(labelsBytes.buffer.slice(labelsBytes.byteOffset, labelsBytes.byteOffset + labelsBytes.byteLength)),
      coreIndices: new Int32Array(coreBytes.buffer.slice(coreBytes.byteOffset, coreBytes.byteOffset + coreBytes.byteLength)),
      times: meta.times,
      version: meta.version,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
