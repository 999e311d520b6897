/**
 * A time series of rigid poses (e.g. `city_SE3_egovehicle`, oxts poses) with
 * lookup at any time: the exact pose when a sample lies within `exactSeconds`,
 * else linear interpolation of the translation and slerp of the rotation
 * between the two bracketing samples when they are at most `maxGapSeconds`
 * apart.
 */
import type { Pose } from '@stkit/core';
import { quatSlerp } from './geometry-adapter';

/** A pose series: `times` ascending (log seconds), one pose per time. */
export interface PoseSeries {
  times: Float64Array;
  /** Rotations `[w, x, y, z]`, flat N×4. */
  rotations: Float64Array;
  /** Translations, flat N×3. */
  translations: Float64Array;
}

/** Options of {@link poseAt}. */
export interface PoseAtOptions {
  /** Snap to a sample closer than this, seconds. @default 1e-6 */
  exactSeconds?: number;
  /** Largest gap between bracketing samples that may be interpolated, seconds. @default 0.2 */
  maxGapSeconds?: number;
}

/** Index of the last time ≤ `time`, or −1. */
function lowerIndex(times: Float64Array, time: number): number {
  let lo = 0,
    hi = times.length - 1,
    found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= time) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function poseOf(series: PoseSeries, i: number): Pose {
  const r = series.rotations,
    t = series.translations;
  return {
    rotation: [r[4 * i]!, r[4 * i + 1]!, r[4 * i + 2]!, r[4 * i + 3]!],
    translation: [t[3 * i]!, t[3 * i + 1]!, t[3 * i + 2]!],
  };
}

/** The pose at `time`, or `undefined` when the series does not cover it (see the module doc). */
export function poseAt(series: PoseSeries, time: number, options: PoseAtOptions = {}): Pose | undefined {
  const exact = options.exactSeconds ?? 1e-6;
  const maxGap = options.maxGapSeconds ?? 0.2;
  const n = series.times.length;
  if (n === 0) return undefined;
  const i = lowerIndex(series.times, time);
  if (i >= 0 && time - series.times[i]! <= exact) return poseOf(series, i);
  if (i + 1 < n && series.times[i + 1]! - time <= exact) return poseOf(series, i + 1);
  if (i < 0 || i + 1 >= n) return undefined;
  const t0 = series.times[i]!,
    t1 = series.times[i + 1]!;
  if (t1 - t0 > maxGap) return undefined;
  const u = (time - t0) / (t1 - t0);
  const a = poseOf(series, i),
    b = poseOf(series, i + 1);
  return {
    rotation: quatSlerp(a.rotation, b.rotation, u),
    translation: [0, 1, 2].map((d) => a.translation[d]! + u * (b.translation[d]! - a.translation[d]!)) as [
      number,
      number,
      number,
    ],
  };
}
