import { describe, expect, it } from 'vitest';
import { angleBetweenDegrees, compareDirections, compareValues } from './comparisons';

const rad = Math.PI / 180;

describe('compareValues (≥ 1.25× margin)', () => {
  it('is inclusive at exactly 1.25× and rejects just below', () => {
    // 12.5 / 10 = 1.25 exactly → asked; 12.49 / 10 = 1.249 → not asked.
    expect(compareValues(12.5, 10)).toBe('a');
    expect(compareValues(10, 12.5)).toBe('b');
    expect(compareValues(12.49, 10)).toBeUndefined();
    // 5 / 4 = 1.25 from computed values (0.1 + 0.2 style rounding must not flip it).
    expect(compareValues(0.5 * 10, (0.1 + 0.3) * 10)).toBe('a');
    expect(compareValues(0, 0)).toBeUndefined();
    expect(compareValues(1, 0)).toBe('a');
    expect(compareValues(14, 10, 1.5)).toBeUndefined();
  });
});

describe('compareDirections (≤ 30° same, ≥ 90° different)', () => {
  it('is inclusive at 30° and 90°, ambiguous between', () => {
    const at = (degrees: number) => compareDirections(3, 0, 3 * Math.cos(degrees * rad), 3 * Math.sin(degrees * rad));
    expect(at(0)).toBe('same');
    expect(at(30)).toBe('same');
    expect(at(-30)).toBe('same');
    expect(at(30.01)).toBe('ambiguous');
    expect(at(89.99)).toBe('ambiguous');
    expect(compareDirections(2, 0, 0, 5)).toBe('different'); // exactly 90°
    expect(at(90)).toBe('different');
    expect(at(180)).toBe('different');
    expect(at(-135)).toBe('different');
  });

  it('angleBetweenDegrees is unsigned and scale-free', () => {
    expect(angleBetweenDegrees(1, 0, 0, -7)).toBeCloseTo(90, 12);
    expect(angleBetweenDegrees(1, 1, -2, -2)).toBeCloseTo(180, 12);
    // (√3, 1) vs (1, 0): tan θ = 1/√3 → 30°.
    expect(angleBetweenDegrees(Math.sqrt(3), 1, 1, 0)).toBeCloseTo(30, 12);
  });
});
