/**
 * Scene descriptions with analytically known motion, shared by the fixture
 * generators (`generate-kitti.ts`, `generate-aria.ts`,
 * `generate-argoverse2.ts`). Everything is on the ground plane of a z-up,
 * metric world frame; headings are radians counter-clockwise from +x. Tests
 * compute their expected values from these formulas by hand, never from a
 * reader's output.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A motion on the ground plane, as a function of scene seconds. */
export type Motion =
  /** Constant velocity from `start` along `heading` at `speed` m/s. */
  | { kind: 'linear'; start: [number, number]; heading: number; speed: number }
  /**
   * A parked object at `at`, its position jittering by at most `jitter`
   * metres per axis: `at + jitter·(sin(7.3 t), cos(5.1 t))`, so never farther
   * than `jitter·√2` from `at` (annotation noise, not motion).
   */
  | { kind: 'parked'; at: [number, number]; heading: number; jitter: number }
  /**
   * Uniform circular motion about `center` of `radius` metres at `yawRate`
   * rad/s (> 0: counter-clockwise, a left turn), starting at polar angle
   * `startAngle`. The speed is `|yawRate|·radius`.
   */
  | { kind: 'turn'; center: [number, number]; radius: number; startAngle: number; yawRate: number };

/** One object of a scene. */
export interface SceneObject {
  id: string;
  /** Category in the dataset's own vocabulary (e.g. `Car`, `REGULAR_VEHICLE`). */
  category: string;
  /** `[length, width, height]`, metres. */
  size: [number, number, number];
  motion: Motion;
  /** Height of the box centre above the ground (z = 0), metres. @default size[2] / 2 */
  centerZ?: number;
}

/** A scene: an ego vehicle (or camera wearer) and objects, sampled from 0 to `duration` seconds. */
export interface Scene {
  /** Seconds. */
  duration: number;
  ego: Motion;
  objects: SceneObject[];
}

/** Ground position `[x, y]` and heading (rad) of a motion at scene time `t`. */
export function poseOnGround(motion: Motion, t: number): { x: number; y: number; heading: number } {
  switch (motion.kind) {
    case 'linear':
      return { x: motion.start[0] + motion.speed * t * Math.cos(motion.heading), y: motion.start[1] + motion.speed * t * Math.sin(motion.heading), heading: motion.heading };
    case 'parked':
      return { x: motion.at[0] + motion.jitter * Math.sin(7.3 * t), y: motion.at[1] + motion.jitter * Math.cos(5.1 * t), heading: motion.heading };
    case 'turn': {
      const angle = motion.startAngle + motion.yawRate * t;
      return { x: motion.center[0] + motion.radius * Math.cos(angle), y: motion.center[1] + motion.radius * Math.sin(angle), heading: angle + Math.sign(motion.yawRate) * (Math.PI / 2) };
    }
  }
}

/** Velocity `[vx, vy]` (m/s, world frame) of a motion at scene time `t`. */
export function velocityOnGround(motion: Motion, t: number): [number, number] {
  switch (motion.kind) {
    case 'linear':
      return [motion.speed * Math.cos(motion.heading), motion.speed * Math.sin(motion.heading)];
    case 'parked':
      return [motion.jitter * 7.3 * Math.cos(7.3 * t), -motion.jitter * 5.1 * Math.sin(5.1 * t)];
    case 'turn': {
      const angle = motion.startAngle + motion.yawRate * t;
      return [-motion.radius * motion.yawRate * Math.sin(angle), motion.radius * motion.yawRate * Math.cos(angle)];
    }
  }
}

/** Yaw rate (rad/s) of a motion. */
export function yawRateOf(motion: Motion): number {
  return motion.kind === 'turn' ? motion.yawRate : 0;
}

/** Height of an object's box centre. */
export function centerZOf(object: SceneObject): number {
  return object.centerZ ?? object.size[2] / 2;
}

/** Row-major 4×4 rigid transform of a yaw about +z and a translation. */
export function yawPose(yaw: number, x: number, y: number, z: number): Float64Array {
  const c = Math.cos(yaw), s = Math.sin(yaw);
  return Float64Array.of(c, -s, 0, x, s, c, 0, y, 0, 0, 1, z, 0, 0, 0, 1);
}

/** Product of row-major 4×4 matrices. */
export function mat4Mul(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(16);
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) {
    let s = 0;
    for (let k = 0; k < 4; k++) s += a[r * 4 + k]! * b[k * 4 + c]!;
    out[r * 4 + c] = s;
  }
  return out;
}

/** Inverse of a rigid row-major 4×4 (rotation transposed). */
export function rigidInverse(m: ArrayLike<number>): Float64Array {
  const out = new Float64Array(16);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) out[r * 4 + c] = m[c * 4 + r]!;
    out[r * 4 + 3] = -(m[r]! * m[3]! + m[4 + r]! * m[7]! + m[8 + r]! * m[11]!);
  }
  out[15] = 1;
  return out;
}

/** Unit quaternion `[w, x, y, z]` (w ≥ 0) of the rotation part of a row-major 4×4 or 3×3 given as rows. */
export function quatFromRotation(m: ArrayLike<number>, stride = 4): [number, number, number, number] {
  const r = (i: number, j: number): number => m[i * stride + j]!;
  const trace = r(0, 0) + r(1, 1) + r(2, 2);
  let q: [number, number, number, number];
  if (trace > 0) {
    const s = 2 * Math.sqrt(1 + trace);
    q = [s / 4, (r(2, 1) - r(1, 2)) / s, (r(0, 2) - r(2, 0)) / s, (r(1, 0) - r(0, 1)) / s];
  } else if (r(0, 0) > r(1, 1) && r(0, 0) > r(2, 2)) {
    const s = 2 * Math.sqrt(1 + r(0, 0) - r(1, 1) - r(2, 2));
    q = [(r(2, 1) - r(1, 2)) / s, s / 4, (r(0, 1) + r(1, 0)) / s, (r(0, 2) + r(2, 0)) / s];
  } else if (r(1, 1) > r(2, 2)) {
    const s = 2 * Math.sqrt(1 + r(1, 1) - r(0, 0) - r(2, 2));
    q = [(r(0, 2) - r(2, 0)) / s, (r(0, 1) + r(1, 0)) / s, s / 4, (r(1, 2) + r(2, 1)) / s];
  } else {
    const s = 2 * Math.sqrt(1 + r(2, 2) - r(0, 0) - r(1, 1));
    q = [(r(1, 0) - r(0, 1)) / s, (r(0, 2) + r(2, 0)) / s, (r(1, 2) + r(2, 1)) / s, s / 4];
  }
  const n = Math.hypot(...q) * (q[0] < 0 ? -1 : 1);
  return [q[0] / n, q[1] / n, q[2] / n, q[3] / n];
}

/** Writes `text` to `file` through a temporary name and a rename, creating the folder; no half-written file is left. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, data);
  renameSync(temp, file);
}
