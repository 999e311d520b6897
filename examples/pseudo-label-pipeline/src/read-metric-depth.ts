/**
 * Metric depth maps of a video (Metric3D v2 `frame_%04d.npy`, metres) at the
 * reconstruction's resolution, one per frame, with `readMetricDepthFrame` of
 * `@stkit/geometry` (any resolution with the same aspect ratio, resampled
 * bilinearly; NaN, all-zero maps, another aspect ratio and missing files are
 * `DatasetFormatError`s naming the file).
 */
import { readMetricDepthFrame } from '@stkit/geometry';

/** Options of {@link readMetricDepths}. */
export interface ReadMetricDepthsOptions {
  readonly folder: string;
  readonly frameCount: number;
  /** Resolution of the reconstruction the maps are used with. */
  readonly width: number;
  readonly height: number;
  readonly signal?: AbortSignal;
}

/** Reads one metric depth map per frame, at the reconstruction's resolution. */
export async function readMetricDepths(options: ReadMetricDepthsOptions): Promise<Float32Array[]> {
  const maps: Float32Array[] = [];
  for (let index = 0; index < options.frameCount; index++) {
    maps.push(
      await readMetricDepthFrame({
        folder: options.folder,
        index,
        width: options.width,
        height: options.height,
        frameCount: options.frameCount,
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    );
  }
  return maps;
}
