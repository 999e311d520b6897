// Writes a small dataset in the nuScenes v1.0 format: the 13 tables of the
// devkit schema under ROOT/v1.0-mini/, one 10-second scene at 2 Hz seen by a
// CAM_FRONT camera on a parked ego vehicle. Objects (global frame, metres):
// a car driving +x at 8 m/s then turning left, a pedestrian crossing at
// 1.4 m/s, a parked car whose boxes jitter by 3 cm, and a bus at 5 m/s.
//
//   node docs/snippets/make-nuscenes-scene.mjs ROOT
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2];
if (!root) throw new Error('usage: node make-nuscenes-scene.mjs ROOT');
const token = (name) => createHash('md5').update(name).digest('hex');
const T0 = 1_700_000_000_000_000; // µs
const KEYFRAMES = 21; // 0 … 10 s

const tables = {
  attribute: [],
  visibility: [{ token: '4', level: 'v80-100', description: 'visibility of whole object is between 80 and 100%' }],
  category: ['vehicle.car', 'human.pedestrian.adult', 'vehicle.bus.rigid'].map((name, index) => ({
    token: token(name),
    name,
    description: name,
    index,
  })),
  sensor: [{ token: token('CAM_FRONT'), channel: 'CAM_FRONT', modality: 'camera' }],
  // Camera 1.5 m ahead of the ego origin, 1.5 m up, looking along ego +x.
  calibrated_sensor: [
    {
      token: token('cal'),
      sensor_token: token('CAM_FRONT'),
      translation: [1.5, 0, 1.5],
      rotation: [0.5, -0.5, 0.5, -0.5],
      camera_intrinsic: [
        [1266, 0, 816],
        [0, 1266, 491],
        [0, 0, 1],
      ],
    },
  ],
  log: [
    {
      token: token('log'),
      logfile: 'my-log-0001',
      vehicle: 'my-car',
      date_captured: '2026-01-01',
      location: 'my-city',
    },
  ],
  map: [{ token: token('map'), log_tokens: [token('log')], category: 'semantic_prior', filename: 'maps/my-map.png' }],
  scene: [],
  sample: [],
  sample_data: [],
  ego_pose: [],
  instance: [],
  sample_annotation: [],
};

const samples = Array.from({ length: KEYFRAMES }, (_, k) => token(`sample-${k}`));
tables.scene.push({
  token: token('scene'),
  name: 'my-scene-0001',
  description: 'parked ego, traffic passing',
  log_token: token('log'),
  nbr_samples: KEYFRAMES,
  first_sample_token: samples[0],
  last_sample_token: samples.at(-1),
});
samples.forEach((sample, k) => {
  const timestamp = T0 + k * 500_000;
  tables.sample.push({
    token: sample,
    timestamp,
    prev: samples[k - 1] ?? '',
    next: samples[k + 1] ?? '',
    scene_token: token('scene'),
  });
  const data = token(`cam-${k}`);
  tables.ego_pose.push({ token: data, timestamp, rotation: [1, 0, 0, 0], translation: [0, 0, 0] });
  tables.sample_data.push({
    token: data,
    sample_token: sample,
    ego_pose_token: data,
    calibrated_sensor_token: token('cal'),
    timestamp,
    fileformat: 'jpg',
    is_key_frame: true,
    height: 900,
    width: 1600,
    filename: `samples/CAM_FRONT/my-log-0001__CAM_FRONT__${timestamp}.jpg`,
    prev: '',
    next: '',
  });
});

/** Adds an instance annotated at every keyframe, centre given by `at(t)`. */
function addObject(name, category, size, at) {
  const annotations = samples.map((_, k) => token(`${name}-${k}`));
  tables.instance.push({
    token: token(name),
    category_token: token(category),
    nbr_annotations: KEYFRAMES,
    first_annotation_token: annotations[0],
    last_annotation_token: annotations.at(-1),
  });
  samples.forEach((sample, k) => {
    const [x, y, z, yaw] = at(0.5 * k, k);
    tables.sample_annotation.push({
      token: annotations[k],
      sample_token: sample,
      instance_token: token(name),
      visibility_token: '4',
      attribute_tokens: [],
      translation: [x, y, z],
      size,
      rotation: [Math.cos(yaw / 2), 0, 0, Math.sin(yaw / 2)],
      prev: annotations[k - 1] ?? '',
      next: annotations[k + 1] ?? '',
      num_lidar_pts: 100,
      num_radar_pts: 0,
    });
  });
}
// nuScenes sizes are [width, length, height].
addObject('turning-car', 'vehicle.car', [1.9, 4.6, 1.6], (t) =>
  t <= 5
    ? [15 + 8 * t, -6, 0.8, 0]
    : [55 + 6 * Math.sin((t - 5) / 1.5), -6 + 6 * (1 - Math.cos((t - 5) / 1.5)), 0.8, (t - 5) / 1.5],
);
addObject('pedestrian', 'human.pedestrian.adult', [0.6, 0.7, 1.75], (t) => [22, -8 + 1.4 * t, 0.9, Math.PI / 2]);
addObject('parked-car', 'vehicle.car', [1.9, 4.5, 1.5], (_, k) => [
  30 + 0.03 * Math.sin(k * 1.7),
  5 + 0.03 * Math.cos(k * 2.3),
  0.75,
  0,
]);
addObject('bus', 'vehicle.bus.rigid', [2.9, 11, 3.4], (t) => [70 - 5 * t, 9, 1.7, Math.PI]);

const folder = join(root, 'v1.0-mini');
mkdirSync(folder, { recursive: true });
for (const [name, rows] of Object.entries(tables))
  writeFileSync(join(folder, `${name}.json`), JSON.stringify(rows, null, 0));
console.log(`wrote ${Object.keys(tables).length} tables, ${tables.sample_annotation.length} annotations to ${folder}`);
