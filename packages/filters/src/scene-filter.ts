/**
 * Scene filters of [definitions §4](docs/pages/definitions.md#filtering) ("scenes with too few points or extremely small
 * objects are dropped"). SPEC gives no numbers; ours, all options:
 * a track is dropped when it has fewer than `minObservations` usable frames
 * (5 = 2 s, the shortest presence any task uses, [definitions §2](docs/pages/definitions.md#grounding)), when the median
 * size of its denoised per-frame clouds is below `minPointsPerFrame` points,
 * or when the median extent (diagonal of the axis-aligned box) of those
 * clouds is below `minObjectExtent` metres. A scene is dropped when no track
 * survives.
 */
import { InvalidArgumentError } from '@stkit/core';

/** Why a track was dropped by the scene filters. */
export type SceneRejection = 'too_few_observations' | 'too_few_points' | 'small_object';

/** Thresholds of {@link checkTrackSize}. */
export interface SceneFilterOptions {
  /** Minimum number of usable frames of a track. @default 5 (ours) */
  minObservations?: number;
  /** Minimum median number of points per frame after denoising. @default 30 (ours) */
  minPointsPerFrame?: number;
  /** Minimum median cloud extent, metres. @default 0.15 (ours) */
  minObjectExtent?: number;
}

/** Per-frame statistics of a track's denoised clouds (NaN where a frame had no cloud). */
export interface TrackSizeStats {
  /** Number of usable frames. */
  observations: number;
  /** Points per frame after denoising. */
  pointCounts: readonly number[];
  /** Extent per frame (m). */
  extents: readonly number[];
}

/**
 * Diagonal of the axis-aligned bounding box of a row-major xyz cloud (0 for < 2 points).
 * @returns metres (the cloud's unit).
 */
export function cloudExtent(points: Float64Array): number {
  if (points.length < 6) return 0;
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < points.length; i += 3) {
    for (let axis = 0; axis < 3; axis++) {
      const value = points[i + axis]!;
      if (value < min[axis]!) min[axis] = value;
      if (value > max[axis]!) max[axis] = value;
    }
  }
  return Math.hypot(max[0]! - min[0]!, max[1]! - min[1]!, max[2]! - min[2]!);
}

function median(values: readonly number[]): number {
  const finite = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const middle = finite.length >> 1;
  return finite.length % 2 === 1 ? finite[middle]! : (finite[middle - 1]! + finite[middle]!) / 2;
}

/**
 * The reason a track is dropped by the scene filters, or undefined. Frames
 * without a cloud (NaN statistics) are ignored by the size tests.
 * @throws {@link InvalidArgumentError} for `minObservations`: must be an integer ≥ 1
 */
export function checkTrackSize(stats: TrackSizeStats, options: SceneFilterOptions = {}): SceneRejection | undefined {
  const minObservations = options.minObservations ?? 5;
  const minPoints = options.minPointsPerFrame ?? 30;
  const minExtent = options.minObjectExtent ?? 0.15;
  if (!(Number.isInteger(minObservations) && minObservations >= 1)) {
    throw new InvalidArgumentError({
      argument: 'minObservations',
      value: minObservations,
      message: 'must be an integer ≥ 1',
    });
  }
  if (stats.observations < minObservations) return 'too_few_observations';
  const points = median(stats.pointCounts);
  if (points < minPoints) return 'too_few_points';
  const extent = median(stats.extents);
  if (extent < minExtent) return 'small_object';
  return undefined;
}
