/**
 * Quaternions, w first (`[w, x, y, z]`), Hamilton product. Every function
 * writes into `out` and returns it; inputs are read into locals before `out`
 * is written, so `out` may alias an input.
 */
import type { Mat3Like, QuatLike, Vec3Like } from './types';

/** A new identity quaternion `[1, 0, 0, 0]`. */
export function quatIdentity(): Float64Array {
  return Float64Array.of(1, 0, 0, 0);
}

/**
 * Converts an x-first `[x, y, z, w]` quaternion (Aria, SciPy, ROS) to w-first `[w, x, y, z]`.
 * @returns `out`.
 */
export function quatFromXyzw(out: Float64Array, xyzw: ArrayLike<number>): Float64Array {
  const x = xyzw[0]!,
    y = xyzw[1]!,
    z = xyzw[2]!,
    w = xyzw[3]!;
  out[0] = w;
  out[1] = x;
  out[2] = y;
  out[3] = z;
  return out;
}

/**
 * Converts a w-first `[w, x, y, z]` quaternion to x-first `[x, y, z, w]`.
 * @returns `out`.
 */
export function quatToXyzw(out: Float64Array, q: QuatLike): Float64Array {
  const w = q[0]!,
    x = q[1]!,
    y = q[2]!,
    z = q[3]!;
  out[0] = x;
  out[1] = y;
  out[2] = z;
  out[3] = w;
  return out;
}

/**
 * Squared length of `q`.
 * @returns `w² + x² + y² + z²`.
 */
export function quatLengthSquared(q: QuatLike): number {
  return q[0]! * q[0]! + q[1]! * q[1]! + q[2]! * q[2]! + q[3]! * q[3]!;
}

/**
 * Unit quaternion in the direction of `q`, with `w ≥ 0` (the canonical one of
 * `±q`). A zero or non-finite quaternion gives NaNs (the caller validates).
 * @returns `out`.
 */
export function quatNormalize(out: Float64Array, q: QuatLike): Float64Array {
  let w = q[0]!,
    x = q[1]!,
    y = q[2]!,
    z = q[3]!;
  let inv = 1 / Math.sqrt(w * w + x * x + y * y + z * z);
  if (!Number.isFinite(inv)) inv = Number.NaN;
  if (w < 0) inv = -inv;
  w *= inv;
  x *= inv;
  y *= inv;
  z *= inv;
  out[0] = w;
  out[1] = x;
  out[2] = y;
  out[3] = z;
  return out;
}

/**
 * Hamilton product `a ⊗ b` (apply `b` first, then `a`).
 * @returns `out`.
 */
export function quatMultiply(out: Float64Array, a: QuatLike, b: QuatLike): Float64Array {
  const aw = a[0]!,
    ax = a[1]!,
    ay = a[2]!,
    az = a[3]!;
  const bw = b[0]!,
    bx = b[1]!,
    by = b[2]!,
    bz = b[3]!;
  out[0] = aw * bw - ax * bx - ay * by - az * bz;
  out[1] = aw * bx + ax * bw + ay * bz - az * by;
  out[2] = aw * by - ax * bz + ay * bw + az * bx;
  out[3] = aw * bz + ax * by - ay * bx + az * bw;
  return out;
}

/**
 * Conjugate `[w, -x, -y, -z]` (the inverse of a unit quaternion).
 * @returns `out`.
 */
export function quatConjugate(out: Float64Array, q: QuatLike): Float64Array {
  const w = q[0]!,
    x = q[1]!,
    y = q[2]!,
    z = q[3]!;
  out[0] = w;
  out[1] = -x;
  out[2] = -y;
  out[3] = -z;
  return out;
}

/**
 * Rotation matrix (row-major 3×3) of `q`. `q` is normalised first, so a
 * slightly non-unit quaternion from a file still gives an orthonormal matrix.
 * @returns `out`.
 */
export function quatToMat3(out: Float64Array, q: QuatLike): Float64Array {
  let w = q[0]!,
    x = q[1]!,
    y = q[2]!,
    z = q[3]!;
  const inv = 1 / Math.sqrt(w * w + x * x + y * y + z * z);
  w *= inv;
  x *= inv;
  y *= inv;
  z *= inv;
  const xx = x * x,
    yy = y * y,
    zz = z * z;
  const xy = x * y,
    xz = x * z,
    yz = y * z,
    wx = w * x,
    wy = w * y,
    wz = w * z;
  out[0] = 1 - 2 * (yy + zz);
  out[1] = 2 * (xy - wz);
  out[2] = 2 * (xz + wy);
  out[3] = 2 * (xy + wz);
  out[4] = 1 - 2 * (xx + zz);
  out[5] = 2 * (yz - wx);
  out[6] = 2 * (xz - wy);
  out[7] = 2 * (yz + wx);
  out[8] = 1 - 2 * (xx + yy);
  return out;
}

/**
 * Unit quaternion (`w ≥ 0`) of a row-major rotation matrix (Shepperd's
 * method: pivots on the largest of trace and diagonal, stable near 180°).
 * `m` is assumed orthonormal; for a 4×4 pass its upper-left block via
 * {@link mat3FromMat4}.
 * @returns `out`.
 */
export function quatFromMat3(out: Float64Array, m: Mat3Like): Float64Array {
  const m00 = m[0]!,
    m01 = m[1]!,
    m02 = m[2]!;
  const m10 = m[3]!,
    m11 = m[4]!,
    m12 = m[5]!;
  const m20 = m[6]!,
    m21 = m[7]!,
    m22 = m[8]!;
  const trace = m00 + m11 + m22;
  let w: number, x: number, y: number, z: number;
  if (trace > 0) {
    const s = 2 * Math.sqrt(1 + trace); // s = 4w
    w = 0.25 * s;
    x = (m21 - m12) / s;
    y = (m02 - m20) / s;
    z = (m10 - m01) / s;
  } else if (m00 > m11 && m00 > m22) {
    const s = 2 * Math.sqrt(1 + m00 - m11 - m22); // s = 4x
    w = (m21 - m12) / s;
    x = 0.25 * s;
    y = (m01 + m10) / s;
    z = (m02 + m20) / s;
  } else if (m11 > m22) {
    const s = 2 * Math.sqrt(1 + m11 - m00 - m22); // s = 4y
    w = (m02 - m20) / s;
    x = (m01 + m10) / s;
    y = 0.25 * s;
    z = (m12 + m21) / s;
  } else {
    const s = 2 * Math.sqrt(1 + m22 - m00 - m11); // s = 4z
    w = (m10 - m01) / s;
    x = (m02 + m20) / s;
    y = (m12 + m21) / s;
    z = 0.25 * s;
  }
  out[0] = w;
  out[1] = x;
  out[2] = y;
  out[3] = z;
  return quatNormalize(out, out);
}

/**
 * Upper-left 3×3 block of a row-major 4×4.
 * @returns `out`.
 */
export function mat3FromMat4(out: Float64Array, m: ArrayLike<number>): Float64Array {
  const a0 = m[0]!,
    a1 = m[1]!,
    a2 = m[2]!,
    a4 = m[4]!,
    a5 = m[5]!,
    a6 = m[6]!,
    a8 = m[8]!,
    a9 = m[9]!,
    a10 = m[10]!;
  out[0] = a0;
  out[1] = a1;
  out[2] = a2;
  out[3] = a4;
  out[4] = a5;
  out[5] = a6;
  out[6] = a8;
  out[7] = a9;
  out[8] = a10;
  return out;
}

/**
 * Rotates `v` by the unit quaternion `q`: `q · v · q*`.
 * @returns `out`.
 */
export function quatRotateVec3(out: Float64Array, q: QuatLike, v: Vec3Like): Float64Array {
  const w = q[0]!,
    x = q[1]!,
    y = q[2]!,
    z = q[3]!;
  const vx = v[0]!,
    vy = v[1]!,
    vz = v[2]!;
  // t = 2 · (q.xyz × v); v' = v + w·t + q.xyz × t (two cross products, 15 mul).
  const tx = 2 * (y * vz - z * vy);
  const ty = 2 * (z * vx - x * vz);
  const tz = 2 * (x * vy - y * vx);
  out[0] = vx + w * tx + (y * tz - z * ty);
  out[1] = vy + w * ty + (z * tx - x * tz);
  out[2] = vz + w * tz + (x * ty - y * tx);
  return out;
}

/**
 * Unit quaternion of a rotation by `angle` radians about `axis` (need not be unit).
 * @returns `out`.
 */
export function quatFromAxisAngle(out: Float64Array, axis: Vec3Like, angle: number): Float64Array {
  const ax = axis[0]!,
    ay = axis[1]!,
    az = axis[2]!;
  const s = Math.sin(angle / 2) / Math.hypot(ax, ay, az);
  out[0] = Math.cos(angle / 2);
  out[1] = ax * s;
  out[2] = ay * s;
  out[3] = az * s;
  return out;
}

/**
 * Spherical linear interpolation of unit quaternions along the shortest arc
 * (`b` is negated when `a · b < 0`), normalised; nearly parallel inputs
 * (`|a · b| ≥ 0.9995`) are interpolated linearly, which is exact to ~1e-7
 * there and avoids dividing by `sin θ ≈ 0`. `u = 0` gives `a`, `u = 1` gives `±b`.
 * @returns `out`.
 */
export function quatSlerp(out: Float64Array, a: QuatLike, b: QuatLike, u: number): Float64Array {
  const aw = a[0]!,
    ax = a[1]!,
    ay = a[2]!,
    az = a[3]!;
  let bw = b[0]!,
    bx = b[1]!,
    by = b[2]!,
    bz = b[3]!;
  let dot = aw * bw + ax * bx + ay * by + az * bz;
  if (dot < 0) {
    dot = -dot;
    bw = -bw;
    bx = -bx;
    by = -by;
    bz = -bz;
  }
  let wa = 1 - u,
    wb = u;
  if (dot < 0.9995) {
    const theta = Math.acos(dot);
    const s = Math.sin(theta);
    wa = Math.sin((1 - u) * theta) / s;
    wb = Math.sin(u * theta) / s;
  }
  const w = wa * aw + wb * bw,
    x = wa * ax + wb * bx,
    y = wa * ay + wb * by,
    z = wa * az + wb * bz;
  const n = Math.hypot(w, x, y, z);
  out[0] = w / n;
  out[1] = x / n;
  out[2] = y / n;
  out[3] = z / n;
  return out;
}
