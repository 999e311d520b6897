/**
 * Small rotation helpers on flat arrays: unit quaternion `(w, x, y, z)` (scalar
 * first) ↔ row-major 3×3 rotation matrix, and the gradient of the quaternion →
 * matrix map (used by the global alignment's hand-derived backward pass).
 */

/**
 * Writes the rotation of the quaternion `q[qo..qo+3] = (w, x, y, z)` into
 * `out[oo..oo+8]` (row-major). The quaternion is normalised first, as roma's
 * `RigidUnitQuat.normalize()` does in DUSt3R; returns its norm.
 */
export function quaternionToRotation(q: ArrayLike<number>, qo: number, out: Float64Array, oo: number): number {
  const qw = q[qo]!,
    qx = q[qo + 1]!,
    qy = q[qo + 2]!,
    qz = q[qo + 3]!;
  const norm = Math.hypot(qw, qx, qy, qz) || 1;
  const w = qw / norm,
    x = qx / norm,
    y = qy / norm,
    z = qz / norm;
  out[oo] = 1 - 2 * (y * y + z * z);
  out[oo + 1] = 2 * (x * y - w * z);
  out[oo + 2] = 2 * (x * z + w * y);
  out[oo + 3] = 2 * (x * y + w * z);
  out[oo + 4] = 1 - 2 * (x * x + z * z);
  out[oo + 5] = 2 * (y * z - w * x);
  out[oo + 6] = 2 * (x * z - w * y);
  out[oo + 7] = 2 * (y * z + w * x);
  out[oo + 8] = 1 - 2 * (x * x + y * y);
  return norm;
}

/**
 * Backward pass of {@link quaternionToRotation}: given `G = dL/dR` (row-major at
 * `g[go..go+8]`), adds `dL/dq` (through the normalisation) to `out[oo..oo+3]`.
 */
export function quaternionToRotationBackward(
  q: ArrayLike<number>,
  qo: number,
  g: ArrayLike<number>,
  go: number,
  out: Float64Array,
  oo: number,
): void {
  const qw = q[qo]!,
    qx = q[qo + 1]!,
    qy = q[qo + 2]!,
    qz = q[qo + 3]!;
  const norm = Math.hypot(qw, qx, qy, qz) || 1;
  const w = qw / norm,
    x = qx / norm,
    y = qy / norm,
    z = qz / norm;
  const g00 = g[go]!,
    g01 = g[go + 1]!,
    g02 = g[go + 2]!;
  const g10 = g[go + 3]!,
    g11 = g[go + 4]!,
    g12 = g[go + 5]!;
  const g20 = g[go + 6]!,
    g21 = g[go + 7]!,
    g22 = g[go + 8]!;
  // dR/du_k contracted with G, for the unit quaternion u = (w, x, y, z).
  const gw = 2 * (-z * g01 + y * g02 + z * g10 - x * g12 - y * g20 + x * g21);
  const gx = 2 * (y * g01 + z * g02 + y * g10 - 2 * x * g11 - w * g12 + z * g20 + w * g21 - 2 * x * g22);
  const gy = 2 * (-2 * y * g00 + x * g01 + w * g02 + x * g10 + z * g12 - w * g20 + z * g21 - 2 * y * g22);
  const gz = 2 * (-2 * z * g00 - w * g01 + x * g02 + w * g10 - 2 * z * g11 + y * g12 + x * g20 + y * g21);
  // Through u = q / |q|: dL/dq = (dL/du − u (u · dL/du)) / |q|.
  const dot = w * gw + x * gx + y * gy + z * gz;
  out[oo] = out[oo]! + (gw - w * dot) / norm;
  out[oo + 1] = out[oo + 1]! + (gx - x * dot) / norm;
  out[oo + 2] = out[oo + 2]! + (gy - y * dot) / norm;
  out[oo + 3] = out[oo + 3]! + (gz - z * dot) / norm;
}

/** Writes the unit quaternion `(w, x, y, z)` of the row-major rotation `r[ro..ro+8]` into `out[oo..oo+3]` (Shepperd's method, `w ≥ 0`). */
export function rotationToQuaternion(r: ArrayLike<number>, ro: number, out: Float64Array, oo: number): void {
  const m00 = r[ro]!,
    m01 = r[ro + 1]!,
    m02 = r[ro + 2]!;
  const m10 = r[ro + 3]!,
    m11 = r[ro + 4]!,
    m12 = r[ro + 5]!;
  const m20 = r[ro + 6]!,
    m21 = r[ro + 7]!,
    m22 = r[ro + 8]!;
  const trace = m00 + m11 + m22;
  let w: number, x: number, y: number, z: number;
  if (trace > 0) {
    const s = 2 * Math.sqrt(trace + 1);
    w = s / 4;
    x = (m21 - m12) / s;
    y = (m02 - m20) / s;
    z = (m10 - m01) / s;
  } else if (m00 > m11 && m00 > m22) {
    const s = 2 * Math.sqrt(1 + m00 - m11 - m22);
    w = (m21 - m12) / s;
    x = s / 4;
    y = (m01 + m10) / s;
    z = (m02 + m20) / s;
  } else if (m11 > m22) {
    const s = 2 * Math.sqrt(1 + m11 - m00 - m22);
    w = (m02 - m20) / s;
    x = (m01 + m10) / s;
    y = s / 4;
    z = (m12 + m21) / s;
  } else {
    const s = 2 * Math.sqrt(1 + m22 - m00 - m11);
    w = (m10 - m01) / s;
    x = (m02 + m20) / s;
    y = (m12 + m21) / s;
    z = s / 4;
  }
  const sign = w < 0 ? -1 : 1;
  const norm = Math.hypot(w, x, y, z) * sign;
  out[oo] = w / norm;
  out[oo + 1] = x / norm;
  out[oo + 2] = y / norm;
  out[oo + 3] = z / norm;
}

/** `sign(x) · log(1 + |x|)`: DUSt3R's storage of translations. */
export function signedLog1p(x: number): number {
  return Math.sign(x) * Math.log1p(Math.abs(x));
}

/** `sign(x) · (exp(|x|) − 1)`, the inverse of {@link signedLog1p}; its derivative is `exp(|x|)`. */
export function signedExpm1(x: number): number {
  return Math.sign(x) * Math.expm1(Math.abs(x));
}
