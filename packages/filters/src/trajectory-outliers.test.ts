import { describe, expect, it } from 'vitest';
import { checkTrajectoryOutliers } from './trajectory-outliers';

const onAxis = (xs: number[]) => Float64Array.from(xs.flatMap((x) => [x, 0, 0]));

describe('checkTrajectoryOutliers', () => {
  it('flags a centroid with z > 3 (11 points: ten at 0, one at 10)', () => {
    // mean = 10/11 = 0.9091; var = (10·0.9091² + 9.0909²)/11 = 8.2645 → std 2.8748;
    // z(10) = 9.0909 / 2.8748 = 3.162 > 3; z(0) = 0.316. Net displacement 0 → no direction test.
    const xs = [0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0];
    const result = checkTrajectoryOutliers(onAxis(xs));
    expect(result.zScoreOutliers).toEqual([5]);
    expect(result.rejection).toBe('centroid_z_score');
  });
  it('cannot fire with few points: one spike among n points has |z| = √(n−1) (9 points: 2.83)', () => {
    // n−1 zeros and a: mean a/n, std a·√(n−1)/n, z = (a(n−1)/n) / std = √(n−1).
    expect(checkTrajectoryOutliers(onAxis([0, 0, 0, 0, 10, 0, 0, 0, 0])).rejection).toBeUndefined();
  });
  it('flags a step against the mean direction (cos −1 < −0.2)', () => {
    // Steps +1, +1, +1, −0.5, +1.5, +1: mean = 5/6 along +x; the step 3 → 2.5 has cos = −1.
    const result = checkTrajectoryOutliers(onAxis([0, 1, 2, 3, 2.5, 4, 5]));
    expect(result.directionOutliers).toEqual([3]);
    expect(result.rejection).toBe('direction_cosine');
  });
  it('ignores steps shorter than 0.3 m and steps up to ~101.5° from the mean', () => {
    // A 0.2 m step back is below minStepLength; not tested.
    expect(checkTrajectoryOutliers(onAxis([0, 1, 2, 3, 2.8, 4, 5])).rejection).toBeUndefined();
    // Mean direction +x (net (4,0,0)/4 = (1,0,0)). A step (−0.1, 1) has cos = −0.1/√1.01 = −0.0995 ≥ −0.2 → kept;
    // (−0.5, 1) has cos = −0.5/√1.25 = −0.447 < −0.2 → flagged.
    const kept = Float64Array.from([0, 0, 0, 1, 0, 0, 0.9, 1, 0, 2, 1, 0, 4, 0, 0]);
    expect(checkTrajectoryOutliers(kept).directionOutliers).toEqual([]);
    const flagged = Float64Array.from([0, 0, 0, 1, 0, 0, 0.5, 1, 0, 2, 1, 0, 4, 0, 0]);
    expect(checkTrajectoryOutliers(flagged).directionOutliers).toEqual([1]);
  });
  it('honours custom thresholds', () => {
    const xs = [0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0];
    expect(checkTrajectoryOutliers(onAxis(xs), { maxZScore: 3.2 }).rejection).toBeUndefined(); // 3.162 ≤ 3.2
    expect(checkTrajectoryOutliers(onAxis([0, 1, 2, 3, 2.5, 4, 5]), { minCosine: -1.5 }).rejection).toBeUndefined();
  });
});
