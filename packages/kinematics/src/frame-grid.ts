/**
 * The clip's frame grid and a track's positions on it ([definitions §2](docs/pages/definitions.md#grid), "Clip and
 * frame grid", "Position at a frame").
 *
 * Layout: positions are a flat row-major `Float64Array` of shape `[N, 3]`
 * (frame k at `3k … 3k+2`) and presence a `Uint8Array` of length N (1 =
 * present), so every later computation is a plain indexed loop with no
 * per-frame objects.
 */
import type { Clip, Track } from '@stkit/core';
import { ClipDataError } from './errors';
import { DEFAULT_TIME_EPSILON_SECONDS } from './tolerances';

/** A track sampled on the clip's frame grid. */
export interface TrackGrid {
  /** Number of grid frames N. */
  readonly frameCount: number;
  /** World-frame box centres, metres, shape `[N, 3]` row-major; zeros where absent. */
  readonly positions: Float64Array;
  /** 1 where the object is present at frame k, else 0; length N. */
  readonly present: Uint8Array;
}

/** Options of {@link sampleTrackOnGrid}. */
export interface GridSamplingOptions {
  /**
   * Largest time between the two annotations that bracket a grid time for the
   * position to be interpolated; beyond it the object is absent ([definitions §2](docs/pages/definitions.md#interpolation), ours). Seconds.
   * @default 1.0
   */
  maxInterpolationGapSeconds?: number;
  /**
   * Two times closer than this are equal: an annotation within it of `t_k` is
   * used as is, and the gap test is `t_hi − t_lo ≤ max + ε`. Seconds.
   * @default 1e-6
   */
  timeEpsilonSeconds?: number;
  /** Clip id, for error messages. */
  clipId?: string;
  /** Index of the track in `clip.tracks`, for error messages. */
  trackIndex?: number;
}

/**
 * The clip's grid times `t_k` in clip seconds (from `clip.frames[k].t`), as a
 * `Float64Array` of length N.
 * @throws {@link ClipDataError} when a time is not finite or the times do not strictly increase.
 */
export function frameTimesOf(clip: Pick<Clip, 'id' | 'frames'>): Float64Array {
  const count = clip.frames.length;
  const times = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const t = clip.frames[k]!.t;
    if (!Number.isFinite(t))
      throw new ClipDataError({ clipId: clip.id, field: `frames[${k}].t`, reason: `must be finite, got ${t}` });
    if (k > 0 && !(t > times[k - 1]!)) {
      throw new ClipDataError({
        clipId: clip.id,
        field: `frames[${k}].t`,
        reason: `frame times must strictly increase (${times[k - 1]} then ${t})`,
      });
    }
    times[k] = t;
  }
  return times;
}

/**
 * Samples a track on the grid: at each `t_k` the annotated centre at `t_k`
 * (within ε), else the linear interpolation between the last annotation before
 * and the first after `t_k` when they are at most `maxInterpolationGapSeconds`
 * apart, else absent. Samples need not be sorted (they are ordered by time,
 * stably; of several annotations at the same time the first in input order
 * is used) and need not lie on the grid (e.g. 10 Hz).
 *
 * @param out - optional preallocated result to fill (its arrays must have the grid's size).
 * @throws {@link ClipDataError} naming the clip, track and sample index when a time or coordinate is not finite.
 */
export function sampleTrackOnGrid(
  track: Pick<Track, 'id' | 'samples'>,
  frameTimes: Float64Array,
  options: GridSamplingOptions = {},
  out?: TrackGrid,
): TrackGrid {
  const maxGap = options.maxInterpolationGapSeconds ?? 1.0;
  const eps = options.timeEpsilonSeconds ?? DEFAULT_TIME_EPSILON_SECONDS;
  const frameCount = frameTimes.length;
  const positions = out?.positions ?? new Float64Array(frameCount * 3);
  const present = out?.present ?? new Uint8Array(frameCount);
  positions.fill(0);
  present.fill(0);
  const samples = track.samples;
  const sampleCount = samples.length;

  // One pass: validate every value and detect whether the input is already sorted.
  let sorted = true;
  for (let index = 0; index < sampleCount; index++) {
    const sample = samples[index]!;
    const t = sample.t;
    if (!Number.isFinite(t)) throw sampleError(options, track.id, index, 't', t);
    const center = sample.center;
    for (let axis = 0; axis < 3; axis++) {
      const value = center[axis]!;
      if (!Number.isFinite(value)) throw sampleError(options, track.id, index, `center[${axis}]`, value);
    }
    if (index > 0 && t < samples[index - 1]!.t) sorted = false;
  }
  // Sorted order: identity in the common case, else a stable index sort (Array#sort is stable).
  let order: Int32Array | undefined;
  if (!sorted) {
    const indices = Array.from({ length: sampleCount }, (_, index) => index);
    indices.sort((a, b) => samples[a]!.t - samples[b]!.t);
    order = Int32Array.from(indices);
  }

  let j = 0; // first sample (in time order) with t ≥ t_k − ε; frame times increase, so j only moves forward
  for (let k = 0; k < frameCount; k++) {
    const tk = frameTimes[k]!;
    while (j < sampleCount && samples[order ? order[j]! : j]!.t < tk - eps) j++;
    if (j < sampleCount) {
      const hi = samples[order ? order[j]! : j]!;
      if (hi.t <= tk + eps) {
        positions[3 * k] = hi.center[0];
        positions[3 * k + 1] = hi.center[1];
        positions[3 * k + 2] = hi.center[2];
        present[k] = 1;
        continue;
      }
      if (j > 0) {
        const lo = samples[order ? order[j - 1]! : j - 1]!;
        const span = hi.t - lo.t;
        if (span <= maxGap + eps) {
          const w = (tk - lo.t) / span;
          positions[3 * k] = lo.center[0] + w * (hi.center[0] - lo.center[0]);
          positions[3 * k + 1] = lo.center[1] + w * (hi.center[1] - lo.center[1]);
          positions[3 * k + 2] = lo.center[2] + w * (hi.center[2] - lo.center[2]);
          present[k] = 1;
        }
      }
    }
  }
  return { frameCount, positions, present };
}

function sampleError(
  options: GridSamplingOptions,
  trackId: string,
  sampleIndex: number,
  field: string,
  value: number,
): ClipDataError {
  const trackPath = options.trackIndex !== undefined ? `tracks[${options.trackIndex}]` : 'track';
  return new ClipDataError({
    clipId: options.clipId ?? '(unknown clip)',
    trackId,
    ...(options.trackIndex !== undefined ? { trackIndex: options.trackIndex } : {}),
    sampleIndex,
    field: `${trackPath}.samples[${sampleIndex}].${field}`,
    reason: `must be finite, got ${value}`,
  });
}
