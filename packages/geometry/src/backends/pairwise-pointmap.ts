/**
 * DUSt3R/MonST3R pairwise pointmaps over a two-part ONNX export:
 * encoder `imgs [B, 3, 288, 512]` → `feats [B, P, D]`, run once per frame;
 * decoder `feat1, feat2 [B, P, D]` → `pts3d1, pts3d2 [B, H, W, 3]`,
 * `conf1, conf2 [B, H, W]`, run once per pair of the scene graph.
 *
 * Frames are laid out as DUSt3R's `load_images(size=512)` (see
 * {@link dust3rLayout}) and normalised with mean = std = 0.5 on [0, 1].
 * Resampling is an antialiased bilinear filter where the original uses PIL's
 * LANCZOS (shrinking) / BICUBIC (enlarging): intensities differ slightly,
 * geometry is identical.
 */
import { InvalidArgumentError, ShapeMismatchError } from '@stkit/core';
import {
  createOnnxSession,
  tensor,
  type OnnxDevice,
  type OnnxSession,
  type OnnxSessionSettings,
} from '@stkit/core/onnx';
import { dust3rLayout, type Dust3rLayout } from './dust3r-layout';
import { preprocessImage, type RgbImage } from './image-preprocess';
import { DEFAULT_SCENE_GRAPH, makePairs } from './make-pairs';
import type { PairwisePointmap, PointmapBackendV1, PointmapCallOptions, PointmapResult } from './types';

/** Settings of {@link createPairwisePointmapBackend}. */
export interface PairwisePointmapSettings {
  /** Encoder `.onnx` (path or bytes). */
  readonly encoder: string | Uint8Array;
  /** Decoder `.onnx` (path or bytes). */
  readonly decoder: string | Uint8Array;
  /** @default 'auto' */
  readonly device?: OnnxDevice;
  /** @default true */
  readonly fallback?: boolean;
  /** Long side of the model input, pixels. @default 512 */
  readonly longSide?: number;
  /** Frames or pairs per run when the export's batch dimension is dynamic. @default 4 */
  readonly batchSize?: number;
  /** Scene graph used when a call gives no pairs. @default 'swinstride-5-noncyclic' */
  readonly sceneGraph?: string;
  /** Reported model id. @default 'monst3r' */
  readonly modelId?: string;
  /** Tensor names of the export. */
  readonly names?: {
    readonly imgs?: string;
    readonly feats?: string;
    readonly feat1?: string;
    readonly feat2?: string;
    readonly pts3d1?: string;
    readonly conf1?: string;
    readonly pts3d2?: string;
    readonly conf2?: string;
  };
  /** Passed to both sessions (test seam). */
  readonly _internal?: OnnxSessionSettings['_internal'];
}

/** Creates a pairwise pointmap backend; both sessions are created on the first call. */
export function createPairwisePointmapBackend(settings: PairwisePointmapSettings): PointmapBackendV1 {
  const names = {
    imgs: 'imgs',
    feats: 'feats',
    feat1: 'feat1',
    feat2: 'feat2',
    pts3d1: 'pts3d1',
    conf1: 'conf1',
    pts3d2: 'pts3d2',
    conf2: 'conf2',
    ...settings.names,
  };
  const common = {
    ...(settings.device ? { device: settings.device } : {}),
    ...(settings.fallback !== undefined ? { fallback: settings.fallback } : {}),
    ...(settings._internal ? { _internal: settings._internal } : {}),
  };
  const encoder = createOnnxSession({ model: settings.encoder, name: 'pointmap encoder', ...common });
  const decoder = createOnnxSession({ model: settings.decoder, name: 'pointmap decoder', ...common });
  const longSide = settings.longSide ?? 512;

  return {
    specificationVersion: 'v1',
    backendId: 'onnx',
    modelId: settings.modelId ?? 'monst3r',
    async doPredict(options: PointmapCallOptions): Promise<PointmapResult> {
      const { frames, signal } = options;
      if (frames.length < 2)
        throw new InvalidArgumentError({
          argument: 'frames',
          value: frames.length,
          message: 'at least 2 frames are needed',
        });
      const first = frames[0]!;
      frames.forEach((frame, index) => {
        if (frame.width !== first.width || frame.height !== first.height) {
          throw new InvalidArgumentError({
            argument: `frames[${index}]`,
            value: [frame.width, frame.height],
            message: `all frames must be ${first.width}×${first.height}`,
          });
        }
      });
      const pairs =
        options.pairs ?? makePairs(frames.length, { sceneGraph: settings.sceneGraph ?? DEFAULT_SCENE_GRAPH });
      for (const [i, j] of pairs) {
        if (!(i >= 0 && i < frames.length && j >= 0 && j < frames.length))
          throw new InvalidArgumentError({
            argument: 'pairs',
            value: [i, j],
            message: `frame index out of range 0…${frames.length - 1}`,
          });
      }
      const layout = dust3rLayout(first.width, first.height, longSide);
      const signalOption = signal ? { signal } : {};
      const encoderInfo = await encoder.load(signalOption);
      const imgsInfo = encoderInfo.inputs.find((input) => input.name === names.imgs);
      const shape = imgsInfo?.shape;
      if (!imgsInfo)
        throw new ShapeMismatchError({
          what: `encoder input '${names.imgs}' (inputs: ${encoderInfo.inputs.map((x) => x.name).join(', ')})`,
          expected: ['B', 3, 'H', 'W'],
          actual: [],
        });
      if (
        shape &&
        ((typeof shape[2] === 'number' && shape[2] !== layout.height) ||
          (typeof shape[3] === 'number' && shape[3] !== layout.width))
      ) {
        throw new ShapeMismatchError({
          what: `encoder input '${names.imgs}' for ${first.width}×${first.height} frames (laid out as ${layout.width}×${layout.height}; export the model for that size)`,
          expected: shape,
          actual: [1, 3, layout.height, layout.width],
        });
      }
      const batch =
        shape && typeof shape[0] === 'number' && shape[0] > 0 ? shape[0] : Math.max(1, settings.batchSize ?? 4);
      const { perFrame: feats, tokens, dim } = await encodeFrames(encoder, frames, layout, batch, names, signal);

      const results: PairwisePointmap[] = [];
      const pixels = layout.width * layout.height;
      const featSize = tokens * dim;
      for (let start = 0; start < pairs.length; start += batch) {
        const chunk = pairs.slice(start, start + batch);
        const feat1 = new Float32Array(batch * featSize),
          feat2 = new Float32Array(batch * featSize);
        for (let b = 0; b < batch; b++) {
          const [i, j] = chunk[Math.min(b, chunk.length - 1)]!; // a fixed batch is padded with the last pair
          feat1.set(feats[i]!, b * featSize);
          feat2.set(feats[j]!, b * featSize);
        }
        const dims = [batch, tokens, dim];
        const out = await decoder.run(
          { [names.feat1]: tensor(feat1, dims), [names.feat2]: tensor(feat2, dims) },
          signalOption,
        );
        const get = (name: string, channels: number): Float32Array => {
          const value = out[name];
          if (!value || value.data.length !== batch * pixels * channels) {
            throw new ShapeMismatchError({
              what: `decoder output '${name}'`,
              expected: channels === 3 ? [batch, layout.height, layout.width, 3] : [batch, layout.height, layout.width],
              actual: value ? [...value.shape] : [],
            });
          }
          return value.data as Float32Array;
        };
        const p1 = get(names.pts3d1, 3),
          c1 = get(names.conf1, 1),
          p2 = get(names.pts3d2, 3),
          c2 = get(names.conf2, 1);
        chunk.forEach(([i, j], b) => {
          results.push({
            i,
            j,
            height: layout.height,
            width: layout.width,
            pts3d1: p1.slice(b * pixels * 3, (b + 1) * pixels * 3),
            conf1: c1.slice(b * pixels, (b + 1) * pixels),
            pts3d2: p2.slice(b * pixels * 3, (b + 1) * pixels * 3),
            conf2: c2.slice(b * pixels, (b + 1) * pixels),
          });
        });
        options.onProgress?.(results.length, pairs.length);
      }
      return {
        pairs: results,
        width: layout.width,
        height: layout.height,
        transform: {
          scaleX: layout.resizedWidth / first.width,
          scaleY: layout.resizedHeight / first.height,
          resizedWidth: layout.resizedWidth,
          resizedHeight: layout.resizedHeight,
          cropX: layout.cropX,
          cropY: layout.cropY,
        },
        provider: decoder.provider,
      };
    },
    async dispose() {
      await Promise.all([encoder.dispose(), decoder.dispose()]);
    },
  };
}

/** Encodes every frame once; returns one `[P, D]` feature array per frame. */
async function encodeFrames(
  encoder: OnnxSession,
  frames: readonly RgbImage[],
  layout: Dust3rLayout,
  batch: number,
  names: { imgs: string; feats: string },
  signal: AbortSignal | undefined,
): Promise<{ perFrame: Float32Array[]; tokens: number; dim: number }> {
  const slot = 3 * layout.width * layout.height;
  const perFrame: Float32Array[] = [];
  let tokens = 0,
    dim = 0;
  for (let start = 0; start < frames.length; start += batch) {
    const input = new Float32Array(batch * slot);
    const count = Math.min(batch, frames.length - start);
    for (let b = 0; b < batch; b++) {
      preprocessImage({
        image: frames[start + Math.min(b, count - 1)]!,
        resizedWidth: layout.resizedWidth,
        resizedHeight: layout.resizedHeight,
        crop: { x: layout.cropX, y: layout.cropY, width: layout.width, height: layout.height },
        canvasWidth: layout.width,
        canvasHeight: layout.height,
        // (v/255 − 0.5)/0.5 = (v − 127.5)/127.5
        mean: [127.5, 127.5, 127.5],
        std: [127.5, 127.5, 127.5],
        antialias: true,
        out: input.subarray(b * slot, (b + 1) * slot),
      });
    }
    const out = await encoder.run(
      { [names.imgs]: tensor(input, [batch, 3, layout.height, layout.width]) },
      signal ? { signal } : {},
    );
    const value = out[names.feats];
    if (!value || value.shape.length !== 3 || value.shape[0] !== batch) {
      throw new ShapeMismatchError({
        what: `encoder output '${names.feats}'`,
        expected: [batch, 'P', 'D'],
        actual: value ? [...value.shape] : [],
      });
    }
    tokens = value.shape[1]!;
    dim = value.shape[2]!;
    const per = tokens * dim;
    for (let b = 0; b < count; b++) perFrame.push((value.data as Float32Array).slice(b * per, (b + 1) * per));
  }
  return { perFrame, tokens, dim };
}
