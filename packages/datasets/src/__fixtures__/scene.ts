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
import { se3Compose, se3Inverse, se3ToPose } from '@stkit/geometry';

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
      return {
        x: motion.start[0] + motion.speed * t * Math.cos(motion.heading),
        y: motion.start[1] + motion.speed * t * Math.sin(motion.heading),
        heading: motion.heading,
      };
    case 'parked':
      return {
        x: motion.at[0] + motion.jitter * Math.sin(7.3 * t),
        y: motion.at[1] + motion.jitter * Math.cos(5.1 * t),
        heading: motion.heading,
      };
    case 'turn': {
      const angle = motion.startAngle + motion.yawRate * t;
      return {
        x: motion.center[0] + motion.radius * Math.cos(angle),
        y: motion.center[1] + motion.radius * Math.sin(angle),
        heading: angle + Math.sign(motion.yawRate) * (Math.PI / 2),
      };
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
  const c = Math.cos(yaw),
    s = Math.sin(yaw);
  return Float64Array.of(c, -s, 0, x, s, c, 0, y, 0, 0, 1, z, 0, 0, 0, 1);
}

/** `a · b` of row-major rigid 4×4s (`@stkit/geometry`'s SE(3) math). */
export function mat4Mul(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  return se3Compose(new Float64Array(16), a, b);
}

/** Inverse of a rigid row-major 4×4. */
export function rigidInverse(m: ArrayLike<number>): Float64Array {
  return se3Inverse(new Float64Array(16), m);
}

/** Unit quaternion `[w, x, y, z]` (w ≥ 0) of the rotation of a rigid row-major 4×4. */
export function quatFromRotation(m: ArrayLike<number>): [number, number, number, number] {
  return se3ToPose(m).rotation;
}

/** Writes `data` to `file` through a temporary name and a rename, creating the folder; no half-written file is left. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, data);
  renameSync(temp, file);
}
