import { describe, expect, it } from 'vitest';
import { clockError, isWithinBand, meanRelativeAccuracy, MRA_THRESHOLDS, temporalIou } from './primitives';

describe('temporalIou', () => {
  it('is 0 for disjoint intervals', () => {
    expect(temporalIou(0, 1, 2, 3)).toBe(0);
    expect(temporalIou(0, 2, 2, 4)).toBe(0); // touching: overlap of length 0
  });
  it('is inner/outer for nested intervals', () => {
    // [1, 2] inside [0, 4]: 1 / 4
    expect(temporalIou(1, 2, 0, 4)).toBeCloseTo(0.25, 12);
    expect(temporalIou(0, 4, 1, 2)).toBeCloseTo(0.25, 12);
  });
  it('is overlap/union for overlapping intervals', () => {
    // [3.0, 5.5] vs [4.0, 6.0]: overlap [4.0, 5.5] = 1.5, union [3.0, 6.0] = 3.0 → 0.5
    expect(temporalIou(3, 5.5, 4, 6)).toBeCloseTo(0.5, 12);
    // [0, 3] vs [1, 5]: overlap 2, union 5 → 0.4
    expect(temporalIou(0, 3, 1, 5)).toBeCloseTo(0.4, 12);
  });
  it('is 1 for identical intervals, also zero-length ones', () => {
    expect(temporalIou(2, 4.5, 2, 4.5)).toBe(1);
    expect(temporalIou(3, 3, 3, 3)).toBe(1);
    expect(temporalIou(3, 3, 3.5, 3.5)).toBe(0);
    expect(temporalIou(3, 3, 2, 4)).toBe(0); // an instant inside an interval: overlap 0 / union 2
  });
});

describe('clockError', () => {
  it('wraps around 12', () => {
    expect(clockError(12, 1)).toBe(1); // |12-1| = 11 → 12 - 11 = 1
    expect(clockError(1, 12)).toBe(1);
    expect(clockError(11, 2)).toBe(3); // 9 → 3
    expect(clockError(3, 9)).toBe(6); // the maximum
    expect(clockError(2, 5)).toBe(3);
    expect(clockError(7, 7)).toBe(0);
  });
});

describe('isWithinBand', () => {
  it('includes both edges 0.75·y and 1.25·y', () => {
    expect(isWithinBand(7.5, 10)).toBe(true);
    expect(isWithinBand(12.5, 10)).toBe(true);
    expect(isWithinBand(3, 4)).toBe(true); // 0.75 · 4
    expect(isWithinBand(5, 4)).toBe(true); // 1.25 · 4
  });
  it('excludes values just outside', () => {
    expect(isWithinBand(7.49, 10)).toBe(false);
    expect(isWithinBand(12.51, 10)).toBe(false);
    expect(isWithinBand(2.999, 4)).toBe(false);
    expect(isWithinBand(5.001, 4)).toBe(false);
  });
  it('keeps values on a decimal edge that floating point rounds past', () => {
    // Decimal: 0.75 · 4.4 = 3.3 exactly, but 0.75 * 4.4 = 3.3000000000000003 > 3.3 in binary floating point.
    expect(0.75 * 4.4).toBeGreaterThan(3.3);
    expect(isWithinBand(3.3, 4.4)).toBe(true);
  });
  it('accepts only 0 when the truth is 0', () => {
    expect(isWithinBand(0, 0)).toBe(true);
    expect(isWithinBand(0.01, 0)).toBe(false);
  });
});

describe('meanRelativeAccuracy', () => {
  it('counts the thresholds θ = 0.50 … 0.95 with |ŷ − y| / y < 1 − θ (strict)', () => {
    expect(MRA_THRESHOLDS).toEqual([0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]);
    expect(meanRelativeAccuracy(20, 20)).toBe(1);
    expect(meanRelativeAccuracy(20.5, 20)).toBe(1); // 0.025 < 0.05
    expect(meanRelativeAccuracy(21, 20)).toBe(0.9); // 0.05 is not < 0.05
    expect(meanRelativeAccuracy(13, 10)).toBe(0.4); // 0.3 < 0.5, 0.45, 0.4, 0.35
    expect(meanRelativeAccuracy(7, 10)).toBe(0.4); // symmetric in the error
    expect(meanRelativeAccuracy(15, 10)).toBe(0); // 0.5 is not < 0.5
    expect(meanRelativeAccuracy(100, 10)).toBe(0);
  });
  it('is 0 without a value; a zero truth needs a zero answer', () => {
    expect(meanRelativeAccuracy(undefined, 10)).toBe(0);
    expect(meanRelativeAccuracy(0, 0)).toBe(1);
    expect(meanRelativeAccuracy(0.1, 0)).toBe(0);
  });
});
