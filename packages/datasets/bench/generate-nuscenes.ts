/**
 * Generates nuScenes v1.0 tables at v1.0-trainval scale for the reader
 * benchmark: 850 scenes × ~40 keyframes, ≈1.2 M sample_annotation, ≈2.6 M
 * sample_data and ego_pose records (6 cameras at 12 Hz, 1 lidar at 20 Hz, 5
 * radars at 13 Hz), 64 K instances, 10 200 calibrated sensors — every field of
 * the devkit schema, 32-hex tokens, the files' real layout (Python
 * `json.dump(indent=0)`) and realistic number formatting. Deterministic (fixed
 * seed). Writes ≈2.5 GB.
 *
 *   npx tsx --conditions @stkit/source bench/generate-nuscenes.ts /tmp/nuscenes-bench [--scenes 850] [--version v1.0-trainval]
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const root = args[0];
if (root === undefined) throw new Error('usage: generate-nuscenes.ts OUT_ROOT [--scenes N] [--version V]');
const option = (name: string, fallback: string): string => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1]! : fallback;
};
const sceneCount = Number(option('scenes', '850'));
const version = option('version', 'v1.0-trainval');
const tableDir = join(root, version);
mkdirSync(tableDir, { recursive: true });

// xorshift128 (fixed seed) → uniform numbers and 32-hex tokens.
let s0 = 0x9e3779b9,
  s1 = 0x243f6a88,
  s2 = 0xb7e15162,
  s3 = 0x12345678;
function nextU32(): number {
  const t = s0 ^ (s0 << 11);
  s0 = s1;
  s1 = s2;
  s2 = s3;
  s3 = (s3 ^ (s3 >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
  return s3;
}
const random = (): number => nextU32() / 4294967296;
const newToken = (): string => {
  let out = '';
  for (let i = 0; i < 4; i++) out += nextU32().toString(16).padStart(8, '0');
  return out;
};

// One buffered writer per table, each a JSON array in the devkit layout.
class TableWriter {
  private fd: number;
  private pending: string[] = [];
  private size = 0;
  private first = true;
  count = 0;
  constructor(name: string) {
    this.fd = openSync(join(tableDir, `${name}.json`), 'w');
    writeSync(this.fd, '[\n');
  }
  add(fields: Array<[string, string]>): void {
    let text = this.first ? '{\n' : ',\n{\n';
    this.first = false;
    for (let i = 0; i < fields.length; i++)
      text += `"${fields[i]![0]}": ${fields[i]![1]}${i < fields.length - 1 ? ',\n' : '\n'}`;
    text += '}';
    this.pending.push(text);
    this.size += text.length;
    this.count++;
    if (this.size > 1 << 22) this.flush();
  }
  flush(): void {
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    writeSync(this.fd, '\n]');
    closeSync(this.fd);
  }
}
const str = (value: string): string => JSON.stringify(value);
const arr = (values: readonly (number | string)[]): string =>
  values.length === 0 ? '[]' : `[\n${values.join(',\n')}\n]`;
const fixed = (value: number, digits: number): string => String(Number(value.toFixed(digits)));
const yawQuaternion = (yaw: number): string[] => [String(Math.cos(yaw / 2)), '0.0', '0.0', String(Math.sin(yaw / 2))];

const CATEGORIES = [
  'human.pedestrian.adult',
  'human.pedestrian.child',
  'human.pedestrian.wheelchair',
  'human.pedestrian.stroller',
  'human.pedestrian.personal_mobility',
  'human.pedestrian.police_officer',
  'human.pedestrian.construction_worker',
  'animal',
  'vehicle.car',
  'vehicle.motorcycle',
  'vehicle.bicycle',
  'vehicle.bus.bendy',
  'vehicle.bus.rigid',
  'vehicle.truck',
  'vehicle.construction',
  'vehicle.emergency.ambulance',
  'vehicle.emergency.police',
  'vehicle.trailer',
  'movable_object.barrier',
  'movable_object.trafficcone',
  'movable_object.pushable_pullable',
  'movable_object.debris',
  'static_object.bicycle_rack',
];
const CHANNELS: Array<[string, string, number]> = [
  ['CAM_FRONT', 'camera', 6],
  ['CAM_FRONT_RIGHT', 'camera', 6],
  ['CAM_BACK_RIGHT', 'camera', 6],
  ['CAM_BACK', 'camera', 6],
  ['CAM_BACK_LEFT', 'camera', 6],
  ['CAM_FRONT_LEFT', 'camera', 6],
  ['LIDAR_TOP', 'lidar', 10],
  ['RADAR_FRONT', 'radar', 6],
  ['RADAR_FRONT_LEFT', 'radar', 6],
  ['RADAR_FRONT_RIGHT', 'radar', 6],
  ['RADAR_BACK_LEFT', 'radar', 6],
  ['RADAR_BACK_RIGHT', 'radar', 6],
];

const tables = Object.fromEntries(
  [
    'attribute',
    'calibrated_sensor',
    'category',
    'ego_pose',
    'instance',
    'log',
    'map',
    'sample',
    'sample_annotation',
    'sample_data',
    'scene',
    'sensor',
    'visibility',
  ].map((name) => [name, new TableWriter(name)]),
) as Record<string, TableWriter>;

const attributes = [
  'vehicle.moving',
  'vehicle.stopped',
  'vehicle.parked',
  'cycle.with_rider',
  'cycle.without_rider',
  'pedestrian.sitting_lying_down',
  'pedestrian.standing',
  'pedestrian.moving',
].map((name) => {
  const token = newToken();
  tables.attribute!.add([
    ['token', str(token)],
    ['name', str(name)],
    ['description', str(`${name} description.`)],
  ]);
  return token;
});
['v0-40', 'v40-60', 'v60-80', 'v80-100'].forEach((level, i) =>
  tables.visibility!.add([
    ['description', str(`visibility of whole object is ${level}`)],
    ['token', str(String(i + 1))],
    ['level', str(level)],
  ]),
);
const categoryTokens = CATEGORIES.map((name, index) => {
  const token = newToken();
  tables.category!.add([
    ['token', str(token)],
    ['name', str(name)],
    ['description', str(`${name} — category description.`)],
    ['index', String(index)],
  ]);
  return token;
});
const sensorTokens = CHANNELS.map(([channel, modality]) => {
  const token = newToken();
  tables.sensor!.add([
    ['token', str(token)],
    ['channel', str(channel)],
    ['modality', str(modality)],
  ]);
  return token;
});
const logs = Array.from({ length: 68 }, (_, i) => {
  const token = newToken();
  const vehicle = i % 2 ? 'n008' : 'n015';
  const day = String(1 + (i % 28)).padStart(2, '0');
  const logfile = `${vehicle}-2018-08-${day}-11-${String(10 + (i % 50)).padStart(2, '0')}-45+0800`;
  tables.log!.add([
    ['token', str(token)],
    ['logfile', str(logfile)],
    ['vehicle', str(vehicle)],
    ['date_captured', str(`2018-08-${day}`)],
    ['location', str(i % 2 ? 'boston-seaport' : 'singapore-onenorth')],
  ]);
  return { token, logfile };
});
for (let m = 0; m < 4; m++)
  tables.map!.add([
    ['category', str('semantic_prior')],
    ['token', str(newToken())],
    ['filename', str(`maps/${newToken()}.png`)],
    ['log_tokens', arr(logs.filter((_, i) => i % 4 === m).map((l) => str(l.token)))],
  ]);

let time = 1531281439800013;
for (let s = 0; s < sceneCount; s++) {
  const log = logs[s % logs.length]!;
  const keyframes = 39 + (s % 3); // 39, 40, 41
  const sceneToken = newToken();
  const sampleTokens = Array.from({ length: keyframes }, () => newToken());
  const sampleTimes = sampleTokens.map((_, k) => time + k * 500_000 + Math.round((random() - 0.5) * 8000));
  const calibrated = CHANNELS.map(([, modality], c) => {
    const token = newToken();
    const intrinsic =
      modality === 'camera'
        ? arr([
            arr([fixed(1266.417203046554, 9), '0.0', fixed(816.2670197447984, 9)]),
            arr(['0.0', fixed(1266.417203046554, 9), fixed(491.50706579294757, 9)]),
            arr(['0.0', '0.0', '1.0']),
          ])
        : '[]';
    tables.calibrated_sensor!.add([
      ['token', str(token)],
      ['sensor_token', str(sensorTokens[c]!)],
      ['translation', arr([String(1.70079118954 + c * 0.01), '0.0159456324149', '1.51095763913'])],
      ['rotation', arr(['0.4998015430569128', '-0.5030316162024876', '0.4997798114386805', '-0.49737083824542755'])],
      ['camera_intrinsic', intrinsic],
    ]);
    return token;
  });
  tables.scene!.add([
    ['token', str(sceneToken)],
    ['log_token', str(log.token)],
    ['nbr_samples', String(keyframes)],
    ['first_sample_token', str(sampleTokens[0]!)],
    ['last_sample_token', str(sampleTokens[keyframes - 1]!)],
    ['name', str(`scene-${String(s + 1).padStart(4, '0')}`)],
    ['description', str('Wait at intersection, bicycle, large truck, peds crossing crosswalk, ped with stroller')],
  ]);
  // Ego drives along a heading at ~5 m/s.
  const heading = random() * 2 * Math.PI;
  const egoX0 = 300 + random() * 1500;
  const egoY0 = 300 + random() * 1500;
  const egoAt = (us: number): string[] => {
    const dt = (us - sampleTimes[0]!) / 1e6;
    return [String(egoX0 + Math.cos(heading) * 5 * dt), String(egoY0 + Math.sin(heading) * 5 * dt), '0.0'];
  };
  const egoRotation = yawQuaternion(heading);
  sampleTokens.forEach((token, k) => {
    tables.sample!.add([
      ['token', str(token)],
      ['timestamp', String(sampleTimes[k])],
      ['prev', str(k > 0 ? sampleTokens[k - 1]! : '')],
      ['next', str(k < keyframes - 1 ? sampleTokens[k + 1]! : '')],
      ['scene_token', str(sceneToken)],
    ]);
  });
  // sample_data + ego_pose: per channel, `perKeyframe` records per keyframe interval, the first a keyframe.
  CHANNELS.forEach(([channel, modality, perKeyframe], c) => {
    const tokens = Array.from({ length: keyframes * perKeyframe }, () => newToken());
    for (let i = 0; i < tokens.length; i++) {
      const k = Math.floor(i / perKeyframe);
      const key = i % perKeyframe === 0;
      const ts = sampleTimes[k]! + Math.round(((i % perKeyframe) * 500_000) / perKeyframe) + c * 37;
      const ext = modality === 'camera' ? 'jpg' : modality === 'lidar' ? 'pcd.bin' : 'pcd';
      tables.ego_pose!.add([
        ['token', str(tokens[i]!)],
        ['timestamp', String(ts)],
        ['rotation', arr(egoRotation)],
        ['translation', arr(egoAt(ts))],
      ]);
      tables.sample_data!.add([
        ['token', str(tokens[i]!)],
        ['sample_token', str(sampleTokens[Math.min(keyframes - 1, key ? k : k + 1)]!)],
        ['ego_pose_token', str(tokens[i]!)],
        ['calibrated_sensor_token', str(calibrated[c]!)],
        ['timestamp', String(ts)],
        ['fileformat', str(modality === 'camera' ? 'jpg' : 'pcd')],
        ['is_key_frame', key ? 'true' : 'false'],
        ['height', modality === 'camera' ? '900' : '0'],
        ['width', modality === 'camera' ? '1600' : '0'],
        ['filename', str(`${key ? 'samples' : 'sweeps'}/${channel}/${log.logfile}__${channel}__${ts}.${ext}`)],
        ['prev', str(i > 0 ? tokens[i - 1]! : '')],
        ['next', str(i < tokens.length - 1 ? tokens[i + 1]! : '')],
      ]);
    }
  });
  // ~76 instances per scene, each on a contiguous run of keyframes (≈1372 annotations per scene).
  const instanceCount = 70 + (s % 13);
  for (let n = 0; n < instanceCount; n++) {
    const length = Math.min(keyframes, 4 + Math.floor(random() * 31));
    const first = Math.floor(random() * (keyframes - length + 1));
    const category = Math.floor(random() * CATEGORIES.length);
    const annTokens = Array.from({ length }, () => newToken());
    const instanceToken = newToken();
    tables.instance!.add([
      ['token', str(instanceToken)],
      ['category_token', str(categoryTokens[category]!)],
      ['nbr_annotations', String(length)],
      ['first_annotation_token', str(annTokens[0]!)],
      ['last_annotation_token', str(annTokens[length - 1]!)],
    ]);
    const x0 = egoX0 + (random() - 0.5) * 100;
    const y0 = egoY0 + (random() - 0.5) * 100;
    const yaw = random() * 2 * Math.PI;
    const speed = random() * 12;
    const size = [fixed(0.5 + random() * 2.5, 3), fixed(0.5 + random() * 10, 3), fixed(1 + random() * 3, 3)];
    const rotation = yawQuaternion(yaw);
    for (let i = 0; i < length; i++) {
      const dt = (sampleTimes[first + i]! - sampleTimes[0]!) / 1e6;
      tables.sample_annotation!.add([
        ['token', str(annTokens[i]!)],
        ['sample_token', str(sampleTokens[first + i]!)],
        ['instance_token', str(instanceToken)],
        ['visibility_token', str(String(1 + (i % 4)))],
        ['attribute_tokens', arr([str(attributes[category % attributes.length]!)])],
        [
          'translation',
          arr([
            fixed(x0 + Math.cos(yaw) * speed * dt, 3),
            fixed(y0 + Math.sin(yaw) * speed * dt, 3),
            fixed(0.8 + random() * 0.1, 3),
          ]),
        ],
        ['size', arr(size)],
        ['rotation', arr(rotation)],
        ['prev', str(i > 0 ? annTokens[i - 1]! : '')],
        ['next', str(i < length - 1 ? annTokens[i + 1]! : '')],
        ['num_lidar_pts', String(Math.floor(random() * 300))],
        ['num_radar_pts', String(Math.floor(random() * 5))],
      ]);
    }
  }
  time = sampleTimes[keyframes - 1]! + 3_600_000_000;
}
for (const [name, writer] of Object.entries(tables)) {
  writer.close();
  console.log(`${name}: ${writer.count} records`);
}
