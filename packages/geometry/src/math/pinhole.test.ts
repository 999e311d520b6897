import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@stkit/core';
import { cropIntrinsics, projectPoints, scaleIntrinsics, unprojectDepthMap, unprojectPixels } from './pinhole';

const K = { fx: 100, fy: 200, cx: 50, cy: 40, width: 100, height: 80 };
const close = (actual: ArrayLike<number>, expected: readonly number[], digits = 12): void => {
  expected.forEach((value, index) => expect(actual[index]).toBeCloseTo(value, digits));
};

describe('pinhole camera', () => {
  it('projects camera-frame points; points behind give NaN', () => {
    // (1, 2, 4): u = 100·1/4 + 50 = 75; v = 200·2/4 + 40 = 140
    // (−2, 0, 10): u = −20 + 50 = 30; v = 40
    const uv = projectPoints(new Float64Array(6), [1, 2, 4, -2, 0, 10, 0, 0, -1], K);
    close(uv, [75, 140, 30, 40]);
    expect(Number.isNaN(uv[4])).toBe(true);
    // in place: the first 2N entries of the point buffer become the pixels
    const buffer = Float64Array.of(1, 2, 4, -2, 0, 10);
    close(projectPoints(buffer, buffer, K), [75, 140, 30, 40]);
  });

  it('unprojects pixels with depth, inverse of projection', () => {
    // u=75, v=140, z=4: x = (75−50)/100·4 = 1; y = (140−40)/200·4 = 2
    close(unprojectPixels(new Float64Array(3), [75, 140], [4], K), [1, 2, 4]);
  });

  it('unprojects a depth map, optionally into the world frame', () => {
    // 2×2 map, K' fx=fy=1, cx=cy=0.5: pixel (u,v) → ((u−0.5)z, (v−0.5)z, z)
    const k = { fx: 1, fy: 1, cx: 0.5, cy: 0.5 };
    const depth = Float32Array.of(2, 4, 0, Number.NaN);
    const cam = unprojectDepthMap({ depth, width: 2, height: 2, intrinsics: k });
    // (0,0,z=2) → (−1,−1,2); (1,0,z=4) → (2,−2,4); invalid → NaN
    close(cam, [-1, -1, 2, 2, -2, 4]);
    expect(Number.isNaN(cam[6]!) && Number.isNaN(cam[11]!)).toBe(true);
    // world_from_camera = translate (0, 0, 10): z + 10
    const world = unprojectDepthMap({
      depth,
      width: 2,
      height: 2,
      intrinsics: k,
      worldFromCamera: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 10, 0, 0, 0, 1],
    });
    close(world, [-1, -1, 12, 2, -2, 14]);
    expect(() => unprojectDepthMap({ depth, width: 3, height: 2, intrinsics: k })).toThrow(InvalidArgumentError);
  });

  it('scales and crops intrinsics with pixel centres at integer coordinates', () => {
    // Halving a 100×80 image: fx 50, fy 100; cx' = (50+0.5)·0.5 − 0.5 = 24.75; cy' = 40.5·0.5 − 0.5 = 19.75
    expect(scaleIntrinsics(K, 0.5)).toEqual({ fx: 50, fy: 100, cx: 24.75, cy: 19.75, width: 50, height: 40 });
    expect(cropIntrinsics(K, 10, 5, 80, 70)).toEqual({ fx: 100, fy: 200, cx: 40, cy: 35, width: 80, height: 70 });
  });
});
