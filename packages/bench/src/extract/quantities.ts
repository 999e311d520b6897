/**
 * Scans normalised text for numbers and the unit that follows each one.
 * Every number becomes a {@link Quantity} whose `kind` says what it measures;
 * extractors then choose among quantities of the kind their task needs.
 */
import { METERS_PER, METERS_PER_SECOND_PER, type LengthUnit, type SpeedUnit } from '@stkit/core';

/** What a number in a response measures. */
export type QuantityKind = 'length' | 'speed' | 'time' | 'clock' | 'rate' | 'unitless' | 'other';

/** A number found in normalised text. */
export interface Quantity {
  /** The number as written (ranges are resolved by the extractors). */
  readonly value: number;
  readonly kind: QuantityKind;
  /** The value in SI: metres for `length`, m/s for `speed`, seconds for `time`; else `value`. */
  readonly si: number;
  /** Offset of the number's first character. */
  readonly start: number;
  /** Offset just past the number and its unit. */
  readonly end: number;
}

const SMALL_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
] as const;
const TENS_WORDS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const;
const WORD_NUMBER = `(?:(?:${TENS_WORDS.join('|')})(?:[- ](?:${SMALL_WORDS.slice(1, 10).join('|')}))?|${SMALL_WORDS.slice().reverse().join('|')})`;

/** Value of a spelled-out number from zero to ninety-nine, or undefined. */
export function wordToNumber(word: string): number | undefined {
  const parts = word.split(/[- ]/);
  const small = SMALL_WORDS.indexOf(parts[0] as (typeof SMALL_WORDS)[number]);
  if (parts.length === 1 && small >= 0) return small;
  const tens = TENS_WORDS.indexOf(parts[0] as (typeof TENS_WORDS)[number]);
  if (tens < 0) return undefined;
  const units = parts.length > 1 ? SMALL_WORDS.indexOf(parts[1] as (typeof SMALL_WORDS)[number]) : 0;
  return (tens + 2) * 10 + Math.max(units, 0);
}

interface UnitRule {
  readonly pattern: RegExp;
  readonly kind: QuantityKind;
  /** Multiplier to SI. */
  readonly factor: number;
}

const END = String.raw`(?![a-z/])`;
// "per" / "/" / "a" / "an": the article only as a word ("10 meters a second", not the "a" of "20 meters as it turns").
const PER = String.raw`(?:\s*(?:per|/)\s*|\s+an?\s+)`;
const meters = String.raw`(?:meters?|metres?)`;
const kilometers = String.raw`(?:kilometers?|kilometres?)`;
const speed = (unit: SpeedUnit) => METERS_PER_SECOND_PER[unit];
const length = (unit: LengthUnit) => METERS_PER[unit];

// Longest and most specific first: speeds before lengths ("m/s" before "m"), "min" before "mi".
const UNIT_RULES: readonly UnitRule[] = [
  { pattern: new RegExp(String.raw`${meters}${PER}(?:seconds?|secs?|s)${END}`, 'y'), kind: 'speed', factor: 1 },
  {
    pattern: new RegExp(
      String.raw`m\s*/\s*(?:s|sec)${END}|m\s*s\^?-1${END}|mps${END}|m${PER}(?:seconds?|secs?)${END}`,
      'y',
    ),
    kind: 'speed',
    factor: 1,
  },
  {
    pattern: new RegExp(String.raw`${kilometers}${PER}(?:hours?|hr|h)${END}`, 'y'),
    kind: 'speed',
    factor: speed('km/h'),
  },
  {
    pattern: new RegExp(
      String.raw`km\s*/\s*(?:h|hr|hour)${END}|kph${END}|kmph${END}|kmh${END}|km${PER}(?:hours?|hr)${END}`,
      'y',
    ),
    kind: 'speed',
    factor: speed('km/h'),
  },
  {
    pattern: new RegExp(String.raw`miles?${PER}(?:hours?|hr|h)${END}|mph${END}|mi\s*/\s*hr?${END}`, 'y'),
    kind: 'speed',
    factor: speed('mph'),
  },
  {
    pattern: new RegExp(String.raw`(?:feet|foot|ft)${PER}(?:seconds?|secs?|s)${END}|ft\s*/\s*s${END}`, 'y'),
    kind: 'speed',
    factor: speed('ft/s'),
  },
  { pattern: new RegExp(String.raw`(?:${kilometers}|km)${END}`, 'y'), kind: 'length', factor: length('km') },
  {
    pattern: new RegExp(String.raw`(?:centimeters?|centimetres?|cm)${END}`, 'y'),
    kind: 'length',
    factor: length('cm'),
  },
  { pattern: new RegExp(String.raw`(?:millimeters?|millimetres?|mm)${END}`, 'y'), kind: 'length', factor: 0.001 },
  { pattern: new RegExp(String.raw`(?:${meters}|m)${END}`, 'y'), kind: 'length', factor: 1 },
  { pattern: new RegExp(String.raw`(?:minutes?|mins?)${END}`, 'y'), kind: 'time', factor: 60 },
  { pattern: new RegExp(String.raw`(?:miles?|mi)${END}`, 'y'), kind: 'length', factor: length('mi') },
  { pattern: new RegExp(String.raw`(?:feet|foot|ft)${END}`, 'y'), kind: 'length', factor: length('ft') },
  { pattern: new RegExp(String.raw`(?:yards?|yds?)${END}`, 'y'), kind: 'length', factor: length('yd') },
  {
    pattern: new RegExp(String.raw`(?:inch(?:es)?${END}|in(?=\s*(?:[.,;:)!?]|$)))`, 'y'),
    kind: 'length',
    factor: length('in'),
  },
  { pattern: new RegExp(String.raw`(?:milliseconds?|ms)${END}`, 'y'), kind: 'time', factor: 0.001 },
  { pattern: /(?:seconds?|secs?|s)(?![a-z])/y, kind: 'time', factor: 1 },
  {
    pattern: /(?::00)?\s*-?\s*(?:o'\s?clock|o\s?clock|oclock)|:00\s*(?:direction|position|heading)/y,
    kind: 'clock',
    factor: 1,
  },
  {
    pattern:
      /\s*(?:%|percent|frames?\b|fps\b|objects?\b|times\b|x\b|degrees?\b|°|deg\b|th\b|st\b|nd\b|rd\b|hz\b|px\b|pixels?\b|d\b)/y,
    kind: 'other',
    factor: 1,
  },
];

// A unit followed by "per second/frame/…" is a rate, not the quantity itself ("2 m per frame").
const RATE_AFTER =
  /\s*(?:per|\/|each|every|a|an)\s+(?:seconds?|secs?|s|frames?|hours?|minutes?|step|timestep|half[- ]second)\b/y;
const NUMBER = new RegExp(String.raw`(\d+(?:\.\d+)?|\.\d+|\b${WORD_NUMBER}\b)`, 'g');

function matchAt(pattern: RegExp, text: string, index: number): RegExpExecArray | null {
  pattern.lastIndex = index;
  return pattern.exec(text);
}

/** All numbers of `text` (already normalised) with their units, in order of appearance. */
export function scanQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  NUMBER.lastIndex = 0;
  for (let match = NUMBER.exec(text); match !== null; match = NUMBER.exec(text)) {
    const token = match[1]!;
    const start = match.index;
    const isWord = /^[a-z]/.test(token);
    const value = isWord ? wordToNumber(token)! : Number(token);
    let end = start + token.length;
    const before = text[start - 1] ?? ' ';
    // Part of an identifier or of "3:45"-style times: not a quantity.
    if (!isWord && (/[a-z_]/.test(before) || before === ':')) {
      out.push({ value, kind: 'other', si: value, start, end });
      continue;
    }
    let kind: QuantityKind = 'unitless';
    let si = value;
    const spaced = matchAt(/[ \t]?-?[ \t]?/y, text, end);
    const unitStart = end + (spaced ? spaced[0].length : 0);
    for (const rule of UNIT_RULES) {
      const unit = matchAt(rule.pattern, text, rule.kind === 'other' || rule.kind === 'clock' ? end : unitStart);
      if (unit === null) continue;
      kind = rule.kind;
      si = value * rule.factor;
      end = unit.index + unit[0].length;
      break;
    }
    if (kind === 'unitless' && /[a-z]/.test(text[end] ?? ' ')) kind = 'other';
    if (kind === 'unitless' && text[end] === ':' && /\d/.test(text[end + 1] ?? '')) kind = 'other';
    if ((kind === 'length' || kind === 'speed') && matchAt(RATE_AFTER, text, end) !== null) kind = 'rate';
    // Spelled-out numbers count only with a unit or as a clock ("three o'clock"); "the one with…" is not a number.
    if (isWord && (kind === 'unitless' || kind === 'other')) continue;
    out.push({ value, kind, si, start, end });
  }
  return out;
}
