/**
 * Clips from lifted tracks: a canonicalised reconstruction and the
 * Grounded-SAM-2 frames, read frame by frame, cut into clips of the 0.5 s grid
 * (≤ 40 frames = 20 s, [definitions §2](docs/pages/definitions.md#grounding); a longer video becomes consecutive clips from
 * frame 0) — one `PseudoScene` per clip, built from one pass per frame over
 * the instance-id map (`liftIdMap`). Each observation carries its detection
 * scores, 2D box (video pixels) and metric point cloud; each scene the
 * cameras of its frames (for the pose-glitch test). Only one clip's clouds
 * are in memory at a time.
 */
import { DatasetFormatError, GRID_STEP_SECONDS, MAX_CLIP_FRAMES, type Clip, type MaskFrame } from '@stkit/core';
import type { PseudoCamera, PseudoObservation, PseudoScene } from '@stkit/filters';
import { liftIdMap, scaleIntrinsics, se3ToPose, type Monst3rStream } from '@stkit/geometry';

/** Frame period of the clip grid, s (core's {@link GRID_STEP_SECONDS}). */
export const GRID_SECONDS = GRID_STEP_SECONDS;
export { MAX_CLIP_FRAMES };

/** Options of {@link streamPseudoScenes}. */
export interface StreamPseudoScenesOptions {
  reconstruction: Monst3rStream;
  /** Metres per reconstruction unit. */
  scale: number;
  /** The Grounded-SAM-2 frames, in frame order, one per reconstruction frame. */
  masks: AsyncIterable<MaskFrame>;
  /** File of frame k's masks, for error messages. */
  masksFile: (index: number) => string;
  fps: number;
  up: [number, number, number];
  source: Clip['source'];
  /** Frame images (paths), one per frame, for `clip.frames[].image`. */
  images?: readonly string[];
  /** Track id prefix; the id ends with the instance id. @default 'gsam2-' */
  trackPrefix?: string;
  /** Windows (indices of {@link clipWindows}) to pass over: their masks are read in lockstep, nothing is lifted and no scene is yielded. */
  skip?: ReadonlySet<number>;
  signal?: AbortSignal;
}

/** The clip windows of a video of `frameCount` frames at `fps`: first frame index and grid size. */
export function clipWindows(
  frameCount: number,
  fps: number,
): { start: number; gridCount: number; firstFrame: number; lastFrame: number }[] {
  const lastTime = (frameCount - 1) / fps;
  const windowSeconds = GRID_SECONDS * MAX_CLIP_FRAMES;
  const windows = [];
  for (let start = 0; start <= lastTime + 1e-9; start += windowSeconds) {
    const gridCount = Math.min(MAX_CLIP_FRAMES, Math.floor((lastTime - start) / GRID_SECONDS + 1e-9) + 1);
    if (gridCount < 2) break;
    const end = start + GRID_SECONDS * (gridCount - 1);
    windows.push({
      start,
      gridCount,
      firstFrame: Math.ceil(start * fps - 1e-9),
      lastFrame: Math.min(frameCount - 1, Math.floor(end * fps + 1e-9)),
    });
  }
  return windows;
}

/** One `PseudoScene` per clip window, streaming (see the module comment). */
export async function* streamPseudoScenes(options: StreamPseudoScenesOptions): AsyncGenerator<PseudoScene> {
  const { reconstruction: scene, fps, source, scale, signal } = options;
  const prefix = options.trackPrefix ?? 'gsam2-';
  const windows = clipWindows(scene.cameras.length, fps);
  const iterator = options.masks[Symbol.asyncIterator]();
  let nextFrame = 0;
  for (const [w, window] of windows.entries()) {
    const skipped = options.skip?.has(w) === true;
    const clipId = windows.length === 1 ? source.log : `${source.log}-w${w}`;
    const observations = new Map<number, PseudoObservation[]>();
    const classCounts = new Map<number, Map<string, number>>();
    const cameras: PseudoCamera[] = [];
    let videoSize: { width: number; height: number } | undefined;
    for (let k = window.firstFrame; k <= window.lastFrame; k++) {
      signal?.throwIfAborted();
      // Frames between windows (none at these grids) are skipped in lockstep.
      let mask: MaskFrame | undefined;
      while (nextFrame <= k) {
        const next = await iterator.next();
        if (next.done)
          throw new DatasetFormatError({
            file: options.masksFile(nextFrame),
            row: nextFrame,
            reason: `missing: the masks end before frame ${nextFrame} of ${scene.cameras.length}`,
          });
        if (next.value.frameIndex !== nextFrame)
          throw new DatasetFormatError({
            file: options.masksFile(nextFrame),
            row: nextFrame,
            reason: `missing (the next mask frame is ${next.value.frameIndex})`,
          });
        mask = next.value;
        nextFrame++;
      }
      if (!mask || skipped) continue;
      const t = k / fps - window.start;
      const camera = scene.cameras[k]!;
      // A reconstruction of a cropped video misplaces every lifted point: refuse another aspect ratio.
      if (Math.abs(mask.width / mask.height - scene.width / scene.height) > 0.01 * (scene.width / scene.height)) {
        throw new DatasetFormatError({
          file: options.masksFile(k),
          row: k,
          field: 'mask_width/mask_height',
          reason: `${mask.width}×${mask.height} has another aspect ratio than the ${scene.width}×${scene.height} reconstruction (MonST3R crops its input); run Grounded-SAM-2 on the frames MonST3R saved, or crop the masks the same way`,
        });
      }
      videoSize ??= { width: mask.width, height: mask.height };
      if (!mask.idMap)
        throw new DatasetFormatError({
          file: options.masksFile(k),
          row: k,
          field: 'mask_data',
          reason: 'the frame has no instance-id map (a boxes-only folder cannot be lifted)',
        });
      const { depth } = await scene.readFrame(k, signal, false);
      const occlusion = new Map<number, number>();
      const clouds = liftIdMap({
        depth,
        width: scene.width,
        height: scene.height,
        depthScale: scale,
        intrinsics: camera.intrinsics,
        worldFromCamera: camera.worldFromCamera,
        idMap: mask.idMap,
        idWidth: mask.width,
        idHeight: mask.height,
        occlusion,
      });
      cameras.push({
        t,
        rotation: camera.rotation,
        translation: [camera.translation[0] * scale, camera.translation[1] * scale, camera.translation[2] * scale],
        focalLength: camera.intrinsics.fx,
      });
      for (const instance of mask.instances) {
        const points = clouds.get(instance.instanceId) ?? new Float64Array(0);
        const list = observations.get(instance.instanceId) ?? [];
        observations.set(instance.instanceId, list);
        list.push({
          t,
          // Grounded-SAM-2's mask-derived boxes are inclusive; [x1, y1, x2 + 1, y2 + 1] is the pixel area.
          box: [instance.box[0], instance.box[1], instance.box[2] + 1, instance.box[3] + 1],
          ...(instance.boxScore !== undefined ? { boxConfidence: instance.boxScore } : {}),
          ...(instance.textScore !== undefined ? { textConfidence: instance.textScore } : {}),
          points,
          // Hidden along ≥ 2 % of its pixels (and ≥ 3): a few contact pixels (a neighbour's road bleed) are not an occlusion.
          ...((occlusion.get(instance.instanceId) ?? 0) >= Math.max(3, (0.02 * points.length) / 3)
            ? { occluded: true }
            : {}),
        });
        const counts = classCounts.get(instance.instanceId) ?? new Map<string, number>();
        classCounts.set(instance.instanceId, counts);
        counts.set(instance.className, (counts.get(instance.className) ?? 0) + 1);
      }
    }
    if (skipped) continue;
    const gridFrames = Array.from({ length: window.gridCount }, (_, g) => {
      const index = Math.round((window.start + GRID_SECONDS * g) * fps);
      return Math.abs(index / fps - (window.start + GRID_SECONDS * g)) < 1e-6 && index < scene.cameras.length
        ? index
        : undefined;
    });
    const first = scene.cameras[0]!;
    const size = videoSize ?? { width: scene.width, height: scene.height };
    const intrinsics = scaleIntrinsics(first.intrinsics, size.width / scene.width, size.height / scene.height);
    const poses = gridFrames.every((index) => index !== undefined)
      ? gridFrames.map((index) => {
          const m = Float64Array.from(scene.cameras[index!]!.worldFromCamera);
          m[3]! *= scale;
          m[7]! *= scale;
          m[11]! *= scale;
          return se3ToPose(m);
        })
      : undefined;
    const clip: Clip = {
      id: clipId,
      source: windows.length === 1 ? source : { ...source, log: clipId },
      up: options.up,
      frames: gridFrames.map((index, g) => ({
        t: GRID_SECONDS * g,
        ...(index !== undefined && options.images?.[index] !== undefined ? { image: options.images[index] } : {}),
      })),
      camera: {
        intrinsics: {
          fx: intrinsics.fx,
          fy: intrinsics.fy,
          cx: intrinsics.cx,
          cy: intrinsics.cy,
          width: size.width,
          height: size.height,
        },
        ...(poses ? { poses } : {}),
      },
      tracks: [],
    };
    const ids = [...observations.keys()].sort((a, b) => a - b);
    yield {
      clip,
      cameras,
      tracks: ids.map((id) => {
        const counts = [...classCounts.get(id)!.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
        return { id: `${prefix}${id}`, category: counts[0]![0], observations: observations.get(id)! };
      }),
    };
  }
}
