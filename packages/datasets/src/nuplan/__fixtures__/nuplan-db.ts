/**
 * Builds small nuPlan log databases for tests with the real schema (the
 * CREATE TABLE statements of nuplan-devkit
 * `nuplan/database/nuplan_db/test/minimal_db_test_utils.py`; tokens are
 * 8-byte BLOBs, camera extrinsics/intrinsics pickled lists).
 *
 * Content (values the tests check by hand):
 * - lidar "MergedPointCloud"; scene A ("scene-a"): 41 sweeps at 20 Hz,
 *   sweep i at T0 + 50 000·i + 700·(i mod 3) µs; scene B ("scene-b"):
 *   sweeps 0–20 at 20 Hz from T1, then sweeps 21–41 from T1 + 3 s.
 * - ego pose of sweep i: (663990 + 0.5·i, 3997000, 0), identity rotation.
 * - track "car" (vehicle) in every sweep of scene A at
 *   (664010 + 0.5·i, 3997000, 1.75), width 2, length 4, height 1.5, yaw 0;
 *   track "ped" (pedestrian) at (664000, 3996990 + 0.07·i, 0.9), yaw 0.3.
 *   Scene B: track "bike" (bicycle) at (665000 + i, 3998000, 1).
 * - camera CAM_F0 at [1.5, −0.25, 1.75], rotation [0.5, −0.5, 0.5, −0.5]
 *   (camera z → ego x), fx = fy = 1000, cx = 800, cy = 450, 1600 × 900;
 *   an image every second sweep, 2 ms after it, with the sweep's ego pose.
 */
import Database from 'better-sqlite3';

export const T0 = 1_617_230_000_000_000;
export const T1 = 1_617_240_000_000_000;
/** Sweep i of scene A. */
export const sceneATime = (i: number): number => T0 + 50_000 * i + 700 * (i % 3);

/** pickle.dumps(Translation([1.5, -0.25, 1.75])) etc., produced by /usr/bin/python3 (protocol 4) with nuplan's data_types classes. */
export const PICKLED = {
  translation:
    '80049555000000000000008c216e75706c616e2e64617461626173652e636f6d6d6f6e2e646174615f7479706573948c0b5472616e736c6174696f6e94939429819428473ff800000000000047bfd0000000000000473ffc000000000000652e',
  rotation:
    '8004955b000000000000008c216e75706c616e2e64617461626173652e636f6d6d6f6e2e646174615f7479706573948c08526f746174696f6e94939429819428473fe000000000000047bfe0000000000000473fe000000000000047bfe0000000000000652e',
  intrinsic:
    '8004959b000000000000008c216e75706c616e2e64617461626173652e636f6d6d6f6e2e646174615f7479706573948c0f43616d657261496e7472696e736963949394298194285d942847408f400000000000470000000000000000474089000000000000655d942847000000000000000047408f40000000000047407c200000000000655d9428470000000000000000470000000000000000473ff000000000000065652e',
  /** pickle.dumps([0.0, 0.0, 0.0, 0.0, 0.0]) */
  distortion:
    '80049532000000000000005d9428470000000000000000470000000000000000470000000000000000470000000000000000470000000000000000652e',
};

const SCHEMA = `
CREATE TABLE log (token BLOB NOT NULL, vehicle_name VARCHAR(64), date VARCHAR(64), timestamp INTEGER, logfile VARCHAR(64), location VARCHAR(64), map_version VARCHAR(64), PRIMARY KEY (token));
CREATE TABLE lidar (token BLOB NOT NULL, log_token BLOB NOT NULL, channel VARCHAR(64), model VARCHAR(64), translation BLOB, rotation BLOB, PRIMARY KEY (token));
CREATE TABLE lidar_pc (token BLOB NOT NULL, next_token BLOB, prev_token BLOB, ego_pose_token BLOB NOT NULL, lidar_token BLOB NOT NULL, scene_token BLOB, filename VARCHAR(128), timestamp INTEGER, PRIMARY KEY (token));
CREATE TABLE ego_pose (token BLOB NOT NULL, timestamp INTEGER, x FLOAT, y FLOAT, z FLOAT, qw FLOAT, qx FLOAT, qy FLOAT, qz FLOAT, vx FLOAT, vy FLOAT, vz FLOAT, acceleration_x FLOAT, acceleration_y FLOAT, acceleration_z FLOAT, angular_rate_x FLOAT, angular_rate_y FLOAT, angular_rate_z FLOAT, epsg INTEGER, log_token BLOB NOT NULL, PRIMARY KEY (token));
CREATE TABLE scene (token BLOB NOT NULL, log_token BLOB NOT NULL, name TEXT, goal_ego_pose_token BLOB, roadblock_ids TEXT, PRIMARY KEY (token));
CREATE TABLE lidar_box (token BLOB NOT NULL, lidar_pc_token BLOB NOT NULL, track_token BLOB NOT NULL, next_token BLOB, prev_token BLOB, x FLOAT, y FLOAT, z FLOAT, width FLOAT, length FLOAT, height FLOAT, vx FLOAT, vy FLOAT, vz FLOAT, yaw FLOAT, confidence FLOAT, PRIMARY KEY (token));
CREATE TABLE category (token BLOB NOT NULL, name VARCHAR(64), description TEXT, PRIMARY KEY (token));
CREATE TABLE track (token BLOB NOT NULL, category_token BLOB NOT NULL, width FLOAT, length FLOAT, height FLOAT, PRIMARY KEY (token));
CREATE TABLE camera (token BLOB NOT NULL, log_token BLOB NOT NULL, channel VARCHAR(64), model VARCHAR(64), translation BLOB, rotation BLOB, intrinsic BLOB, distortion BLOB, width FLOAT, height FLOAT, PRIMARY KEY (token));
CREATE TABLE image (token BLOB NOT NULL, next_token BLOB, prev_token BLOB, ego_pose_token BLOB NOT NULL, camera_token BLOB NOT NULL, filename_jpg VARCHAR(128), timestamp INTEGER, PRIMARY KEY (token));
`;

/** An 8-byte token: `kind` (1 byte) and an index. */
export function tok(kind: number, index = 0): Buffer {
  const bytes = Buffer.alloc(8);
  bytes[0] = kind;
  bytes.writeUInt32BE(index, 4);
  return bytes;
}
export const K = {
  log: 1,
  lidar: 2,
  pc: 3,
  ego: 4,
  scene: 5,
  box: 6,
  category: 7,
  track: 8,
  camera: 9,
  image: 10,
} as const;
export const TRACKS = { car: tok(K.track, 1), ped: tok(K.track, 2), bike: tok(K.track, 3) };

/** Writes the fixture database to `file`; `edit` may change it (SQL) before it is closed. */
export function buildNuPlanDb(file: string, edit?: (db: Database.Database) => void): void {
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec('BEGIN');
  db.exec(SCHEMA);
  db.prepare('INSERT INTO log VALUES (?,?,?,?,?,?,?)').run(
    tok(K.log),
    'vehicle_0',
    '2021-03-31',
    T0,
    '2021.03.31.22.13.46_veh-38_01234_01567',
    'las_vegas',
    'nuplan-maps-v1.0',
  );
  db.prepare('INSERT INTO lidar VALUES (?,?,?,?,?,?)').run(
    tok(K.lidar),
    tok(K.log),
    'MergedPointCloud',
    'merged',
    null,
    null,
  );
  ['vehicle', 'bicycle', 'pedestrian', 'traffic_cone', 'barrier', 'czone_sign', 'generic_object'].forEach((name, i) =>
    db.prepare('INSERT INTO category VALUES (?,?,?)').run(tok(K.category, i), name, `${name}.`),
  );
  db.prepare('INSERT INTO track VALUES (?,?,?,?,?)').run(TRACKS.car, tok(K.category, 0), 2, 4, 1.5);
  db.prepare('INSERT INTO track VALUES (?,?,?,?,?)').run(TRACKS.ped, tok(K.category, 2), 0.7, 0.7, 1.8);
  db.prepare('INSERT INTO track VALUES (?,?,?,?,?)').run(TRACKS.bike, tok(K.category, 1), 0.6, 1.8, 1.6);
  db.prepare('INSERT INTO scene VALUES (?,?,?,?,?)').run(tok(K.scene, 1), tok(K.log), 'scene-a', null, '');
  db.prepare('INSERT INTO scene VALUES (?,?,?,?,?)').run(tok(K.scene, 2), tok(K.log), 'scene-b', null, '');
  db.prepare('INSERT INTO camera VALUES (?,?,?,?,?,?,?,?,?,?)').run(
    tok(K.camera),
    tok(K.log),
    'CAM_F0',
    'model',
    Buffer.from(PICKLED.translation, 'hex'),
    Buffer.from(PICKLED.rotation, 'hex'),
    Buffer.from(PICKLED.intrinsic, 'hex'),
    Buffer.from(PICKLED.distortion, 'hex'),
    1600,
    900,
  );
  const pc = db.prepare('INSERT INTO lidar_pc VALUES (?,?,?,?,?,?,?,?)');
  const ego = db.prepare('INSERT INTO ego_pose VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
  const box = db.prepare('INSERT INTO lidar_box VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
  const image = db.prepare('INSERT INTO image VALUES (?,?,?,?,?,?,?)');
  let boxIndex = 0;
  const insertSweeps = (
    scene: number,
    base: number,
    times: number[],
    boxes: (i: number) => Array<[Buffer, number[]]>,
  ): void => {
    times.forEach((ts, i) => {
      const index = base + i;
      pc.run(
        tok(K.pc, index),
        i < times.length - 1 ? tok(K.pc, index + 1) : null,
        i > 0 ? tok(K.pc, index - 1) : null,
        tok(K.ego, index),
        tok(K.lidar),
        tok(K.scene, scene),
        `pc_${index}.pcd`,
        ts,
      );
      ego.run(
        tok(K.ego, index),
        ts,
        663990 + 0.5 * i,
        3997000,
        0,
        1,
        0,
        0,
        0,
        5,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        32611,
        tok(K.log),
      );
      for (const [track, v] of boxes(i))
        box.run(
          tok(K.box, boxIndex++),
          tok(K.pc, index),
          track,
          null,
          null,
          v[0],
          v[1],
          v[2],
          v[3],
          v[4],
          v[5],
          0,
          0,
          0,
          v[6],
          0.9,
        );
      if (i % 2 === 0)
        image.run(
          tok(K.image, index),
          null,
          null,
          tok(K.ego, index),
          tok(K.camera),
          `2021.03.31.22.13.46_veh-38_01234_01567/CAM_F0/${index}.jpg`,
          ts + 2000,
        );
    });
  };
  insertSweeps(
    1,
    0,
    Array.from({ length: 41 }, (_, i) => sceneATime(i)),
    (i) => [
      [TRACKS.car, [664010 + 0.5 * i, 3997000, 1.75, 2, 4, 1.5, 0]],
      [TRACKS.ped, [664000, 3996990 + 0.07 * i, 0.9, 0.7, 0.7, 1.8, 0.3]],
    ],
  );
  insertSweeps(
    2,
    100,
    Array.from({ length: 42 }, (_, i) => T1 + 50_000 * i + (i > 20 ? 2_000_000 : 0)),
    (i) => [[TRACKS.bike, [665000 + i, 3998000, 1, 0.6, 1.8, 1.6, 0]]],
  );
  db.exec('COMMIT');
  edit?.(db);
  db.close();
}
