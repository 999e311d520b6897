/**
 * The COCO-RLE JSON of Grounded-SAM-2's image demos, one file per frame:
 *
 * ```
 * {"image_path": "…", "annotations": [{"class_name": "car", "bbox": [x1, y1, x2, y2],
 *   "segmentation": {"size": [H, W], "counts": "…"}, "score": 0.87}], "box_format": "xyxy",
 *   "img_width": W, "img_height": H}
 * ```
 *
 * STKit writes these files as `mask_%05d.json` (the video frame index) and
 * adds, so that a tracking folder round-trips losslessly: `frame_index`,
 * `promote_type`, and per annotation `instance_id`, `box_score`, `text_score`
 * (omitted when unknown), `source_id`. `score` is written as the box score
 * (0 when unknown). Reading a demo file without these fields: the frame index
 * is the last number in the file name (files sorted by it), instance ids are
 * 1, 2, … in annotation order, `score` is the box score (0 = unknown).
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  cocoRleBounds,
  encodeCocoRleCounts,
  encodeIdMapCocoRle,
  MAX_INSTANCE_ID,
  type MaskFrame,
  type MaskInstance,
} from '@stkit/core';
import { z } from 'zod/v4';
import { frameFormatError } from '../frame-error';
import { stageDirectory } from '../staged-directory';
import { gsam2FrameStem } from './gsam2-tracking';
import { firstIssue, readJsonFile } from './read-json-file';

const AnnotationSchema = z.object({
  class_name: z.string(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  segmentation: z
    .object({
      size: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
      counts: z.union([z.string(), z.array(z.number().int().nonnegative())]),
    })
    .optional(),
  score: z.number().nullish(),
  instance_id: z.number().int().min(1).max(MAX_INSTANCE_ID).optional(),
  box_score: z.number().nullish(),
  text_score: z.number().nullish(),
  source_id: z.string().optional(),
});

/** One Grounded-SAM-2 image-demo JSON file (with STKit's optional additions). */
export const Gsam2ImageJsonSchema = z.object({
  image_path: z.string().optional(),
  annotations: z.array(AnnotationSchema),
  box_format: z.literal('xyxy').optional(),
  img_width: z.number().int().positive(),
  img_height: z.number().int().positive(),
  frame_index: z.number().int().nonnegative().optional(),
  promote_type: z.string().optional(),
});

export type Gsam2ImageJson = z.infer<typeof Gsam2ImageJsonSchema>;

const known = (score: number | null | undefined) =>
  score === undefined || score === null || score === 0 ? undefined : score;

/**
 * Converts one parsed image-demo JSON to a frame (per-instance RLE masks, no id map).
 * @param json - the parsed file.
 * @param file - its path, for errors.
 * @param fallbackFrameIndex - the frame index when the JSON has no `frame_index`.
 * @throws {@link DatasetFormatError} naming file, frame and field: a schema violation, a duplicate instance id, an inverted box, a mask size other than the image's, or undecodable RLE counts.
 */
export function gsam2ImageJsonToFrame(json: unknown, file: string, fallbackFrameIndex: number): MaskFrame {
  const parsed = Gsam2ImageJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    throw frameFormatError({ file, frameIndex: fallbackFrameIndex, field: issue.field }, issue.message);
  }
  const data = parsed.data;
  const frameIndex = data.frame_index ?? fallbackFrameIndex;
  const seen = new Set<number>();
  const instances = data.annotations.map((annotation, index): MaskInstance => {
    const place = { file, frameIndex, field: `annotations.${index}` };
    const instanceId = annotation.instance_id ?? index + 1;
    if (seen.has(instanceId))
      throw frameFormatError({ ...place, field: `${place.field}.instance_id` }, `duplicate instance id ${instanceId}`);
    seen.add(instanceId);
    const [x1, y1, x2, y2] = annotation.bbox;
    if (!(x2 >= x1 && y2 >= y1))
      throw frameFormatError(
        { ...place, field: `${place.field}.bbox` },
        `inverted box [${annotation.bbox.join(', ')}]`,
      );
    const size = annotation.segmentation?.size;
    if (size && (size[0] !== data.img_height || size[1] !== data.img_width)) {
      throw frameFormatError(
        { ...place, field: `${place.field}.segmentation.size` },
        `mask size [${size.join(', ')}] differs from img_height × img_width ${data.img_height}×${data.img_width}`,
      );
    }
    if (annotation.segmentation) {
      try {
        cocoRleBounds(annotation.segmentation); // validates the runs (sum = h·w, none negative) without a bitmap
      } catch (error) {
        throw frameFormatError(
          { ...place, field: `${place.field}.segmentation.counts` },
          (error as Error).message,
          error,
        );
      }
    }
    const boxScore = known(annotation.box_score ?? annotation.score),
      textScore = known(annotation.text_score);
    return {
      instanceId,
      box: [x1, y1, x2, y2],
      className: annotation.class_name,
      ...(boxScore !== undefined ? { boxScore } : {}),
      ...(textScore !== undefined ? { textScore } : {}),
      ...(annotation.source_id !== undefined ? { sourceTrackId: annotation.source_id } : {}),
      ...(annotation.segmentation ? { mask: annotation.segmentation } : {}),
    };
  });
  return {
    frameIndex,
    width: data.img_width,
    height: data.img_height,
    instances,
    ...(data.promote_type !== undefined ? { promptType: data.promote_type } : {}),
  };
}

/**
 * Reads a folder of image-demo JSON files (`*.json`) frame by frame, in frame order.
 * @param dir - the folder.
 * @param options - an optional `signal` to stop between frames.
 * @throws {@link DatasetFormatError} when the folder is missing or holds no `.json` file, a file is invalid, or frame indices do not increase.
 */
export async function* readGsam2JsonFolder(
  dir: string,
  options: { signal?: AbortSignal } = {},
): AsyncGenerator<MaskFrame, void, undefined> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    throw frameFormatError({ file: dir }, error.code === 'ENOENT' ? 'folder not found' : error.message, error);
  });
  const files = names
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ name, number: Number(/(\d+)\D*$/.exec(name)?.[1] ?? Number.NaN) }))
    .sort((a, b) =>
      Number.isNaN(a.number) || Number.isNaN(b.number) ? a.name.localeCompare(b.name) : a.number - b.number,
    );
  if (files.length === 0)
    throw frameFormatError({ file: dir }, 'no .json files: not a Grounded-SAM-2 image-demo JSON folder');
  let previous = -1;
  for (const [position, { name, number }] of files.entries()) {
    options.signal?.throwIfAborted();
    const file = join(dir, name);
    const frame = gsam2ImageJsonToFrame(await readJsonFile(file), file, Number.isNaN(number) ? position : number);
    if (frame.frameIndex <= previous)
      throw frameFormatError(
        { file, frameIndex: frame.frameIndex, field: 'frame_index' },
        `frame index ${frame.frameIndex} is not after the previous file's ${previous}`,
      );
    previous = frame.frameIndex;
    yield frame;
  }
}

/**
 * The image-demo JSON of a frame: per-instance RLE from the id map (one pass) or the instances' own masks.
 * @param defaultPromptType - `promote_type` when the frame does not say. @default 'mask'
 */
export function frameToGsam2ImageJson(frame: MaskFrame, defaultPromptType = 'mask'): Gsam2ImageJson {
  const fromMap = frame.idMap ? encodeIdMapCocoRle(frame.idMap, frame.height, frame.width) : undefined;
  // An instance absent from the id map (empty mask) gets an all-background RLE.
  const empty = {
    size: [frame.height, frame.width] as [number, number],
    counts: encodeCocoRleCounts([frame.height * frame.width]),
  };
  return {
    image_path: `${gsam2FrameStem(frame.frameIndex)}.jpg`,
    annotations: frame.instances.map((instance) => {
      const mask = fromMap ? (fromMap.get(instance.instanceId) ?? empty) : instance.mask;
      return {
        class_name: instance.className,
        bbox: [...instance.box] as [number, number, number, number],
        ...(mask
          ? {
              segmentation: {
                size: [mask.size[0]!, mask.size[1]!] as [number, number],
                counts: typeof mask.counts === 'string' ? mask.counts : [...mask.counts],
              },
            }
          : {}),
        score: instance.boxScore ?? 0,
        instance_id: instance.instanceId,
        ...(instance.boxScore !== undefined ? { box_score: instance.boxScore } : {}),
        ...(instance.textScore !== undefined ? { text_score: instance.textScore } : {}),
        ...(instance.sourceTrackId !== undefined ? { source_id: instance.sourceTrackId } : {}),
      };
    }),
    box_format: 'xyxy',
    img_width: frame.width,
    img_height: frame.height,
    frame_index: frame.frameIndex,
    promote_type: frame.promptType ?? defaultPromptType,
  };
}

/**
 * Writes frames as image-demo JSON files `DIR/mask_%05d.json`, staged and renamed when complete.
 * @param dir - the output folder.
 * @param options - `overwrite` an existing folder, the default `promptType`, a `signal` and an `onFrame` progress callback.
 * @returns the folder and the counts of frames and instances written.
 * @throws {@link DatasetFormatError} when a frame is given twice or its id map does not hold width × height values (nothing is left half-written).
 */
export async function writeGsam2JsonFolder(
  dir: string,
  frames: AsyncIterable<MaskFrame> | Iterable<MaskFrame>,
  options: {
    overwrite?: boolean;
    promptType?: string;
    signal?: AbortSignal;
    onFrame?: (frame: MaskFrame, written: number) => void;
  } = {},
): Promise<{ dir: string; frames: number; instances: number }> {
  const staged = await stageDirectory(dir, { overwrite: options.overwrite });
  try {
    await mkdir(staged.path, { recursive: true });
    let count = 0,
      instances = 0;
    const written = new Set<number>();
    for await (const frame of frames) {
      options.signal?.throwIfAborted();
      const file = join(dir, `${gsam2FrameStem(frame.frameIndex)}.json`);
      if (written.has(frame.frameIndex))
        throw frameFormatError({ file, frameIndex: frame.frameIndex }, 'frame given twice');
      written.add(frame.frameIndex);
      if (frame.idMap && frame.idMap.length !== frame.width * frame.height)
        throw frameFormatError(
          { file, frameIndex: frame.frameIndex, field: 'idMap' },
          `id map holds ${frame.idMap.length} values, expected ${frame.height}×${frame.width}`,
        );
      await writeFile(
        join(staged.path, `${gsam2FrameStem(frame.frameIndex)}.json`),
        JSON.stringify(frameToGsam2ImageJson(frame, options.promptType)),
      );
      count++;
      instances += frame.instances.length;
      options.onFrame?.(frame, count);
    }
    await staged.commit();
    return { dir, frames: count, instances };
  } catch (error) {
    await staged.abort();
    throw error;
  }
}
