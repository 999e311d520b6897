import { describe, expect, it } from 'vitest';
import { clockDirection, clockFromAngle, clockwiseAngleDegrees } from './clock-direction';
import { groundPlaneBasis, projectToGround } from './ground-plane';

/** Clock of world step `step` relative to world reference `ref`, for a given up vector. */
function worldClock(
  up: [number, number, number],
  ref: [number, number, number],
  step: [number, number, number],
): number {
  const basis = groundPlaneBasis(up);
  const g = projectToGround(Float64Array.of(...ref, ...step), basis);
  return clockDirection(g[0]!, g[1]!, g[2]!, g[3]!);
}

describe('clock directions (z up)', () => {
  it('heading +x: right turn (towards −y) is 3, left (+y) is 9, back is 6, straight is 12', () => {
    // Seen from above with z up, x points east and y north; a vehicle heading
    // east that turns right heads south (−y): clockwise 90° → 3 o'clock.
    expect(worldClock([0, 0, 1], [1, 0, 0], [0, -1, 0])).toBe(3);
    expect(worldClock([0, 0, 1], [1, 0, 0], [0, 1, 0])).toBe(9);
    expect(worldClock([0, 0, 1], [1, 0, 0], [-1, 0, 0])).toBe(6);
    expect(worldClock([0, 0, 1], [1, 0, 0], [5, 0, 0])).toBe(12);
    // Height changes are dropped: a climbing step straight ahead is still 12.
    expect(worldClock([0, 0, 1], [1, 0, 0], [1, 0, 3])).toBe(12);
    // 45° to the right (towards −y): θ = 45° → round(1.5) = 2 (half-way rounds clockwise).
    expect(worldClock([0, 0, 1], [1, 0, 0], [1, -1, 0])).toBe(2);
  });

  it('flips handedness when up is −z', () => {
    // With up = −z, "above" is at −z: the same world turn towards −y is now a left turn.
    expect(worldClock([0, 0, -1], [1, 0, 0], [0, -1, 0])).toBe(9);
  });

  it("a right turn is 3 o'clock for any up vector (right = forward × up)", () => {
    // For a right-handed frame, standing upright (up) facing `forward`, your right hand points along forward × up.
    const ups: [number, number, number][] = [
      [0, 1, 0],
      [1, 0, 0],
      [0.2, -0.3, 0.93],
      [-0.6, 0.64, 0.48],
    ];
    for (const raw of ups) {
      const n = Math.hypot(...raw);
      const up = raw.map((v) => v / n) as [number, number, number];
      // forward: any vector orthogonal to up.
      const seed: [number, number, number] = Math.abs(up[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
      const d = seed[0] * up[0] + seed[1] * up[1] + seed[2] * up[2];
      const forward = [seed[0] - d * up[0], seed[1] - d * up[1], seed[2] - d * up[2]] as [number, number, number];
      const right: [number, number, number] = [
        forward[1] * up[2] - forward[2] * up[1],
        forward[2] * up[0] - forward[0] * up[2],
        forward[0] * up[1] - forward[1] * up[0],
      ];
      const left = right.map((v) => -v) as [number, number, number];
      const back = forward.map((v) => -v) as [number, number, number];
      expect([
        worldClock(up, forward, right),
        worldClock(up, forward, left),
        worldClock(up, forward, back),
        worldClock(up, forward, forward),
      ]).toEqual([3, 9, 6, 12]);
    }
  });

  it('ground basis is orthonormal and right-handed about up', () => {
    const up = [0.2, -0.3, 0.93];
    const n = Math.hypot(...up);
    const b = groundPlaneBasis(up as [number, number, number]);
    const e1 = [b[0]!, b[1]!, b[2]!];
    const e2 = [b[3]!, b[4]!, b[5]!];
    const cross = [
      e1[1]! * e2[2]! - e1[2]! * e2[1]!,
      e1[2]! * e2[0]! - e1[0]! * e2[2]!,
      e1[0]! * e2[1]! - e1[1]! * e2[0]!,
    ];
    for (let i = 0; i < 3; i++) expect(cross[i]).toBeCloseTo(up[i]! / n, 12);
    expect(Math.hypot(...e1)).toBeCloseTo(1, 12);
    expect(e1[0]! * e2[0]! + e1[1]! * e2[1]! + e1[2]! * e2[2]!).toBeCloseTo(0, 12);
    expect(Array.from(groundPlaneBasis([0, 0, 2]))).toEqual([1, 0, 0, 0, 1, 0]);
    expect(() => groundPlaneBasis([0, 0, 0])).toThrow(/up/);
  });
});

describe('clockFromAngle', () => {
  it('rounds θ/30° and writes 0 as 12', () => {
    // 14.9/30 = 0.497 → 0 → 12; 15/30 = 0.5 → 1 (Math.round rounds half up); 344.9/30 = 11.497 → 11; 345/30 = 11.5 → 12 → 0 → 12.
    expect([0, 14.9, 15, 44.9, 90, 180, 270, 344.9, 345, 359.9].map(clockFromAngle)).toEqual([
      12, 12, 1, 1, 3, 6, 9, 11, 12, 12,
    ]);
    expect(clockFromAngle(-90)).toBe(9);
    expect(clockFromAngle(450)).toBe(3);
  });

  it('measures the clockwise angle in [0, 360)', () => {
    expect(clockwiseAngleDegrees(1, 0, 0, -1)).toBeCloseTo(90, 12);
    expect(clockwiseAngleDegrees(1, 0, 0, 1)).toBeCloseTo(270, 12);
    expect(clockwiseAngleDegrees(1, 0, -1, 0)).toBeCloseTo(180, 12);
    expect(clockwiseAngleDegrees(1, 0, -1, -0)).toBeCloseTo(180, 12);
    expect(clockwiseAngleDegrees(0, 1, 1, 0)).toBeCloseTo(90, 12);
    expect(Object.is(clockwiseAngleDegrees(1, 0, 2, 0), 0)).toBe(true);
  });
});

describe('clockOfStep', () => {
  it('agrees with the atan2 definition on 200 000 random steps and on the axes', async () => {
    const { clockOfStep } = await import('./clock-direction');
    const { createRandom } = await import('@stkit/core');
    const random = createRandom(11);
    for (let index = 0; index < 200_000; index++) {
      const [rx, ry, x, y] = [random.next() - 0.5, random.next() - 0.5, random.next() - 0.5, random.next() - 0.5].map(
        (v) => v * 10,
      );
      expect(clockOfStep(rx!, ry!, x!, y!)).toBe(clockFromAngle(clockwiseAngleDegrees(rx!, ry!, x!, y!)));
    }
    // Heading +x: −y is 3, +y is 9, −x is 6, +x is 12; 10° either side of 12 stays 12; 20° clockwise is 1.
    const deg = Math.PI / 180;
    expect([
      clockOfStep(1, 0, 0, -1),
      clockOfStep(1, 0, 0, 1),
      clockOfStep(1, 0, -1, 0),
      clockOfStep(1, 0, 2, 0),
    ]).toEqual([3, 9, 6, 12]);
    expect([
      clockOfStep(1, 0, Math.cos(10 * deg), Math.sin(10 * deg)),
      clockOfStep(1, 0, Math.cos(10 * deg), -Math.sin(10 * deg)),
    ]).toEqual([12, 12]);
    expect(clockOfStep(1, 0, Math.cos(20 * deg), -Math.sin(20 * deg))).toBe(1);
    expect(clockOfStep(1, 0, Math.cos(20 * deg), Math.sin(20 * deg))).toBe(11);
    expect(clockOfStep(0, 1, 1, 0.01)).toBe(3);
  });
});
