/**
 * The two public data contracts of STKit, `Clip` and `Sample`, as zod
 * schemas (also shipped as JSON Schema in `schemas/*.schema.json`).
 *
 * Keys the schemas do not name are accepted; `parseClip` returns the clip
 * object itself (not a copy), so such keys stay on it.
 *
 * Conventions: SI units (metres, seconds, m/s); `t` fields are clip seconds
 * (clip time 0 = the first frame); absolute source timestamps are decimal
 * strings (nanosecond integers do not fit a double); quaternions are
 * `[w, x, y, z]` (scalar first); poses are `world_from_camera`.
 */
import { z } from 'zod/v4';

/** A 3-vector `[x, y, z]`. */
export const Vec3Schema = z.tuple([z.number(), z.number(), z.number()]);
/** A unit quaternion `[w, x, y, z]` (scalar first). */
export const QuaternionSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);
/** An absolute source timestamp as a decimal string (e.g. nanoseconds `"1553562431150000000"` or seconds `"12.345"`). */
export const TimestampSchema = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal string');

/** A rigid pose: `p_parent = R(rotation) · p_child + translation`. */
export const PoseSchema = z.object({
  rotation: QuaternionSchema,
  translation: Vec3Schema,
});

/** Pinhole intrinsics in pixels of an image `width` × `height`. */
export const IntrinsicsSchema = z.object({
  fx: z.number().positive(),
  fy: z.number().positive(),
  cx: z.number(),
  cy: z.number(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

/** Where a clip comes from. */
export const ClipSourceSchema = z.object({
  /** Dataset id, e.g. `nuscenes`, `argoverse2`, `nuplan`, `aria`, `kitti`, `demo`. */
  dataset: z.string().min(1),
  /** Log, scene or sequence id inside the dataset. */
  log: z.string().min(1),
  split: z.string().optional(),
  camera: z.string().optional(),
  /** Domain of the video; movement-direction tasks are not generated for `sports` ([definitions §2](docs/pages/definitions.md#comparisons)). */
  domain: z.enum(['driving', 'sports', 'general']).optional(),
});

/** One frame of the clip's 0.5 s grid. */
export const ClipFrameSchema = z.object({
  /** Clip seconds: `0.5·k`. */
  t: z.number().nonnegative(),
  timestamp: TimestampSchema.optional(),
  /** Image path (relative to the dataset root) or URL. */
  image: z.string().optional(),
});

/** The clip's camera, for projecting 3D boxes into the frames. */
export const ClipCameraSchema = z.object({
  intrinsics: IntrinsicsSchema,
  /** `world_from_camera` per frame (same length and order as `frames`); camera frame: x right, y down, z forward. */
  poses: z.array(PoseSchema).optional(),
});

/** One annotation of a track. */
export const TrackSampleSchema = z.object({
  /** Clip seconds; need not lie on the 0.5 s grid. */
  t: z.number(),
  timestamp: TimestampSchema.optional(),
  /** 3D box centre in the world frame, metres. */
  center: Vec3Schema,
  /** Box extent `[length, width, height]` along the object's x, y, z axes, metres. */
  size: Vec3Schema.optional(),
  /** `world_from_object` rotation, `[w, x, y, z]`. */
  rotation: QuaternionSchema.optional(),
  /** 2D box `[x1, y1, x2, y2]` in pixels of the clip camera. */
  box2d: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
});

/** One object's 3D track. */
export const TrackSchema = z.object({
  id: z.string().min(1),
  category: z.string().min(1),
  samples: z.array(TrackSampleSchema),
});

/** One video window with 3D tracks in a metric, gravity-aligned world frame. */
export const ClipSchema = z.object({
  id: z.string().min(1),
  source: ClipSourceSchema,
  /** Unit-length (or any non-zero) up vector of the world frame. */
  up: Vec3Schema.refine((v) => Math.hypot(v[0], v[1], v[2]) > 1e-9, 'up must be non-zero'),
  frames: z.array(ClipFrameSchema).min(1).max(40),
  camera: ClipCameraSchema.optional(),
  tracks: z.array(TrackSchema),
});

/** The seven task ids ([definitions §1](docs/pages/definitions.md#tasks)). */
export const TASK_IDS = [
  'traveled_distance',
  'traveling_speed',
  'movement_direction',
  'direction_timestamp',
  'traveled_distance_comparison',
  'traveling_speed_comparison',
  'movement_direction_comparison',
] as const;
export const TaskIdSchema = z.enum(TASK_IDS);

const ClockSchema = z.number().int().min(1).max(12);
const PolaritySchema = z.enum(['positive', 'negative']);

export const TraveledDistanceLabelSchema = z.object({
  start: z.number(),
  end: z.number(),
  meters: z.number().nonnegative(),
});
export const TravelingSpeedLabelSchema = z.object({
  start: z.number(),
  end: z.number(),
  metersPerSecond: z.number().nonnegative(),
});
export const MovementDirectionLabelSchema = z.object({ clock: ClockSchema });
export const DirectionTimestampLabelSchema = z.object({ clock: ClockSchema, start: z.number(), end: z.number() });
export const ValueComparisonLabelSchema = z.object({
  polarity: PolaritySchema,
  /** The track whose colour is the answer: the farther/faster one for a positive question, the other for a negative one. */
  answerTrackId: z.string(),
  /** Distance (m) or speed (m/s) of each of the two tracks. */
  values: z.record(z.string(), z.number()),
});
export const DirectionComparisonLabelSchema = z.object({ polarity: PolaritySchema, same: z.boolean() });

export const SampleObjectSchema = z.object({
  trackId: z.string(),
  category: z.string(),
  /** Colour name of the box drawn around the object (the visual prompt). */
  color: z.string(),
});

export const ConversationTurnSchema = z.object({ from: z.enum(['human', 'gpt']), value: z.string() });

const sampleBase = {
  id: z.string().min(1),
  clipId: z.string().min(1),
  source: ClipSourceSchema,
  /** Clip seconds of the frames shown, in order. */
  frameTimes: z.array(z.number()).min(1),
  /** Absolute source timestamps of those frames, as decimal strings. */
  frameTimestamps: z.array(TimestampSchema).optional(),
  objects: z.array(SampleObjectSchema).min(1).max(2),
  conversations: z.tuple([
    z.object({ from: z.literal('human'), value: z.string() }),
    z.object({ from: z.literal('gpt'), value: z.string() }),
  ]),
  /** Video file, when the sample is exported with one. */
  video: z.string().optional(),
  /** Frame image paths (with the visual prompt drawn), same order as `frameTimes`. */
  frames: z.array(z.string()).optional(),
  /**
   * `false` for a camera-free sample (its clip has no camera, no frame images and no 2D boxes, e.g. an Aria
   * MPS trajectory or a Waymo Motion scenario): no frame is ever drawn and the sample has no `frames`, though
   * the prompt still speaks of coloured boxes as SPEC words it. Such samples serve text-only baselines and
   * kinematics checks; do not train a video model on them. Absent: the visual prompt can be drawn.
   */
  visualPrompt: z.literal(false).optional(),
  /** Free-form scenario tags (occlusion, object count, …) used for benchmark breakdowns. */
  tags: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
};

/** One QA pair. The `label` shape depends on `task`. */
export const SampleSchema = z.discriminatedUnion('task', [
  z.object({ ...sampleBase, task: z.literal('traveled_distance'), label: TraveledDistanceLabelSchema }),
  z.object({ ...sampleBase, task: z.literal('traveling_speed'), label: TravelingSpeedLabelSchema }),
  z.object({ ...sampleBase, task: z.literal('movement_direction'), label: MovementDirectionLabelSchema }),
  z.object({ ...sampleBase, task: z.literal('direction_timestamp'), label: DirectionTimestampLabelSchema }),
  z.object({ ...sampleBase, task: z.literal('traveled_distance_comparison'), label: ValueComparisonLabelSchema }),
  z.object({ ...sampleBase, task: z.literal('traveling_speed_comparison'), label: ValueComparisonLabelSchema }),
  z.object({ ...sampleBase, task: z.literal('movement_direction_comparison'), label: DirectionComparisonLabelSchema }),
]);

export type Vec3 = z.infer<typeof Vec3Schema>;
export type Quaternion = z.infer<typeof QuaternionSchema>;
export type Pose = z.infer<typeof PoseSchema>;
export type Intrinsics = z.infer<typeof IntrinsicsSchema>;
export type ClipSource = z.infer<typeof ClipSourceSchema>;
export type ClipFrame = z.infer<typeof ClipFrameSchema>;
export type ClipCamera = z.infer<typeof ClipCameraSchema>;
export type TrackSample = z.infer<typeof TrackSampleSchema>;
export type Track = z.infer<typeof TrackSchema>;
export type Clip = z.infer<typeof ClipSchema>;
export type TaskId = z.infer<typeof TaskIdSchema>;
export type TraveledDistanceLabel = z.infer<typeof TraveledDistanceLabelSchema>;
export type TravelingSpeedLabel = z.infer<typeof TravelingSpeedLabelSchema>;
export type MovementDirectionLabel = z.infer<typeof MovementDirectionLabelSchema>;
export type DirectionTimestampLabel = z.infer<typeof DirectionTimestampLabelSchema>;
export type ValueComparisonLabel = z.infer<typeof ValueComparisonLabelSchema>;
export type DirectionComparisonLabel = z.infer<typeof DirectionComparisonLabelSchema>;
export type SampleObject = z.infer<typeof SampleObjectSchema>;
export type ConversationTurn = z.infer<typeof ConversationTurnSchema>;
export type Sample = z.infer<typeof SampleSchema>;
/** The label type of a task. */
export type LabelOf<T extends TaskId> = Extract<Sample, { task: T }>['label'];
