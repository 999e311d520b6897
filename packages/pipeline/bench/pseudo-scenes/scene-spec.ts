/**
 * Synthetic driving scenes for the pseudo-label benchmarks and tests: a
 * camera 1.5 m above a flat road, boxes that move on it, and the defects the
 * real tools have (see `render.ts`). World = the first camera's frame, as
 * MonST3R's (OpenCV: x right, y down, z forward); the road is the plane
 * y = +1.5. Every random choice comes from the seed.
 */
import { createRandom } from '@stkit/core';

/** A box moving at constant velocity on the road (or parked). */
export interface SceneObject {
  /** Grounded-SAM-2 instance id. */
  instanceId: number;
  className: string;
  /** Centre at t = 0 (x, z on the road; y follows from the height). */
  start: [number, number];
  /** Velocity (x, z), m/s. */
  velocity: [number, number];
  /** Width, height, length, metres. */
  size: [number, number, number];
}

/** Defect switches and magnitudes. */
export interface SceneDefects {
  /** Share of the depth-edge pixels given a depth between the two sides (flying pixels). @default 1 */
  flyingPixels: number;
  /** Rows (at mask resolution) of road under an object that leak into its mask, every frame. @default 4 */
  bleedRows: number;
  /** Every `bleedEvery`-th frame, a bleed of `bleedLarge` × the object's pixel height. */
  bleedEvery: number;
  bleedLarge: number;
  /** Frames whose written camera pose is off (translation jump in metres, yaw in degrees). */
  poseGlitches: { frame: number; jump: number; yawDegrees: number }[];
  /** Metric3D-like depth: global factor, per-pixel relative noise. */
  metricBias: number;
  metricNoise: number;
  /** MonST3R depth: per-frame scale wobble and per-pixel relative noise (grows with range: σ·(1 + d/50)). */
  monst3rFrameWobble: number;
  monst3rNoise: number;
  /** Frames where a detection's score is 0.0 (unknown logit) or below SPEC's threshold. */
  unknownScoreEvery: number;
}

export interface SceneSpec {
  name: string;
  seed: number;
  fps: number;
  frameCount: number;
  cameraSpeed: number;
  /** Camera yaw wobble amplitude, degrees (period 8 s). */
  cameraYawDegrees: number;
  objects: SceneObject[];
  defects: SceneDefects;
}

export const CAMERA_HEIGHT = 1.5;
/** MonST3R's arbitrary scale: 1 unit = 3.7 m. */
export const MONST3R_METRES_PER_UNIT = 3.7;
export const SIZES = { monst3r: { width: 512, height: 288 }, metric: { width: 768, height: 432 }, video: { width: 1024, height: 576 } } as const;
/** Focal length at the MonST3R resolution, pixels (65° horizontal field of view). */
export const FOCAL = 400;

export const DEFAULT_DEFECTS: SceneDefects = {
  flyingPixels: 1,
  bleedRows: 4,
  bleedEvery: 3,
  bleedLarge: 0.3,
  poseGlitches: [{ frame: 13, jump: 2.5, yawDegrees: 1.5 }, { frame: 27, jump: 2.0, yawDegrees: -2 }],
  metricBias: 1.03,
  metricNoise: 0.04,
  monst3rFrameWobble: 0.005,
  monst3rNoise: 0.01,
  unknownScoreEvery: 5,
};

/**
 * The benchmark scene family: the same cast (a car pulling away, a long
 * truck whose visible side slides, a far car, an oncoming car from 150 m, a
 * pedestrian, a parked car) with positions and speeds drawn from the seed.
 */
export function benchmarkScene(seed: number, overrides: Partial<SceneSpec> = {}): SceneSpec {
  const random = createRandom(seed).fork('scene');
  const u = (low: number, high: number): number => low + (high - low) * random.next();
  const objects: SceneObject[] = [
    { instanceId: 1, className: 'car', start: [-3.5, u(10, 16)], velocity: [0, u(9, 12)], size: [1.8, 1.5, 4.5] },
    { instanceId: 2, className: 'truck', start: [3.6, u(22, 30)], velocity: [0, u(8, 10)], size: [2.5, 3.5, 12] },
    { instanceId: 3, className: 'car', start: [u(-1, 1), u(70, 90)], velocity: [0, u(5.5, 7)], size: [1.8, 1.5, 4.5] },
    { instanceId: 4, className: 'car', start: [-7, u(140, 150)], velocity: [0, -u(8, 11)], size: [1.8, 1.5, 4.5] },
    { instanceId: 5, className: 'person', start: [u(-9, -7), u(30, 40)], velocity: [u(1.1, 1.5), 0], size: [0.6, 1.7, 0.5] },
    { instanceId: 6, className: 'car', start: [-6.5, u(45, 60)], velocity: [0, 0], size: [1.8, 1.5, 4.5] },
  ];
  return {
    name: `drive-${seed}`,
    seed,
    fps: 2,
    frameCount: 40,
    cameraSpeed: u(3, 5),
    cameraYawDegrees: 2,
    objects,
    defects: DEFAULT_DEFECTS,
    ...overrides,
  };
}

/** Camera at time t: centre and yaw (radians, about the down axis; 0 = looking along +z). */
export function cameraAt(spec: SceneSpec, t: number): { center: [number, number, number]; yaw: number } {
  const yaw = ((spec.cameraYawDegrees * Math.PI) / 180) * Math.sin((2 * Math.PI * t) / 8);
  return { center: [0, 0, spec.cameraSpeed * t], yaw };
}

/** Object centre at time t (world, metres). */
export function objectCenterAt(object: SceneObject, t: number): [number, number, number] {
  return [object.start[0] + object.velocity[0] * t, CAMERA_HEIGHT - object.size[1] / 2, object.start[1] + object.velocity[1] * t];
}

/** Heading (yaw about the down axis) of an object: its direction of motion, or +z when parked. */
export function objectYaw(object: SceneObject): number {
  const [vx, vz] = object.velocity;
  return vx === 0 && vz === 0 ? 0 : Math.atan2(vx, vz);
}
