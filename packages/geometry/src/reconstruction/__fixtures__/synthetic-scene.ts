/**
 * Generated test scenes with known geometry: a camera moving down a box-shaped
 * corridor (ground, ceiling, side walls, far wall) with axis-aligned boxes
 * moving at constant velocity. Depth maps and object ids are rendered by ray
 * casting in the world frame (independently of any unprojection code), and
 * DUSt3R-style pairwise pointmaps are derived with per-pair arbitrary scale
 * and noise.
 */
import { createRandom, type Random } from '@stkit/core';
import type { PointmapPair } from '../types';

export interface SyntheticSceneOptions {
  frames: number;
  width: number;
  height: number;
  /** Focal length in pixels. */
  focal: number;
  boxes?: number;
  seed?: number;
}

export interface SyntheticBox {
  /** Centre at frame 0, metres (world). */
  center: [number, number, number];
  /** Velocity per frame, metres. */
  velocity: [number, number, number];
  half: [number, number, number];
}

export interface SyntheticScene {
  width: number;
  height: number;
  focal: number;
  cx: number;
  cy: number;
  /** Camera-to-world, row-major 4×4 per frame. */
  worldFromCamera: Float64Array[];
  /** Ground-truth depth (z in camera), metres. */
  depth: Float32Array[];
  /** 0 = static background, k = box k − 1. */
  objectIds: Uint8Array[];
  /** World hit point of every pixel, flat xyz (ray-cast, not unprojected). */
  hits: Float64Array[];
  boxes: SyntheticBox[];
}

function gaussian(random: Random): number {
  const u = Math.max(random.next(), 1e-12),
    v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Camera-to-world pose of frame n: forward motion with lateral sway, yaw and pitch. */
function cameraPose(n: number): Float64Array {
  const yaw = 0.08 * Math.sin(0.2 * n),
    pitch = 0.03 * Math.sin(0.13 * n + 0.5);
  const cyw = Math.cos(yaw),
    syw = Math.sin(yaw),
    cp = Math.cos(pitch),
    sp = Math.sin(pitch);
  // R = Ry(yaw) · Rx(pitch)
  const r = [cyw, syw * sp, syw * cp, 0, cp, -sp, -syw, cyw * sp, cyw * cp];
  const t = [0.8 * Math.sin(0.15 * n), 0.1 * Math.sin(0.3 * n), 0.4 * n];
  return Float64Array.from([
    r[0]!,
    r[1]!,
    r[2]!,
    t[0]!,
    r[3]!,
    r[4]!,
    r[5]!,
    t[1]!,
    r[6]!,
    r[7]!,
    r[8]!,
    t[2]!,
    0,
    0,
    0,
    1,
  ]);
}

const WALLS = { ground: 1.6, ceiling: -4, left: -5, right: 5, far: 60 };

export function boxCenter(box: SyntheticBox, frame: number): [number, number, number] {
  return [
    box.center[0] + box.velocity[0] * frame,
    box.center[1] + box.velocity[1] * frame,
    box.center[2] + box.velocity[2] * frame,
  ];
}

/** Renders the scene. */
export function createSyntheticScene(options: SyntheticSceneOptions): SyntheticScene {
  const { frames, width, height, focal } = options;
  const random = createRandom(options.seed ?? 1);
  const cx = width / 2,
    cy = height / 2;
  const boxes: SyntheticBox[] = [];
  for (let k = 0; k < (options.boxes ?? 2); k++) {
    const side = k % 2 === 0 ? -1 : 1;
    boxes.push({
      center: [side * (1.5 + random.next()), 0.8, 8 + 4 * k + 2 * random.next()],
      velocity: [-side * 0.03, 0, 0.15 + 0.1 * random.next()],
      half: [0.6 + 0.3 * random.next(), 0.8, 1.0 + 0.5 * random.next()],
    });
  }
  const scene: SyntheticScene = {
    width,
    height,
    focal,
    cx,
    cy,
    worldFromCamera: [],
    depth: [],
    objectIds: [],
    hits: [],
    boxes,
  };
  for (let n = 0; n < frames; n++) {
    const pose = cameraPose(n);
    const centers = boxes.map((box) => boxCenter(box, n));
    const depth = new Float32Array(width * height),
      ids = new Uint8Array(width * height),
      hits = new Float64Array(width * height * 3);
    const ox = pose[3]!,
      oy = pose[7]!,
      oz = pose[11]!;
    for (let v = 0, i = 0; v < height; v++) {
      for (let u = 0; u < width; u++, i++) {
        const dcx = (u - cx) / focal,
          dcy = (v - cy) / focal;
        // World direction of the ray whose camera-frame direction has z = 1, so the hit parameter is the depth.
        const dx = pose[0]! * dcx + pose[1]! * dcy + pose[2]!,
          dy = pose[4]! * dcx + pose[5]! * dcy + pose[6]!,
          dz = pose[8]! * dcx + pose[9]! * dcy + pose[10]!;
        let best = Infinity,
          id = 0;
        const plane = (origin: number, direction: number, level: number): void => {
          const t = (level - origin) / direction;
          if (t > 1e-6 && t < best) {
            best = t;
            id = 0;
          }
        };
        plane(oy, dy, WALLS.ground);
        plane(oy, dy, WALLS.ceiling);
        plane(ox, dx, WALLS.left);
        plane(ox, dx, WALLS.right);
        plane(oz, dz, WALLS.far);
        for (let k = 0; k < boxes.length; k++) {
          const c = centers[k]!,
            h = boxes[k]!.half;
          let tmin = -Infinity,
            tmax = Infinity;
          const slab = (o: number, d: number, lo: number, hi: number): void => {
            const t1 = (lo - o) / d,
              t2 = (hi - o) / d;
            tmin = Math.max(tmin, Math.min(t1, t2));
            tmax = Math.min(tmax, Math.max(t1, t2));
          };
          slab(ox, dx, c[0] - h[0], c[0] + h[0]);
          slab(oy, dy, c[1] - h[1], c[1] + h[1]);
          slab(oz, dz, c[2] - h[2], c[2] + h[2]);
          if (tmax >= tmin && tmin > 1e-6 && tmin < best) {
            best = tmin;
            id = k + 1;
          }
        }
        depth[i] = best;
        ids[i] = id;
        hits[3 * i] = ox + best * dx;
        hits[3 * i + 1] = oy + best * dy;
        hits[3 * i + 2] = oz + best * dz;
      }
    }
    scene.worldFromCamera.push(pose);
    scene.depth.push(depth);
    scene.objectIds.push(ids);
    scene.hits.push(hits);
  }
  return scene;
}

/** MonST3R's `swinstride-<window>-noncyclic` pair graph, symmetrised: partners at offsets 1, 3, 5, … */
export function strideWindowPairs(frames: number, window = 5): [number, number][] {
  const seen = new Set<string>(),
    pairs: [number, number][] = [];
  for (let i = 0; i < frames; i++) {
    for (let offset = 1; offset < 2 * window + 1; offset += 2) {
      const j = i + offset;
      if (j >= frames || seen.has(`${i},${j}`)) continue;
      seen.add(`${i},${j}`);
      pairs.push([i, j]);
    }
  }
  return [...pairs, ...pairs.map(([i, j]) => [j, i] as [number, number])];
}

export interface PairOptions {
  /** Gaussian point noise, as a fraction of the depth. @default 0.01 */
  noise?: number;
  seed?: number;
  pairs?: [number, number][];
}

/** DUSt3R-style pointmaps of every pair: camera-i-frame points times an arbitrary per-pair scale, plus noise. */
export function renderPointmapPairs(scene: SyntheticScene, options: PairOptions = {}): PointmapPair[] {
  const random = createRandom(options.seed ?? 2);
  const noise = options.noise ?? 0.01;
  const frames = scene.depth.length,
    size = scene.width * scene.height;
  const pairs = options.pairs ?? strideWindowPairs(frames);
  return pairs.map(([i, j]) => {
    const scale = 0.5 + 1.5 * random.next();
    const pose = scene.worldFromCamera[i]!;
    const toCamera = (hits: Float64Array, out: Float32Array, conf: Float32Array): void => {
      for (let k = 0; k < size; k++) {
        const wx = hits[3 * k]! - pose[3]!,
          wy = hits[3 * k + 1]! - pose[7]!,
          wz = hits[3 * k + 2]! - pose[11]!;
        // p_cam = Rᵀ (p_world − t)
        const x = pose[0]! * wx + pose[4]! * wy + pose[8]! * wz,
          y = pose[1]! * wx + pose[5]! * wy + pose[9]! * wz,
          z = pose[2]! * wx + pose[6]! * wy + pose[10]! * wz;
        const sigma = noise * Math.abs(z);
        out[3 * k] = scale * (x + sigma * gaussian(random));
        out[3 * k + 1] = scale * (y + sigma * gaussian(random));
        out[3 * k + 2] = scale * (z + sigma * gaussian(random));
        conf[k] = 2 + 4 * random.next();
      }
    };
    const pts3d1 = new Float32Array(3 * size),
      conf1 = new Float32Array(size),
      pts3d2 = new Float32Array(3 * size),
      conf2 = new Float32Array(size);
    toCamera(scene.hits[i]!, pts3d1, conf1);
    toCamera(scene.hits[j]!, pts3d2, conf2);
    return { i, j, height: scene.height, width: scene.width, pts3d1, conf1, pts3d2, conf2 };
  });
}

/** Metric depth maps with multiplicative Gaussian noise (a stand-in for Metric3D). */
export function noisyMetricDepths(scene: SyntheticScene, relativeNoise: number, seed = 3): Float32Array[] {
  const random = createRandom(seed);
  return scene.depth.map((depth) => depth.map((d) => d * (1 + relativeNoise * gaussian(random))));
}
