/**
 * Pinhole projection and unprojection, camera frame x right, y down, z
 * forward (OpenCV). Pixel `(u, v)` = column, row with the centre of the
 * top-left pixel at `(0, 0)`: `u = fx · x / z + cx`, `v = fy · y / z + cy`.
 * No lens distortion (undistort first).
 */
import { InvalidArgumentError } from '@stkit/core';
import type { FocalIntrinsics, Mat4Like, PinholeIntrinsics } from './types';

/**
 * Projects N camera-frame points (flat N×3) to pixels (flat N×2). Points with
 * `z ≤ 0` (at or behind the camera) get `NaN, NaN`. `out` may be `points`
 * itself: pixel i is written to entries 2i, 2i+1, which were read already.
 * @param count - number of points. @default points.length / 3
 * @returns `out`.
 */
export function projectPoints(
  out: Float64Array,
  points: ArrayLike<number>,
  intrinsics: FocalIntrinsics,
  count: number = Math.floor(points.length / 3),
): Float64Array {
  const { fx, fy, cx, cy } = intrinsics;
  for (let i = 0; i < count; i++) {
    const x = points[3 * i]!,
      y = points[3 * i + 1]!,
      z = points[3 * i + 2]!;
    if (z > 0) {
      out[2 * i] = (fx * x) / z + cx;
      out[2 * i + 1] = (fy * y) / z + cy;
    } else {
      out[2 * i] = Number.NaN;
      out[2 * i + 1] = Number.NaN;
    }
  }
  return out;
}

/**
 * Unprojects N pixels (flat N×2) with depths (z, not ray length) to
 * camera-frame points (flat N×3). `out` must not overlap `pixels` or
 * `depths` (it is written faster than they are read).
 * @param count - number of pixels. @default depths.length
 * @returns `out`.
 */
export function unprojectPixels(
  out: Float64Array,
  pixels: ArrayLike<number>,
  depths: ArrayLike<number>,
  intrinsics: FocalIntrinsics,
  count: number = depths.length,
): Float64Array {
  const ifx = 1 / intrinsics.fx,
    ify = 1 / intrinsics.fy,
    cx = intrinsics.cx,
    cy = intrinsics.cy;
  for (let i = 0; i < count; i++) {
    const u = pixels[2 * i]!,
      v = pixels[2 * i + 1]!,
      z = depths[i]!;
    out[3 * i] = (u - cx) * ifx * z;
    out[3 * i + 1] = (v - cy) * ify * z;
    out[3 * i + 2] = z;
  }
  return out;
}

/** Options of {@link unprojectDepthMap}. */
export interface UnprojectDepthMapOptions {
  /** Depth map, row-major H×W, metres (z along the optical axis). */
  readonly depth: ArrayLike<number>;
  /** Width W of the depth map, pixels. */
  readonly width: number;
  /** Height H of the depth map, pixels. */
  readonly height: number;
  /** Intrinsics of the depth map's own resolution. */
  readonly intrinsics: FocalIntrinsics;
  /** Optional `world_from_camera` 4×4 (row-major): points come out in the world frame. */
  readonly worldFromCamera?: Mat4Like;
  /** Output, at least H·W·3 numbers (flat, pixel order row-major); allocated when omitted. */
  readonly out?: Float64Array;
}

/**
 * Unprojects every pixel of a depth map to a point (flat (H·W)×3, pixel
 * `(u, v)` at index `v·W + u`), optionally straight into the world frame.
 * Invalid depths (≤ 0 or NaN) give `NaN` points, so indices stay aligned
 * with the depth map.
 * @returns flat xyz points, one per pixel (`NaN` where the depth is invalid).
 * @throws {@link InvalidArgumentError} for `depth`: holds … values, fewer than width·height = …
 */
export function unprojectDepthMap(options: UnprojectDepthMapOptions): Float64Array {
  const { depth, width, height, intrinsics } = options;
  if (depth.length < width * height) {
    throw new InvalidArgumentError({
      argument: 'depth',
      value: depth.length,
      message: `holds ${depth.length} values, fewer than width·height = ${width * height}`,
    });
  }
  const out = options.out ?? new Float64Array(width * height * 3);
  const ifx = 1 / intrinsics.fx,
    ify = 1 / intrinsics.fy,
    cx = intrinsics.cx,
    cy = intrinsics.cy;
  const m = options.worldFromCamera;
  // Identity when no pose is given; the fused transform keeps one pass over the data.
  const r00 = m ? m[0]! : 1,
    r01 = m ? m[1]! : 0,
    r02 = m ? m[2]! : 0,
    tx = m ? m[3]! : 0;
  const r10 = m ? m[4]! : 0,
    r11 = m ? m[5]! : 1,
    r12 = m ? m[6]! : 0,
    ty = m ? m[7]! : 0;
  const r20 = m ? m[8]! : 0,
    r21 = m ? m[9]! : 0,
    r22 = m ? m[10]! : 1,
    tz = m ? m[11]! : 0;
  for (let v = 0, i = 0; v < height; v++) {
    const ry = (v - cy) * ify; // ray y per row, hoisted out of the column loop
    for (let u = 0; u < width; u++, i++) {
      const z = depth[i]!;
      const o = 3 * i;
      if (!(z > 0)) {
        out[o] = out[o + 1] = out[o + 2] = Number.NaN;
        continue;
      }
      const x = (u - cx) * ifx * z,
        y = ry * z;
      out[o] = r00 * x + r01 * y + r02 * z + tx;
      out[o + 1] = r10 * x + r11 * y + r12 * z + ty;
      out[o + 2] = r20 * x + r21 * y + r22 * z + tz;
    }
  }
  return out;
}

/**
 * Intrinsics of the same camera after resizing the image by `scaleX`,
 * `scaleY` (new size / old size). With pixel centres at integer coordinates
 * the principal point maps as `c' = (c + 0.5) · s − 0.5`; focal lengths scale
 * by `s`. `width`/`height` are rounded to the nearest integer.
 */
export function scaleIntrinsics(
  intrinsics: PinholeIntrinsics,
  scaleX: number,
  scaleY: number = scaleX,
): PinholeIntrinsics {
  return {
    fx: intrinsics.fx * scaleX,
    fy: intrinsics.fy * scaleY,
    cx: (intrinsics.cx + 0.5) * scaleX - 0.5,
    cy: (intrinsics.cy + 0.5) * scaleY - 0.5,
    width: Math.round(intrinsics.width * scaleX),
    height: Math.round(intrinsics.height * scaleY),
  };
}

/** Intrinsics after cropping the top-left `left`, `top` pixels away (size becomes `width` × `height`). */
export function cropIntrinsics(
  intrinsics: FocalIntrinsics,
  left: number,
  top: number,
  width: number,
  height: number,
): PinholeIntrinsics {
  return { fx: intrinsics.fx, fy: intrinsics.fy, cx: intrinsics.cx - left, cy: intrinsics.cy - top, width, height };
}
