import { createRandom, InvalidArgumentError, ShapeMismatchError } from '@stkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { epsForNeighbours, syntheticLiftedCloud } from '../test/synthetic-cloud';
import { HEAVY_PROCESS_TIMEOUT_MS } from '@stkit/test-data';
import { runSklearnDbscanBatch, sklearnUnavailable, type SklearnDbscan } from '../test/sklearn';

const sklearnMissing = await sklearnUnavailable();
import { dbscan } from './dbscan';

/** Points on the x axis. */
function onAxis(xs: number[]): Float64Array {
  const out = new Float64Array(3 * xs.length);
  xs.forEach((x, index) => (out[3 * index] = x));
  return out;
}

describe('dbscan (hand-made)', () => {
  it('counts the point itself, includes distance = eps, numbers clusters by their first core point', () => {
    // eps = 1, minPoints = 3. Index: x
    //   0: 10  {10, 11}            → 2, border of 11
    //   1:  0  {0, 1}              → 2, border of 1 (distance exactly 1 counts)
    //   2:  1  {0, 1, 2}           → 3, core
    //   3:  2  {1, 2, 3}           → 3, core
    //   4: 11  {10, 11, 12}        → 3, core
    //   5: 12  {11, 12}            → 2, border
    //   6: 50  {50}                → noise
    //   7:  3  {2, 3}              → 2, border
    // Scanning by index, the first core is index 2 → cluster 0 = {0,1,2,3} on the axis;
    // the next unlabelled core is index 4 → cluster 1 = {10,11,12}.
    const result = dbscan(onAxis([10, 0, 1, 2, 11, 12, 50, 3]), { eps: 1, minPoints: 3 });
    expect(Array.from(result.labels)).toEqual([1, 0, 0, 0, 1, 1, -1, 0]);
    expect(result.clusterCount).toBe(2);
    expect(Array.from(result.isCore)).toEqual([0, 0, 1, 1, 1, 0, 0, 0]);
  });

  it('gives a border point between two clusters to the cluster discovered first', () => {
    // eps = 1, minPoints = 4. Index 0 at x = 2 is within 1 of x = 1 (cluster X) and x = 3 (cluster Y):
    // neighbourhood {1, 2, 3} → 3 < 4, a border point of both. Y's cores have indices 1–4, X's 5–8, so
    // scanning by index opens Y first (label 0), which claims the shared border point.
    const result = dbscan(onAxis([2, 3, 3.4, 3.7, 4, 0, 0.3, 0.6, 1]), { eps: 1, minPoints: 4 });
    expect(Array.from(result.labels)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(result.isCore[0]).toBe(0);
  });

  it('minPoints = 1 makes every point a core point of its own component', () => {
    const result = dbscan(onAxis([0, 5, 0.5, 10]), { eps: 1, minPoints: 1 });
    expect(Array.from(result.labels)).toEqual([0, 1, 0, 2]);
  });

  it('handles empty input, 3D diagonals and negative coordinates', () => {
    expect(dbscan(new Float64Array(0), { eps: 1 }).clusterCount).toBe(0);
    // (0,0,0) and (-0.5,-0.5,-0.5): distance √0.75 ≈ 0.866 ≤ 0.9, they sit in different grid cells.
    const points = new Float64Array([0, 0, 0, -0.5, -0.5, -0.5, 3, 3, 3]);
    expect(Array.from(dbscan(points, { eps: 0.9, minPoints: 2 }).labels)).toEqual([0, 0, -1]);
    expect(Array.from(dbscan(points, { eps: 0.8, minPoints: 2 }).labels)).toEqual([-1, -1, -1]);
  });

  it('rejects bad input with typed errors', () => {
    expect(() => dbscan(new Float64Array(4), { eps: 1 })).toThrow(ShapeMismatchError);
    expect(() => dbscan(new Float64Array(3), { eps: 0 })).toThrow(InvalidArgumentError);
    expect(() => dbscan(new Float64Array(3), { eps: 1, minPoints: 0 })).toThrow(/minPoints/);
    expect(() => dbscan(new Float64Array([0, Number.NaN, 0]), { eps: 1 })).toThrow(/point 0/);
    expect(() => dbscan(new Float64Array([0, 0, 0, 1e12, 0, 0]), { eps: 1e-6 })).toThrow(/eps/);
  });
});

describe.skipIf(sklearnMissing !== undefined)('dbscan agrees with scikit-learn', () => {
  const cases: { name: string; points: () => Float64Array; eps: number; minPoints: number }[] = [
    {
      name: 'lifted cloud 3k, ~6 neighbours',
      points: () => syntheticLiftedCloud({ count: 3000, seed: 1 }),
      eps: epsForNeighbours(3000, 6),
      minPoints: 5,
    },
    {
      name: 'lifted cloud 20k, ~20 neighbours',
      points: () => syntheticLiftedCloud({ count: 20000, seed: 2 }),
      eps: epsForNeighbours(20000, 20),
      minPoints: 5,
    },
    {
      name: 'lifted cloud 20k, min 12',
      points: () => syntheticLiftedCloud({ count: 20000, seed: 3, outlierFraction: 0.2 }),
      eps: epsForNeighbours(20000, 10),
      minPoints: 12,
    },
    {
      // Uniform points near the percolation threshold: many small clusters and many border points
      // reachable from two clusters, which exercises the border-assignment order.
      name: 'uniform cube 8k (many clusters, contested borders)',
      points: () => {
        const random = createRandom('cube');
        return Float64Array.from({ length: 3 * 8000 }, () => random.next() * 20);
      },
      eps: 0.7,
      minPoints: 4,
    },
  ];
  // One Python process for all cases (importing scikit-learn dominates the cost).
  const clouds = cases.map((testCase) => testCase.points());
  let references: SklearnDbscan[] = [];
  beforeAll(async () => {
    references = await runSklearnDbscanBatch(
      cases.map((testCase, index) => ({ points: clouds[index]!, eps: testCase.eps, minSamples: testCase.minPoints })),
    );
  }, HEAVY_PROCESS_TIMEOUT_MS);
  cases.forEach((testCase, caseIndex) => {
    it(`${testCase.name}: identical labels, noise set and core points`, () => {
      const points = clouds[caseIndex]!;
      const ours = dbscan(points, { eps: testCase.eps, minPoints: testCase.minPoints });
      const reference = references[caseIndex]!;
      const ourCores = [...ours.isCore.keys()].filter((index) => ours.isCore[index] === 1);
      expect(ourCores).toEqual(Array.from(reference.coreIndices));
      const noise = (labels: Int32Array) => [...labels.keys()].filter((index) => labels[index] === -1);
      expect(noise(ours.labels)).toEqual(noise(reference.labels));
      // Full label equality implies the same core-point partition and the same numbering.
      let mismatches = 0;
      for (let i = 0; i < ours.labels.length; i++) if (ours.labels[i] !== reference.labels[i]) mismatches++;
      expect(mismatches).toBe(0);
      expect(ours.clusterCount).toBe(Math.max(-1, ...reference.labels) + 1);
      expect(ours.clusterCount).toBeGreaterThan(testCase.name.startsWith('uniform') ? 20 : 0);
    });
  });
});

if (sklearnMissing !== undefined) {
  describe('dbscan agrees with scikit-learn', () => {
    it.skip(`skipped: ${sklearnMissing}`, () => {});
  });
}
