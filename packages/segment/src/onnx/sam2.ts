/**
 * SAM 2 over ONNX, as the common export splits it: an image encoder
 * (`image` [1, 3, 1024, 1024], ImageNet-normalised, the frame stretched to the
 * square as SAM 2's transforms do → `image_embed` [1, 256, 64, 64],
 * `high_res_feats_0` [1, 32, 256, 256], `high_res_feats_1` [1, 64, 128, 128])
 * and a prompt decoder (those three + `point_coords` [N, P, 2] in 1024-pixel
 * space, `point_labels` [N, P], `mask_input` [N, 1, 256, 256],
 * `has_mask_input` [N], optionally `orig_im_size` → `masks` [N, M, h, w]
 * logits, `iou_predictions` [N, M]).
 *
 * A box prompt is two points labelled 2 (top-left) and 3 (bottom-right);
 * a previous mask can be given as `mask_input` (its 256×256 logits). All
 * prompts of a frame go in one run when the export's prompt dimension is
 * symbolic (one run per prompt when it is fixed at 1). Of the M
 * candidates the one with the highest predicted IoU is kept; logits are
 * resized bilinearly to the frame and thresholded at 0.
 */
import { InvalidArgumentError, type MaskBox } from '@stkit/core';
import {
  createOnnxSession,
  tensor,
  type OnnxDevice,
  type OnnxSession,
  type OnnxSessionInfo,
  type Tensor,
} from '@stkit/core/onnx';
import { checkImage, imageToNormalizedChw, logitsToMask, type RgbImage } from './image';

/** SAM 2's encoder input side and low-resolution mask side. */
export const SAM2_IMAGE_SIZE = 1024;
export const SAM2_LOW_RES = 256;

/** The encoder outputs of one frame, fed to every decoder call on it. */
export interface ImageEmbedding {
  readonly width: number;
  readonly height: number;
  readonly features: Readonly<Record<string, Tensor>>;
}

/** One prompt: a box in frame pixels, optionally the previous low-resolution logits of the object. */
export interface MaskPrompt {
  readonly box: MaskBox;
  readonly maskInput?: Float32Array | undefined;
}

/** One predicted mask. */
export interface PredictedMask {
  /** Row-major 0/1 mask of the frame size. */
  readonly mask: Uint8Array;
  /** The chosen candidate's 256×256 logits (for the next frame's `mask_input`), when the decoder outputs low resolution. */
  readonly lowRes: Float32Array | undefined;
  /** Predicted IoU of the chosen candidate. */
  readonly score: number;
}

/** A promptable mask model backend. */
export interface MaskBackendV1 {
  readonly specificationVersion: 'v1';
  readonly backendId: string;
  readonly modelId: string;
  doEmbed(options: { image: RgbImage; signal?: AbortSignal }): Promise<ImageEmbedding>;
  doSegment(options: {
    embedding: ImageEmbedding;
    prompts: readonly MaskPrompt[];
    signal?: AbortSignal;
  }): Promise<{ masks: PredictedMask[]; provider: string }>;
  load?(): Promise<{ encoder: OnnxSessionInfo; decoder: OnnxSessionInfo }>;
  dispose?(): Promise<void>;
}

/** Settings of {@link createSam2Backend}. */
export interface Sam2Settings {
  readonly encoder: string | Uint8Array;
  readonly decoder: string | Uint8Array;
  /** @default 'auto' */
  readonly device?: OnnxDevice;
  readonly name?: string;
}

/** Creates a SAM 2 backend over the encoder and decoder exports; sessions load on first use. */
export function createSam2Backend(settings: Sam2Settings): MaskBackendV1 {
  const device = settings.device ?? 'auto';
  const encoder: OnnxSession = createOnnxSession({
    model: settings.encoder,
    device,
    name: typeof settings.encoder === 'string' ? settings.encoder : 'sam2-encoder',
  });
  const decoder: OnnxSession = createOnnxSession({
    model: settings.decoder,
    device,
    name: typeof settings.decoder === 'string' ? settings.decoder : 'sam2-decoder',
  });
  return {
    specificationVersion: 'v1',
    backendId: 'onnx',
    modelId: settings.name ?? 'sam2',
    load: async () => ({ encoder: await encoder.load(), decoder: await decoder.load() }),
    async doEmbed({ image, signal }) {
      checkImage(image);
      const info = await encoder.load(signal ? { signal } : {});
      const input = info.inputs[0]!;
      const features = await encoder.run(
        {
          [input.name]: tensor(imageToNormalizedChw(image, SAM2_IMAGE_SIZE, SAM2_IMAGE_SIZE), [
            1,
            3,
            SAM2_IMAGE_SIZE,
            SAM2_IMAGE_SIZE,
          ]),
        },
        signal ? { signal } : {},
      );
      return { width: image.width, height: image.height, features };
    },
    async doSegment({ embedding, prompts, signal }) {
      const info = await decoder.load(signal ? { signal } : {});
      const names = new Set(info.inputs.map((i) => i.name));
      const { width, height } = embedding;
      const sx = SAM2_IMAGE_SIZE / width,
        sy = SAM2_IMAGE_SIZE / height;
      for (const prompt of prompts) {
        const [x1, y1, x2, y2] = prompt.box;
        if (![x1, y1, x2, y2].every(Number.isFinite) || x2 < x1 || y2 < y1)
          throw new InvalidArgumentError({
            argument: 'prompts.box',
            value: prompt.box,
            message: 'must be a finite [x1, y1, x2, y2] with x2 ≥ x1, y2 ≥ y1',
          });
      }
      // Exports with a symbolic first dimension of point_coords take every prompt in one run; a fixed N = 1 one run each.
      const batchDim = info.inputs.find((i) => i.name === 'point_coords')?.shape?.[0];
      const batch = typeof batchDim === 'number' ? Math.max(1, batchDim) : Math.max(1, prompts.length);
      const plane = SAM2_LOW_RES * SAM2_LOW_RES;
      const masks: PredictedMask[] = [];
      for (let first = 0; first < prompts.length; first += batch) {
        const group = prompts.slice(first, first + batch);
        const n = group.length;
        const coords = new Float32Array(4 * n),
          labels = new Float32Array(2 * n),
          maskInput = new Float32Array(n * plane),
          hasMask = new Float32Array(n);
        group.forEach((prompt, k) => {
          const [x1, y1, x2, y2] = prompt.box;
          coords.set([x1 * sx, y1 * sy, x2 * sx, y2 * sy], 4 * k);
          labels.set([2, 3], 2 * k);
          if (prompt.maskInput !== undefined && prompt.maskInput.length === plane) {
            maskInput.set(prompt.maskInput, k * plane);
            hasMask[k] = 1;
          }
        });
        const feeds: Record<string, Tensor> = {};
        for (const [key, value] of Object.entries(embedding.features)) if (names.has(key)) feeds[key] = value;
        feeds.point_coords = tensor(coords, [n, 2, 2]);
        feeds.point_labels = tensor(labels, [n, 2]);
        feeds.mask_input = tensor(maskInput, [n, 1, SAM2_LOW_RES, SAM2_LOW_RES]);
        feeds.has_mask_input = tensor(hasMask, [n]);
        if (names.has('orig_im_size')) {
          const type = info.inputs.find((i) => i.name === 'orig_im_size')?.type;
          feeds.orig_im_size =
            type === 'int64'
              ? tensor(BigInt64Array.of(BigInt(height), BigInt(width)), [2])
              : type === 'int32'
                ? tensor(Int32Array.of(height, width), [2])
                : tensor(Float32Array.of(height, width), [2]);
        }
        const out = await decoder.run(feeds, signal ? { signal } : {});
        const logits = out.masks,
          iou = out.iou_predictions;
        if (!logits || !iou || logits.shape.length !== 4 || logits.shape[0] !== n)
          throw new InvalidArgumentError({
            argument: 'decoder',
            value: Object.keys(out),
            message: `${decoder.name}: outputs must include 'masks' [N, M, h, w] and 'iou_predictions' [N, M] for N = ${n} prompts`,
          });
        const [, candidates = 1, h = 0, w = 0] = logits.shape;
        const scores = iou.data as Float32Array,
          data = logits.data as Float32Array;
        for (let k = 0; k < n; k++) {
          let best = 0;
          for (let m = 1; m < candidates; m++)
            if (scores[k * candidates + m]! > scores[k * candidates + best]!) best = m;
          const offset = (k * candidates + best) * h * w;
          const chosen = data.subarray(offset, offset + h * w);
          const mask =
            h === height && w === width
              ? Uint8Array.from(chosen, (v) => (v > 0 ? 1 : 0))
              : logitsToMask(chosen, w, h, width, height);
          masks.push({
            mask,
            lowRes: h === SAM2_LOW_RES && w === SAM2_LOW_RES ? Float32Array.from(chosen) : undefined,
            score: scores[k * candidates + best]!,
          });
        }
      }
      return { masks, provider: decoder.provider ?? 'cpu' };
    },
    async dispose() {
      await encoder.dispose();
      await decoder.dispose();
    },
  };
}
