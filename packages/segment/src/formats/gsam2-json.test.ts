import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetFormatError, type MaskFrame } from '@stkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertMasks } from '../convert';
import { readGsam2JsonFolder } from './gsam2-json';

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'stkit-gsam2-json-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

// As grounded_sam2_local_demo.py writes it (no STKit additions): two objects on a 2×3 image.
const demo = (counts: number[]) => ({
  image_path: 'frames/0007.jpg',
  annotations: [
    { class_name: 'car', bbox: [0, 0, 1, 1], segmentation: { size: [2, 3], counts: [1, 2, 3] }, score: 0.8 },
    { class_name: 'dog', bbox: [2, 0, 2, 1], segmentation: { size: [2, 3], counts }, score: 0.6 },
  ],
  box_format: 'xyxy',
  img_width: 3,
  img_height: 2,
});

describe('Grounded-SAM-2 image-demo JSON', () => {
  it('reads a demo file: frame from the file name, ids 1, 2 in order, score as box score, masks as RLE', async () => {
    const dir = join(root, 'demo');
    await mkdir(dir);
    await writeFile(join(dir, 'frame_0007.json'), JSON.stringify(demo([4, 2])));
    const frames: MaskFrame[] = [];
    for await (const frame of readGsam2JsonFolder(dir)) frames.push(frame);
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ frameIndex: 7, width: 3, height: 2 });
    expect(frames[0]!.instances.map((i) => [i.instanceId, i.className, i.boxScore])).toEqual([
      [1, 'car', 0.8],
      [2, 'dog', 0.6],
    ]);
    // Converted to a tracking folder: the id map paints car (column-major runs [1,2,3] → pixels (1,0), (0,1))
    // then dog (runs [4,2] → the last column).
    const out = join(root, 'demo-out');
    await convertMasks({ from: 'gsam2-json', input: dir, out });
    expect(await readdir(join(out, 'mask_data'))).toEqual(['mask_00007.npy']);
  });

  it('RLE counts that do not sum to h·w: a typed error naming file and frame, nothing written', async () => {
    const dir = join(root, 'bad');
    await mkdir(dir);
    await writeFile(join(dir, 'mask_00003.json'), JSON.stringify(demo([4, 1])));
    const out = join(root, 'bad-out');
    const error = await convertMasks({ from: 'gsam2-json', input: dir, out }).then(
      () => new Error('no error'),
      (e: unknown) => e as Error,
    );
    expect(DatasetFormatError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      new RegExp(
        `${dir}/mask_00003\\.json \\(field 'annotations\\.1\\.segmentation\\.counts'\\): frame 3: .*runs sum to 5, expected 6`,
      ),
    );
    expect((await readdir(root)).filter((name) => name.includes('bad-out'))).toEqual([]);
  });
});
