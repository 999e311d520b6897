/**
 * Oriented 3D boxes: centre, size `[length, width, height]` along the
 * object's x, y, z axes, and the `world_from_object` rotation `[w, x, y, z]`
 * (the `TrackSample` fields of the `Clip` contract).
 */
import { quatToMat3 } from './quaternion';
import type { QuatLike, Vec3Like } from './types';

/** An oriented 3D box as in a `Clip` track sample. */
export interface Box3Like {
  /** Box centre, metres, in the frame the rotation maps into (usually world). */
  readonly center: Vec3Like;
  /** `[length, width, height]`: full extents along the object's x, y, z axes, metres. */
  readonly size: Vec3Like;
  /** `world_from_object` rotation `[w, x, y, z]`; identity when omitted. */
  readonly rotation?: QuatLike;
}

/**
 * Corner sign pattern (nuScenes order): corners 0–3 are the front face
 * (+x/2), 4–7 the back face; within a face: (+y,+z), (−y,+z), (−y,−z), (+y,−z).
 */
const SIGN_X = [1, 1, 1, 1, -1, -1, -1, -1] as const;
const SIGN_Y = [1, -1, -1, 1, 1, -1, -1, 1] as const;
const SIGN_Z = [1, 1, -1, -1, 1, 1, -1, -1] as const;

/** The 12 edges of the box as pairs of corner indices (front face, back face, front-to-back). */
export const BOX_EDGES: readonly (readonly [number, number])[] = Object.freeze([
  [0, 1],
  [1, 2],
  [2, 3],
  [3, 0],
  [4, 5],
  [5, 6],
  [6, 7],
  [7, 4],
  [0, 4],
  [1, 5],
  [2, 6],
  [3, 7],
] as const);

const rotationScratch = new Float64Array(9);

/**
 * The 8 corners of `box` as a flat 8×3 array `[x0, y0, z0, …]` in the box's
 * parent frame, in the order of {@link BOX_EDGES} (corners 0–3 at +length/2).
 */
export function boxCorners(out: Float64Array, box: Box3Like): Float64Array {
  const cx = box.center[0]!,
    cy = box.center[1]!,
    cz = box.center[2]!;
  const hl = box.size[0]! / 2,
    hw = box.size[1]! / 2,
    hh = box.size[2]! / 2;
  const r = rotationScratch;
  if (box.rotation) quatToMat3(r, box.rotation);
  else {
    r.fill(0);
    r[0] = r[4] = r[8] = 1;
  }
  for (let i = 0; i < 8; i++) {
    const x = SIGN_X[i]! * hl,
      y = SIGN_Y[i]! * hw,
      z = SIGN_Z[i]! * hh;
    out[3 * i] = r[0]! * x + r[1]! * y + r[2]! * z + cx;
    out[3 * i + 1] = r[3]! * x + r[4]! * y + r[5]! * z + cy;
    out[3 * i + 2] = r[6]! * x + r[7]! * y + r[8]! * z + cz;
  }
  return out;
}
