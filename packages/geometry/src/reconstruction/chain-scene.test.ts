import { describe, expect, it } from 'vitest';
import { quatFromAxisAngle, se3Compose, se3FromRotationTranslation } from '../math/index';
import { chainSceneToAnchor } from './chain-scene';
import type { Scene4D, Scene4DFrame } from './types';

const W = 4,
  H = 3;
const intrinsics = { fx: 5, fy: 5, cx: 2, cy: 1.5, width: W, height: H };
const pose = (axis: [number, number, number], angle: number, t: [number, number, number]): Float64Array =>
  se3FromRotationTranslation(new Float64Array(16), quatFromAxisAngle(new Float64Array(4), axis, angle), t);
const frame = (depth: number[], worldFromCamera: Float64Array): Scene4DFrame => ({
  depth: Float32Array.from(depth),
  confidence: new Float32Array(W * H).fill(2),
  intrinsics,
  worldFromCamera,
});

/** World point of pixel i of a frame. */
function worldPoint(f: Scene4DFrame, i: number): number[] {
  const u = i % W,
    v = Math.floor(i / W),
    d = f.depth[i]!;
  const p = [(d * (u - intrinsics.cx)) / intrinsics.fx, (d * (v - intrinsics.cy)) / intrinsics.fy, d];
  const m = f.worldFromCamera;
  return [0, 1, 2].map((r) => m[4 * r]! * p[0]! + m[4 * r + 1]! * p[1]! + m[4 * r + 2]! * p[2]! + m[4 * r + 3]!);
}

describe('chainSceneToAnchor', () => {
  // A window reconstructed in its own world (frame 0 = the anchor), and the same anchor as the previous window saw
  // it: 2.5× the depths, camera placed by a known similarity (rotation 0.7 rad about a tilted axis, a translation).
  const depth0 = [1, 2, 3, 4, 2, 2, 5, 1, 3, 0, Number.NaN, 6];
  const depth1 = [2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5];
  const scene: Scene4D = {
    width: W,
    height: H,
    metric: false,
    frames: [frame(depth0, pose([0, 1, 0], 0.2, [0.1, 0, 0.3])), frame(depth1, pose([1, 0, 0], -0.1, [0.5, 0.1, 0.9]))],
  };
  const s = 2.5;
  const similarityRotation = pose([0.3, 1, 0.2], 0.7, [0, 0, 0]);
  const t = [4, -1, 2];
  /** x_prev = s R x + t as a function. */
  const map = (x: number[]): number[] =>
    [0, 1, 2].map(
      (r) =>
        s *
          (similarityRotation[4 * r]! * x[0]! +
            similarityRotation[4 * r + 1]! * x[1]! +
            similarityRotation[4 * r + 2]! * x[2]!) +
        t[r]!,
    );
  // The anchor camera in the previous world: rotation R·R0, centre map(c0).
  const anchorPose = se3Compose(new Float64Array(16), similarityRotation, scene.frames[0]!.worldFromCamera);
  const centre = map([0, 1, 2].map((r) => scene.frames[0]!.worldFromCamera[4 * r + 3]!));
  anchorPose[3] = centre[0]!;
  anchorPose[7] = centre[1]!;
  anchorPose[11] = centre[2]!;
  // Depths 2.5× except two pixels that disagree (a median ignores them) and one missing.
  const anchorDepth = Float32Array.from(depth0, (d, i) => (i === 3 ? 40 : i === 5 ? 0.1 : d * s));

  it('recovers the similarity and maps every frame into the previous world (world points of frame 1 land where the similarity sends them)', () => {
    const {
      scene: chained,
      similarity,
      pixelCount,
    } = chainSceneToAnchor({
      scene,
      anchorIndex: 0,
      anchor: { depth: anchorDepth, worldFromCamera: anchorPose },
    });
    expect(pixelCount).toBe(10); // depth 0 and NaN are not pixels
    expect(similarity.scale).toBeCloseTo(s, 12);
    similarity.translation.forEach((value, r) => expect(value).toBeCloseTo(t[r]!, 12));
    for (let r = 0; r < 3; r++)
      for (let k = 0; k < 3; k++)
        expect(similarity.rotation[3 * r + k]).toBeCloseTo(similarityRotation[4 * r + k]!, 12);
    // The anchor's own copy lands on the previous copy's pose.
    chained.frames[0]!.worldFromCamera.forEach((value, i) => expect(value).toBeCloseTo(anchorPose[i]!, 12));
    for (let i = 0; i < W * H; i++) {
      const expected = map(worldPoint(scene.frames[1]!, i));
      worldPoint(chained.frames[1]!, i).forEach((value, a) => expect(value).toBeCloseTo(expected[a]!, 5));
      expect(chained.frames[1]!.depth[i]).toBe(Math.fround(depth1[i]! * s));
    }
    expect(chained.frames[1]!.confidence).toBe(scene.frames[1]!.confidence);
    expect(scene.frames[1]!.depth[0]).toBe(2); // the input is not modified
  });

  it('refuses an anchor index outside the scene, a depth of another size, and an anchor with no common depth', () => {
    const anchor = { depth: anchorDepth, worldFromCamera: anchorPose };
    expect(() => chainSceneToAnchor({ scene, anchorIndex: 2, anchor })).toThrow(/anchorIndex.*must index a frame/);
    expect(() =>
      chainSceneToAnchor({ scene, anchorIndex: 0, anchor: { ...anchor, depth: new Float32Array(5) } }),
    ).toThrow(/anchor\.depth/);
    expect(() =>
      chainSceneToAnchor({ scene, anchorIndex: 0, anchor: { ...anchor, depth: new Float32Array(W * H) } }),
    ).toThrow(/no pixel has a positive depth/);
  });
});
