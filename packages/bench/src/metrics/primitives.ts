/**
 * The per-sample measures of [definitions §6](docs/pages/definitions.md#benchmark): the ±25 % accuracy band of distance and
 * speed, the circular clock error, and the temporal IoU of two intervals.
 */

/**
 * Relative slack on the band edges, so that values printed with two decimals
 * and converted between units (0.003 km → 3.0000000000000004 m) are not
 * pushed out of a band they sit on.
 */
export const BAND_EPSILON = 1e-9;

/** True iff `0.75·truth ≤ predicted ≤ 1.25·truth` ([definitions §6](docs/pages/definitions.md#benchmark)), with {@link BAND_EPSILON} relative slack. */
export function isWithinBand(predicted: number, truth: number): boolean {
  const slack = BAND_EPSILON * Math.max(Math.abs(truth), Number.MIN_VALUE);
  return predicted >= 0.75 * truth - slack && predicted <= 1.25 * truth + slack;
}

/** The ten confidence thresholds θ = 0.50, 0.55, …, 0.95 of Mean Relative Accuracy. */
export const MRA_THRESHOLDS: readonly number[] = Array.from({ length: 10 }, (_, i) => (10 + i) / 20);
// 1 − θ as (10 − i) / 20, the double nearest the exact value (1 − 0.8 would be 0.19999999999999996).
const MRA_LIMITS: readonly number[] = Array.from({ length: 10 }, (_, i) => (10 - i) / 20);

/**
 * Mean Relative Accuracy (VSI-Bench's metric for numeric answers): the mean
 * over θ ∈ {@link MRA_THRESHOLDS} of 1[|ŷ − y| / y < 1 − θ]. 0 when no value
 * was extracted (`predicted` undefined); for a truth of 0, 1 iff ŷ = 0.
 * @returns a value in [0, 1].
 */
export function meanRelativeAccuracy(predicted: number | undefined, truth: number): number {
  if (predicted === undefined) return 0;
  if (truth === 0) return predicted === 0 ? 1 : 0;
  const relative = Math.abs(predicted - truth) / truth;
  let hits = 0;
  for (const limit of MRA_LIMITS) if (relative < limit) hits++;
  return hits / MRA_LIMITS.length;
}

/**
 * Circular distance between two clock values 1–12: `min(|a − b|, 12 − |a − b|)`, in 0–6.
 * @param predicted - the extracted clock value.
 * @param truth - the label's clock value.
 * @returns hours, 0–6.
 */
export function clockError(predicted: number, truth: number): number {
  const difference = Math.abs(predicted - truth) % 12;
  return Math.min(difference, 12 - difference);
}

/**
 * Temporal IoU of `[aStart, aEnd]` and `[bStart, bEnd]` (seconds): overlap
 * length over union length. Two identical zero-length intervals have IoU 1;
 * disjoint intervals 0.
 * @returns a value in [0, 1].
 */
export function temporalIou(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  const a0 = Math.min(aStart, aEnd);
  const a1 = Math.max(aStart, aEnd);
  const b0 = Math.min(bStart, bEnd);
  const b1 = Math.max(bStart, bEnd);
  const intersection = Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
  const union = a1 - a0 + (b1 - b0) - intersection;
  if (union <= 0) return a0 === b0 ? 1 : 0;
  return intersection / union;
}
