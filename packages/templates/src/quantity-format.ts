/**
 * Numbers in answers ([definitions §2](docs/pages/definitions.md#units)): two decimals and a unit chosen at random
 * among those in which the value has at least two significant digits, i.e.
 * reads at least `0.10` after rounding — never "0.00 miles", never
 * "0.04 km". 1 mile = 1609.344 m, 1 foot = 0.3048 m (core's `METERS_PER`).
 */
import {
  InvalidArgumentError,
  METERS_PER,
  METERS_PER_SECOND_PER,
  type LengthUnit,
  type Random,
  type SpeedUnit,
} from '@stkit/core';

/** A unit as written in answers, with its SI factor. */
export interface UnitSpec<Name extends string, Id extends string> {
  /** The unit as written, e.g. `meters per second`. */
  readonly name: Name;
  /** core's unit id (`m`, `km`, `mi`, `ft`; `m/s`, `km/h`, `mph`). */
  readonly unit: Id;
  /** SI value (metres or m/s) of one unit. */
  readonly siPer: number;
}

/** The distance units of answers, as written. */
export type DistanceUnitName = 'm' | 'meters' | 'km' | 'kilometers' | 'miles' | 'feet';
/** The speed units of answers, as written. */
export type SpeedUnitName = 'm/s' | 'meters per second' | 'km/h' | 'kilometers per hour' | 'mph' | 'miles per hour';

function distance(name: DistanceUnitName, unit: LengthUnit): UnitSpec<DistanceUnitName, LengthUnit> {
  return Object.freeze({ name, unit, siPer: METERS_PER[unit] });
}
function speed(name: SpeedUnitName, unit: SpeedUnit): UnitSpec<SpeedUnitName, SpeedUnit> {
  return Object.freeze({ name, unit, siPer: METERS_PER_SECOND_PER[unit] });
}

/** Distance units of [definitions §2](docs/pages/definitions.md#units): m, meters, km, kilometers, miles, feet. */
export const DISTANCE_UNITS: readonly UnitSpec<DistanceUnitName, LengthUnit>[] = Object.freeze([
  distance('m', 'm'),
  distance('meters', 'm'),
  distance('km', 'km'),
  distance('kilometers', 'km'),
  distance('miles', 'mi'),
  distance('feet', 'ft'),
]);

/** Speed units of [definitions §2](docs/pages/definitions.md#units): m/s, meters per second, km/h, kilometers per hour, mph, miles per hour. */
export const SPEED_UNITS: readonly UnitSpec<SpeedUnitName, SpeedUnit>[] = Object.freeze([
  speed('m/s', 'm/s'),
  speed('meters per second', 'm/s'),
  speed('km/h', 'km/h'),
  speed('kilometers per hour', 'km/h'),
  speed('mph', 'mph'),
  speed('miles per hour', 'mph'),
]);

/** A value written in a unit. */
export interface FormattedQuantity<Name extends string = string> {
  /** `"<value> <unit>"`, e.g. `"17.04 meters"`. */
  readonly text: string;
  /** The two-decimal number as written, e.g. `"17.04"`. */
  readonly valueText: string;
  /** The unit as written. */
  readonly unit: Name;
  /** The SI value of what is written (metres or m/s): `Number(valueText) · siPer`. */
  readonly si: number;
}

/** Options of {@link formatDistance} and {@link formatSpeed}. */
export interface FormatQuantityOptions<Name extends string> {
  /** Restrict the candidate units (names as written). @default all six units of the kind */
  units?: readonly Name[];
}

/**
 * True when `value` written with two decimals has at least two significant
 * digits, i.e. rounds to at least 0.10 (`0.10` yes, `0.09` and `0.00` no).
 */
export function hasTwoSignificantDigits(value: number): boolean {
  const magnitude = Math.abs(value);
  if (magnitude >= 0.1) return true;
  if (magnitude < 0.09) return false;
  return Number(magnitude.toFixed(2)) >= 0.1;
}

/**
 * Writes `value` with two decimals (`toFixed(2)`; `-0` as `0.00`).
 * @returns e.g. `"3.50"`.
 */
export function formatFixed2(value: number): string {
  return value === 0 ? '0.00' : value.toFixed(2);
}

/**
 * The units (as written) in which `si` (metres or m/s) reads with at least
 * two significant digits.
 */
export function allowedUnits<Name extends string, Id extends string>(
  si: number,
  units: readonly UnitSpec<Name, Id>[],
): Name[] {
  const out: Name[] = [];
  for (let index = 0; index < units.length; index++)
    if (hasTwoSignificantDigits(si / units[index]!.siPer)) out.push(units[index]!.name);
  return out;
}

function formatWith<Name extends string, Id extends string>(
  argument: string,
  si: number,
  random: Random,
  all: readonly UnitSpec<Name, Id>[],
  options: FormatQuantityOptions<Name> | undefined,
): FormattedQuantity<Name> {
  if (!Number.isFinite(si) || si < 0)
    throw new InvalidArgumentError({ argument, value: si, message: 'must be a finite non-negative number' });
  let units = all;
  if (options?.units !== undefined) {
    const wanted = options.units;
    units = all.filter((spec) => wanted.includes(spec.name));
    if (units.length !== wanted.length || units.length === 0) {
      throw new InvalidArgumentError({
        argument: 'options.units',
        value: wanted,
        message: `must be a non-empty list of ${all.map((spec) => spec.name).join(', ')}`,
      });
    }
  }
  // Count the allowed units, then pick the k-th: one random draw, no array.
  let allowed = 0;
  for (let index = 0; index < units.length; index++) if (hasTwoSignificantDigits(si / units[index]!.siPer)) allowed++;
  let chosen: UnitSpec<Name, Id> | undefined;
  if (allowed === 0) {
    // Below 0.1 of the smallest unit: no unit has two significant digits;
    // speak the SI unit (or the first candidate) with two decimals.
    chosen = units.find((spec) => spec.siPer === 1) ?? units[0]!;
  } else {
    let k = random.int(allowed);
    for (let index = 0; index < units.length; index++) {
      if (!hasTwoSignificantDigits(si / units[index]!.siPer)) continue;
      if (k-- === 0) {
        chosen = units[index]!;
        break;
      }
    }
  }
  const valueText = formatFixed2(si / chosen!.siPer);
  return { text: `${valueText} ${chosen!.name}`, valueText, unit: chosen!.name, si: Number(valueText) * chosen!.siPer };
}

/**
 * Writes a distance (metres) in a random allowed unit, e.g. `"2.23 m"`,
 * `"0.07 miles"`. Consumes one `random.int` draw (none when no unit is
 * allowed, see README). Throws {@link InvalidArgumentError} for a negative or
 * non-finite value.
 * @param meters - the distance, metres (≥ 0).
 */
export function formatDistance(
  meters: number,
  random: Random,
  options?: FormatQuantityOptions<DistanceUnitName>,
): FormattedQuantity<DistanceUnitName> {
  return formatWith('meters', meters, random, DISTANCE_UNITS, options);
}

/**
 * Writes a speed (m/s) in a random allowed unit, e.g. `"14.00 meters per second"`. Same rules as {@link formatDistance}.
 * @param metersPerSecond - the speed, m/s (≥ 0).
 */
export function formatSpeed(
  metersPerSecond: number,
  random: Random,
  options?: FormatQuantityOptions<SpeedUnitName>,
): FormattedQuantity<SpeedUnitName> {
  return formatWith('metersPerSecond', metersPerSecond, random, SPEED_UNITS, options);
}

/**
 * Writes clip seconds as in questions: two decimals, `3.5` → `"3.50"`.
 * @throws {@link InvalidArgumentError} when `seconds` is not finite.
 */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds))
    throw new InvalidArgumentError({ argument: 'seconds', value: seconds, message: 'must be finite' });
  return formatFixed2(seconds);
}

/**
 * Writes a clock direction: an integer 1–12. Throws {@link InvalidArgumentError} otherwise.
 * @returns the clock as text, e.g. `"3"`.
 */
export function formatClock(clock: number): string {
  if (!Number.isInteger(clock) || clock < 1 || clock > 12)
    throw new InvalidArgumentError({ argument: 'clock', value: clock, message: 'must be an integer 1-12' });
  return String(clock);
}
