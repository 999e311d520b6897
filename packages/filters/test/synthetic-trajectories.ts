/**
 * Synthetic ground-truth trajectories on the 0.5 s grid ([definitions §2](docs/pages/definitions.md#grid)) for the
 * Kalman measurement: straight, turning and stop-and-go, plus seeded
 * Gaussian centroid noise.
 */
import { createRandom } from '@stkit/core';

/** A trajectory: times (s) and row-major `n × 3` positions (m, z up). */
export interface Trajectory {
  times: Float64Array;
  positions: Float64Array;
}

const DT = 0.5;

function build(n: number, at: (t: number) => [number, number, number]): Trajectory {
  const times = new Float64Array(n);
  const positions = new Float64Array(3 * n);
  for (let k = 0; k < n; k++) {
    times[k] = DT * k;
    positions.set(at(DT * k), 3 * k);
  }
  return { times, positions };
}

/** 8 m/s in a straight line for 20 s (40 frames). */
export const straight = (): Trajectory => build(40, (t) => [8 * t, 0.5 * t, 0]);

/** 8 m/s around a 90° bend of radius 15 m between two straights (40 frames). */
export const turning = (): Trajectory => {
  const speed = 8;
  const radius = 15;
  const arc = (Math.PI / 2) * radius;
  return build(40, (t) => {
    const s = speed * t;
    if (s < 40) return [s, 0, 0];
    if (s < 40 + arc) {
      const angle = (s - 40) / radius;
      return [40 + radius * Math.sin(angle), radius * (1 - Math.cos(angle)), 0];
    }
    return [40 + radius, radius + (s - 40 - arc), 0];
  });
};

/** Urban stop-and-go: 4 s at rest, accelerate at 2 m/s² to 8 m/s, cruise, brake to rest, repeat (40 frames). */
export const stopAndGo = (): Trajectory => {
  // One 10 s cycle: rest 3 s, accelerate 4 s (2 m/s²), cruise 0 s, brake 3 s (−8/3 m/s²). Distance per cycle: 16 + 12 = 28 m.
  const within = (u: number): number => {
    if (u < 3) return 0;
    if (u < 7) return (u - 3) ** 2;
    const v = u - 7;
    return 16 + 8 * v - (4 / 3) * v * v;
  };
  return build(40, (t) => [28 * Math.floor(t / 10) + within(t % 10), 0, 0]);
};

/** `positions` plus N(0, sigma²) noise on every coordinate. */
export function addNoise(trajectory: Trajectory, sigma: number, seed: number | string): Trajectory {
  const random = createRandom(seed);
  const positions = Float64Array.from(trajectory.positions, (value) => {
    const u = 1 - random.next();
    return value + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
  });
  return { times: trajectory.times, positions };
}

/** Σ‖P_k+1 − P_k‖ ([definitions §2](docs/pages/definitions.md#grounding)). */
export function traveledDistance(positions: Float64Array): number {
  let total = 0;
  for (let k = 0; k + 1 < positions.length / 3; k++) {
    total += Math.hypot(
      positions[3 * k + 3]! - positions[3 * k]!,
      positions[3 * k + 4]! - positions[3 * k + 1]!,
      positions[3 * k + 5]! - positions[3 * k + 2]!,
    );
  }
  return total;
}
