/**
 * The MonST3R folder fixture was written by scripts/make-npy-fixtures.py with
 * MonST3R's own file conventions (NumPy np.save / np.savetxt('%.6f'), the TUM
 * line `t x y z qw qx qy qz`, 0/255 greyscale PNG masks). Values:
 *   pose 1 = Rz(90°), t = (1, 2, 3); pose 2 = Rx(180°), t = (0, 0, −1)
 *   K_i: fx = fy = 5 + i, cx = 3, cy = 2 (6×4 images)
 *   depth_i[k] = 1 + i + 0.1·k;  log conf_i[k] = log(1 + k + i);  mask_i = rows 1–2, columns i…i+1
 */
import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetFormatError, InvalidArgumentError } from '@stkit/core';
import { readMonst3rOutput } from './monst3r-output';
import { createMonst3rDepthBackend, createMonst3rSceneBackend } from './precomputed';

const FOLDER = fileURLToPath(new URL('./__fixtures__/monst3r', import.meta.url));
const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function brokenCopy(change: (dir: string) => Promise<void>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'stkit-monst3r-'));
  temps.push(dir);
  await cp(FOLDER, dir, { recursive: true });
  await change(dir);
  return dir;
}

describe('readMonst3rOutput', () => {
  it('reads poses, intrinsics, depth, confidence and masks', async () => {
    const scene = await readMonst3rOutput(FOLDER);
    expect(scene.width).toBe(6);
    expect(scene.height).toBe(4);
    expect(scene.metric).toBe(false);
    expect(scene.frames).toHaveLength(3);
    const [f0, f1, f2] = scene.frames as [(typeof scene.frames)[0], (typeof scene.frames)[0], (typeof scene.frames)[0]];
    expect(Array.from(f0.worldFromCamera)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    // Rz(90°) = [[0,−1,0],[1,0,0],[0,0,1]], t = (1,2,3)
    const expected1 = [0, -1, 0, 1, 1, 0, 0, 2, 0, 0, 1, 3, 0, 0, 0, 1];
    expected1.forEach((v, i) => expect(f1.worldFromCamera[i]).toBeCloseTo(v, 12));
    // Rx(180°) = diag(1, −1, −1), t = (0, 0, −1)
    [1, 0, 0, 0, 0, -1, 0, 0, 0, 0, -1, -1].forEach((v, i) => expect(f2.worldFromCamera[i]).toBeCloseTo(v, 12));
    expect(f1.pose.rotation).toEqual([Math.SQRT1_2, 0, 0, Math.SQRT1_2]);
    expect(f2.time).toBe(2);
    expect(f1.intrinsics).toEqual({ fx: 6, fy: 6, cx: 3, cy: 2, width: 6, height: 4 });
    // depth_2 at (u=5, v=3): k = 23 → 1 + 2 + 2.3 = 5.3 (float32)
    expect(f2.depth[23]).toBeCloseTo(5.3, 5);
    // confidence = exp(log(1 + k + i)): frame 1, k = 10 → 12
    expect(f1.confidence[10]).toBeCloseTo(12, 4);
    expect(f1.logConfidence![10]).toBeCloseTo(Math.log(12), 5);
    // mask_1: rows 1–2, columns 1–2
    const mask = Array.from(f1.dynamicMask!);
    expect(mask.reduce((a, b) => a + b, 0)).toBe(4);
    expect([mask[7], mask[8], mask[13], mask[14], mask[6], mask[9]]).toEqual([1, 1, 1, 1, 0, 0]);
  });

  it('works without masks and without confidence files', async () => {
    const dir = await brokenCopy(async (d) => unlink(join(d, 'conf_1.npy')));
    const scene = await readMonst3rOutput(dir, { masks: false });
    expect(scene.frames[0]!.dynamicMask).toBeUndefined();
    expect(scene.frames[1]!.logConfidence).toBeUndefined();
    expect(Array.from(scene.frames[1]!.confidence).every((c) => c === 1)).toBe(true);
  });

  it('names the file and line of bad input', async () => {
    const shortLine = await brokenCopy(async (d) => {
      const text = await readFile(join(d, 'pred_traj.txt'), 'utf8');
      await writeFile(join(d, 'pred_traj.txt'), text.replace('1.0 1.0 2.0 3.0', '1.0 1.0 2.0'));
    });
    const error = await readMonst3rOutput(shortLine).catch((e: unknown) => e);
    expect(DatasetFormatError.isInstance(error)).toBe(true);
    expect((error as DatasetFormatError).row).toBe(2);
    expect((error as Error).message).toMatch(/pred_traj\.txt \(row 2\): expected 8 numbers, found 7/);

    const missing = await brokenCopy(async (d) => unlink(join(d, 'frame_0002.npy')));
    await expect(readMonst3rOutput(missing)).rejects.toThrow(/frame_0002\.npy: missing/);

    const fewerK = await brokenCopy(async (d) => {
      const lines = (await readFile(join(d, 'pred_intrinsics.txt'), 'utf8')).trim().split('\n');
      await writeFile(join(d, 'pred_intrinsics.txt'), lines.slice(0, 2).join('\n'));
    });
    await expect(readMonst3rOutput(fewerK)).rejects.toThrow(/2 frames of intrinsics for 3 poses/);

    const notNumber = await brokenCopy(async (d) => {
      const text = await readFile(join(d, 'pred_traj.txt'), 'utf8');
      await writeFile(join(d, 'pred_traj.txt'), text.replace('0.7071067811865476 0.0', 'nan 0.0'));
    });
    await expect(readMonst3rOutput(notNumber)).rejects.toThrow(/row 2, field 'column 5'/);
  });
});

describe('readMonst3rOutput: corrupt files', () => {
  it('a NaN or infinite depth pixel is a DatasetFormatError naming the file and pixel', async () => {
    const { encodeNpy } = await import('./npy-write');
    const { parseNpy } = await import('./npy');
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const dir = await brokenCopy(async (d) => {
        const array = parseNpy(await readFile(join(d, 'frame_0001.npy')));
        const data = Float32Array.from(array.data as Float32Array);
        data[array.shape[1]! + 2] = value;
        await writeFile(join(d, 'frame_0001.npy'), encodeNpy(data, array.shape));
      });
      await expect(readMonst3rOutput(dir, { masks: false })).rejects.toThrow(
        /frame_0001\.npy \(field 'pixel \(row 1, column 2\)'\): depth is (NaN|Infinity)/,
      );
      const { openMonst3rOutput } = await import('./monst3r-stream');
      const stream = await openMonst3rOutput(dir);
      await expect(stream.readFrame(1)).rejects.toThrow(/frame_0001\.npy.*not a finite number/);
    }
  });
  it('a folder or /dev/zero where pred_intrinsics.txt or conf_%d.npy belongs is a DatasetFormatError naming it', async () => {
    const { mkdir, symlink } = await import('node:fs/promises');
    const folder = await brokenCopy(async (d) => {
      await unlink(join(d, 'conf_1.npy'));
      await mkdir(join(d, 'conf_1.npy'));
    });
    await expect(readMonst3rOutput(folder, { masks: false })).rejects.toThrow(/conf_1\.npy: is a folder/);
    const device = await brokenCopy(async (d) => {
      await unlink(join(d, 'pred_intrinsics.txt'));
      await symlink('/dev/zero', join(d, 'pred_intrinsics.txt'));
    });
    const error = await readMonst3rOutput(device, { masks: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatasetFormatError);
    expect((error as Error).message).toMatch(/pred_intrinsics\.txt: not a regular file/);
  });
});

describe('precomputed MonST3R backends', () => {
  it('serves the scene and per-frame depth from the folder, read once', async () => {
    const scene = await createMonst3rSceneBackend({ folder: FOLDER }).doReconstruct();
    expect(scene.scene.frames).toHaveLength(3);
    const depth = createMonst3rDepthBackend({ folder: FOLDER, masks: false });
    const result = await depth.doEstimate({ frameIndex: 1 });
    expect(result.width).toBe(6);
    expect(result.depth[0]).toBeCloseTo(2, 6); // 1 + 1 + 0
    expect(result.provider).toBeUndefined();
    await expect(depth.doEstimate({ frameIndex: 3 })).rejects.toThrow(InvalidArgumentError);
    await expect(depth.doEstimate({})).rejects.toThrow(InvalidArgumentError);
  });
});
