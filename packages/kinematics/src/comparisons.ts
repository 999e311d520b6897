/**
 * Comparison rules ([definitions §2](docs/pages/definitions.md#comparisons), "Comparisons", ours): the margin of distance and
 * speed comparisons, and the angle rule of direction comparisons.
 */
import { ANGLE_TOLERANCE_DEGREES, RATIO_TOLERANCE } from './tolerances';

const DEGREES_PER_RADIAN = 180 / Math.PI;

/**
 * Which of two non-negative values is clearly larger: `'a'` when
 * `a ≥ ratio × b`, `'b'` when `b ≥ ratio × a`, `undefined` when neither (or
 * both are 0). The test is inclusive (up to a relative 1e-9 for rounding).
 * @param ratio - @default 1.25
 */
export function compareValues(a: number, b: number, ratio = 1.25): 'a' | 'b' | undefined {
  const larger = Math.max(a, b);
  const smaller = Math.min(a, b);
  if (!(larger > 0)) return undefined;
  if (larger < ratio * smaller * (1 - RATIO_TOLERANCE)) return undefined;
  return a >= b ? 'a' : 'b';
}

/**
 * Unsigned angle between two ground-plane vectors `(ax, ay)` and `(bx, by)`.
 * @param ax - first vector along `e1`.
 * @param ay - first vector along `e2`.
 * @param bx - second vector along `e1`.
 * @param by - second vector along `e2`.
 * @returns degrees in `[0, 180]`.
 */
export function angleBetweenDegrees(ax: number, ay: number, bx: number, by: number): number {
  return Math.atan2(Math.abs(ax * by - ay * bx), ax * bx + ay * by) * DEGREES_PER_RADIAN;
}

/** Options of {@link compareDirections}. */
export interface DirectionComparisonRule {
  /** "Same direction" when the angle is at most this, degrees. @default 30 */
  sameDirectionMaxDegrees?: number;
  /** "Different direction" when the angle is at least this, degrees. @default 90 */
  differentDirectionMinDegrees?: number;
}

/**
 * Classifies two net ground-plane displacements: `'same'` when they differ by
 * ≤ 30°, `'different'` when by ≥ 90°, `'ambiguous'` in between (not asked).
 * Edges are inclusive (up to 1e-9°).
 * @param ax - first displacement along `e1`, metres.
 * @param ay - first displacement along `e2`, metres.
 * @param bx - second displacement along `e1`, metres.
 * @param by - second displacement along `e2`, metres.
 * @param rule - the angle thresholds.
 * @returns `'same'`, `'different'` or `'ambiguous'`.
 */
export function compareDirections(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  rule: DirectionComparisonRule = {},
): 'same' | 'different' | 'ambiguous' {
  const angle = angleBetweenDegrees(ax, ay, bx, by);
  if (angle <= (rule.sameDirectionMaxDegrees ?? 30) + ANGLE_TOLERANCE_DEGREES) return 'same';
  if (angle >= (rule.differentDirectionMinDegrees ?? 90) - ANGLE_TOLERANCE_DEGREES) return 'different';
  return 'ambiguous';
}
