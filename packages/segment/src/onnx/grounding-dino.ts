/**
 * Open-vocabulary detection with Grounding DINO exported to ONNX (the
 * IDEA-Research export: `img` + `input_ids`, `attention_mask`,
 * `position_ids`, `token_type_ids`, `text_token_mask` → `logits` [1, Q, 256]
 * pre-sigmoid, `boxes` [1, Q, 4] normalised cx, cy, w, h).
 *
 * Post-processing: token probabilities `σ(logits)` over the prompt's tokens;
 * box score = the query's highest token probability (Grounding DINO's
 * `logits.max`); the class is the phrase holding that token; text score =
 * the mean probability over that phrase's tokens (all words of "traffic
 * light" must match). Kept when box score ≥ `boxThreshold` and text score ≥
 * `textThreshold` (defaults 0.4 and 0.3, [definitions §4](docs/pages/definitions.md#filtering)). No NMS (as the
 * Grounded-SAM-2 demos); boxes in pixels of the input image, clipped to it.
 */
import { InvalidArgumentError, type MaskBox } from '@stkit/core';
import { createOnnxSession, tensor, type OnnxDevice, type OnnxSession, type OnnxSessionInfo } from '@stkit/core/onnx';
import type { Tokenizer } from '@huggingface/tokenizers';
import { encodeGroundingPrompt, loadTokenizer, type GroundingPrompt } from './grounding-prompt';
import { checkImage, imageToNormalizedChw, type RgbImage } from './image';

/** One detection. */
export interface Detection {
  /** `[x1, y1, x2, y2]` in pixels of the input image (continuous coordinates). */
  readonly box: MaskBox;
  readonly boxScore: number;
  readonly textScore: number;
  /** The prompt phrase matched. */
  readonly className: string;
}

/** Options of one {@link DetectorBackendV1.doDetect}. */
export interface DetectCallOptions {
  readonly image: RgbImage;
  /** Phrases separated by '.', e.g. `"car. person."`. */
  readonly prompt: string;
  readonly signal?: AbortSignal;
}

/** Result of a detection. */
export interface DetectResult {
  readonly detections: readonly Detection[];
  /** Execution provider the session runs on. */
  readonly provider: string;
}

/** An open-vocabulary detector backend. */
export interface DetectorBackendV1 {
  readonly specificationVersion: 'v1';
  readonly backendId: string;
  readonly modelId: string;
  doDetect(options: DetectCallOptions): Promise<DetectResult>;
  /** Session information (provider, inputs); loads the model. */
  load?(): Promise<OnnxSessionInfo>;
  dispose?(): Promise<void>;
}

/** Settings of {@link createGroundingDinoBackend}. */
export interface GroundingDinoSettings {
  /** The `.onnx` file (or its bytes). */
  readonly model: string | Uint8Array;
  /** `tokenizer.json` of the text encoder (bert-base-uncased), path or parsed. */
  readonly tokenizer: string | object;
  /** @default 'auto' */
  readonly device?: OnnxDevice;
  /** Minimum box score. @default 0.4 */
  readonly boxThreshold?: number;
  /** Minimum text score. @default 0.3 */
  readonly textThreshold?: number;
  /** Input size `[width, height]` for models with symbolic image dimensions. @default [800, 800] */
  readonly inputSize?: readonly [number, number];
  /** Name in messages and `modelId`. */
  readonly name?: string;
}

const TEXT_INPUTS = ['input_ids', 'attention_mask', 'position_ids', 'token_type_ids', 'text_token_mask'];

function checkThreshold(value: number, argument: string): number {
  if (!(value >= 0 && value <= 1)) throw new InvalidArgumentError({ argument, value, message: 'must be in [0, 1]' });
  return value;
}

/** Creates a Grounding DINO detector; the session and tokenizer load on first use. */
export function createGroundingDinoBackend(settings: GroundingDinoSettings): DetectorBackendV1 {
  const boxThreshold = checkThreshold(settings.boxThreshold ?? 0.4, 'boxThreshold');
  const textThreshold = checkThreshold(settings.textThreshold ?? 0.3, 'textThreshold');
  const name = settings.name ?? (typeof settings.model === 'string' ? settings.model : 'grounding-dino');
  const session: OnnxSession = createOnnxSession({ model: settings.model, device: settings.device ?? 'auto', name });
  let tokenizer: Promise<Tokenizer> | undefined;
  const prompts = new Map<string, GroundingPrompt>();

  return {
    specificationVersion: 'v1',
    backendId: 'onnx',
    modelId: name,
    load: () => session.load(),
    async doDetect({ image, prompt, signal }) {
      checkImage(image);
      const info = await session.load(signal ? { signal } : {});
      tokenizer ??= loadTokenizer(settings.tokenizer);
      let encoded = prompts.get(prompt);
      if (!encoded) {
        encoded = encodeGroundingPrompt(await tokenizer, prompt);
        prompts.set(prompt, encoded);
      }
      const imageInput = info.inputs.find((input) => !TEXT_INPUTS.includes(input.name));
      if (!imageInput)
        throw new InvalidArgumentError({
          argument: 'model',
          value: info.inputs.map((i) => i.name),
          message: `${name}: no image input besides ${TEXT_INPUTS.join(', ')}`,
        });
      const [width, height] = fixedSize(imageInput.shape) ?? settings.inputSize ?? [800, 800];
      const typeOf = (input: string) => info.inputs.find((i) => i.name === input)?.type;
      const length = encoded.inputIds.length;
      const asMask = (values: Uint8Array, shape: number[], input: string) =>
        typeOf(input) === 'bool'
          ? tensor(values, shape, 'bool')
          : tensor(
              BigInt64Array.from(values, (v) => BigInt(v)),
              shape,
            );
      const outputs = await session.run(
        {
          [imageInput.name]: tensor(imageToNormalizedChw(image, width, height), [1, 3, height, width]),
          input_ids: tensor(encoded.inputIds, [1, length]),
          attention_mask: asMask(new Uint8Array(length).fill(1), [1, length], 'attention_mask'),
          position_ids: tensor(encoded.positionIds, [1, length]),
          token_type_ids: tensor(new BigInt64Array(length), [1, length]),
          text_token_mask: asMask(encoded.textTokenMask, [1, length, length], 'text_token_mask'),
        },
        signal ? { signal } : {},
      );
      const logits = outputs.logits,
        boxes = outputs.boxes;
      if (!logits || !boxes)
        throw new InvalidArgumentError({
          argument: 'model',
          value: Object.keys(outputs),
          message: `${name}: outputs must include 'logits' and 'boxes'`,
        });
      return {
        detections: decodeDetections(
          logits.data as Float32Array,
          logits.shape,
          boxes.data as Float32Array,
          encoded,
          image,
          boxThreshold,
          textThreshold,
        ),
        provider: info.provider,
      };
    },
    dispose: () => session.dispose(),
  };
}

function fixedSize(shape: readonly (number | string)[] | undefined): [number, number] | undefined {
  const h = shape?.[2],
    w = shape?.[3];
  return typeof h === 'number' && typeof w === 'number' && h > 0 && w > 0 ? [w, h] : undefined;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Turns `logits` [1, Q, S] and `boxes` [1, Q, 4] into thresholded detections (see the module comment). */
export function decodeDetections(
  logits: Float32Array,
  shape: readonly number[],
  boxes: Float32Array,
  prompt: GroundingPrompt,
  image: { width: number; height: number },
  boxThreshold: number,
  textThreshold: number,
): Detection[] {
  const queries = shape[1] ?? 0,
    slots = shape[2] ?? 0;
  const tokens = Math.min(slots, prompt.inputIds.length);
  const detections: Detection[] = [];
  for (let q = 0; q < queries; q++) {
    const row = q * slots;
    let best = -Infinity,
      bestToken = -1;
    for (let t = 0; t < tokens; t++)
      if (logits[row + t]! > best) {
        best = logits[row + t]!;
        bestToken = t;
      }
    const boxScore = sigmoid(best);
    if (boxScore < boxThreshold) continue;
    const phrase = prompt.phrases.find((p) => bestToken >= p.start && bestToken < p.end);
    if (!phrase) continue; // the best token is a special token ('.', [CLS]): no phrase
    let sum = 0;
    for (let t = phrase.start; t < phrase.end; t++) sum += sigmoid(logits[row + t]!);
    const textScore = sum / (phrase.end - phrase.start);
    if (textScore < textThreshold) continue;
    const cx = boxes[4 * q]!,
      cy = boxes[4 * q + 1]!,
      w = boxes[4 * q + 2]!,
      h = boxes[4 * q + 3]!;
    const clip = (v: number, max: number) => Math.min(max, Math.max(0, v));
    detections.push({
      box: [
        clip((cx - w / 2) * image.width, image.width),
        clip((cy - h / 2) * image.height, image.height),
        clip((cx + w / 2) * image.width, image.width),
        clip((cy + h / 2) * image.height, image.height),
      ],
      boxScore,
      textScore,
      className: phrase.name,
    });
  }
  return detections;
}
