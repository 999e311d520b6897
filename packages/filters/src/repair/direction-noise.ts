/**
 * Is a pseudo track's direction of motion above its position noise (ours)?
 * SPEC §2's direction questions rest on two steps of the track: the reference
 * (12 o'clock), its first step `P_{s+1} − P_s` of at least 0.3 m, and the last
 * step. 0.3 m is right for annotated boxes that jitter by centimetres; a
 * pseudo-labelled centre wobbles by decimetres (depth wobble along the viewing
 * ray, silhouette noise across it), and a 0.5 m step of a walker 60 m away is
 * then turned by ±20° or more — a clock hour off. Labels must not invent a
 * direction any more than motion, so the default filters ask a direction
 * question only when both steps are long against the track's own noise:
 *
 * - *noise* σ: per ground axis, from the residuals of the raw per-frame
 *   centres to the straight line through their neighbours within ±1.5 s (the
 *   frame itself left out, as the per-frame outlier test does): σ =
 *   median ground residual / √(2 ln 2) (the median of a 2D Gaussian's norm is
 *   σ·√(2 ln 2));
 * - *verdict*: reliable when the reference step and the last step of the
 *   smoothed track are each at least `minStepNoiseRatio` × σ long (then a
 *   step's direction error, about σ / length radians for the smoothed step, stays
 *   well under the 15° that turns a clock hour).
 */
import { InvalidArgumentError } from '@stkit/core';
import { groundFrame } from './ground-plane';

/** Options of {@link assessDirection}; the numbers are ours. */
export interface DirectionNoiseOptions {
  /** Least length of the reference and the last step, in units of the track's position noise σ. @default 5 */
  minStepNoiseRatio?: number;
  /** Neighbours on each side for the noise's local line, seconds. @default 1.5 */
  windowSeconds?: number;
  /** SPEC §2: a shorter ground step has no direction, metres. @default 0.3 */
  minStepMeters?: number;
  /** Spacing of consecutive grid frames, seconds (a step joins frames this far apart). @default 0.5 */
  gridSeconds?: number;
}

/** What {@link assessDirection} decided. */
export interface DirectionVerdict {
  /** Direction questions may be asked about the track. */
  reliable: boolean;
  /** Position noise σ per ground axis, metres. */
  noise: number;
  /** Ground length of the reference step and of the last step, metres (undefined: no such step). */
  referenceStep?: number;
  lastStep?: number;
  /** One sentence for the report. */
  reason: string;
}

/** Input of {@link assessDirection}: the kept frames of one track. */
export interface DirectionNoiseInput {
  /** Raw per-frame centres (before smoothing), row-major `n × 3`, metres. */
  raw: Float64Array;
  /** Smoothed centres, what the kinematics will read, row-major `n × 3`. */
  smoothed: Float64Array;
  /** Clip seconds of the frames, increasing. */
  times: readonly number[];
  up: readonly [number, number, number];
}

/**
 * Position noise σ per ground axis of raw centres: leave-one-out residuals to the local line (see the module comment).
 * @returns metres; `undefined` with fewer than 3 frames that have 2 neighbours in the window.
 */
export function groundNoise(
  raw: Float64Array,
  times: readonly number[],
  up: readonly [number, number, number],
  windowSeconds = 1.5,
): number | undefined {
  const { ground } = groundFrame(up);
  const g = times.map((_, k) => ground(raw, 3 * k));
  const residuals: number[] = [];
  for (let k = 0; k < times.length; k++) {
    let sw = 0,
      st = 0,
      stt = 0;
    const sp = [0, 0],
      stp = [0, 0];
    for (let j = 0; j < times.length; j++) {
      if (j === k || Math.abs(times[j]! - times[k]!) > windowSeconds + 1e-9) continue;
      const t = times[j]! - times[k]!;
      sw += 1;
      st += t;
      stt += t * t;
      for (let a = 0; a < 2; a++) {
        sp[a]! += g[j]![a]!;
        stp[a]! += t * g[j]![a]!;
      }
    }
    if (sw < 2) continue;
    const determinant = sw * stt - st * st;
    let squared = 0;
    for (let a = 0; a < 2; a++) {
      const intercept = determinant > 1e-12 ? (stt * sp[a]! - st * stp[a]!) / determinant : sp[a]! / sw;
      squared += (g[k]![a]! - intercept) ** 2;
    }
    residuals.push(Math.sqrt(squared));
  }
  if (residuals.length < 3) return undefined;
  residuals.sort((a, b) => a - b);
  const middle = residuals.length / 2;
  const median =
    residuals.length % 2 === 1 ? residuals[Math.floor(middle)]! : (residuals[middle - 1]! + residuals[middle]!) / 2;
  return median / Math.sqrt(2 * Math.log(2));
}

/**
 * Decides whether the direction questions of a track rest on steps above its noise; see the module comment.
 * @throws {@link InvalidArgumentError} on lengths that do not match or an option out of range
 */
export function assessDirection(input: DirectionNoiseInput, options: DirectionNoiseOptions = {}): DirectionVerdict {
  const ratio = options.minStepNoiseRatio ?? 5,
    minStep = options.minStepMeters ?? 0.3,
    grid = options.gridSeconds ?? 0.5,
    window = options.windowSeconds ?? 1.5;
  for (const [name, value] of [
    ['minStepNoiseRatio', ratio],
    ['minStepMeters', minStep],
    ['gridSeconds', grid],
    ['windowSeconds', window],
  ] as const)
    if (!(Number.isFinite(value) && value >= 0))
      throw new InvalidArgumentError({ argument: name, value, message: 'must be a finite number ≥ 0' });
  const n = input.times.length;
  if (input.raw.length !== 3 * n || input.smoothed.length !== 3 * n)
    throw new InvalidArgumentError({
      argument: 'raw/smoothed',
      value: `${input.raw.length}/${input.smoothed.length}`,
      message: `must hold ${n} × 3 numbers (one centre per time)`,
    });
  const { ground } = groundFrame(input.up);
  const noise = groundNoise(input.raw, input.times, input.up, window) ?? Number.POSITIVE_INFINITY;
  // Steps join consecutive grid frames; the reference is the first with a direction (≥ minStep), as kinematics reads it.
  const steps: number[] = [];
  for (let k = 1; k < n; k++) {
    if (Math.abs(input.times[k]! - input.times[k - 1]! - grid) > 1e-6) continue;
    const a = ground(input.smoothed, 3 * (k - 1)),
      b = ground(input.smoothed, 3 * k);
    steps.push(Math.hypot(b[0] - a[0], b[1] - a[1]));
  }
  const referenceStep = steps.find((length) => length >= minStep);
  const lastStep = steps[steps.length - 1];
  const need = ratio * noise;
  if (referenceStep === undefined || lastStep === undefined)
    return { reliable: false, noise, reason: 'no step with a direction' };
  const verdict = { noise, referenceStep, lastStep };
  if (referenceStep < need || lastStep < need)
    return {
      reliable: false,
      ...verdict,
      reason: `reference step ${referenceStep.toFixed(2)} m / last step ${lastStep.toFixed(2)} m below ${ratio} × its position noise (σ ${noise.toFixed(2)} m): no direction question`,
    };
  return {
    reliable: true,
    ...verdict,
    reason: `reference step ${referenceStep.toFixed(2)} m and last step ${lastStep.toFixed(2)} m ≥ ${ratio} × its position noise (σ ${noise.toFixed(2)} m)`,
  };
}
