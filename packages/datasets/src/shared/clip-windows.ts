/**
 * Clip windows on the 0.5 s grid ([definitions §2](docs/pages/definitions.md#grid)): a log of a given duration is cut
 * into consecutive, non-overlapping windows of at most `maxFrames` frames.
 */
import { GRID_STEP_SECONDS, InvalidArgumentError, MAX_CLIP_FRAMES } from '@stkit/core';

// The grid constants live in core; re-exported here for the readers that import them from this module.
export { GRID_STEP_SECONDS, MAX_CLIP_FRAMES };

/** One window: frames `t = start + 0.5·k`, k = 0 … frameCount − 1 (log seconds). */
export interface ClipWindow {
  /** 0-based window index within the log. */
  index: number;
  /** Log seconds of the window's first frame. */
  start: number;
  /** Number of grid frames. */
  frameCount: number;
}

/** Options of {@link planClipWindows}. */
export interface PlanClipWindowsOptions {
  /** Log seconds of the first annotation (the grid origin). @default 0 */
  start?: number;
  /** Log seconds of the last annotation; grid frames never go past it. */
  end: number;
  /** Frames per window. @default 40 */
  maxFrames?: number;
  /** A trailing window shorter than this is dropped. @default 5 (2 s) */
  minFrames?: number;
}

/**
 * Consecutive windows covering `[start, end]`: window w starts at
 * `start + w · maxFrames · 0.5` s and has up to `maxFrames` frames, all ≤ `end`
 * (a tolerance of 1 µs absorbs float round-off). Windows with fewer than
 * `minFrames` frames are dropped.
 */
export function planClipWindows(options: PlanClipWindowsOptions): ClipWindow[] {
  const start = options.start ?? 0;
  const maxFrames = options.maxFrames ?? MAX_CLIP_FRAMES;
  const minFrames = options.minFrames ?? 5;
  if (!Number.isInteger(maxFrames) || maxFrames < 1 || maxFrames > MAX_CLIP_FRAMES) {
    throw new InvalidArgumentError({
      argument: 'maxFrames',
      value: maxFrames,
      message: `must be an integer in 1…${MAX_CLIP_FRAMES}`,
    });
  }
  if (!Number.isFinite(start) || !Number.isFinite(options.end)) {
    throw new InvalidArgumentError({
      argument: 'end',
      value: options.end,
      message: 'start and end must be finite seconds',
    });
  }
  const totalFrames = Math.floor((options.end - start) / GRID_STEP_SECONDS + 1e-6) + 1;
  const windows: ClipWindow[] = [];
  for (let first = 0, index = 0; first < totalFrames; first += maxFrames, index++) {
    const frameCount = Math.min(maxFrames, totalFrames - first);
    if (frameCount < Math.max(1, minFrames)) break;
    windows.push({ index, start: start + first * GRID_STEP_SECONDS, frameCount });
  }
  return windows;
}
