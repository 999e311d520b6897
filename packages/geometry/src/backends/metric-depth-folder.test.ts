import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetFormatError } from '@stkit/core';
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
    expect(Array.from(await readMetricDepthFrame({ folder: dir, index: 0, width: 4, height: 2 }))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
  });
  it('names the file and pixel of a NaN, an all-zero map, another aspect ratio, a missing frame', async () => {
    await expect(readMetricDepthFrame({ folder: dir, index: 1, width: 4, height: 2 })).rejects.toThrow(
      /frame_0001\.npy.*pixel \(row 0, column 1\).*NaN/,
    );
    await expect(readMetricDepthFrame({ folder: dir, index: 2, width: 4, height: 2 })).rejects.toThrow(
      /frame_0002\.npy.*all zero/,
    );
    await expect(readMetricDepthFrame({ folder: dir, index: 3, width: 4, height: 2 })).rejects.toThrow(
      /frame_0003\.npy.*aspect ratio/,
    );
    await expect(readMetricDepthFrame({ folder: dir, index: 4, width: 4, height: 2, frameCount: 5 })).rejects.toThrow(
      /frame_0004\.npy.*missing/,
    );
  });
  it.each([
    [Number.POSITIVE_INFINITY, /depth is Infinity/],
    [-5, /depth is negative \(-5 m\)/],
    [3e38, /beyond the 10000 m a metric depth can be/],
    [2e4, /beyond the 10000 m/],
  ])('refuses a pixel of %s m, naming the file, row and column', async (value, reason) => {
    const data = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    data[6] = value;
    await writeFile(join(dir, 'frame_0005.npy'), encodeNpy(data, [2, 4]));
    const error = await readMetricDepthFrame({ folder: dir, index: 5, width: 4, height: 2 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DatasetFormatError);
    expect((error as Error).message).toMatch(/frame_0005\.npy \(field 'pixel \(row 1, column 2\)'\)/);
    expect((error as Error).message).toMatch(reason);
  });
  it('accepts depths up to the maximum (zero is no depth)', async () => {
    await writeFile(join(dir, 'frame_0006.npy'), encodeNpy(Float32Array.from([0, 1e4, 3, 4, 5, 6, 7, 8]), [2, 4]));
    expect(Array.from(await readMetricDepthFrame({ folder: dir, index: 6, width: 4, height: 2 }))).toEqual([
      0, 1e4, 3, 4, 5, 6, 7, 8,
    ]);
  });
  it('a folder where the map belongs is a DatasetFormatError naming it', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'frame_0007.npy'));
    await expect(readMetricDepthFrame({ folder: dir, index: 7, width: 4, height: 2 })).rejects.toThrow(
      /frame_0007\.npy: is a folder/,
    );
  });
});
