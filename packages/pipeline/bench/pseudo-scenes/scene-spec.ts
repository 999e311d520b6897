/**
 * Synthetic driving scenes for the pseudo-label benchmarks and tests: a
 * camera 1.5 m above a flat road, boxes that move on it, and the defects the
 * real tools have (see `render.ts`). World = the first camera's frame, as
 * MonST3R's (OpenCV: x right, y down, z forward); the road is the plane
 * y = +1.5. Every random choice comes from the seed.
 */
import { createRandom } from '@stkit/core';

/** A constant-rate change of heading (yaw about the down axis, rad/s; positive turns from +z towards +x). */
export interface SceneTurn {
  /** Seconds from the first frame. */
  start: number;
  duration: number;
  rate: number;
}

/** A box moving on the road at constant speed: straight (constant velocity), through `turns`, or parked. */
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
  /** Heading changes at constant speed (the velocity is the initial one), in time order, not overlapping. */
  turns?: SceneTurn[];
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
export const SIZES = {
  monst3r: { width: 512, height: 288 },
  metric: { width: 768, height: 432 },
  video: { width: 1024, height: 576 },
} as const;
/** Focal length at the MonST3R resolution, pixels (65° horizontal field of view). */
export const FOCAL = 400;

export const DEFAULT_DEFECTS: SceneDefects = {
  flyingPixels: 1,
  bleedRows: 4,
  bleedEvery: 3,
  bleedLarge: 0.3,
  poseGlitches: [
    { frame: 13, jump: 2.5, yawDegrees: 1.5 },
    { frame: 27, jump: 2.0, yawDegrees: -2 },
  ],
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
    {
      instanceId: 5,
      className: 'person',
      start: [u(-9, -7), u(30, 40)],
      velocity: [u(1.1, 1.5), 0],
      size: [0.6, 1.7, 0.5],
    },
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

/**
 * Object centre at time t (world, metres). Straight pieces at heading ψ move by v·(sin ψ, cos ψ)·Δt; a turn at rate ω
 * from heading ψ₀ to ψ₁ moves by (v/ω)·(cos ψ₀ − cos ψ₁, sin ψ₁ − sin ψ₀) (the arc, closed form).
 */
export function objectCenterAt(object: SceneObject, t: number): [number, number, number] {
  const y = CAMERA_HEIGHT - object.size[1] / 2;
  const speed = Math.hypot(object.velocity[0], object.velocity[1]);
  if (!object.turns || object.turns.length === 0 || speed === 0)
    return [object.start[0] + object.velocity[0] * t, y, object.start[1] + object.velocity[1] * t];
  let x = object.start[0],
    z = object.start[1],
    heading = Math.atan2(object.velocity[0], object.velocity[1]),
    now = 0;
  const straight = (until: number): void => {
    const dt = Math.max(0, Math.min(t, until) - now);
    x += speed * Math.sin(heading) * dt;
    z += speed * Math.cos(heading) * dt;
    now += dt;
  };
  for (const turn of object.turns) {
    if (now >= t) break;
    straight(turn.start);
    if (now >= t) break;
    const dt = Math.min(t, turn.start + turn.duration) - now;
    const next = heading + turn.rate * dt;
    x += (speed / turn.rate) * (Math.cos(heading) - Math.cos(next));
    z += (speed / turn.rate) * (Math.sin(next) - Math.sin(heading));
    heading = next;
    now += dt;
  }
  straight(Infinity);
  return [x, y, z];
}

/** Heading (yaw about the down axis) of an object at time t: its direction of motion, or +z when parked. */
export function objectYaw(object: SceneObject, t = 0): number {
  const [vx, vz] = object.velocity;
  if (vx === 0 && vz === 0) return 0;
  let heading = Math.atan2(vx, vz);
  for (const turn of object.turns ?? [])
    heading += turn.rate * Math.max(0, Math.min(t, turn.start + turn.duration) - turn.start);
  return heading;
}

/**
 * The extended benchmark scene (issue 12's stationarity and direction verdicts): {@link benchmarkScene}'s six objects
 * unchanged (same draws) plus nine from a separate random stream: parked cars near and far, at the roadside and in
 * the camera's lane ahead, a parked van, a pedestrian walking along the pavement, a far pedestrian crossing, a cyclist
 * riding slowly ahead, a car turning out of a side street, a lane change, and a car turning into a side street.
 */
export function extendedBenchmarkScene(seed: number, overrides: Partial<SceneSpec> = {}): SceneSpec {
  const base = benchmarkScene(seed, overrides);
  const random = createRandom(seed).fork('extended');
  const u = (low: number, high: number): number => low + (high - low) * random.next();
  const side = (): number => (random.next() < 0.5 ? -1 : 1);
  const end = base.cameraSpeed * (base.frameCount / base.fps);
  const car: [number, number, number] = [1.8, 1.5, 4.5];
  const walkSide = side();
  const turnSpeed = u(5, 7),
    turnStart = u(1, 3),
    laneChange = u(3, 9);
  const extra: SceneObject[] = [
    { instanceId: 7, className: 'car', start: [6.5, u(18, 30)], velocity: [0, 0], size: car },
    { instanceId: 8, className: 'car', start: [-6.5, u(100, 130)], velocity: [0, 0], size: car },
    { instanceId: 9, className: 'car', start: [0, end + u(20, 40)], velocity: [0, 0], size: car },
    { instanceId: 10, className: 'truck', start: [7, u(60, 85)], velocity: [0, 0], size: [2.2, 2.6, 6] },
    {
      instanceId: 11,
      className: 'person',
      start: [8 * walkSide, u(25, 40)],
      velocity: [0, side() * u(0.8, 1.2)],
      size: [0.6, 1.7, 0.5],
    },
    {
      instanceId: 12,
      className: 'person',
      start: [u(-6, -4), u(60, 75)],
      velocity: [u(0.9, 1.2), 0],
      size: [0.6, 1.7, 0.5],
    },
    { instanceId: 13, className: 'bicycle', start: [2, u(20, 30)], velocity: [0, u(2.5, 3.5)], size: [0.6, 1.6, 1.8] },
    // Out of a side street on the right (heading −x), turning left by 90° (radius v·6/π) into the far lane (x = −3.5),
    // heading −z.
    {
      instanceId: 14,
      className: 'car',
      start: [-3.5 + (turnSpeed * 6) / Math.PI + turnSpeed * turnStart, u(55, 70)],
      velocity: [-turnSpeed, 0],
      size: car,
      turns: [{ start: turnStart, duration: 3, rate: -Math.PI / 6 }],
    },
    // A lane change ahead, right lane to the camera's: 0.15 rad/s to the left for 2 s, then back (≈ 4 m sideways).
    {
      instanceId: 15,
      className: 'car',
      start: [3.5, u(30, 40)],
      velocity: [0, u(6, 8)],
      size: car,
      turns: [
        { start: laneChange, duration: 2, rate: -0.15 },
        { start: laneChange + 2, duration: 2, rate: 0.15 },
      ],
    },
    // Oncoming in the far lane, turning right into a side street on its right (≈ 90°).
    {
      instanceId: 16,
      className: 'car',
      start: [-3.5, u(80, 100)],
      velocity: [0, -u(6, 8)],
      size: car,
      turns: [{ start: u(4, 7), duration: 3, rate: Math.PI / 6 }],
    },
  ];
  return { ...base, name: `drive-${seed}-extended`, objects: overrides.objects ?? [...base.objects, ...extra] };
}
