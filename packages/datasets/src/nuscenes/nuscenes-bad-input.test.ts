import { mkdtemp, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetFormatError } from '@stkit/core';
import type { ClipReadEvent } from '../reader';
import { buildTables, token, writeTables, type Tables } from './__fixtures__/nuscenes-tables';
import { createNuScenesReader } from './index';

let root: string;
let counter = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'stkit-nuscenes-bad-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function run(
  edit: (tables: Tables) => void,
  after?: (tableDir: string) => Promise<void>,
): Promise<ClipReadEvent[]> {
  const dir = join(root, String(counter++));
  const tables = buildTables();
  edit(tables);
  const tableDir = await writeTables(dir, tables);
  await after?.(tableDir);
  const events: ClipReadEvent[] = [];
  for await (const event of createNuScenesReader().readClips({ root: dir })) events.push(event);
  return events;
}

function errors(events: ClipReadEvent[]): Array<{ error: DatasetFormatError; log?: string }> {
  return events.flatMap((e) => (e.kind === 'error' ? [{ error: e.error, log: e.log }] : []));
}
const clipLogs = (events: ClipReadEvent[]): string[] =>
  events.flatMap((e) => (e.kind === 'clip' ? [e.clip.source.log] : []));

describe('nuScenes reader on bad input', () => {
  it('reports a table cut mid-record with file, record and byte offset, and stops', async () => {
    const events = await run(
      () => {},
      async (dir) => {
        const file = join(dir, 'sample_annotation.json');
        const text = await readFile(file, 'utf8');
        // Cut inside the 5th record (after its `"translation": [` line).
        const cut = text.indexOf('"translation"', text.indexOf(`"token": "${token('car-ann-3')}"`));
        await truncate(file, Buffer.byteLength(text.slice(0, cut + 20)));
      },
    );
    expect(events).toHaveLength(1);
    const [{ error }] = errors(events) as [{ error: DatasetFormatError }];
    expect(DatasetFormatError.isInstance(error)).toBe(true);
    expect(error.file).toMatch(/sample_annotation\.json$/);
    expect(error.row).toBe(4);
    expect(error.reason).toMatch(/file ends inside record 4 .*byte offset \d+/);
  });

  it('reports corrupt bytes with their offset', async () => {
    const events = await run(
      () => {},
      async (dir) => {
        const file = join(dir, 'instance.json');
        const text = await readFile(file, 'utf8');
        await writeFile(file, text.replace('"category_token": ', '"category_token" '));
      },
    );
    const [{ error }] = errors(events) as [{ error: DatasetFormatError }];
    expect(error.file).toMatch(/instance\.json$/);
    expect(error.row).toBe(1);
    expect(error.reason).toMatch(/expected ':' after key, found '"' \(byte offset \d+\)/);
  });

  it('reports a missing table', async () => {
    const events = await run(
      () => {},
      (dir) => unlink(join(dir, 'instance.json')),
    );
    const [{ error }] = errors(events) as [{ error: DatasetFormatError }];
    expect(error.file).toMatch(/instance\.json$/);
    expect(error.reason).toBe("table 'instance' is missing");
  });

  it('charges a token that references nothing to its scene and reads the other scene', async () => {
    const events = await run((t) => {
      t.sample_annotation![1]!.instance_token = token('nobody');
    });
    const [{ error, log }] = errors(events) as [{ error: DatasetFormatError; log: string }];
    expect(log).toBe('scene-0001');
    expect(error.file).toMatch(/sample_annotation\.json$/);
    expect([error.row, error.field, error.reason.startsWith('references no instance')]).toEqual([
      2,
      'instance_token',
      true,
    ]);
    expect(clipLogs(events)).toEqual(['scene-0002']);
  });

  it('reports duplicate tokens', async () => {
    const events = await run((t) => {
      t.sample_annotation![7]!.token = t.sample_annotation![6]!.token; // two bus annotations (scene-0002)
    });
    const [{ error, log }] = errors(events) as [{ error: DatasetFormatError; log: string }];
    expect([log, error.row, error.field]).toEqual(['scene-0002', 8, 'token']);
    expect(error.reason).toMatch(/^duplicate token \(first at row 7\)/);
    expect(clipLogs(events)).toEqual(['scene-0001']);
  });

  it('reports NaN and infinite coordinates', async () => {
    const events = await run((t) => {
      (t.sample_annotation![0]!.translation as number[])[1] = Number.NaN; // written as the literal NaN, as Python does
      (t.sample_annotation![6]!.size as number[])[2] = Number.POSITIVE_INFINITY;
    });
    const found = errors(events);
    expect(found.map((e) => [e.log, e.error.row, e.error.field])).toEqual([
      ['scene-0001', 1, 'translation'],
      ['scene-0002', 7, 'size'],
    ]);
    expect(found[0]!.error.reason).toMatch(/^non-finite value NaN at index 1/);
    expect(found[1]!.error.reason).toMatch(/^non-finite value Infinity at index 2/);
  });

  it('reports a negative box size and a zero rotation quaternion at their record, not a crash', async () => {
    // A box extent < 0 or a rotation of norm 0 has no geometric meaning (the 2D-box projection would
    // throw InvalidArgumentError / produce NaN): each is a DatasetFormatError charged to its scene.
    const events = await run((t) => {
      (t.sample_annotation![0]!.size as number[])[0] = -1.5;
      t.sample_annotation![6]!.rotation = [0, 0, 0, 0];
    });
    const found = errors(events);
    expect(found.map((e) => [e.log, e.error.row, e.error.field])).toEqual([
      ['scene-0001', 1, 'size'],
      ['scene-0002', 7, 'rotation'],
    ]);
    expect(found.every((e) => DatasetFormatError.isInstance(e.error))).toBe(true);
  });

  it('reports non-monotonic timestamps along a scene', async () => {
    const events = await run((t) => {
      t.sample![2]!.timestamp = (t.sample![1]!.timestamp as number) - 1;
    });
    const [{ error, log }] = errors(events) as [{ error: DatasetFormatError; log: string }];
    expect([log, error.row, error.field]).toEqual(['scene-0001', 3, 'timestamp']);
    expect(error.file).toMatch(/sample\.json$/);
    expect(clipLogs(events)).toEqual(['scene-0002']);
  });

  it('reports a missing ego pose of a camera keyframe', async () => {
    const events = await run((t) => {
      t.ego_pose = t.ego_pose!.filter((row) => row.token !== token('scene-0002-cam-1'));
    });
    const [{ error, log }] = errors(events) as [{ error: DatasetFormatError; log: string }];
    expect([log, error.field]).toEqual(['scene-0002', 'ego_pose_token']);
    expect(error.file).toMatch(/sample_data\.json$/);
    expect(error.reason).toMatch(/^missing ego pose/);
    expect(clipLogs(events)).toEqual(['scene-0001']);
  });

  it('reports a scene whose sample chain references nothing', async () => {
    const events = await run((t) => {
      t.sample![1]!.next = token('gone');
    });
    const [{ error, log }] = errors(events) as [{ error: DatasetFormatError; log: string }];
    expect([log, error.row, error.field, error.reason]).toEqual(['scene-0001', 2, 'next', 'references no sample']);
  });
});
