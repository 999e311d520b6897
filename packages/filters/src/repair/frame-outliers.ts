/**
 * Per-frame trajectory outliers (ours; replaces [definitions §4](docs/pages/definitions.md#filtering)'s "one outlier
 * discards the trajectory" in the default filters). Each position is compared
 * with the straight line fitted (least squares, in time) through its
 * neighbours within `windowSeconds` on either side, itself left out. A frame
 * whose residual exceeds both `minResidual` metres and `madFactor` × the
 * robust spread (1.4826 · MAD) of all residuals becomes absent; the test
 * repeats on the remaining frames until nothing changes (at most
 * `maxRounds`). The trajectory itself survives.
 */
import { InvalidArgumentError, ShapeMismatchError } from '@stkit/core';

/** Options of {@link findFrameOutliers}. */
export interface FrameOutlierOptions {
  /** Neighbours considered on each side, seconds. @default 1.5 */
  windowSeconds?: number;
  /** Residuals below this are never outliers, metres. @default 1.0 */
  minResidual?: number;
  /** @default 4 */
  madFactor?: number;
  /** @default 3 */
  maxRounds?: number;
}

function residualAt(
  centers: Float64Array,
  times: ArrayLike<number>,
  alive: Uint8Array,
  k: number,
  window: number,
): number | undefined {
  let sw = 0,
    st = 0,
    stt = 0;
  const sp = [0, 0, 0],
    stp = [0, 0, 0];
  for (let j = 0; j < times.length; j++) {
    if (j === k || !alive[j] || Math.abs(times[j]! - times[k]!) > window + 1e-9) continue;
    const t = times[j]! - times[k]!;
    sw += 1;
    st += t;
    stt += t * t;
    for (let a = 0; a < 3; a++) {
      sp[a]! += centers[3 * j + a]!;
      stp[a]! += t * centers[3 * j + a]!;
    }
  }
  if (sw < 2) return undefined;
  const determinant = sw * stt - st * st;
  let squared = 0;
  for (let a = 0; a < 3; a++) {
    // Value of the fitted line at t = 0 (frame k); a constant when all neighbours share one time.
    const intercept = determinant > 1e-12 ? (stt * sp[a]! - st * stp[a]!) / determinant : sp[a]! / sw;
    squared += (centers[3 * k + a]! - intercept) ** 2;
  }
  return Math.sqrt(squared);
}

/**
 * Indices (ascending) of the positions that are per-frame outliers; see the module comment.
 * @returns frame indices into `centers` (flat xyz) and `times`.
 * @throws {@link ShapeMismatchError} when the array lengths do not match
 * @throws {@link InvalidArgumentError} on a bad argument: must be a finite number > 0
 */
export function findFrameOutliers(
  centers: Float64Array,
  times: ArrayLike<number>,
  options: FrameOutlierOptions = {},
): number[] {
  const window = options.windowSeconds ?? 1.5;
  const minResidual = options.minResidual ?? 1.0;
  const madFactor = options.madFactor ?? 4;
  const maxRounds = options.maxRounds ?? 3;
  if (centers.length !== 3 * times.length)
    throw new ShapeMismatchError({ what: 'centers', expected: [times.length, 3], actual: [centers.length / 3, 3] });
  for (const [name, value] of [
    ['windowSeconds', window],
    ['minResidual', minResidual],
    ['madFactor', madFactor],
  ] as const) {
    if (!(Number.isFinite(value) && value > 0))
      throw new InvalidArgumentError({ argument: name, value, message: 'must be a finite number > 0' });
  }
  const n = times.length;
  const alive = new Uint8Array(n).fill(1);
  for (let round = 0; round < maxRounds; round++) {
    const residuals: (number | undefined)[] = [];
    for (let k = 0; k < n; k++) residuals.push(alive[k] ? residualAt(centers, times, alive, k, window) : undefined);
    const known = residuals.filter((value): value is number => value !== undefined).sort((a, b) => a - b);
    if (known.length < 3) break;
    const median = known[Math.floor(known.length / 2)]!;
    const deviations = known.map((value) => Math.abs(value - median)).sort((a, b) => a - b);
    const spread = 1.4826 * deviations[Math.floor(deviations.length / 2)]!;
    const threshold = Math.max(minResidual, median + madFactor * spread);
    // Drop only the worst frame of each neighbourhood per round: one spike inflates its
    // neighbours' residuals too, and they must not go with it.
    let changed = false;
    const flagged = residuals.map((value) => value !== undefined && value > threshold);
    for (let k = 0; k < n; k++) {
      if (!flagged[k]) continue;
      let worst = true;
      for (let j = 0; j < n; j++) {
        if (j !== k && flagged[j] && Math.abs(times[j]! - times[k]!) <= window + 1e-9 && residuals[j]! > residuals[k]!)
          worst = false;
      }
      if (worst) {
        alive[k] = 0;
        changed = true;
      }
    }
    if (!changed) break;
  }
  const outliers: number[] = [];
  for (let k = 0; k < n; k++) if (!alive[k]) outliers.push(k);
  return outliers;
}
