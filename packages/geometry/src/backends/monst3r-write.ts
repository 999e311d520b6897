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
import type { Scene4D } from '../reconstruction/types';
import { writeNpy } from './npy-write';

/**
 * Writes `scene` into `folder` (created when absent; existing files of the same names are replaced).
 * Not atomic on its own: write into a temporary folder and rename it when complete.
 * @throws {@link InvalidArgumentError} for `scene`: has no frames
 */
export async function writeMonst3rOutput(folder: string, scene: Scene4D): Promise<void> {
  if (scene.frames.length === 0) throw new InvalidArgumentError({ argument: 'scene', message: 'has no frames' });
  await mkdir(folder, { recursive: true });
  const traj: string[] = [];
  const intrinsics: string[] = [];
  for (const [index, frame] of scene.frames.entries()) {
    const { rotation, translation } = se3ToPose(frame.worldFromCamera);
    traj.push([index, ...translation, ...rotation].join(' '));
    const k = frame.intrinsics;
    intrinsics.push([k.fx, 0, k.cx, 0, k.fy, k.cy, 0, 0, 1].join(' '));
    await writeNpy(join(folder, `frame_${String(index).padStart(4, '0')}.npy`), Float32Array.from(frame.depth), [
      scene.height,
      scene.width,
    ]);
    const logConfidence = new Float32Array(frame.confidence.length);
    for (let i = 0; i < logConfidence.length; i++) logConfidence[i] = Math.log(frame.confidence[i]!);
    await writeNpy(join(folder, `conf_${index}.npy`), logConfidence, [scene.height, scene.width]);
  }
  await writeFile(join(folder, 'pred_intrinsics.txt'), `${intrinsics.join('\n')}\n`);
  await writeFile(join(folder, 'pred_traj.txt'), `${traj.join('\n')}\n`);
}
