/**
 * Versioned backend interfaces of `@stkit/geometry` (see STYLE.md): a backend
 * is a plain object with a `do*` method, created by a factory; `V1` is frozen
 * once published, changes come as `V2` beside it.
 */
import type { ExecutionProviderName } from '@stkit/core/onnx';
import type { FocalIntrinsics, PinholeIntrinsics } from '../math/index';
import type { RgbImage } from './image-preprocess';
import type { PointmapPair } from '../reconstruction/types';

/** Options of one {@link DepthBackendV1.doEstimate} call. */
export interface DepthCallOptions {
  /** The frame (required by model backends). */
  readonly image?: RgbImage;
  /** Index of the frame in its video (required by precomputed backends). */
  readonly frameIndex?: number;
  /** Intrinsics of `image` at its own resolution; when omitted a model backend assumes its `defaultFovDegrees`. */
  readonly intrinsics?: FocalIntrinsics;
  /** Cancels session creation or the run. */
  readonly signal?: AbortSignal;
}

/** A metric depth map. */
export interface DepthResult {
  /** Depth along the camera z axis, metres, row-major `height × width`; 0 where the model has none. */
  readonly depth: Float32Array;
  readonly width: number;
  readonly height: number;
  /** The intrinsics the metric scale was computed with (image resolution). */
  readonly intrinsics: PinholeIntrinsics;
  /** True when `intrinsics` were not given and a default field of view was assumed. */
  readonly intrinsicsAssumed: boolean;
  /** The execution provider that ran the model (`undefined` for precomputed data). */
  readonly provider: ExecutionProviderName | undefined;
}

/** A depth backend, version 1. */
export interface DepthBackendV1 {
  readonly specificationVersion: 'v1';
  /** `'onnx'`, `'precomputed'`, `'mock'`, … */
  readonly backendId: string;
  /** e.g. `'metric3d-v2'`, `'monst3r-precomputed'`. */
  readonly modelId: string;
  doEstimate(options: DepthCallOptions): Promise<DepthResult>;
  dispose?(): Promise<void>;
}

/**
 * One pairwise prediction for the ordered frame pair `(i, j)`, both pointmaps
 * in camera `i`'s frame (DUSt3R/MonST3R `pts3d` and `pts3d_in_other_view`):
 * the reconstruction module's `PointmapPair`, so backend output feeds
 * `alignGlobally` directly.
 */
export type PairwisePointmap = PointmapPair;

/** Options of one {@link PointmapBackendV1.doPredict} call. */
export interface PointmapCallOptions {
  /** The video frames, all of the same size. */
  readonly frames: readonly RgbImage[];
  /** Ordered pairs `[i, j]` to predict; default `makePairs(frames.length, 'swinstride-5-noncyclic')`. */
  readonly pairs?: readonly (readonly [number, number])[];
  readonly signal?: AbortSignal;
  /** Called after each decoded batch with the number of pairs done. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * How model pixels relate to input pixels (pixel centres at integers):
 * `u_model = (u_input + 0.5) · scaleX − 0.5 − cropX`, same for v with scaleY, cropY.
 */
export interface PointmapImageTransform {
  /** Resize factors from input to the resized image (`resizedWidth / width`, `resizedHeight / height`). */
  readonly scaleX: number;
  readonly scaleY: number;
  /** Size of the resized image before cropping. */
  readonly resizedWidth: number;
  readonly resizedHeight: number;
  /** Crop window in the resized image. */
  readonly cropX: number;
  readonly cropY: number;
}

/** Pointmaps of a video. */
export interface PointmapResult {
  readonly pairs: readonly PairwisePointmap[];
  /** Model resolution. */
  readonly width: number;
  readonly height: number;
  readonly transform: PointmapImageTransform;
  readonly provider: ExecutionProviderName | undefined;
}

/** A pairwise pointmap backend, version 1. */
export interface PointmapBackendV1 {
  readonly specificationVersion: 'v1';
  readonly backendId: string;
  readonly modelId: string;
  doPredict(options: PointmapCallOptions): Promise<PointmapResult>;
  dispose?(): Promise<void>;
}

/** Options of one {@link SceneBackendV1.doReconstruct} call. */
export interface SceneCallOptions {
  readonly signal?: AbortSignal;
}

/** A backend that yields a whole reconstructed video (depth, intrinsics, poses, confidence per frame), version 1. */
export interface SceneBackendV1<Scene = unknown> {
  readonly specificationVersion: 'v1';
  readonly backendId: string;
  readonly modelId: string;
  doReconstruct(options?: SceneCallOptions): Promise<{ readonly scene: Scene }>;
  dispose?(): Promise<void>;
}
