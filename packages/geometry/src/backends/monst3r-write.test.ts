/**
 * writeMonst3rOutput against the MonST3R fixture folder written by NumPy
 * (scripts/make-npy-fixtures.py): read → write → read gives the same scene.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@stkit/core';
import { readMonst3rOutput } from './monst3r-output';
import { openMonst3rOutput } from './monst3r-stream';
import { writeMonst3rOutput } from './monst3r-write';

const FOLDER = fileURLToPath(new URL('./__fixtures__/monst3r', import.meta.url));
let temp = '';
afterAll(() => (temp ? rm(temp, { recursive: true, force: true }) : undefined));

describe('writeMonst3rOutput', () => {
  it('writes a folder the readers give back: depths bit for bit, confidence and poses to rounding', async () => {
    temp = await mkdtemp(join(tmpdir(), 'stkit-monst3r-write-'));
    const scene = await readMonst3rOutput(FOLDER);
    await writeMonst3rOutput(join(temp, 'out'), scene);
    const again = await readMonst3rOutput(join(temp, 'out'));
    expect(again.width).toBe(6);
    expect(again.height).toBe(4);
    expect(again.frames).toHaveLength(3);
    for (const [index, frame] of again.frames.entries()) {
      const original = scene.frames[index]!;
      expect(Array.from(frame.depth)).toEqual(Array.from(original.depth));
      frame.confidence.forEach((value, i) => expect(value).toBeCloseTo(original.confidence[i]!, 5));
      frame.worldFromCamera.forEach((value, i) => expect(value).toBeCloseTo(original.worldFromCamera[i]!, 12));
      expect(frame.intrinsics).toEqual(original.intrinsics);
    }
    // Pose 1 of the fixture: Rz(90°), t = (1, 2, 3) → qw = qz = √½.
    expect((await readFile(join(temp, 'out', 'pred_traj.txt'), 'utf8')).split('\n')[1]).toMatch(
      /^1 1 2 3 0\.7071067811865\d* 0 0 0\.7071067811865\d*$/,
    );
    const stream = await openMonst3rOutput(join(temp, 'out'));
    expect(Array.from((await stream.readFrame(2)).depth)).toEqual(Array.from(scene.frames[2]!.depth));
    await expect(writeMonst3rOutput(join(temp, 'empty'), { ...scene, frames: [] })).rejects.toThrow(
      InvalidArgumentError,
    );
  });
});
