/**
 * Global alignment of pairwise pointmaps into one 4D scene (MonST3R's
 * `PointCloudOptimizer` with a shared focal): spanning-tree initialisation,
 * then Adam on log-depths, camera poses, the focal and per-pair similarity
 * transforms, minimising the confidence-weighted alignment loss plus the
 * temporal pose smoothness (and any extra {@link AlignmentTerm}, e.g. flow).
 * See RECONSTRUCTION.md for the parametrisation and the deviations from MonST3R.
 */
import { InvalidArgumentError, ShapeMismatchError } from '@stkit/core';
import { createAdam, linearSchedule } from './adam';
import type { AlignmentTerm } from './alignment-term';
import { createAlignmentProblem } from './alignment-problem';
import { denseDepth } from './dense-depth';
import { initializeFromSpanningTree, type InitPairs } from './spanning-tree-init';
import { createTemporalSmoothnessTerm } from './temporal-smoothness';
import type { PointmapPair, Scene4D, Scene4DFrame } from './types';

/** Options of {@link alignGlobally}. */
export interface GlobalAlignmentOptions {
  /** Pairwise predictions (symmetrised: every frame must be the first view of some pair). Frames are `0 … max index`. */
  readonly pairs: readonly PointmapPair[];
  /** Adam iterations. @default 300 */
  readonly iterations?: number;
  /** Initial learning rate. @default 0.01 */
  readonly learningRate?: number;
  /** Learning rate reached (linearly) at the end, DUSt3R's `lr_min`. @default 0.001 */
  readonly finalLearningRate?: number;
  /** Weight of the temporal pose smoothness; 0 disables it. @default 0.01 */
  readonly temporalSmoothingWeight?: number;
  /** Weight of the translation part of the smoothness. @default 1.0 */
  readonly translationWeight?: number;
  /** Extra loss terms, e.g. {@link createFlowTerm}. @default [] */
  readonly terms?: readonly AlignmentTerm[];
  /** Optimise on every `pixelStride`-th pixel in x and y; dense depths are solved afterwards. @default 8 */
  readonly pixelStride?: number;
  /** IRLS iterations of the dense depth solve. @default 4 */
  readonly denseDepthIterations?: number;
  /** DUSt3R's `base_scale` (geometric mean of the pair scales). @default 0.5 */
  readonly baseScale?: number;
  /** DUSt3R's `focal_break` (focal parameter = focalBreak · log f). @default 20 */
  readonly focalBreak?: number;
  /** Called after every iteration with the loss before the update. */
  readonly onIteration?: (iteration: number, loss: number) => void;
  /** Checked at every iteration and frame; the function yields to the event loop every 10 iterations so timers can abort it. */
  readonly signal?: AbortSignal;
}

/** Result of {@link alignGlobally}. */
export interface GlobalAlignmentResult {
  /** The aligned scene, in an arbitrary scale (see {@link canonicalizeScale}). */
  readonly scene: Scene4D;
  /** Loss at each iteration (before its update); `losses[0]` is the loss of the initialisation. */
  readonly losses: Float64Array;
  /** Loss after the last update. */
  readonly finalLoss: number;
  /** Shared focal length, pixels. */
  readonly focal: number;
  /** Number of sampled pixels per frame used by the optimisation. */
  readonly samples: number;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function validatePairs(pairs: readonly PointmapPair[]): { frames: number; width: number; height: number } {
  if (pairs.length === 0)
    throw new InvalidArgumentError({ argument: 'pairs', value: 0, message: 'needs at least one pair' });
  const { width, height } = pairs[0]!;
  const size = width * height;
  let frames = 0;
  pairs.forEach((pair, e) => {
    if (pair.width !== width || pair.height !== height) {
      throw new ShapeMismatchError({
        what: `pairs[${e}]`,
        expected: [height, width],
        actual: [pair.height, pair.width],
      });
    }
    for (const [name, array, per] of [
      ['pts3d1', pair.pts3d1, 3],
      ['conf1', pair.conf1, 1],
      ['pts3d2', pair.pts3d2, 3],
      ['conf2', pair.conf2, 1],
    ] as const) {
      if (array.length !== size * per)
        throw new ShapeMismatchError({
          what: `pairs[${e}].${name}`,
          expected: per === 3 ? [height, width, 3] : [height, width],
          actual: [array.length],
        });
    }
    if (!Number.isInteger(pair.i) || !Number.isInteger(pair.j) || pair.i < 0 || pair.j < 0 || pair.i === pair.j) {
      throw new InvalidArgumentError({
        argument: `pairs[${e}]`,
        value: [pair.i, pair.j],
        message: 'frame indices must be distinct non-negative integers',
      });
    }
    frames = Math.max(frames, pair.i + 1, pair.j + 1);
  });
  return { frames, width, height };
}

export function samplePixels(width: number, height: number, stride: number): Int32Array {
  const offset = Math.floor(stride / 2),
    pixels: number[] = [];
  for (let v = Math.min(offset, height - 1); v < height; v += stride)
    for (let u = Math.min(offset, width - 1); u < width; u += stride) pixels.push(v * width + u);
  return Int32Array.from(pixels);
}

export function samplePairs(pairs: readonly PointmapPair[], pixels: Int32Array): InitPairs {
  const S = pixels.length;
  const take = (points: Float32Array): Float32Array => {
    const out = new Float32Array(3 * S);
    for (let k = 0; k < S; k++) {
      const i = pixels[k]!;
      out[3 * k] = points[3 * i]!;
      out[3 * k + 1] = points[3 * i + 1]!;
      out[3 * k + 2] = points[3 * i + 2]!;
    }
    return out;
  };
  const takeConf = (conf: Float32Array): Float64Array => Float64Array.from(pixels, (i) => conf[i]!);
  const weight = (conf: Float64Array): Float32Array => Float32Array.from(conf, (c) => (c > 1 ? Math.log(c) : 0));
  const mean = (conf: Float32Array): number => {
    let s = 0;
    for (let k = 0; k < conf.length; k++) s += conf[k]!;
    return s / conf.length;
  };
  const confI = pairs.map((p) => takeConf(p.conf1)),
    confJ = pairs.map((p) => takeConf(p.conf2));
  return {
    edgeI: Int32Array.from(pairs, (p) => p.i),
    edgeJ: Int32Array.from(pairs, (p) => p.j),
    predI: pairs.map((p) => take(p.pts3d1)),
    predJ: pairs.map((p) => take(p.pts3d2)),
    confI,
    confJ,
    weightI: confI.map(weight),
    weightJ: confJ.map(weight),
    scores: Float64Array.from(pairs, (p) => mean(p.conf1) * mean(p.conf2)),
  };
}

/**
 * Aligns pairwise pointmaps into a {@link Scene4D}; see the module comment.
 * CPU-bound; it yields to the event loop between iterations so that timers and
 * `AbortSignal.timeout` can fire (run it in a worker thread to keep a server responsive).
 * @throws {@link InvalidArgumentError} for `pixelStride`: must be a positive integer
 * @throws {@link InvalidArgumentError} for `iterations`: must be a non-negative integer
 * @throws {@link InvalidArgumentError} for `pixelStride`: leaves … sampled pixels of the …×… pointmaps; at least 16 are needed
 */
export async function alignGlobally(options: GlobalAlignmentOptions): Promise<GlobalAlignmentResult> {
  const { pairs } = options;
  const { frames, width, height } = validatePairs(pairs);
  const iterations = options.iterations ?? 300;
  const stride = options.pixelStride ?? 8;
  if (!(Number.isInteger(stride) && stride >= 1))
    throw new InvalidArgumentError({ argument: 'pixelStride', value: stride, message: 'must be a positive integer' });
  if (!(Number.isInteger(iterations) && iterations >= 0))
    throw new InvalidArgumentError({
      argument: 'iterations',
      value: iterations,
      message: 'must be a non-negative integer',
    });
  const baseScale = options.baseScale ?? 0.5,
    focalBreak = options.focalBreak ?? 20;
  const lr = options.learningRate ?? 0.01,
    lrEnd = options.finalLearningRate ?? 0.001;
  const pixels = samplePixels(width, height, stride);
  if (pixels.length < 16) {
    throw new InvalidArgumentError({
      argument: 'pixelStride',
      value: stride,
      message: `leaves ${pixels.length} sampled pixels of the ${width}×${height} pointmaps; at least 16 are needed`,
    });
  }
  const sampled = samplePairs(pairs, pixels);
  const terms: AlignmentTerm[] = [];
  const smoothing = options.temporalSmoothingWeight ?? 0.01;
  if (smoothing > 0)
    terms.push(
      createTemporalSmoothnessTerm({ weight: smoothing, translationWeight: options.translationWeight ?? 1.0 }),
    );
  terms.push(...(options.terms ?? []));
  const problem = createAlignmentProblem({
    frames,
    width,
    height,
    pixels,
    pairs: sampled,
    terms,
    baseScale,
    focalBreak,
  });
  const { layout } = problem;
  const params = initializeFromSpanningTree({ layout, pairs: sampled, pixels, width, height, baseScale, focalBreak });
  const grad = new Float64Array(layout.size);
  const adam = createAdam(layout.size);
  const losses = new Float64Array(iterations);
  for (let iteration = 0; iteration < iterations; iteration++) {
    if (iteration % 10 === 0) await yieldToEventLoop();
    options.signal?.throwIfAborted();
    const loss = problem.evaluate(params, grad, iteration, iterations);
    losses[iteration] = loss;
    adam.step(params, grad, linearSchedule(iteration, iterations, lr, lrEnd));
    options.onIteration?.(iteration, loss);
  }
  const finalLoss = problem.evaluate(params, grad, iterations, iterations);
  // Dense depths with the optimised global quantities.
  const { rotation, translation } = problem.poses(params);
  const focal = Math.exp(params[layout.focal]! / focalBreak);
  const pairParams = params.subarray(layout.pairs);
  let meanSigma = 0;
  for (let e = 0; e < pairs.length; e++) meanSigma += pairParams[8 * e + 7]! / pairs.length;
  const pairScales = Float64Array.from(pairs, (_, e) => baseScale * Math.exp(pairParams[8 * e + 7]! - meanSigma));
  const sceneFrames: Scene4DFrame[] = [];
  for (let n = 0; n < frames; n++) {
    await yieldToEventLoop();
    options.signal?.throwIfAborted();
    const { depth, confidence } = denseDepth({
      pairs,
      frame: n,
      rotation,
      translation,
      pairParams,
      pairScales,
      focal,
      iterations: options.denseDepthIterations ?? 4,
    });
    const r = rotation.subarray(9 * n),
      t = translation.subarray(3 * n);
    sceneFrames.push({
      depth,
      confidence,
      intrinsics: { fx: focal, fy: focal, cx: width / 2, cy: height / 2, width, height },
      worldFromCamera: Float64Array.from([
        r[0]!,
        r[1]!,
        r[2]!,
        t[0]!,
        r[3]!,
        r[4]!,
        r[5]!,
        t[1]!,
        r[6]!,
        r[7]!,
        r[8]!,
        t[2]!,
        0,
        0,
        0,
        1,
      ]),
    });
  }
  return {
    scene: { width, height, frames: sceneFrames, metric: false },
    losses,
    finalLoss,
    focal,
    samples: pixels.length,
  };
}
