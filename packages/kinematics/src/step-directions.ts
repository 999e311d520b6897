/**
 * The reference direction and the clock direction of every step ([definitions §2](docs/pages/definitions.md#clocks)).
 *
 * Step k goes from grid frame k to k+1 and exists only when the object is
 * present at both. A step shorter than `minStepMeters` on the ground plane
 * has no direction ([definitions §2](docs/pages/definitions.md#grounding), ours).
 */
import { clockOfStep } from './clock-direction';
import { LENGTH_TOLERANCE_METERS } from './tolerances';

/**
 * Which step defines 12 o'clock.
 * - `'first-moving-step'` (default, ours): the first step, in time order, that
 *   has a direction (both frames present, ground-plane length ≥ `minStepMeters`).
 *   For an object that moves from its first two frames on, this is exactly
 *   the SPEC's `P_{s+1} − P_s`; an object that waits before moving (at a
 *   light, parked then leaving) gets the direction it first moves in.
 * - `'first-step'`: strictly `P_{s+1} − P_s` for the first frame s of presence;
 *   when frame s+1 is absent or that step is shorter than `minStepMeters`, the
 *   object has no reference and no direction questions.
 */
export type ReferenceDirectionRule = 'first-moving-step' | 'first-step';

/** The reference direction of a track. */
export interface ReferenceDirection {
  /** Index k of the step `P_{k+1} − P_k` that defines 12 o'clock. */
  readonly step: number;
  /** Ground-plane component of that step along `e1`, metres. */
  readonly x: number;
  /** Ground-plane component of that step along `e2`, metres. */
  readonly y: number;
}

/**
 * Finds the reference direction (12 o'clock) of a track.
 * @param ground - ground-plane coordinates, shape `[N, 2]` row-major.
 * @param present - length N.
 * @param minStepMeters - minimum ground-plane step length for a direction. @default 0.3
 * @returns `undefined` when the track has no reference under `rule`.
 */
export function referenceDirection(
  ground: Float64Array,
  present: Uint8Array,
  minStepMeters = 0.3,
  rule: ReferenceDirectionRule = 'first-moving-step',
): ReferenceDirection | undefined {
  const frameCount = present.length;
  const minLength = minStepMeters - LENGTH_TOLERANCE_METERS;
  let first = 0;
  while (first < frameCount && present[first] !== 1) first++;
  const lastStep = rule === 'first-step' ? Math.min(first, frameCount - 2) : frameCount - 2;
  for (let k = first; k <= lastStep; k++) {
    if (present[k] !== 1 || present[k + 1] !== 1) continue;
    const x = ground[2 * k + 2]! - ground[2 * k]!;
    const y = ground[2 * k + 3]! - ground[2 * k + 1]!;
    if (Math.sqrt(x * x + y * y) >= minLength) return { step: k, x, y };
  }
  return undefined;
}

/**
 * Clock direction of every step: `out[k]` ∈ 1…12 for step k (frame k → k+1),
 * or 0 when the step has no direction (a frame absent, ground-plane length
 * below `minStepMeters`, or no reference).
 * @param out - optional `Uint8Array` of length `max(N − 1, 0)`.
 */
export function stepClocks(
  ground: Float64Array,
  present: Uint8Array,
  reference: ReferenceDirection | undefined,
  minStepMeters = 0.3,
  out?: Uint8Array,
): Uint8Array {
  const stepCount = Math.max(present.length - 1, 0);
  const result = out ?? new Uint8Array(stepCount);
  result.fill(0);
  if (reference === undefined) return result;
  const minLength = minStepMeters - LENGTH_TOLERANCE_METERS;
  for (let k = 0; k < stepCount; k++) {
    if (present[k] !== 1 || present[k + 1] !== 1) continue;
    const x = ground[2 * k + 2]! - ground[2 * k]!;
    const y = ground[2 * k + 3]! - ground[2 * k + 1]!;
    if (Math.sqrt(x * x + y * y) < minLength) continue;
    result[k] = clockOfStep(reference.x, reference.y, x, y);
  }
  return result;
}

/**
 * Movement direction at the end of the video ([definitions §2](docs/pages/definitions.md#clocks)): the clock of the
 * track's last step (the last k with frames k and k+1 present).
 * @returns 1…12, or `undefined` when the track has no step or its last step has no direction.
 */
export function lastStepClock(present: Uint8Array, clocks: Uint8Array): number | undefined {
  for (let k = present.length - 2; k >= 0; k--) {
    if (present[k] === 1 && present[k + 1] === 1) return clocks[k]! === 0 ? undefined : clocks[k]!;
  }
  return undefined;
}
