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
 * a previous mask can be given as `mask_input` (its 256×256 logits). Of the M
 * candidates the one with the highest predicted IoU is kept; logits are
 * resized bilinearly to the frame and thresholded at 0.
 */
import { InvalidArgumentError, type MaskBox } from '@stkit/core';
import { createOnnxSession, tensor, type OnnxDevice, type OnnxSession, type OnnxSessionInfo, type Tensor } from '@stkit/core/onnx';
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
  doSegment(options: { embedding: ImageEmbedding; prompts: readonly MaskPrompt[]; signal?: AbortSignal }): Promise<{ masks: PredictedMask[]; provider: string }>;
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
  const encoder: OnnxSession = createOnnxSession({ model: settings.encoder, device, name: typeof settings.encoder === 'string' ? settings.encoder : 'sam2-encoder' });
  const decoder: OnnxSession = createOnnxSession({ model: settings.decoder, device, name: typeof settings.decoder === 'string' ? settings.decoder : 'sam2-decoder' });
  return {
    specificationVersion: 'v1',
    backendId: 'onnx',
    modelId: settings.name ?? 'sam2',
    load: async () => ({ encoder: await encoder.load(), decoder: await decoder.load() }),
    async doEmbed({ image, signal }) {
      checkImage(image);
      const info = await encoder.load(signal ? { signal } : {});
      const input = info.inputs[0]!;
      const features = await encoder.run({ [input.name]: tensor(imageToNormalizedChw(image, SAM2_IMAGE_SIZE, SAM2_IMAGE_SIZE), [1, 3, SAM2_IMAGE_SIZE, SAM2_IMAGE_SIZE]) }, signal ? { signal } : {});
      return { width: image.width, height: image.height, features };
    },
    async doSegment({ embedding, prompts, signal }) {
      const info = await decoder.load(signal ? { signal } : {});
      const names = new Set(info.inputs.map((i) => i.name));
      const { width, height } = embedding;
      const sx = SAM2_IMAGE_SIZE / width, sy = SAM2_IMAGE_SIZE / height;
      const masks: PredictedMask[] = [];
      for (const prompt of prompts) {
        const [x1, y1, x2, y2] = prompt.box;
        if (![x1, y1, x2, y2].every(Number.isFinite) || x2 < x1 || y2 < y1) throw new InvalidArgumentError({ argument: 'prompts.box', value: prompt.box, message: 'must be a finite [x1, y1, x2, y2] with x2 ≥ x1, y2 ≥ y1' });
        const feeds: Record<string, Tensor> = {};
        for (const [key, value] of Object.entries(embedding.features)) if (names.has(key)) feeds[key] = value;
        feeds.point_coords = tensor(Float32Array.of(x1 * sx, y1 * sy, x2 * sx, y2 * sy), [1, 2, 2]);
        feeds.point_labels = tensor(Float32Array.of(2, 3), [1, 2]);
        const hasMask = prompt.maskInput !== undefined && prompt.maskInput.length === SAM2_LOW_RES * SAM2_LOW_RES;
        feeds.mask_input = tensor(hasMask ? prompt.maskInput! : new Float32Array(SAM2_LOW_RES * SAM2_LOW_RES), [1, 1, SAM2_LOW_RES, SAM2_LOW_RES]);
        feeds.has_mask_input = tensor(Float32Array.of(hasMask ? 1 : 0), [1]);
        if (names.has('orig_im_size')) {
          const type = info.inputs.find((i) => i.name === 'orig_im_size')?.type;
          feeds.orig_im_size = type === 'int64' ? tensor(BigInt64Array.of(BigInt(height), BigInt(width)), [2]) : type === 'int32' ? tensor(Int32Array.of(height, width), [2]) : tensor(Float32Array.of(height, width), [2]);
        }
        const out = await decoder.run(feeds, signal ? { signal } : {});
        const logits = out.masks, iou = out.iou_predictions;
        if (!logits || !iou || logits.shape.length !== 4) throw new InvalidArgumentError({ argument: 'decoder', value: Object.keys(out), message: `${decoder.name}: outputs must include 'masks' [N, M, h, w] and 'iou_predictions'` });
        const [, candidates = 1, h = 0, w = 0] = logits.shape;
        let best = 0;
        const scores = iou.data as Float32Array;
        for (let m = 1; m < candidates; m++) if (scores[m]! > scores[best]!) best = m;
        const chosen = (logits.data as Float32Array).subarray(best * h * w, (best + 1) * h * w);
        const mask = h === height && w === width ? Uint8Array.from(chosen, (v) => (v > 0 ? 1 : 0)) : logitsToMask(chosen, w, h, width, height);
        masks.push({ mask, lowRes: h === SAM2_LOW_RES && w === SAM2_LOW_RES ? Float32Array.from(chosen) : undefined, score: scores[best]! });
      }
      return { masks, provider: decoder.provider ?? 'cpu' };
    },
    async dispose() {
      await encoder.dispose();
      await decoder.dispose();
    },
  };
}
