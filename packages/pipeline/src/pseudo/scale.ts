/**
 * Canonical scale ([definitions §3](docs/pages/definitions.md#pseudo-labels)) of a reconstruction read frame by frame: one
 * factor `median(metric / reconstructed)` over confident (≥ the frame's median
 * confidence), static pixels (no object in the id map) on a stride-2 grid, as
 * `canonicalizeScale` of `@stkit/geometry` computes it for a scene in memory.
 */
import { DatasetFormatError, type MaskFrame } from '@stkit/core';
import { readMetricDepthFrame, type Monst3rStream } from '@stkit/geometry';

/** Result of {@link streamCanonicalScale}. */
export interface StreamScaleResult {
  /** Metres per reconstruction unit. */
  scale: number;
  pixelCount: number;
  /** Median absolute deviation of the ratios over their median. */
  relativeMad: number;
}

function medianOf(values: Float32Array): number {
  const sorted = values.sort();
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** Streams every frame once: depth, confidence, metric depth and id map. */
export async function streamCanonicalScale(options: {
  reconstruction: Monst3rStream;
  metricDepthDir: string;
  masks: AsyncIterable<MaskFrame>;
  masksFile: (index: number) => string;
  signal?: AbortSignal;
}): Promise<StreamScaleResult> {
  const { reconstruction: scene, signal } = options;
  const { width: W, height: H } = scene;
  const chunks: Float32Array[] = [];
  let total = 0;
  const iterator = options.masks[Symbol.asyncIterator]();
  for (let k = 0; k < scene.cameras.length; k++) {
    signal?.throwIfAborted();
    const next = await iterator.next();
    if (next.done)
      throw new DatasetFormatError({
        file: options.masksFile(k),
        row: k,
        reason: `missing: the masks end after ${k} frames, the reconstruction has ${scene.cameras.length}`,
      });
    const mask = next.value;
    if (mask.frameIndex !== k)
      throw new DatasetFormatError({
        file: options.masksFile(k),
        row: k,
        reason: `missing (the next mask frame is ${mask.frameIndex})`,
      });
    const { depth, confidence } = await scene.readFrame(k, signal);
    const metric = await readMetricDepthFrame({
      folder: options.metricDepthDir,
      index: k,
      width: W,
      height: H,
      frameCount: scene.cameras.length,
      ...(signal ? { signal } : {}),
    });
    // The frame's median confidence, from a strided sample (exact enough for a threshold).
    const sample = new Float32Array(Math.ceil(confidence.length / 7));
    for (let i = 0, j = 0; i < confidence.length; i += 7) sample[j++] = confidence[i]!;
    const confidenceMedian = medianOf(sample);
    const ratios = new Float32Array(Math.ceil(W / 2) * Math.ceil(H / 2));
    let count = 0;
    const idMap = mask.idMap;
    for (let v = 0; v < H; v += 2) {
      const row = Math.min(mask.height - 1, Math.floor(((v + 0.5) * mask.height) / H)) * mask.width;
      for (let u = 0; u < W; u += 2) {
        const i = v * W + u,
          d = depth[i]!,
          m = metric[i]!;
        if (!(d > 0) || !(m >= 0.1 && m <= 300) || confidence[i]! < confidenceMedian) continue;
        if (idMap && idMap[row + Math.min(mask.width - 1, Math.floor(((u + 0.5) * mask.width) / W))] !== 0) continue;
        const ratio = m / d;
        if (Number.isFinite(ratio)) ratios[count++] = ratio;
      }
    }
    chunks.push(ratios.slice(0, count));
    total += count;
  }
  if (total === 0)
    throw new DatasetFormatError({
      file: options.metricDepthDir,
      reason: 'no confident, static pixel has both a reconstructed and a metric depth',
    });
  const all = new Float32Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  const scale = medianOf(all);
  for (let i = 0; i < all.length; i++) all[i] = Math.abs(all[i]! - scale);
  return { scale, pixelCount: total, relativeMad: medianOf(all) / scale };
}
