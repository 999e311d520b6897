import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from '@stkit/core';
import { hasSharedData, sharedDataPath, skipMessage } from '@stkit/test-data';
import { describe, expect, it } from 'vitest';
import { cocoRleArea, decodeCocoRle, decodeCocoRleCounts } from './coco-rle';

describe('decodeCocoRleCounts (hand-encoded strings, pycocotools rleToString algorithm)', () => {
  it('decodes single-character runs and the delta of runs after the second', () => {
    // '0' = 48 → 0, '5' → 5: [0, 5].
    expect(decodeCocoRleCounts('05')).toEqual([0, 5]);
    // Runs at index ≥ 3 are stored as the delta to the run two before (pycocotools: `if (i > 2) x -= cnts[i-2]`):
    // '3','4','5' → 3, 4, 5; '2' → 4 + 2 = 6.
    expect(decodeCocoRleCounts('3452')).toEqual([3, 4, 5, 6]);
    // ':' = 58 → 10; '8' → 8; '3' → 3; 'J' = 74 → 26 = 0b11010: bit 4 set → 26 − 32 = −6 → 8 − 6 = 2.
    expect(decodeCocoRleCounts(':83J')).toEqual([10, 8, 3, 2]);
  });

  it('decodes multi-character values (continuation bit 0x20)', () => {
    // 100 = 0b11_00100: first group 4 | 0x20 = 36 → 'T' (84), second group 3 → '3'.
    expect(decodeCocoRleCounts('T3')).toEqual([100]);
  });

  it('rejects truncated strings and invalid characters', () => {
    expect(() => decodeCocoRleCounts('T')).toThrow(InvalidArgumentError);
    expect(() => decodeCocoRleCounts('0 ')).toThrow(/invalid RLE character/);
  });
});

describe('decodeCocoRle', () => {
  it('fills runs in column-major order into a row-major bitmap', () => {
    // 2×3 mask, runs [1, 2, 3]: column-major flat = 0,1,1,0,0,0
    // → (r0,c0)=0 (r1,c0)=1 (r0,c1)=1 (r1,c1)=0 (r0,c2)=0 (r1,c2)=0 → rows [0 1 0], [1 0 0].
    expect(Array.from(decodeCocoRle({ size: [2, 3], counts: [1, 2, 3] }))).toEqual([0, 1, 0, 1, 0, 0]);
    // Same runs in compressed form (no deltas below index 3): '1','2','3'.
    expect(Array.from(decodeCocoRle({ size: [2, 3], counts: '123' }))).toEqual([0, 1, 0, 1, 0, 0]);
  });

  it('rejects runs that do not cover the mask', () => {
    expect(() => decodeCocoRle({ size: [2, 3], counts: [1, 2] })).toThrow(/runs sum to 3, expected 6/);
    expect(() => decodeCocoRle({ size: [2, 3], counts: [1, 9] })).toThrow(/overflows/);
  });
});

describe.skipIf(!hasSharedData)(`SA-V masklets (real COCO RLE) ${hasSharedData ? '' : skipMessage}`, () => {
  const file = sharedDataPath('sa-v', 'example', 'sav_000001_manual.json')!;
  const annotation = JSON.parse(readFileSync(file, 'utf8')) as {
    masklet: { size: [number, number]; counts: string }[][];
    masklet_size_abs: number[];
    video_height: number;
    video_width: number;
  };

  it('decodes every mask to the video size and reproduces the annotated mean areas', () => {
    // masklet_size_abs (a field written by the SA-V authors, not by this code) is each object's mean
    // area over the frames where it is visible.
    const expected = annotation.masklet_size_abs;
    const objects = expected.length;
    for (let o = 0; o < objects; o++) {
      let sum = 0, visible = 0;
      for (const frame of annotation.masklet) {
        const rle = frame[o]!;
        expect(rle.size).toEqual([Number(annotation.video_height), Number(annotation.video_width)]);
        const mask = decodeCocoRle(rle);
        let area = 0;
        for (let k = 0; k < mask.length; k++) area += mask[k]!;
        expect(area).toBe(cocoRleArea(rle));
        if (area > 0) { sum += area; visible++; }
      }
      expect(sum / visible).toBeCloseTo(expected[o]!, 3);
    }
  });

  it('is column-major: a mask decoded as row-major runs would be a different shape', () => {
    // The largest object (index 1) is a compact blob; its row-major bitmap must have a bounding box
    // whose area is within a small factor of its pixel area, which fails for the transposed reading.
    const rle = annotation.masklet[0]![1]!;
    const mask = decodeCocoRle(rle);
    const [h, w] = rle.size;
    let top = h, bottom = -1, left = w, right = -1, area = 0;
    for (let v = 0; v < h; v++) for (let u = 0; u < w; u++) {
      if (!mask[v * w + u]) continue;
      area++; top = Math.min(top, v); bottom = Math.max(bottom, v); left = Math.min(left, u); right = Math.max(right, u);
    }
    expect(area / ((bottom - top + 1) * (right - left + 1))).toBeGreaterThan(0.3);
  });
});
