/**
 * Projects a 3D box into a pinhole camera as the tight axis-aligned 2D box of
 * its visible part: the 12 edges are clipped against the near plane, the
 * remaining points projected, and the box clipped to the image.
 */
import type { Intrinsics } from '@stkit/core';
import { se3ApplyToPoint, se3FromRotationTranslation } from './geometry-adapter';

/** A 3D box: centre, size `[length, width, height]` along the object's x, y, z, rotation `[w, x, y, z]`. */
export interface Box3 {
  center: readonly [number, number, number];
  size: readonly [number, number, number];
  rotation: readonly [number, number, number, number];
}

const NEAR = 0.1; // metres; points closer to the image plane are clipped away
const EDGES = [[0, 1], [1, 3], [3, 2], [2, 0], [4, 5], [5, 7], [7, 6], [6, 4], [0, 4], [1, 5], [2, 6], [3, 7]] as const;

/**
 * `[x1, y1, x2, y2]` in pixels of the box seen from a camera, or `undefined`
 * when no part of it lies in front of the camera inside the image.
 * `cameraFromBoxFrame` maps the frame the box is expressed in to the camera
 * frame (x right, y down, z forward). Lens distortion is ignored.
 */
export function projectBoxToImage(box: Box3, cameraFromBoxFrame: ArrayLike<number>, intrinsics: Intrinsics): [number, number, number, number] | undefined {
  const objectToFrame = se3FromRotationTranslation(box.rotation, box.center);
  const corners: [number, number, number][] = [];
  for (let i = 0; i < 8; i++) {
    const local = [((i & 4) ? 0.5 : -0.5) * box.size[0], ((i & 2) ? 0.5 : -0.5) * box.size[1], ((i & 1) ? 0.5 : -0.5) * box.size[2]];
    corners.push(se3ApplyToPoint(cameraFromBoxFrame, se3ApplyToPoint(objectToFrame, local)));
  }
  const visible: [number, number, number][] = corners.filter((c) => c[2] >= NEAR);
  if (visible.length === 0) return undefined;
  for (const [a, b] of EDGES) {
    const pa = corners[a]!, pb = corners[b]!;
    if ((pa[2] >= NEAR) !== (pb[2] >= NEAR)) {
      const u = (NEAR - pa[2]) / (pb[2] - pa[2]);
      visible.push([pa[0] + u * (pb[0] - pa[0]), pa[1] + u * (pb[1] - pa[1]), NEAR]);
    }
  }
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (const [x, y, z] of visible) {
    const u = (intrinsics.fx * x) / z + intrinsics.cx;
    const v = (intrinsics.fy * y) / z + intrinsics.cy;
    if (u < x1) x1 = u;
    if (u > x2) x2 = u;
    if (v < y1) y1 = v;
    if (v > y2) y2 = v;
  }
  x1 = Math.max(0, x1); y1 = Math.max(0, y1);
  x2 = Math.min(intrinsics.width, x2); y2 = Math.min(intrinsics.height, y2);
  if (!(x2 > x1 && y2 > y1)) return undefined;
  return [x1, y1, x2, y2];
}
