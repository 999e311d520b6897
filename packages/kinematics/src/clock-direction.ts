/**
 * Clock directions (SPEC §2): the clockwise angle θ from the reference
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
 * @returns 1…12.
 */
export function clockDirection(refX: number, refY: number, stepX: number, stepY: number): number {
  return clockFromAngle(clockwiseAngleDegrees(refX, refY, stepX, stepY));
}
