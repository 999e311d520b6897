/**
 * Reader of a video's Grounded-SAM-2 results in one JSON file.
 *
 * Grounded-SAM-2's image demos write, per image, `{ image_path, annotations:
 * [{ class_name, bbox, segmentation: <COCO RLE>, score }], box_format,
 * img_width, img_height }`; its tracking demos keep a stable `instance_id` per
 * object (`json_data/mask_%05d.json`) but store the masks as `.npy` label
 * images. This example reads the union of both, one record per video frame
 * (the same frames MonST3R reconstructed, in the same order):
 *
 * ```json
 * { "frames": [ { "frame_index": 0, "image_path": "frames/00000.jpg",
 *                 "img_width": 1024, "img_height": 576, "box_format": "xyxy",
 *                 "annotations": [ { "instance_id": 1, "class_name": "car",
 *                                    "bbox": [x1, y1, x2, y2], "score": 0.83,
 *                                    "text_score": 0.61,
 *                                    "segmentation": { "size": [576, 1024], "counts": "…" } } ] } ] }
 * ```
 *
 * A bare array of frame records is accepted too. `score` is the box
 * confidence, `text_score` (optional) the text-grounding confidence ([definitions §4](docs/pages/definitions.md#filtering)
 * thresholds 0.4 / 0.3); `box_format` may be `xyxy` (default) or `xywh`.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { DatasetFormatError } from '@stkit/core';
import { decodeCocoRleCounts, type CocoRle } from '@stkit/geometry';
import { z } from 'zod/v4';

const RleSchema = z.object({
  size: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
  counts: z.union([z.string(), z.array(z.number().int().nonnegative())]),
});
const AnnotationSchema = z.object({
  instance_id: z.union([z.number().int(), z.string().min(1)]),
  class_name: z.string().min(1),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  segmentation: RleSchema,
  score: z.number().optional(),
  text_score: z.number().optional(),
});
const FrameSchema = z.object({
  frame_index: z.number().int().nonnegative().optional(),
  image_path: z.string().optional(),
  img_width: z.number().int().positive(),
  img_height: z.number().int().positive(),
  box_format: z.enum(['xyxy', 'xywh']).default('xyxy'),
  annotations: z.array(AnnotationSchema),
});
const FramesSchema = z.array(FrameSchema);
const FileSchema = z.object({ frames: FramesSchema });

/** One detection of one tracked object in one frame. */
export interface GroundedDetection {
  /** Box `[x1, y1, x2, y2]`, pixels of the video. */
  readonly box: readonly [number, number, number, number];
  /** Box confidence (`score`). */
  readonly boxConfidence: number | undefined;
  /** Text-grounding confidence (`text_score`). */
  readonly textConfidence: number | undefined;
  /** The mask, COCO RLE at the video resolution. */
  readonly mask: CocoRle;
}

/** One tracked object. */
export interface GroundedTrack {
  readonly id: string;
  /** The most frequent `class_name` of its detections (ties: the first seen). */
  readonly category: string;
  /** Detections by frame index (`undefined` where the object was not found). */
  readonly detections: readonly (GroundedDetection | undefined)[];
}

/** The Grounded-SAM-2 results of one video. */
export interface GroundedVideo {
  readonly frameCount: number;
  readonly width: number;
  readonly height: number;
  /** Frame image paths (absolute, resolved against the JSON file's folder), where given. */
  readonly images: readonly (string | undefined)[];
  readonly tracks: readonly GroundedTrack[];
}

/** Reads and validates the masks file; errors name the file and the frame/annotation. */
export async function readGroundedMasks(file: string, options: { signal?: AbortSignal } = {}): Promise<GroundedVideo> {
  let json: unknown;
  try {
    json = JSON.parse(
      await readFile(file, { encoding: 'utf8', ...(options.signal ? { signal: options.signal } : {}) }),
    );
  } catch (error) {
    throw new DatasetFormatError({
      file,
      reason: `cannot be read as JSON (${(error as Error).message})`,
      cause: error,
    });
  }
  // A bare array of frame records, or `{ frames: [...] }`; issues are reported with their JSON path.
  const parsed = Array.isArray(json) ? FramesSchema.safeParse(json) : FileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path
      .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
      .join('')
      .replace(/^\./, '');
    throw new DatasetFormatError({ file, field: path || '(root)', reason: issue.message });
  }
  const records = Array.isArray(parsed.data) ? parsed.data : parsed.data.frames;
  if (records.length === 0) throw new DatasetFormatError({ file, field: 'frames', reason: 'no frames' });
  const { img_width: width, img_height: height } = records[0]!;
  const frameCount = records.length;
  const images: (string | undefined)[] = new Array(frameCount).fill(undefined);
  const byId = new Map<string, { classes: Map<string, number>; detections: (GroundedDetection | undefined)[] }>();
  records.forEach((record, position) => {
    const index = record.frame_index ?? position;
    const where = `frames[${position}]`;
    if (index !== position)
      throw new DatasetFormatError({
        file,
        field: `${where}.frame_index`,
        reason: `is ${index}; records must list frames 0, 1, 2, … in order`,
      });
    if (record.img_width !== width || record.img_height !== height) {
      throw new DatasetFormatError({
        file,
        field: where,
        reason: `is ${record.img_width}×${record.img_height}, frame 0 is ${width}×${height}`,
      });
    }
    if (record.image_path !== undefined)
      images[index] = isAbsolute(record.image_path) ? record.image_path : resolve(dirname(file), record.image_path);
    record.annotations.forEach((annotation, a) => {
      const [h, w] = annotation.segmentation.size;
      if (h !== height || w !== width) {
        throw new DatasetFormatError({
          file,
          field: `${where}.annotations[${a}].segmentation.size`,
          reason: `is [${h}, ${w}], the frame is [${height}, ${width}]`,
        });
      }
      const mask = checkedRle(annotation.segmentation, file, `${where}.annotations[${a}].segmentation.counts`);
      const [x, y, c, d] = annotation.bbox;
      const box: [number, number, number, number] = record.box_format === 'xywh' ? [x, y, x + c, y + d] : [x, y, c, d];
      const id = String(annotation.instance_id);
      let track = byId.get(id);
      if (!track) byId.set(id, (track = { classes: new Map(), detections: new Array(frameCount).fill(undefined) }));
      if (track.detections[index])
        throw new DatasetFormatError({
          file,
          field: `${where}.annotations[${a}].instance_id`,
          reason: `object ${id} appears twice in this frame`,
        });
      track.classes.set(annotation.class_name, (track.classes.get(annotation.class_name) ?? 0) + 1);
      track.detections[index] = { box, boxConfidence: annotation.score, textConfidence: annotation.text_score, mask };
    });
  });
  const tracks = [...byId].map(([id, track]) => {
    let category = '',
      best = 0;
    for (const [name, count] of track.classes) if (count > best) [category, best] = [name, count];
    return { id, category, detections: track.detections };
  });
  return { frameCount, width, height, images, tracks };
}

/**
 * The RLE with its runs decoded once (the compressed string is parsed here, so
 * a corrupt mask is reported with its file and place, and `liftMasks` does not
 * parse it again); the runs must be non-negative and cover `height × width`.
 */
function checkedRle(
  rle: { size: readonly [number, number]; counts: string | readonly number[] },
  file: string,
  field: string,
): CocoRle {
  let runs: readonly number[];
  try {
    runs = typeof rle.counts === 'string' ? decodeCocoRleCounts(rle.counts) : rle.counts;
  } catch (error) {
    throw new DatasetFormatError({
      file,
      field,
      reason: `not a COCO RLE string (${(error as Error).message})`,
      cause: error,
    });
  }
  let total = 0;
  for (const run of runs) {
    if (!(run >= 0)) throw new DatasetFormatError({ file, field, reason: `negative run ${run}` });
    total += run;
  }
  const [height, width] = rle.size;
  if (total !== height * width)
    throw new DatasetFormatError({
      file,
      field,
      reason: `runs cover ${total} pixels, the mask has ${height}×${width} = ${height * width}`,
    });
  return { size: rle.size, counts: runs };
}
