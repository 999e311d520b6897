import { describe, expect, it } from 'vitest';
import { averageSpeed, traveledDistance } from './traveled-distance';

describe('traveledDistance / averageSpeed', () => {
  it('constant-speed straight motion: 8 m/s along x for 4 s', () => {
    // 9 frames at 0.5 s, x = 8·t: each step 4 m → distance over [0, 8] = 8 × 4 = 32 m; speed 32 / 4 = 8 m/s.
    const positions = new Float64Array(27);
    for (let k = 0; k < 9; k++) positions[3 * k] = 4 * k;
    const present = new Uint8Array(9).fill(1);
    const times = Float64Array.from({ length: 9 }, (_, k) => 0.5 * k);
    expect(traveledDistance(positions, present, 0, 8)).toBeCloseTo(32, 12);
    expect(averageSpeed(positions, present, times, 0, 8)).toBeCloseTo(8, 12);
    expect(averageSpeed(positions, present, times, 2, 5)).toBeCloseTo(8, 12); // 3 steps × 4 m / 1.5 s
  });

  it('sums 3D step lengths, not net displacement', () => {
    // Steps (3, 4, 12) (length 13) then (−3, −4, −12) (13): distance 26 m, net displacement 0.
    const positions = Float64Array.of(0, 0, 0, 3, 4, 12, 0, 0, 0);
    const present = Uint8Array.of(1, 1, 1);
    expect(traveledDistance(positions, present, 0, 2)).toBeCloseTo(26, 12);
  });

  it('is undefined when the object is absent anywhere in [s, e] or the indices are invalid', () => {
    const positions = new Float64Array(12);
    const present = Uint8Array.of(1, 1, 0, 1);
    expect(traveledDistance(positions, present, 0, 1)).toBe(0);
    expect(traveledDistance(positions, present, 0, 3)).toBeUndefined();
    expect(traveledDistance(positions, present, 2, 3)).toBeUndefined();
    expect(traveledDistance(positions, present, 1, 1)).toBeUndefined();
    expect(traveledDistance(positions, present, 0, 4)).toBeUndefined();
  });
});
