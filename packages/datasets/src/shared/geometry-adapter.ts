/**
 * Allocating wrappers over `@stkit/geometry`'s `out`-style rigid-motion
 * functions (quaternions `[w, x, y, z]`, row-major flat 4×4 transforms,
 * `target_from_source` names), in the shape the readers use, plus slerp
 * (which geometry does not provide).
 */
import {
  mat3FromMat4,
  quatFromMat3,
  se3ApplyToPoint as geometryApplyToPoint,
  se3Compose as geometryCompose,
  se3FromRotationTranslation as geometryFromRotationTranslation,
  se3Inverse as geometryInverse,
} from '@stkit/geometry';

/** A rigid transform as a row-major 4×4 (16 numbers, last row `0 0 0 1`). */
export type Mat4 = Float64Array;

/** Row-major 4×4 of a rotation `[w, x, y, z]` (normalised) and a translation. */
export function se3FromRotationTranslation(rotation: ArrayLike<number>, translation: ArrayLike<number>): Mat4 {
  return geometryFromRotationTranslation(new Float64Array(16), Float64Array.from(rotation), Float64Array.from(translation));
}

/** `a · b` (apply `b` first). */
export function se3Compose(a: ArrayLike<number>, b: ArrayLike<number>): Mat4 {
  return geometryCompose(new Float64Array(16), a, b);
}

/** Inverse of a rigid transform `[Rᵀ | −Rᵀt]`. */
export function se3Inverse(m: ArrayLike<number>): Mat4 {
  return geometryInverse(new Float64Array(16), m);
}

/** `R · p + t`. */
export function se3ApplyToPoint(m: ArrayLike<number>, p: ArrayLike<number>): [number, number, number] {
  const out = geometryApplyToPoint(new Float64Array(3), m, Float64Array.from(p));
  return [out[0]!, out[1]!, out[2]!];
}

/** Unit quaternion `[w, x, y, z]` (w ≥ 0) of the rotation block of a 4×4. */
export function quatFromSe3(m: ArrayLike<number>): [number, number, number, number] {
  const q = quatFromMat3(new Float64Array(4), mat3FromMat4(new Float64Array(9), m));
  return [q[0]!, q[1]!, q[2]!, q[3]!];
}

/** Spherical linear interpolation of unit quaternions `[w, x, y, z]` (shortest arc). */
export function quatSlerp(a: ArrayLike<number>, b: ArrayLike<number>, u: number): [number, number, number, number] {
  let bw = b[0]!, bx = b[1]!, by = b[2]!, bz = b[3]!;
  let dot = a[0]! * bw + a[1]! * bx + a[2]! * by + a[3]! * bz;
  if (dot < 0) { dot = -dot; bw = -bw; bx = -bx; by = -by; bz = -bz; }
  let wa = 1 - u, wb = u;
  if (dot < 0.9995) {
    const theta = Math.acos(dot);
    const s = Math.sin(theta);
    wa = Math.sin((1 - u) * theta) / s;
    wb = Math.sin(u * theta) / s;
  }
  const w = wa * a[0]! + wb * bw, x = wa * a[1]! + wb * bx, y = wa * a[2]! + wb * by, z = wa * a[3]! + wb * bz;
  const n = Math.hypot(w, x, y, z);
  return [w / n, x / n, y / n, z / n];
}
