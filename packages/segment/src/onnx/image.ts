/**
 * Image pre- and post-processing shared by the detector and SAM 2: RGB
 * frames in, normalised CHW float tensors out; low-resolution mask logits
 * back to full-resolution binary masks.
 */
import { InvalidArgumentError } from '@stkit/core';

/** An 8-bit RGB image, row-major, interleaved (`data[3·(y·width + x) + c]`). */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** ImageNet mean and standard deviation on 0–1 RGB (Grounding DINO, SAM 2). */
export const IMAGENET_MEAN = Object.freeze([0.485, 0.456, 0.406] as const);
export const IMAGENET_STD = Object.freeze([0.229, 0.224, 0.225] as const);

export function checkImage(image: RgbImage, argument = 'image'): void {
  if (
    !(Number.isInteger(image.width) && Number.isInteger(image.height) && image.width > 0 && image.height > 0) ||
    image.data.length !== image.width * image.height * 3
  ) {
    throw new InvalidArgumentError({
      argument,
      value: [image.width, image.height, image.data.length],
      message: 'must be an RGB image with width·height·3 bytes',
    });
  }
}

/** Source sample positions of a bilinear resize (half-pixel centres, as PyTorch `align_corners=False`). */
function axis(source: number, target: number): { i0: Int32Array; i1: Int32Array; w: Float32Array } {
  const i0 = new Int32Array(target),
    i1 = new Int32Array(target),
    w = new Float32Array(target);
  const scale = source / target;
  for (let t = 0; t < target; t++) {
    const s = Math.max(0, (t + 0.5) * scale - 0.5);
    const lo = Math.min(source - 1, Math.floor(s));
    i0[t] = lo;
    i1[t] = Math.min(source - 1, lo + 1);
    w[t] = s - lo;
  }
  return { i0, i1, w };
}

/**
 * Bilinear resize of `image` to `width × height` and normalisation
 * `(v/255 − mean) / std` per channel, as a `[3, height, width]` planar float
 * tensor (written into `out` when given).
 * @returns `out`, or a new `Float32Array` of `3 × height × width`.
 */
export function imageToNormalizedChw(image: RgbImage, width: number, height: number, out?: Float32Array): Float32Array {
  checkImage(image);
  const data = out ?? new Float32Array(3 * width * height);
  const xs = axis(image.width, width),
    ys = axis(image.height, height);
  const src = image.data,
    sw = image.width,
    plane = width * height;
  const scale = [1 / (255 * IMAGENET_STD[0]), 1 / (255 * IMAGENET_STD[1]), 1 / (255 * IMAGENET_STD[2])];
  const offset = [
    IMAGENET_MEAN[0] / IMAGENET_STD[0],
    IMAGENET_MEAN[1] / IMAGENET_STD[1],
    IMAGENET_MEAN[2] / IMAGENET_STD[2],
  ];
  for (let y = 0; y < height; y++) {
    const r0 = ys.i0[y]! * sw,
      r1 = ys.i1[y]! * sw,
      wy = ys.w[y]!;
    for (let x = 0; x < width; x++) {
      const c0 = xs.i0[x]!,
        c1 = xs.i1[x]!,
        wx = xs.w[x]!;
      const a = 3 * (r0 + c0),
        b = 3 * (r0 + c1),
        c = 3 * (r1 + c0),
        d = 3 * (r1 + c1);
      for (let k = 0; k < 3; k++) {
        const top = src[a + k]! + (src[b + k]! - src[a + k]!) * wx;
        const bottom = src[c + k]! + (src[d + k]! - src[c + k]!) * wx;
        data[k * plane + y * width + x] = (top + (bottom - top) * wy) * scale[k]! - offset[k]!;
      }
    }
  }
  return data;
}

/**
 * Bilinear resize of a `lowHeight × lowWidth` logit map to `width × height`
 * and threshold at 0 (SAM's mask threshold): a row-major 0/1 mask.
 * @returns `out`, or a new `Uint8Array` of `width × height`.
 */
export function logitsToMask(
  logits: Float32Array,
  lowWidth: number,
  lowHeight: number,
  width: number,
  height: number,
  out?: Uint8Array,
): Uint8Array {
  const mask = out ?? new Uint8Array(width * height);
  const xs = axis(lowWidth, width),
    ys = axis(lowHeight, height);
  for (let y = 0; y < height; y++) {
    const r0 = ys.i0[y]! * lowWidth,
      r1 = ys.i1[y]! * lowWidth,
      wy = ys.w[y]!;
    for (let x = 0; x < width; x++) {
      const c0 = xs.i0[x]!,
        c1 = xs.i1[x]!,
        wx = xs.w[x]!;
      const top = logits[r0 + c0]! + (logits[r0 + c1]! - logits[r0 + c0]!) * wx;
      const bottom = logits[r1 + c0]! + (logits[r1 + c1]! - logits[r1 + c0]!) * wx;
      mask[y * width + x] = top + (bottom - top) * wy > 0 ? 1 : 0;
    }
  }
  return mask;
}

/**
 * Inclusive bounding box `[x1, y1, x2, y2]` and area of a row-major 0/1 mask; undefined when empty.
 * @param width - mask columns.
 * @param height - mask rows.
 * @returns the box in pixels and the area in pixels, or `undefined`.
 */
export function maskBounds(
  mask: Uint8Array,
  width: number,
  height: number,
): { box: [number, number, number, number]; area: number } | undefined {
  let x1 = width,
    y1 = height,
    x2 = -1,
    y2 = -1,
    area = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (mask[row + x] === 0) continue;
      area++;
      if (x < x1) x1 = x;
      if (x > x2) x2 = x;
      if (y < y1) y1 = y;
      y2 = y;
    }
  }
  return area === 0 ? undefined : { box: [x1, y1, x2, y2], area };
}

/**
 * Intersection over union of two row-major 0/1 masks of the same size.
 * @returns a value in [0, 1] (0 when both are empty).
 */
export function maskIou(a: Uint8Array, b: Uint8Array): number {
  let intersection = 0,
    union = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!,
      y = b[i]!;
    if (x | y) {
      union++;
      if (x & y) intersection++;
    }
  }
  return union === 0 ? 0 : intersection / union;
}
