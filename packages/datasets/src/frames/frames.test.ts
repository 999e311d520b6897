/**
 * Drawing on images generated here with sharp; pixels are checked after
 * decoding the JPEG (tolerances absorb JPEG error).
 */
import { mkdtempSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetFormatError, InvalidArgumentError, parseClip, type Clip } from '@stkit/core';
import { drawPromptBoxes } from './draw-prompt-boxes';
import { writeClipFrames } from './write-clip-frames';

const temp = mkdtempSync(join(tmpdir(), 'stkit-frames-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const grey = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 128, g: 128, b: 128 } } });

async function pixel(jpeg: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i]!, data[i + 1]!, data[i + 2]!];
}
const near = (actual: number[], expected: number[], tolerance = 40) =>
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(tolerance));

describe('drawPromptBoxes', () => {
  it('draws a box outline of the given colour and width inside the box', async () => {
    const png = await grey(200, 100).png().toBuffer();
    const jpeg = await drawPromptBoxes({
      image: png,
      boxes: [{ box: [20, 10, 120, 60], color: [255, 0, 0] }],
      lineWidth: 6,
    });
    const meta = await sharp(jpeg).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 200, 100]);
    near(await pixel(jpeg, 70, 12), [255, 0, 0]); // top edge: y 10 … 16
    near(await pixel(jpeg, 22, 35), [255, 0, 0]); // left edge: x 20 … 26
    near(await pixel(jpeg, 70, 35), [128, 128, 128]); // inside
    near(await pixel(jpeg, 70, 5), [128, 128, 128]); // outside, above
    near(await pixel(jpeg, 150, 35), [128, 128, 128]); // outside, right
  });

  it('scales boxes given in another image size (a resized frame)', async () => {
    const png = await grey(100, 50).png().toBuffer();
    // Box [40, 20, 160, 80] in a 200×100 camera image → [20, 10, 80, 40] in the 100×50 file.
    const jpeg = await drawPromptBoxes({
      image: png,
      boxes: [{ box: [40, 20, 160, 80], color: [255, 0, 0] }],
      lineWidth: 4,
      boxSpace: { width: 200, height: 100 },
    });
    near(await pixel(jpeg, 50, 12), [255, 0, 0]); // top edge y 10 … 14
    near(await pixel(jpeg, 50, 25), [128, 128, 128]);
  });

  it('clips boxes that leave the image and rejects bad colours', async () => {
    const png = await grey(100, 100).png().toBuffer();
    const jpeg = await drawPromptBoxes({
      image: png,
      boxes: [{ box: [-50, 50, 150, 300], color: [0, 0, 255] }],
      lineWidth: 4,
    });
    near(await pixel(jpeg, 50, 52), [0, 0, 255]); // the top edge, still drawn
    near(await pixel(jpeg, 1, 80), [0, 0, 255]); // the left edge, clipped to x = 0 … 4
    await expect(drawPromptBoxes({ image: png, boxes: [{ box: [0, 0, 10, 10], color: [300, 0, 0] }] })).rejects.toThrow(
      InvalidArgumentError,
    );
  });

  it('a truncated or missing frame image is a DatasetFormatError naming the file', async () => {
    // The first 100 bytes of a valid JPEG: the header parses, the scan data is gone.
    const file = join(temp, 'truncated.jpg');
    await writeFile(file, (await grey(64, 64).jpeg().toBuffer()).subarray(0, 100));
    const error = await drawPromptBoxes({ image: file, boxes: [] }).catch((e: unknown) => e);
    expect(DatasetFormatError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ file });
    const missing = join(temp, 'no-such-frame.jpg');
    await expect(drawPromptBoxes({ image: missing, boxes: [] })).rejects.toMatchObject({
      name: 'DatasetFormatError',
      file: missing,
    });
  });
});

describe('writeClipFrames', () => {
  it('writes OUT/frames/<clipId>/<k>.jpg for frames with images, with the box of the nearest sample', async () => {
    const root = join(temp, 'dataset');
    await mkdir(join(root, 'cam'), { recursive: true });
    await grey(160, 120)
      .jpeg()
      .toFile(join(root, 'cam', 'a.jpg'));
    await grey(160, 120)
      .jpeg()
      .toFile(join(root, 'cam', 'b.jpg'));
    const clip: Clip = parseClip({
      id: 'demo-clip-000',
      source: { dataset: 'demo', log: 'l' },
      up: [0, 0, 1],
      frames: [{ t: 0, image: 'cam/a.jpg' }, { t: 0.5 }, { t: 1, image: 'cam/b.jpg' }],
      tracks: [
        {
          id: 'car',
          category: 'car',
          samples: [
            { t: 0, center: [0, 0, 0], box2d: [10, 10, 60, 60] },
            { t: 1.02, center: [1, 0, 0], box2d: [90, 40, 150, 110] },
          ],
        },
        { id: 'other', category: 'car', samples: [{ t: 0, center: [0, 0, 0], box2d: [100, 10, 150, 50] }] },
      ],
    });
    const out = join(temp, 'out');
    const result = await writeClipFrames({ clip, root, outDir: out, colors: { car: [0, 255, 0] }, lineWidth: 4 });
    expect(result.skipped).toBe(1);
    expect(result.files).toEqual([
      join(out, 'frames', 'demo-clip-000', '0.jpg'),
      undefined,
      join(out, 'frames', 'demo-clip-000', '2.jpg'),
    ]);
    expect(readdirSync(join(out, 'frames', 'demo-clip-000')).sort()).toEqual(['0.jpg', '2.jpg']); // no temporary files left
    const first = await sharp(result.files[0]!).toBuffer();
    near(await pixel(first, 35, 11), [0, 255, 0]); // the car's box at t = 0
    near(await pixel(first, 125, 11), [128, 128, 128]); // 'other' has no colour: not drawn
    const last = await sharp(result.files[2]!).toBuffer();
    near(await pixel(last, 120, 42), [0, 255, 0]); // sample at t = 1.02 is within 0.06 s of frame t = 1
    expect(existsSync(join(out, 'frames', 'demo-clip-000', '1.jpg'))).toBe(false);
    const subset = await writeClipFrames({
      clip,
      root,
      outDir: out,
      folder: 'demo-clip-000/s1',
      frameIndices: [2],
      colors: { car: [0, 0, 255] },
    });
    expect(subset.files).toEqual([undefined, undefined, join(out, 'frames', 'demo-clip-000', 's1', '2.jpg')]);
  });
});
