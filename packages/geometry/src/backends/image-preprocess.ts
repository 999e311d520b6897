/**
 * The per-frame preprocessing of the ONNX backends in one pass: resize an
 * interleaved RGB(A) 8-bit image, take a window of the resized image, normalise
 * each channel, and write it planar (CHW float32) into a larger canvas whose
 * border is filled with a padding colour.
 */
import { InvalidArgumentError } from '@stkit/core';
import { resizeWeights } from './resize-weights';

/** An 8-bit image, interleaved (HWC), row-major, RGB or RGBA (alpha ignored). */
export interface RgbImage {
  /** `height · width · channels` bytes, row by row. */
  readonly data: Uint8Array | Uint8ClampedArray;
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** 3 (RGB) or 4 (RGBA). @default 3 */
  readonly channels?: 3 | 4;
}

/** Options of {@link preprocessImage}. */
export interface PreprocessOptions {
  /** The source image. */
  readonly image: RgbImage;
  /** Size of the whole resized image, pixels. */
  readonly resizedWidth: number;
  readonly resizedHeight: number;
  /** Window of the resized image to keep (defaults: the whole of it). */
  readonly crop?: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  /** Output canvas (tensor) size and where the window goes in it. */
  readonly canvasWidth: number;
  readonly canvasHeight: number;
  readonly offsetX?: number;
  readonly offsetY?: number;
  /** Per-channel mean and standard deviation in 0–255 units: `out = (v − mean) / std`. */
  readonly mean: readonly [number, number, number];
  readonly std: readonly [number, number, number];
  /** Colour of the canvas outside the window, 0–255 units (normalised like the image). @default mean (→ 0 after normalising) */
  readonly padColor?: readonly [number, number, number];
  /** Antialias when shrinking. @default false (cv2 INTER_LINEAR) */
  readonly antialias?: boolean;
  /** Output `3 · canvasHeight · canvasWidth` floats (e.g. one slot of a batch tensor); allocated when omitted. */
  readonly out?: Float32Array;
}

/**
 * Resizes, crops, normalises and pads one image into a CHW float32 canvas; returns the canvas.
 * @throws {@link InvalidArgumentError} for `image.data`: holds fewer than width·height·… = … bytes
 * @throws {@link InvalidArgumentError} for `offsetX`: the window does not fit in the canvas
 */
export function preprocessImage(options: PreprocessOptions): Float32Array {
  const { image, resizedWidth, resizedHeight, canvasWidth, canvasHeight, mean, std } = options;
  const channels = image.channels ?? 3;
  if (image.data.length < image.width * image.height * channels) {
    throw new InvalidArgumentError({
      argument: 'image.data',
      value: image.data.length,
      message: `holds fewer than width·height·${channels} = ${image.width * image.height * channels} bytes`,
    });
  }
  const crop = options.crop ?? { x: 0, y: 0, width: resizedWidth, height: resizedHeight };
  const offsetX = options.offsetX ?? 0,
    offsetY = options.offsetY ?? 0;
  if (offsetX < 0 || offsetY < 0 || offsetX + crop.width > canvasWidth || offsetY + crop.height > canvasHeight) {
    throw new InvalidArgumentError({ argument: 'offsetX', message: 'the window does not fit in the canvas' });
  }
  const plane = canvasWidth * canvasHeight;
  const out = options.out ?? new Float32Array(3 * plane);
  const pad = options.padColor ?? mean;
  for (let c = 0; c < 3; c++) out.fill((pad[c]! - mean[c]!) / std[c]!, c * plane, (c + 1) * plane);

  const antialias = options.antialias ?? false;
  const wx = resizeWeights(image.width, resizedWidth, { antialias, outputSize: crop.width, offset: crop.x });
  const wy = resizeWeights(image.height, resizedHeight, { antialias, outputSize: crop.height, offset: crop.y });
  // Only source rows that some output row reads take part in the horizontal pass.
  const rowFirst = wy.start[0]!;
  const rowLast = Math.min(image.height, wy.start[crop.height - 1]! + wy.taps);
  const outW = crop.width;
  // Horizontal pass into an interleaved float buffer (rows rowFirst..rowLast, outW columns, 3 channels):
  // interleaved keeps the three channel sums of one tap on one cache line.
  const temp = new Float32Array((rowLast - rowFirst) * outW * 3);
  horizontalPass(image.data, image.width, channels, rowFirst, rowLast, outW, wx.taps, wx.start, wx.weights, temp);
  verticalPass(
    temp,
    rowFirst,
    outW,
    crop.height,
    wy.taps,
    wy.start,
    wy.weights,
    out,
    canvasWidth,
    plane,
    offsetX,
    offsetY,
    mean,
    std,
  );
  return out;
}

// The two passes are separate small functions with typed-array parameters so V8
// optimises each loop nest on its own (one large function deoptimised badly).
function horizontalPass(
  src: Uint8Array | Uint8ClampedArray,
  width: number,
  channels: number,
  rowFirst: number,
  rowLast: number,
  outW: number,
  taps: number,
  start: Int32Array,
  weights: Float32Array,
  temp: Float32Array,
): void {
  for (let y = rowFirst; y < rowLast; y++) {
    const srcRow = y * width * channels;
    let t = (y - rowFirst) * outW * 3;
    for (let x = 0; x < outW; x++, t += 3) {
      let r = 0,
        g = 0,
        b = 0;
      let p = srcRow + start[x]! * channels;
      for (let k = 0, w = x * taps; k < taps; k++, w++, p += channels) {
        const weight = weights[w]!;
        r += weight * src[p]!;
        g += weight * src[p + 1]!;
        b += weight * src[p + 2]!;
      }
      temp[t] = r;
      temp[t + 1] = g;
      temp[t + 2] = b;
    }
  }
}

function verticalPass(
  temp: Float32Array,
  rowFirst: number,
  outW: number,
  outH: number,
  taps: number,
  start: Int32Array,
  weights: Float32Array,
  out: Float32Array,
  canvasWidth: number,
  plane: number,
  offsetX: number,
  offsetY: number,
  mean: readonly [number, number, number],
  std: readonly [number, number, number],
): void {
  const s0 = 1 / std[0],
    s1 = 1 / std[1],
    s2 = 1 / std[2];
  const m0 = mean[0],
    m1 = mean[1],
    m2 = mean[2];
  const rowStride = outW * 3;
  for (let y = 0; y < outH; y++) {
    const base = (offsetY + y) * canvasWidth + offsetX;
    const rowBase = (start[y]! - rowFirst) * rowStride;
    const wBase = y * taps;
    for (let x = 0; x < outW; x++) {
      let r = 0,
        g = 0,
        b = 0;
      for (let k = 0, t = rowBase + x * 3; k < taps; k++, t += rowStride) {
        const weight = weights[wBase + k]!;
        r += weight * temp[t]!;
        g += weight * temp[t + 1]!;
        b += weight * temp[t + 2]!;
      }
      out[base + x] = (r - m0) * s0;
      out[plane + base + x] = (g - m1) * s1;
      out[2 * plane + base + x] = (b - m2) * s2;
    }
  }
}
