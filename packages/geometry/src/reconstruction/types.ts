/**
 * Data types of the reconstruction stage: the pairwise pointmaps it consumes
 * and the {@link Scene4D} it produces.
 *
 * Conventions (all of `reconstruction`):
 * - Images are `height × width`, stored row-major (`index = v * width + u`).
 * - Pixel `(u, v)` has its centre at the integer coordinate `(u, v)` (OpenCV
 *   convention); the principal point of an optimised scene is `(W/2, H/2)` as in
 *   DUSt3R/MonST3R.
 * - Camera frame: x right, y down, z forward (OpenCV). A camera point of pixel
 *   `(u, v)` at depth `d` is `d · ((u − cx)/fx, (v − cy)/fy, 1)`.
 * - `worldFromCamera` is a row-major 4×4 rigid transform (camera-to-world):
 *   `p_world = R · p_camera + t`, `R` = elements 0–2, 4–6, 8–10 and `t` = elements 3, 7, 11.
 */
import type { PinholeIntrinsics } from '../math/index';

/**
 * One pairwise prediction of a DUSt3R/MonST3R-style model for the ordered pair
 * of frames `(i, j)`: both pointmaps are expressed in the camera frame of `i`.
 * Arrays are row-major `height × width` (× 3 for points).
 */
export interface PointmapPair {
  /** Index of the first frame (the reference view). */
  readonly i: number;
  /** Index of the second frame. */
  readonly j: number;
  /** Pointmap height in pixels. */
  readonly height: number;
  /** Pointmap width in pixels. */
  readonly width: number;
  /** Points of frame `i`'s pixels in camera `i`'s frame, `[H*W*3]`. */
  readonly pts3d1: Float32Array;
  /** Confidence of `pts3d1` as the model outputs it (DUSt3R: `1 + exp(x) ≥ 1`), `[H*W]`. */
  readonly conf1: Float32Array;
  /** Points of frame `j`'s pixels expressed in camera `i`'s frame, `[H*W*3]`. */
  readonly pts3d2: Float32Array;
  /** Confidence of `pts3d2`, `[H*W]`. */
  readonly conf2: Float32Array;
}

/** One frame of a {@link Scene4D}. */
export interface Scene4DFrame {
  /** Depth along the camera z axis, row-major `[H*W]`; ≤ 0 or non-finite means "no depth". Scene units (metres once canonicalised). */
  readonly depth: Float32Array;
  /** Per-pixel confidence, row-major `[H*W]` (for optimised scenes: the maximum model confidence over the pairs that see the pixel). */
  readonly confidence: Float32Array;
  /** Camera intrinsics of this frame (pixels, with the image size). */
  readonly intrinsics: PinholeIntrinsics;
  /** Camera-to-world rigid transform, row-major 4×4 (16 values). */
  readonly worldFromCamera: Float64Array;
  /** Optional mask of dynamic pixels (1 = moving), row-major `[H*W]`. */
  readonly dynamicMask?: Uint8Array;
}

/** A reconstructed video: per-frame depth, intrinsics, pose and confidence in one world frame. */
export interface Scene4D {
  /** Image height in pixels (all frames). */
  readonly height: number;
  /** Image width in pixels (all frames). */
  readonly width: number;
  /** Frames in video order. */
  readonly frames: readonly Scene4DFrame[];
  /** `true` once depths and translations are metric (after {@link canonicalizeScale}). */
  readonly metric: boolean;
}
