/**
 * From a canonical (metric) 4D scene and the Grounded-SAM-2 tracks to the
 * input of `@stkit/filters`: masks are lifted into world point clouds with
 * `liftMasks` ([definitions §3](docs/pages/definitions.md#pseudo-labels), "kinematic grounding in the canonical 4D scene"), and
 * the video is cut into clips of the 0.5 s grid (≤ 40 frames = 20 s, [definitions §2](docs/pages/definitions.md#grid)),
 * one `PseudoScene` per clip, each observation carrying its detection scores,
 * 2D box and metric point cloud (DBSCAN and the centroid come next, in the
 * rule-based filter).
 */
import type { Clip } from '@stkit/core';
import type { PseudoObservation, PseudoScene } from '@stkit/filters';
import { estimateUpFromCameras, liftMasks, scaleIntrinsics, se3ToPose, type Scene4D } from '@stkit/geometry';
import type { GroundedVideo } from './read-grounded-masks';

/** Frame period of the clip grid, s ([definitions §2](docs/pages/definitions.md#grid)). */
export const GRID_SECONDS = 0.5;
/** Most grid frames per clip ([definitions §2](docs/pages/definitions.md#grid)). */
export const MAX_CLIP_FRAMES = 40;

/** Options of {@link buildPseudoScenes}. */
export interface BuildPseudoScenesOptions {
  /** The canonicalised scene (metres). */
  readonly scene: Scene4D;
  readonly video: GroundedVideo;
  /** Frames per second of the frames MonST3R and Grounded-SAM-2 ran on. */
  readonly fps: number;
  /** `clip.source` of every clip (`log` gets a window suffix when the video is longer than one clip). */
  readonly source: Clip['source'];
  /** Pixels whose scene confidence is below this are not lifted. @default 0 */
  readonly minConfidence?: number;
}

/** The world's up vector: `estimateUpFromCameras` of `@stkit/geometry` (minus the cameras' mean y axis). */
export function estimateUp(scene: Scene4D): [number, number, number] {
  return estimateUpFromCameras(scene.frames.map((frame) => frame.worldFromCamera));
}

/** One `PseudoScene` per clip window of the video. */
export function buildPseudoScenes(options: BuildPseudoScenesOptions): PseudoScene[] {
  const { scene, video, fps, source } = options;
  const lifted = liftMasks({
    scene,
    objects: video.tracks.map((track) => ({
      id: track.id,
      masks: track.detections.map((detection) => detection?.mask),
    })),
    ...(options.minConfidence !== undefined ? { minConfidence: options.minConfidence } : {}),
  });
  const up = estimateUp(scene);
  const frameTime = (index: number) => index / fps;
  const lastTime = frameTime(scene.frames.length - 1);
  const windowSeconds = GRID_SECONDS * MAX_CLIP_FRAMES;
  const windowCount = Math.max(1, Math.ceil((lastTime + 1e-9) / windowSeconds));
  const intrinsics = scaleIntrinsics(
    scene.frames[0]!.intrinsics,
    video.width / scene.width,
    video.height / scene.height,
  );
  const scenes: PseudoScene[] = [];
  for (let w = 0; w < windowCount; w++) {
    const start = w * windowSeconds;
    const gridCount = Math.min(MAX_CLIP_FRAMES, Math.floor((lastTime - start) / GRID_SECONDS + 1e-9) + 1);
    if (gridCount < 2) continue;
    const end = start + GRID_SECONDS * (gridCount - 1);
    // The video frame at each grid time, when there is one (fps a multiple of 2).
    const gridFrames = Array.from({ length: gridCount }, (_, k) => {
      const index = Math.round((start + GRID_SECONDS * k) * fps);
      return Math.abs(frameTime(index) - (start + GRID_SECONDS * k)) < 1e-6 && index < scene.frames.length
        ? index
        : undefined;
    });
    const frames: Clip['frames'] = gridFrames.map((index, k) => ({
      t: GRID_SECONDS * k,
      ...(index !== undefined && video.images[index] !== undefined ? { image: video.images[index] } : {}),
    }));
    const poses = gridFrames.every((index) => index !== undefined)
      ? gridFrames.map((index) => se3ToPose(scene.frames[index!]!.worldFromCamera))
      : undefined;
    const clip: Clip = {
      id: windowCount === 1 ? source.log : `${source.log}-w${w}`,
      source: windowCount === 1 ? source : { ...source, log: `${source.log}-w${w}` },
      up,
      frames,
      camera: { intrinsics, ...(poses ? { poses } : {}) },
      tracks: [],
    };
    const tracks = video.tracks.map((track, t) => {
      const observations: PseudoObservation[] = [];
      for (const frame of lifted.objects[t]!.frames) {
        const time = frameTime(frame.frame);
        if (time < start - 1e-9 || time > end + 1e-9) continue;
        const detection = track.detections[frame.frame]!;
        observations.push({
          t: time - start,
          box: detection.box,
          ...(detection.boxConfidence !== undefined ? { boxConfidence: detection.boxConfidence } : {}),
          ...(detection.textConfidence !== undefined ? { textConfidence: detection.textConfidence } : {}),
          points: frame.points,
        });
      }
      return { id: track.id, category: track.category, observations };
    });
    scenes.push({ clip, tracks: tracks.filter((track) => track.observations.length > 0) });
  }
  return scenes;
}
