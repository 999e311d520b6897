/**
 * Reader of a MonST3R output folder, as MonST3R's `demo.py` writes it:
 *
 * | file | content |
 * |---|---|
 * | `pred_traj.txt` | one line per frame: `t x y z qw qx qy qz`, camera-to-world, scalar-first quaternion |
 * | `pred_intrinsics.txt` | one line per frame: the 3×3 K row-major (9 values, `%.6f`) |
 * | `frame_%04d.npy` | depth, float32 H×W, arbitrary (non-metric) scale |
 * | `conf_%d.npy` | log confidence, float32 H×W (optional) |
 * | `dynamic_mask_%d.png` | 0/255 mask of moving pixels (optional; read with sharp) |
 *
 * The result has the shape of the reconstruction module's `Scene4D`
 * (`metric: false`; canonicalise its scale with Metric3D before use).
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetFormatError } from '@stkit/core';
import { readRegularFile } from '@stkit/core/node';
import { se3FromRotationTranslation, type PinholeIntrinsics } from '../math/index';
import { readNpy } from './npy';
import { readMaskPng } from './png-mask';

/** One frame of a MonST3R reconstruction. */
export interface Monst3rFrame {
  /** Depth along the camera z axis, MonST3R's scale, row-major H×W. */
  readonly depth: Float32Array;
  /** Model confidence `exp(log conf)` (≥ 1 for DUSt3R-style confidences); all 1 when `conf_%d.npy` is absent. */
  readonly confidence: Float32Array;
  /** Log confidence as stored, or undefined when absent. */
  readonly logConfidence: Float32Array | undefined;
  /** Intrinsics at the depth map's resolution. */
  readonly intrinsics: PinholeIntrinsics;
  /** Camera-to-world, row-major 4×4. */
  readonly worldFromCamera: Float64Array;
  /** The same pose as in the file: rotation `[w, x, y, z]`, translation. */
  readonly pose: {
    readonly rotation: [number, number, number, number];
    readonly translation: [number, number, number];
  };
  /** The `t` column of `pred_traj.txt` (MonST3R writes the frame index). */
  readonly time: number;
  /** 1 = dynamic pixel, row-major H×W, when the mask file exists and masks are read. */
  readonly dynamicMask?: Uint8Array;
}

/** A MonST3R reconstruction read from disk (`Scene4D`-compatible). */
export interface Monst3rScene {
  readonly width: number;
  readonly height: number;
  readonly frames: readonly Monst3rFrame[];
  /** Always false: MonST3R's scale is arbitrary. */
  readonly metric: false;
}

/** Options of {@link readMonst3rOutput}. */
export interface ReadMonst3rOptions {
  /** Read `dynamic_mask_%d.png` files when present (needs sharp). @default true */
  readonly masks?: boolean;
  readonly signal?: AbortSignal;
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/** Rows of numbers of a MonST3R text file (`pred_traj.txt`, `pred_intrinsics.txt`); errors name the file, line and column. */
export async function readRows(file: string, columns: number, signal: AbortSignal | undefined): Promise<number[][]> {
  // Regular files only (a folder or `/dev/zero` here is a DatasetFormatError naming the file, never a hang).
  const text = (await readRegularFile(file, signal ? { signal } : {})).toString('utf8');
  const rows: number[][] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const values = trimmed.split(/[\s,]+/).map(Number);
    if (values.length !== columns)
      throw new DatasetFormatError({
        file,
        row: index + 1,
        reason: `expected ${columns} numbers, found ${values.length}`,
      });
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0)
      throw new DatasetFormatError({
        file,
        row: index + 1,
        field: `column ${bad + 1}`,
        reason: `'${trimmed.split(/[\s,]+/)[bad]}' is not a finite number`,
      });
    rows.push(values);
  });
  return rows;
}

/**
 * One H×W float map of a MonST3R folder (`frame_%04d.npy` depth, `conf_%d.npy` log confidence), shape checked against
 * `expected`; with `depth`, every value must be finite. Errors name the file (and `row`, the frame index, when given).
 */
export async function readMonst3rMap(
  file: string,
  options: {
    signal?: AbortSignal | undefined;
    expected?: { width: number; height: number } | undefined;
    row?: number;
    depth: boolean;
  },
): Promise<{ data: Float32Array; width: number; height: number }> {
  const { signal, expected, row } = options;
  const array = await readNpy(file, signal ? { signal } : {});
  if (array.shape.length !== 2)
    throw new DatasetFormatError({
      file,
      row,
      field: 'shape',
      reason: `expected a 2-D H×W array, found shape (${array.shape.join(', ')})`,
    });
  const [height, width] = array.shape as [number, number];
  if (expected && (width !== expected.width || height !== expected.height)) {
    throw new DatasetFormatError({
      file,
      row,
      field: 'shape',
      reason: `expected ${expected.height}×${expected.width} like frame_0000.npy, found ${height}×${width}`,
    });
  }
  if (!(array.data instanceof Float32Array || array.data instanceof Float64Array))
    throw new DatasetFormatError({
      file,
      field: 'descr',
      reason: `expected float32 or float64, found '${array.descr}'`,
    });
  const data = array.data instanceof Float32Array ? array.data : Float32Array.from(array.data);
  // Depth must be finite; zero or negative depth is an invalid pixel MonST3R may write (the scale fit skips it).
  if (options.depth) {
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i]!)) {
        const column = i % width;
        throw new DatasetFormatError({
          file,
          field: `pixel (row ${(i - column) / width}, column ${column})`,
          reason: `depth is ${data[i]} (not a finite number)`,
        });
      }
    }
  }
  return { data, width, height };
}

/**
 * Reads a MonST3R output folder; errors name the file, line and column.
 * @throws {@link DatasetFormatError} on bad input, naming the file: no poses
 * @throws {@link DatasetFormatError} on bad input, naming the file: … frames of intrinsics for … poses in pred_traj.txt
 * @throws {@link DatasetFormatError} on bad input, naming the file: missing (pred_traj.txt has … frames)
 * @throws {@link DatasetFormatError} on the other invalid inputs this function checks (the message names the value)
 */
export async function readMonst3rOutput(folder: string, options: ReadMonst3rOptions = {}): Promise<Monst3rScene> {
  const { signal } = options;
  const trajFile = join(folder, 'pred_traj.txt');
  const intrinsicsFile = join(folder, 'pred_intrinsics.txt');
  const traj = await readRows(trajFile, 8, signal);
  const ks = await readRows(intrinsicsFile, 9, signal);
  if (traj.length === 0) throw new DatasetFormatError({ file: trajFile, reason: 'no poses' });
  if (ks.length !== traj.length)
    throw new DatasetFormatError({
      file: intrinsicsFile,
      reason: `${ks.length} frames of intrinsics for ${traj.length} poses in pred_traj.txt`,
    });
  const frames: Monst3rFrame[] = [];
  let size: { width: number; height: number } | undefined;
  for (let index = 0; index < traj.length; index++) {
    signal?.throwIfAborted();
    const depthFile = join(folder, `frame_${String(index).padStart(4, '0')}.npy`);
    if (!(await exists(depthFile)))
      throw new DatasetFormatError({ file: depthFile, reason: `missing (pred_traj.txt has ${traj.length} frames)` });
    const depth = await readMonst3rMap(depthFile, { signal, expected: size, depth: true });
    size ??= { width: depth.width, height: depth.height };
    const confFile = join(folder, `conf_${index}.npy`);
    const logConfidence = (await exists(confFile))
      ? (await readMonst3rMap(confFile, { signal, expected: size, depth: false })).data
      : undefined;
    const confidence = logConfidence
      ? Float32Array.from(logConfidence, Math.exp)
      : new Float32Array(size.width * size.height).fill(1);
    let dynamicMask: Uint8Array | undefined;
    const maskFile = join(folder, `dynamic_mask_${index}.png`);
    if ((options.masks ?? true) && (await exists(maskFile))) {
      const mask = await readMaskPng(maskFile);
      if (mask.width !== size.width || mask.height !== size.height)
        throw new DatasetFormatError({
          file: maskFile,
          reason: `mask is ${mask.height}×${mask.width}, depth is ${size.height}×${size.width}`,
        });
      dynamicMask = mask.data;
    }
    const [t, x, y, z, qw, qx, qy, qz] = traj[index] as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (Math.abs(Math.hypot(qw, qx, qy, qz) - 1) > 1e-3)
      throw new DatasetFormatError({
        file: trajFile,
        row: index + 1,
        field: 'qw qx qy qz',
        reason: 'quaternion is not unit length',
      });
    const k = ks[index]!;
    if (!(k[0]! > 0 && k[4]! > 0))
      throw new DatasetFormatError({
        file: intrinsicsFile,
        row: index + 1,
        field: 'fx fy',
        reason: 'focal lengths must be positive',
      });
    const rotation: [number, number, number, number] = [qw, qx, qy, qz];
    const translation: [number, number, number] = [x, y, z];
    frames.push({
      depth: depth.data,
      confidence,
      logConfidence,
      intrinsics: { fx: k[0]!, fy: k[4]!, cx: k[2]!, cy: k[5]!, width: size.width, height: size.height },
      worldFromCamera: se3FromRotationTranslation(new Float64Array(16), rotation, translation),
      pose: { rotation, translation },
      time: t,
      ...(dynamicMask ? { dynamicMask } : {}),
    });
  }
  return { width: size!.width, height: size!.height, frames, metric: false };
}
