import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetFormatError } from '@stkit/core';
import type { ClipReadEvent } from '../reader';
import { K, TRACKS, buildNuPlanDb, tok } from './__fixtures__/nuplan-db';
import { createNuPlanReader } from './index';

let root: string;
let counter = 0;
let good: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'stkit-nuplan-bad-'));
  good = join(root, 'good.db');
  buildNuPlanDb(good);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A root with the bad log `a_bad.db` (edited) and an intact `b_good.db`. */
async function run(edit: (db: Database.Database) => void): Promise<ClipReadEvent[]> {
  return runWith((bad) => buildNuPlanDb(bad, edit));
}
/** Like `run`, editing the file bytes of a copy of the good log. */
async function runRaw(edit: (file: string) => Promise<void>): Promise<ClipReadEvent[]> {
  return runWith(async (bad) => {
    await copyFile(good, bad);
    await edit(bad);
  });
}
async function runWith(make: (bad: string) => void | Promise<void>): Promise<ClipReadEvent[]> {
  const dir = join(root, String(counter++));
  await mkdir(dir);
  await make(join(dir, 'a_bad.db'));
  await copyFile(good, join(dir, 'b_good.db'));
  const events: ClipReadEvent[] = [];
  for await (const event of createNuPlanReader().readClips({ root: dir })) events.push(event);
  return events;
}
const errorsOf = (events: ClipReadEvent[]): Array<{ error: DatasetFormatError; log?: string }> =>
  events.flatMap((e) => (e.kind === 'error' ? [{ error: e.error, log: e.log }] : []));
const clipIds = (events: ClipReadEvent[]): string[] => events.flatMap((e) => (e.kind === 'clip' ? [e.clip.id] : []));
const GOOD_IDS = ['nuplan-b_good-scene-a-0', 'nuplan-b_good-scene-b-0', 'nuplan-b_good-scene-b-1'];

describe('nuPlan reader on bad input', () => {
  it('reports a database missing a table and goes on with the next log', async () => {
    const events = await run((db) => db.exec('DROP TABLE lidar_box'));
    const [{ error, log }] = errorsOf(events) as [{ error: DatasetFormatError; log: string }];
    expect(DatasetFormatError.isInstance(error)).toBe(true);
    expect([log, error.field, error.reason]).toEqual(['a_bad', 'lidar_box', "table 'lidar_box' is missing"]);
    expect(error.file).toMatch(/a_bad\.db$/);
    expect(clipIds(events)).toEqual(GOOD_IDS);
  });

  it('reports a truncated database file and a file that is not SQLite', async () => {
    const truncated = await runRaw(async (file) => {
      const bytes = await readFile(file);
      await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 3)));
    });
    const [{ error }] = errorsOf(truncated) as [{ error: DatasetFormatError }];
    expect(error.file).toMatch(/a_bad\.db$/);
    expect(error.reason).toMatch(/malformed|not a readable SQLite database|unreadable log/);
    expect(clipIds(truncated)).toEqual(GOOD_IDS);
    const garbage = await runRaw((file) => writeFile(file, 'this is not a database'.repeat(100)));
    expect(errorsOf(garbage)[0]!.error.reason).toMatch(/^not a readable SQLite database: file is not a database/);
  });

  it('reports a box whose track references nothing', async () => {
    const events = await run((db) =>
      db.prepare('UPDATE lidar_box SET track_token = ? WHERE track_token = ?').run(tok(K.track, 99), TRACKS.bike),
    );
    const [{ error, log }] = errorsOf(events) as [{ error: DatasetFormatError; log: string }];
    expect([log, error.field, error.reason]).toEqual(['a_bad', 'lidar_box.track_token', 'references no track']);
    expect(error.row).toBeGreaterThan(0);
    // scene-a of the bad log is intact.
    expect(clipIds(events)).toEqual(['nuplan-a_bad-scene-a-0', ...GOOD_IDS]);
  });

  it('reports duplicate boxes of one track in a sweep (tokens themselves are primary keys)', async () => {
    const events = await run((db) =>
      db
        .prepare(
          'INSERT INTO lidar_box (token, lidar_pc_token, track_token, x, y, z, width, length, height, yaw) VALUES (?,?,?,1,2,3,1,1,1,0)',
        )
        .run(tok(K.box, 9999), tok(K.pc, 10), TRACKS.car),
    );
    const [{ error }] = errorsOf(events) as [{ error: DatasetFormatError }];
    expect(error.field).toBe('lidar_box.track_token');
    expect(error.reason).toBe(`two boxes of track ${TRACKS.car.toString('hex')} in one sweep`);
  });

  it('reports NaN and infinite coordinates', async () => {
    const infinite = await run((db) =>
      db
        .prepare('UPDATE lidar_box SET x = ? WHERE lidar_pc_token = ? AND track_token = ?')
        .run(Number.POSITIVE_INFINITY, tok(K.pc, 20), TRACKS.car),
    );
    expect(errorsOf(infinite).map((e) => [e.error.field, e.error.reason])).toEqual([
      ['lidar_box.x', 'non-finite or missing value Infinity'],
    ]);
    // SQLite stores NaN as NULL.
    const nan = await run((db) =>
      db.prepare('UPDATE lidar_box SET yaw = ? WHERE lidar_pc_token = ?').run(Number.NaN, tok(K.pc, 110)),
    );
    expect(errorsOf(nan).map((e) => [e.error.field, e.error.reason])).toEqual([
      ['lidar_box.yaw', 'non-finite or missing value null'],
    ]);
  });

  it('reports a negative box extent at its row, not a crash', async () => {
    // width −2 m is no box (the 2D-box projection would throw InvalidArgumentError mid-read).
    const events = await run((db) =>
      db
        .prepare('UPDATE lidar_box SET width = ? WHERE lidar_pc_token = ? AND track_token = ?')
        .run(-2, tok(K.pc, 20), TRACKS.car),
    );
    const found = errorsOf(events);
    expect(found.map((e) => [e.log, e.error.field])).toEqual([['a_bad', 'lidar_box.width']]);
    expect(found[0]!.error.reason).toMatch(/negative/);
    expect(clipIds(events).filter((id) => id.startsWith('nuplan-b_good'))).toEqual(GOOD_IDS);
  });

  it('reports non-monotonic timestamps along the sweep chain', async () => {
    // Sweep 5's next (sweep 6) is moved before it.
    const events = await run((db) =>
      db.prepare('UPDATE lidar_pc SET timestamp = timestamp - 60000 WHERE token = ?').run(tok(K.pc, 6)),
    );
    const [{ error }] = errorsOf(events) as [{ error: DatasetFormatError }];
    expect(error.field).toBe('lidar_pc.timestamp');
    expect(error.reason).toMatch(/^not increasing: next sweep at \d+, this one at \d+/);
  });

  it('reports a missing ego pose', async () => {
    const events = await run((db) => db.prepare('DELETE FROM ego_pose WHERE token = ?').run(tok(K.ego, 120)));
    const [{ error, log }] = errorsOf(events) as [{ error: DatasetFormatError; log: string }];
    expect([log, error.field]).toEqual(['a_bad', 'lidar_pc.ego_pose_token']);
    expect(error.reason).toMatch(/^missing ego pose/);
    expect(clipIds(events)).toEqual(['nuplan-a_bad-scene-a-0', ...GOOD_IDS]);
  });

  it('reports an undecodable camera blob and still yields the clips without camera', async () => {
    const events = await run((db) =>
      db
        .prepare("UPDATE camera SET intrinsic = ? WHERE channel = 'CAM_F0'")
        .run(Buffer.from('80049563000000000000008c15', 'hex')),
    );
    const [{ error, log }] = errorsOf(events) as [{ error: DatasetFormatError; log: string }];
    expect([log, error.field]).toEqual(['a_bad', 'camera.intrinsic']);
    const clips = events.flatMap((e) => (e.kind === 'clip' ? [e.clip] : []));
    expect(clips.filter((c) => c.source.log === 'a_bad').map((c) => c.camera)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});
