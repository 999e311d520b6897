/**
 * Benchmark: per-frame ONNX preprocessing (resize, crop/pad, normalise, CHW)
 * of a 1920×1080 frame for Metric3D (616×1064 canvas, bilinear) and
 * DUSt3R/MonST3R (512×288, antialiased), against the same computation in
 * NumPy (bench/onnx-preprocess.py) on the same deterministic frame; also
 * cross-checks the outputs (max |difference|).
 *
 *     cd packages/geometry && npx tsx --conditions=@stkit/source bench/onnx-preprocess.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dust3rLayout } from '../src/backends/dust3r-layout';
import { preprocessImage, type RgbImage } from '../src/backends/image-preprocess';
import { metric3dFixedLayout } from '../src/backends/metric3d-layout';
import { readNpy } from '../src/backends/npy';

const W = 1920,
  H = 1080;
const data = new Uint8Array(W * H * 3);
for (let y = 0; y < H; y++)
  for (let x = 0; x < W; x++) for (let c = 0; c < 3; c++) data[(y * W + x) * 3 + c] = (x * 7 + y * 13 + c * 29) % 256;
const image: RgbImage = { data, width: W, height: H };

const m = metric3dFixedLayout(W, H);
const metric3dOut = new Float32Array(3 * m.canvasWidth * m.canvasHeight);
const metric3d = () =>
  preprocessImage({
    image,
    resizedWidth: m.resizedWidth,
    resizedHeight: m.resizedHeight,
    canvasWidth: m.canvasWidth,
    canvasHeight: m.canvasHeight,
    offsetX: m.padLeft,
    offsetY: m.padTop,
    mean: [0, 0, 0],
    std: [1, 1, 1],
    padColor: [123.675, 116.28, 103.53],
    out: metric3dOut,
  });
const d = dust3rLayout(W, H);
const dust3rOut = new Float32Array(3 * d.width * d.height);
const dust3r = () =>
  preprocessImage({
    image,
    resizedWidth: d.resizedWidth,
    resizedHeight: d.resizedHeight,
    crop: { x: d.cropX, y: d.cropY, width: d.width, height: d.height },
    canvasWidth: d.width,
    canvasHeight: d.height,
    mean: [127.5, 127.5, 127.5],
    std: [127.5, 127.5, 127.5],
    antialias: true,
    out: dust3rOut,
  });

const med = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2;
};

/** Median wall and CPU (user + system) milliseconds per call; CPU time is the robust figure on a shared machine. */
function measure(fn: () => unknown, runs = 20, warmup = 3): { wall: number; cpu: number } {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [],
    cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { wall: med(wall), cpu: med(cpu) };
}

function maxDiff(a: Float32Array, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

const tsMetric3d = measure(metric3d);
const tsDust3r = measure(dust3r);
const dir = mkdtempSync(join(tmpdir(), 'stkit-bench-'));
const script = fileURLToPath(new URL('./onnx-preprocess.py', import.meta.url));
const peer = JSON.parse(execFileSync('/usr/bin/python3', [script, join(dir, 'out')], { encoding: 'utf8' })) as {
  numpy: string;
  metric3d: { wall: number; cpu: number };
  dust3r: { wall: number; cpu: number };
};
const refMetric3d = await readNpy(join(dir, 'out-metric3d.npy'));
const refDust3r = await readNpy(join(dir, 'out-dust3r.npy'));
rmSync(dir, { recursive: true, force: true });

console.log(
  `Node ${process.version}, NumPy ${peer.numpy}; 1920×1080 RGB frame; median of 20 runs after 3 warm-ups; ms per frame (CPU = user + system)\n`,
);
console.log('| preprocessing | TS CPU | NumPy CPU | NumPy/TS (CPU) | TS wall | NumPy wall | max abs diff |');
console.log('|---|---|---|---|---|---|---|');
const row = (label: string, ts: { wall: number; cpu: number }, np: { wall: number; cpu: number }, diff: number): void =>
  console.log(
    `| ${label} | ${ts.cpu.toFixed(1)} | ${np.cpu.toFixed(1)} | ${(np.cpu / ts.cpu).toFixed(2)}× | ${ts.wall.toFixed(1)} | ${np.wall.toFixed(1)} | ${diff.toExponential(1)} |`,
  );
row(
  'Metric3D 616×1064, bilinear, raw 0–255 + mean padding',
  tsMetric3d,
  peer.metric3d,
  maxDiff(metric3dOut, refMetric3d.data as Float32Array),
);
row(
  'DUSt3R 512×288, antialiased, (v−127.5)/127.5',
  tsDust3r,
  peer.dust3r,
  maxDiff(dust3rOut, refDust3r.data as Float32Array),
);
