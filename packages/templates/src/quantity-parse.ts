/**
 * Reading distances and speeds back from text: the answer units of
 * {@link DISTANCE_UNITS} / {@link SPEED_UNITS} and common variants
 * (singular, British spelling, abbreviations). Used by tests and by the
 * benchmark's deterministic answer extraction; not on the generation path.
 */
import { METERS_PER, METERS_PER_SECOND_PER } from '@stkit/core';
import type { DistanceUnitName, SpeedUnitName } from './quantity-format';

/** What a quantity measures. */
export type QuantityKind = 'distance' | 'speed';

/** A quantity found in text. */
export interface QuantityMatch {
  /** The number as read (thousands separators removed). */
  readonly value: number;
  /** Canonical unit: a distance or speed unit name of the answers (`meter` → `meters`, `kph` → `km/h`). */
  readonly unit: DistanceUnitName | SpeedUnitName;
  /** SI value: metres or m/s. */
  readonly si: number;
  /** Offset of the match in the text. */
  readonly index: number;
  /** The matched text, e.g. `"17.04 meters"`. */
  readonly text: string;
}

const DISTANCE_ALIASES: Readonly<Record<string, DistanceUnitName>> = {
  m: 'm',
  meter: 'meters',
  meters: 'meters',
  metre: 'meters',
  metres: 'meters',
  km: 'km',
  kilometer: 'kilometers',
  kilometers: 'kilometers',
  kilometre: 'kilometers',
  kilometres: 'kilometers',
  mi: 'miles',
  mile: 'miles',
  miles: 'miles',
  ft: 'feet',
  foot: 'feet',
  feet: 'feet',
};
const DISTANCE_SI: Readonly<Record<DistanceUnitName, number>> = {
  m: METERS_PER.m,
  meters: METERS_PER.m,
  km: METERS_PER.km,
  kilometers: METERS_PER.km,
  miles: METERS_PER.mi,
  feet: METERS_PER.ft,
};

const SPEED_ALIASES: Readonly<Record<string, SpeedUnitName>> = {
  'm/s': 'm/s',
  mps: 'm/s',
  'm/sec': 'm/s',
  'meter per second': 'meters per second',
  'meters per second': 'meters per second',
  'metre per second': 'meters per second',
  'metres per second': 'meters per second',
  'km/h': 'km/h',
  'km/hr': 'km/h',
  kph: 'km/h',
  kmh: 'km/h',
  kmph: 'km/h',
  'kilometer per hour': 'kilometers per hour',
  'kilometers per hour': 'kilometers per hour',
  'kilometre per hour': 'kilometers per hour',
  'kilometres per hour': 'kilometers per hour',
  mph: 'mph',
  'mi/h': 'mph',
  'mile per hour': 'miles per hour',
  'miles per hour': 'miles per hour',
};
const SPEED_SI: Readonly<Record<SpeedUnitName, number>> = {
  'm/s': METERS_PER_SECOND_PER['m/s'],
  'meters per second': METERS_PER_SECOND_PER['m/s'],
  'km/h': METERS_PER_SECOND_PER['km/h'],
  'kilometers per hour': METERS_PER_SECOND_PER['km/h'],
  mph: METERS_PER_SECOND_PER.mph,
  'miles per hour': METERS_PER_SECOND_PER.mph,
};

const NUMBER = String.raw`(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|-?\.\d+)`;

function pattern(aliases: Readonly<Record<string, string>>, notFollowedBy: string): RegExp {
  const alternatives = Object.keys(aliases)
    .sort((a, b) => b.length - a.length)
    .map((alias) => alias.replace(/[/.]/g, (c) => `\\${c}`).replace(/ /g, String.raw`\s+`));
  return new RegExp(String.raw`${NUMBER}\s*(${alternatives.join('|')})(?![A-Za-z])${notFollowedBy}`, 'gi');
}

// A distance unit must not be the start of a speed ("5 m/s", "5 meters per second").
const DISTANCE_PATTERN = pattern(DISTANCE_ALIASES, String.raw`(?!\s*\/)(?!\s+per\s)`);
const SPEED_PATTERN = pattern(SPEED_ALIASES, '');

/**
 * Every distance or speed in `text`, in order: `findQuantities('2.5 km then
 * 300 feet', 'distance')` → 2500 m and 91.44 m. Numbers may carry thousands
 * separators (`1,609.34 meters`).
 */
export function findQuantities(text: string, kind: QuantityKind): QuantityMatch[] {
  const regex = new RegExp(kind === 'distance' ? DISTANCE_PATTERN : SPEED_PATTERN);
  const aliases: Readonly<Record<string, string>> = kind === 'distance' ? DISTANCE_ALIASES : SPEED_ALIASES;
  const factors: Readonly<Record<string, number>> = kind === 'distance' ? DISTANCE_SI : SPEED_SI;
  const out: QuantityMatch[] = [];
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    const value = Number(match[1]!.replace(/,/g, ''));
    const unit = aliases[match[2]!.toLowerCase().replace(/\s+/g, ' ')] as DistanceUnitName | SpeedUnitName;
    out.push({ value, unit, si: value * factors[unit]!, index: match.index, text: match[0] });
  }
  return out;
}

/** The first distance or speed in `text`, or `undefined` when there is none. */
export function parseQuantity(text: string, kind: QuantityKind): QuantityMatch | undefined {
  return findQuantities(text, kind)[0];
}
