/**
 * Generates one nuPlan-sized log database for the nuPlan reader benchmark:
 * 24 000 lidar sweeps (20 min at 20 Hz) in 60 scenes, 50 tracked boxes per
 * sweep (1.2 M lidar_box rows), an ego pose per sweep, CAM_F0 images at
 * 10 Hz — the real schema of `src/nuplan/__fixtures__/nuplan-db.ts`.
 *
 *   npx tsx --conditions @stkit/source bench/generate-nuplan.ts /tmp/nuplan-bench
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { K, PICKLED, tok } from '../src/nuplan/__fixtures__/nuplan-db';

const root = process.argv[2];
if (root === undefined) throw new Error('usage: generate-nuplan.ts OUT_ROOT');
mkdirSync(root, { recursive: true });
const file = join(root, '2021.05.12.22.00.38_veh-35_01008_01518.db');
rmSync(file, { force: true });
// Build the schema from the fixture (one tiny log), then fill it at scale.
const { buildNuPlanDb } = await import('../src/nuplan/__fixtures__/nuplan-db');
buildNuPlanDb(file, (db) => {
  for (const table of ['lidar_pc', 'ego_pose', 'lidar_box', 'image', 'scene', 'track']) db.exec(`DELETE FROM ${table}`);
});
const db = new Database(file);
db.pragma('journal_mode = OFF');
db.pragma('synchronous = OFF');
db.exec('BEGIN');
const SWEEPS = 24_000,
  SCENES = 60,
  TRACKS = 50;
const pc = db.prepare('INSERT INTO lidar_pc VALUES (?,?,?,?,?,?,?,?)');
const ego = db.prepare('INSERT INTO ego_pose VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
const box = db.prepare('INSERT INTO lidar_box VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
const image = db.prepare('INSERT INTO image VALUES (?,?,?,?,?,?,?)');
for (let s = 0; s < SCENES; s++)
  db.prepare('INSERT INTO scene VALUES (?,?,?,?,?)').run(
    tok(K.scene, s),
    tok(K.log),
    `scene-${String(s).padStart(4, '0')}`,
    null,
    '',
  );
// Tracks live for one scene each (new ids per scene), categories cycle.
for (let s = 0; s < SCENES; s++)
  for (let n = 0; n < TRACKS; n++)
    db.prepare('INSERT INTO track VALUES (?,?,?,?,?)').run(
      tok(K.track, s * 1000 + n),
      tok(K.category, n % 7),
      2,
      4.5,
      1.6,
    );
let boxIndex = 0;
const t0 = 1_620_857_000_000_000;
for (let i = 0; i < SWEEPS; i++) {
  const scene = Math.floor((i * SCENES) / SWEEPS);
  const ts = t0 + 50_000 * i + (i % 7) * 300;
  pc.run(
    tok(K.pc, i),
    i + 1 < SWEEPS ? tok(K.pc, i + 1) : null,
    i > 0 ? tok(K.pc, i - 1) : null,
    tok(K.ego, i),
    tok(K.lidar),
    tok(K.scene, scene),
    `pc_${i}.pcd`,
    ts,
  );
  ego.run(
    tok(K.ego, i),
    ts,
    664000 + 0.4 * i,
    3997000 + 0.1 * i,
    600,
    0.99,
    0,
    0,
    0.1,
    8,
    2,
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
  for (let n = 0; n < TRACKS; n++) {
    const x = 664000 + 0.4 * i + 30 * Math.cos(n) + 0.02 * i * ((n % 5) - 2);
    box.run(
      tok(K.box, boxIndex++),
      tok(K.pc, i),
      tok(K.track, scene * 1000 + n),
      null,
      null,
      x,
      3997000 + 0.1 * i + 30 * Math.sin(n),
      601,
      2,
      4.5,
      1.6,
      0,
      0,
      0,
      n * 0.1,
      0.9,
    );
  }
  if (i % 2 === 0)
    image.run(tok(K.image, i), null, null, tok(K.ego, i), tok(K.camera), `log/CAM_F0/${i}.jpg`, ts + 1500);
}
db.exec('COMMIT');
db.close();
console.log(
  JSON.stringify({ file, sweeps: SWEEPS, boxes: boxIndex, scenes: SCENES, pickled: Object.keys(PICKLED).length }),
);
