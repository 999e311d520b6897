/**
 * COCO run-length encoding (RLE) of binary masks, as pycocotools writes it:
 * runs alternate 0s and 1s starting with 0s, over the mask in **column-major**
 * (Fortran) order; `counts` is either the plain list of run lengths or the
 * compressed string (LEB128-like, 5 bits per character offset by 48, runs
 * after the second stored as the difference to the run two before).
 *
 * Bitmaps and instance-id maps on the STKit side are **row-major**
 * (`index = row·width + column`); the codec converts between the two orders.
 */
import { InvalidArgumentError } from '../errors';

/** A COCO RLE mask: `size = [height, width]`, `counts` plain or compressed. */
export interface CocoRle {
  /** `[height, width]` in pixels. */
  readonly size: readonly [number, number] | readonly number[];
  /** Run lengths (plain form) or the compressed string form. */
  readonly counts: readonly number[] | string;
}

/**
 * Decodes the compressed `counts` string into run lengths (pycocotools `rleFrString`).
 * @throws {@link InvalidArgumentError} for `counts`: truncated RLE string at character …
 * @throws {@link InvalidArgumentError} for `counts`: invalid RLE character at …
 */
export function decodeCocoRleCounts(counts: string): number[] {
  const runs: number[] = [];
  let position = 0;
  while (position < counts.length) {
    let value = 0,
      shift = 0,
      more = true,
      c = 0;
    while (more) {
      if (position >= counts.length) {
        throw new InvalidArgumentError({
          argument: 'counts',
          value: counts.length,
          message: `truncated RLE string at character ${position}`,
        });
      }
      c = counts.charCodeAt(position) - 48;
      if (c < 0 || c > 63)
        throw new InvalidArgumentError({
          argument: 'counts',
          value: counts[position],
          message: `invalid RLE character at ${position}`,
        });
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
 * Encodes run lengths into the compressed `counts` string (pycocotools `rleToString`).
 * @param runs - alternating background/foreground run lengths, column-major, starting with background.
 */
export function encodeCocoRleCounts(runs: readonly number[]): string {
  let out = '';
  for (let i = 0; i < runs.length; i++) {
    let x = runs[i]!;
    if (i > 2) x -= runs[i - 2]!;
    let more = true;
    while (more) {
      let c = x & 0x1f;
      x >>= 5; // arithmetic shift keeps the sign, as pycocotools does
      more = (c & 0x10) !== 0 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      out += String.fromCharCode(c + 48);
    }
  }
  return out;
}

function checkedSize(rle: CocoRle): [number, number] {
  const height = rle.size[0],
    width = rle.size[1];
  if (rle.size.length !== 2 || !Number.isInteger(height) || !Number.isInteger(width) || height! < 0 || width! < 0) {
    throw new InvalidArgumentError({
      argument: 'size',
      value: rle.size,
      message: 'must be [height, width] non-negative integers',
    });
  }
  return [height!, width!];
}

/**
 * The runs of `rle` after checking them: non-negative integers summing to
 * exactly `height·width`; throws `InvalidArgumentError` otherwise, before any
 * caller writes a pixel.
 */
function validatedRuns(rle: CocoRle): { runs: readonly number[]; height: number; width: number } {
  const [height, width] = checkedSize(rle);
  const runs = typeof rle.counts === 'string' ? decodeCocoRleCounts(rle.counts) : rle.counts;
  const total = height * width;
  let sum = 0;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    if (!(Number.isInteger(run) && run >= 0) || sum + run > total) {
      throw new InvalidArgumentError({
        argument: 'counts',
        value: run,
        message: `run ${r} is negative or overflows the ${height}×${width} mask`,
      });
    }
    sum += run;
  }
  if (sum !== total)
    throw new InvalidArgumentError({
      argument: 'counts',
      value: sum,
      message: `runs sum to ${sum}, expected ${total} (= ${height}×${width})`,
    });
  return { runs, height, width };
}

/**
 * Writes `value` at the row-major position of every foreground pixel of
 * validated runs. Hot loop: column-major index k ↔ (row k % height, column
 * ⌊k / height⌋) is walked incrementally (no division per pixel), no closure.
 */
function fillRuns(
  runs: readonly number[],
  height: number,
  width: number,
  target: Uint8Array | Uint16Array | Uint32Array,
  value: number,
  bounds?: number[],
): number {
  let k = 0,
    painted = 0;
  let x1 = Infinity,
    y1 = Infinity,
    x2 = -1,
    y2 = -1;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    if ((r & 1) === 0 || run === 0) {
      k += run;
      continue;
    }
    let column = (k / height) | 0;
    let row = k - column * height;
    if (bounds) {
      // Extent of this run: columns c0…c1; within one column rows r0…r1, across columns the top
      // of the next column and the bottom of the first are reached.
      const last = k + run - 1,
        c1 = (last / height) | 0,
        r1 = last - c1 * height;
      if (column < x1) x1 = column;
      if (c1 > x2) x2 = c1;
      const top = c1 > column ? 0 : row,
        bottom = c1 > column ? height - 1 : r1;
      if (top < y1) y1 = top;
      if (bottom > y2) y2 = bottom;
    }
    let index = row * width + column;
    for (let left = run; left > 0; left--) {
      target[index] = value;
      if (++row === height) {
        row = 0;
        column++;
        index = column;
      } else index += width;
    }
    k += run;
    painted += run;
  }
  if (bounds) {
    bounds.length = 0;
    if (x2 >= 0) bounds.push(x1, y1, x2, y2);
  }
  return painted;
}

/**
 * Decodes a COCO RLE into a row-major `height × width` bitmap (1 = inside).
 * Throws `InvalidArgumentError` when the runs do not sum to `height·width` or a run is negative.
 */
export function decodeCocoRle(rle: CocoRle, out?: Uint8Array): Uint8Array {
  const [height, width] = checkedSize(rle);
  const total = height * width;
  const mask = out ?? new Uint8Array(total);
  if (mask.length !== total)
    throw new InvalidArgumentError({ argument: 'out', value: mask.length, message: `must hold ${total} values` });
  const { runs } = validatedRuns(rle);
  mask.fill(0);
  fillRuns(runs, height, width, mask, 1);
  return mask;
}

/**
 * Writes `value` into the row-major instance-id map `idMap` at every
 * foreground pixel of `rle` (pixels already set are overwritten: the last
 * mask painted wins). The runs are validated before any pixel is written.
 * Returns the number of pixels painted; when `bounds` is given it receives
 * the mask's inclusive box `[x1, y1, x2, y2]` (emptied for an empty mask), so
 * one decode gives both (see {@link cocoRleBounds}).
 * @throws {@link InvalidArgumentError} for `idMap`: must hold … values for a …×… mask
 */
export function paintCocoRle(
  rle: CocoRle,
  idMap: Uint16Array | Uint8Array | Uint32Array,
  value: number,
  bounds?: number[],
): number {
  const [height, width] = checkedSize(rle);
  if (idMap.length !== height * width) {
    throw new InvalidArgumentError({
      argument: 'idMap',
      value: idMap.length,
      message: `must hold ${height * width} values for a ${height}×${width} mask`,
    });
  }
  const { runs } = validatedRuns(rle);
  return fillRuns(runs, height, width, idMap, value, bounds);
}

/**
 * Number of foreground pixels of a COCO RLE, without decoding to a bitmap.
 * @returns the pixel count.
 */
export function cocoRleArea(rle: CocoRle): number {
  const runs = typeof rle.counts === 'string' ? decodeCocoRleCounts(rle.counts) : rle.counts;
  let area = 0;
  for (let r = 1; r < runs.length; r += 2) area += runs[r]!;
  return area;
}

/**
 * Bounding box `[x1, y1, x2, y2]` of the foreground of a COCO RLE, inclusive
 * (x2/y2 = last foreground column/row), computed from the runs without
 * decoding; `undefined` for an empty mask.
 * @returns `[x1, y1, x2, y2]` in pixels, or `undefined`.
 */
export function cocoRleBounds(rle: CocoRle): [number, number, number, number] | undefined {
  const { runs, height } = validatedRuns(rle);
  let x1 = Infinity,
    y1 = Infinity,
    x2 = -1,
    y2 = -1;
  let k = 0;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    if ((r & 1) === 0 || run === 0) {
      k += run;
      continue;
    }
    const first = k,
      last = k + run - 1;
    const c0 = (first / height) | 0,
      c1 = (last / height) | 0;
    const r0 = first - c0 * height,
      r1 = last - c1 * height;
    if (c0 < x1) x1 = c0;
    if (c1 > x2) x2 = c1;
    // Within one column the run covers rows r0..r1; across columns it reaches the top (row 0) of the
    // next column and the bottom (row height − 1) of the first.
    const top = c1 > c0 ? 0 : r0,
      bottom = c1 > c0 ? height - 1 : r1;
    if (top < y1) y1 = top;
    if (bottom > y2) y2 = bottom;
    k += run;
  }
  return x2 < 0 ? undefined : [x1, y1, x2, y2];
}

/** Options of {@link encodeCocoRle} and {@link encodeIdMapCocoRle}. */
export interface EncodeCocoRleOptions {
  /** Emit the compressed string form of `counts` (as pycocotools `encode` does) instead of the plain list. @default true */
  readonly compressed?: boolean;
}

/**
 * Encodes a row-major `height × width` bitmap (non-zero = inside) as COCO RLE.
 * @throws {@link InvalidArgumentError} for `size`: must be non-negative integers
 * @throws {@link InvalidArgumentError} for `mask`: must hold … values
 */
export function encodeCocoRle(
  mask: ArrayLike<number>,
  height: number,
  width: number,
  options: EncodeCocoRleOptions = {},
): CocoRle {
  if (!(Number.isInteger(height) && Number.isInteger(width) && height >= 0 && width >= 0)) {
    throw new InvalidArgumentError({
      argument: 'size',
      value: [height, width],
      message: 'must be non-negative integers',
    });
  }
  if (mask.length !== height * width)
    throw new InvalidArgumentError({
      argument: 'mask',
      value: mask.length,
      message: `must hold ${height * width} values`,
    });
  const runs: number[] = [];
  let current = 0,
    run = 0;
  for (let column = 0; column < width; column++) {
    for (let index = column, end = column + height * width; index < end; index += width) {
      const bit = mask[index] !== 0 ? 1 : 0;
      if (bit !== current) {
        runs.push(run);
        run = 0;
        current = bit;
      }
      run++;
    }
  }
  runs.push(run);
  return { size: [height, width], counts: options.compressed === false ? runs : encodeCocoRleCounts(runs) };
}

/**
 * Encodes every non-zero id of a row-major instance-id map as its own COCO
 * RLE, in one column-major pass over the map (no per-instance bitmap).
 * Returns the masks by id, in increasing id order.
 * @param height - rows of the map.
 * @param width - columns of the map.
 * @throws {@link InvalidArgumentError} for `idMap`: must hold … values
 */
export function encodeIdMapCocoRle(
  idMap: ArrayLike<number>,
  height: number,
  width: number,
  options: EncodeCocoRleOptions = {},
): Map<number, CocoRle> {
  if (idMap.length !== height * width)
    throw new InvalidArgumentError({
      argument: 'idMap',
      value: idMap.length,
      message: `must hold ${height * width} values`,
    });
  // Per id: the runs so far and the column-major position where its current state began.
  const runsById = new Map<number, number[]>();
  const lastEnd = new Map<number, number>(); // position just past the id's last foreground run
  const runStart = new Map<number, number>(); // start of the id's open foreground run
  let k = 0;
  let previous = 0;
  for (let column = 0; column < width; column++) {
    for (let index = column, end = column + height * width; index < end; index += width, k++) {
      const id = idMap[index]!;
      if (id === previous) continue;
      if (previous !== 0) {
        // close previous's foreground run at k
        const start = runStart.get(previous)!;
        runsById.get(previous)!.push(start - (lastEnd.get(previous) ?? 0), k - start);
        lastEnd.set(previous, k);
      }
      if (id !== 0) {
        if (!runsById.has(id)) runsById.set(id, []);
        runStart.set(id, k);
      }
      previous = id;
    }
  }
  if (previous !== 0) {
    const start = runStart.get(previous)!;
    runsById.get(previous)!.push(start - (lastEnd.get(previous) ?? 0), k - start);
    lastEnd.set(previous, k);
  }
  const total = height * width;
  const result = new Map<number, CocoRle>();
  for (const id of [...runsById.keys()].sort((a, b) => a - b)) {
    const runs = runsById.get(id)!;
    const tail = total - lastEnd.get(id)!;
    if (tail > 0) runs.push(tail);
    result.set(id, { size: [height, width], counts: options.compressed === false ? runs : encodeCocoRleCounts(runs) });
  }
  return result;
}
