import { describe, expect, it } from 'vitest';
import { centroid, denoisePointCloud, largestClusterLabel, selectCluster } from './point-cloud';

describe('point-cloud helpers', () => {
  it('keeps the largest cluster (ties → lower label) and computes centroids', () => {
    expect(largestClusterLabel(Int32Array.from([0, 1, 1, -1, 0, 1]), 2)).toBe(1);
    expect(largestClusterLabel(Int32Array.from([0, 1, 1, 0]), 2)).toBe(0);
    expect(largestClusterLabel(Int32Array.from([-1, -1]), 0)).toBe(-1);
    const points = Float64Array.from([0, 0, 0, 9, 9, 9, 2, 4, 6]);
    expect(Array.from(selectCluster(points, Int32Array.from([0, -1, 0]), 0))).toEqual([0, 0, 0, 2, 4, 6]);
    expect(centroid(Float64Array.from([0, 0, 0, 2, 4, 6]))).toEqual([1, 2, 3]);
    expect(() => centroid(new Float64Array(0))).toThrow(/empty/);
  });
  it('denoises: a 6-point blob survives, a 3-point blob and a stray point do not (eps 0.1, min 5)', () => {
    // Blob A: 6 points within 0.05 m of (1,1,1) → each has 6 ≥ 5 neighbours → one cluster.
    // Blob B: 3 points near (5,5,5) → 3 < 5, noise. Stray point at (−3,0,0) → noise.
    const a = [0, 0.02, 0.04, -0.02, -0.04, 0.01].flatMap((d) => [1 + d, 1, 1]);
    const b = [0, 0.01, 0.02].flatMap((d) => [5 + d, 5, 5]);
    const result = denoisePointCloud(Float64Array.from([...b, ...a, -3, 0, 0]));
    expect(result.clusterCount).toBe(1);
    expect(result.noiseCount).toBe(4);
    expect(result.points.length).toBe(18);
    expect(centroid(result.points)[0]).toBeCloseTo(1 + 0.01 / 6, 12);
  });
});
