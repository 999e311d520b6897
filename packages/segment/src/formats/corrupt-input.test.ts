/**
 * Defects the corruption campaign (packages/pipeline/test/corruption) found in
 * the segment readers, each a typed error naming the file and place now — or,
 * for a byte-order mark, the result of the file without it.
 */
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetFormatError, type MaskFrame } from '@stkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGsam2JsonFolder, writeGsam2JsonFolder } from './gsam2-json';
import { readGsam2TrackingFolder, writeGsam2TrackingFolder } from './gsam2-tracking';
import { readMultiSportsCsv } from './multisports';
import { readSavAnnotation } from './sav';

const BOM = '\uFEFF';
let root: string;

function frames(): MaskFrame[] {
  return [0, 1, 2].map((frameIndex) => {
    const idMap = new Uint16Array(16 * 8);
    for (let x = 2; x < 6; x++) idMap[3 * 16 + x + frameIndex] = 1;
    return {
      frameIndex,
      width: 16,
      height: 8,
      idMap,
      instances: [{ instanceId: 1, box: [2 + frameIndex, 3, 5 + frameIndex, 3], className: 'car', boxScore: 0.8 }],
    };
  });
}

async function readAll(iterable: AsyncIterable<MaskFrame>): Promise<MaskFrame[]> {
  const out: MaskFrame[] = [];
  for await (const frame of iterable) out.push(frame);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<DatasetFormatError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(DatasetFormatError.isInstance(error), String(error)).toBe(true);
  expect((error as Error).message).not.toContain('\n');
  return error as DatasetFormatError;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'stkit-segment-corrupt-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('Grounded-SAM-2 tracking folder', () => {
  const folder = async (name: string) => {
    const dir = join(root, name);
    await writeGsam2TrackingFolder(dir, frames());
    return dir;
  };

  it('a UTF-8 BOM before a frame JSON is skipped: the same frames as without it', async () => {
    const dir = await folder('bom');
    const clean = await readAll(readGsam2TrackingFolder(dir));
    const file = join(dir, 'json_data', 'mask_00001.json');
    await writeFile(file, BOM + (await readFile(file, 'utf8')));
    expect(await readAll(readGsam2TrackingFolder(dir))).toEqual(clean);
  });

  it('/dev/zero where an id map belongs is refused before it is read (it used to hang)', async () => {
    const dir = await folder('dev-zero');
    await rm(join(dir, 'mask_data', 'mask_00001.npy'));
    await symlink('/dev/zero', join(dir, 'mask_data', 'mask_00001.npy'));
    const error = await failure(readAll(readGsam2TrackingFolder(dir)));
    expect(error.message).toMatch(/mask_00001\.npy.*frame 1: not a regular file/);
  });

  it('an empty json_data folder is an error, not zero frames', async () => {
    const dir = await folder('empty');
    for (const k of [0, 1, 2]) await rm(join(dir, 'json_data', `mask_0000${k}.json`));
    expect((await failure(readAll(readGsam2TrackingFolder(dir)))).message).toMatch(
      /json_data.*no mask_%05d\.json frame files/,
    );
  });

  it('a score outside [0, 1] (a huge logit) is an error naming the label field, not a schema-invalid frame', async () => {
    const dir = await folder('score');
    const file = join(dir, 'json_data', 'mask_00002.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"logit":0.8', '"logit":1.7e308'));
    const error = await failure(readAll(readGsam2TrackingFolder(dir)));
    expect(error.file).toBe(file);
    expect(error.field).toBe('labels.1.logit');
  });

  it('an id in the map that the JSON does not list (a flipped bit) is an error naming the pixel', async () => {
    const dir = await folder('flip');
    const file = join(dir, 'mask_data', 'mask_00001.npy');
    const bytes = await readFile(file);
    // Pixel (4, 3) holds id 1 (little-endian uint16 after the 128-byte header): flip a bit of its high byte → 257.
    bytes[128 + 2 * (3 * 16 + 4) + 1]! ^= 1;
    await writeFile(file, bytes);
    const error = await failure(readAll(readGsam2TrackingFolder(dir)));
    expect(error.message).toMatch(
      /mask_00001\.npy.*frame 1: pixel \(4, 3\) holds instance id 257, which .*mask_00001\.json does not list/,
    );
  });
});

describe('JSON and CSV sources', () => {
  it('image-demo JSON with a BOM reads as without it', async () => {
    const dir = join(root, 'image-json');
    await writeGsam2JsonFolder(dir, frames());
    const clean = await readAll(readGsam2JsonFolder(dir));
    const file = join(dir, 'mask_00000.json');
    await writeFile(file, BOM + (await readFile(file, 'utf8')));
    expect(await readAll(readGsam2JsonFolder(dir))).toEqual(clean);
  });

  it('SA-V: /dev/zero and a folder are refused before reading', async () => {
    await symlink('/dev/zero', join(root, 'sav.json'));
    expect((await failure(readSavAnnotation(join(root, 'sav.json')))).message).toMatch(/sav\.json.*not a regular file/);
    expect((await failure(readSavAnnotation(root))).message).toMatch(/is a folder/);
  });

  it('MultiSports: a BOM is skipped (the first video name stays right); an empty file is an error', async () => {
    const row = 'aerobic_gymnastics/v_1.mp4,1,0.1,0.2,0.3,0.4,5,0\n';
    await writeFile(join(root, 'ms.csv'), BOM + row);
    expect((await readMultiSportsCsv(join(root, 'ms.csv'))).videos[0]!.name).toBe('aerobic_gymnastics/v_1.mp4');
    await writeFile(join(root, 'empty.csv'), '');
    expect((await failure(readMultiSportsCsv(join(root, 'empty.csv')))).message).toMatch(/empty\.csv.*no rows/);
  });
});
