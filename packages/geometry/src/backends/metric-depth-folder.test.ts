import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMetricDepthFrame } from './metric-depth-folder';
import { encodeNpy } from './npy-write';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'metric-depth-'));
  await writeFile(join(dir, 'frame_0000.npy'), encodeNpy(Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]), [2, 4]));
  await writeFile(join(dir, 'frame_0001.npy'), encodeNpy(Float32Array.from([1, Number.NaN, 3, 4, 5, 6, 7, 8]), [2, 4]));
  await writeFile(join(dir, 'frame_0002.npy'), encodeNpy(new Float32Array(8), [2, 4]));
  await writeFile(join(dir, 'frame_0003.npy'), encodeNpy(new Float32Array(9).fill(1), [3, 3]));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readMetricDepthFrame', () => {
  it('reads a map at the reconstruction resolution as is', async () => {
    expect(Array.from(await readMetricDepthFrame({ folder: dir, index: 0, width: 4, height: 2 }))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
  it('names the file and pixel of a NaN, an all-zero map, another aspect ratio, a missing frame', async () => {
    await expect(readMetricDepthFrame({ folder: dir, index: 1, width: 4, height: 2 })).rejects.toThrow(/frame_0001\.npy.*pixel \(1, 0\).*NaN/);
    await expect(readMetricDepthFrame({ folder: dir, index: 2, width: 4, height: 2 })).rejects.toThrow(/frame_0002\.npy.*all zero/);
    await expect(readMetricDepthFrame({ folder: dir, index: 3, width: 4, height: 2 })).rejects.toThrow(/frame_0003\.npy.*aspect ratio/);
    await expect(readMetricDepthFrame({ folder: dir, index: 4, width: 4, height: 2, frameCount: 5 })).rejects.toThrow(/frame_0004\.npy.*missing/);
  });
});
