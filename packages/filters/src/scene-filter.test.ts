import { describe, expect, it } from 'vitest';
import { checkTrackSize, cloudExtent } from './scene-filter';

describe('scene filters', () => {
  it('measures the extent as the bounding-box diagonal', () => {
    expect(cloudExtent(Float64Array.from([0, 0, 0, 3, 0, 0, 0, 4, 0]))).toBe(5); // box 3 × 4 × 0
    expect(cloudExtent(Float64Array.from([1, 2, 3]))).toBe(0);
  });
  it('drops short tracks, sparse clouds and tiny objects (medians; NaN frames ignored)', () => {
    const ok = { observations: 5, pointCounts: [30, 40, 10, 100, 50], extents: [0.2, 0.3, 0.15, 1, 2] };
    expect(checkTrackSize(ok)).toBeUndefined(); // median points 40 ≥ 30, median extent 0.3 ≥ 0.15
    expect(checkTrackSize({ ...ok, observations: 4 })).toBe('too_few_observations');
    expect(checkTrackSize({ ...ok, pointCounts: [29, 29, 29, 100, 100] })).toBe('too_few_points'); // median 29
    expect(checkTrackSize({ ...ok, extents: [0.1, 0.1, 0.14, 1, 1] })).toBe('small_object'); // median 0.14
    expect(checkTrackSize({ observations: 5, pointCounts: [], extents: [] })).toBeUndefined(); // no clouds: size tests skipped
    expect(checkTrackSize({ ...ok, extents: [0.1, 0.1, 0.14, 1, 1] }, { minObjectExtent: 0.1 })).toBeUndefined();
  });
});
