/**
 * Rigid poses as `{ rotation: [w, x, y, z], translation: [x, y, z] }` (the
 * `Clip` contract's `Pose`), for code that handles a few poses at a time (a
 * dataset reader composing `city_from_ego ∘ ego_from_object`). Bulk work
 * belongs on 4×4 matrices ({@link se3FromPose}).
 */
import { quatConjugate, quatMultiply, quatNormalize, quatRotateVec3 } from './quaternion';
import type { Pose } from '@stkit/core';
import type { PoseLike, Vec3Like } from './types';

const q = new Float64Array(4);
const q2 = new Float64Array(4);
const v = new Float64Array(3);

/** `a ∘ b` (apply `b` first): `R = R_a R_b`, `t = R_a t_b + t_a`. The rotation is normalised with `w ≥ 0`. */
export function poseCompose(a: PoseLike, b: PoseLike): Pose {
  quatNormalize(q, a.rotation);
  quatRotateVec3(v, q, b.translation);
  const translation: [number, number, number] = [
    v[0]! + a.translation[0]!,
    v[1]! + a.translation[1]!,
    v[2]! + a.translation[2]!,
  ];
  quatNormalize(q2, b.rotation);
  quatNormalize(q, quatMultiply(q, q, q2));
  return { rotation: [q[0]!, q[1]!, q[2]!, q[3]!], translation };
}

/** The inverse pose: `R⁻¹ = Rᵀ`, `t' = −Rᵀ t`. */
export function poseInverse(pose: PoseLike): Pose {
  quatConjugate(q, quatNormalize(q, pose.rotation));
  quatRotateVec3(v, q, pose.translation);
  quatNormalize(q, q);
  return { rotation: [q[0]!, q[1]!, q[2]!, q[3]!], translation: [-v[0]!, -v[1]!, -v[2]!] };
}

/**
 * Applies a pose to one point: `R p + t`.
 * @returns `out`.
 */
export function poseApply(out: Float64Array, pose: PoseLike, point: Vec3Like): Float64Array {
  quatNormalize(q, pose.rotation);
  quatRotateVec3(out, q, point);
  out[0] = out[0]! + pose.translation[0]!;
  out[1] = out[1]! + pose.translation[1]!;
  out[2] = out[2]! + pose.translation[2]!;
  return out;
}
