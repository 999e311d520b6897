/**
 * Bird's-eye trajectories for the viewer: each named track of a clip sampled
 * on the clip's 0.5 s grid (the same interpolation rule as the labels, via
 * `@stkit/kinematics`), projected onto the ground plane (normal = the clip's
 * up vector, seen from above), with its 12 o'clock reference step.
 *
 * Ground coordinates are rounded to centimetres to keep the page small;
 * absent frames are `null`.
 */
import type { Clip } from '@stkit/core';
import {
  frameTimesOf,
  groundPlaneBasis,
  projectToGround,
  referenceDirection,
  sampleTrackOnGrid,
} from '@stkit/kinematics';

/** One track on the grid, ground-plane metres. */
export interface TrackPlot {
  readonly category: string;
  /** `[e1, e2]` ground coordinates per grid frame (null where absent); e1 × e2 = up. */
  readonly points: ([number, number] | null)[];
  /** Grid index k of the reference step `P_{k+1} − P_k` (12 o'clock) and its ground vector; absent when the track has none. */
  readonly reference?: { readonly step: number; readonly x: number; readonly y: number };
}

/** The plot data of one clip. */
export interface ClipPlot {
  /** Clip seconds of the grid frames. */
  readonly times: number[];
  readonly tracks: Record<string, TrackPlot>;
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/**
 * Plot data of the tracks `trackIds` of `clip` (ids the clip lacks are
 * skipped). Errors of the clip's data (a non-finite time or coordinate)
 * propagate as the kinematics package's `ClipDataError`.
 */
export function clipPlot(clip: Clip, trackIds: ReadonlySet<string>): ClipPlot {
  const frameTimes = frameTimesOf(clip);
  const basis = groundPlaneBasis(clip.up);
  const tracks: Record<string, TrackPlot> = {};
  clip.tracks.forEach((track, trackIndex) => {
    if (!trackIds.has(track.id)) return;
    const grid = sampleTrackOnGrid(track, frameTimes, { clipId: clip.id, trackIndex });
    const ground = projectToGround(grid.positions, basis);
    const points: ([number, number] | null)[] = [];
    for (let k = 0; k < grid.frameCount; k++)
      points.push(grid.present[k] === 1 ? [round2(ground[2 * k]!), round2(ground[2 * k + 1]!)] : null);
    const reference = referenceDirection(ground, grid.present);
    tracks[track.id] = {
      category: track.category,
      points,
      ...(reference ? { reference: { step: reference.step, x: round2(reference.x), y: round2(reference.y) } } : {}),
    };
  });
  return { times: Array.from(frameTimes, round2), tracks };
}
