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
export function resizeWeights(sourceSize: number, targetSize: number, options: { antialias?: boolean; outputSize?: number; offset?: number } = {}): ResizeWeights {
  const scale = sourceSize / targetSize;
  const filterScale = options.antialias && scale > 1 ? scale : 1;
  const support = filterScale; // triangle radius 1, stretched by the filter scale
  const size = options.outputSize ?? targetSize;
  const offset = options.offset ?? 0;
  const taps = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(size);
  const weights = new Float32Array(size * taps);
  for (let o = 0; o < size; o++) {
    const center = (o + offset + 0.5) * scale;
    const first = Math.max(0, Math.trunc(center - support + 0.5));
    const last = Math.min(sourceSize, Math.trunc(center + support + 0.5)); // exclusive
    start[o] = first;
    let total = 0;
    for (let k = 0; k < last - first && k < taps; k++) {
      const w = Math.max(0, 1 - Math.abs((first + k - center + 0.5) / filterScale));
      weights[o * taps + k] = w;
      total += w;
    }
    if (total > 0) for (let k = 0; k < taps; k++) weights[o * taps + k]! /= total;
    else weights[o * taps] = 1; // degenerate: nearest edge sample
  }
  return { size, taps, start, weights };
}
