/**
 * COCO run-length encoding (RLE) of binary masks, as pycocotools writes it:
 * runs alternate 0s and 1s starting with 0s, over the mask in **column-major**
 * (Fortran) order; `counts` is either the plain list of run lengths or the
 * compressed string (LEB128-like, 5 bits per character offset by 48, runs
 * after the second stored as the difference to the run two before).
 */
import { InvalidArgumentError } from '@stkit/core';

/** A COCO RLE mask: `size = [height, width]`, `counts` plain or compressed. */
export interface CocoRle {
  /** `[height, width]` in pixels. */
  readonly size: readonly [number, number] | readonly number[];
  /** Run lengths (plain form) or the compressed string form. */
  readonly counts: readonly number[] | string;
}

/** Decodes the compressed `counts` string into run lengths (pycocotools `rleFrString`). */
export function decodeCocoRleCounts(counts: string): number[] {
  const runs: number[] = [];
  let position = 0;
  while (position < counts.length) {
    let value = 0, shift = 0, more = true, c = 0;
    while (more) {
      if (position >= counts.length) {
        throw new InvalidArgumentError({ argument: 'counts', value: counts.length, message: `truncated RLE string at character ${position}` });
      }
      c = counts.charCodeAt(position) - 48;
      if (c < 0 || c > 63) throw new InvalidArgumentError({ argument: 'counts', value: counts[position], message: `invalid RLE character at ${position}` });
      value |= (c & 0x1f) << (5 * shift);
      more = (c & 0x20) !== 0;
      position++;
      shift++;
    }
    // Sign-extend from the last group's bit 4.
    if (c & 0x10) value |= -1 << (5 * shift);
    if (runs.length > 2) value += runs[runs.length - 2]!;
    runs.push(value);
  }
  return runs;
}

/**
 * Decodes a COCO RLE into a row-major `height × width` bitmap (1 = inside).
 * Throws `InvalidArgumentError` when the runs do not sum to `height·width` or a run is negative.
 */
export function decodeCocoRle(rle: CocoRle, out?: Uint8Array): Uint8Array {
  const height = rle.size[0]!, width = rle.size[1]!;
  if (!(Number.isInteger(height) && Number.isInteger(width) && height >= 0 && width >= 0)) {
    throw new InvalidArgumentError({ argument: 'size', value: rle.size, message: 'must be [height, width] non-negative integers' });
  }
  const runs = typeof rle.counts === 'string' ? decodeCocoRleCounts(rle.counts) : rle.counts;
  const total = height * width;
  const mask = out ?? new Uint8Array(total);
  if (mask.length !== total) throw new InvalidArgumentError({ argument: 'out', value: mask.length, message: `must hold ${total} values` });
  mask.fill(0);
  let k = 0; // column-major position
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    if (!(Number.isInteger(run) && run >= 0) || k + run > total) {
      throw new InvalidArgumentError({ argument: 'counts', value: run, message: `run ${r} is negative or overflows the ${height}×${width} mask` });
    }
    if (r & 1) {
      // Column-major index k ↔ (row k % height, column ⌊k / height⌋) → row-major.
      for (let end = k + run; k < end; k++) mask[(k % height) * width + ((k / height) | 0)] = 1;
    } else k += run;
  }
  if (k !== total) throw new InvalidArgumentError({ argument: 'counts', value: k, message: `runs sum to ${k}, expected ${total} (= ${height}×${width})` });
  return mask;
}

/** Number of foreground pixels of a COCO RLE, without decoding to a bitmap. */
export function cocoRleArea(rle: CocoRle): number {
  const runs = typeof rle.counts === 'string' ? decodeCocoRleCounts(rle.counts) : rle.counts;
  let area = 0;
  for (let r = 1; r < runs.length; r += 2) area += runs[r]!;
  return area;
}
