/**
 * Metric depth maps of a video from a folder of `.npy` files, one per frame,
 * named like MonST3R's depth files (`frame_%04d.npy`): float32/float64
 * metres, `H × W` (leading dimensions of size 1 are squeezed, so a saved
 * `1×1×H×W` Metric3D output works). Maps at another resolution than the
 * reconstruction (e.g. Metric3D run on the full video frames) are resampled
 * bilinearly to it with `resizeFloatMap`. Missing or non-finite values are
 * passed through as 0 (ignored by `canonicalizeScale`).
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetFormatError } from '@stkit/core';
import { readNpy, resizeFloatMap } from '@stkit/geometry';

/** Options of {@link readMetricDepths}. */
export interface ReadMetricDepthsOptions {
  readonly folder: string;
  readonly frameCount: number;
  /** Resolution of the reconstruction the maps are used with. */
  readonly width: number;
  readonly height: number;
  readonly signal?: AbortSignal;
}

/** The file name of frame `index`. */
export const metricDepthFileName = (index: number): string => `frame_${String(index).padStart(4, '0')}.npy`;

/** Reads one metric depth map per frame, at the reconstruction's resolution. */
export async function readMetricDepths(options: ReadMetricDepthsOptions): Promise<Float32Array[]> {
  const { folder, frameCount, width, height, signal } = options;
  const maps: Float32Array[] = [];
  for (let index = 0; index < frameCount; index++) {
    const file = join(folder, metricDepthFileName(index));
    if (!(await access(file).then(() => true, () => false))) {
      throw new DatasetFormatError({ file, reason: `missing (the reconstruction has ${frameCount} frames)` });
    }
    const array = await readNpy(file, signal ? { signal } : {});
    const shape = array.shape.filter((dimension, axis) => !(dimension === 1 && axis < array.shape.length - 2));
    if (shape.length !== 2) throw new DatasetFormatError({ file, field: 'shape', reason: `expected an H×W map, found shape (${array.shape.join(', ')})` });
    if (!(array.data instanceof Float32Array || array.data instanceof Float64Array)) {
      throw new DatasetFormatError({ file, field: 'descr', reason: `expected float32 or float64 metres, found '${array.descr}'` });
    }
    const [sourceHeight, sourceWidth] = shape as [number, number];
    const source = Float32Array.from(array.data, (value) => (Number.isFinite(value) && value > 0 ? value : 0));
    maps.push(sourceWidth === width && sourceHeight === height ? source : resizeFloatMap({ source, sourceWidth, width, height }));
  }
  return maps;
}
