/**
 * 3D box → 2D image box, correct for boxes that are partly behind the camera:
 * the box (a convex polyhedron) is clipped by the near plane `z = near` in the
 * camera frame before projecting. The vertices of the clipped polyhedron are
 * the corners in front of the plane plus the points where edges cross it, so
 * the bounding box of their projections is the exact 2D extent of the visible
 * part; it is then clipped to the image `[0, width] × [0, height]`.
 */
import { InvalidArgumentError } from '@stkit/core';
import { boxCorners, BOX_EDGES, type Box3Like } from './box3d';
import { se3FromPose, se3Inverse } from './se3';
import type { Mat4Like, PinholeIntrinsics, PoseLike } from './types';

/** A 2D box `[x1, y1, x2, y2]` in pixels (x1 ≤ x2, y1 ≤ y2). */
export type Box2d = [number, number, number, number];

/** Options of {@link projectBox3d}. */
export interface ProjectBoxOptions {
  /** Near-plane distance, metres, in front of the camera. @default 0.1 */
  readonly near?: number;
}

/** Result of {@link projectBox3d}. */
export type ProjectedBox =
  | {
      readonly visible: true;
      /** The 2D box clipped to the image `[0, width] × [0, height]`. */
      readonly box2d: Box2d;
      /** The 2D box before clipping to the image (still after near-plane clipping). */
      readonly unclippedBox2d: Box2d;
      /** True when part of the box was behind the near plane. */
      readonly nearClipped: boolean;
      /** True when the 2D box extends beyond the image borders. */
      readonly truncated: boolean;
      /** Camera-frame depth (z) of the box centre, metres. */
      readonly depth: number;
    }
  | {
      readonly visible: false;
      /** `behind-camera`: no part in front of the near plane; `outside-image`: projects outside the image. */
      readonly reason: 'behind-camera' | 'outside-image';
    };

const cornersScratch = new Float64Array(24);
const camScratch = new Float64Array(24);
const poseScratch = new Float64Array(16);
const cameraFromWorldScratch = new Float64Array(16);

function checkBox(box: Box3Like): void {
  for (let i = 0; i < 3; i++) {
    if (!Number.isFinite(box.center[i]!))
      throw new InvalidArgumentError({
        argument: 'box.center',
        value: Array.from(box.center),
        message: 'must be 3 finite numbers',
      });
    if (!(box.size[i]! >= 0) || !Number.isFinite(box.size[i]!))
      throw new InvalidArgumentError({
        argument: 'box.size',
        value: Array.from(box.size),
        message: 'must be 3 finite, non-negative numbers',
      });
  }
}

/**
 * Projects `box` (in the world frame) into a camera given as a row-major
 * `camera_from_world` 4×4. Use this form when projecting many boxes into the
 * same frame (invert the pose once).
 * @throws {@link InvalidArgumentError} for `near`: must be > 0
 */
export function projectBox3dWithMatrix(
  cameraFromWorld: Mat4Like,
  intrinsics: PinholeIntrinsics,
  box: Box3Like,
  options: ProjectBoxOptions = {},
): ProjectedBox {
  checkBox(box);
  const near = options.near ?? 0.1;
  if (!(near > 0)) throw new InvalidArgumentError({ argument: 'near', value: near, message: 'must be > 0' });
  const world = boxCorners(cornersScratch, box);
  const m = cameraFromWorld;
  const cam = camScratch;
  let anyFront = false;
  let anyBehind = false;
  for (let i = 0; i < 8; i++) {
    const x = world[3 * i]!,
      y = world[3 * i + 1]!,
      z = world[3 * i + 2]!;
    const zc = m[8]! * x + m[9]! * y + m[10]! * z + m[11]!;
    cam[3 * i] = m[0]! * x + m[1]! * y + m[2]! * z + m[3]!;
    cam[3 * i + 1] = m[4]! * x + m[5]! * y + m[6]! * z + m[7]!;
    cam[3 * i + 2] = zc;
    if (zc >= near) anyFront = true;
    else anyBehind = true;
  }
  if (!anyFront) return { visible: false, reason: 'behind-camera' };
  const { fx, fy, cx, cy } = intrinsics;
  let x1 = Infinity,
    y1 = Infinity,
    x2 = -Infinity,
    y2 = -Infinity;
  const include = (x: number, y: number, z: number): void => {
    const u = (fx * x) / z + cx,
      v = (fy * y) / z + cy;
    if (u < x1) x1 = u;
    if (u > x2) x2 = u;
    if (v < y1) y1 = v;
    if (v > y2) y2 = v;
  };
  for (let i = 0; i < 8; i++) {
    if (cam[3 * i + 2]! >= near) include(cam[3 * i]!, cam[3 * i + 1]!, cam[3 * i + 2]!);
  }
  if (anyBehind) {
    for (const [a, b] of BOX_EDGES) {
      const za = cam[3 * a + 2]!,
        zb = cam[3 * b + 2]!;
      if (za >= near === zb >= near) continue;
      // The edge crosses z = near at s ∈ (0, 1] from a to b.
      const s = (near - za) / (zb - za);
      include(
        cam[3 * a]! + s * (cam[3 * b]! - cam[3 * a]!),
        cam[3 * a + 1]! + s * (cam[3 * b + 1]! - cam[3 * a + 1]!),
        near,
      );
    }
  }
  const unclipped: Box2d = [x1, y1, x2, y2];
  const cx1 = Math.max(0, x1),
    cy1 = Math.max(0, y1);
  const cx2 = Math.min(intrinsics.width, x2),
    cy2 = Math.min(intrinsics.height, y2);
  if (!(cx2 > cx1 && cy2 > cy1)) return { visible: false, reason: 'outside-image' };
  const c = box.center;
  const depth = m[8]! * c[0]! + m[9]! * c[1]! + m[10]! * c[2]! + m[11]!;
  return {
    visible: true,
    box2d: [cx1, cy1, cx2, cy2],
    unclippedBox2d: unclipped,
    nearClipped: anyBehind,
    truncated: cx1 !== x1 || cy1 !== y1 || cx2 !== x2 || cy2 !== y2,
    depth,
  };
}

/**
 * Projects a world-frame 3D box into a camera with pose `worldFromCamera`
 * (`{ rotation: [w,x,y,z], translation }`, camera frame x right, y down,
 * z forward) and returns the full result (visibility, clipping flags).
 */
export function projectBox3d(
  worldFromCamera: PoseLike,
  intrinsics: PinholeIntrinsics,
  box: Box3Like,
  options: ProjectBoxOptions = {},
): ProjectedBox {
  se3FromPose(poseScratch, worldFromCamera);
  se3Inverse(cameraFromWorldScratch, poseScratch);
  return projectBox3dWithMatrix(cameraFromWorldScratch, intrinsics, box, options);
}

/**
 * The 2D box `[x1, y1, x2, y2]` (pixels, clipped to the image) of a
 * world-frame 3D box seen by a camera with `Clip`-style pose
 * `worldFromCamera`, or `null` when no part of it is visible (wholly behind
 * the near plane or outside the image). Parts behind the camera are clipped
 * away at the near plane first, so the 2D box is correct for boxes that
 * surround or pass beside the camera.
 */
export function projectBoxToImage(
  worldFromCamera: PoseLike,
  intrinsics: PinholeIntrinsics,
  box: Box3Like,
  options: ProjectBoxOptions = {},
): Box2d | null {
  const result = projectBox3d(worldFromCamera, intrinsics, box, options);
  return result.visible ? result.box2d : null;
}

/**
 * {@link projectBoxToImage} for a camera given as a row-major
 * `camera_from_world` 4×4 (any frame the box is expressed in: a reader
 * passes `camera_from_ego` for boxes in the ego frame). A fresh array per
 * call, or `null` when no part of the box is visible.
 * @throws {@link InvalidArgumentError} for `near`: must be > 0, and for a box with non-finite centre or size
 */
export function projectBoxToImageWithMatrix(
  cameraFromWorld: Mat4Like,
  intrinsics: PinholeIntrinsics,
  box: Box3Like,
  options: ProjectBoxOptions = {},
): Box2d | null {
  const result = projectBox3dWithMatrix(cameraFromWorld, intrinsics, box, options);
  return result.visible ? result.box2d : null;
}
