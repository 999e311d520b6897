import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetFormatError, InvalidArgumentError, type MaskFrame } from '@stkit/core';
import { hasSharedData, sharedDataPath, skipMessage } from '@stkit/test-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertMasks } from '../convert';
import { readBdd100kBoxTracks } from './bdd100k';
import { readGsam2TrackingFolder } from './gsam2-tracking';
import { readMultiSportsCsv } from './multisports';

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'stkit-boxes-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function collect(dir: string): Promise<MaskFrame[]> {
  const frames: MaskFrame[] = [];
  for await (const frame of readGsam2TrackingFolder(dir)) frames.push(frame);
  return frames;
}

describe.skipIf(!hasSharedData)(`BDD100K / Scalabel ${hasSharedData ? '' : skipMessage}`, () => {
  const file = sharedDataPath('bdd100k', 'eval', 'testcases', 'box_track', 'track_sample_anns.json')!;

  it('keeps every box and track id of the source (202 frames, 3241 boxes, 144 tracks)', async () => {
    const source = JSON.parse(await readFile(file, 'utf8')) as {
      frameIndex: number;
      labels?: { id: string; category: string; box2d?: { x1: number; y1: number; x2: number; y2: number } }[];
    }[];
    const boxes = source.flatMap((f) =>
      (f.labels ?? []).filter((l) => l.box2d).map((l) => ({ frame: f.frameIndex, ...l })),
    );
    expect(boxes).toHaveLength(3241);
    const out = join(root, 'bdd');
    const result = await convertMasks({ from: 'bdd100k', input: file, out });
    expect(result.masks).toBe(false);
    expect(result.videos).toHaveLength(1);
    expect(result.videos[0]).toMatchObject({ name: 'b1c66a42-6f7d68ca', frames: 202, instances: 3241, tracks: 144 });
    const dir = join(out, 'b1c66a42-6f7d68ca');
    expect(await readdir(dir)).toEqual(['json_data']);
    const frames = await collect(dir);
    const written = frames.flatMap((f) =>
      f.instances.map((i) => ({ frame: f.frameIndex, id: i.sourceTrackId, category: i.className, box: i.box })),
    );
    expect(written).toHaveLength(3241);
    expect(new Set(written.map((w) => w.id)).size).toBe(144);
    const byKey = new Map(written.map((w) => [`${w.frame}/${w.id}`, w]));
    for (const b of boxes) {
      const w = byKey.get(`${b.frame}/${b.id}`)!;
      expect(w.category).toBe(b.category);
      expect(w.box).toEqual([b.box2d!.x1, b.box2d!.y1, b.box2d!.x2, b.box2d!.y2]);
    }
    // One source id ↔ one instance id over the whole video.
    const pairs = new Set(frames.flatMap((f) => f.instances.map((i) => `${i.sourceTrackId}=${i.instanceId}`)));
    expect(pairs.size).toBe(144);
    expect(frames[0]).toMatchObject({ width: 1280, height: 720 });
  });

  it('reads the Scalabel variant with timestamps and null box3d', async () => {
    const source = await readBdd100kBoxTracks(
      sharedDataPath('bdd100k', 'label', 'testcases', 'scalabel_box_track.json')!,
    );
    expect(source.videos.map((v) => v.frames.length)).toEqual([2]);
    expect(source.boxes).toBe(source.videos[0]!.frames.reduce((n, f) => n + f.instances.length, 0));
  });

  it('a track listed twice in one frame with different boxes is an error naming file and frame', async () => {
    const source = JSON.parse(await readFile(file, 'utf8'));
    source[5].labels.push({ ...source[5].labels[0], box2d: { x1: 1, y1: 2, x2: 3, y2: 4 } });
    const bad = join(root, 'bdd-bad.json');
    await writeFile(bad, JSON.stringify(source));
    const error = await readBdd100kBoxTracks(bad).then(
      () => new Error('no error'),
      (e: unknown) => e as Error,
    );
    expect(DatasetFormatError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      /bdd-bad\.json \(field '5\.labels\.\d+'\): frame 5: track 'a-\d+' has two different boxes/,
    );
  });
});

describe.skipIf(!hasSharedData)(`MultiSports CSV ${hasSharedData ? '' : skipMessage}`, () => {
  const file = sharedDataPath('multisports', 'tests', 'data', 'multisports_dataset', 'multisports_sample.csv')!;

  it('keeps every box and track id (9 rows, 2 videos, one entity each), scaled to 1280×720, frames 0-based', async () => {
    const rows = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    expect(rows).toHaveLength(9);
    const out = join(root, 'ms');
    const result = await convertMasks({ from: 'multisports', input: file, out });
    expect(result.videos.map((v) => [v.name, v.frames, v.instances, v.tracks])).toEqual([
      ['aerobic_gymnastics/v_aqMgwPExjD0_c001.mp4', 4, 4, 1],
      ['aerobic_gymnastics/v_yaKOumdXwbU_c019.mp4', 5, 5, 1],
    ]);
    const frames = await collect(join(out, 'aerobic_gymnastics__v_aqMgwPExjD0_c001'));
    expect(frames.map((f) => f.frameIndex)).toEqual([376, 377, 378, 379]);
    // Row 1: 0.706, 0.439, 0.794, 0.811 of 1280×720.
    const [x1, y1, x2, y2] = frames[0]!.instances[0]!.box;
    expect([x1, y1, x2, y2].map((v) => Math.round(v * 1000) / 1000)).toEqual([903.68, 316.08, 1016.32, 583.92]);
    expect(frames[0]!.instances[0]).toMatchObject({ instanceId: 1, className: 'person', sourceTrackId: '0' });
  });

  it('bad rows are errors naming file and row', async () => {
    const bad = join(root, 'ms-bad.csv');
    await writeFile(bad, 'a.mp4,1,0.1,0.1,0.2,0.2,1,0\na.mp4,2,0.1,1.7,0.2,0.2,1,0\n');
    await expect(readMultiSportsCsv(bad)).rejects.toThrow(
      /ms-bad\.csv \(row 2, field 'y1'\): frame 1: '1\.7' is not a normalised coordinate/,
    );
    await writeFile(bad, 'a.mp4,1,0.1,0.1\n');
    await expect(readMultiSportsCsv(bad)).rejects.toThrow(/row 1\): 4 fields, expected 8/);
  });
});

describe('convertMasks arguments', () => {
  it('an unknown format name is an InvalidArgumentError listing the known ones', async () => {
    const error = await convertMasks({ from: 'coco', input: 'x', out: join(root, 'x') }).then(
      () => new Error('no error'),
      (e: unknown) => e as Error,
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/unknown format 'coco'; known: sa-v, gsam2, gsam2-json, bdd100k, multisports/);
    await expect(convertMasks({ from: 'gsam2', to: 'png', input: 'x', out: join(root, 'x') })).rejects.toThrow(
      /known: gsam2, gsam2-json/,
    );
  });
});
