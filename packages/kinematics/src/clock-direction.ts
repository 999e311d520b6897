/**
 * Clock directions ([definitions §2](docs/pages/definitions.md#clocks)): the clockwise angle θ from the reference
 * direction, seen from above, as a clock value `round(θ / 30°) mod 12` with 0
 * written as 12. 12 o'clock = the reference direction, 3 o'clock = a right
 * turn, 6 = back, 9 = a left turn.
 *
 * All vectors here are ground-plane coordinates from `projectToGround`, in
 * which turning from the first axis to the second is counter-clockwise seen
 * from above.
 */

const DEGREES_PER_RADIAN = 180 / Math.PI;

/**
 * Clockwise angle, seen from above, from the reference `(refX, refY)` to
 * `(x, y)` (ground-plane coordinates), in degrees in `[0, 360)`. Neither
 * vector needs unit length; a zero vector gives 0.
 * @param refX - reference along the first ground axis `e1`.
 * @param refY - reference along `e2`.
 * @param x - the vector to measure, along `e1`.
 * @param y - the vector to measure, along `e2`.
 * @returns degrees in `[0, 360)`, clockwise seen from above.
 */
export function clockwiseAngleDegrees(refX: number, refY: number, x: number, y: number): number {
  const cross = refX * y - refY * x; // > 0: counter-clockwise from the reference
  const dot = refX * x + refY * y;
  let theta = -Math.atan2(cross, dot) * DEGREES_PER_RADIAN;
  if (theta < 0) theta += 360;
  if (theta >= 360) theta -= 360;
  return theta === 0 ? 0 : theta; // no -0
}

/**
 * Clock value of a clockwise angle in degrees: `round(θ / 30) mod 12`, 0 → 12.
 * Exact half-way angles (15°, 45°, …) round up, i.e. clockwise (`Math.round`).
 * Any finite angle is accepted (it is reduced modulo 360° first).
 * @param thetaDegrees - clockwise angle from 12 o'clock, degrees.
 * @returns an integer in 1…12.
 */
export function clockFromAngle(thetaDegrees: number): number {
  let theta = thetaDegrees % 360;
  if (theta < 0) theta += 360;
  const clock = Math.round(theta / 30) % 12;
  return clock === 0 ? 12 : clock;
}

/**
 * Clock direction of a ground-plane step relative to a ground-plane reference direction.
 * @param refX - the reference (12 o'clock) along `e1`, metres.
 * @param refY - the reference along `e2`, metres.
 * @param stepX - the step along `e1`, metres.
 * @param stepY - the step along `e2`, metres.
 * @returns 1…12.
 */
export function clockDirection(refX: number, refY: number, stepX: number, stepY: number): number {
  return clockFromAngle(clockwiseAngleDegrees(refX, refY, stepX, stepY));
}

// Sector boundaries 15°, 45°, …, 165° as (cos, sin), for `clockOfStep`.
const BOUNDARY_COS = Float64Array.from({ length: 6 }, (_, index) => Math.cos(((15 + 30 * index) * Math.PI) / 180));
const BOUNDARY_SIN = Float64Array.from({ length: 6 }, (_, index) => Math.sin(((15 + 30 * index) * Math.PI) / 180));

/**
 * Same value as {@link clockDirection} without a trigonometric call: the
 * clockwise angle's sector is found by comparing the step with the six
 * sector boundaries of its half-plane (sign of a 2D cross product each). The
 * two agree except for a step within a few ulps of a sector boundary (where
 * θ/30 is ~k + ½ and the rounding is decided by floating-point noise either
 * way). Used in the per-step loop of `stepClocks`.
 * @param refX - the reference (12 o'clock) along `e1`, metres.
 * @param refY - the reference along `e2`, metres.
 * @param stepX - the step along `e1`, metres.
 * @param stepY - the step along `e2`, metres.
 * @returns 1…12.
 */
export function clockOfStep(refX: number, refY: number, stepX: number, stepY: number): number {
  const c = refX * stepX + refY * stepY; // ∝ cos θ
  const s = refY * stepX - refX * stepY; // ∝ sin θ, θ measured clockwise
  if (s === 0) return c < 0 ? 6 : 12;
  const mirrored = s < 0; // θ in (180°, 360°): use θ' = 360° − θ in (0°, 180°)
  const sine = mirrored ? -s : s;
  // Count boundaries β below θ' (θ' ≥ β ⇔ sin(θ' − β) ≥ 0 ⇔ cos β · sine − sin β · c ≥ 0, both in [0°, 180°]).
  // Ties round clockwise like Math.round: counted on the clockwise side, not on the mirrored one.
  let index = 0;
  while (index < 6) {
    const side = BOUNDARY_COS[index]! * sine - BOUNDARY_SIN[index]! * c;
    if (mirrored ? side <= 0 : side < 0) break;
    index++;
  }
  if (index === 0) return 12;
  return mirrored ? 12 - index : index;
}
