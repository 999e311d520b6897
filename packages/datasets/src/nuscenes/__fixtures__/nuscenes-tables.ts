/**
 * Builds small nuScenes v1.0 tables for tests, with every field of the
 * devkit schema (nuscenes-devkit docs/schema_nuscenes.md) and the on-disk
 * layout of the real files (Python `json.dump(..., indent=0)`: one key per
 * line). Tokens are 32 lowercase hex digits, like the real ones.
 *
 * Content (values the tests check by hand):
 * - scene-0001: 4 keyframes at T0, T0+0.5 s, T0+1.000050 s, T0+1.5 s (µs);
 *   instance "car" (vehicle.car) annotated at all 4, "ped"
 *   (human.pedestrian.adult) at keyframes 2 and 3.
 * - scene-0002: 3 keyframes at T1, T1+0.5 s, T1+1.0 s; instance "bus"
 *   (vehicle.bus.rigid) at all 3.
 * - sensors CAM_FRONT and LIDAR_TOP; CAM_FRONT calibrated at [1.5, 0, 1.5]
 *   with rotation [0.5, -0.5, 0.5, -0.5] (camera z → ego x, x → −y, y → −z),
 *   intrinsics fx = fy = 1000, cx = 800, cy = 450, image 1600 × 900.
 * - per keyframe: one CAM_FRONT and one LIDAR_TOP keyframe sample_data plus
 *   one CAM_FRONT non-keyframe sweep, each with its own ego_pose; ego at
 *   (100 + 10·k, 200, 0) with identity rotation for keyframe k of scene 1.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A table row. */
export type Row = Record<string, unknown>;
/** All tables by name. */
export type Tables = Record<string, Row[]>;

/** A deterministic 32-hex token for `name`. */
export function token(name: string): string {
  return createHash('md5').update(name).digest('hex');
}

export const T0 = 1532402927647951;
export const T1 = 1533151603547590;
export const SCENE1_TIMES = [T0, T0 + 500_000, T0 + 1_000_050, T0 + 1_500_000];
export const SCENE2_TIMES = [T1, T1 + 500_000, T1 + 1_000_000];
/** Car centres at the 4 keyframes of scene-0001 (global frame). */
export const CAR_CENTERS = [
  [120, 202, 1.5],
  [121.25, 202.5, 1.5],
  [122.5, 203, 1.55],
  [123.75, 203.5, 1.6],
];
export const PED_CENTERS = [
  [110.3, 195.1, 0.9],
  [110.8, 195.4, 0.9],
];
export const BUS_CENTERS = [
  [400, -50, 2],
  [405, -50, 2],
  [410, -50, 2],
];

/** The fixture tables. */
export function buildTables(): Tables {
  const tables: Tables = {
    attribute: [{ token: token('attr-moving'), name: 'vehicle.moving', description: 'Vehicle is moving.' }],
    visibility: [{ token: '4', level: 'v80-100', description: 'visibility of whole object is between 80 and 100%' }],
    category: ['vehicle.car', 'human.pedestrian.adult', 'vehicle.bus.rigid'].map((name, index) => ({
      token: token(`cat-${name}`),
      name,
      description: `${name} — “described”`,
      index,
    })),
    sensor: [
      { token: token('sensor-cam'), channel: 'CAM_FRONT', modality: 'camera' },
      { token: token('sensor-lidar'), channel: 'LIDAR_TOP', modality: 'lidar' },
    ],
    calibrated_sensor: [
      {
        token: token('cal-cam'),
        sensor_token: token('sensor-cam'),
        translation: [1.5, 0, 1.5],
        rotation: [0.5, -0.5, 0.5, -0.5],
        camera_intrinsic: [
          [1000, 0, 800],
          [0, 1000, 450],
          [0, 0, 1],
        ],
      },
      {
        token: token('cal-lidar'),
        sensor_token: token('sensor-lidar'),
        translation: [0.943, 0, 1.84],
        rotation: [0.7077955119163518, -0.006492242056004365, 0.010646214713995808, -0.7063073142877817],
        camera_intrinsic: [],
      },
    ],
    log: [
      {
        token: token('log-1'),
        logfile: 'n015-2018-07-24-11-22-45+0800',
        vehicle: 'n015',
        date_captured: '2018-07-24',
        location: 'singapore-onenorth',
      },
      {
        token: token('log-2'),
        logfile: 'n008-2018-08-01-15-16-36-0400',
        vehicle: 'n008',
        date_captured: '2018-08-01',
        location: 'boston-seaport',
      },
    ],
    map: [
      {
        token: token('map-1'),
        log_tokens: [token('log-1'), token('log-2')],
        category: 'semantic_prior',
        filename: 'maps/53992ee3023e5494b90c316c183be829.png',
      },
    ],
    scene: [],
    sample: [],
    sample_data: [],
    ego_pose: [],
    instance: [],
    sample_annotation: [],
  };
  const addScene = (name: string, log: string, times: number[], egoAt: (k: number) => number[]): string[] => {
    const samples = times.map((_, k) => token(`${name}-sample-${k}`));
    tables.scene!.push({
      token: token(name),
      name,
      description: `${name}, wait at intersection, peds`,
      log_token: token(log),
      nbr_samples: times.length,
      first_sample_token: samples[0],
      last_sample_token: samples[samples.length - 1],
    });
    times.forEach((timestamp, k) => {
      tables.sample!.push({
        token: samples[k],
        timestamp,
        prev: k > 0 ? samples[k - 1] : '',
        next: k < times.length - 1 ? samples[k + 1] : '',
        scene_token: token(name),
      });
      for (const [kind, cal, key, dt] of [
        ['cam', 'cal-cam', true, 0],
        ['lidar', 'cal-lidar', true, -1200],
        ['sweep', 'cal-cam', false, -250_000],
      ] as const) {
        const sd = token(`${name}-${kind}-${k}`);
        const ts = timestamp + dt;
        tables.ego_pose!.push({
          token: sd,
          timestamp: ts,
          rotation: [1, 0, 0, 0],
          translation: kind === 'cam' ? egoAt(k) : [egoAt(k)[0]! - 0.3, egoAt(k)[1], 0],
        });
        const channel = cal === 'cal-cam' ? 'CAM_FRONT' : 'LIDAR_TOP';
        tables.sample_data!.push({
          token: sd,
          sample_token: samples[k],
          ego_pose_token: sd,
          calibrated_sensor_token: token(cal),
          timestamp: ts,
          fileformat: channel === 'CAM_FRONT' ? 'jpg' : 'pcd',
          is_key_frame: key,
          height: channel === 'CAM_FRONT' ? 900 : 0,
          width: channel === 'CAM_FRONT' ? 1600 : 0,
          filename: `${key ? 'samples' : 'sweeps'}/${channel}/n015-2018-07-24-11-22-45+0800__${channel}__${ts}.${channel === 'CAM_FRONT' ? 'jpg' : 'pcd.bin'}`,
          prev: '',
          next: '',
        });
      }
    });
    return samples;
  };
  const s1 = addScene('scene-0001', 'log-1', SCENE1_TIMES, (k) => [100 + 10 * k, 200, 0]);
  const s2 = addScene('scene-0002', 'log-2', SCENE2_TIMES, () => [380, -50, 0]);
  const addInstance = (name: string, category: string, samples: string[], centers: number[][]): void => {
    const anns = samples.map((_, i) => token(`${name}-ann-${i}`));
    tables.instance!.push({
      token: token(name),
      category_token: token(`cat-${category}`),
      nbr_annotations: anns.length,
      first_annotation_token: anns[0],
      last_annotation_token: anns[anns.length - 1],
    });
    samples.forEach((sample, i) => {
      tables.sample_annotation!.push({
        token: anns[i],
        sample_token: sample,
        instance_token: token(name),
        visibility_token: '4',
        attribute_tokens: [token('attr-moving')],
        translation: [...centers[i]!],
        size: [2, 4, 1.5],
        rotation: [1, 0, 0, 0],
        prev: i > 0 ? anns[i - 1] : '',
        next: i < anns.length - 1 ? anns[i + 1] : '',
        num_lidar_pts: 42 + i,
        num_radar_pts: i,
      });
    });
  };
  addInstance('car', 'vehicle.car', s1, CAR_CENTERS);
  addInstance('ped', 'human.pedestrian.adult', [s1[1]!, s1[2]!], PED_CENTERS);
  addInstance('bus', 'vehicle.bus.rigid', s2, BUS_CENTERS);
  return tables;
}

/** Serialises one table the way the devkit files are laid out (indent 0). */
export function formatTable(rows: Row[]): string {
  const value = (v: unknown): string =>
    typeof v === 'number' && !Number.isFinite(v)
      ? Number.isNaN(v)
        ? 'NaN'
        : v > 0
          ? 'Infinity'
          : '-Infinity'
      : Array.isArray(v)
        ? `[\n${v.map(value).join(',\n')}\n]`
        : JSON.stringify(v);
  return `[\n${rows
    .map(
      (row) =>
        `{\n${Object.entries(row)
          .map(([k, v]) => `"${k}": ${value(v)}`)
          .join(',\n')}\n}`,
    )
    .join(',\n')}\n]`;
}

/** Writes `tables` to `<root>/<version>/<table>.json`; returns the table folder. */
export async function writeTables(root: string, tables: Tables, version = 'v1.0-mini'): Promise<string> {
  const dir = join(root, version);
  await mkdir(dir, { recursive: true });
  for (const [name, rows] of Object.entries(tables)) await writeFile(join(dir, `${name}.json`), formatTable(rows));
  return dir;
}
