/**
 * Benchmark: SE(3) transform and pinhole projection of 1,000,000 points (flat
 * Float64Array N×3) against NumPy on the same points, and the per-annotation
 * cost of `projectBoxToImage` (100,000 boxes, fixed inputs).
 *
 *     cd packages/geometry && npx tsx --conditions=@stkit/source bench/math-transforms.ts
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { projectBoxToImage } from '../src/math/box-projection';
import { projectPoints } from '../src/math/pinhole';
import { se3ApplyToPoints, se3FromRotationTranslation } from '../src/math/se3';

const N = 1_000_000;
const points = new Float64Array(N * 3);
for (let i = 0; i < N; i++) {
  points[3 * i] = Math.sin(i) * 10;
  points[3 * i + 1] = Math.cos(i * 0.5) * 5;
  points[3 * i + 2] = 5 + (i % 100) * 0.5;
}
// Rz(0.3) as a quaternion [cos 0.15, 0, 0, sin 0.15], t = (1, 2, 3)
const m = se3FromRotationTranslation(new Float64Array(16), [Math.cos(0.15), 0, 0, Math.sin(0.15)], [1, 2, 3]);
const transformed = new Float64Array(N * 3);
const pixels = new Float64Array(N * 2);
const K = { fx: 1000, fy: 1000, cx: 960, cy: 540, width: 1920, height: 1080 };

const med = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2;
};
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

const tsTransform = measure(() => se3ApplyToPoints(transformed, m, points));
const tsProject = measure(() => projectPoints(pixels, points, K));
const boxes = Array.from({ length: 100_000 }, (_, i) => ({
  center: [Math.sin(i) * 30, Math.cos(i) * 30, 1 + (i % 7)] as [number, number, number],
  size: [4.5, 1.9, 1.6] as [number, number, number],
  rotation: [Math.cos(i * 0.01), 0, 0, Math.sin(i * 0.01)] as [number, number, number, number],
}));
const pose = {
  rotation: [0.5, -0.5, 0.5, -0.5] as [number, number, number, number],
  translation: [0, 0, 1.5] as [number, number, number],
};
let visible = 0;
const tsBoxes = measure(
  () => {
    visible = 0;
    for (const box of boxes) if (projectBoxToImage(pose, K, box)) visible++;
  },
  10,
  2,
);

const script = fileURLToPath(new URL('./math-transforms.py', import.meta.url));
const peer = JSON.parse(execFileSync('/usr/bin/python3', [script], { encoding: 'utf8' })) as {
  numpy: string;
  transform: { wall: number; cpu: number };
  project: { wall: number; cpu: number };
  check: [number, number];
};
// Same values as NumPy at point 12345 (x after the transform, v after projection)
const agree =
  Math.abs(transformed[3 * 12345]! - peer.check[0]) < 1e-9 && Math.abs(pixels[2 * 12345 + 1]! - peer.check[1]) < 1e-9;

console.log(
  `Node ${process.version}, NumPy ${peer.numpy}; median of 20 runs after 3 warm-ups; ms (CPU = user + system); values agree with NumPy: ${agree}\n`,
);
console.log('| operation | TS CPU | NumPy CPU | NumPy/TS (CPU) | TS wall | NumPy wall |');
console.log('|---|---|---|---|---|---|');
console.log(
  `| SE(3) apply, 10⁶ points | ${tsTransform.cpu.toFixed(1)} | ${peer.transform.cpu.toFixed(1)} | ${(peer.transform.cpu / tsTransform.cpu).toFixed(2)}× | ${tsTransform.wall.toFixed(1)} | ${peer.transform.wall.toFixed(1)} |`,
);
console.log(
  `| pinhole projection, 10⁶ points | ${tsProject.cpu.toFixed(1)} | ${peer.project.cpu.toFixed(1)} | ${(peer.project.cpu / tsProject.cpu).toFixed(2)}× | ${tsProject.wall.toFixed(1)} | ${peer.project.wall.toFixed(1)} |`,
);
console.log(
  `\nprojectBoxToImage: ${((tsBoxes.cpu * 1000) / boxes.length).toFixed(2)} µs CPU per box (100,000 boxes, ${visible} visible, near-plane clipping included)`,
);
