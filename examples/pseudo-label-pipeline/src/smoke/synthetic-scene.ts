/**
 * A synthetic driving video written in the real on-disk formats of the tools
 * the pipeline reads, with a known ground truth:
 *
 * - a camera 1.5 m above a flat road, driving straight ahead at
 *   `CAMERA_SPEED` m/s, level (OpenCV camera: x right, y down, z forward; the
 *   world is the first camera's frame, as in MonST3R);
 * - two cars (1.8 × 1.5 × 4.5 m boxes) in the left and right lanes driving
 *   the same way at their own constant speeds, and a tiny far-away box
 *   (a "person" Grounding DINO would hallucinate) that the rule-based filter
 *   must drop;
 * - 17 frames at 2 fps (8 s, the 0.5 s grid).
 *
 * Written: a MonST3R folder (`pred_traj.txt`, `pred_intrinsics.txt`,
 * `frame_%04d.npy`, `conf_%d.npy`) at 512×288 in an arbitrary scale
 * (`MONST3R_UNITS_PER_METER`) with a per-frame depth-scale wobble of ±0.5 %
 * and ±0.1 % per-pixel noise; metric depth (`frame_%04d.npy`, 768×432, ±3 %
 * per-pixel noise, 0 on the sky) like Metric3D v2 on larger frames; and a
 * Grounded-SAM-2 results JSON at the video resolution 1024×576 with COCO RLE
 * masks, xyxy boxes and scores — one detection with box score 0.25 (below
 * SPEC's 0.4) and a 40×24 px patch of road leaking into one car's mask in
 * every third frame (for DBSCAN to remove); plus the frames themselves as
 * JPEG (flat colours) for the VLM judge.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRandom, encodeCocoRle } from '@stkit/core';
import { writeNpy } from '@stkit/geometry';
import sharp from 'sharp';

export const FPS = 2;
export const FRAME_COUNT = 17;
export const CAMERA_SPEED = 8; // m/s along world +z
export const CAMERA_HEIGHT = 1.5; // m; the road is the plane y = +1.5 (y down)
/** Resolution of the video (and of the Grounded-SAM-2 masks and frames). */
export const VIDEO_SIZE = { width: 1024, height: 576 } as const;
export const MONST3R_UNITS_PER_METER = 1 / 3.7; // MonST3R's arbitrary scale: 1 unit = 3.7 m
const SKY_DEPTH = 150; // m, what the reconstruction puts on the sky

/** A box object moving at constant velocity along world +z. */
export interface SyntheticObject {
  readonly id: number;
  readonly className: string;
  /** Centre at t = 0, metres (world = first camera frame). */
  readonly start: readonly [number, number, number];
  /** Speed along +z, m/s. */
  readonly speed: number;
  /** Width (x), height (y), length (z), metres. */
  readonly size: readonly [number, number, number];
  /** Whether the pipeline must keep it (the truth is checked for kept ones). */
  readonly expectKept: boolean;
}

export const OBJECTS: readonly SyntheticObject[] = [
  { id: 1, className: 'car', start: [-3.5, 0.75, 10], speed: 10, size: [1.8, 1.5, 4.5], expectKept: true },
  { id: 2, className: 'car', start: [3.5, 0.75, 26], speed: 6, size: [1.8, 1.5, 4.5], expectKept: true },
  { id: 3, className: 'person', start: [1, 1.35, 140], speed: 0, size: [0.3, 0.3, 0.3], expectKept: false },
];

/**
 * The smoke camera at `width × height` (16:9): fx = fy = 400, principal point
 * (256, 144) at MonST3R's 512×288 (what MonST3R writes), scaled to other
 * resolutions with pixel centres at integers (`c' = (c + 0.5)·s − 0.5`), so
 * that every rendering of a frame sees the same rays.
 */
function camera(width: number, _height: number) {
  const s = width / 512;
  return { fx: 400 * s, fy: 400 * s, cx: 256.5 * s - 0.5, cy: 144.5 * s - 0.5 };
}

/** Object centre at time t (truth). */
export function objectCenter(object: SyntheticObject, t: number): [number, number, number] {
  return [object.start[0], object.start[1], object.start[2] + object.speed * t];
}

/**
 * Ray-casts frame `k` at `width × height`: metric depth along z and the id of
 * the object each pixel sees (0 = road, −1 = sky).
 */
function render(k: number, width: number, height: number): { depth: Float64Array; ids: Int32Array } {
  const t = k / FPS;
  const { fx, fy, cx, cy } = camera(width, height);
  const camZ = CAMERA_SPEED * t;
  const boxes = OBJECTS.map((object) => {
    const c = objectCenter(object, t);
    return {
      id: object.id,
      min: [c[0] - object.size[0] / 2, c[1] - object.size[1] / 2, c[2] - object.size[2] / 2 - camZ],
      max: [c[0] + object.size[0] / 2, c[1] + object.size[1] / 2, c[2] + object.size[2] / 2 - camZ],
    };
  });
  const depth = new Float64Array(width * height);
  const ids = new Int32Array(width * height);
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      // Ray d = ((u − cx)/fx, (v − cy)/fy, 1): its parameter is the depth along z.
      const dx = (u - cx) / fx,
        dy = (v - cy) / fy;
      let best = dy > 0 ? CAMERA_HEIGHT / dy : Infinity;
      let id = dy > 0 ? 0 : -1;
      for (const box of boxes) {
        // Slab test of an axis-aligned box from the origin.
        let near = 0,
          far = Infinity;
        const dir = [dx, dy, 1];
        for (let axis = 0; axis < 3; axis++) {
          const d = dir[axis]!;
          if (Math.abs(d) < 1e-12) {
            if (0 < box.min[axis]! || 0 > box.max[axis]!) {
              near = Infinity;
              break;
            }
            continue;
          }
          let a = box.min[axis]! / d,
            b = box.max[axis]! / d;
          if (a > b) [a, b] = [b, a];
          near = Math.max(near, a);
          far = Math.min(far, b);
        }
        if (near <= far && near > 0 && near < best) {
          best = near;
          id = box.id;
        }
      }
      if (!Number.isFinite(best) || best > SKY_DEPTH) {
        best = SKY_DEPTH;
        id = id === 0 ? -1 : id;
      }
      depth[v * width + u] = best;
      ids[v * width + u] = id;
    }
  }
  return { depth, ids };
}

/** Paths of the generated inputs. */
export interface SyntheticScenePaths {
  readonly monst3rDir: string;
  readonly masksFile: string;
  readonly metricDepthDir: string;
}

/** Writes the scene under `root`. */
export async function writeSyntheticScene(root: string, seed = 1): Promise<SyntheticScenePaths> {
  const random = createRandom(seed);
  const monst3rDir = join(root, 'monst3r'),
    metricDepthDir = join(root, 'metric-depth');
  await mkdir(monst3rDir, { recursive: true });
  await mkdir(metricDepthDir, { recursive: true });
  const jitter = (amplitude: number) => (2 * random.next() - 1) * amplitude;

  // MonST3R at 512×288: depth and camera translation in its own units.
  const [W, H] = [512, 288];
  const k = camera(W, H);
  const traj: string[] = [],
    intrinsics: string[] = [];
  for (let f = 0; f < FRAME_COUNT; f++) {
    const { depth, ids } = render(f, W, H);
    const frameScale = MONST3R_UNITS_PER_METER * (1 + jitter(0.005));
    const out = new Float32Array(W * H),
      logConf = new Float32Array(W * H);
    for (let i = 0; i < W * H; i++) {
      out[i] = depth[i]! * frameScale * (1 + jitter(0.001));
      logConf[i] = ids[i] === -1 ? Math.log(0.3) : Math.log(5 + jitter(1)); // the sky is not confident
    }
    await writeNpy(join(monst3rDir, `frame_${String(f).padStart(4, '0')}.npy`), out, [H, W]);
    await writeNpy(join(monst3rDir, `conf_${f}.npy`), logConf, [H, W]);
    // MonST3R's `t x y z qw qx qy qz` (camera-to-world), `%.6f`-style; a level camera has the identity rotation.
    traj.push(
      [f, 0, 0, CAMERA_SPEED * (f / FPS) * MONST3R_UNITS_PER_METER, 1, 0, 0, 0]
        .map((value) => value.toFixed(6))
        .join(' '),
    );
    intrinsics.push([k.fx, 0, k.cx, 0, k.fy, k.cy, 0, 0, 1].map((value) => value.toFixed(6)).join(' '));
  }
  await writeFile(join(monst3rDir, 'pred_traj.txt'), traj.join('\n') + '\n');
  await writeFile(join(monst3rDir, 'pred_intrinsics.txt'), intrinsics.join('\n') + '\n');

  // Metric3D-like metric depth at 768×432, metres, 0 on the sky.
  for (let f = 0; f < FRAME_COUNT; f++) {
    const { depth, ids } = render(f, 768, 432);
    const out = Float32Array.from(depth, (d, i) => (ids[i] === -1 ? 0 : d * (1 + jitter(0.03))));
    await writeNpy(join(metricDepthDir, `frame_${String(f).padStart(4, '0')}.npy`), out, [432, 768]);
  }

  // Grounded-SAM-2 results at the video resolution 1024×576.
  const { width: VW, height: VH } = VIDEO_SIZE;
  const frames = [];
  await mkdir(join(root, 'frames'), { recursive: true });
  const colors: Record<number, readonly [number, number, number]> = {
    [-1]: [135, 190, 235],
    0: [90, 90, 95],
    1: [200, 40, 40],
    2: [40, 80, 200],
    3: [230, 200, 40],
  };
  for (let f = 0; f < FRAME_COUNT; f++) {
    const { ids } = render(f, VW, VH);
    // The video frame itself (flat colours), for the VLM judge when a server is given.
    const rgb = Buffer.alloc(VW * VH * 3);
    for (let i = 0; i < VW * VH; i++) rgb.set(colors[ids[i]!]!, 3 * i);
    const imagePath = `frames/${String(f).padStart(5, '0')}.jpg`;
    await sharp(rgb, { raw: { width: VW, height: VH, channels: 3 } })
      .jpeg({ quality: 85 })
      .toFile(join(root, imagePath));
    const annotations = [];
    for (const object of OBJECTS) {
      const mask = new Uint8Array(VW * VH);
      let x1 = Infinity,
        y1 = Infinity,
        x2 = -Infinity,
        y2 = -Infinity;
      for (let v = 0; v < VH; v++)
        for (let u = 0; u < VW; u++) {
          if (ids[v * VW + u] !== object.id) continue;
          mask[v * VW + u] = 1;
          x1 = Math.min(x1, u);
          y1 = Math.min(y1, v);
          x2 = Math.max(x2, u + 1);
          y2 = Math.max(y2, v + 1);
        }
      if (!Number.isFinite(x1)) continue;
      // SAM 2 leaking onto the road: a 40×24 px patch of road near the bottom-left corner in every third frame.
      if (object.id === 1 && f % 3 === 1)
        for (let v = VH - 40; v < VH - 16; v++) for (let u = 40; u < 80; u++) mask[v * VW + u] = 1;
      annotations.push({
        instance_id: object.id,
        class_name: object.className,
        bbox: [x1, y1, x2, y2],
        score: object.id === 2 && f === 5 ? 0.25 : 0.8 + jitter(0.1),
        text_score: 0.5 + jitter(0.1),
        segmentation: encodeCocoRle(mask, VH, VW),
      });
    }
    frames.push({
      frame_index: f,
      image_path: imagePath,
      img_width: VW,
      img_height: VH,
      box_format: 'xyxy',
      annotations,
    });
  }
  const masksFile = join(root, 'grounded_sam2_results.json');
  await writeFile(masksFile, JSON.stringify({ frames }));
  return { monst3rDir, masksFile, metricDepthDir };
}
