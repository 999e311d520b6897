/**
 * Metric3D v2 over ONNX: metric depth from one image.
 *
 * Fixed export (the official one): input `image` float32 `[1, 3, 616, 1064]`,
 * raw RGB 0–255 (normalisation inside the graph), output `pred_depth`.
 * Dynamic export: input `pixel_values` `[1, 3, H, W]` (multiples of 14,
 * ImageNet-normalised here), output `predicted_depth`.
 *
 * Post-processing as Metric3D's own code: remove the padding, resize
 * bilinearly back to the input size, multiply by `fx · scale / 1000` (the
 * model predicts depth for a canonical camera of focal 1000 px), clamp to
 * [0, 300] m.
 */
import { InvalidArgumentError, ShapeMismatchError } from '@stkit/core';
import { createOnnxSession, tensor, type OnnxDevice, type OnnxSessionSettings } from '@stkit/core/onnx';
import type { FocalIntrinsics, PinholeIntrinsics } from '../math/index';
import { preprocessImage } from './image-preprocess';
import { metric3dDynamicLayout, metric3dFixedLayout, type Metric3dLayout } from './metric3d-layout';
import { resizeFloatMap } from './resize-float-map';
import type { DepthBackendV1, DepthCallOptions, DepthResult } from './types';

/** ImageNet mean / std in 0–255 units (Metric3D's normalisation). */
export const METRIC3D_MEAN = Object.freeze([123.675, 116.28, 103.53] as const);
export const METRIC3D_STD = Object.freeze([58.395, 57.12, 57.375] as const);

/** Settings of {@link createMetric3dBackend}. */
export interface Metric3dSettings {
  /** Path of the `.onnx` file, or its bytes. */
  readonly model: string | Uint8Array;
  /** `'fixed'`: official 616×1064 export, raw 0–255 input; `'dynamic'`: multiple-of-14 export, normalised input. @default 'fixed' */
  readonly variant?: 'fixed' | 'dynamic';
  /** @default 'auto' */
  readonly device?: OnnxDevice;
  /** Fall back to CPU when CUDA cannot be created. @default true */
  readonly fallback?: boolean;
  /** Input tensor name. @default 'image' (fixed), 'pixel_values' (dynamic) */
  readonly inputName?: string;
  /** Output tensor name. @default 'pred_depth' (fixed), 'predicted_depth' (dynamic) */
  readonly outputName?: string;
  /** Fixed variant: input `[height, width]`. @default [616, 1064] */
  readonly inputSize?: readonly [number, number];
  /** Dynamic variant: long side of the resized image, pixels. @default 518 */
  readonly longSide?: number;
  /** Focal length of Metric3D's canonical camera, pixels. @default 1000 */
  readonly canonicalFocal?: number;
  /** Depths are clamped to [0, maxDepth] metres. @default 300 */
  readonly maxDepth?: number;
  /** Horizontal field of view assumed when a call gives no intrinsics, degrees. @default 60 */
  readonly defaultFovDegrees?: number;
  /** Passed to the session factory (test seam: an injected runtime). */
  readonly _internal?: OnnxSessionSettings['_internal'];
}

/**
 * Creates a Metric3D v2 depth backend; the ONNX session is created on the first call.
 * @throws {@link InvalidArgumentError} for `variant`: must be 'fixed' or 'dynamic'
 */
export function createMetric3dBackend(settings: Metric3dSettings): DepthBackendV1 {
  const variant = settings.variant ?? 'fixed';
  if (variant !== 'fixed' && variant !== 'dynamic') {
    throw new InvalidArgumentError({ argument: 'variant', value: variant, message: "must be 'fixed' or 'dynamic'" });
  }
  const inputName = settings.inputName ?? (variant === 'fixed' ? 'image' : 'pixel_values');
  const outputName = settings.outputName ?? (variant === 'fixed' ? 'pred_depth' : 'predicted_depth');
  const [inputHeight, inputWidth] = settings.inputSize ?? [616, 1064];
  const canonicalFocal = settings.canonicalFocal ?? 1000;
  const maxDepth = settings.maxDepth ?? 300;
  const fov = ((settings.defaultFovDegrees ?? 60) * Math.PI) / 180;
  const session = createOnnxSession({
    model: settings.model,
    name: `metric3d-v2 (${typeof settings.model === 'string' ? settings.model : 'bytes'})`,
    ...(settings.device ? { device: settings.device } : {}),
    ...(settings.fallback !== undefined ? { fallback: settings.fallback } : {}),
    ...(settings._internal ? { _internal: settings._internal } : {}),
  });

  return {
    specificationVersion: 'v1',
    backendId: 'onnx',
    modelId: variant === 'fixed' ? 'metric3d-v2' : 'metric3d-v2-dynamic',
    async doEstimate(options: DepthCallOptions): Promise<DepthResult> {
      const image = options.image;
      if (!image) throw new InvalidArgumentError({ argument: 'image', message: 'Metric3D needs the frame image' });
      const layout: Metric3dLayout =
        variant === 'fixed'
          ? metric3dFixedLayout(image.width, image.height, inputHeight, inputWidth)
          : metric3dDynamicLayout(image.width, image.height, settings.longSide ?? 518);
      const intrinsicsAssumed = options.intrinsics === undefined;
      const focal = options.intrinsics ?? assumedIntrinsics(image.width, image.height, fov);
      const input = preprocessImage({
        image,
        resizedWidth: layout.resizedWidth,
        resizedHeight: layout.resizedHeight,
        canvasWidth: layout.canvasWidth,
        canvasHeight: layout.canvasHeight,
        offsetX: layout.padLeft,
        offsetY: layout.padTop,
        // fixed: raw 0–255 (the graph normalises), padded with the mean colour; dynamic: normalised here.
        mean: variant === 'fixed' ? [0, 0, 0] : [...METRIC3D_MEAN],
        std: variant === 'fixed' ? [1, 1, 1] : [...METRIC3D_STD],
        padColor: [...METRIC3D_MEAN],
      });
      const outputs = await session.run(
        { [inputName]: tensor(input, [1, 3, layout.canvasHeight, layout.canvasWidth]) },
        { outputNames: [outputName], ...(options.signal ? { signal: options.signal } : {}) },
      );
      const output = outputs[outputName];
      if (!output)
        throw new ShapeMismatchError({
          what: `metric3d output '${outputName}'`,
          expected: ['1', 'H', 'W'],
          actual: [],
        });
      const dims = output.shape;
      const outH = dims[dims.length - 2]!,
        outW = dims[dims.length - 1]!;
      if (outH !== layout.canvasHeight || outW !== layout.canvasWidth || output.data.length !== outH * outW) {
        throw new ShapeMismatchError({
          what: `metric3d output '${outputName}'`,
          expected: [1, 1, layout.canvasHeight, layout.canvasWidth],
          actual: [...dims],
        });
      }
      const depth = resizeFloatMap({
        source: output.data as Float32Array,
        sourceWidth: outW,
        window: { x: layout.padLeft, y: layout.padTop, width: layout.resizedWidth, height: layout.resizedHeight },
        width: image.width,
        height: image.height,
      });
      // Canonical camera → real camera: depth · f_model / f_canonical, with f_model = fx · scale.
      const factor = (focal.fx * layout.scale) / canonicalFocal;
      for (let i = 0; i < depth.length; i++) {
        const d = depth[i]! * factor;
        depth[i] = d > maxDepth ? maxDepth : d > 0 ? d : 0;
      }
      const intrinsics: PinholeIntrinsics = {
        fx: focal.fx,
        fy: focal.fy,
        cx: focal.cx,
        cy: focal.cy,
        width: image.width,
        height: image.height,
      };
      return {
        depth,
        width: image.width,
        height: image.height,
        intrinsics,
        intrinsicsAssumed,
        provider: session.provider,
      };
    },
    dispose: () => session.dispose(),
  };
}

function assumedIntrinsics(width: number, height: number, fov: number): FocalIntrinsics {
  const f = width / 2 / Math.tan(fov / 2);
  return { fx: f, fy: f, cx: (width - 1) / 2, cy: (height - 1) / 2 };
}
