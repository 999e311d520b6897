/**
 * Allocating wrappers over `@stkit/geometry`'s `out`-style rigid-motion
 * functions (quaternions `[w, x, y, z]`, row-major flat 4×4 transforms,
 * `target_from_source` names), in the shape the readers use.
 */
import {
  mat3FromMat4,
  quatFromAxisAngle,
  quatFromMat3,
  quatNormalize,
  quatSlerp as geometrySlerp,
  se3ApplyToPoint as geometryApplyToPoint,
  se3Compose as geometryCompose,
  se3FromRotationTranslation as geometryFromRotationTranslation,
  se3Inverse as geometryInverse,
} from '@stkit/geometry';

/** A rigid transform as a row-major 4×4 (16 numbers, last row `0 0 0 1`). */
export type Mat4 = Float64Array;

/** Row-major 4×4 of a rotation `[w, x, y, z]` (normalised) and a translation. */
export function se3FromRotationTranslation(rotation: ArrayLike<number>, translation: ArrayLike<number>): Mat4 {
  return geometryFromRotationTranslation(
    new Float64Array(16),
    Float64Array.from(rotation),
    Float64Array.from(translation),
  );
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

/** Spherical linear interpolation of unit quaternions `[w, x, y, z]` (shortest arc): geometry's `quatSlerp`, allocating. */
export function quatSlerp(a: ArrayLike<number>, b: ArrayLike<number>, u: number): [number, number, number, number] {
  const q = geometrySlerp(new Float64Array(4), Float64Array.from(a), Float64Array.from(b), u);
  return [q[0]!, q[1]!, q[2]!, q[3]!];
}

/** Unit quaternion `[w, x, y, z]` with `w ≥ 0` in the direction of `q`: geometry's `quatNormalize`, allocating. */
export function quatNormalized(q: ArrayLike<number>): [number, number, number, number] {
  const out = quatNormalize(new Float64Array(4), Float64Array.from(q));
  return [out[0]!, out[1]!, out[2]!, out[3]!];
}

/** The quaternion `[w, x, y, z]` of a rotation by `yaw` radians about +z: geometry's `quatFromAxisAngle`, allocating. */
export function quatFromYaw(yaw: number): [number, number, number, number] {
  const out = quatFromAxisAngle(new Float64Array(4), [0, 0, 1], yaw);
  return [out[0]!, out[1]!, out[2]!, out[3]!];
}
