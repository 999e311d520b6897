/**
 * Focal length of a pointmap whose points are in its own camera frame, with a
 * known principal point: minimises `Σ ‖f (X/Z, Y/Z) − (u − cx, v − cy)‖`
 * by Weiszfeld iterations from the least-squares solution (DUSt3R's
 * `estimate_focal_knowing_depth`, mode `weiszfeld`).
 */

/** Options of {@link estimateFocal}. */
export interface EstimateFocalOptions {
  /** Points in the camera frame, flat xyz: one per pixel of `pixels` (or every pixel, row-major, when absent). */
  readonly points: ArrayLike<number>;
  readonly width: number;
  readonly height: number;
  /** Row-major pixel index of each point; all pixels in order when absent. */
  readonly pixels?: Int32Array;
  /** Weiszfeld iterations. @default 10 */
  readonly iterations?: number;
}

/** Returns the focal length in pixels, clamped to DUSt3R's plausible range `[0.5, 3.5] × max(W, H) / (2 tan 30°)`. */
export function estimateFocal(options: EstimateFocalOptions): number {
  const { points, width, height } = options;
  const cx = width / 2,
    cy = height / 2;
  const count = options.pixels?.length ?? width * height;
  const index = (k: number): number => (options.pixels ? options.pixels[k]! : k);
  let focal = 0;
  for (let iteration = 0; iteration <= (options.iterations ?? 10); iteration++) {
    let numerator = 0,
      denominator = 0;
    for (let k = 0; k < count; k++) {
      const i = index(k);
      const z = points[3 * k + 2]!;
      if (!(z > 0)) continue;
      const a = points[3 * k]! / z,
        b = points[3 * k + 1]! / z;
      const du = (i % width) - cx,
        dv = Math.floor(i / width) - cy;
      let w = 1;
      if (iteration > 0) w = 1 / Math.max(Math.hypot(focal * a - du, focal * b - dv), 1e-8);
      numerator += w * (a * du + b * dv);
      denominator += w * (a * a + b * b);
    }
    focal = denominator > 0 ? numerator / denominator : 0;
  }
  const base = Math.max(width, height) / (2 * Math.tan(Math.PI / 6));
  return Math.min(3.5 * base, Math.max(0.5 * base, focal));
}
