/**
 * A MonST3R output folder read frame by frame (for videos whose depth maps do
 * not fit in memory at once): {@link openMonst3rOutput} reads the poses and
 * intrinsics and checks that every depth file exists; `readFrame(index)` reads
 * one frame's depth and confidence. Same files and errors as
 * {@link readMonst3rOutput}.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetFormatError } from '@stkit/core';
import { se3FromRotationTranslation, type PinholeIntrinsics } from '../math/index';
import { readMonst3rMap, readRows } from './monst3r-output';

/** Pose and intrinsics of one frame. */
export interface Monst3rCamera {
  readonly intrinsics: PinholeIntrinsics;
  /** Camera-to-world, row-major 4×4, MonST3R units. */
  readonly worldFromCamera: Float64Array;
  readonly rotation: [number, number, number, number];
  readonly translation: [number, number, number];
}

/** An opened MonST3R folder. */
export interface Monst3rStream {
  readonly folder: string;
  readonly width: number;
  readonly height: number;
  readonly cameras: readonly Monst3rCamera[];
  /** Depth (MonST3R units, row-major) and confidence (`exp(log conf)`, 1 without `conf_%d.npy` or with `withConfidence` false) of one frame. */
  readFrame(
    index: number,
    signal?: AbortSignal,
    withConfidence?: boolean,
  ): Promise<{ depth: Float32Array; confidence: Float32Array }>;
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * Opens a MonST3R output folder for frame-by-frame reading.
 * @throws {@link DatasetFormatError} on bad input, naming the file: no poses
 * @throws {@link DatasetFormatError} on bad input, naming the file: … frames of intrinsics for … poses in pred_traj.txt
 * @throws {@link DatasetFormatError} on bad input, naming the file: missing (pred_traj.txt has … frames)
 */
export async function openMonst3rOutput(folder: string): Promise<Monst3rStream> {
  const trajFile = join(folder, 'pred_traj.txt');
  const intrinsicsFile = join(folder, 'pred_intrinsics.txt');
  const traj = await readRows(trajFile, 8, undefined);
  const ks = await readRows(intrinsicsFile, 9, undefined);
  if (traj.length === 0) throw new DatasetFormatError({ file: trajFile, reason: 'no poses' });
  if (ks.length !== traj.length)
    throw new DatasetFormatError({
      file: intrinsicsFile,
      reason: `${ks.length} frames of intrinsics for ${traj.length} poses in pred_traj.txt`,
    });
  for (let index = 0; index < traj.length; index++) {
    const depthFile = join(folder, `frame_${String(index).padStart(4, '0')}.npy`);
    if (!(await exists(depthFile)))
      throw new DatasetFormatError({
        file: depthFile,
        row: index,
        reason: `missing (pred_traj.txt has ${traj.length} frames)`,
      });
  }
  const first = await readMonst3rMap(join(folder, 'frame_0000.npy'), { row: 0, depth: true });
  const size = { width: first.width, height: first.height };
  const cameras = traj.map((row, index): Monst3rCamera => {
    const [, x, y, z, qw, qx, qy, qz] = row as [number, number, number, number, number, number, number, number];
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
        reason: 'focal lengths must be positive (zero intrinsics)',
      });
    const rotation: [number, number, number, number] = [qw, qx, qy, qz];
    const translation: [number, number, number] = [x, y, z];
    return {
      intrinsics: { fx: k[0]!, fy: k[4]!, cx: k[2]!, cy: k[5]!, width: size.width, height: size.height },
      worldFromCamera: se3FromRotationTranslation(new Float64Array(16), rotation, translation),
      rotation,
      translation,
    };
  });
  return {
    folder,
    ...size,
    cameras,
    async readFrame(index, signal, withConfidence = true) {
      const depthFile = join(folder, `frame_${String(index).padStart(4, '0')}.npy`);
      const depth = (await readMonst3rMap(depthFile, { row: index, expected: size, signal, depth: true })).data;
      const confFile = join(folder, `conf_${index}.npy`);
      let confidence: Float32Array;
      if (withConfidence && (await exists(confFile))) {
        const log = (await readMonst3rMap(confFile, { row: index, expected: size, signal, depth: false })).data;
        confidence = new Float32Array(log.length);
        for (let i = 0; i < log.length; i++) confidence[i] = Math.exp(log[i]!);
      } else confidence = new Float32Array(size.width * size.height).fill(1);
      return { depth, confidence };
    },
  };
}
