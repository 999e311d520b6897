/**
 * Scores the plain NumPy/scikit-learn reference (python_reference.py, run with
 * Debian's /usr/bin/python3) on generated scenes, the same way run.ts scores
 * the kept tracks: path length of each object's centroids over its first to
 * last frame against the truth.
 *
 *   npx tsx bench/pseudo-scenes/reference.ts [--seeds 1-4] [--work /tmp/stkit-pseudo-ref] [--eps 0.5]
 */
import { execFile } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { benchmarkScene } from './scene-spec';
import { writeScene } from './write-scene';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1-4' },
    work: { type: 'string', default: '/tmp/stkit-pseudo-ref' },
    eps: { type: 'string', default: '0.5' },
  },
});
const [first, last] = values.seeds!.split('-').map(Number) as [number, number | undefined];
const script = fileURLToPath(new URL('./python_reference.py', import.meta.url));
const errors: number[] = [];
let eligible = 0,
  covered = 0;
for (let seed = first; seed <= (last ?? first); seed++) {
  const dir = join(values.work!, `drive-${seed}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const scene = await writeScene(benchmarkScene(seed), dir);
  const started = performance.now();
  const { stdout } = await promisify(execFile)('/usr/bin/python3', [script, dir, '--eps', values.eps!], {
    timeout: 1_800_000,
    maxBuffer: 1 << 24,
  });
  const seconds = (performance.now() - started) / 1000;
  const result = JSON.parse(stdout) as {
    objects: Record<string, { t0: number; t1: number; frames: number; length: number }>;
  };
  const line: string[] = [];
  for (const object of scene.truth) {
    let run = 0,
      best = 0;
    for (const frame of object.frames) {
      run = frame.visible ? run + 1 : 0;
      best = Math.max(best, run);
    }
    if (best < 5) continue;
    eligible++;
    const out = result.objects[String(object.instanceId)];
    if (!out || out.frames < 5) continue;
    covered++;
    if (object.parked) continue;
    const a = object.frames[0]!,
      b = object.frames[1]!;
    const speed = Math.hypot(b.center[0] - a.center[0], b.center[2] - a.center[2]) / (b.t - a.t);
    const expected = speed * (out.t1 - out.t0);
    const error = Math.abs(out.length - expected) / expected;
    errors.push(error);
    line.push(`${object.instanceId}: ${(100 * error).toFixed(1)} %`);
  }
  console.log(`seed ${seed} reference (eps ${values.eps} m) ${line.join(', ')}  ${seconds.toFixed(1)} s`);
}
console.log(
  `\n| reference (NumPy + scikit-learn DBSCAN eps ${values.eps} m, largest cluster, raw centroids) | ${covered}/${eligible} objects | path-length error ${((100 * errors.reduce((a, b) => a + b, 0)) / errors.length).toFixed(1)} % (${errors.length} tracks) |`,
);
