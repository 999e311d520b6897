/**
 * Canonicalisation of a reconstructed scene's arbitrary scale to metric units
 * ([definitions §3](docs/pages/definitions.md#pseudo-labels)): one factor `s = median(metric / reconstructed)` over confident,
 * static pixels, applied to every depth and camera translation.
 */
import { InvalidArgumentError, ShapeMismatchError } from '@stkit/core';
import type { Scene4D, Scene4DFrame } from './types';

/** Options of {@link canonicalizeScale}. */
export interface CanonicalizeScaleOptions {
  /** The scene to rescale (not modified). */
  readonly scene: Scene4D;
  /** Metric depth per frame (e.g. Metric3D v2), metres, row-major `[H*W]` at the scene's resolution. */
  readonly metricDepths: readonly (Float32Array | Float64Array)[];
  /** Extra masks to exclude (dynamic objects), per frame, row-major `[H*W]`, non-zero = excluded. Frames' own `dynamicMask`s are always excluded. */
  readonly excludeMasks?: readonly (Uint8Array | null | undefined)[];
  /** Keep pixels whose confidence is at or above this quantile of all scene confidences (scale-free). @default 0.5 */
  readonly confidenceQuantile?: number;
  /** Metric depths outside `[minMetricDepth, maxMetricDepth]` metres are ignored (Metric3D clamps to 0–300 m). @default 0.1 */
  readonly minMetricDepth?: number;
  /** @default 300 */
  readonly maxMetricDepth?: number;
}

/** Spread of the per-pixel ratios: a quality signal (small = consistent scale). */
export interface ScaleSpread {
  /** Median absolute deviation of the ratios divided by their median. */
  readonly relativeMad: number;
  /** Interquartile range of the ratios divided by their median. */
  readonly relativeIqr: number;
  /** 25th and 75th percentiles of the ratios. */
  readonly quartiles: readonly [number, number];
}

/** Result of {@link canonicalizeScale}. */
export interface CanonicalizeScaleResult {
  /** The rescaled scene (`metric: true`), sharing confidences and masks with the input. */
  readonly scene: Scene4D;
  /** Metres per scene unit. */
  readonly scale: number;
  /** How many pixels voted. */
  readonly pixelCount: number;
  /** Spread of the ratios. */
  readonly spread: ScaleSpread;
}

/** Quantile of a sorted array by linear interpolation (NumPy's default). */
function quantileSorted(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position),
    high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

function confidenceThreshold(scene: Scene4D, quantile: number): number {
  if (quantile <= 0) return -Infinity;
  // A strided sample is enough for a quantile of millions of values.
  const total = scene.frames.length * scene.width * scene.height;
  const step = Math.max(1, Math.floor(total / 200_000));
  const sample: number[] = [];
  for (const frame of scene.frames)
    for (let i = 0; i < frame.confidence.length; i += step) sample.push(frame.confidence[i]!);
  return quantileSorted(Float64Array.from(sample).sort(), quantile);
}

/**
 * Rescales `scene` to metric units from metric depth maps; see the module comment.
 * @throws {@link InvalidArgumentError} for `metricDepths`: must hold one map per frame (…)
 * @throws {@link InvalidArgumentError} for `confidenceQuantile`: must be in [0, 1)
 * @throws {@link InvalidArgumentError} for `metricDepths`: no confident, static pixel has both a reconstructed and a metric depth
 * @throws {@link ShapeMismatchError} when the array lengths do not match
 */
export function canonicalizeScale(options: CanonicalizeScaleOptions): CanonicalizeScaleResult {
  const { scene, metricDepths } = options;
  const size = scene.width * scene.height;
  if (metricDepths.length !== scene.frames.length) {
    throw new InvalidArgumentError({
      argument: 'metricDepths',
      value: metricDepths.length,
      message: `must hold one map per frame (${scene.frames.length})`,
    });
  }
  const quantile = options.confidenceQuantile ?? 0.5;
  if (!(quantile >= 0 && quantile < 1))
    throw new InvalidArgumentError({ argument: 'confidenceQuantile', value: quantile, message: 'must be in [0, 1)' });
  const minMetric = options.minMetricDepth ?? 0.1,
    maxMetric = options.maxMetricDepth ?? 300;
  const threshold = confidenceThreshold(scene, quantile);
  const ratios = new Float64Array(size * scene.frames.length);
  let count = 0;
  for (let f = 0; f < scene.frames.length; f++) {
    const frame = scene.frames[f]!,
      metric = metricDepths[f]!;
    if (metric.length !== size)
      throw new ShapeMismatchError({
        what: `metricDepths[${f}]`,
        expected: [scene.height, scene.width],
        actual: [metric.length],
      });
    const exclude = options.excludeMasks?.[f] ?? undefined,
      dynamic = frame.dynamicMask;
    if (exclude && exclude.length !== size)
      throw new ShapeMismatchError({
        what: `excludeMasks[${f}]`,
        expected: [scene.height, scene.width],
        actual: [exclude.length],
      });
    const { depth, confidence } = frame;
    for (let i = 0; i < size; i++) {
      const d = depth[i]!,
        m = metric[i]!;
      if (!(d > 0) || !(m >= minMetric && m <= maxMetric) || confidence[i]! < threshold) continue;
      if (exclude?.[i] || dynamic?.[i]) continue;
      const ratio = m / d;
      if (Number.isFinite(ratio)) ratios[count++] = ratio;
    }
  }
  if (count === 0) {
    throw new InvalidArgumentError({
      argument: 'metricDepths',
      message: 'no confident, static pixel has both a reconstructed and a metric depth',
    });
  }
  const sorted = ratios.subarray(0, count).sort();
  const scale = quantileSorted(sorted, 0.5);
  const q1 = quantileSorted(sorted, 0.25),
    q3 = quantileSorted(sorted, 0.75);
  for (let k = 0; k < count; k++) sorted[k] = Math.abs(sorted[k]! - scale);
  const mad = quantileSorted(sorted.sort(), 0.5);
  const frames: Scene4DFrame[] = scene.frames.map((frame) => {
    const depth = new Float32Array(size);
    for (let i = 0; i < size; i++) depth[i] = frame.depth[i]! * scale;
    const worldFromCamera = Float64Array.from(frame.worldFromCamera);
    worldFromCamera[3]! *= scale;
    worldFromCamera[7]! *= scale;
    worldFromCamera[11]! *= scale;
    return { ...frame, depth, worldFromCamera };
  });
  return {
    scene: { ...scene, frames, metric: true },
    scale,
    pixelCount: count,
    spread: { relativeMad: mad / scale, relativeIqr: (q3 - q1) / scale, quartiles: [q1, q3] },
  };
}
