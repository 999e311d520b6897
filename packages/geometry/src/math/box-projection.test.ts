import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@stkit/core';
import { boxCorners } from './box3d';
import { projectBox3d, projectBoxToImage, projectBoxToImageWithMatrix } from './box-projection';

const S = Math.SQRT1_2;
const identityPose = { rotation: [1, 0, 0, 0] as const, translation: [0, 0, 0] as const };
const K = { fx: 100, fy: 100, cx: 50, cy: 40, width: 100, height: 80 };
const close = (actual: ArrayLike<number> | null, expected: readonly number[], digits = 9): void => {
  expect(actual).not.toBeNull();
  expected.forEach((value, index) => expect(actual![index]).toBeCloseTo(value, digits));
};

describe('boxCorners', () => {
  it('places corners with length along object x, rotated world_from_object', () => {
    // size [4, 2, 6] at origin, yaw 90° about z: object x → world y.
    // Corner 0 = (+2, +1, +3) in object frame → Rz(90°): (x,y) → (−y, x) = (−1, 2, 3)
    // Corner 6 = (−2, −1, −3) → (1, −2, −3)
    const c = boxCorners(new Float64Array(24), { center: [10, 0, 0], size: [4, 2, 6], rotation: [S, 0, 0, S] });
    close(c.subarray(0, 3), [9, 2, 3]);
    close(c.subarray(18, 21), [11, -2, -3]);
  });
});

describe('projectBoxToImage', () => {
  it('projects a box fully in view', () => {
    // Camera = world. Box centre (0,0,10), size 2: x,y ∈ [−1,1], z ∈ [9,11].
    // Extremes at z = 9: u = 50 ± 100/9 = 38.889 / 61.111; v = 40 ± 100/9 = 28.889 / 51.111
    close(projectBoxToImage(identityPose, K, { center: [0, 0, 10], size: [2, 2, 2] }), [
      50 - 100 / 9,
      40 - 100 / 9,
      50 + 100 / 9,
      40 + 100 / 9,
    ]);
  });

  it('uses the camera pose: driving camera looking along world +x (z up)', () => {
    // world_from_camera R = [[0,0,1],[−1,0,0],[0,−1,0]] = q [½,−½,½,−½], camera at height 1.5.
    // Camera coords of a world point: x_c = −y_w, y_c = −(z_w − 1.5), z_c = x_w.
    const pose = { rotation: [0.5, -0.5, 0.5, -0.5] as const, translation: [0, 0, 1.5] as const };
    const k = { fx: 1000, fy: 1000, cx: 960, cy: 540, width: 1920, height: 1080 };
    // Car at (10, 0, 1.5), size [4, 2, 1.5], yaw 0: x_w ∈ [8,12], y_w ∈ [−1,1], z_w ∈ [0.75, 2.25]
    // → x_c ∈ [−1,1], y_c ∈ [−0.75,0.75], nearest z_c = 8: u = 960 ± 125, v = 540 ± 93.75
    close(
      projectBoxToImage(pose, k, { center: [10, 0, 1.5], size: [4, 2, 1.5], rotation: [1, 0, 0, 0] }),
      [835, 446.25, 1085, 633.75],
    );
    // Same car yawed 90°: x_w ∈ [9,11], y_w ∈ [−2,2] → x_c ∈ [−2,2], nearest z 9:
    // u = 960 ± 2000/9, v = 540 ± 750/9
    close(projectBoxToImage(pose, k, { center: [10, 0, 1.5], size: [4, 2, 1.5], rotation: [S, 0, 0, S] }), [
      960 - 2000 / 9,
      540 - 750 / 9,
      960 + 2000 / 9,
      540 + 750 / 9,
    ]);
  });

  it('clips boxes partly behind the camera at the near plane', () => {
    // Box centre (1.2, 0, 0), size 2: x ∈ [0.2, 2.2], y ∈ [−1,1], z ∈ [−1, 1]; near = 0.1.
    // Front corners (z = 1): u = 50 + 100·0.2 = 70 and 50 + 220 = 270; v = 40 ± 100.
    // Edges along z cross z = 0.1 at x = 0.2 / 2.2: u = 50 + 100·0.2/0.1 = 250, 50 + 2200 = 2250; v = 40 ± 1000.
    // u ∈ [70, 2250], v ∈ [−960, 1040] → clipped to the 100×80 image: [70, 0, 100, 80].
    // (Projecting the corners behind the camera naively would give u = 50 − 20 = 30 at z = −1: wrong.)
    const result = projectBox3d(identityPose, K, { center: [1.2, 0, 0], size: [2, 2, 2] }, { near: 0.1 });
    expect(result.visible).toBe(true);
    if (!result.visible) return;
    close(result.box2d, [70, 0, 100, 80]);
    close(result.unclippedBox2d, [70, -960, 2250, 1040]);
    expect(result.nearClipped).toBe(true);
    expect(result.truncated).toBe(true);
    expect(result.depth).toBeCloseTo(0, 12);
  });

  it('gives the whole image for a box around the camera', () => {
    // centre (0,0,0), size 2: front corners at z = 1 project to u = 50 ± 100, v = 40 ± 100;
    // the 4 edges along z cross z = 0.1 at x, y = ±1 → u = 50 ± 1000, v = 40 ± 1000 → clipped: [0, 0, 100, 80]
    close(projectBoxToImage(identityPose, K, { center: [0, 0, 0], size: [2, 2, 2] }), [0, 0, 100, 80]);
  });

  it('returns null for boxes wholly behind the camera or outside the image', () => {
    expect(projectBox3d(identityPose, K, { center: [0, 0, -5], size: [2, 2, 2] })).toEqual({
      visible: false,
      reason: 'behind-camera',
    });
    expect(projectBoxToImage(identityPose, K, { center: [0, 0, -5], size: [2, 2, 2] })).toBeNull();
    // Right of the image: x ∈ [9, 11] at z ∈ [9, 11] → u ≥ 50 + 100·9/11 = 131.8 > 100
    expect(projectBox3d(identityPose, K, { center: [10, 0, 10], size: [2, 2, 2] })).toEqual({
      visible: false,
      reason: 'outside-image',
    });
    // Partly behind but the visible part is outside: x ∈ [2, 4], z ∈ [−1, 1] → u ≥ 250
    expect(projectBoxToImage(identityPose, K, { center: [3, 0, 0], size: [2, 2, 2] })).toBeNull();
  });

  it('rejects non-finite boxes', () => {
    expect(() => projectBoxToImage(identityPose, K, { center: [0, Number.NaN, 1], size: [1, 1, 1] })).toThrow(
      InvalidArgumentError,
    );
    expect(() => projectBoxToImage(identityPose, K, { center: [0, 0, 1], size: [1, -1, 1] })).toThrow(
      InvalidArgumentError,
    );
  });
});

describe('projectBoxToImageWithMatrix', () => {
  it('projects with a camera_from_world matrix (hand-computed) and gives null when hidden', () => {
    // Camera 5 m behind the world origin along −z: camera_from_world is a translation by +5 in z.
    const cameraFromWorld = Float64Array.of(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 5, 0, 0, 0, 1);
    const box = { center: [0, 0, 5] as const, size: [2, 2, 2] as const, rotation: [1, 0, 0, 0] as const };
    // Corners at camera z ∈ {9, 11}; the widest extent is at z = 9: u = 50 ± 100/9, v = 40 ± 100/9.
    close(projectBoxToImageWithMatrix(cameraFromWorld, K, box), [
      50 - 100 / 9,
      40 - 100 / 9,
      50 + 100 / 9,
      40 + 100 / 9,
    ]);
    // The same camera as a Clip pose (world_from_camera = translation by −5) gives the same box.
    close(projectBoxToImage({ rotation: [1, 0, 0, 0], translation: [0, 0, -5] }, K, box), [
      50 - 100 / 9,
      40 - 100 / 9,
      50 + 100 / 9,
      40 + 100 / 9,
    ]);
    expect(projectBoxToImageWithMatrix(cameraFromWorld, K, { ...box, center: [0, 0, -20] })).toBeNull();
  });
});
