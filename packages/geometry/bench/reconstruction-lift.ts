/**
 * Benchmark: unprojection + lifting for a 40-frame 512×288 video, against the
 * same computation in NumPy (`/usr/bin/python3`, Debian python3-numpy).
 *
 *   npx tsx bench/reconstruction-lift.ts            # from packages/geometry
 *
 * Both sides read the same binary inputs (written to a temp folder) and time
 * only the computation: (A) every pixel of every frame to world points,
 * (B) two object masks per frame → world point clouds + centroids. Median of
 * 15 runs after 3 warm-ups; the centroids of both sides are compared.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unprojectDepthMap } from '../src/math/index';
import { groundTruthScene } from '../src/reconstruction/__fixtures__/scene-from-synthetic';
import { createSyntheticScene } from '../src/reconstruction/__fixtures__/synthetic-scene';
import { liftMasks } from '../src/reconstruction/lift-masks';

const FRAMES = 40,
  WIDTH = 512,
  HEIGHT = 288,
  RUNS = 15,
  WARMUP = 3;
const synthetic = createSyntheticScene({ frames: FRAMES, width: WIDTH, height: HEIGHT, focal: 460, boxes: 2, seed: 1 });
const scene = groundTruthScene(synthetic);
const masks = [1, 2].map((id) => synthetic.objectIds.map((ids) => ids.map((v) => (v === id ? 1 : 0))));
const objects = masks.map((perFrame, o) => ({
  id: o,
  masks: perFrame.map((data) => ({ height: HEIGHT, width: WIDTH, data })),
}));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

function time(run: () => void): number {
  for (let k = 0; k < WARMUP; k++) run();
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

const world = scene.frames.map(() => new Float64Array(WIDTH * HEIGHT * 3));
const unproject = (): void =>
  scene.frames.forEach((frame, n) =>
    unprojectDepthMap({
      depth: frame.depth,
      width: WIDTH,
      height: HEIGHT,
      intrinsics: frame.intrinsics,
      worldFromCamera: frame.worldFromCamera,
      out: world[n],
    }),
  );
let centroids: (readonly number[] | null)[] = [];
const lift = (): void => {
  centroids = liftMasks({ scene, objects }).objects.flatMap((o) => o.frames.map((f) => f.centroid));
};
const tsUnproject = time(unproject),
  tsLift = time(lift),
  tsBoth = time(() => {
    unproject();
    lift();
  });

// Same inputs for NumPy.
const folder = mkdtempSync(join(tmpdir(), 'stkit-lift-'));
try {
  const depth = new Float32Array(FRAMES * WIDTH * HEIGHT),
    poses = new Float64Array(FRAMES * 16),
    maskBytes = new Uint8Array(2 * FRAMES * WIDTH * HEIGHT);
  scene.frames.forEach((frame, n) => {
    depth.set(frame.depth, n * WIDTH * HEIGHT);
    poses.set(frame.worldFromCamera, 16 * n);
  });
  masks.forEach((perFrame, o) => perFrame.forEach((data, n) => maskBytes.set(data, (o * FRAMES + n) * WIDTH * HEIGHT)));
  writeFileSync(join(folder, 'depth.f32'), depth);
  writeFileSync(join(folder, 'poses.f64'), poses);
  writeFileSync(join(folder, 'masks.u8'), maskBytes);
  const { fx, fy, cx, cy } = scene.frames[0]!.intrinsics;
  const script = join(dirname(fileURLToPath(import.meta.url)), 'reconstruction-lift.py');
  const output = execFileSync(
    '/usr/bin/python3',
    [
      script,
      folder,
      String(FRAMES),
      String(HEIGHT),
      String(WIDTH),
      String(fx),
      String(fy),
      String(cx),
      String(cy),
      String(RUNS),
      String(WARMUP),
    ],
    { encoding: 'utf8' },
  );
  const numpy = JSON.parse(output) as {
    unproject: number;
    lift: number;
    both: number;
    centroids: (number[] | null)[];
    version: string;
  };
  let worst = 0;
  numpy.centroids.forEach((c, k) => {
    const t = centroids[k];
    if (c && t) worst = Math.max(worst, Math.hypot(c[0]! - t[0]!, c[1]! - t[1]!, c[2]! - t[2]!));
    else if (c || t) worst = Infinity;
  });
  const row = (name: string, ts: number, np: number): string =>
    `| ${name} | ${ts.toFixed(1)} | ${np.toFixed(1)} | ${(np / ts).toFixed(2)}× |`;
  console.log(
    `node ${process.version}, numpy ${numpy.version}; ${FRAMES} frames ${WIDTH}×${HEIGHT}, 2 objects; median of ${RUNS} runs (ms)`,
  );
  console.log('| step | TypeScript | NumPy | NumPy / TS |');
  console.log('|---|---|---|---|');
  console.log(row('(A) unproject all pixels to world', tsUnproject, numpy.unproject));
  console.log(row('(B) lift 2 masks/frame → points + centroids', tsLift, numpy.lift));
  console.log(row('(A)+(B)', tsBoth, numpy.both));
  console.log(`max centroid difference TS vs NumPy: ${worst.toExponential(2)} m`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
