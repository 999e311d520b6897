/**
 * Numerical tolerances used at the SPEC's inclusive edges, so that a value
 * built to lie exactly on an edge (a 0.3 m step, a 30° angle, a 1.25 ratio)
 * is not flipped by the last bit of floating-point rounding. They are far
 * below any measurement precision of the sources (millimetres, milliseconds).
 */

/** Default tolerance for time equality, seconds (1 µs): an annotation within it of a grid time is "at" that time. */
export const DEFAULT_TIME_EPSILON_SECONDS = 1e-6;

/** Absolute tolerance on lengths compared with a metre threshold (1 nm). */
export const LENGTH_TOLERANCE_METERS = 1e-9;

/** Absolute tolerance on angles compared with a degree threshold. */
export const ANGLE_TOLERANCE_DEGREES = 1e-9;

/** Relative tolerance on the comparison-ratio test `larger ≥ ratio × smaller`. */
export const RATIO_TOLERANCE = 1e-9;
