/**
 * Unit conversions. STKit stores SI values (metres, m/s); answers speak in
 * the units of [definitions §2](docs/pages/definitions.md#units) and benchmark extraction reads more.
 * 1 mile = 1609.344 m, 1 foot = 0.3048 m (exact international definitions).
 */

/** Metres in one unit of length. */
export const METERS_PER = Object.freeze({
  m: 1,
  cm: 0.01,
  km: 1000,
  mi: 1609.344,
  ft: 0.3048,
  yd: 0.9144,
  in: 0.0254,
} as const);

/** A length unit id. */
export type LengthUnit = keyof typeof METERS_PER;

/** Metres per second in one unit of speed. */
export const METERS_PER_SECOND_PER = Object.freeze({
  'm/s': 1,
  'km/h': 1000 / 3600,
  mph: 1609.344 / 3600,
  'ft/s': 0.3048,
} as const);

/** A speed unit id. */
export type SpeedUnit = keyof typeof METERS_PER_SECOND_PER;

/**
 * Converts a length in metres to `unit`.
 * @param meters - the length, metres.
 * @returns the length in `unit`.
 */
export function metersTo(meters: number, unit: LengthUnit): number {
  return meters / METERS_PER[unit];
}

/**
 * Converts a length in `unit` to metres.
 * @param value - the length, in `unit`.
 * @returns metres.
 */
export function toMeters(value: number, unit: LengthUnit): number {
  return value * METERS_PER[unit];
}

/**
 * Converts a speed in m/s to `unit`.
 * @param metersPerSecond - the speed, m/s.
 * @returns the speed in `unit`.
 */
export function metersPerSecondTo(metersPerSecond: number, unit: SpeedUnit): number {
  return metersPerSecond / METERS_PER_SECOND_PER[unit];
}

/**
 * Converts a speed in `unit` to m/s.
 * @param value - the speed, in `unit`.
 * @returns m/s.
 */
export function toMetersPerSecond(value: number, unit: SpeedUnit): number {
  return value * METERS_PER_SECOND_PER[unit];
}

/**
 * Adds seconds to a decimal timestamp string exactly, in the timestamp's own
 * unit scale: `addToTimestamp("1553562431150000000", 0.5, 1e9)` →
 * `"1553562431650000000"`. Uses BigInt, so nanosecond timestamps stay exact.
 * @param unitsPerSecond - the timestamp's scale: 1e9 for nanoseconds, 1e6 for microseconds.
 * @returns the shifted timestamp, a decimal string.
 */
export function offsetTimestamp(timestamp: string, seconds: number, unitsPerSecond: number): string {
  const delta = BigInt(Math.round(seconds * unitsPerSecond));
  return (BigInt(timestamp) + delta).toString();
}

/**
 * The clip frame grid: frame k of a clip is at t = k · GRID_STEP_SECONDS clip seconds (0.5 s, 2 fps),
 * the grid every label is computed on (docs: definitions, "grid").
 */
export const GRID_STEP_SECONDS = 0.5;

/** Frames of the longest clip: 40 grid frames, 20 s. */
export const MAX_CLIP_FRAMES = 40;
