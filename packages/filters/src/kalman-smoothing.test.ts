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

  it('rejects bad input', () => {
    expect(() => smoothTrajectory(new Float64Array(6), [0, 0])).toThrow(/strictly increasing/);
    expect(() => smoothTrajectory(new Float64Array(6), [0, 1], { measurementVariance: 0 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => smoothTrajectory(new Float64Array(6), [0])).toThrow(/times/);
    expect(() => smoothTrajectory(new Float64Array(6), [0, 1], { passMode: 'both' as 'forward' })).toThrow(/passMode/);
  });
});
