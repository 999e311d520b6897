/**
 * SE(3) rigid transforms as flat, row-major 4×4 `Float64Array`s (16 numbers,
 * last row `0 0 0 1`). Row-major matches NumPy/PyTorch dumps and the way the
 * datasets print matrices; the translation sits at indices 3, 7, 11.
 *
 * Every function writes into `out` and returns it; inputs are read into locals
 * first, so `out` may alias an input (e.g. `se3Compose(a, a, b)`).
 */
import { quatFromMat3, quatToMat3 } from './quaternion';
import type { Mat4Like, PoseLike, QuatLike, Vec3Like } from './types';

/** A new 4×4 identity transform. */
export function se3Identity(): Float64Array {
  const out = new Float64Array(16);
  out[0] = out[5] = out[10] = out[15] = 1;
  return out;
}

/**
 * The 4×4 transform of a rotation `[w, x, y, z]` (normalised) and a translation.
 * @returns `out`.
 */
export function se3FromRotationTranslation(out: Float64Array, rotation: QuatLike, translation: Vec3Like): Float64Array {
  const tx = translation[0]!,
    ty = translation[1]!,
    tz = translation[2]!;
  const r = scratch3;
  quatToMat3(r, rotation);
  out[0] = r[0]!;
  out[1] = r[1]!;
  out[2] = r[2]!;
  out[3] = tx;
  out[4] = r[3]!;
  out[5] = r[4]!;
  out[6] = r[5]!;
  out[7] = ty;
  out[8] = r[6]!;
  out[9] = r[7]!;
  out[10] = r[8]!;
  out[11] = tz;
  out[12] = 0;
  out[13] = 0;
  out[14] = 0;
  out[15] = 1;
  return out;
}
const scratch3 = new Float64Array(9);

/** The 4×4 transform of a `Clip`-style pose `{ rotation: [w,x,y,z], translation }`. */
export function se3FromPose(out: Float64Array, pose: PoseLike): Float64Array {
  return se3FromRotationTranslation(out, pose.rotation, pose.translation);
}

/** A `Clip`-style pose (rotation `[w,x,y,z]` with w ≥ 0, translation) of a rigid 4×4. */
export function se3ToPose(m: Mat4Like): {
  rotation: [number, number, number, number];
  translation: [number, number, number];
} {
  const r = Float64Array.of(m[0]!, m[1]!, m[2]!, m[4]!, m[5]!, m[6]!, m[8]!, m[9]!, m[10]!);
  const q = quatFromMat3(new Float64Array(4), r);
  return { rotation: [q[0]!, q[1]!, q[2]!, q[3]!], translation: [m[3]!, m[7]!, m[11]!] };
}

/**
 * `a · b`: the transform that applies `b` first, then `a` (`world_from_camera = world_from_ego · ego_from_camera`).
 * @returns `out`.
 */
export function se3Compose(out: Float64Array, a: Mat4Like, b: Mat4Like): Float64Array {
  const a00 = a[0]!,
    a01 = a[1]!,
    a02 = a[2]!,
    a03 = a[3]!;
  const a10 = a[4]!,
    a11 = a[5]!,
    a12 = a[6]!,
    a13 = a[7]!;
  const a20 = a[8]!,
    a21 = a[9]!,
    a22 = a[10]!,
    a23 = a[11]!;
  const b00 = b[0]!,
    b01 = b[1]!,
    b02 = b[2]!,
    b03 = b[3]!;
  const b10 = b[4]!,
    b11 = b[5]!,
    b12 = b[6]!,
    b13 = b[7]!;
  const b20 = b[8]!,
    b21 = b[9]!,
    b22 = b[10]!,
    b23 = b[11]!;
  out[0] = a00 * b00 + a01 * b10 + a02 * b20;
  out[1] = a00 * b01 + a01 * b11 + a02 * b21;
  out[2] = a00 * b02 + a01 * b12 + a02 * b22;
  out[3] = a00 * b03 + a01 * b13 + a02 * b23 + a03;
  out[4] = a10 * b00 + a11 * b10 + a12 * b20;
  out[5] = a10 * b01 + a11 * b11 + a12 * b21;
  out[6] = a10 * b02 + a11 * b12 + a12 * b22;
  out[7] = a10 * b03 + a11 * b13 + a12 * b23 + a13;
  out[8] = a20 * b00 + a21 * b10 + a22 * b20;
  out[9] = a20 * b01 + a21 * b11 + a22 * b21;
  out[10] = a20 * b02 + a21 * b12 + a22 * b22;
  out[11] = a20 * b03 + a21 * b13 + a22 * b23 + a23;
  out[12] = 0;
  out[13] = 0;
  out[14] = 0;
  out[15] = 1;
  return out;
}

/**
 * Inverse of a rigid transform: `[Rᵀ | −Rᵀ t]` (exact for orthonormal R, no general 4×4 inverse).
 * @returns `out`.
 */
export function se3Inverse(out: Float64Array, m: Mat4Like): Float64Array {
  const r00 = m[0]!,
    r01 = m[1]!,
    r02 = m[2]!,
    tx = m[3]!;
  const r10 = m[4]!,
    r11 = m[5]!,
    r12 = m[6]!,
    ty = m[7]!;
  const r20 = m[8]!,
    r21 = m[9]!,
    r22 = m[10]!,
    tz = m[11]!;
  out[0] = r00;
  out[1] = r10;
  out[2] = r20;
  out[3] = -(r00 * tx + r10 * ty + r20 * tz);
  out[4] = r01;
  out[5] = r11;
  out[6] = r21;
  out[7] = -(r01 * tx + r11 * ty + r21 * tz);
  out[8] = r02;
  out[9] = r12;
  out[10] = r22;
  out[11] = -(r02 * tx + r12 * ty + r22 * tz);
  out[12] = 0;
  out[13] = 0;
  out[14] = 0;
  out[15] = 1;
  return out;
}

/**
 * Applies `m` to one point: `R · p + t`.
 * @returns `out`.
 */
export function se3ApplyToPoint(out: Float64Array, m: Mat4Like, point: Vec3Like): Float64Array {
  const x = point[0]!,
    y = point[1]!,
    z = point[2]!;
  out[0] = m[0]! * x + m[1]! * y + m[2]! * z + m[3]!;
  out[1] = m[4]! * x + m[5]! * y + m[6]! * z + m[7]!;
  out[2] = m[8]! * x + m[9]! * y + m[10]! * z + m[11]!;
  return out;
}

/**
 * Applies `m` to N points stored flat as `[x0, y0, z0, x1, …]` (N×3,
 * row-major). `out` may be `points` itself (in-place); it must hold at least
 * `3 · N` numbers. `count` defaults to `points.length / 3`.
 * @returns `out`.
 */
export function se3ApplyToPoints<T extends Float64Array | Float32Array>(
  out: T,
  m: Mat4Like,
  points: ArrayLike<number>,
  count: number = Math.floor(points.length / 3),
): T {
  // The 12 matrix entries are hoisted into locals: the inner loop then touches
  // only the point arrays (one read and one write stream, no bounds checks on m).
  const r00 = m[0]!,
    r01 = m[1]!,
    r02 = m[2]!,
    tx = m[3]!;
  const r10 = m[4]!,
    r11 = m[5]!,
    r12 = m[6]!,
    ty = m[7]!;
  const r20 = m[8]!,
    r21 = m[9]!,
    r22 = m[10]!,
    tz = m[11]!;
  for (let i = 0, o = 0; i < count; i++, o += 3) {
    const x = points[o]!,
      y = points[o + 1]!,
      z = points[o + 2]!;
    out[o] = r00 * x + r01 * y + r02 * z + tx;
    out[o + 1] = r10 * x + r11 * y + r12 * z + ty;
    out[o + 2] = r20 * x + r21 * y + r22 * z + tz;
  }
  return out;
}

/**
 * Rotates N flat 3-vectors by the rotation part of `m` only (directions, normals, velocities).
 * @param count - number of vectors N. @default vectors.length / 3
 * @returns `out`.
 */
export function se3RotateVectors<T extends Float64Array | Float32Array>(
  out: T,
  m: Mat4Like,
  vectors: ArrayLike<number>,
  count: number = Math.floor(vectors.length / 3),
): T {
  const r00 = m[0]!,
    r01 = m[1]!,
    r02 = m[2]!;
  const r10 = m[4]!,
    r11 = m[5]!,
    r12 = m[6]!;
  const r20 = m[8]!,
    r21 = m[9]!,
    r22 = m[10]!;
  for (let i = 0, o = 0; i < count; i++, o += 3) {
    const x = vectors[o]!,
      y = vectors[o + 1]!,
      z = vectors[o + 2]!;
    out[o] = r00 * x + r01 * y + r02 * z;
    out[o + 1] = r10 * x + r11 * y + r12 * z;
    out[o + 2] = r20 * x + r21 * y + r22 * z;
  }
  return out;
}
