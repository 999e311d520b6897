/**
 * Named rules under which `selectFacts` rejects a candidate. Every candidate
 * ends either as a fact or counted under exactly one of these, so
 * `candidates[task] = facts of task + Σ rejected[task][rule]`.
 */
export const REJECTION_REASONS = {
  /** The object is present at no grid frame. */
  'never-present': 'the object is present at no grid frame',
  /** Whole-presence interval: the presence has a gap, so the traveled distance over it is undefined ([definitions §2](docs/pages/definitions.md#distance-speed)). */
  'presence-has-gaps': 'the presence has a gap, so no whole-presence distance is defined',
  /** The interval (or longest gap-free presence, for comparisons) is shorter than the minimum (2 s). */
  'presence-too-short': 'the (longest gap-free) presence is shorter than the minimum',
  /** Sub-interval: the only interval long enough is the whole presence itself (already a whole-video candidate). */
  'no-proper-sub-interval': 'no interval of the minimum length other than the whole presence',
  /** Movement-direction tasks are not generated for this domain ([definitions §2](docs/pages/definitions.md#comparisons): sports). */
  'excluded-domain': 'movement-direction tasks are not generated for this domain (SPEC §2: sports)',
  /** No reference direction: no step of at least `minStepMeters` (e.g. a parked object), or the strict first step is too short. */
  'no-reference-direction': 'no reference direction (no step of at least minStepMeters)',
  /** The last step is shorter than `minStepMeters`, so it has no direction. */
  'last-step-no-direction': 'the last step has no direction (shorter than minStepMeters)',
  /** Every clock value of the track occurs in two or more runs ([definitions §2](docs/pages/definitions.md#runs), ours). */
  'no-unique-run-clock': 'no clock value occurs in exactly one run',
  /** Distance/speed comparison: the larger value is below `comparisonRatio` × the smaller ([definitions §2](docs/pages/definitions.md#comparisons), ours). */
  'margin-below-ratio': 'the larger value is below comparisonRatio × the smaller',
  /** Direction comparison: a net ground-plane displacement is shorter than `minNetDisplacementMeters`. */
  'displacement-too-short': 'a net ground-plane displacement is shorter than minNetDisplacementMeters',
  /** Direction comparison: the angle lies strictly between the same and different thresholds (30°, 90°). */
  'angle-between-thresholds': 'the angle lies between the same and different thresholds',
  /**
   * Stationary rule ([definitions §2](docs/pages/definitions.md#stationary), ours): the object stays within `stationaryRadiusMeters` (0.5 m) of its first
   * ground-plane position over every interval it could be asked about (distance/speed), over its whole presence
   * (movement-direction tasks), or both objects of a distance/speed comparison are stationary (no positive value).
   */
  stationary: 'the object is stationary (within stationaryRadiusMeters of its first position): no motion to ask about',
  /** Eligible, but the per-clip cap of the task (`maxFactsPerTask`) was reached. */
  'over-cap': 'eligible, but the per-clip cap of the task was reached',
} as const;

/** A rejection rule name. */
export type RejectionReason = keyof typeof REJECTION_REASONS;
