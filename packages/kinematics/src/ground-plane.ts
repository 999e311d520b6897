/**
 * The ground plane (normal = the clip's up vector) and 2D coordinates on it
 * ([definitions §2](docs/pages/definitions.md#clocks), "Reference direction": directions are "projected onto the ground
 * plane (normal = up), seen from above").
 *
 * The basis `(e1, e2)` is right-handed about up: `e1 × e2 = up`. Seen from
 * above (looking down along −up), turning from `e1` towards `e2` is
 * counter-clockwise, exactly like x → y seen from above with z up. So with
 * up = +z the ground coordinates are simply (x, y).
 */
import type { Vec3 } from '@stkit/core';
import { InvalidArgumentError } from '@stkit/core';

/**
 * An orthonormal basis of the ground plane: `[e1x, e1y, e1z, e2x, e2y, e2z]`
 * with `e1 × e2 = up / ‖up‖`. `e1` is the world axis least aligned with up
 * (ties → x before y before z), made orthogonal to up; for up = +z it is
 * `[1,0,0, 0,1,0]`.
 * @throws InvalidArgumentError when `up` is zero or not finite.
 */
export function groundPlaneBasis(up: Vec3 | Float64Array): Float64Array {
  const norm = Math.hypot(up[0]!, up[1]!, up[2]!);
  if (!(norm > 1e-12) || !Number.isFinite(norm)) {
    throw new InvalidArgumentError({
      argument: 'up',
      value: Array.from(up as ArrayLike<number>),
      message: 'must be a finite non-zero vector',
    });
  }
  const ux = up[0]! / norm;
  const uy = up[1]! / norm;
  const uz = up[2]! / norm;
  const ax = Math.abs(ux);
  const ay = Math.abs(uy);
  const az = Math.abs(uz);
  // Seed axis: the one least aligned with up.
  let sx = 0;
  let sy = 0;
  let sz = 0;
  if (ax <= ay && ax <= az) sx = 1;
  else if (ay <= az) sy = 1;
  else sz = 1;
  const dot = sx * ux + sy * uy + sz * uz;
  let e1x = sx - dot * ux;
  let e1y = sy - dot * uy;
  let e1z = sz - dot * uz;
  const n1 = Math.hypot(e1x, e1y, e1z);
  e1x /= n1;
  e1y /= n1;
  e1z /= n1;
  // e2 = up × e1, so that e1 × e2 = up.
  const e2x = uy * e1z - uz * e1y;
  const e2y = uz * e1x - ux * e1z;
  const e2z = ux * e1y - uy * e1x;
  return Float64Array.of(e1x, e1y, e1z, e2x, e2y, e2z);
}

/**
 * Ground-plane coordinates of grid positions: `out[2k] = P_k · e1`,
 * `out[2k+1] = P_k · e2` (the component along up is dropped). Frames that are
 * absent get 0 (check `present`).
 * @param positions - shape `[N, 3]` row-major.
 * @param basis - from {@link groundPlaneBasis}.
 * @param out - optional `Float64Array` of length `2N`.
 * @returns `out`, shape `[N, 2]` row-major.
 */
export function projectToGround(positions: Float64Array, basis: Float64Array, out?: Float64Array): Float64Array {
  const frameCount = positions.length / 3;
  const result = out ?? new Float64Array(frameCount * 2);
  const e1x = basis[0]!;
  const e1y = basis[1]!;
  const e1z = basis[2]!;
  const e2x = basis[3]!;
  const e2y = basis[4]!;
  const e2z = basis[5]!;
  for (let k = 0; k < frameCount; k++) {
    const x = positions[3 * k]!;
    const y = positions[3 * k + 1]!;
    const z = positions[3 * k + 2]!;
    result[2 * k] = x * e1x + y * e1y + z * e1z;
    result[2 * k + 1] = x * e2x + y * e2y + z * e2z;
  }
  return result;
}
