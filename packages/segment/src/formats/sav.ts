/**
 * SA-V (SAM 2 video) manual or automatic annotation JSON
 * (`sav_XXXXXX_manual.json`): `masklet[k][o]` is the COCO RLE of object `o`
 * in the k-th annotated frame; annotations are at 6 fps of the 24 fps video,
 * so annotated frame k is video frame `4·k`.
 *
 * Conversion to the contract: one frame per annotated frame, `frameIndex =
 * frameStride·k`; instance id = `masklet_id + 1`; class name `object`; the
 * id map paints the masklets in order, so where masklets overlap the later
 * masklet wins; the box is the extent of the masklet's own mask (before
 * overlap), inclusive; an empty mask (object not visible) is no instance.
 * No scores (SA-V has none): `boxScore`/`textScore` stay unknown.
 */
import { paintCocoRle, type MaskFrame, type MaskInstance } from '@stkit/core';
import { z } from 'zod/v4';
import { frameFormatError } from '../frame-error';
import { firstIssue, readJsonFile } from './read-json-file';

const RleSchema = z.object({
  size: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
  counts: z.union([z.string(), z.array(z.number())]),
});

/** The fields of an SA-V annotation file that the reader uses. */
export const SavAnnotationSchema = z.object({
  video_id: z.string(),
  video_height: z.number().int().positive(),
  video_width: z.number().int().positive(),
  video_frame_count: z.number().optional(),
  masklet: z.array(z.array(RleSchema)),
  masklet_id: z.array(z.number().int().nonnegative()),
});

/** SA-V annotates every 4th frame of its 24 fps videos (6 fps). */
export const SAV_FRAME_STRIDE = 4;
/** Frame rate of the SA-V videos. */
export const SAV_VIDEO_FPS = 24;

/** Options of {@link readSavAnnotation}. */
export interface ReadSavAnnotationOptions {
  /** Video frames per annotated frame. @default 4 */
  readonly frameStride?: number;
  /** Class name of every masklet. @default 'object' */
  readonly className?: string;
}

/** An opened SA-V annotation: its metadata and a frame iterator. */
export interface SavAnnotation {
  readonly videoId: string;
  readonly width: number;
  readonly height: number;
  /** Number of annotated frames. */
  readonly annotatedFrames: number;
  /** Instance ids, in masklet order. */
  readonly instanceIds: readonly number[];
  /** Frames per second of the video. */
  readonly fps: number;
  /**
   * The annotated frames in order; each id map is built when the frame is reached.
   * With `reuseIdMap`, every frame shares one id map buffer, valid until the next frame is
   * requested (for consumers that write each frame out at once, such as the converter:
   * no 800 kB allocation per frame).
   */
  frames(options?: { reuseIdMap?: boolean }): Generator<MaskFrame, void, undefined>;
}

/**
 * Reads an SA-V annotation file (checked on open: sizes, one RLE per masklet per frame, unique ids).
 * @throws {@link DatasetFormatError} naming file, frame and field: a schema violation, duplicate masklet ids, a frame with another number of masks than masklets; while iterating frames, a mask of another size than the video or undecodable RLE.
 */
export async function readSavAnnotation(file: string, options: ReadSavAnnotationOptions = {}): Promise<SavAnnotation> {
  const parsed = SavAnnotationSchema.safeParse(await readJsonFile(file));
  if (!parsed.success) throw frameFormatError({ file, ...fieldOf(parsed.error) }, firstIssue(parsed.error).message);
  const data = parsed.data;
  const stride = options.frameStride ?? SAV_FRAME_STRIDE;
  const className = options.className ?? 'object';
  const { video_height: height, video_width: width } = data;
  const objects = data.masklet_id.length;
  const instanceIds = data.masklet_id.map((id) => id + 1);
  if (new Set(instanceIds).size !== objects)
    throw frameFormatError({ file, field: 'masklet_id' }, 'duplicate masklet ids');
  data.masklet.forEach((frame, k) => {
    if (frame.length !== objects)
      throw frameFormatError(
        { file, frameIndex: k * stride, field: `masklet.${k}` },
        `${frame.length} masks for ${objects} masklets`,
      );
  });
  return {
    videoId: data.video_id,
    width,
    height,
    annotatedFrames: data.masklet.length,
    instanceIds,
    fps: SAV_VIDEO_FPS,
    *frames(frameOptions = {}) {
      const shared = frameOptions.reuseIdMap ? new Uint16Array(width * height) : undefined;
      for (let k = 0; k < data.masklet.length; k++) {
        const frameIndex = k * stride;
        const idMap = shared ? shared.fill(0) : new Uint16Array(width * height);
        const instances: MaskInstance[] = [];
        const masks = data.masklet[k]!;
        for (let o = 0; o < objects; o++) {
          const rle = masks[o]!;
          const place = { file, frameIndex, field: `masklet.${k}.${o}` };
          if (rle.size[0] !== height || rle.size[1] !== width)
            throw frameFormatError(
              place,
              `mask size [${rle.size.join(', ')}] differs from the video ${height}×${width}`,
            );
          // One decode gives the pixels and the box (the masklet's own extent, before overlap).
          const bounds: number[] = [];
          try {
            paintCocoRle(rle, idMap, instanceIds[o]!, bounds);
          } catch (error) {
            throw frameFormatError(place, (error as Error).message, error);
          }
          const box = bounds.length === 4 ? (bounds as [number, number, number, number]) : undefined;
          if (box) instances.push({ instanceId: instanceIds[o]!, box, className });
        }
        yield { frameIndex, width, height, idMap, instances };
      }
    },
  };
}

function fieldOf(error: Parameters<typeof firstIssue>[0]): { field: string } {
  return { field: firstIssue(error).field };
}
