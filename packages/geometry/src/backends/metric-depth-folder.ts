/**
 * Metric depth maps from a folder of `.npy` files, one per frame, named like
 * MonST3R's depth files (`frame_%04d.npy`; Metric3D v2 run by a script):
 * float32/float64 metres, `H × W` (leading dimensions of size 1 are squeezed,
 * so a saved `1×1×H×W` output works), any resolution with the
 * reconstruction's aspect ratio (resampled bilinearly). Bad input is a
 * `DatasetFormatError` naming the file: a missing file, another aspect
 * ratio, a NaN value, a map without one positive depth. Zero or negative
 * values elsewhere are "no depth" (0 in the result), as Metric3D writes on
 * invalid pixels.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetFormatError } from '@stkit/core';
import { readNpy } from './npy';
import { resizeFloatMap } from './resize-float-map';

/** The file name of frame `index` (`frame_%04d.npy`). */
export const metricDepthFileName = (index: number): string => `frame_${String(index).padStart(4, '0')}.npy`;

/** Options of {@link readMetricDepthFrame}. */
export interface ReadMetricDepthFrameOptions {
  readonly folder: string;
  readonly index: number;
  /** Resolution of the reconstruction the map is used with. */
  readonly width: number;
  readonly height: number;
  /** Frames the reconstruction has (for the error message of a missing file). */
  readonly frameCount?: number;
  readonly signal?: AbortSignal;
}

/**
 * Reads frame `index`'s metric depth at the reconstruction's resolution (metres, 0 = no depth).
 * @throws {@link DatasetFormatError} on bad input, naming the file: missing…
 * @throws {@link DatasetFormatError} on bad input, naming the file: expected an H×W map, found shape (…)
 * @throws {@link DatasetFormatError} on bad input, naming the file: expected float32 or float64 metres, found '…'
 * @throws {@link DatasetFormatError} on the other invalid inputs this function checks (the message names the value)
 */
export async function readMetricDepthFrame(options: ReadMetricDepthFrameOptions): Promise<Float32Array> {
  const { folder, index, width, height, signal } = options;
  const file = join(folder, metricDepthFileName(index));
  if (!(await access(file).then(() => true, () => false))) {
    throw new DatasetFormatError({ file, row: index, reason: `missing${options.frameCount !== undefined ? ` (the reconstruction has ${options.frameCount} frames)` : ''}` });
  }
  const array = await readNpy(file, signal ? { signal } : {});
  const shape = array.shape.filter((dimension, axis) => !(dimension === 1 && axis < array.shape.length - 2));
  if (shape.length !== 2) throw new DatasetFormatError({ file, field: 'shape', reason: `expected an H×W map, found shape (${array.shape.join(', ')})` });
  if (!(array.data instanceof Float32Array || array.data instanceof Float64Array)) {
    throw new DatasetFormatError({ file, field: 'descr', reason: `expected float32 or float64 metres, found '${array.descr}'` });
  }
  const [sourceHeight, sourceWidth] = shape as [number, number];
  if (Math.abs(sourceWidth / sourceHeight - width / height) > 0.01 * (width / height)) {
    throw new DatasetFormatError({ file, field: 'shape', reason: `${sourceWidth}×${sourceHeight} has another aspect ratio than the ${width}×${height} reconstruction (it was cropped)` });
  }
  const source = new Float32Array(array.data.length);
  let positive = 0;
  for (let i = 0; i < source.length; i++) {
    const value = array.data[i]!;
    if (Number.isNaN(value)) {
      const u = i % sourceWidth;
      throw new DatasetFormatError({ file, field: `pixel (${u}, ${(i - u) / sourceWidth})`, reason: 'depth is NaN' });
    }
    if (value > 0 && value !== Infinity) { source[i] = value; positive++; }
  }
  if (positive === 0) throw new DatasetFormatError({ file, field: 'values', reason: 'no pixel has a positive depth (all zero)' });
  return sourceWidth === width && sourceHeight === height ? source : resizeFloatMap({ source, sourceWidth, width, height });
}
