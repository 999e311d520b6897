/**
 * Frames with the visual prompt for the ground-truth pipeline: each sample
 * gets its own folder, because each sample colours its objects differently —
 * `OUT/frames/<clipId>/<sampleKey>/<k>.jpg`, where `sampleKey` is the first
 * 12 hex digits of the SHA-1 of the sample id (ids contain `:`, which some
 * file systems reject). Only the frames the sample shows are drawn, only its
 * objects' boxes. Drawing uses `@stkit/datasets/frames` (sharp, loaded on
 * first use).
 */
import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import { InvalidArgumentError } from '@stkit/core';
import { colorByName } from '@stkit/templates';
import type { FrameRenderer } from './gt';

/** Options of {@link createFrameRenderer}. */
export interface FrameRendererOptions {
  /** Dataset root against which relative image paths are resolved. */
  datasetRoot: string;
  /** Box outline width, pixels. @default 3 */
  lineWidth?: number;
  /** Receives non-fatal warnings. */
  onWarning?: (message: string) => void;
}

/** A folder-safe form of a clip id. */
export function safeFolderName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Creates the renderer `generateGt` calls for every sample. */
export function createFrameRenderer(options: FrameRendererOptions): FrameRenderer {
  return async ({ clip, sample, outDir }) => {
    const indices: number[] = [];
    let withImage = 0;
    for (const time of sample.frameTimes) {
      const index = clip.frames.findIndex((frame) => Math.abs(frame.t - time) < 1e-6);
      if (index === -1)
        throw new InvalidArgumentError({
          argument: 'sample.frameTimes',
          value: time,
          message: `no frame at ${time} s in clip '${clip.id}'`,
        });
      indices.push(index);
      if (clip.frames[index]!.image !== undefined) withImage++;
    }
    if (withImage === 0) return undefined;
    const colors = new Map<string, readonly [number, number, number]>();
    for (const object of sample.objects) {
      const color = colorByName(object.color);
      if (color === undefined)
        throw new InvalidArgumentError({
          argument: 'sample.objects.color',
          value: object.color,
          message: 'not a palette colour',
        });
      colors.set(object.trackId, color.rgb);
    }
    const { writeClipFrames } = await import('@stkit/datasets/frames');
    const key = createHash('sha1').update(sample.id).digest('hex').slice(0, 12);
    const result = await writeClipFrames({
      clip,
      root: options.datasetRoot,
      outDir,
      folder: `${safeFolderName(clip.id)}/${key}`,
      frameIndices: indices,
      colors,
      lineWidth: options.lineWidth,
    });
    const paths: string[] = [];
    for (const index of indices) {
      const file = result.files[index];
      if (file !== undefined) paths.push(relative(outDir, file));
    }
    if (paths.length < indices.length) {
      // `Sample.frames` lines up with `frameTimes`; a partial list would not.
      options.onWarning?.(
        `clip ${clip.id}: ${indices.length - paths.length} of ${indices.length} frames have no image; sample ${sample.id} gets no frame list`,
      );
      return undefined;
    }
    return paths;
  };
}
