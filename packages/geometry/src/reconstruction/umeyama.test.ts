import { createRandom } from '@stkit/core';
import { describe, expect, it } from 'vitest';
import { absoluteTrajectoryError } from './trajectory-error';
import { umeyamaSim3 } from './umeyama';

// Rotation of 30° about z (hand-written): [[c, −s, 0], [s, c, 0], [0, 0, 1]], c = √3/2, s = 1/2.
const c = Math.sqrt(3) / 2,
  s = 0.5;
const rotation = [c, -s, 0, s, c, 0, 0, 0, 1];

function apply(scale: number, t: number[], points: Float64Array): Float64Array {
  const out = new Float64Array(points.length);
  for (let k = 0; k < points.length; k += 3) {
    for (let r = 0; r < 3; r++)
      out[k + r] =
        scale *
          (rotation[3 * r]! * points[k]! +
            rotation[3 * r + 1]! * points[k + 1]! +
            rotation[3 * r + 2]! * points[k + 2]!) +
        t[r]!;
  }
  return out;
}

describe('umeyamaSim3', () => {
  const random = createRandom(9);
  const source = Float64Array.from({ length: 60 }, () => random.next() * 4 - 2);

  it('recovers a known similarity exactly', () => {
    const result = umeyamaSim3({ source, target: apply(2.5, [1, -2, 0.5], source) });
    expect(result.scale).toBeCloseTo(2.5, 10);
    result.rotation.forEach((value, k) => expect(value).toBeCloseTo(rotation[k]!, 10));
    expect(Array.from(result.translation)).toEqual([
      expect.closeTo(1, 10),
      expect.closeTo(-2, 10),
      expect.closeTo(0.5, 10),
    ]);
  });

  it('ignores zero-weight outliers and fits SE(3) when asked', () => {
    const target = apply(1, [0, 0, 3], source);
    target[0] = 1000; // outlier at point 0
    const weights = Float64Array.from({ length: 20 }, (_, k) => (k === 0 ? 0 : 1));
    const result = umeyamaSim3({ source, target, weights, withScale: false });
    expect(result.scale).toBe(1);
    expect(result.translation[2]).toBeCloseTo(3, 10);
  });

  it('returns a proper rotation for mirrored data (det = +1)', () => {
    const mirrored = source.map((v, k) => (k % 3 === 0 ? -v : v));
    const r = umeyamaSim3({ source, target: mirrored }).rotation;
    const det =
      r[0]! * (r[4]! * r[8]! - r[5]! * r[7]!) -
      r[1]! * (r[3]! * r[8]! - r[5]! * r[6]!) +
      r[2]! * (r[3]! * r[7]! - r[4]! * r[6]!);
    expect(det).toBeCloseTo(1, 10);
  });

  it('rejects fewer than 3 usable points', () => {
    expect(() => umeyamaSim3({ source: [0, 0, 0, 1, 1, 1], target: [0, 0, 0, 1, 1, 1] })).toThrow(/at least 3 points/);
  });
});

describe('absoluteTrajectoryError', () => {
  it('is zero for a similar trajectory and the RMSE of a known offset otherwise', () => {
    const pose = (x: number, y: number, z: number) => [1, 0, 0, x, 0, 1, 0, y, 0, 0, 1, z, 0, 0, 0, 1];
    const reference = [pose(0, 0, 0), pose(1, 0, 0), pose(2, 0, 0), pose(2, 1, 0)];
    const estimated = reference.map((m) => pose(3 * m[3]! + 5, 3 * m[7]!, 3 * m[11]! - 1));
    expect(absoluteTrajectoryError({ estimated, reference }).rmse).toBeLessThan(1e-12);
    // SE(3) only: the positions scaled by 3 cannot be aligned; with the centroid (1.25, 0.25, 0) and
    // identity rotation optimal by symmetry, the errors are 2·‖p − centroid‖: RMSE = 2·√(mean ‖p − c‖²).
    const se3 = absoluteTrajectoryError({
      estimated: reference.map((m) => pose(3 * m[3]!, 3 * m[7]!, 3 * m[11]!)),
      reference,
      withScale: false,
    });
    const centred = [
      [-1.25, -0.25],
      [-0.25, -0.25],
      [0.75, -0.25],
      [0.75, 0.75],
    ];
    const expected = 2 * Math.sqrt(centred.reduce((sum, [x, y]) => sum + x! * x! + y! * y!, 0) / 4);
    expect(se3.rmse).toBeCloseTo(expected, 6);
  });
});
