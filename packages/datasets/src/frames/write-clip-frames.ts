/**
 * Writes the frames of a clip with the visual prompt drawn:
 * `OUT/frames/<clipId>/<k>.jpg`, each written to a temporary name and renamed
 * when complete, so an interrupted run never leaves a half-written frame.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clip } from '@stkit/core';
import { writeFileAtomic } from '@stkit/core/node';
import { resolveFrameImage } from './frame-image';
import { drawPromptBoxes, type PromptBox, type Rgb } from './draw-prompt-boxes';

/** Options of {@link writeClipFrames}. */
export interface WriteClipFramesOptions {
  clip: Clip;
  /** Dataset root: relative `frames[k].image` paths are resolved against it. */
  root: string;
  /** Output folder `OUT`; frames go to `OUT/frames/<folder>/<k>.jpg`. */
  outDir: string;
  /**
   * Folder under `OUT/frames` (e.g. `<clipId>/<sampleId>` when each sample
   * has its own colours). @default clip.id
   */
  folder?: string;
  /** Only these frame indices are drawn (e.g. the frames a sample shows). @default every frame */
  frameIndices?: readonly number[];
  /** Box colour of each track to draw; tracks not listed are not drawn. */
  colors: ReadonlyMap<string, Rgb> | Readonly<Record<string, Rgb>>;
  /** Outline width, pixels. @default 3 */
  lineWidth?: number;
  /** A track sample is drawn on a frame when its time is within this of the frame's, seconds. @default 0.06 */
  toleranceSeconds?: number;
  /** JPEG quality. @default 90 */
  quality?: number;
  signal?: AbortSignal;
}

/** What {@link writeClipFrames} did. */
export interface WriteClipFramesResult {
  /** Paths written, by frame index (`undefined` where the frame was skipped or not asked for). */
  files: (string | undefined)[];
  /** Frames without an image (not drawn; the readers already warn once per run when images are absent). */
  skipped: number;
}

/**
 * The boxes to draw on frame `k`: for each coloured track, its sample nearest the frame time (within tolerance) that has a `box2d`.
 * @param toleranceSeconds - largest time between a sample and the frame for its box to be drawn. @default 0.06
 */
export function promptBoxesAt(
  clip: Clip,
  k: number,
  colors: ReadonlyMap<string, Rgb>,
  toleranceSeconds = 0.06,
): PromptBox[] {
  const t = clip.frames[k]!.t;
  const boxes: PromptBox[] = [];
  for (const track of clip.tracks) {
    const color = colors.get(track.id);
    if (!color) continue;
    let best: { d: number; box: readonly [number, number, number, number] } | undefined;
    for (const s of track.samples) {
      const d = Math.abs(s.t - t);
      if (s.box2d && d <= toleranceSeconds + 1e-9 && (!best || d < best.d)) best = { d, box: s.box2d };
    }
    if (best) boxes.push({ box: best.box, color });
  }
  return boxes;
}

/**
 * Draws and writes every frame of the clip that has an image (each file
 * written atomically).
 * @throws The signal's reason when `signal` aborts (checked before each frame).
 * @throws `DatasetFormatError` for a frame image that cannot be read or decoded (from {@link drawPromptBoxes}).
 * @throws `BackendLoadError` when sharp is not installed.
 */
export async function writeClipFrames(options: WriteClipFramesOptions): Promise<WriteClipFramesResult> {
  const colors =
    options.colors instanceof Map ? options.colors : new Map(Object.entries(options.colors as Record<string, Rgb>));
  const dir = join(options.outDir, 'frames', options.folder ?? options.clip.id);
  const only = options.frameIndices ? new Set(options.frameIndices) : undefined;
  const files: (string | undefined)[] = [];
  let skipped = 0;
  for (let k = 0; k < options.clip.frames.length; k++) {
    options.signal?.throwIfAborted();
    const image = options.clip.frames[k]!.image;
    if (only && !only.has(k)) {
      files.push(undefined);
      continue;
    }
    if (image === undefined) {
      skipped++;
      files.push(undefined);
      continue;
    }
    const bytes = await drawPromptBoxes({
      image: await resolveFrameImage(image, options.root),
      boxes: promptBoxesAt(options.clip, k, colors, options.toleranceSeconds),
      lineWidth: options.lineWidth,
      quality: options.quality,
      ...(options.clip.camera ? { boxSpace: options.clip.camera.intrinsics } : {}),
    });
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${k}.jpg`);
    // Temporary name, fsync, rename: a crash never leaves a half-written frame (core's one implementation).
    await writeFileAtomic(file, bytes);
    files.push(file);
  }
  return { files, skipped };
}
