import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackendLoadError } from '@stkit/core';
import { createOnnxSession } from '@stkit/core/onnx';
import {
  DEBIAN_PYTHON,
  hasSharedData,
  PROCESS_TIMEOUT_MS,
  pythonModulesUnavailable,
  requirePeers,
  runProcess,
  sharedDataPath,
  skipMessage,
} from '@stkit/test-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFrameFolder, readVideoFrames } from '../frames';
import { imageToNormalizedChw, logitsToMask, type RgbImage } from './image';

const numpyMissing = await pythonModulesUnavailable(['numpy']);
if (numpyMissing && requirePeers) throw new Error(numpyMissing);

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'stkit-seg-real-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

// A deterministic 37×23 RGB pattern and 9×7 logit map, resized by the code under test and by NumPy.
const pattern: RgbImage = {
  width: 37,
  height: 23,
  data: Uint8Array.from({ length: 37 * 23 * 3 }, (_, i) => (i * 7919) % 256),
};
const logits = Float32Array.from({ length: 9 * 7 }, (_, i) => Math.sin(i * 1.7) * 3);

describe.skipIf(numpyMissing !== undefined)(`pre/post-processing against NumPy ${numpyMissing ?? ''}`, () => {
  it(
    'bilinear resize (half-pixel centres) + ImageNet normalisation, and logits → mask, equal NumPy',
    async () => {
      const { stdout } = await runProcess(
        DEBIAN_PYTHON,
        [
          '-c',
          `
import json, sys
import numpy as np
def axis(src, dst):
    s = np.maximum((np.arange(dst) + 0.5) * src / dst - 0.5, 0)
    lo = np.minimum(np.floor(s).astype(int), src - 1)
    return lo, np.minimum(lo + 1, src - 1), s - lo
def resize(a, h, w):   # a: (H, W, C) float64
    y0, y1, wy = axis(a.shape[0], h); x0, x1, wx = axis(a.shape[1], w)
    top = a[y0][:, x0] * (1 - wx)[None, :, None] + a[y0][:, x1] * wx[None, :, None]
    bottom = a[y1][:, x0] * (1 - wx)[None, :, None] + a[y1][:, x1] * wx[None, :, None]
    return top * (1 - wy)[:, None, None] + bottom * wy[:, None, None]
img = (np.arange(37 * 23 * 3) * 7919 % 256).astype(np.float64).reshape(23, 37, 3)
r = resize(img, 48, 64) / 255
chw = ((r - [0.485, 0.456, 0.406]) / [0.229, 0.224, 0.225]).transpose(2, 0, 1)
lg = (np.sin(np.arange(63) * 1.7) * 3).astype(np.float32).astype(np.float64).reshape(7, 9, 1)
mask = (resize(lg, 30, 50)[:, :, 0] > 0).astype(int)
print(json.dumps({'chw': chw.ravel().tolist(), 'mask': mask.ravel().tolist()}))
`,
        ],
        { timeoutMs: PROCESS_TIMEOUT_MS, maxBuffer: 16 << 20 },
      );
      const peer = JSON.parse(stdout) as { chw: number[]; mask: number[] };
      const ours = imageToNormalizedChw(pattern, 64, 48);
      let worst = 0;
      for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - peer.chw[i]!));
      expect(worst).toBeLessThan(1e-4);
      const mask = logitsToMask(logits, 9, 7, 50, 30);
      let differ = 0;
      for (let i = 0; i < mask.length; i++) if (mask[i] !== peer.mask[i]) differ++;
      expect(differ).toBeLessThanOrEqual(2); // float32 vs float64 rounding exactly at the 0 crossing
    },
    PROCESS_TIMEOUT_MS,
  );
});

describe.skipIf(!hasSharedData)(
  `real small models (shared data) on frames decoded by ffmpeg ${hasSharedData ? '' : skipMessage}`,
  () => {
    it(
      'PAN segmentation (512×512, ImageNet-normalised): our preprocessing → session (device table) → per-class maps resized to the frame',
      async () => {
        const frames = join(root, 'frames');
        await runProcess(
          'sh',
          [
            '-c',
            `mkdir -p ${frames} && ffmpeg -v error -f lavfi -i testsrc2=s=320x240:r=1:d=2 ${frames}/frame_%03d.png`,
          ],
          { timeoutMs: PROCESS_TIMEOUT_MS },
        );
        const decoded = [];
        for await (const frame of readFrameFolder(frames)) decoded.push(frame);
        expect(decoded.map((f) => [f.frameIndex, f.image.width, f.image.height])).toEqual([
          [1, 320, 240],
          [2, 320, 240],
        ]);
        const model = sharedDataPath(
          'onnx',
          'Skin-Clothes-Hair-Segmentation-using-SMP',
          '02.model',
          '_old',
          'PAN(timm-mobilenetv3_small_100)_452_1.02M_0.8028',
          'best_model_simplifier.onnx',
        )!;
        const session = createOnnxSession({ model, device: 'auto' });
        const info = await session.load();
        expect(info.attempts[0]!.provider).toBe('cuda');
        expect(['cuda', 'cpu']).toContain(info.provider);
        const input = info.inputs[0]!;
        expect(input.shape).toEqual([1, 3, 512, 512]);
        const out = await session.run({
          [input.name]: {
            type: 'float32',
            data: imageToNormalizedChw(decoded[0]!.image, 512, 512),
            shape: [1, 3, 512, 512],
          },
        });
        const scores = Object.values(out)[0]!;
        expect(scores.shape).toEqual([1, 3, 512, 512]);
        const data = scores.data as Float32Array;
        expect(data.every(Number.isFinite)).toBe(true);
        // Class maps → frame-sized masks (score − 0.5 as logits): 320×240 0/1 masks.
        const plane = 512 * 512;
        for (let c = 0; c < 3; c++) {
          const centred = Float32Array.from(data.subarray(c * plane, (c + 1) * plane), (v) => v - 0.5);
          const mask = logitsToMask(centred, 512, 512, 320, 240);
          expect(mask).toHaveLength(320 * 240);
          expect(mask.every((v) => v === 0 || v === 1)).toBe(true);
        }
        // The same frame gives the same output (a real, deterministic CPU run).
        const again = await session.run({
          [input.name]: {
            type: 'float32',
            data: imageToNormalizedChw(decoded[0]!.image, 512, 512),
            shape: [1, 3, 512, 512],
          },
        });
        expect(
          Buffer.from((Object.values(again)[0]!.data as Float32Array).buffer).equals(Buffer.from(data.buffer)),
        ).toBe(true);
        await session.dispose();
      },
      PROCESS_TIMEOUT_MS,
    );
  },
);

describe('ffmpeg frame sources', () => {
  it('a missing ffmpeg is a BackendLoadError naming the Debian package', async () => {
    const error = await (async () => {
      for await (const _ of readVideoFrames('x.mp4', { ffprobe: '/nonexistent/ffprobe' })) {
        /* none */
      }
    })().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(BackendLoadError.isInstance(error)).toBe(true);
    expect(error!.message).toMatch(/apt-get install ffmpeg/);
  });

  it(
    'a file that is not a video is a DatasetFormatError naming it',
    async () => {
      const error = await (async () => {
        for await (const _ of readVideoFrames(join(root, 'missing.mp4'))) {
          /* none */
        }
      })().then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error!.message).toMatch(/missing\.mp4: ffprobe cannot read it/);
    },
    PROCESS_TIMEOUT_MS,
  );
});
