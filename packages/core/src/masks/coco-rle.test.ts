import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from '../errors';
import { hasSharedData, sharedDataPath, skipMessage } from '@stkit/test-data';
import { describe, expect, it } from 'vitest';
import {
  cocoRleArea,
  cocoRleBounds,
  decodeCocoRle,
  decodeCocoRleCounts,
  encodeCocoRle,
  encodeCocoRleCounts,
  encodeIdMapCocoRle,
  paintCocoRle,
} from './coco-rle';

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

describe('encodeCocoRleCounts / encodeCocoRle (hand calculations)', () => {
  it('writes the strings the decoder test reads', () => {
    expect(encodeCocoRleCounts([0, 5])).toBe('05');
    expect(encodeCocoRleCounts([3, 4, 5, 6])).toBe('3452');
    expect(encodeCocoRleCounts([10, 8, 3, 2])).toBe(':83J');
    expect(encodeCocoRleCounts([100])).toBe('T3');
  });

  it('encodes a row-major bitmap column by column', () => {
    // rows [0 1 0], [1 0 0] → column-major 0,1,1,0,0,0 → runs [1, 2, 3].
    expect(encodeCocoRle([0, 1, 0, 1, 0, 0], 2, 3, { compressed: false })).toEqual({ size: [2, 3], counts: [1, 2, 3] });
    // A mask starting with foreground begins with a zero-length background run; one ending in it has no trailing run.
    expect(encodeCocoRle([1, 1, 1, 1], 2, 2, { compressed: false }).counts).toEqual([0, 4]);
    expect(encodeCocoRle([0, 0, 0, 0], 2, 2, { compressed: false }).counts).toEqual([4]);
  });

  it('encodes every id of an id map in one pass, equal to encoding each id’s bitmap', () => {
    // 3×4 map, rows: [1 1 0 2], [0 1 2 2], [3 0 0 2].
    const idMap = Uint16Array.from([1, 1, 0, 2, 0, 1, 2, 2, 3, 0, 0, 2]);
    const byId = encodeIdMapCocoRle(idMap, 3, 4, { compressed: false });
    expect([...byId.keys()]).toEqual([1, 2, 3]);
    // id 1 column-major: col0 = 1,0,0; col1 = 1,1,0; col2 = 0,0,0; col3 = 0,0,0 → runs [0,1,2,2,7].
    expect(byId.get(1)!.counts).toEqual([0, 1, 2, 2, 7]);
    // id 2: col2 = 0,1,0; col3 = 1,1,1 → flat positions 7, 9, 10, 11 → runs [7,1,1,3].
    expect(byId.get(2)!.counts).toEqual([7, 1, 1, 3]);
    expect(byId.get(3)!.counts).toEqual([2, 1, 9]);
    // paintCocoRle inverts it.
    const back = new Uint16Array(12);
    for (const [id, rle] of byId) paintCocoRle(rle, back, id);
    expect(Array.from(back)).toEqual(Array.from(idMap));
  });

  it('cocoRleBounds reads the extent from the runs (hand-checked)', () => {
    // rows [0 1 0], [1 0 0]: x 0..1, y 0..1.
    expect(cocoRleBounds({ size: [2, 3], counts: [1, 2, 3] })).toEqual([0, 0, 1, 1]);
    // 3×3, one pixel at (row 2, column 1): column-major position 5.
    expect(cocoRleBounds({ size: [3, 3], counts: [5, 1, 3] })).toEqual([1, 2, 1, 2]);
    expect(cocoRleBounds({ size: [3, 3], counts: [9] })).toBeUndefined();
  });

  it('paintCocoRle validates the runs before writing any pixel', () => {
    const map = new Uint16Array(6);
    expect(() => paintCocoRle({ size: [2, 3], counts: [0, 2, 9] }, map, 7)).toThrow(/overflows/);
    expect(Array.from(map)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(() => paintCocoRle({ size: [2, 2], counts: [4] }, map, 7)).toThrow(/must hold 4/);
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
      let sum = 0,
        visible = 0;
      for (const frame of annotation.masklet) {
        const rle = frame[o]!;
        expect(rle.size).toEqual([Number(annotation.video_height), Number(annotation.video_width)]);
        const mask = decodeCocoRle(rle);
        let area = 0;
        for (let k = 0; k < mask.length; k++) area += mask[k]!;
        expect(area).toBe(cocoRleArea(rle));
        if (area > 0) {
          sum += area;
          visible++;
        }
      }
      expect(sum / visible).toBeCloseTo(expected[o]!, 3);
    }
  });

  it('re-encodes every decoded mask to the exact string pycocotools wrote', () => {
    let masks = 0;
    for (const frame of annotation.masklet) {
      for (const rle of frame) {
        const [h, w] = rle.size;
        expect(encodeCocoRle(decodeCocoRle(rle), h, w).counts).toBe(rle.counts);
        masks++;
      }
    }
    expect(masks).toBe(605);
  });

  it('encodes an id map of all masklets to the per-masklet strings where they do not overlap', () => {
    const frame = annotation.masklet[0]!;
    const [h, w] = frame[0]!.size;
    const idMap = new Uint16Array(h * w);
    const overlap = new Uint8Array(h * w);
    frame.forEach((rle, o) => {
      const mask = decodeCocoRle(rle);
      for (let k = 0; k < mask.length; k++)
        if (mask[k]) {
          if (idMap[k]) overlap[k] = 1;
          idMap[k] = o + 1;
        }
    });
    const byId = encodeIdMapCocoRle(idMap, h, w);
    frame.forEach((rle, o) => {
      const own = decodeCocoRle(rle);
      const fromMap = byId.has(o + 1) ? decodeCocoRle(byId.get(o + 1)!) : new Uint8Array(h * w);
      for (let k = 0; k < own.length; k++)
        if (!overlap[k] && own[k] !== fromMap[k]) throw new Error(`object ${o} pixel ${k}`);
    });
  });

  it('cocoRleBounds equals the extent of the decoded bitmap', () => {
    for (const frame of annotation.masklet.slice(0, 40)) {
      for (const rle of frame) {
        const mask = decodeCocoRle(rle);
        const [h, w] = rle.size;
        let x1 = w,
          y1 = h,
          x2 = -1,
          y2 = -1;
        for (let v = 0; v < h; v++)
          for (let u = 0; u < w; u++) {
            if (!mask[v * w + u]) continue;
            if (u < x1) x1 = u;
            if (u > x2) x2 = u;
            if (v < y1) y1 = v;
            if (v > y2) y2 = v;
          }
        expect(cocoRleBounds(rle)).toEqual(x2 < 0 ? undefined : [x1, y1, x2, y2]);
        const bounds: number[] = [];
        paintCocoRle(rle, new Uint16Array(h * w), 1, bounds);
        expect(bounds).toEqual(x2 < 0 ? [] : [x1, y1, x2, y2]);
      }
    }
  });

  it('is column-major: a mask decoded as row-major runs would be a different shape', () => {
    // The largest object (index 1) is a compact blob; its row-major bitmap must have a bounding box
    // whose area is within a small factor of its pixel area, which fails for the transposed reading.
    const rle = annotation.masklet[0]![1]!;
    const mask = decodeCocoRle(rle);
    const [h, w] = rle.size;
    let top = h,
      bottom = -1,
      left = w,
      right = -1,
      area = 0;
    for (let v = 0; v < h; v++)
      for (let u = 0; u < w; u++) {
        if (!mask[v * w + u]) continue;
        area++;
        top = Math.min(top, v);
        bottom = Math.max(bottom, v);
        left = Math.min(left, u);
        right = Math.max(right, u);
      }
    expect(area / ((bottom - top + 1) * (right - left + 1))).toBeGreaterThan(0.3);
  });
});
