/**
 * Timestamp arithmetic on integer source clocks (nanoseconds, microseconds)
 * with BigInt: a nanosecond epoch timestamp (~1.6e18) does not fit a double,
 * so absolute times stay BigInt and only differences within a log (seconds,
 * well inside 2^53 ns) become numbers.
 */

/** Units per second of the integer clocks the readers meet. */
export const NANOSECONDS = 1_000_000_000n;
/** Units per second of a microsecond clock (Aria `tracking_timestamp_us`). */
export const MICROSECONDS = 1_000_000n;

/** Parses a base-10 integer timestamp, or `undefined` when `text` is not one. */
export function parseIntegerTimestamp(text: string): bigint | undefined {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? BigInt(trimmed) : undefined;
}

/** Seconds from `origin` to `timestamp`, both in units of `1 / unitsPerSecond` s. */
export function secondsSince(origin: bigint, timestamp: bigint, unitsPerSecond: bigint): number {
  return Number(timestamp - origin) / Number(unitsPerSecond);
}

/** The integer timestamp `seconds` after `origin`, rounded to the clock's unit, as a decimal string. */
export function timestampAfter(origin: bigint, seconds: number, unitsPerSecond: bigint): string {
  return (origin + BigInt(Math.round(seconds * Number(unitsPerSecond)))).toString();
}
