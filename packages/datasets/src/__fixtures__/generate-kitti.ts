/**
 * Writes a KITTI tracking sequence of a {@link Scene} in the devkit's text
 * formats: `tracking/training/label_02/<seq>.txt` (17 space-separated fields,
 * `%.6f` floats, a `DontCare` row per frame), `oxts/<seq>.txt` (30 fields per
 * 10 Hz frame: lat, lon in degrees, yaw radians east = 0 counter-clockwise…)
 * and `calib/<seq>.txt` (`P0:`…`P3:`, `R_rect`, `Tr_velo_cam`, `Tr_imu_velo`,
 * `%.12e`). No KITTI data is copied: every number comes from the scene.
 *
 * The reader's world frame (the oxts frame of `kitti-poses.ts`: x east, y
 * north, z up, origin at the first packet) is the scene frame shifted so that
 * the ego's start is the origin; the IMU is at z = 0.
 */
import { join } from 'node:path';
import {
  centerZOf,
  mat4Mul,
  poseOnGround,
  rigidInverse,
  velocityOnGround,
  writeFileAtomic,
  yawPose,
  yawRateOf,
  type Scene,
} from './scene';

/** The camera and mounting used by the generator (a simplified KITTI rig). */
export const KITTI_FIXTURE_RIG = {
  fx: 720,
  fy: 720,
  cx: 620,
  cy: 180,
  width: 1242,
  height: 375,
  /** Camera 2 sits this far left of camera 0 (metres): `P2[3] = fx · baseline`. */
  cam2Baseline: 0.06,
  /** `R_rect` is the identity. */
  /** `Tr_velo_cam`: velodyne (x fwd, y left, z up) → camera 0 (x right, y down, z fwd), translation (0, −0.08, −0.27). */
  veloToCamTranslation: [0, -0.08, -0.27] as [number, number, number],
  /** `Tr_imu_velo`: identity rotation, translation (−0.81, 0.32, −0.80). */
  imuToVeloTranslation: [-0.81, 0.32, -0.8] as [number, number, number],
  /** Camera 2's optical centre in the IMU frame (x fwd, y left, z up), worked out by hand from the two translations above. */
  cam2InImu: [1.08, -0.26, 0.72] as [number, number, number],
} as const;

/** Options of {@link generateKittiSequence}. */
export interface KittiFixtureOptions {
  /** Sequence id. @default '0000' */
  sequence?: string;
  /** Latitude / longitude of the first packet, degrees. @default [49.011, 8.4231] */
  origin?: [number, number];
  /** Altitude, metres. @default 115 */
  altitude?: number;
}

const EARTH_RADIUS = 6378137;
const RATE = 10;

/** `%.{digits}e` as C prints it (two-digit exponent). */
function cExp(value: number, digits = 12): string {
  const [mantissa, exponent] = value.toExponential(digits).split('e') as [string, string];
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
}

const f6 = (v: number): string => (Math.abs(v) < 5e-7 ? 0 : v).toFixed(6);
const g14 = (v: number): string => String(Number(v.toPrecision(14)));

/** Rotation (row-major 3×4 incl. translation) of `Tr_velo_cam`. */
function veloToCam(): number[] {
  const [tx, ty, tz] = KITTI_FIXTURE_RIG.veloToCamTranslation;
  return [0, -1, 0, tx, 0, 0, -1, ty, 1, 0, 0, tz];
}

function imuToVelo(): number[] {
  const [tx, ty, tz] = KITTI_FIXTURE_RIG.imuToVeloTranslation;
  return [1, 0, 0, tx, 0, 1, 0, ty, 0, 0, 1, tz];
}

const mat4 = (m: number[]): Float64Array => Float64Array.of(...m, 0, 0, 0, 1);

/** Writes the sequence under `root` (creating `tracking/training/…`); returns the split folder. */
export function generateKittiSequence(root: string, scene: Scene, options: KittiFixtureOptions = {}): string {
  const sequence = options.sequence ?? '0000';
  const [lat0, lon0] = options.origin ?? [49.011, 8.4231];
  const alt = options.altitude ?? 115;
  const split = join(root, 'tracking', 'training');
  const rig = KITTI_FIXTURE_RIG;
  const frames = Math.round(scene.duration * RATE) + 1;

  // calib
  const K = (tx: number): number[] => [rig.fx, 0, rig.cx, rig.fx * tx, 0, rig.fy, rig.cy, 0, 0, 0, 1, 0];
  const calibLines = [
    `P0: ${K(0)
      .map((v) => cExp(v))
      .join(' ')} `,
    `P1: ${K(-0.54)
      .map((v) => cExp(v))
      .join(' ')} `,
    `P2: ${K(rig.cam2Baseline)
      .map((v) => cExp(v))
      .join(' ')} `,
    `P3: ${K(-0.47)
      .map((v) => cExp(v))
      .join(' ')} `,
    `R_rect ${[1, 0, 0, 0, 1, 0, 0, 0, 1].map((v) => cExp(v)).join(' ')} `,
    `Tr_velo_cam ${veloToCam()
      .map((v) => cExp(v))
      .join(' ')} `,
    `Tr_imu_velo ${imuToVelo()
      .map((v) => cExp(v))
      .join(' ')} `,
  ];
  writeFileAtomic(join(split, 'calib', `${sequence}.txt`), `${calibLines.join('\n')}\n`);

  // oxts: inverse of the devkit's Mercator projection, scale cos(lat0).
  const scale = Math.cos((lat0 * Math.PI) / 180);
  const mx0 = (scale * lon0 * Math.PI * EARTH_RADIUS) / 180;
  const my0 = scale * EARTH_RADIUS * Math.log(Math.tan(((90 + lat0) * Math.PI) / 360));
  const start = poseOnGround(scene.ego, 0);
  const oxts: string[] = [];
  const worldFromImu: Float64Array[] = [];
  for (let k = 0; k < frames; k++) {
    const t = k / RATE;
    const ego = poseOnGround(scene.ego, t);
    const [vx, vy] = velocityOnGround(scene.ego, t);
    const yawRate = yawRateOf(scene.ego);
    const x = ego.x - start.x,
      y = ego.y - start.y;
    const lat = k === 0 ? lat0 : (360 / Math.PI) * Math.atan(Math.exp((my0 + y) / (scale * EARTH_RADIUS))) - 90;
    const lon = k === 0 ? lon0 : ((mx0 + x) * 180) / (scale * Math.PI * EARTH_RADIUS);
    const speed = Math.hypot(vx, vy);
    const lateralAcc = speed * yawRate; // centripetal, to the left for a left turn
    const fields = [
      String(lat),
      String(lon),
      g14(alt),
      '0',
      '0',
      g14(ego.heading),
      g14(vy),
      g14(vx),
      g14(speed),
      '0',
      '0', // vn ve vf vl vu
      g14(-Math.sin(ego.heading) * lateralAcc),
      g14(Math.cos(ego.heading) * lateralAcc),
      '9.81',
      '0',
      g14(lateralAcc),
      '9.81', // ax ay az af al au
      '0',
      '0',
      g14(yawRate),
      '0',
      '0',
      g14(yawRate), // wx wy wz wf wl wu
      '0.05',
      '0.02',
      '4',
      '10',
      '4',
      '4',
      '6',
    ];
    oxts.push(fields.join(' '));
    worldFromImu.push(yawPose(ego.heading, x, y, 0));
  }
  writeFileAtomic(join(split, 'oxts', `${sequence}.txt`), `${oxts.join('\n')}\n`);

  // labels
  const rectFromImu = mat4Mul(mat4(veloToCam()), mat4(imuToVelo()));
  const P2 = K(rig.cam2Baseline);
  const labels: string[] = [];
  for (let k = 0; k < frames; k++) {
    const t = k / RATE;
    const rectFromWorld = mat4Mul(rectFromImu, rigidInverse(worldFromImu[k]!));
    const egoHeading = poseOnGround(scene.ego, t).heading;
    labels.push(
      `${k} -1 DontCare -1 -1 -10.000000 ${f6(5)} ${f6(150)} ${f6(40)} ${f6(190)} -1000.000000 -1000.000000 -1000.000000 -10.000000 -1.000000 -1.000000 -1.000000`,
    );
    scene.objects.forEach((object, index) => {
      const pose = poseOnGround(object.motion, t);
      const [l, w, h] = object.size;
      const world = yawPose(pose.heading, pose.x - start.x, pose.y - start.y, centerZOf(object));
      const rectFromObject = mat4Mul(rectFromWorld, world);
      const c = [rectFromObject[3]!, rectFromObject[7]!, rectFromObject[11]!] as const;
      if (c[2] < 0.5) return; // behind the camera: KITTI labels only what camera 2 sees
      const phi = pose.heading - egoHeading;
      let ry = Math.atan2(-Math.cos(phi), -Math.sin(phi));
      let alpha = ry - Math.atan2(c[0], c[2]);
      alpha = Math.atan2(Math.sin(alpha), Math.cos(alpha));
      ry = Math.atan2(Math.sin(ry), Math.cos(ry));
      // 2D box: the eight corners through P2, clipped to the image.
      let u1 = Infinity,
        v1 = Infinity,
        u2 = -Infinity,
        v2 = -Infinity;
      for (const sx of [-1, 1])
        for (const sy of [-1, 1])
          for (const sz of [-1, 1]) {
            const o = [(sx * l) / 2, (sy * w) / 2, (sz * h) / 2, 1];
            const p = [0, 1, 2].map(
              (r) =>
                rectFromObject[r * 4]! * o[0]! +
                rectFromObject[r * 4 + 1]! * o[1]! +
                rectFromObject[r * 4 + 2]! * o[2]! +
                rectFromObject[r * 4 + 3]!,
            );
            const img = [0, 1, 2].map(
              (r) => P2[r * 4]! * p[0]! + P2[r * 4 + 1]! * p[1]! + P2[r * 4 + 2]! * p[2]! + P2[r * 4 + 3]!,
            );
            const u = img[0]! / img[2]!,
              v = img[1]! / img[2]!;
            u1 = Math.min(u1, u);
            v1 = Math.min(v1, v);
            u2 = Math.max(u2, u);
            v2 = Math.max(v2, v);
          }
      const box = [Math.max(0, u1), Math.max(0, v1), Math.min(rig.width - 1, u2), Math.min(rig.height - 1, v2)];
      labels.push(
        [
          k,
          index,
          object.category,
          0,
          0,
          f6(alpha),
          ...box.map(f6),
          f6(h),
          f6(w),
          f6(l),
          f6(c[0]),
          f6(c[1] + h / 2),
          f6(c[2]),
          f6(ry),
        ].join(' '),
      );
    });
  }
  writeFileAtomic(join(split, 'label_02', `${sequence}.txt`), `${labels.join('\n')}\n`);
  return split;
}
