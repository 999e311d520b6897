/**
 * The objective of the global alignment (DUSt3R/MonST3R `PointCloudOptimizer`)
 * on flat arrays, with a hand-derived backward pass.
 *
 * Parameters (one `Float64Array`, layout in {@link AlignmentLayout}):
 * - per frame `n` and sample `k`: log-depth `D[n,k]`; depth `d = exp(D)`;
 * - per frame: camera-to-world pose `q_n` (quaternion w-first, normalised when
 *   used) and `τ_n` with translation `t_n = signed_expm1(τ_n)`;
 * - shared focal `φ` with `f = exp(φ / focalBreak)`, principal point fixed at `(W/2, H/2)`;
 * - per pair `e`: pose `q_e`, `τ_e` and log-scale `σ_e`, with the scale
 *   normalised so that the pair scales' geometric mean is `baseScale`:
 *   `s_e = baseScale · exp(σ_e − mean σ)`.
 *
 * Loss: `Σ_e Σ_k w_i ‖X_i,k − s_e (R_e P_i,k + T_e)‖ / (E·S) + (same for j)` plus the terms,
 * where `X_n,k = R_n d ray_k + t_n` is the world point of frame `n`'s sample `k`
 * and `w = log(conf)` (DUSt3R's `conf='log'`, clamped at 0).
 */
import type { AlignmentTerm, AlignmentTermContext } from './alignment-term';
import { quaternionToRotation, quaternionToRotationBackward, signedExpm1 } from './rotation';

/** Offsets of the parameter blocks. */
export interface AlignmentLayout {
  readonly frames: number;
  readonly samples: number;
  readonly edges: number;
  readonly depth: number;
  readonly poses: number;
  readonly focal: number;
  readonly pairs: number;
  readonly size: number;
}

/** Pairwise observations restricted to the sampled pixels. */
export interface SampledPairs {
  readonly edgeI: Int32Array;
  readonly edgeJ: Int32Array;
  /**
   * Per edge, sampled points `[S·3]` of frame i and of frame j, both in camera i's frame.
   * Float32 like the model output: no precision is lost, and the per-iteration sweep over
   * all pairs (the memory-bound part) reads half the bytes.
   */
  readonly predI: Float32Array[];
  readonly predJ: Float32Array[];
  /** Per edge, alignment weights `[S]`. */
  readonly weightI: Float32Array[];
  readonly weightJ: Float32Array[];
}

export interface AlignmentProblemOptions {
  readonly frames: number;
  readonly width: number;
  readonly height: number;
  readonly pixels: Int32Array;
  readonly pairs: SampledPairs;
  readonly terms: readonly AlignmentTerm[];
  readonly baseScale: number;
  readonly focalBreak: number;
}

export interface AlignmentProblem {
  readonly layout: AlignmentLayout;
  /** Writes the gradient into `grad` (overwritten) and returns the loss. */
  evaluate(params: Float64Array, grad: Float64Array, iteration: number, iterations: number): number;
  /** Camera-to-world rotations `[F·9]` and translations `[F·3]` of `params`. */
  poses(params: Float64Array): { rotation: Float64Array; translation: Float64Array };
}

export function alignmentLayout(frames: number, samples: number, edges: number): AlignmentLayout {
  const depth = 0,
    poses = frames * samples,
    focal = poses + 7 * frames,
    pairs = focal + 1;
  return { frames, samples, edges, depth, poses, focal, pairs, size: pairs + 8 * edges };
}

export function createAlignmentProblem(options: AlignmentProblemOptions): AlignmentProblem {
  const { frames: F, width, height, pixels, pairs, terms, baseScale, focalBreak } = options;
  const S = pixels.length,
    E = pairs.edgeI.length;
  const layout = alignmentLayout(F, S, E);
  const cx = width / 2,
    cy = height / 2;
  const pu = new Float64Array(S),
    pv = new Float64Array(S);
  for (let k = 0; k < S; k++) {
    pu[k] = (pixels[k]! % width) - cx;
    pv[k] = Math.floor(pixels[k]! / width) - cy;
  }
  const rotation = new Float64Array(9 * F),
    translation = new Float64Array(3 * F);
  const depth = new Float64Array(F * S),
    camera = new Float64Array(3 * F * S),
    world = new Float64Array(3 * F * S);
  const gradWorld = new Float64Array(3 * F * S),
    gradDepth = new Float64Array(F * S);
  const gradRotation = new Float64Array(9 * F),
    gradTranslation = new Float64Array(3 * F);
  const pairRotation = new Float64Array(9),
    pairGradRotation = new Float64Array(9);
  const pairScale = new Float64Array(E),
    pairScaleGrad = new Float64Array(E);
  let focalGrad = 0;
  const addFocalGradient = (value: number): void => {
    focalGrad += value;
  };

  function posesOf(params: Float64Array): void {
    for (let n = 0; n < F; n++) {
      const o = layout.poses + 7 * n;
      quaternionToRotation(params, o, rotation, 9 * n);
      for (let a = 0; a < 3; a++) translation[3 * n + a] = signedExpm1(params[o + 4 + a]!);
    }
  }

  /** One side of one edge: accumulates into gradWorld of `frame`, returns Σ w ‖r‖; pair gradients into the scratch. */
  function side(
    frame: number,
    pred: Float32Array,
    weight: Float32Array,
    s: number,
    T0: number,
    T1: number,
    T2: number,
    norm: number,
    acc: Float64Array,
  ): number {
    const R = pairRotation;
    const r00 = R[0]!,
      r01 = R[1]!,
      r02 = R[2]!,
      r10 = R[3]!,
      r11 = R[4]!,
      r12 = R[5]!,
      r20 = R[6]!,
      r21 = R[7]!,
      r22 = R[8]!;
    let loss = 0,
      gs = 0,
      gt0 = 0,
      gt1 = 0,
      gt2 = 0;
    let g00 = 0,
      g01 = 0,
      g02 = 0,
      g10 = 0,
      g11 = 0,
      g12 = 0,
      g20 = 0,
      g21 = 0,
      g22 = 0;
    const base = 3 * frame * S;
    for (let k = 0; k < S; k++) {
      const w = weight[k]!;
      if (w === 0) continue;
      const p0 = pred[3 * k]!,
        p1 = pred[3 * k + 1]!,
        p2 = pred[3 * k + 2]!;
      const a0 = r00 * p0 + r01 * p1 + r02 * p2 + T0,
        a1 = r10 * p0 + r11 * p1 + r12 * p2 + T1,
        a2 = r20 * p0 + r21 * p1 + r22 * p2 + T2;
      const o = base + 3 * k;
      const e0 = world[o]! - s * a0,
        e1 = world[o + 1]! - s * a1,
        e2 = world[o + 2]! - s * a2;
      const length = Math.sqrt(e0 * e0 + e1 * e1 + e2 * e2);
      loss += w * length;
      if (length < 1e-12) continue;
      const c = (w * norm) / length;
      const q0 = c * e0,
        q1 = c * e1,
        q2 = c * e2; // dL/dX
      gradWorld[o] = gradWorld[o]! + q0;
      gradWorld[o + 1] = gradWorld[o + 1]! + q1;
      gradWorld[o + 2] = gradWorld[o + 2]! + q2;
      // dL/dY = −q with Y = s (R p + T).
      gs -= q0 * a0 + q1 * a1 + q2 * a2;
      gt0 -= q0;
      gt1 -= q1;
      gt2 -= q2;
      g00 -= q0 * p0;
      g01 -= q0 * p1;
      g02 -= q0 * p2;
      g10 -= q1 * p0;
      g11 -= q1 * p1;
      g12 -= q1 * p2;
      g20 -= q2 * p0;
      g21 -= q2 * p1;
      g22 -= q2 * p2;
    }
    acc[0]! += g00 * s;
    acc[1]! += g01 * s;
    acc[2]! += g02 * s;
    acc[3]! += g10 * s;
    acc[4]! += g11 * s;
    acc[5]! += g12 * s;
    acc[6]! += g20 * s;
    acc[7]! += g21 * s;
    acc[8]! += g22 * s;
    acc[9]! += gt0 * s;
    acc[10]! += gt1 * s;
    acc[11]! += gt2 * s;
    acc[12]! += gs;
    return loss;
  }

  const acc = new Float64Array(13);
  function evaluate(params: Float64Array, grad: Float64Array, iteration: number, iterations: number): number {
    grad.fill(0);
    gradWorld.fill(0);
    gradDepth.fill(0);
    gradRotation.fill(0);
    gradTranslation.fill(0);
    focalGrad = 0;
    posesOf(params);
    const focal = Math.exp(params[layout.focal]! / focalBreak),
      inverseFocal = 1 / focal;
    // Forward: camera and world points of every sample.
    for (let n = 0; n < F; n++) {
      const R = 9 * n;
      const r00 = rotation[R]!,
        r01 = rotation[R + 1]!,
        r02 = rotation[R + 2]!,
        r10 = rotation[R + 3]!,
        r11 = rotation[R + 4]!,
        r12 = rotation[R + 5]!;
      const r20 = rotation[R + 6]!,
        r21 = rotation[R + 7]!,
        r22 = rotation[R + 8]!;
      const t0 = translation[3 * n]!,
        t1 = translation[3 * n + 1]!,
        t2 = translation[3 * n + 2]!;
      for (let k = 0, i = n * S; k < S; k++, i++) {
        const d = Math.exp(params[layout.depth + i]!);
        depth[i] = d;
        const x = d * pu[k]! * inverseFocal,
          y = d * pv[k]! * inverseFocal;
        camera[3 * i] = x;
        camera[3 * i + 1] = y;
        camera[3 * i + 2] = d;
        world[3 * i] = r00 * x + r01 * y + r02 * d + t0;
        world[3 * i + 1] = r10 * x + r11 * y + r12 * d + t1;
        world[3 * i + 2] = r20 * x + r21 * y + r22 * d + t2;
      }
    }
    // Pair scales, normalised to a geometric mean of baseScale.
    let meanSigma = 0;
    for (let e = 0; e < E; e++) meanSigma += params[layout.pairs + 8 * e + 7]!;
    meanSigma /= E;
    for (let e = 0; e < E; e++) pairScale[e] = baseScale * Math.exp(params[layout.pairs + 8 * e + 7]! - meanSigma);
    const norm = 1 / (E * S);
    let loss = 0;
    for (let e = 0; e < E; e++) {
      const o = layout.pairs + 8 * e;
      quaternionToRotation(params, o, pairRotation, 0);
      const T0 = signedExpm1(params[o + 4]!),
        T1 = signedExpm1(params[o + 5]!),
        T2 = signedExpm1(params[o + 6]!);
      acc.fill(0);
      const s = pairScale[e]!;
      loss += norm * side(pairs.edgeI[e]!, pairs.predI[e]!, pairs.weightI[e]!, s, T0, T1, T2, norm, acc);
      loss += norm * side(pairs.edgeJ[e]!, pairs.predJ[e]!, pairs.weightJ[e]!, s, T0, T1, T2, norm, acc);
      for (let a = 0; a < 9; a++) pairGradRotation[a] = acc[a]!;
      quaternionToRotationBackward(params, o, pairGradRotation, 0, grad, o);
      for (let a = 0; a < 3; a++) grad[o + 4 + a] = acc[9 + a]! * Math.exp(Math.abs(params[o + 4 + a]!));
      pairScaleGrad[e] = acc[12]!;
    }
    // σ_e enters every scale through the mean: dL/dσ_k = s_k g_k − (1/E) Σ_e s_e g_e.
    let meanTerm = 0;
    for (let e = 0; e < E; e++) meanTerm += pairScale[e]! * pairScaleGrad[e]!;
    meanTerm /= E;
    for (let e = 0; e < E; e++) grad[layout.pairs + 8 * e + 7] = pairScale[e]! * pairScaleGrad[e]! - meanTerm;
    // Extra terms (temporal smoothness, flow, user terms) on the physical quantities.
    const context: AlignmentTermContext = {
      iteration,
      iterations,
      frames: F,
      width,
      height,
      pixels,
      depth,
      rotation,
      translation,
      focal,
      cx,
      cy,
      gradDepth,
      gradRotation,
      gradTranslation,
      addFocalGradient,
    };
    for (const term of terms) loss += term.evaluate(context);
    // Backward through X = R (d ray) + t.
    for (let n = 0; n < F; n++) {
      const R = 9 * n;
      const r00 = rotation[R]!,
        r01 = rotation[R + 1]!,
        r02 = rotation[R + 2]!,
        r10 = rotation[R + 3]!,
        r11 = rotation[R + 4]!,
        r12 = rotation[R + 5]!;
      const r20 = rotation[R + 6]!,
        r21 = rotation[R + 7]!,
        r22 = rotation[R + 8]!;
      let g00 = 0,
        g01 = 0,
        g02 = 0,
        g10 = 0,
        g11 = 0,
        g12 = 0,
        g20 = 0,
        g21 = 0,
        g22 = 0,
        gt0 = 0,
        gt1 = 0,
        gt2 = 0;
      for (let k = 0, i = n * S; k < S; k++, i++) {
        const q0 = gradWorld[3 * i]!,
          q1 = gradWorld[3 * i + 1]!,
          q2 = gradWorld[3 * i + 2]!;
        const x = camera[3 * i]!,
          y = camera[3 * i + 1]!,
          d = camera[3 * i + 2]!;
        g00 += q0 * x;
        g01 += q0 * y;
        g02 += q0 * d;
        g10 += q1 * x;
        g11 += q1 * y;
        g12 += q1 * d;
        g20 += q2 * x;
        g21 += q2 * y;
        g22 += q2 * d;
        gt0 += q0;
        gt1 += q1;
        gt2 += q2;
        // h = Rᵀ q: gradient on the camera point.
        const h0 = r00 * q0 + r10 * q1 + r20 * q2,
          h1 = r01 * q0 + r11 * q1 + r21 * q2,
          h2 = r02 * q0 + r12 * q1 + r22 * q2;
        const gd = h0 * pu[k]! * inverseFocal + h1 * pv[k]! * inverseFocal + h2 + gradDepth[i]!;
        grad[layout.depth + i] = gd * d;
        focalGrad -= (h0 * x + h1 * y) * inverseFocal;
      }
      gradRotation[R]! += g00;
      gradRotation[R + 1]! += g01;
      gradRotation[R + 2]! += g02;
      gradRotation[R + 3]! += g10;
      gradRotation[R + 4]! += g11;
      gradRotation[R + 5]! += g12;
      gradRotation[R + 6]! += g20;
      gradRotation[R + 7]! += g21;
      gradRotation[R + 8]! += g22;
      const o = layout.poses + 7 * n;
      quaternionToRotationBackward(params, o, gradRotation, R, grad, o);
      const gt = [gt0 + gradTranslation[3 * n]!, gt1 + gradTranslation[3 * n + 1]!, gt2 + gradTranslation[3 * n + 2]!];
      for (let a = 0; a < 3; a++) grad[o + 4 + a] = gt[a]! * Math.exp(Math.abs(params[o + 4 + a]!));
    }
    grad[layout.focal] = (focalGrad * focal) / focalBreak;
    return loss;
  }

  return {
    layout,
    evaluate,
    poses(params) {
      posesOf(params);
      return { rotation: rotation.slice(), translation: translation.slice() };
    },
  };
}
