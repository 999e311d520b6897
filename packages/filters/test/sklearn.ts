/**
 * Runs scikit-learn's DBSCAN through Debian's `/usr/bin/python3` (never the
 * `python3` on PATH) on the same points, for agreement tests and benchmarks.
 * The process runs asynchronously with the shared timeouts of `@stkit/test-data`;
 * answers are cached under `.stkit-cache/sklearn/` keyed by the inputs, so the
 * reference is computed once per package and input, not once per test run.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEBIAN_PYTHON, HEAVY_PROCESS_TIMEOUT_MS, pythonModulesUnavailable, runProcess } from '@stkit/test-data';

export const PYTHON = DEBIAN_PYTHON;

/** Why scikit-learn cannot be used, or undefined when it can. */
export function sklearnUnavailable(): Promise<string | undefined> {
  return pythonModulesUnavailable(['sklearn', 'numpy']);
}

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

const toInt32 = (bytes: Buffer) =>
  new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));

const CACHE_DIR = join(import.meta.dirname, '..', '.stkit-cache', 'sklearn');

function cacheKey(job: SklearnJob): string {
  const hash = createHash('sha256')
    .update(SCRIPT)
    .update(JSON.stringify([job.eps, job.minSamples, job.repeats ?? 1]));
  hash.update(new Uint8Array(job.points.buffer, job.points.byteOffset, job.points.byteLength));
  return hash.digest('hex').slice(0, 32);
}

async function readResult(output: string): Promise<SklearnDbscan> {
  const meta = JSON.parse(await readFile(`${output}.json`, 'utf8')) as { times: number[]; version: string };
  return {
    labels: toInt32(await readFile(`${output}.labels`)),
    coreIndices: toInt32(await readFile(`${output}.core`)),
    times: meta.times,
    version: meta.version,
  };
}

/**
 * Runs `DBSCAN(eps, min_samples, algorithm='kd_tree').fit` on every job in one Python process.
 * With `cache` (the default for tests), answers already computed for the same inputs are read back;
 * benchmarks pass `cache: false` to time a fresh fit.
 */
export async function runSklearnDbscanBatch(
  jobs: readonly SklearnJob[],
  options: { cache?: boolean } = {},
): Promise<SklearnDbscan[]> {
  const useCache = options.cache ?? true;
  const keys = jobs.map(cacheKey);
  const cached = (key: string) => useCache && existsSync(join(CACHE_DIR, key, 'result.json'));
  const missing = jobs.map((_, index) => index).filter((index) => !cached(keys[index]!));
  if (missing.length > 0) {
    const dir = await mkdtemp(join(tmpdir(), 'stkit-dbscan-'));
    try {
      const specs = await Promise.all(
        missing.map(async (jobIndex) => {
          const job = jobs[jobIndex]!;
          const input = join(dir, `points-${jobIndex}.f64`);
          await writeFile(input, new Uint8Array(job.points.buffer, job.points.byteOffset, job.points.byteLength));
          return {
            input,
            output: join(dir, `result-${jobIndex}`),
            eps: job.eps,
            minSamples: job.minSamples,
            repeats: job.repeats ?? 1,
          };
        }),
      );
      await runProcess(PYTHON, ['-c', SCRIPT, JSON.stringify(specs)], { timeoutMs: HEAVY_PROCESS_TIMEOUT_MS });
      if (!useCache) return Promise.all(specs.map(({ output }) => readResult(output)));
      for (const [position, jobIndex] of missing.entries()) {
        const target = join(CACHE_DIR, keys[jobIndex]!);
        const staging = `${target}.${process.pid}.tmp`;
        await rm(staging, { recursive: true, force: true });
        await mkdir(staging, { recursive: true });
        const output = specs[position]!.output;
        for (const suffix of ['labels', 'core', 'json']) {
          await rename(`${output}.${suffix}`, join(staging, `result.${suffix}`)).catch(async () => {
            await writeFile(join(staging, `result.${suffix}`), await readFile(`${output}.${suffix}`));
          });
        }
        await rm(target, { recursive: true, force: true });
        await rename(staging, target).catch(() => rm(staging, { recursive: true, force: true }));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return Promise.all(keys.map((key) => readResult(join(CACHE_DIR, key, 'result'))));
}

/** Runs `DBSCAN(eps, min_samples, algorithm='kd_tree').fit` `repeats` times on `points` (uncached). */
export async function runSklearnDbscan(
  points: Float64Array,
  eps: number,
  minSamples: number,
  repeats = 1,
): Promise<SklearnDbscan> {
  return (await runSklearnDbscanBatch([{ points, eps, minSamples, repeats }], { cache: false }))[0]!;
}
