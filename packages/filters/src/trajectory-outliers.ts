/**
 * Trajectory outlier tests of [definitions §4](docs/pages/definitions.md#filtering). A trajectory (centroids in time order,
 * row-major `n × 3`, metres) is flagged — and the whole trajectory discarded —
 * when
 * - a centroid has a z-score > 3.0 on any coordinate: `|c − mean| / std`
 *   per axis over the trajectory, population std (ddof 0, like
 *   `scipy.stats.zscore`); an axis with std 0 has no outliers. Note that
 *   with n centroids no |z| can exceed √(n−1) (one spike among n−1 equal
 *   values), so this test can only fire from n ≥ 11 (5 s of the 0.5 s grid);
 * - a step `c_k+1 − c_k` has cosine similarity < −0.2 with the mean
 *   direction vector (the mean of all steps, i.e. net displacement / (n−1)).
 *   Steps shorter than `minStepLength` (0.3 m, the length below which [definitions §2](docs/pages/definitions.md#clocks)
 *   gives a step no direction — ours) are not tested, nor is anything when
 *   the mean direction vector is shorter than 1e-9 m.
 */
import { ShapeMismatchError } from '@stkit/core';

/** Why a trajectory was discarded. */
export type TrajectoryRejection = 'centroid_z_score' | 'direction_cosine';

/** Thresholds of {@link checkTrajectoryOutliers}. */
export interface TrajectoryOutlierOptions {
  /** A centroid with |z| strictly above this is an outlier. @default 3.0 ([definitions §4](docs/pages/definitions.md#filtering)) */
  maxZScore?: number;
  /** A step with cosine strictly below this is an outlier. @default -0.2 ([definitions §4](docs/pages/definitions.md#filtering)) */
  minCosine?: number;
  /** Steps shorter than this (metres) are not tested for direction. @default 0.3 (ours) */
  minStepLength?: number;
}

/** Result of {@link checkTrajectoryOutliers}. */
export interface TrajectoryOutlierResult {
  /** The first failing test, or undefined when the trajectory is kept. */
  rejection: TrajectoryRejection | undefined;
  /** Indices of centroids with |z| > maxZScore. */
  zScoreOutliers: number[];
  /** Indices k of steps k → k+1 with cosine < minCosine. */
  directionOutliers: number[];
}

/**
 * Runs both tests of [definitions §4](docs/pages/definitions.md#filtering) on a centroid trajectory.
 * @throws {@link ShapeMismatchError} when the array lengths do not match
 */
export function checkTrajectoryOutliers(
  centers: Float64Array,
  options: TrajectoryOutlierOptions = {},
): TrajectoryOutlierResult {
  const maxZ = options.maxZScore ?? 3.0;
  const minCosine = options.minCosine ?? -0.2;
  const minStep = options.minStepLength ?? 0.3;
  if (centers.length % 3 !== 0)
    throw new ShapeMismatchError({ what: 'centers', expected: ['n', 3], actual: [centers.length / 3] });
  const n = centers.length / 3;
  const zScoreOutliers: number[] = [];
  const directionOutliers: number[] = [];
  if (n >= 2) {
    const mean = [0, 0, 0];
    const std = [0, 0, 0];
    for (let k = 0; k < n; k++) for (let axis = 0; axis < 3; axis++) mean[axis]! += centers[3 * k + axis]! / n;
    for (let k = 0; k < n; k++)
      for (let axis = 0; axis < 3; axis++) std[axis]! += (centers[3 * k + axis]! - mean[axis]!) ** 2 / n;
    for (let axis = 0; axis < 3; axis++) std[axis] = Math.sqrt(std[axis]!);
    for (let k = 0; k < n; k++) {
      for (let axis = 0; axis < 3; axis++) {
        if (std[axis]! > 0 && Math.abs(centers[3 * k + axis]! - mean[axis]!) / std[axis]! > maxZ) {
          zScoreOutliers.push(k);
          break;
        }
      }
    }
    const mx = (centers[3 * n - 3]! - centers[0]!) / (n - 1);
    const my = (centers[3 * n - 2]! - centers[1]!) / (n - 1);
    const mz = (centers[3 * n - 1]! - centers[2]!) / (n - 1);
    const meanLength = Math.hypot(mx, my, mz);
    if (meanLength > 1e-9) {
      for (let k = 0; k + 1 < n; k++) {
        const dx = centers[3 * k + 3]! - centers[3 * k]!;
        const dy = centers[3 * k + 4]! - centers[3 * k + 1]!;
        const dz = centers[3 * k + 5]! - centers[3 * k + 2]!;
        const length = Math.hypot(dx, dy, dz);
        if (length < minStep) continue;
        if ((dx * mx + dy * my + dz * mz) / (length * meanLength) < minCosine) directionOutliers.push(k);
      }
    }
  }
  const rejection: TrajectoryRejection | undefined =
    zScoreOutliers.length > 0 ? 'centroid_z_score' : directionOutliers.length > 0 ? 'direction_cosine' : undefined;
  return { rejection, zScoreOutliers, directionOutliers };
}
