/**
 * Reads one nuPlan log database into the grid the clips need: the lidar
 * sweeps (20 Hz) of each scene thinned to the 0.5 s grid, the tracked boxes
 * (`lidar_box`, global frame: x, y, z, yaw) at those sweeps, and the ego
 * poses they reference. Tokens are BLOBs; they are keyed by their hex form.
 */
import { DatasetFormatError } from '@stkit/core';
import type { LogDatabase } from './open-log-database';

/** Tolerance between a grid time and the sweep chosen for it, µs (one 20 Hz period). */
export const GRID_MATCH_US = 50_000;

/** One sweep on the grid. */
export interface GridSweep {
  token: string;
  timestamp: number;
  egoPose: string;
}

/** One box at a grid sweep. */
export interface GridBox {
  track: string;
  center: [number, number, number];
  /** nuPlan order `[width, length, height]`. */
  size: [number, number, number];
  yaw: number;
}

/** A scene of the log on the grid, split into gap-free segments. */
export interface GridScene {
  token: string;
  name: string;
  segments: GridSweep[][];
  /** Boxes per sweep token. */
  boxes: Map<string, GridBox[]>;
  error?: DatasetFormatError;
}

/** What {@link loadLog} returns. */
export interface LoadedLog {
  scenes: GridScene[];
  /** Category name per track token. */
  trackCategory: Map<string, string>;
  /** Problems that belong to no scene. */
  errors: DatasetFormatError[];
}

const hex = (value: unknown): string | undefined =>
  Buffer.isBuffer(value)
    ? value.toString('hex')
    : value instanceof Uint8Array
      ? Buffer.from(value).toString('hex')
      : typeof value === 'string'
        ? value
        : undefined;

/** Picks sweeps at `t0 + 0.5 s · k` (nearest within {@link GRID_MATCH_US}); a miss starts a new segment. */
export function thinToGrid(sweeps: readonly GridSweep[]): GridSweep[][] {
  const segments: GridSweep[][] = [];
  let current: GridSweep[] = [];
  let i = 0;
  while (i < sweeps.length) {
    if (current.length === 0) {
      current.push(sweeps[i]!);
      i++;
      continue;
    }
    const target = current[current.length - 1]!.timestamp + 500_000;
    while (
      i + 1 < sweeps.length &&
      Math.abs(sweeps[i + 1]!.timestamp - target) <= Math.abs(sweeps[i]!.timestamp - target)
    )
      i++;
    if (Math.abs(sweeps[i]!.timestamp - target) <= GRID_MATCH_US) {
      current.push(sweeps[i]!);
      i++;
    } else {
      segments.push(current);
      current = [];
      while (i < sweeps.length && sweeps[i]!.timestamp < target - GRID_MATCH_US) i++;
    }
  }
  if (current.length > 0) segments.push(current);
  return segments;
}

/** Loads the grid of every scene of `database` (file name `file` for errors). */
export function loadLog(database: LogDatabase, file: string, tables: Set<string>): LoadedLog {
  const errors: DatasetFormatError[] = [];
  const fail = (table: string, field: string, row: number | undefined, reason: string): DatasetFormatError =>
    new DatasetFormatError({ file, field: `${table}.${field}`, row, reason });

  const categoryName = new Map<string, string>();
  for (const row of database.prepare('SELECT token, name FROM category').raw().iterate() as Iterable<
    [Uint8Array, string]
  >)
    categoryName.set(hex(row[0])!, row[1]);
  const trackCategory = new Map<string, string>();
  const trackErrors = new Map<string, DatasetFormatError>();
  for (const [rowid, token, category] of database
    .prepare('SELECT rowid, token, category_token FROM track')
    .raw()
    .iterate() as Iterable<[number, Uint8Array, Uint8Array]>) {
    const name = categoryName.get(hex(category) ?? '');
    if (name === undefined)
      trackErrors.set(hex(token)!, fail('track', 'category_token', rowid, 'references no category'));
    else trackCategory.set(hex(token)!, name);
  }

  // The lidar whose sweeps make the grid: MergedPointCloud when present, else the first.
  let lidarFilter = '';
  const lidarArgs: unknown[] = [];
  if (tables.has('lidar')) {
    const lidars = database.prepare('SELECT token, channel FROM lidar ORDER BY token').raw().all() as Array<
      [Uint8Array, string]
    >;
    const chosen = lidars.find((l) => l[1] === 'MergedPointCloud') ?? lidars[0];
    if (chosen !== undefined && lidars.length > 1) {
      lidarFilter = 'WHERE lidar_token = ?';
      lidarArgs.push(chosen[0]);
    }
  }
  const sceneNames = new Map<string, string>();
  for (const [token, name] of database.prepare('SELECT token, name FROM scene').raw().iterate() as Iterable<
    [Uint8Array, string | null]
  >)
    sceneNames.set(hex(token)!, name ?? hex(token)!);

  // Sweeps per scene, checked: known scene, integer timestamps, increasing along next_token, unique tokens.
  const sweepsByScene = new Map<string, GridSweep[]>();
  const sceneErrors = new Map<string, DatasetFormatError>();
  const timestampOf = new Map<string, number>();
  const nextOf: Array<[string, string, number, string]> = [];
  const statement = database
    .prepare(
      `SELECT rowid, token, next_token, scene_token, ego_pose_token, timestamp FROM lidar_pc ${lidarFilter} ORDER BY timestamp`,
    )
    .raw();
  for (const [rowid, tokenBlob, nextBlob, sceneBlob, egoBlob, timestamp] of statement.iterate(...lidarArgs) as Iterable<
    [number, Uint8Array, Uint8Array | null, Uint8Array | null, Uint8Array, unknown]
  >) {
    const token = hex(tokenBlob)!;
    const scene = hex(sceneBlob);
    if (scene === undefined) continue;
    const charge = (error: DatasetFormatError): void => {
      if (sceneNames.has(scene)) {
        if (!sceneErrors.has(scene)) sceneErrors.set(scene, error);
      } else errors.push(error);
    };
    if (!sceneNames.has(scene)) {
      charge(fail('lidar_pc', 'scene_token', rowid, `references no scene (${scene})`));
      continue;
    }
    if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp)) {
      charge(fail('lidar_pc', 'timestamp', rowid, `expected an integer µs timestamp, got ${String(timestamp)}`));
      continue;
    }
    if (timestampOf.has(token)) {
      charge(fail('lidar_pc', 'token', rowid, 'duplicate token'));
      continue;
    }
    timestampOf.set(token, timestamp);
    if (nextBlob !== null) nextOf.push([token, hex(nextBlob)!, rowid, scene]);
    let list = sweepsByScene.get(scene);
    if (list === undefined) sweepsByScene.set(scene, (list = []));
    if (list.length > 0 && list[list.length - 1]!.timestamp === timestamp)
      charge(fail('lidar_pc', 'timestamp', rowid, `two sweeps at ${timestamp}`));
    list.push({ token, timestamp, egoPose: hex(egoBlob)! });
  }
  for (const [token, next, rowid, scene] of nextOf) {
    const nextTime = timestampOf.get(next);
    if (nextTime !== undefined && !(nextTime > timestampOf.get(token)!)) {
      if (!sceneErrors.has(scene))
        sceneErrors.set(
          scene,
          fail(
            'lidar_pc',
            'timestamp',
            rowid,
            `not increasing: next sweep at ${nextTime}, this one at ${timestampOf.get(token)}`,
          ),
        );
    }
  }

  // Grid sweeps, their ego poses, and the boxes at them.
  const egoExists = database.prepare('SELECT x, y, z, qw, qx, qy, qz FROM ego_pose WHERE token = ?').raw();
  const gridSweepScene = new Map<string, string>();
  const scenes: GridScene[] = [];
  for (const [token, name] of sceneNames) {
    const segments = thinToGrid(sweepsByScene.get(token) ?? []);
    const scene: GridScene = { token, name, segments, boxes: new Map(), error: sceneErrors.get(token) };
    for (const sweep of segments.flat()) {
      gridSweepScene.set(sweep.token, token);
      scene.boxes.set(sweep.token, []);
      if (scene.error === undefined) {
        const pose = egoExists.get(Buffer.from(sweep.egoPose, 'hex')) as number[] | undefined;
        if (pose === undefined)
          scene.error = fail(
            'lidar_pc',
            'ego_pose_token',
            undefined,
            `missing ego pose: sweep ${sweep.token} references no ego_pose record`,
          );
        else if (!pose.every((v) => typeof v === 'number' && Number.isFinite(v)))
          scene.error = fail('ego_pose', 'x', undefined, `non-finite ego pose of sweep ${sweep.token}`);
      }
    }
    scenes.push(scene);
  }
  const sceneByToken = new Map(scenes.map((s) => [s.token, s]));
  const fields = ['x', 'y', 'z', 'width', 'length', 'height', 'yaw'];
  for (const row of gridBoxes(database, [...gridSweepScene.keys()])) {
    const sweep = hex(row[1])!;
    const sceneToken = gridSweepScene.get(sweep);
    if (sceneToken === undefined) continue;
    const scene = sceneByToken.get(sceneToken)!;
    if (scene.error !== undefined) continue;
    const track = hex(row[2]) ?? '';
    const trackError = trackErrors.get(track);
    if (trackError !== undefined) {
      scene.error = trackError;
      continue;
    }
    if (!trackCategory.has(track)) {
      scene.error = fail('lidar_box', 'track_token', row[0] as number, 'references no track');
      continue;
    }
    const values = row.slice(3) as Array<number | null>;
    const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (bad >= 0) {
      scene.error = fail(
        'lidar_box',
        fields[bad]!,
        row[0] as number,
        `non-finite or missing value ${String(values[bad])}`,
      );
      continue;
    }
    const v = values as number[];
    const negative = [3, 4, 5].find((i) => v[i]! < 0);
    if (negative !== undefined) {
      scene.error = fail('lidar_box', fields[negative]!, row[0] as number, `negative box extent ${v[negative]}`);
      continue;
    }
    const list = scene.boxes.get(sweep)!;
    if (list.some((box) => box.track === track)) {
      scene.error = fail('lidar_box', 'track_token', row[0] as number, `two boxes of track ${track} in one sweep`);
      continue;
    }
    list.push({ track, center: [v[0]!, v[1]!, v[2]!], size: [v[3]!, v[4]!, v[5]!], yaw: v[6]! });
  }
  return { scenes, trackCategory, errors };
}

/**
 * The `lidar_box` rows of the grid sweeps only (1 sweep in 10): SQLite does
 * the filtering (an `IN` list becomes an ephemeral index), so only those rows
 * cross into JS. Batches stay under SQLite's 32 766 bound variables.
 */
function* gridBoxes(database: LogDatabase, sweeps: readonly string[]): Generator<unknown[]> {
  const BATCH = 30_000;
  for (let start = 0; start < sweeps.length; start += BATCH) {
    const batch = sweeps.slice(start, start + BATCH);
    const statement = database
      .prepare(
        `SELECT rowid, lidar_pc_token, track_token, x, y, z, width, length, height, yaw FROM lidar_box WHERE lidar_pc_token IN (${batch.map(() => '?').join(',')})`,
      )
      .raw();
    yield* statement.iterate(...batch.map((token) => Buffer.from(token, 'hex'))) as Iterable<unknown[]>;
  }
}
