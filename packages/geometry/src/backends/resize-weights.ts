/**
 * Separable resampling weights of a triangle (bilinear) filter, the kernel
 * shared by image preprocessing and depth-map resizing.
 *
 * Pixel centres sit at `i + 0.5` in continuous coordinates (half-pixel
 * convention of OpenCV, PIL and PyTorch `align_corners=False`). Without
 * antialiasing the filter has radius 1, which reproduces `cv2.resize(…,
 * INTER_LINEAR)` and `torch.nn.functional.interpolate(mode='bilinear')` (two
 * taps, edges clamped). With antialiasing and a shrinking factor `s > 1` the
 * radius grows to `s` (PIL's BILINEAR reduction), so every source pixel
 * contributes and small details do not alias.
 */

/** Taps of every output sample: `weights[o * taps + k]` applies to source index `start[o] + k`. */
export interface ResizeWeights {
  /** Number of output samples. */
  readonly size: number;
  /** Maximum taps per output sample (unused taps have weight 0). */
  readonly taps: number;
  /** First source index of each output sample. */
  readonly start: Int32Array;
  /** Normalised weights, `size × taps`, row-major. */
  readonly weights: Float32Array;
}

/**
 * Weights that resample `sourceSize` samples to `targetSize`. `offset` (in
 * target samples, may be fractional) shifts the window, so a crop of the
 * resized signal can be computed without resizing the whole of it.
 */
export function resizeWeights(
  sourceSize: number,
  targetSize: number,
  options: { antialias?: boolean; outputSize?: number; offset?: number } = {},
): ResizeWeights {
  const scale = sourceSize / targetSize;
  const filterScale = options.antialias && scale > 1 ? scale : 1;
  const support = filterScale; // triangle radius 1, stretched by the filter scale
  const size = options.outputSize ?? targetSize;
  const offset = options.offset ?? 0;
  // Exact tap count: the widest window over all outputs (2 for plain bilinear), so inner loops do no wasted work.
  const first = new Int32Array(size);
  const last = new Int32Array(size);
  let taps = 1;
  for (let o = 0; o < size; o++) {
    const center = (o + offset + 0.5) * scale;
    first[o] = Math.max(0, Math.trunc(center - support + 0.5));
    last[o] = Math.min(sourceSize, Math.trunc(center + support + 0.5)); // exclusive
    if (last[o]! <= first[o]!) {
      first[o] = Math.min(Math.max(0, Math.floor(center)), sourceSize - 1); // degenerate: nearest edge sample
      last[o] = first[o]! + 1;
    }
    taps = Math.max(taps, last[o]! - first[o]!);
  }
  const start = new Int32Array(size);
  const weights = new Float32Array(size * taps);
  for (let o = 0; o < size; o++) {
    const center = (o + offset + 0.5) * scale;
    // Windows are shifted left at the far edge so that all `taps` indices stay inside the source.
    const s0 = Math.max(0, Math.min(first[o]!, sourceSize - taps));
    start[o] = s0;
    let total = 0;
    for (let k = 0; k < taps; k++) {
      const x = s0 + k;
      const w = x >= first[o]! && x < last[o]! ? Math.max(0, 1 - Math.abs((x - center + 0.5) / filterScale)) : 0;
      weights[o * taps + k] = w;
      total += w;
    }
    if (total > 0) for (let k = 0; k < taps; k++) weights[o * taps + k]! /= total;
    else weights[o * taps + (first[o]! - s0)] = 1;
  }
  return { size, taps, start, weights };
}
