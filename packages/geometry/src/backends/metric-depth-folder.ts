/**
 * Metric depth maps from a folder of `.npy` files, one per frame, named like
 * MonST3R's depth files (`frame_%04d.npy`; Metric3D v2 run by a script):
 * float32/float64 metres, `H × W` (leading dimensions of size 1 are squeezed,
 * so a saved `1×1×H×W` output works), any resolution with the
 * reconstruction's aspect ratio (resampled bilinearly). Bad input is a
 * `DatasetFormatError` naming the file: a missing file, a folder or device
 * where it belongs, another aspect ratio, a map without one positive depth,
 * and a pixel (named by row and column) that is NaN, infinite, negative or
 * beyond {@link METRIC_DEPTH_MAX_METRES}. Zero is "no depth" (0 in the
 * result), as Metric3D writes on invalid pixels.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetFormatError } from '@stkit/core';
import { readNpy } from './npy';
import { resizeFloatMap } from './resize-float-map';

/** The file name of frame `index` (`frame_%04d.npy`). */
export const metricDepthFileName = (index: number): string => `frame_${String(index).padStart(4, '0')}.npy`;

/**
 * The largest metric depth accepted, in metres (10 km). Metric3D v2 is trained on depths up to a few hundred metres
 * (its sky and far pixels stay below ~1 km); a value beyond this is a corrupt or non-metric map, not a plausible
 * distance, and would give an absurd scale (the scale fit itself uses 0.1–300 m).
 */
export const METRIC_DEPTH_MAX_METRES = 1e4;

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
  if (
    !(await access(file).then(
      () => true,
      () => false,
    ))
  ) {
    throw new DatasetFormatError({
      file,
      row: index,
      reason: `missing${options.frameCount !== undefined ? ` (the reconstruction has ${options.frameCount} frames)` : ''}`,
    });
  }
  const array = await readNpy(file, signal ? { signal } : {});
  const shape = array.shape.filter((dimension, axis) => !(dimension === 1 && axis < array.shape.length - 2));
  if (shape.length !== 2)
    throw new DatasetFormatError({
      file,
      field: 'shape',
      reason: `expected an H×W map, found shape (${array.shape.join(', ')})`,
    });
  if (!(array.data instanceof Float32Array || array.data instanceof Float64Array)) {
    throw new DatasetFormatError({
      file,
      field: 'descr',
      reason: `expected float32 or float64 metres, found '${array.descr}'`,
    });
  }
  const [sourceHeight, sourceWidth] = shape as [number, number];
  if (Math.abs(sourceWidth / sourceHeight - width / height) > 0.01 * (width / height)) {
    throw new DatasetFormatError({
      file,
      field: 'shape',
      reason: `${sourceWidth}×${sourceHeight} has another aspect ratio than the ${width}×${height} reconstruction (it was cropped)`,
    });
  }
  const source = new Float32Array(array.data.length);
  let positive = 0;
  for (let i = 0; i < source.length; i++) {
    const value = array.data[i]!;
    if (!(value >= 0 && value <= METRIC_DEPTH_MAX_METRES)) {
      const column = i % sourceWidth;
      const what = Number.isNaN(value)
        ? 'NaN'
        : !Number.isFinite(value)
          ? `${value}`
          : value < 0
            ? `negative (${value} m)`
            : `${value} m, beyond the ${METRIC_DEPTH_MAX_METRES} m a metric depth can be`;
      throw new DatasetFormatError({
        file,
        field: `pixel (row ${(i - column) / sourceWidth}, column ${column})`,
        reason: `depth is ${what}`,
      });
    }
    if (value > 0) {
      source[i] = value;
      positive++;
    }
  }
  if (positive === 0)
    throw new DatasetFormatError({ file, field: 'values', reason: 'no pixel has a positive depth (all zero)' });
  return sourceWidth === width && sourceHeight === height
    ? source
    : resizeFloatMap({ source, sourceWidth, width, height });
}
