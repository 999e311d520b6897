/**
 * Projects a 3D box into a pinhole camera as the tight 2D box of its visible
 * part, through `@stkit/geometry` (near-plane clipping at 0.1 m, then
 * clipping to the image). Lens distortion is ignored.
 */
import type { Intrinsics } from '@stkit/core';
import { projectBoxToImageWithMatrix } from '@stkit/geometry';

/** A 3D box: centre, size `[length, width, height]` along the object's x, y, z, rotation `[w, x, y, z]`. */
export interface Box3 {
  center: readonly [number, number, number];
  size: readonly [number, number, number];
  rotation: readonly [number, number, number, number];
}

/**
 * `[x1, y1, x2, y2]` in pixels of the box seen from a camera, or `undefined`
 * when no part of it lies in front of the camera inside the image.
 * `cameraFromBoxFrame` maps the frame the box is expressed in to the camera
 * frame (x right, y down, z forward). The argument order and `undefined` of
 * the Waymo reader; new code calls `@stkit/geometry`'s
 * `projectBoxToImageWithMatrix` directly.
 */
export function projectBoxToImage(
  box: Box3,
  cameraFromBoxFrame: ArrayLike<number>,
  intrinsics: Intrinsics,
): [number, number, number, number] | undefined {
  return projectBoxToImageWithMatrix(cameraFromBoxFrame, intrinsics, box) ?? undefined;
}
