/**
 * BDD100K box tracking labels in the Scalabel format: a JSON list of frames
 * (or a Scalabel dataset `{frames, config}`), each `{name, videoName,
 * frameIndex, labels: [{id, category, box2d: {x1, y1, x2, y2}}]}`, pixel
 * coordinates. Labels without `box2d` carry no box and are skipped (counted
 * in `skippedLabels`).
 *
 * Instance ids: per video, 1, 2, … in order of first appearance of the
 * Scalabel `id` (a string such as `"a-00122062"` or a number), which is kept
 * as `sourceTrackId`. Image size: the Scalabel config's `imageSize` when
 * present, else `width × height` options (BDD100K videos are 1280×720).
 */
import { z } from 'zod/v4';
import { frameFormatError } from '../frame-error';
import { BoxTrackCollector, type BoxTrackVideo } from './box-tracks';
import { firstIssue, readJsonFile } from './read-json-file';

const Box2dSchema = z.object({ x1: z.number(), y1: z.number(), x2: z.number(), y2: z.number() });
const LabelSchema = z.object({
  id: z.union([z.string(), z.number()]),
  category: z.string(),
  box2d: Box2dSchema.nullish(),
});
const FrameSchema = z.object({
  name: z.string().optional(),
  videoName: z.string().optional(),
  frameIndex: z.number().int().nonnegative(),
  labels: z.array(LabelSchema).nullish(),
});
const DatasetSchema = z.union([
  z.array(FrameSchema),
  z.object({
    frames: z.array(FrameSchema),
    config: z
      .object({
        imageSize: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }).nullish(),
      })
      .passthrough()
      .nullish(),
  }),
]);

/** Options of {@link readBdd100kBoxTracks}. */
export interface ReadBoxTracksOptions {
  /** Image width in pixels when the file does not say. @default 1280 */
  readonly width?: number;
  /** Image height in pixels when the file does not say. @default 720 */
  readonly height?: number;
}

/** Result of a boxes-only reader. */
export interface BoxTrackSource {
  readonly videos: readonly BoxTrackVideo[];
  /** Number of boxes read (over all videos). */
  readonly boxes: number;
  /** Labels without a box (BDD100K) that were skipped. */
  readonly skippedLabels: number;
}

/** Reads a BDD100K / Scalabel box-tracking JSON file. */
export async function readBdd100kBoxTracks(file: string, options: ReadBoxTracksOptions = {}): Promise<BoxTrackSource> {
  const parsed = DatasetSchema.safeParse(await readJsonFile(file));
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    throw frameFormatError({ file, field: issue.field }, issue.message);
  }
  const frames = Array.isArray(parsed.data) ? parsed.data : parsed.data.frames;
  const size = Array.isArray(parsed.data) ? undefined : parsed.data.config?.imageSize;
  const width = size?.width ?? options.width ?? 1280,
    height = size?.height ?? options.height ?? 720;
  const videos = new Map<string, BoxTrackCollector>();
  let boxes = 0,
    skippedLabels = 0;
  frames.forEach((frame, position) => {
    const videoName = frame.videoName ?? '';
    let collector = videos.get(videoName);
    if (!collector) {
      collector = new BoxTrackCollector(videoName, width, height, (_, next) => next);
      videos.set(videoName, collector);
    }
    collector.touch(frame.frameIndex, { file, frameIndex: frame.frameIndex, field: `${position}` });
    (frame.labels ?? []).forEach((label, index) => {
      const place = { file, frameIndex: frame.frameIndex, field: `${position}.labels.${index}` };
      if (!label.box2d) {
        skippedLabels++;
        return;
      }
      const { x1, y1, x2, y2 } = label.box2d;
      collector.add(frame.frameIndex, String(label.id), label.category, [x1, y1, x2, y2], place);
      boxes++;
    });
  });
  return { videos: [...videos.values()].map((collector) => collector.result()), boxes, skippedLabels };
}
