import { createRandom } from '@stkit/core';
import { describe, expect, it } from 'vitest';
import {
  DISTANCE_UNITS,
  SPEED_UNITS,
  allowedUnits,
  formatClock,
  formatDistance,
  formatSeconds,
  formatSpeed,
  hasTwoSignificantDigits,
} from './quantity-format';

const random = createRandom(1);

describe('hasTwoSignificantDigits', () => {
  it('holds from 0.10 up after rounding to two decimals', () => {
    expect(hasTwoSignificantDigits(0.1)).toBe(true);
    expect(hasTwoSignificantDigits(0.096)).toBe(true); // "0.10"
    expect(hasTwoSignificantDigits(0.094)).toBe(false); // "0.09"
    expect(hasTwoSignificantDigits(0.04)).toBe(false);
    expect(hasTwoSignificantDigits(0)).toBe(false);
    expect(hasTwoSignificantDigits(12.3)).toBe(true);
  });
});

describe('allowedUnits (hand-computed)', () => {
  it('drops units in which the value reads below 0.10', () => {
    // 100 m = 0.10 km, 0.0621 mi ("0.06"), 328.08 ft.
    expect(allowedUnits(100, DISTANCE_UNITS)).toEqual(['m', 'meters', 'km', 'kilometers', 'feet']);
    // 50 m = 0.05 km, 0.031 mi: only m, meters, feet.
    expect(allowedUnits(50, DISTANCE_UNITS)).toEqual(['m', 'meters', 'feet']);
    // 160 m = 0.0994 mi → "0.10"; 152 m = 0.09445 mi → "0.09".
    expect(allowedUnits(160, DISTANCE_UNITS)).toContain('miles');
    expect(allowedUnits(152, DISTANCE_UNITS)).not.toContain('miles');
    // 0.05 m/s = 0.18 km/h = 0.1118 mph, but "0.05 m/s".
    expect(allowedUnits(0.05, SPEED_UNITS)).toEqual(['km/h', 'kilometers per hour', 'mph', 'miles per hour']);
    // 0.04 m/s = 0.144 km/h, 0.0895 mph ("0.09").
    expect(allowedUnits(0.04, SPEED_UNITS)).toEqual(['km/h', 'kilometers per hour']);
  });
});

describe('formatDistance / formatSpeed', () => {
  it('writes two decimals and the unit (hand-computed conversions)', () => {
    expect(formatDistance(2.234, random, { units: ['m'] }).text).toBe('2.23 m');
    expect(formatDistance(17.04, random, { units: ['meters'] }).text).toBe('17.04 meters');
    // 1000 m / 1609.344 = 0.62137 mi.
    expect(formatDistance(1000, random, { units: ['miles'] }).text).toBe('0.62 miles');
    // 1 m / 0.3048 = 3.2808 ft.
    expect(formatDistance(1, random, { units: ['feet'] }).text).toBe('3.28 feet');
    expect(formatDistance(1234.5, random, { units: ['kilometers'] }).text).toBe('1.23 kilometers');
    // 10 m/s · 3.6 = 36 km/h; 10 · 3600 / 1609.344 = 22.3694 mph.
    expect(formatSpeed(10, random, { units: ['km/h'] }).text).toBe('36.00 km/h');
    expect(formatSpeed(10, random, { units: ['miles per hour'] }).text).toBe('22.37 miles per hour');
    expect(formatSpeed(14, random, { units: ['meters per second'] }).text).toBe('14.00 meters per second');
    const written = formatSpeed(10, random, { units: ['mph'] });
    expect(written.valueText).toBe('22.37');
    expect(written.si).toBeCloseTo((22.37 * 1609.344) / 3600, 12);
  });

  it('chooses uniformly among allowed units only', () => {
    const seen = new Map<string, number>();
    const local = createRandom(99);
    for (let index = 0; index < 5000; index++) {
      const { unit } = formatDistance(100, local);
      seen.set(unit, (seen.get(unit) ?? 0) + 1);
    }
    expect([...seen.keys()].sort()).toEqual(['feet', 'kilometers', 'km', 'm', 'meters']);
    for (const count of seen.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it('never writes a value below 0.10 when some unit allows two significant digits', () => {
    const local = createRandom(5);
    for (let index = 0; index < 2000; index++) {
      const meters = 0.03 + local.next() * 3000;
      expect(Number(formatDistance(meters, local).valueText)).toBeGreaterThanOrEqual(0.1);
      const speed = 0.03 + local.next() * 40;
      expect(Number(formatSpeed(speed, local).valueText)).toBeGreaterThanOrEqual(0.1);
    }
  });

  it('falls back to metres when no unit has two significant digits', () => {
    // 0.02 m = 0.066 ft ("0.07"): below 0.10 in every unit.
    expect(formatDistance(0.02, random).text).toBe('0.02 m');
    expect(formatDistance(0, random).text).toBe('0.00 m');
    expect(formatSpeed(0, random).text).toBe('0.00 m/s');
  });

  it('rejects bad values and unit lists', () => {
    expect(() => formatDistance(-1, random)).toThrow(/meters/);
    expect(() => formatSpeed(Number.NaN, random)).toThrow(/metersPerSecond/);
    expect(() => formatDistance(1, random, { units: [] })).toThrow(/options.units/);
    expect(() => formatDistance(1, random, { units: ['furlongs' as 'm'] })).toThrow(/options.units/);
  });
});

describe('formatSeconds / formatClock', () => {
  it('formats interval bounds and clock values', () => {
    expect(formatSeconds(3.5)).toBe('3.50');
    expect(formatSeconds(0)).toBe('0.00');
    expect(formatSeconds(19.5)).toBe('19.50');
    expect(formatClock(12)).toBe('12');
    expect(() => formatClock(0)).toThrow(/clock/);
    expect(() => formatClock(3.5)).toThrow(/clock/);
    expect(() => formatClock(13)).toThrow(/clock/);
  });
});
