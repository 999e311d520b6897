import { describe, expect, it } from 'vitest';
import { metersPerSecondTo, metersTo, offsetTimestamp, toMeters, toMetersPerSecond } from './units';

describe('units', () => {
  it('converts lengths with the exact international definitions', () => {
    expect(metersTo(1609.344, 'mi')).toBe(1);
    expect(metersTo(3.048, 'ft')).toBeCloseTo(10, 12);
    expect(toMeters(2.5, 'km')).toBe(2500);
    expect(toMeters(12, 'in')).toBeCloseTo(0.3048, 12);
  });

  it('converts speeds: 10 m/s = 36 km/h = 22.369… mph', () => {
    expect(metersPerSecondTo(10, 'km/h')).toBeCloseTo(36, 12);
    // 10 m/s · 3600 s/h / 1609.344 m/mi = 22.36936292…
    expect(metersPerSecondTo(10, 'mph')).toBeCloseTo(22.36936292, 7);
    expect(toMetersPerSecond(36, 'km/h')).toBeCloseTo(10, 12);
  });

  it('offsets nanosecond timestamps exactly', () => {
    // 1553562431150000000 + 0.5 s = …650000000; a double would lose the last digits.
    expect(offsetTimestamp('1553562431150000123', 0.5, 1e9)).toBe('1553562431650000123');
    expect(offsetTimestamp('100', -0.25, 1e6)).toBe('-249900');
  });
});
