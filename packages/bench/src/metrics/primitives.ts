/**
 * The per-sample measures of SPEC §6: the ±25 % accuracy band of distance and
 * speed, the circular clock error, and the temporal IoU of two intervals.
 */

/**
 * Relative slack on the band edges, so that values printed with two decimals
 * and converted between units (0.003 km → 3.0000000000000004 m) are not
 * pushed out of a band they sit on.
 */
export const BAND_EPSILON = 1e-9;

/** True iff `0.75·truth ≤ predicted ≤ 1.25·truth` (SPEC §6), with {@link BAND_EPSILON} relative slack. */
export function isWithinBand(predicted: number, truth: number): boolean {
  const slack = BAND_EPSILON * Math.max(Math.abs(truth), Number.MIN_VALUE);
  return predicted >= 0.75 * truth - slack && predicted <= 1.25 * truth + slack;
}

/** Circular distance between two clock values 1–12: `min(|a − b|, 12 − |a − b|)`, in 0–6. */
export function clockError(predicted: number, truth: number): number {
  const difference = Math.abs(predicted - truth) % 12;
  return Math.min(difference, 12 - difference);
}

/**
 * Temporal IoU of `[aStart, aEnd]` and `[bStart, bEnd]` (seconds): overlap
 * length over union length. Two identical zero-length intervals have IoU 1;
 * disjoint intervals 0.
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
