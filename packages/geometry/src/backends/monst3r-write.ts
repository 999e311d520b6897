/**
 * Writes a {@link Scene4D} as a MonST3R output folder, the files
 * {@link openMonst3rOutput} and {@link readMonst3rOutput} read:
 * `pred_traj.txt` (one line `i x y z qw qx qy qz` per frame, camera-to-world),
 * `pred_intrinsics.txt` (the 3×3 K row-major, nine numbers per line),
 * `frame_%04d.npy` (depth, float32 H×W) and `conf_%d.npy` (log confidence,
 * float32 H×W). Numbers are written with JavaScript's shortest round-trip
 * form (MonST3R's own `np.savetxt` keeps 6 decimals), so reading the folder
 * back gives the scene's depths bit for bit and its poses to rounding.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError } from '@stkit/core';
import { se3ToPose } from '../math/index';
import type { Scene4D, Scene4DFrame } from '../reconstruction/types';
import { writeNpy } from './npy-write';

/** A MonST3R output folder written frame by frame (see {@link createMonst3rWriter}). */
export interface Monst3rWriter {
  /** Writes frame `index`'s depth and confidence files and keeps its pose and intrinsics lines; frames must come in order 0, 1, 2, … */
  writeFrame(index: number, frame: Scene4DFrame): Promise<void>;
  /** Writes `pred_traj.txt` and `pred_intrinsics.txt` (the frames written so far). */
  finish(): Promise<void>;
}

/**
 * Writes a MonST3R output folder one frame at a time (a long video's frames need not be in memory together);
 * the files are byte for byte those {@link writeMonst3rOutput} writes for the same frames.
 * Not atomic on its own: write into a temporary folder and rename it when complete.
 * @param folder - created when absent; existing files of the same names are replaced.
 * @param size - the frames' width and height, pixels.
 * @throws {@link InvalidArgumentError} for `index`: frames must be written in order (from `writeFrame`)
 * @throws {@link InvalidArgumentError} for `scene`: has no frames (from `finish`, when no frame was written)
 */
export function createMonst3rWriter(folder: string, size: { width: number; height: number }): Monst3rWriter {
  const traj: string[] = [];
  const intrinsics: string[] = [];
  let made: Promise<unknown> | undefined;
  return {
    async writeFrame(index, frame) {
      if (index !== traj.length)
        throw new InvalidArgumentError({
          argument: 'index',
          value: index,
          message: `frames must be written in order (the next is ${traj.length})`,
        });
      made ??= mkdir(folder, { recursive: true });
      await made;
      const { rotation, translation } = se3ToPose(frame.worldFromCamera);
      traj.push([index, ...translation, ...rotation].join(' '));
      const k = frame.intrinsics;
      intrinsics.push([k.fx, 0, k.cx, 0, k.fy, k.cy, 0, 0, 1].join(' '));
      await writeNpy(join(folder, `frame_${String(index).padStart(4, '0')}.npy`), Float32Array.from(frame.depth), [
        size.height,
        size.width,
      ]);
      const logConfidence = new Float32Array(frame.confidence.length);
      for (let i = 0; i < logConfidence.length; i++) logConfidence[i] = Math.log(frame.confidence[i]!);
      await writeNpy(join(folder, `conf_${index}.npy`), logConfidence, [size.height, size.width]);
    },
    async finish() {
      if (traj.length === 0) throw new InvalidArgumentError({ argument: 'scene', message: 'has no frames' });
      await writeFile(join(folder, 'pred_intrinsics.txt'), `${intrinsics.join('\n')}\n`);
      await writeFile(join(folder, 'pred_traj.txt'), `${traj.join('\n')}\n`);
    },
  };
}

/**
 * Writes `scene` into `folder` (created when absent; existing files of the same names are replaced).
 * Not atomic on its own: write into a temporary folder and rename it when complete.
 * @throws {@link InvalidArgumentError} for `scene`: has no frames
 */
export async function writeMonst3rOutput(folder: string, scene: Scene4D): Promise<void> {
  if (scene.frames.length === 0) throw new InvalidArgumentError({ argument: 'scene', message: 'has no frames' });
  const writer = createMonst3rWriter(folder, scene);
  for (const [index, frame] of scene.frames.entries()) await writer.writeFrame(index, frame);
  await writer.finish();
}
