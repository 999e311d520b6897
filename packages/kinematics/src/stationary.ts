/**
 * The stationary rule ([definitions §2](docs/pages/definitions.md#stationary), "Stationary", ours): annotated boxes of parked
 * objects jitter by centimetres, and summing that jitter over 40 frames
 * invents metres of travel. Over grid indices [s, e] an object is stationary
 * when every ground-plane position g(P_k), s ≤ k ≤ e, lies within the radius
 * (0.5 m) of g(P_s); its traveled distance and speed over [s, e] are then 0.
 *
 * This is the one place the rule lives: `selectFacts` (ground truth and
 * pseudo-labels alike) asks every distance, speed and comparison value
 * through {@link labeledDistance}.
 */
import { LENGTH_TOLERANCE_METERS } from './tolerances';
import { traveledDistance } from './traveled-distance';

/** The SPEC radius of the stationary rule, metres. */
export const DEFAULT_STATIONARY_RADIUS_METERS = 0.5;

/**
 * The first grid index k in (start, end] whose ground-plane position lies
 * farther than `radius` from that of `start`, or `-1` when none does (the
 * object is stationary over [start, end]). Absent frames are not looked at:
 * callers pass gap-free intervals.
 * @param ground - ground-plane coordinates, shape `[N, 2]` row-major.
 * @param radius - metres; a position exactly at the radius is still "within" (up to 1e-9 m).
 */
export function firstMovingIndex(
  ground: Float64Array,
  start: number,
  end: number,
  radius = DEFAULT_STATIONARY_RADIUS_METERS,
): number {
  const limit = radius + LENGTH_TOLERANCE_METERS;
  const limitSquared = limit * limit;
  const x0 = ground[2 * start]!;
  const y0 = ground[2 * start + 1]!;
  for (let k = start + 1; k <= end; k++) {
    const dx = ground[2 * k]! - x0;
    const dy = ground[2 * k + 1]! - y0;
    if (dx * dx + dy * dy > limitSquared) return k;
  }
  return -1;
}

/**
 * Whether the object is stationary over grid indices [start, end] ([definitions §2](docs/pages/definitions.md#stationary), ours).
 * @param ground - ground-plane coordinates, shape `[N, 2]` row-major.
 * @param radius - metres. @default 0.5
 */
export function isStationary(
  ground: Float64Array,
  start: number,
  end: number,
  radius = DEFAULT_STATIONARY_RADIUS_METERS,
): boolean {
  return firstMovingIndex(ground, start, end, radius) === -1;
}

/**
 * The distance label of an object over grid indices `start < end`: 0 when it
 * is stationary there, else the traveled distance ([definitions §2](docs/pages/definitions.md#stationary)). `undefined`
 * where the traveled distance is undefined (absent somewhere in [start, end]).
 * @param positions - shape `[N, 3]` row-major.
 * @param ground - shape `[N, 2]` row-major, the same frames on the ground plane.
 * @param present - length N, 1 = present.
 * @param radius - radius of the stationary rule, metres. @default 0.5
 */
export function labeledDistance(
  positions: Float64Array,
  ground: Float64Array,
  present: Uint8Array,
  start: number,
  end: number,
  radius = DEFAULT_STATIONARY_RADIUS_METERS,
): number | undefined {
  const distance = traveledDistance(positions, present, start, end);
  if (distance === undefined) return undefined;
  return isStationary(ground, start, end, radius) ? 0 : distance;
}
