/**
 * Renders a {@link SceneSpec} by ray casting (flat road + oriented boxes) into
 * the real output formats of the three tools the pseudo-label pipeline reads,
 * with their defects:
 *
 * - MonST3R folder (512×288): `pred_traj.txt` (`t x y z qw qx qy qz`,
 *   camera-to-world, arbitrary scale 1 unit = 3.7 m), `pred_intrinsics.txt`,
 *   `frame_%04d.npy` depth (float32) with a per-frame scale wobble, per-pixel
 *   noise growing with range and *flying pixels* at depth edges (a depth
 *   between the two sides), `conf_%d.npy` log confidence; camera-pose glitches
 *   written into `pred_traj.txt` on chosen frames (the depth stays right, so
 *   every object lifted there jumps).
 * - Metric3D-like depth (768×432, metres, `frame_%04d.npy`): a global bias and
 *   per-pixel noise.
 * - Grounded-SAM-2 tracking masks (1024×576 instance-id maps + boxes, class
 *   names, scores) as `MaskFrame`s of `@stkit/core` — written to disk by the
 *   caller with `@stkit/segment`'s writer — with road pixels bleeding into the
 *   masks under each object and unknown (0.0) or low scores on some frames.
 * - Optionally the frames as JPEG (`frames/%05d.jpg`) for the video path.
 *
 * The truth (object centres per frame, visible frames) is returned and written
 * as `truth.json`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRandom, type MaskFrame, type Random } from '@stkit/core';
import { encodeNpy } from '@stkit/geometry';
import {
  CAMERA_HEIGHT,
  cameraAt,
  FOCAL,
  MONST3R_METRES_PER_UNIT,
  objectCenterAt,
  objectYaw,
  SIZES,
  type SceneSpec,
} from './scene-spec';

/** Truth of one object. */
export interface ObjectTruth {
  instanceId: number;
  className: string;
  /** Whether it never moves ([definitions §2](docs/pages/definitions.md#distance-speed): no distance/speed question). */
  parked: boolean;
  /** Per frame: the box centre (world = first camera, metres) and whether ≥ 50 mask pixels of it are visible. */
  frames: { t: number; center: [number, number, number]; visible: boolean }[];
}

/** What {@link renderScene} wrote. */
export interface RenderedScene {
  spec: SceneSpec;
  monst3rDir: string;
  metricDepthDir: string;
  framesDir: string | undefined;
  /** The Grounded-SAM-2 frames (id maps at 1024×576). */
  masks: MaskFrame[];
  truth: ObjectTruth[];
}

interface Hit {
  depth: number;
  id: number;
}

function gaussian(random: Random): number {
  const u = Math.max(1e-12, random.next()),
    v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Ray casts one image: z-depth (metres) and the id of the box hit (0 = road or sky) per pixel. */
function castImage(
  spec: SceneSpec,
  t: number,
  width: number,
  height: number,
): { depth: Float32Array; ids: Uint16Array } {
  const f = (FOCAL * width) / SIZES.monst3r.width,
    cx = width / 2,
    cy = height / 2;
  const camera = cameraAt(spec, t);
  const cosY = Math.cos(camera.yaw),
    sinY = Math.sin(camera.yaw);
  const boxes = spec.objects.map((object) => {
    const c = objectCenterAt(object, t),
      yaw = objectYaw(object, t);
    return {
      id: object.instanceId,
      c,
      cos: Math.cos(yaw),
      sin: Math.sin(yaw),
      half: [object.size[0] / 2, object.size[1] / 2, object.size[2] / 2] as const,
    };
  });
  const depth = new Float32Array(width * height),
    ids = new Uint16Array(width * height);
  const hit: Hit = { depth: Infinity, id: 0 };
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const rx = (u - cx) / f,
        ry = (v - cy) / f; // camera ray (rx, ry, 1), z-depth = parameter
      // World direction: camera x → (cos, 0, −sin), y → (0, 1, 0), z → (sin, 0, cos).
      const dx = rx * cosY + sinY,
        dy = ry,
        dz = -rx * sinY + cosY;
      hit.depth = ry > 1e-9 ? CAMERA_HEIGHT / ry : Infinity;
      hit.id = 0;
      for (const box of boxes) {
        // Into the box frame: local x = (cos, 0, −sin), z = (sin, 0, cos) of the box yaw.
        const ox = camera.center[0] - box.c[0],
          oy = camera.center[1] - box.c[1],
          oz = camera.center[2] - box.c[2];
        const lo = [ox * box.cos - oz * box.sin, oy, ox * box.sin + oz * box.cos];
        const ld = [dx * box.cos - dz * box.sin, dy, dx * box.sin + dz * box.cos];
        let near = 0,
          far = hit.depth;
        for (let a = 0; a < 3 && near <= far; a++) {
          const d = ld[a]!,
            o = lo[a]!,
            h = box.half[a]!;
          if (Math.abs(d) < 1e-12) {
            if (o < -h || o > h) near = Infinity;
            continue;
          }
          let t0 = (-h - o) / d,
            t1 = (h - o) / d;
          if (t0 > t1) [t0, t1] = [t1, t0];
          if (t0 > near) near = t0;
          if (t1 < far) far = t1;
        }
        if (near <= far && near > 0 && near < hit.depth) {
          hit.depth = near;
          hit.id = box.id;
        }
      }
      const i = v * width + u;
      depth[i] = hit.depth;
      ids[i] = hit.id;
    }
  }
  return { depth, ids };
}

const SKY_DEPTH = 250;

/** Writes the scene's MonST3R folder, metric depth and (optionally) frames; returns the masks and the truth. */
export async function renderScene(
  spec: SceneSpec,
  dir: string,
  options: { images?: boolean } = {},
): Promise<RenderedScene> {
  const random = createRandom(spec.seed).fork('render');
  const monst3rDir = join(dir, 'monst3r'),
    metricDepthDir = join(dir, 'metric3d');
  const framesDir = options.images ? join(dir, 'frames') : undefined;
  await mkdir(monst3rDir, { recursive: true });
  await mkdir(metricDepthDir, { recursive: true });
  if (framesDir) await mkdir(framesDir, { recursive: true });
  const sharp = options.images ? (await import('sharp')).default : undefined;
  const traj: string[] = [],
    intrinsics: string[] = [];
  const masks: MaskFrame[] = [];
  const truth: ObjectTruth[] = spec.objects.map((object) => ({
    instanceId: object.instanceId,
    className: object.className,
    parked: object.velocity[0] === 0 && object.velocity[1] === 0,
    frames: [],
  }));
  const { monst3r: M, metric: D, video: V } = SIZES;
  for (let k = 0; k < spec.frameCount; k++) {
    const t = k / spec.fps;
    const frameRandom = random.fork(k);
    // MonST3R depth with flying pixels and noise, in MonST3R units.
    const scene = castImage(spec, t, M.width, M.height);
    const depth = Float32Array.from(scene.depth, (d) => (Number.isFinite(d) ? d : SKY_DEPTH));
    const flying = Float32Array.from(depth);
    for (let v = 0; v < M.height; v++) {
      for (let u = 0; u < M.width; u++) {
        const i = v * M.width + u;
        for (const j of [u + 1 < M.width ? i + 1 : -1, v + 1 < M.height ? i + M.width : -1]) {
          if (j < 0) continue;
          const a = depth[i]!,
            b = depth[j]!;
          if (Math.abs(a - b) / Math.min(a, b) < 0.15 || frameRandom.next() >= spec.defects.flyingPixels) continue;
          // The nearer pixel of the edge gets a depth between the two sides.
          const target = a < b ? i : j,
            nearDepth = Math.min(a, b),
            farDepth = Math.max(a, b);
          flying[target] = nearDepth + (farDepth - nearDepth) * (0.2 + 0.6 * frameRandom.next());
        }
      }
    }
    const wobble = 1 + spec.defects.monst3rFrameWobble * gaussian(frameRandom);
    const units = new Float32Array(M.width * M.height),
      logConf = new Float32Array(M.width * M.height);
    for (let i = 0; i < units.length; i++) {
      const d = flying[i]!;
      units[i] =
        (d * wobble * (1 + spec.defects.monst3rNoise * (1 + d / 50) * gaussian(frameRandom))) / MONST3R_METRES_PER_UNIT;
      logConf[i] = scene.depth[i] === Infinity ? 0.05 : flying[i] !== depth[i] ? 0.4 : 1.5;
    }
    await writeFile(join(monst3rDir, `frame_${String(k).padStart(4, '0')}.npy`), encodeNpy(units, [M.height, M.width]));
    await writeFile(join(monst3rDir, `conf_${k}.npy`), encodeNpy(logConf, [M.height, M.width]));
    // Pose as written (with glitches), MonST3R units, camera-to-world; yaw about +y (down).
    const camera = cameraAt(spec, t);
    let [x, y, z] = camera.center;
    let yaw = camera.yaw;
    const glitch = spec.defects.poseGlitches.find((g) => g.frame === k);
    if (glitch) {
      const angle = 2 * Math.PI * frameRandom.next();
      x += glitch.jump * Math.cos(angle);
      z += glitch.jump * Math.sin(angle);
      yaw += (glitch.yawDegrees * Math.PI) / 180;
    }
    traj.push(
      [
        k,
        x / MONST3R_METRES_PER_UNIT,
        y / MONST3R_METRES_PER_UNIT,
        z / MONST3R_METRES_PER_UNIT,
        Math.cos(yaw / 2),
        0,
        Math.sin(yaw / 2),
        0,
      ]
        .map((value) => value.toFixed(6))
        .join(' '),
    );
    intrinsics.push(
      [FOCAL, 0, M.width / 2, 0, FOCAL, M.height / 2, 0, 0, 1].map((value) => value.toFixed(6)).join(' '),
    );
    // Metric3D-like depth, metres.
    const metric = castImage(spec, t, D.width, D.height).depth;
    const metricOut = new Float32Array(metric.length);
    for (let i = 0; i < metric.length; i++) {
      const d = Number.isFinite(metric[i]!) ? metric[i]! : SKY_DEPTH;
      metricOut[i] = Math.min(
        SKY_DEPTH,
        d * spec.defects.metricBias * (1 + spec.defects.metricNoise * gaussian(frameRandom)),
      );
    }
    await writeFile(
      join(metricDepthDir, `frame_${String(k).padStart(4, '0')}.npy`),
      encodeNpy(metricOut, [D.height, D.width]),
    );
    // Grounded-SAM-2: id map at the video resolution, with road bleeding under each object.
    const video = castImage(spec, t, V.width, V.height);
    const ids = Uint16Array.from(video.ids);
    const instances: MaskFrame['instances'] = [];
    for (const [o, object] of spec.objects.entries()) {
      let x1 = Infinity,
        y1 = Infinity,
        x2 = -Infinity,
        y2 = -Infinity,
        count = 0;
      for (let i = 0; i < ids.length; i++) {
        if (video.ids[i] !== object.instanceId) continue;
        const u = i % V.width,
          v = (i - u) / V.width;
        count++;
        if (u < x1) x1 = u;
        if (u > x2) x2 = u;
        if (v < y1) y1 = v;
        if (v > y2) y2 = v;
      }
      truth[o]!.frames.push({ t, center: objectCenterAt(object, t), visible: count >= 50 });
      if (count < 50) {
        // Too small to be detected: not in the id map either (a map may only hold listed instances).
        if (count > 0) for (let i = 0; i < ids.length; i++) if (video.ids[i] === object.instanceId) ids[i] = 0;
        continue;
      }
      const rows =
        k % spec.defects.bleedEvery === 0
          ? Math.max(spec.defects.bleedRows, Math.round(spec.defects.bleedLarge * (y2 - y1 + 1)))
          : spec.defects.bleedRows;
      for (let u = x1; u <= x2; u++) {
        let bottom = -1;
        for (let v = y2; v >= y1; v--)
          if (video.ids[v * V.width + u] === object.instanceId) {
            bottom = v;
            break;
          }
        if (bottom < 0) continue;
        for (let v = bottom + 1; v <= Math.min(V.height - 1, bottom + rows); v++)
          if (ids[v * V.width + u] === 0) ids[v * V.width + u] = object.instanceId;
      }
      const unknown = (k + o) % spec.defects.unknownScoreEvery === 0;
      instances.push({
        instanceId: object.instanceId,
        box: [x1, y1, Math.min(V.width - 1, x2), Math.min(V.height - 1, y2 + rows)],
        className: object.className,
        ...(unknown ? {} : { boxScore: Number((0.55 + 0.4 * frameRandom.next()).toFixed(4)) }),
      });
    }
    masks.push({ frameIndex: k, width: V.width, height: V.height, idMap: ids, instances, promptType: 'mask' });
    if (sharp && framesDir) {
      const pixels = Buffer.alloc(V.width * V.height * 3);
      for (let i = 0; i < ids.length; i++) {
        const d = video.depth[i]!;
        const shade = Number.isFinite(d) ? Math.max(30, 200 - 2 * d) : 235;
        const id = video.ids[i]!;
        pixels[3 * i] = id ? (60 * id) % 256 : shade;
        pixels[3 * i + 1] = id ? (110 * id) % 256 : shade;
        pixels[3 * i + 2] = id ? 200 : shade;
      }
      await sharp(pixels, { raw: { width: V.width, height: V.height, channels: 3 } })
        .jpeg({ quality: 85 })
        .toFile(join(framesDir, `${String(k).padStart(5, '0')}.jpg`));
    }
  }
  await writeFile(join(monst3rDir, 'pred_traj.txt'), `${traj.join('\n')}\n`);
  await writeFile(join(monst3rDir, 'pred_intrinsics.txt'), `${intrinsics.join('\n')}\n`);
  await writeFile(join(dir, 'truth.json'), `${JSON.stringify({ spec, objects: truth }, null, 1)}\n`);
  return { spec, monst3rDir, metricDepthDir, framesDir, masks, truth };
}
