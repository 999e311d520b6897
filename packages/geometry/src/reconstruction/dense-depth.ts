/**
 * Full-resolution depth once the global quantities (camera poses, focal, pair
 * transforms) are optimised: per pixel, the depth `d` along the pixel's ray
 * that minimises the same confidence-weighted distance as the alignment loss,
 * `Σ_m w_m ‖d·ray − c_m‖` over every pair that sees the pixel (`c_m` = the
 * pair's aligned point in the camera frame), by iteratively reweighted least
 * squares from the weighted least-squares solution.
 */
import { quaternionToRotation, signedExpm1 } from './rotation';
import type { PointmapPair } from './types';

/** One pair observation of a frame as an affine map of the predicted point to the camera frame: `c = A p + b`. */
interface Contribution {
  readonly points: Float32Array;
  readonly confidence: Float32Array;
  readonly affine: Float64Array; // A (row-major 3×3) then b
}

export interface DenseDepthOptions {
  readonly pairs: readonly PointmapPair[];
  readonly frame: number;
  readonly rotation: Float64Array; // F·9
  readonly translation: Float64Array; // F·3
  readonly pairParams: Float64Array; // E·8 (q, τ, σ)
  readonly pairScales: Float64Array; // normalised s_e
  readonly focal: number;
  readonly iterations: number;
}

/** Depth `[H·W]` and confidence (max over pairs) of one frame. */
export function denseDepth(options: DenseDepthOptions): { depth: Float32Array; confidence: Float32Array } {
  const { pairs, frame: n, rotation, translation, pairParams, pairScales, focal } = options;
  const { width: W, height: H } = pairs[0]!;
  const Rn = rotation.subarray(9 * n, 9 * n + 9),
    tn = translation.subarray(3 * n, 3 * n + 3);
  const contributions: Contribution[] = [];
  const Re = new Float64Array(9);
  pairs.forEach((pair, e) => {
    for (const [points, confidence, hit] of [
      [pair.pts3d1, pair.conf1, pair.i === n],
      [pair.pts3d2, pair.conf2, pair.j === n],
    ] as const) {
      if (!hit) continue;
      quaternionToRotation(pairParams, 8 * e, Re, 0);
      const s = pairScales[e]!;
      const T = [0, 1, 2].map((a) => s * signedExpm1(pairParams[8 * e + 4 + a]!) - tn[a]!);
      const affine = new Float64Array(12);
      for (let r = 0; r < 3; r++) {
        // A = s Rnᵀ Re, b = Rnᵀ (s T − t)
        for (let c = 0; c < 3; c++)
          affine[3 * r + c] = s * (Rn[r]! * Re[c]! + Rn[3 + r]! * Re[3 + c]! + Rn[6 + r]! * Re[6 + c]!);
        affine[9 + r] = Rn[r]! * T[0]! + Rn[3 + r]! * T[1]! + Rn[6 + r]! * T[2]!;
      }
      contributions.push({ points, confidence, affine });
    }
  });
  const M = contributions.length;
  // Flat copies for the per-pixel loop: affines side by side (12 per contribution), arrays in plain lists.
  const affines = new Float64Array(12 * M);
  const pointArrays = contributions.map((c) => c.points),
    confArrays = contributions.map((c) => c.confidence);
  contributions.forEach((c, m) => affines.set(c.affine, 12 * m));
  const cs = new Float64Array(3 * M),
    ws = new Float64Array(M);
  const depth = new Float32Array(W * H),
    confidence = new Float32Array(W * H);
  const cx = W / 2,
    cy = H / 2;
  for (let v = 0, i = 0; v < H; v++) {
    const ry = (v - cy) / focal;
    for (let u = 0; u < W; u++, i++) {
      const rx = (u - cx) / focal,
        rr = rx * rx + ry * ry + 1;
      let maxConfidence = 0,
        wsum = 0,
        numerator = 0;
      // Camera-frame targets c_m, weights, and the weighted least-squares numerator in one pass.
      for (let m = 0; m < M; m++) {
        const points = pointArrays[m]!,
          A = 12 * m;
        const p0 = points[3 * i]!,
          p1 = points[3 * i + 1]!,
          p2 = points[3 * i + 2]!;
        const c0 = affines[A]! * p0 + affines[A + 1]! * p1 + affines[A + 2]! * p2 + affines[A + 9]!;
        const c1 = affines[A + 3]! * p0 + affines[A + 4]! * p1 + affines[A + 5]! * p2 + affines[A + 10]!;
        const c2 = affines[A + 6]! * p0 + affines[A + 7]! * p1 + affines[A + 8]! * p2 + affines[A + 11]!;
        cs[3 * m] = c0;
        cs[3 * m + 1] = c1;
        cs[3 * m + 2] = c2;
        const c = confArrays[m]![i]!;
        const w = c > 1 ? Math.log(c) : 0; // DUSt3R's conf='log' weight
        ws[m] = w;
        wsum += w;
        numerator += w * (rx * c0 + ry * c1 + c2);
        if (c > maxConfidence) maxConfidence = c;
      }
      if (wsum === 0) {
        ws.fill(1);
        numerator = 0;
        for (let m = 0; m < M; m++) numerator += rx * cs[3 * m]! + ry * cs[3 * m + 1]! + cs[3 * m + 2]!;
        wsum = M;
      }
      let d = numerator / (wsum * rr);
      // IRLS for the L1-norm objective: weights w / ‖d·ray − c‖.
      for (let iteration = 0; iteration < options.iterations; iteration++) {
        let num = 0,
          den = 0;
        for (let m = 0; m < M; m++) {
          const c0 = cs[3 * m]!,
            c1 = cs[3 * m + 1]!,
            c2 = cs[3 * m + 2]!;
          const e0 = d * rx - c0,
            e1 = d * ry - c1,
            e2 = d - c2;
          const w = ws[m]! / Math.max(Math.sqrt(e0 * e0 + e1 * e1 + e2 * e2), 1e-9);
          num += w * (rx * c0 + ry * c1 + c2);
          den += w;
        }
        d = num / (den * rr);
      }
      depth[i] = d;
      confidence[i] = maxConfidence;
    }
  }
  return { depth, confidence };
}
