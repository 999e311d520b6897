/**
 * Bilinear resize of a single-channel float map (depth, confidence) from a
 * window of a larger map, as `torch.nn.functional.interpolate(x[top:bottom,
 * left:right], size, mode='bilinear', align_corners=False)` does: used to
 * un-pad a model output and bring it back to the input resolution.
 */
import { resizeWeights } from './resize-weights';

/** Options of {@link resizeFloatMap}. */
export interface ResizeFloatMapOptions {
  /** Source map, row-major, `sourceWidth` columns. */
  readonly source: ArrayLike<number>;
  readonly sourceWidth: number;
  /** Window of the source to resample (default: all of it). */
  readonly window?: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  /** Output size. */
  readonly width: number;
  readonly height: number;
  /** Output, `width · height` floats; allocated when omitted. */
  readonly out?: Float32Array;
}

/** Resamples a window of a float map to `width × height`; returns the output. */
export function resizeFloatMap(options: ResizeFloatMapOptions): Float32Array {
  const { source, sourceWidth, width, height } = options;
  const window = options.window ?? { x: 0, y: 0, width: sourceWidth, height: Math.floor(source.length / sourceWidth) };
  const out = options.out ?? new Float32Array(width * height);
  const wx = resizeWeights(window.width, width);
  const wy = resizeWeights(window.height, height);
  // Non-antialiased bilinear: 1 or 2 taps per axis (1 only when the source is 1 sample wide).
  for (let y = 0; y < height; y++) {
    const y0 = window.y + wy.start[y]!;
    const a0 = wy.weights[y * wy.taps]!,
      a1 = wy.taps > 1 ? wy.weights[y * wy.taps + 1]! : 0;
    const row0 = y0 * sourceWidth + window.x;
    const row1 = a1 === 0 ? row0 : row0 + sourceWidth;
    for (let x = 0; x < width; x++) {
      const x0 = wx.start[x]!;
      const b0 = wx.weights[x * wx.taps]!,
        b1 = wx.taps > 1 ? wx.weights[x * wx.taps + 1]! : 0;
      const x1 = b1 === 0 ? x0 : x0 + 1;
      out[y * width + x] =
        a0 * (b0 * source[row0 + x0]! + b1 * source[row0 + x1]!) +
        a1 * (b0 * source[row1 + x0]! + b1 * source[row1 + x1]!);
    }
  }
  return out;
}
