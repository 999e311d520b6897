/**
 * Pairwise pointmaps on generated encoder/decoder graphs with the real
 * DUSt3R/MonST3R tensor names and shapes (scripts/make-onnx-fixtures.py):
 * feats = mean normalised colour of each 16×16 patch; pts3d1 = up(feat1),
 * pts3d2 = up(feat2) − up(feat1), conf = 1 + exp(mean over channels).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, ShapeMismatchError } from '@stkit/core';
import { dust3rLayout, roundHalfEven } from './dust3r-layout';
import { createPairwisePointmapBackend } from './pairwise-pointmap';

const fixture = (name: string): string => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));

/** A width×height frame of one colour, except the top `topRows` rows in pure red. */
function frame(width: number, height: number, rgb: [number, number, number], topRows = 0) {
  const data = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) data.set(p < topRows * width ? [255, 0, 0] : rgb, p * 3);
  return { data, width, height };
}

describe('dust3rLayout', () => {
  it('resizes the long side to 512 and crops to multiples of 16 as load_images does', () => {
    // 1920×1080 → 512 × round(288) = 288; cx 256, cy 144 → halfw 256, halfh 144: no crop
    expect(dust3rLayout(1920, 1080)).toEqual({
      resizedWidth: 512,
      resizedHeight: 288,
      cropX: 0,
      cropY: 0,
      width: 512,
      height: 288,
    });
    // 256×150 → 512×300; cy 150 → halfh = (300 // 16)·8 = 144 → rows 6…293
    expect(dust3rLayout(256, 150)).toEqual({
      resizedWidth: 512,
      resizedHeight: 300,
      cropX: 0,
      cropY: 6,
      width: 512,
      height: 288,
    });
    // square 300×300 → 512×512; halfh = 3·256/4 = 192 → 512×384 from row 64
    expect(dust3rLayout(300, 300)).toEqual({
      resizedWidth: 512,
      resizedHeight: 512,
      cropX: 0,
      cropY: 64,
      width: 512,
      height: 384,
    });
    // 1024×577 → 577·0.5 = 288.5 → Python round → 288 (half to even)
    expect(dust3rLayout(1024, 577).resizedHeight).toBe(288);
    expect([roundHalfEven(0.5), roundHalfEven(1.5), roundHalfEven(2.5), roundHalfEven(2.6)]).toEqual([0, 2, 2, 3]);
  });
});

describe('createPairwisePointmapBackend', () => {
  // Normalised colours (v − 127.5)/127.5:
  //   frame 0 (255, 0, 51)    → ( 1,   −1,   −0.6)  mean −0.2
  //   frame 1 (102, 153, 204) → (−0.2,  0.2,  0.6)  mean  0.2
  //   frame 2 (0, 255, 255)   → (−1,    1,    1)    mean  1/3
  const colours: [number, number, number][] = [
    [255, 0, 51],
    [102, 153, 204],
    [0, 255, 255],
  ];
  const normalised = [
    [1, -1, -0.6],
    [-0.2, 0.2, 0.6],
    [-1, 1, 1],
  ];

  it('encodes each frame once, decodes the swinstride-5 pairs, and keeps DUSt3R’s crop', async () => {
    const backend = createPairwisePointmapBackend({
      encoder: fixture('pointmap-encoder.onnx'),
      decoder: fixture('pointmap-decoder.onnx'),
      device: 'cpu',
      batchSize: 3,
    });
    // 256×150 frames: 2 red rows at the top become resized rows 0–3, cropped away (crop starts at row 6).
    const frames = colours.map((c) => frame(256, 150, c, 2));
    const progress: number[] = [];
    const result = await backend.doPredict({ frames, onProgress: (done) => progress.push(done) });
    expect(result.width).toBe(512);
    expect(result.height).toBe(288);
    expect(result.provider).toBe('cpu');
    expect(result.transform).toEqual({
      scaleX: 2,
      scaleY: 2,
      resizedWidth: 512,
      resizedHeight: 300,
      cropX: 0,
      cropY: 6,
    });
    // 3 frames, offsets 1,3,5,…: (0,1), (1,2), then reversed
    expect(result.pairs.map((p) => [p.i, p.j])).toEqual([
      [0, 1],
      [1, 2],
      [1, 0],
      [2, 1],
    ]);
    expect(progress).toEqual([3, 4]); // batches of 3 pairs, the last one padded
    for (const pair of result.pairs) {
      const a = normalised[pair.i]!,
        b = normalised[pair.j]!;
      expect(pair.pts3d1).toHaveLength(512 * 288 * 3);
      expect(pair.conf1).toHaveLength(512 * 288);
      for (const pixel of [0, 287 * 512 + 511, 144 * 512 + 200]) {
        for (let c = 0; c < 3; c++) {
          expect(pair.pts3d1[pixel * 3 + c]).toBeCloseTo(a[c]!, 5);
          expect(pair.pts3d2[pixel * 3 + c]).toBeCloseTo(b[c]! - a[c]!, 5);
        }
        // e.g. pair (0,1): conf1 = 1 + e^−0.2 = 1.818731, conf2 = 1 + e^0.2 = 2.221403
        expect(pair.conf1[pixel]).toBeCloseTo(1 + Math.exp((a[0]! + a[1]! + a[2]!) / 3), 5);
        expect(pair.conf2[pixel]).toBeCloseTo(1 + Math.exp((b[0]! + b[1]! + b[2]!) / 3), 5);
      }
    }
    await backend.dispose?.();
  });

  it('accepts explicit pairs and rejects bad frames, pairs and sizes', async () => {
    const backend = createPairwisePointmapBackend({
      encoder: fixture('pointmap-encoder.onnx'),
      decoder: fixture('pointmap-decoder.onnx'),
      device: 'cpu',
    });
    const frames = colours.map((c) => frame(256, 144, c));
    const result = await backend.doPredict({ frames, pairs: [[2, 0]] });
    expect(result.pairs).toHaveLength(1);
    expect(result.pairs[0]!.pts3d2[0]).toBeCloseTo(1 - -1, 5); // frame 0 R − frame 2 R = 1 − (−1)
    await expect(backend.doPredict({ frames: frames.slice(0, 1) })).rejects.toThrow(InvalidArgumentError);
    await expect(backend.doPredict({ frames: [frames[0]!, frame(128, 72, [0, 0, 0])] })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(backend.doPredict({ frames, pairs: [[0, 3]] })).rejects.toThrow(InvalidArgumentError);
    // 4:3 frames lay out as 512×384, which this 288×512 export cannot take
    await expect(
      backend.doPredict({ frames: [frame(200, 150, [0, 0, 0]), frame(200, 150, [0, 0, 0])] }),
    ).rejects.toThrow(ShapeMismatchError);
    await backend.dispose?.();
  });
});
