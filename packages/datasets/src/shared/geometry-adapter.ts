/**
 * The few rigid-motion helpers the readers need, in `@stkit/geometry`'s
 * conventions (quaternions `[w, x, y, z]`, row-major flat 4×4 transforms,
 * `target_from_source` names). Local until the geometry math module is
 * published; the readers import only from here, so switching is one file.
 */

/** A rigid transform as a row-major 4×4 (16 numbers, last row `0 0 0 1`). */
export type Mat4 = Float64Array;

/** Row-major 4×4 of a rotation `[w, x, y, z]` (normalised here) and a translation. */
export function se3FromRotationTranslation(rotation: ArrayLike<number>, translation: ArrayLike<number>): Mat4 {
  let w = rotation[0]!, x = rotation[1]!, y = rotation[2]!, z = rotation[3]!;
  const inv = 1 / Math.sqrt(w * w + x * x + y * y + z * z);
  w *= inv; x *= inv; y *= inv; z *= inv;
  const out = new Float64Array(16);
  out[0] = 1 - 2 * (y * y + z * z); out[1] = 2 * (x * y - w * z); out[2] = 2 * (x * z + w * y); out[3] = translation[0]!;
  out[4] = 2 * (x * y + w * z); out[5] = 1 - 2 * (x * x + z * z); out[6] = 2 * (y * z - w * x); out[7] = translation[1]!;
  out[8] = 2 * (x * z - w * y); out[9] = 2 * (y * z + w * x); out[10] = 1 - 2 * (x * x + y * y); out[11] = translation[2]!;
  out[15] = 1;
  return out;
}

/** `a · b` (apply `b` first). */
export function se3Compose(a: ArrayLike<number>, b: ArrayLike<number>): Mat4 {
  const out = new Float64Array(16);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 4; c++) {
      out[r * 4 + c] = a[r * 4]! * b[c]! + a[r * 4 + 1]! * b[4 + c]! + a[r * 4 + 2]! * b[8 + c]! + (c === 3 ? a[r * 4 + 3]! : 0);
    }
  }
  out[15] = 1;
  return out;
}

/** Inverse of a rigid transform `[Rᵀ | −Rᵀt]`. */
export function se3Inverse(m: ArrayLike<number>): Mat4 {
  const out = new Float64Array(16);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) out[r * 4 + c] = m[c * 4 + r]!;
    out[r * 4 + 3] = -(m[r]! * m[3]! + m[4 + r]! * m[7]! + m[8 + r]! * m[11]!);
  }
  out[15] = 1;
  return out;
}

/** `R · p + t`. */
export function se3ApplyToPoint(m: ArrayLike<number>, p: ArrayLike<number>): [number, number, number] {
  const x = p[0]!, y = p[1]!, z = p[2]!;
  return [
    m[0]! * x + m[1]! * y + m[2]! * z + m[3]!,
    m[4]! * x + m[5]! * y + m[6]! * z + m[7]!,
    m[8]! * x + m[9]! * y + m[10]! * z + m[11]!,
  ];
}

/** Unit quaternion `[w, x, y, z]` (w ≥ 0) of the rotation block of a rigid 4×4 (Shepperd's method). */
export function quatFromSe3(m: ArrayLike<number>): [number, number, number, number] {
  const m00 = m[0]!, m01 = m[1]!, m02 = m[2]!, m10 = m[4]!, m11 = m[5]!, m12 = m[6]!, m20 = m[8]!, m21 = m[9]!, m22 = m[10]!;
  const trace = m00 + m11 + m22;
  let w: number, x: number, y: number, z: number;
  if (trace > 0) {
    const s = 2 * Math.sqrt(1 + trace);
    w = 0.25 * s; x = (m21 - m12) / s; y = (m02 - m20) / s; z = (m10 - m01) / s;
  } else if (m00 > m11 && m00 > m22) {
    const s = 2 * Math.sqrt(1 + m00 - m11 - m22);
    w = (m21 - m12) / s; x = 0.25 * s; y = (m01 + m10) / s; z = (m02 + m20) / s;
  } else if (m11 > m22) {
    const s = 2 * Math.sqrt(1 + m11 - m00 - m22);
    w = (m02 - m20) / s; x = (m01 + m10) / s; y = 0.25 * s; z = (m12 + m21) / s;
  } else {
    const s = 2 * Math.sqrt(1 + m22 - m00 - m11);
    w = (m10 - m01) / s; x = (m02 + m20) / s; y = (m12 + m21) / s; z = 0.25 * s;
  }
  const n = Math.hypot(w, x, y, z) * (w < 0 ? -1 : 1);
  return [w / n, x / n, y / n, z / n];
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
