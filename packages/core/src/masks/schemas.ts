/**
 * The masks-and-tracks contract of the segment stage: what `@stkit/segment`
 * produces per video frame (boxes, masks, class names, scores, track ids) and
 * what geometry's lifting and the pseudo-label pipeline consume, without
 * importing `@stkit/segment`.
 *
 * Conventions:
 * - pixels, origin at the top-left corner of the image, `x` to the right, `y` down;
 * - boxes `[x1, y1, x2, y2]` as Grounded-SAM-2 writes them: for boxes derived
 *   from masks, `x2`/`y2` are the last column/row inside the object (inclusive);
 *   detector boxes are continuous coordinates;
 * - the instance-id map is a row-major `Uint16Array` (`index = y·width + x`),
 *   0 = background, every other value the `instanceId` of an instance of the
 *   frame (= its track id: ids are stable over the video);
 * - per-instance masks are COCO RLE (column-major runs, see `coco-rle.ts`);
 * - a score that is `undefined` is unknown (converted annotations carry none),
 *   never "below threshold".
 */
import { z } from 'zod/v4';

/** A COCO RLE mask: `size = [height, width]`, `counts` the compressed string or the plain run list. */
export const CocoRleSchema = z.object({
  size: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
  counts: z.union([z.string(), z.array(z.number().int().nonnegative())]),
});

/** A box `[x1, y1, x2, y2]` in pixels (see the module conventions for the inclusive corner). */
export const MaskBoxSchema = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .refine(([x1, y1, x2, y2]) => x2 >= x1 && y2 >= y1, 'x2 ≥ x1 and y2 ≥ y1');

/** Largest instance id an id map can hold (`Uint16Array`). */
export const MAX_INSTANCE_ID = 65535;

/** One object in one frame. */
export const MaskInstanceSchema = z.object({
  /** The object's id in the id map and over the video (= its track id), 1…65535. */
  instanceId: z.number().int().min(1).max(MAX_INSTANCE_ID),
  /** Bounding box `[x1, y1, x2, y2]` in pixels. */
  box: MaskBoxSchema,
  /** Class name (the prompt phrase the detector matched, or the dataset category). */
  className: z.string(),
  /** Box confidence in [0, 1]; `undefined` = unknown. */
  boxScore: z.number().min(0).max(1).optional(),
  /** Text (phrase) confidence in [0, 1]; `undefined` = unknown. */
  textScore: z.number().min(0).max(1).optional(),
  /** The object's track id in the source annotation when it is not the instance id (BDD100K `"a-00122062"`, MultiSports `entity_id`). */
  sourceTrackId: z.string().optional(),
  /** The object's mask as COCO RLE, when the frame carries per-instance masks instead of (or beside) an id map. */
  mask: CocoRleSchema.optional(),
});

/** One video frame of masks and boxes. */
export const MaskFrameSchema = z
  .object({
    /** Index of the frame in the source video (0-based), not in the list of annotated frames. */
    frameIndex: z.number().int().nonnegative(),
    /** Image width in pixels. */
    width: z.number().int().positive(),
    /** Image height in pixels. */
    height: z.number().int().positive(),
    /** Row-major instance-id map, `width·height` values, 0 = background; absent for boxes-only sources. */
    idMap: z.custom<Uint16Array>((value) => value instanceof Uint16Array, 'a Uint16Array').optional(),
    /** The objects of the frame, instance ids unique. */
    instances: z.array(MaskInstanceSchema),
    /** How the tracker prompted the mask model for this frame (`'mask'`, `'box'`, `'point'`), as Grounded-SAM-2 records it (`promote_type`). */
    promptType: z.string().optional(),
  })
  .superRefine((frame, context) => {
    if (frame.idMap && frame.idMap.length !== frame.width * frame.height) {
      context.addIssue({
        code: 'custom',
        path: ['idMap'],
        message: `holds ${frame.idMap.length} values, expected width·height = ${frame.width * frame.height}`,
      });
    }
    const seen = new Set<number>();
    frame.instances.forEach((instance, index) => {
      if (seen.has(instance.instanceId))
        context.addIssue({
          code: 'custom',
          path: ['instances', index, 'instanceId'],
          message: `duplicate instance id ${instance.instanceId}`,
        });
      seen.add(instance.instanceId);
      const size = instance.mask?.size;
      if (size && (size[0] !== frame.height || size[1] !== frame.width)) {
        context.addIssue({
          code: 'custom',
          path: ['instances', index, 'mask', 'size'],
          message: `mask size [${size.join(', ')}] differs from the frame [${frame.height}, ${frame.width}]`,
        });
      }
    });
  });

/** One object over the video: the id its instances carry and its category. */
export const MaskTrackSchema = z.object({
  /** Track id = the `instanceId` of the object's instances. */
  id: z.number().int().min(1).max(MAX_INSTANCE_ID),
  /** Category (class name), e.g. `car`. */
  category: z.string(),
});

/** A whole sequence in memory (small videos, tests); readers stream {@link MaskFrameSchema} frames instead. */
export const MaskSequenceSchema = z.object({
  /** Frames per second of the source video, when known. */
  fps: z.number().positive().optional(),
  tracks: z.array(MaskTrackSchema),
  frames: z.array(MaskFrameSchema),
});

export type CocoRleMask = z.infer<typeof CocoRleSchema>;
export type MaskBox = z.infer<typeof MaskBoxSchema>;
export type MaskInstance = z.infer<typeof MaskInstanceSchema>;
export type MaskFrame = z.infer<typeof MaskFrameSchema>;
export type MaskTrack = z.infer<typeof MaskTrackSchema>;
export type MaskSequence = z.infer<typeof MaskSequenceSchema>;
