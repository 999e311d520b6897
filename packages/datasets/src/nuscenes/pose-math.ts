/**
 * The few rigid-transform operations the nuScenes and nuPlan readers need
 * (small value-returning helpers on `Pose` objects; the 2D box projection
 * is `@stkit/geometry`'s `projectBoxToImage`). Quaternions are `[w, x, y, z]`
 * (scalar first, Hamilton product, active rotation), as in both datasets;
 * a pose maps child to parent: `p_parent = R(q) · p_child + t`.
 */
import type { Pose, Quaternion, Vec3 } from '@stkit/core';

/** `a ⊗ b` (apply `b` first, then `a`). */
export function multiplyQuaternions(a: Quaternion, b: Quaternion): Quaternion {
  const [aw, ax, ay, az] = a;
  const [bw, bx, by, bz] = b;
  return [
    aw * bw - ax * bx - ay * by - az * bz,
    aw * bx + ax * bw + ay * bz - az * by,
    aw * by - ax * bz + ay * bw + az * bx,
    aw * bz + ax * by - ay * bx + az * bw,
  ];
}

/** Normalises a quaternion; throws nothing, returns the input when its norm is 0. */
export function normalizeQuaternion(q: Quaternion): Quaternion {
  const norm = Math.hypot(q[0], q[1], q[2], q[3]);
  return norm > 0 ? [q[0] / norm, q[1] / norm, q[2] / norm, q[3] / norm] : q;
}

/** Rotates `v` by unit quaternion `q`, writing into `out` (alias-safe). */
export function rotateVector(q: Quaternion, vx: number, vy: number, vz: number, out: Float64Array | number[], offset = 0): void {
  const [w, x, y, z] = q;
  // t = 2 (q_vec × v); v' = v + w t + q_vec × t
  const tx = 2 * (y * vz - z * vy);
  const ty = 2 * (z * vx - x * vz);
  const tz = 2 * (x * vy - y * vx);
  out[offset] = vx + w * tx + (y * tz - z * ty);
  out[offset + 1] = vy + w * ty + (z * tx - x * tz);
  out[offset + 2] = vz + w * tz + (x * ty - y * tx);
}

/** `a ∘ b`: the pose of `b`'s child in `a`'s parent (e.g. `world_from_ego ∘ ego_from_camera`). */
export function composePoses(a: Pose, b: Pose): Pose {
  const rotated = [0, 0, 0];
  rotateVector(a.rotation, b.translation[0], b.translation[1], b.translation[2], rotated);
  const translation: Vec3 = [rotated[0]! + a.translation[0], rotated[1]! + a.translation[1], rotated[2]! + a.translation[2]];
  return { rotation: normalizeQuaternion(multiplyQuaternions(a.rotation, b.rotation)), translation };
}

/** The quaternion of a rotation by `yaw` radians about +z. */
export function yawToQuaternion(yaw: number): Quaternion {
  return [Math.cos(yaw / 2), 0, 0, Math.sin(yaw / 2)];
}
