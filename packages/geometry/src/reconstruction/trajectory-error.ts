/**
 * Absolute trajectory error (ATE) of estimated camera positions after the
 * best Sim(3) alignment to the reference (Umeyama), as in the TUM RGB-D and
 * MonST3R evaluations: RMSE of the aligned position differences.
 */
import { umeyamaSim3, type Sim3 } from './umeyama';

/** Result of {@link absoluteTrajectoryError}. */
export interface TrajectoryError {
  /** Root-mean-square position error after alignment, reference units. */
  readonly rmse: number;
  /** Largest position error after alignment. */
  readonly max: number;
  /** The similarity mapping estimated positions onto the reference. */
  readonly alignment: Sim3;
}

/** ATE between two trajectories given as camera-to-world 4×4 matrices (row-major), same length. */
export function absoluteTrajectoryError(options: {
  readonly estimated: readonly ArrayLike<number>[];
  readonly reference: readonly ArrayLike<number>[];
  /** Fit a scale too (Sim(3)); `false` for SE(3). @default true */
  readonly withScale?: boolean;
}): TrajectoryError {
  const centres = (poses: readonly ArrayLike<number>[]): Float64Array =>
    Float64Array.from(poses.flatMap((m) => [m[3]!, m[7]!, m[11]!]));
  const source = centres(options.estimated),
    target = centres(options.reference);
  const alignment = umeyamaSim3({ source, target, withScale: options.withScale ?? true });
  const { scale: s, rotation: r, translation: t } = alignment;
  let sum = 0,
    max = 0;
  for (let k = 0; k < source.length; k += 3) {
    const x = source[k]!,
      y = source[k + 1]!,
      z = source[k + 2]!;
    const e0 = s * (r[0]! * x + r[1]! * y + r[2]! * z) + t[0]! - target[k]!;
    const e1 = s * (r[3]! * x + r[4]! * y + r[5]! * z) + t[1]! - target[k + 1]!;
    const e2 = s * (r[6]! * x + r[7]! * y + r[8]! * z) + t[2]! - target[k + 2]!;
    const squared = e0 * e0 + e1 * e1 + e2 * e2;
    sum += squared;
    max = Math.max(max, Math.sqrt(squared));
  }
  return { rmse: Math.sqrt(sum / (source.length / 3)), max, alignment };
}
