/**
 * Weighted similarity (Sim(3)) registration of two point sets by Umeyama's
 * method (1991): finds `s, R, t` minimising `Σ w_k ‖s R a_k + t − b_k‖²`, with
 * `R` a proper rotation. The 3×3 SVD is ml-matrix's.
 */
import { InvalidArgumentError } from '@stkit/core';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';

/** Result of {@link umeyamaSim3}: `b ≈ scale · rotation · a + translation`. */
export interface Sim3 {
  /** Scale factor `s > 0` (1 when `withScale` is false). */
  readonly scale: number;
  /** Rotation, row-major 3×3 (9 values). */
  readonly rotation: Float64Array;
  /** Translation (3 values). */
  readonly translation: Float64Array;
}

/** Options of {@link umeyamaSim3}. */
export interface UmeyamaOptions {
  /** Source points `a`, flat xyz (`3·count` values). */
  readonly source: ArrayLike<number>;
  /** Target points `b`, flat xyz, same count as `source`. */
  readonly target: ArrayLike<number>;
  /** Non-negative weights, one per point; points with weight 0 or a non-finite coordinate are ignored. @default all 1 */
  readonly weights?: ArrayLike<number>;
  /** Estimate the scale (Sim(3)); `false` gives a rigid SE(3) fit. @default true */
  readonly withScale?: boolean;
}

/** Weighted Umeyama registration, see {@link Sim3}. Throws `InvalidArgumentError` with fewer than 3 usable points. */
export function umeyamaSim3(options: UmeyamaOptions): Sim3 {
  const { source: a, target: b, weights } = options;
  if (a.length !== b.length || a.length % 3 !== 0) {
    throw new InvalidArgumentError({
      argument: 'target',
      value: b.length,
      message: `must hold as many xyz values as source (${a.length})`,
    });
  }
  const count = a.length / 3;
  let wsum = 0,
    ma0 = 0,
    ma1 = 0,
    ma2 = 0,
    mb0 = 0,
    mb1 = 0,
    mb2 = 0,
    used = 0;
  for (let k = 0; k < count; k++) {
    const w = weights === undefined ? 1 : weights[k]!;
    const a0 = a[3 * k]!,
      a1 = a[3 * k + 1]!,
      a2 = a[3 * k + 2]!,
      b0 = b[3 * k]!,
      b1 = b[3 * k + 1]!,
      b2 = b[3 * k + 2]!;
    if (!(w > 0) || !Number.isFinite(a0 + a1 + a2 + b0 + b1 + b2)) continue;
    wsum += w;
    used++;
    ma0 += w * a0;
    ma1 += w * a1;
    ma2 += w * a2;
    mb0 += w * b0;
    mb1 += w * b1;
    mb2 += w * b2;
  }
  if (used < 3)
    throw new InvalidArgumentError({
      argument: 'source',
      value: used,
      message: 'needs at least 3 points with positive weight and finite coordinates',
    });
  ma0 /= wsum;
  ma1 /= wsum;
  ma2 /= wsum;
  mb0 /= wsum;
  mb1 /= wsum;
  mb2 /= wsum;
  // Cross-covariance C = Σ w (b − mb)(a − ma)ᵀ / W and the source variance.
  const c = new Float64Array(9);
  let variance = 0;
  for (let k = 0; k < count; k++) {
    const w = weights === undefined ? 1 : weights[k]!;
    const a0 = a[3 * k]! - ma0,
      a1 = a[3 * k + 1]! - ma1,
      a2 = a[3 * k + 2]! - ma2;
    const b0 = b[3 * k]! - mb0,
      b1 = b[3 * k + 1]! - mb1,
      b2 = b[3 * k + 2]! - mb2;
    if (!(w > 0) || !Number.isFinite(a0 + a1 + a2 + b0 + b1 + b2)) continue;
    c[0]! += w * b0 * a0;
    c[1]! += w * b0 * a1;
    c[2]! += w * b0 * a2;
    c[3]! += w * b1 * a0;
    c[4]! += w * b1 * a1;
    c[5]! += w * b1 * a2;
    c[6]! += w * b2 * a0;
    c[7]! += w * b2 * a1;
    c[8]! += w * b2 * a2;
    variance += w * (a0 * a0 + a1 * a1 + a2 * a2);
  }
  for (let k = 0; k < 9; k++) c[k]! /= wsum;
  variance /= wsum;
  const svd = new SingularValueDecomposition(
    new Matrix([
      [c[0]!, c[1]!, c[2]!],
      [c[3]!, c[4]!, c[5]!],
      [c[6]!, c[7]!, c[8]!],
    ]),
  );
  const u = svd.leftSingularVectors,
    v = svd.rightSingularVectors,
    d = svd.diagonal;
  const det = det3(u) * det3(v);
  const sign = det < 0 ? -1 : 1;
  const rotation = new Float64Array(9);
  for (let r = 0; r < 3; r++) {
    for (let col = 0; col < 3; col++) {
      rotation[3 * r + col] =
        u.get(r, 0) * v.get(col, 0) + u.get(r, 1) * v.get(col, 1) + sign * u.get(r, 2) * v.get(col, 2);
    }
  }
  const withScale = options.withScale ?? true;
  const scale = withScale ? (d[0]! + d[1]! + sign * d[2]!) / (variance || 1) : 1;
  const translation = new Float64Array([
    mb0 - scale * (rotation[0]! * ma0 + rotation[1]! * ma1 + rotation[2]! * ma2),
    mb1 - scale * (rotation[3]! * ma0 + rotation[4]! * ma1 + rotation[5]! * ma2),
    mb2 - scale * (rotation[6]! * ma0 + rotation[7]! * ma1 + rotation[8]! * ma2),
  ]);
  return { scale, rotation, translation };
}

function det3(m: Matrix): number {
  return (
    m.get(0, 0) * (m.get(1, 1) * m.get(2, 2) - m.get(1, 2) * m.get(2, 1)) -
    m.get(0, 1) * (m.get(1, 0) * m.get(2, 2) - m.get(1, 2) * m.get(2, 0)) +
    m.get(0, 2) * (m.get(1, 0) * m.get(2, 1) - m.get(1, 1) * m.get(2, 0))
  );
}
