/**
 * COCO RLE encoding of a binary mask, as `pycocotools.mask.encode` followed by
 * `counts.decode('utf-8')` (what Grounded-SAM-2's demos write): runs over the
 * mask in column-major order starting with a run of 0s, compressed to the
 * LEB128-like string of `rleToString` (5 bits per character + 48, each run
 * after the second stored as the difference to the run two before).
 *
 * `@stkit/geometry` ships only the decoder; the smoke scene needs the encoder
 * to write masks the way Grounded-SAM-2 does.
 */
import type { CocoRle } from '@stkit/geometry';

/** Column-major run lengths of a row-major `height × width` mask (non-zero = inside). */
export function maskRuns(mask: Uint8Array, height: number, width: number): number[] {
  const runs: number[] = [];
  let current = 0; // runs start with background
  let length = 0;
  for (let column = 0; column < width; column++) {
    for (let row = 0; row < height; row++) {
      const value = mask[row * width + column] !== 0 ? 1 : 0;
      if (value !== current) {
        runs.push(length);
        current = value;
        length = 0;
      }
      length++;
    }
  }
  runs.push(length);
  return runs;
}

/** pycocotools `rleToString`. */
export function runsToCocoString(runs: readonly number[]): string {
  let text = '';
  for (let i = 0; i < runs.length; i++) {
    let x = runs[i]!;
    if (i > 2) x -= runs[i - 2]!;
    let more = true;
    while (more) {
      let c = x & 0x1f;
      x >>= 5; // arithmetic shift, like the C code on a signed long
      more = c & 0x10 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      text += String.fromCharCode(c + 48);
    }
  }
  return text;
}

/** Encodes a row-major mask as a compressed COCO RLE. */
export function encodeCocoRle(mask: Uint8Array, height: number, width: number): CocoRle {
  return { size: [height, width], counts: runsToCocoString(maskRuns(mask, height, width)) };
}
