/**
 * Writes a Project Aria MPS recording of a {@link Scene}'s ego motion (the
 * camera wearer): `<recording>/trajectory/closed_loop_trajectory.csv` in the
 * MPS column layout (header, `graph_uid, tracking_timestamp_us,
 * utc_timestamp_ns, t{x,y,z}_world_device` in metres with 6 decimals,
 * `q{x,y,z,w}_world_device` scalar-last with 9 decimals, device-frame linear
 * and angular velocities, `gravity_{x,y,z}_world` = (0, 0, −9.81),
 * `quality_score`, then the newer `geo_available` and ECEF columns unless
 * `schema: 'classic'`), and, for Ego-Exo4D-style takes, a static exo camera
 * calibration `gopro_calibs.csv` beside it (`KANNALABRANDTK3`, w-last
 * quaternion `world_from_cam`). Scene objects are not written (MPS has only
 * the wearer). No Aria data is copied.
 *
 * The device frame is the wearer's heading turned about z (x forward, y
 * left, z up) at `deviceHeight` metres; the world frame is the scene frame.
 */
import { join } from 'node:path';
import { quatFromMat3 } from '@stkit/geometry';
import { poseOnGround, velocityOnGround, writeFileAtomic, yawRateOf, type Scene } from './scene';

/** A static exo camera looking from `position` at `lookAt` (camera x right, y down, z forward; image up = world +z). */
export interface AriaExoCamera {
  camUid: string;
  position: [number, number, number];
  lookAt: [number, number, number];
  fx: number;
  fy: number;
  cx: number;
  cy: number;
  width: number;
  height: number;
}

/** Options of {@link generateAriaRecording}. */
export interface AriaFixtureOptions {
  /** Trajectory rows per second. @default 1000 */
  rate?: number;
  /** Height of the device (the glasses) above the ground, metres. @default 1.6 */
  deviceHeight?: number;
  /** First `tracking_timestamp_us`. @default 149202610 */
  startMicros?: number;
  /** @default 'ea7288b8-0000-4000-8000-000000000001' */
  graphUid?: string;
  /** `full`: the 28 columns with `geo_available` and ECEF; `classic`: the original 20. @default 'full' */
  schema?: 'full' | 'classic';
  /** Exo cameras written to `gopro_calibs.csv` (Ego-Exo4D take); none: an MPS-only recording. */
  exoCameras?: AriaExoCamera[];
}

const CLASSIC_HEADER = [
  'graph_uid',
  'tracking_timestamp_us',
  'utc_timestamp_ns',
  'tx_world_device',
  'ty_world_device',
  'tz_world_device',
  'qx_world_device',
  'qy_world_device',
  'qz_world_device',
  'qw_world_device',
  'device_linear_velocity_x_device',
  'device_linear_velocity_y_device',
  'device_linear_velocity_z_device',
  'angular_velocity_x_device',
  'angular_velocity_y_device',
  'angular_velocity_z_device',
  'gravity_x_world',
  'gravity_y_world',
  'gravity_z_world',
  'quality_score',
];
const GEO_HEADER = [
  'geo_available',
  'tx_ecef_device',
  'ty_ecef_device',
  'tz_ecef_device',
  'qx_ecef_device',
  'qy_ecef_device',
  'qz_ecef_device',
  'qw_ecef_device',
];

const f6 = (v: number): string => (Math.abs(v) < 5e-7 ? 0 : v).toFixed(6);
const f9 = (v: number): string => (Math.abs(v) < 5e-10 ? 0 : v).toFixed(9);

/** `world_from_cam` rotation of a camera looking at `lookAt`, as `[qx, qy, qz, qw]`. */
function lookAtQuaternion(camera: AriaExoCamera): [number, number, number, number] {
  const f = camera.lookAt.map((v, i) => v - camera.position[i]!) as [number, number, number];
  const fn = Math.hypot(...f);
  const z = f.map((v) => v / fn) as [number, number, number];
  // x = z × up (right), y = z × x (down).
  const xr = [z[1], -z[0], 0];
  const xn = Math.hypot(xr[0]!, xr[1]!);
  const x = [xr[0]! / xn, xr[1]! / xn, 0];
  const y = [z[1] * x[2]! - z[2] * x[1]!, z[2] * x[0]! - z[0] * x[2]!, z[0] * x[1]! - z[1] * x[0]!];
  // Rotation matrix with columns x, y, z (row-major) → quaternion, written w last.
  const rows = [x[0]!, y[0]!, z[0], x[1]!, y[1]!, z[1], x[2]!, y[2]!, z[2]];
  const q = quatFromMat3(new Float64Array(4), rows);
  return [q[1]!, q[2]!, q[3]!, q[0]!];
}

/** Writes the recording into `dir` (the folder that gets `trajectory/`); returns the trajectory file. */
export function generateAriaRecording(dir: string, scene: Scene, options: AriaFixtureOptions = {}): string {
  const rate = options.rate ?? 1000;
  const height = options.deviceHeight ?? 1.6;
  const start = options.startMicros ?? 149202610;
  const graph = options.graphUid ?? 'ea7288b8-0000-4000-8000-000000000001';
  const full = (options.schema ?? 'full') === 'full';
  const header = full ? [...CLASSIC_HEADER, ...GEO_HEADER] : CLASSIC_HEADER;
  const rows = [header.join(',')];
  const count = Math.round(scene.duration * rate) + 1;
  const yawRate = yawRateOf(scene.ego);
  for (let i = 0; i < count; i++) {
    const micros = start + Math.round((i * 1e6) / rate);
    const t = (micros - start) / 1e6;
    const pose = poseOnGround(scene.ego, t);
    const [vx, vy] = velocityOnGround(scene.ego, t);
    const c = Math.cos(pose.heading),
      s = Math.sin(pose.heading);
    const half = pose.heading / 2;
    const cells = [
      graph,
      String(micros),
      String(1686767222002923694n + BigInt(micros - start) * 1000n),
      f6(pose.x),
      f6(pose.y),
      f6(height),
      f9(0),
      f9(0),
      f9(Math.sin(half)),
      f9(Math.cos(half)),
      f6(c * vx + s * vy),
      f6(-s * vx + c * vy),
      f6(0), // world velocity in the device frame
      f6(0),
      f6(0),
      f6(yawRate),
      f6(0),
      f6(0),
      f6(-9.81),
      '0.5',
    ];
    if (full) cells.push('0', f6(0), f6(0), f6(0), f9(0), f9(0), f9(0), f9(1));
    rows.push(cells.join(','));
  }
  const file = join(dir, 'trajectory', 'closed_loop_trajectory.csv');
  writeFileAtomic(file, `${rows.join('\n')}\n`);
  if (options.exoCameras && options.exoCameras.length > 0) {
    const calibHeader = [
      'cam_uid',
      'graph_uid',
      'tx_world_cam',
      'ty_world_cam',
      'tz_world_cam',
      'qx_world_cam',
      'qy_world_cam',
      'qz_world_cam',
      'qw_world_cam',
      'image_width',
      'image_height',
      'intrinsics_type',
      ...Array.from({ length: 8 }, (_, k) => `intrinsics_${k}`),
    ];
    const lines = [calibHeader.join(',')];
    for (const cam of options.exoCameras) {
      const q = lookAtQuaternion(cam);
      lines.push(
        [
          cam.camUid,
          graph,
          ...cam.position.map(f6),
          ...q.map(f9),
          cam.width,
          cam.height,
          'KANNALABRANDTK3',
          cam.fx,
          cam.fy,
          cam.cx,
          cam.cy,
          0,
          0,
          0,
          0,
        ].join(','),
      );
    }
    writeFileAtomic(join(dir, 'trajectory', 'gopro_calibs.csv'), `${lines.join('\n')}\n`);
  }
  return file;
}
