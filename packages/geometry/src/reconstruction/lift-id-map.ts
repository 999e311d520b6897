/**
 * Lifting a whole instance-id map into world point clouds in one pass over
 * the frame (Grounded-SAM-2 tracking output: one `uint16` label image per
 * frame, 0 = background): each pixel of the depth map is sampled in the id
 * map at its centre (nearest neighbour, so a 1024×576 map works on a 512×288
 * reconstruction), and unprojected into its instance's cloud. No per-object
 * mask is materialised.
 */
import { InvalidArgumentError } from '@stkit/core';
import type { PinholeIntrinsics } from '../math/index';

/** Options of {@link liftIdMap}. */
export interface LiftIdMapOptions {
  /** Depth along the camera z axis, row-major `height × width`; ≤ 0 / non-finite = no depth. */
  readonly depth: Float32Array;
  readonly width: number;
  readonly height: number;
  /** Multiplies every depth (canonical scale, metres per unit). @default 1 */
  readonly depthScale?: number;
  readonly intrinsics: Pick<PinholeIntrinsics, 'fx' | 'fy' | 'cx' | 'cy'>;
  /** Camera-to-world, row-major 4×4; its translation is multiplied by `depthScale` too. */
  readonly worldFromCamera: ArrayLike<number>;
  /** The id map, row-major `idHeight × idWidth`, with the depth map's aspect ratio. */
  readonly idMap: Uint16Array;
  readonly idWidth: number;
  readonly idHeight: number;
  /**
   * When given, receives per instance id the number of its pixels whose 4-neighbour belongs to another
   * instance that is nearer to the camera (by more than 2 % of the depth): the object is partly hidden there.
   */
  readonly occlusion?: Map<number, number>;
}

/**
 * Per instance id: its world points (flat xyz, metres when scaled).
 * @returns a map from instance id to its flat xyz points.
 * @throws {@link InvalidArgumentError} for `depth`: must hold width·height = … values
 * @throws {@link InvalidArgumentError} for `idMap`: must hold idWidth·idHeight = … values
 */
export function liftIdMap(options: LiftIdMapOptions): Map<number, Float64Array> {
  const { depth, width: W, height: H, idMap, idWidth, idHeight } = options;
  if (depth.length !== W * H)
    throw new InvalidArgumentError({
      argument: 'depth',
      value: depth.length,
      message: `must hold width·height = ${W * H} values`,
    });
  if (idMap.length !== idWidth * idHeight)
    throw new InvalidArgumentError({
      argument: 'idMap',
      value: idMap.length,
      message: `must hold idWidth·idHeight = ${idWidth * idHeight} values`,
    });
  const scale = options.depthScale ?? 1;
  const { fx, fy, cx, cy } = options.intrinsics;
  const m = options.worldFromCamera;
  const r00 = m[0]!,
    r01 = m[1]!,
    r02 = m[2]!,
    tx = m[3]! * scale,
    r10 = m[4]!,
    r11 = m[5]!,
    r12 = m[6]!,
    ty = m[7]! * scale;
  const r20 = m[8]!,
    r21 = m[9]!,
    r22 = m[10]!,
    tz = m[11]! * scale;
  // Pass 1: id of every depth pixel and point counts per id (to size the outputs exactly).
  const columns = new Int32Array(W);
  for (let u = 0; u < W; u++) columns[u] = Math.min(idWidth - 1, Math.floor(((u + 0.5) * idWidth) / W));
  const ids = new Uint16Array(W * H);
  const counts = new Map<number, number>();
  for (let v = 0; v < H; v++) {
    const row = Math.min(idHeight - 1, Math.floor(((v + 0.5) * idHeight) / H)) * idWidth;
    for (let u = 0; u < W; u++) {
      const id = idMap[row + columns[u]!]!;
      if (id === 0) continue;
      const z = depth[v * W + u]!;
      if (!(z > 0) || z === Infinity) continue;
      ids[v * W + u] = id;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  const clouds = new Map<number, Float64Array>();
  const fill = new Map<number, number>();
  for (const [id, count] of counts) {
    clouds.set(id, new Float64Array(3 * count));
    fill.set(id, 0);
  }
  if (options.occlusion) {
    const occlusion = options.occlusion;
    for (let v = 0; v < H; v++) {
      for (let u = 0; u < W; u++) {
        const i = v * W + u,
          id = ids[i]!;
        if (id === 0) continue;
        const z = depth[i]!;
        let hidden = false;
        for (const j of [u > 0 ? i - 1 : -1, u + 1 < W ? i + 1 : -1, v > 0 ? i - W : -1, v + 1 < H ? i + W : -1]) {
          if (j < 0) continue;
          const other = ids[j]!;
          if (other !== 0 && other !== id && depth[j]! < 0.98 * z) hidden = true;
        }
        if (hidden) occlusion.set(id, (occlusion.get(id) ?? 0) + 1);
      }
    }
  }
  // Pass 2: unproject.
  const ifx = 1 / fx,
    ify = 1 / fy;
  for (let i = 0; i < W * H; i++) {
    const id = ids[i]!;
    if (id === 0) continue;
    const z = depth[i]! * scale,
      u = i % W,
      v = (i - u) / W;
    const x = (u - cx) * ifx * z,
      y = (v - cy) * ify * z;
    const cloud = clouds.get(id)!,
      o = fill.get(id)!;
    cloud[o] = r00 * x + r01 * y + r02 * z + tx;
    cloud[o + 1] = r10 * x + r11 * y + r12 * z + ty;
    cloud[o + 2] = r20 * x + r21 * y + r22 * z + tz;
    fill.set(id, o + 3);
  }
  return clouds;
}

/**
 * The world's up vector estimated as minus the mean of the cameras' y axes
 * (OpenCV cameras: y points down in the image). Right for a camera held or
 * mounted roughly level (dash cams, handheld video); a pitched camera tilts
 * the ground plane by the same angle. MonST3R's world is its first camera's
 * frame, so it is not gravity-aligned by itself.
 * @param worldFromCameras - row-major 4×4 `world_from_camera` per frame.
 * @throws {@link InvalidArgumentError} for `worldFromCameras`: needs at least one camera
 */
export function estimateUpFromCameras(worldFromCameras: readonly ArrayLike<number>[]): [number, number, number] {
  let x = 0,
    y = 0,
    z = 0;
  for (const m of worldFromCameras) {
    x -= m[1]!;
    y -= m[5]!;
    z -= m[9]!;
  }
  const length = Math.hypot(x, y, z);
  if (!(length > 0))
    throw new InvalidArgumentError({ argument: 'worldFromCameras', message: 'needs at least one camera' });
  return [x / length, y / length, z / length];
}
