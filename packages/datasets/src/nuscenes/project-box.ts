/**
 * Projects a 3D box (world frame) into a pinhole camera and returns the 2D
 * box `[x1, y1, x2, y2]` of its visible part: the 12 edges are clipped at the
 * near plane (z = 0.1 m in the camera), the surviving points projected, and
 * their bounding rectangle intersected with the image. Returns `undefined`
 * when nothing of the box lies in front of the camera inside the image.
 * Camera frame: x right, y down, z forward (nuScenes and nuPlan cameras).
 */
import type { Intrinsics, Pose, Quaternion, Vec3 } from '@stkit/core';
import { rotateVector } from './pose-math';

const NEAR = 0.1;
// Corner signs of a unit box; edges as pairs of corner indices.
const SIGNS = [
  [1, 1, 1], [1, -1, 1], [-1, -1, 1], [-1, 1, 1],
  [1, 1, -1], [1, -1, -1], [-1, -1, -1], [-1, 1, -1],
] as const;
const EDGES = [0, 1, 1, 2, 2, 3, 3, 0, 4, 5, 5, 6, 6, 7, 7, 4, 0, 4, 1, 5, 2, 6, 3, 7] as const;

/** A 3D box: centre and `[length, width, height]` along the object's x, y, z, rotation `world_from_object`. */
export interface WorldBox {
  center: Vec3;
  size: Vec3;
  rotation: Quaternion;
}

/** Projects `box` with camera `worldFromCamera` and `intrinsics`. */
export function projectBoxToImage(box: WorldBox, worldFromCamera: Pose, intrinsics: Intrinsics): [number, number, number, number] | undefined {
  const corners = new Float64Array(24);
  const tmp = new Float64Array(3);
  const [qw, qx, qy, qz] = worldFromCamera.rotation;
  const inverse: Quaternion = [qw, -qx, -qy, -qz];
  const [cx, cy, cz] = worldFromCamera.translation;
  for (let i = 0; i < 8; i++) {
    const s = SIGNS[i]!;
    rotateVector(box.rotation, (s[0] * box.size[0]) / 2, (s[1] * box.size[1]) / 2, (s[2] * box.size[2]) / 2, tmp);
    rotateVector(inverse, box.center[0] + tmp[0]! - cx, box.center[1] + tmp[1]! - cy, box.center[2] + tmp[2]! - cz, corners, i * 3);
  }
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  const add = (x: number, y: number, z: number): void => {
    const u = (intrinsics.fx * x) / z + intrinsics.cx;
    const v = (intrinsics.fy * y) / z + intrinsics.cy;
    if (u < x1) x1 = u;
    if (u > x2) x2 = u;
    if (v < y1) y1 = v;
    if (v > y2) y2 = v;
  };
  for (let e = 0; e < EDGES.length; e += 2) {
    const a = EDGES[e]! * 3;
    const b = EDGES[e + 1]! * 3;
    const az = corners[a + 2]!;
    const bz = corners[b + 2]!;
    if (az >= NEAR) add(corners[a]!, corners[a + 1]!, az);
    if (bz >= NEAR) add(corners[b]!, corners[b + 1]!, bz);
    if ((az >= NEAR) !== (bz >= NEAR)) {
      const f = (NEAR - az) / (bz - az);
      add(corners[a]! + f * (corners[b]! - corners[a]!), corners[a + 1]! + f * (corners[b + 1]! - corners[a + 1]!), NEAR);
    }
  }
  if (!(x2 > x1)) return undefined;
  x1 = Math.max(0, x1);
  y1 = Math.max(0, y1);
  x2 = Math.min(intrinsics.width, x2);
  y2 = Math.min(intrinsics.height, y2);
  if (x2 <= x1 || y2 <= y1) return undefined;
  return [x1, y1, x2, y2];
}
