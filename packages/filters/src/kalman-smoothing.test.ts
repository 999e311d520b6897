import { InvalidArgumentError } from '@stkit/core';
import { describe, expect, it } from 'vitest';
import { addNoise, straight, traveledDistance } from '../test/synthetic-trajectories';
import { smoothTrajectory } from './kalman-smoothing';

describe('smoothTrajectory', () => {
  it('constant-position, q = 1, r = 1000, two observations 0 → 10 m (hand-computed)', () => {
    // Init x = z0 = 0, P = 1e6·r = 1e9. k=0: P⁻ = 1e9 + 1, K = P⁻/(P⁻ + 1000), x = 0, P = (1−K)P⁻ = 999.999000.
    // k=1: P⁻ = 1000.999000, K = P⁻/(P⁻ + 1000) = 0.500249625, x = 10·K = 5.00249625.
    // RTS: C = P/P⁻ = 0.999000998, x0 = 0 + C·(5.00249625 − 0) = 4.99749875.
    const centers = Float64Array.from([0, 0, 0, 10, 0, 0]);
    const forward = smoothTrajectory(centers, [0, 0.5], { model: 'constant-position', passMode: 'forward' }).positions;
    expect(forward[0]).toBeCloseTo(0, 9);
    expect(forward[3]).toBeCloseTo(5.00249625, 6);
    const smoothed = smoothTrajectory(centers, [0, 0.5], { model: 'constant-position' }).positions;
    expect(smoothed[0]).toBeCloseTo(4.99749875, 6);
    expect(smoothed[3]).toBeCloseTo(5.00249625, 6);
  });

  it('constant velocity reproduces an exact straight line, even with a gap in time', () => {
    const times = [0, 0.5, 1, 2, 2.5, 3];
    const centers = Float64Array.from(times.flatMap((t) => [100 + 8 * t, -50 + 2 * t, 3]));
    const smoothed = smoothTrajectory(centers, times).positions;
    for (let index = 0; index < centers.length; index++) expect(smoothed[index]).toBeCloseTo(centers[index]!, 4);
  });

  it('reduces the traveled-distance error of a noisy straight trajectory (σ = 1 m)', () => {
    // GT: 8 m/s (+0.5 m/s sideways) for 19.5 s → 39 steps of √(4² + 0.25²) = 4.0078 m → 156.30 m.
    const truth = straight();
    expect(traveledDistance(truth.positions)).toBeCloseTo(39 * Math.hypot(4, 0.25), 6);
    const noisy = addNoise(truth, 1, 'kalman-test');
    const raw = Math.abs(traveledDistance(noisy.positions) - 156.3) / 156.3;
    const smoothed =
      Math.abs(traveledDistance(smoothTrajectory(noisy.positions, noisy.times).positions) - 156.3) / 156.3;
    expect(raw).toBeGreaterThan(0.05);
    expect(smoothed).toBeLessThan(0.02);
  });

  it('a per-sample measurement scale lets a biased sample count for little', () => {
    // 12 samples on x = 2t; sample 6 is 3 m off the line. Unscaled (r = 10) the smoother follows it part of the way;
    // with 10⁶ × r there it stays on the line through the others (reference: the line itself).
    const times = Array.from({ length: 12 }, (_, k) => 0.5 * k);
    const centers = Float64Array.from(times.flatMap((t, k) => [2 * t, k === 6 ? 3 : 0, 0]));
    const options = { processVariance: 1, measurementVariance: 10 };
    const plain = smoothTrajectory(centers, times, options).positions;
    const scale = times.map((_, k) => (k === 6 ? 1e6 : 1));
    const weighted = smoothTrajectory(centers, times, { ...options, measurementScale: scale }).positions;
    expect(plain[3 * 6 + 1]).toBeGreaterThan(0.3);
    expect(Math.abs(weighted[3 * 6 + 1]!)).toBeLessThan(0.01);
    for (let k = 0; k < 12; k++) expect(weighted[3 * k]).toBeCloseTo(2 * times[k]!, 2);
    expect(() => smoothTrajectory(centers, times, { measurementScale: [1, 2] })).toThrow(/measurementScale/);
    expect(() => smoothTrajectory(centers, times, { measurementScale: scale.map(() => 0) })).toThrow(
      /measurementScale\[0\]/,
    );
  });

  it('rejects bad input', () => {
    expect(() => smoothTrajectory(new Float64Array(6), [0, 0])).toThrow(/strictly increasing/);
    expect(() => smoothTrajectory(new Float64Array(6), [0, 1], { measurementVariance: 0 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => smoothTrajectory(new Float64Array(6), [0])).toThrow(/times/);
    expect(() => smoothTrajectory(new Float64Array(6), [0, 1], { passMode: 'both' as 'forward' })).toThrow(/passMode/);
  });
});
