/**
 * Lifting 2D object masks into the world frame of a {@link Scene4D}: every
 * masked pixel with a valid, confident depth is unprojected with its frame's
 * intrinsics and `worldFromCamera`, giving a point cloud and its centroid per
 * object and frame.
 */
import { InvalidArgumentError, ShapeMismatchError } from '@stkit/core';
import { decodeCocoRle, type CocoRle } from '@stkit/core';
import type { Scene4D } from './types';

/** A 2D mask: a row-major bitmap (non-zero = inside) with its size, or a COCO RLE. */
export type MaskInput = { readonly height: number; readonly width: number; readonly data: Uint8Array } | CocoRle;

/** One object to lift: its masks per frame (`null`/absent = not visible). */
export interface LiftObject {
  /** Object or track id, copied to the result. */
  readonly id: string | number;
  /** Masks indexed by frame of the scene (length ≤ number of frames). */
  readonly masks: readonly (MaskInput | null | undefined)[];
}

/** Options of {@link liftMasks}. */
export interface LiftMasksOptions {
  /** The reconstructed scene (depths in scene units, metres once canonicalised). */
  readonly scene: Scene4D;
  /** Objects to lift. */
  readonly objects: readonly LiftObject[];
  /** Pixels whose scene confidence is below this are skipped. @default 0 (keep all) */
  readonly minConfidence?: number;
}

/** One object in one frame. */
export interface LiftedFrame {
  /** Frame index in the scene. */
  readonly frame: number;
  /** World points, flat xyz (`3·count` values), scene units. */
  readonly points: Float64Array;
  /** Number of points. */
  readonly count: number;
  /** Mean of `points`, or `null` when no pixel had a valid depth. */
  readonly centroid: readonly [number, number, number] | null;
}

/** Result of {@link liftMasks}. */
export interface LiftMasksResult {
  /** Per object (same order as the input), the frames where it had a mask. */
  readonly objects: readonly { readonly id: string | number; readonly frames: readonly LiftedFrame[] }[];
}

function maskBitmap(mask: MaskInput, where: string): { data: Uint8Array; height: number; width: number } {
  if ('counts' in mask) {
    const data = decodeCocoRle(mask);
    return { data, height: mask.size[0]!, width: mask.size[1]! };
  }
  if (mask.data.length !== mask.height * mask.width) {
    throw new ShapeMismatchError({ what: where, expected: [mask.height * mask.width], actual: [mask.data.length] });
  }
  return mask;
}

/**
 * Lifts every object's masks into world point clouds. Masks whose size differs
 * from the scene's are sampled at the scene's pixel centres (nearest
 * neighbour), so SA-V or Grounded-SAM-2 masks at video resolution work on a
 * 512×288 reconstruction directly.
 */
export function liftMasks(options: LiftMasksOptions): LiftMasksResult {
  const { scene } = options;
  const { width: W, height: H } = scene;
  const minConfidence = options.minConfidence ?? 0;
  const columnMap = new Int32Array(W);
  const pointsScratch = new Float64Array(W * H * 3);
  const selectedScratch = new Int32Array(W * H);
  const objects = options.objects.map((object, o) => {
    if (object.masks.length > scene.frames.length) {
      throw new InvalidArgumentError({
        argument: `objects[${o}].masks`,
        value: object.masks.length,
        message: `has more masks than the scene has frames (${scene.frames.length})`,
      });
    }
    const frames: LiftedFrame[] = [];
    for (let f = 0; f < object.masks.length; f++) {
      const input = object.masks[f];
      if (input === null || input === undefined) continue;
      const mask = maskBitmap(input, `objects[${o}].masks[${f}]`);
      const frame = scene.frames[f]!;
      const { depth, confidence } = frame;
      const { fx, fy, cx, cy } = frame.intrinsics;
      const m = frame.worldFromCamera;
      const r00 = m[0]!,
        r01 = m[1]!,
        r02 = m[2]!,
        tx = m[3]!,
        r10 = m[4]!,
        r11 = m[5]!,
        r12 = m[6]!,
        ty = m[7]!;
      const r20 = m[8]!,
        r21 = m[9]!,
        r22 = m[10]!,
        tz = m[11]!;
      const ifx = 1 / fx,
        ify = 1 / fy;
      // Nearest mask column of each scene pixel centre (used when the sizes differ).
      for (let u = 0; u < W; u++) columnMap[u] = Math.min(mask.width - 1, Math.floor(((u + 0.5) * mask.width) / W));
      // Phase 1: the scene pixels inside the mask. Same-size bitmaps are scanned 4 bytes at a time
      // (object masks are mostly empty); other sizes are sampled at the scene pixel centres.
      let selected = 0;
      const data = mask.data;
      if (mask.width === W && mask.height === H && (data.byteOffset & 3) === 0) {
        const words = new Uint32Array(data.buffer, data.byteOffset, (W * H) >> 2);
        for (let w = 0; w < words.length; w++) {
          if (words[w] === 0) continue;
          for (let i = 4 * w; i < 4 * w + 4; i++) if (data[i] !== 0) selectedScratch[selected++] = i;
        }
        for (let i = 4 * words.length; i < W * H; i++) if (data[i] !== 0) selectedScratch[selected++] = i;
      } else {
        for (let v = 0; v < H; v++) {
          const maskRow = Math.min(mask.height - 1, Math.floor(((v + 0.5) * mask.height) / H)) * mask.width;
          for (let u = 0; u < W; u++) if (data[maskRow + columnMap[u]!] !== 0) selectedScratch[selected++] = v * W + u;
        }
      }
      // Phase 2: unproject the selected pixels with a valid, confident depth.
      let count = 0,
        sx = 0,
        sy = 0,
        sz = 0;
      for (let k = 0; k < selected; k++) {
        const i = selectedScratch[k]!;
        const z = depth[i]!;
        if (!(z > 0) || z === Infinity || confidence[i]! < minConfidence) continue;
        const u = i % W,
          v = (i - u) / W;
        const x = (u - cx) * ifx * z,
          y = (v - cy) * ify * z;
        const px = r00 * x + r01 * y + r02 * z + tx,
          py = r10 * x + r11 * y + r12 * z + ty,
          pz = r20 * x + r21 * y + r22 * z + tz;
        const o = 3 * count;
        pointsScratch[o] = px;
        pointsScratch[o + 1] = py;
        pointsScratch[o + 2] = pz;
        sx += px;
        sy += py;
        sz += pz;
        count++;
      }
      frames.push({
        frame: f,
        points: pointsScratch.slice(0, 3 * count),
        count,
        centroid: count > 0 ? [sx / count, sy / count, sz / count] : null,
      });
    }
    return { id: object.id, frames };
  });
  return { objects };
}
