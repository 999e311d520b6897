/**
 * Chaining reconstructions of consecutive windows of a long video into one
 * world frame through a frame both windows reconstructed (the "anchor"):
 * each window is aligned on its own (its own world frame and arbitrary scale),
 * then mapped by the similarity that puts its copy of the anchor frame on the
 * previous window's — rotation and translation from the two camera poses,
 * scale from the median ratio of the two depth maps. MonST3R's own long-video
 * mode (`--window_wise`) also writes one folder in one world frame, freezing
 * the overlapping frames of the previous window instead.
 */
import { InvalidArgumentError, ShapeMismatchError } from '@stkit/core';
import type { Sim3 } from './umeyama';
import type { Scene4D, Scene4DFrame } from './types';

/** Options of {@link chainSceneToAnchor}. */
export interface ChainSceneOptions {
  /** The window's own reconstruction. */
  readonly scene: Scene4D;
  /** Index in `scene.frames` of the anchor frame. */
  readonly anchorIndex: number;
  /** The anchor frame as the previous (already chained) window reconstructed it: depth and camera-to-world pose. */
  readonly anchor: Pick<Scene4DFrame, 'depth' | 'worldFromCamera'>;
}

/** Result of {@link chainSceneToAnchor}. */
export interface ChainSceneResult {
  /** `scene` in the anchor's world frame and scale (depths × scale, poses mapped by the similarity). */
  readonly scene: Scene4D;
  /** The similarity `x_anchorWorld = scale · R · x_window + t`. */
  readonly similarity: Sim3;
  /** Pixels with a positive, finite depth in both copies of the anchor (the median ratio's sample). */
  readonly pixelCount: number;
}

function median(values: Float64Array): number {
  const sorted = values.sort();
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/**
 * Maps a window's reconstruction into the world frame of the previous window through their shared anchor frame
 * (see the module comment). Pure: `scene` is not modified.
 * @throws {@link InvalidArgumentError} for `anchorIndex`: must index a frame of the scene
 * @throws {@link ShapeMismatchError} when the anchor's depth is not the scene's size
 * @throws {@link InvalidArgumentError} for `anchor`: no pixel has a depth in both copies of the anchor frame
 */
export function chainSceneToAnchor(options: ChainSceneOptions): ChainSceneResult {
  const { scene, anchorIndex, anchor } = options;
  const own = scene.frames[anchorIndex];
  if (!Number.isInteger(anchorIndex) || own === undefined)
    throw new InvalidArgumentError({
      argument: 'anchorIndex',
      value: anchorIndex,
      message: `must index a frame of the scene (0…${scene.frames.length - 1})`,
    });
  if (anchor.depth.length !== own.depth.length)
    throw new ShapeMismatchError({
      what: 'anchor.depth',
      expected: [scene.height, scene.width],
      actual: [anchor.depth.length],
    });
  const ratios = new Float64Array(own.depth.length);
  let count = 0;
  for (let i = 0; i < own.depth.length; i++) {
    const a = anchor.depth[i]!,
      b = own.depth[i]!;
    if (a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b)) ratios[count++] = a / b;
  }
  if (count === 0)
    throw new InvalidArgumentError({
      argument: 'anchor',
      message: 'no pixel has a positive depth in both copies of the anchor frame',
    });
  const scale = median(ratios.subarray(0, count));
  // x_anchorWorld = Rp (s · p) + tp with p = Rcᵀ (x_window − tc): R = Rp Rcᵀ, t = tp − s R tc.
  const p = anchor.worldFromCamera,
    c = own.worldFromCamera;
  const rotation = new Float64Array(9);
  for (let r = 0; r < 3; r++)
    for (let k = 0; k < 3; k++)
      rotation[3 * r + k] = p[4 * r]! * c[4 * k]! + p[4 * r + 1]! * c[4 * k + 1]! + p[4 * r + 2]! * c[4 * k + 2]!;
  const translation = new Float64Array(3);
  for (let r = 0; r < 3; r++)
    translation[r] =
      p[4 * r + 3]! - scale * (rotation[3 * r]! * c[3]! + rotation[3 * r + 1]! * c[7]! + rotation[3 * r + 2]! * c[11]!);
  const frames = scene.frames.map((frame): Scene4DFrame => {
    const m = frame.worldFromCamera;
    const out = new Float64Array(16);
    for (let r = 0; r < 3; r++) {
      for (let k = 0; k < 3; k++)
        out[4 * r + k] = rotation[3 * r]! * m[k]! + rotation[3 * r + 1]! * m[4 + k]! + rotation[3 * r + 2]! * m[8 + k]!;
      out[4 * r + 3] =
        scale * (rotation[3 * r]! * m[3]! + rotation[3 * r + 1]! * m[7]! + rotation[3 * r + 2]! * m[11]!) +
        translation[r]!;
    }
    out[15] = 1;
    const depth = new Float32Array(frame.depth.length);
    for (let i = 0; i < depth.length; i++) depth[i] = frame.depth[i]! * scale;
    return { ...frame, depth, worldFromCamera: out };
  });
  return { scene: { ...scene, frames }, similarity: { scale, rotation, translation }, pixelCount: count };
}
