/**
 * Cuts a sequence of grid frames into clip windows: consecutive frames whose
 * spacing lies within 0.5 s ± 0.25 s stay in one segment (a larger gap, e.g. a
 * dropped keyframe, starts a new segment); each segment is cut into
 * non-overlapping windows of `maxFrames`; a trailing window shorter than
 * `minFrames` is dropped.
 */
import { GRID_STEP_SECONDS } from '@stkit/core';

/** A window `[start, end)` of frame indices. */
export interface FrameWindow {
  start: number;
  end: number;
}

/** Grid spacing, seconds (core's {@link GRID_STEP_SECONDS}). */
export const GRID_SECONDS = GRID_STEP_SECONDS;
/** Largest deviation of a frame spacing from the grid that keeps frames in one segment, seconds. */
export const GRID_TOLERANCE_SECONDS = 0.25;

/** Windows over frames at `timestampsUs` (µs, increasing). */
export function clipWindows(timestampsUs: ArrayLike<number>, maxFrames: number, minFrames: number): FrameWindow[] {
  const windows: FrameWindow[] = [];
  const count = timestampsUs.length;
  let segmentStart = 0;
  for (let i = 1; i <= count; i++) {
    const broken =
      i === count || Math.abs((timestampsUs[i]! - timestampsUs[i - 1]!) / 1e6 - GRID_SECONDS) > GRID_TOLERANCE_SECONDS;
    if (!broken) continue;
    for (let start = segmentStart; start < i; start += maxFrames) {
      const end = Math.min(i, start + maxFrames);
      if (end - start >= minFrames) windows.push({ start, end });
    }
    segmentStart = i;
  }
  return windows;
}
