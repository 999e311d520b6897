/**
 * Everything [definitions §2](docs/pages/definitions.md#grounding) derives from a clip, computed once per track and shared
 * by every task: grid positions, ground-plane coordinates, presence segments,
 * the reference direction and per-step clocks.
 */
import type { Clip, Track } from '@stkit/core';
import { ClipDataError } from './errors';
import { frameTimesOf, sampleTrackOnGrid, type TrackGrid } from './frame-grid';
import { groundPlaneBasis, projectToGround } from './ground-plane';
import { longestPresence, presenceSegments, type PresenceSegment } from './presence';
import {
  referenceDirection,
  stepClocks,
  type ReferenceDirection,
  type ReferenceDirectionRule,
} from './step-directions';
import { DEFAULT_TIME_EPSILON_SECONDS } from './tolerances';

/** Options of {@link analyzeClip}; every default is the SPEC value. */
export interface KinematicsOptions {
  /** Largest annotation gap bridged by interpolation, seconds ([definitions §2](docs/pages/definitions.md#interpolation), ours). @default 1.0 */
  maxInterpolationGapSeconds?: number;
  /** Time-equality tolerance, seconds. @default 1e-6 */
  timeEpsilonSeconds?: number;
  /** A step shorter than this on the ground plane has no direction, metres ([definitions §2](docs/pages/definitions.md#clocks), ours). @default 0.3 */
  minStepMeters?: number;
  /** Which step defines 12 o'clock; see {@link ReferenceDirectionRule}. @default 'first-moving-step' */
  referenceDirection?: ReferenceDirectionRule;
}

/** The [definitions §2](docs/pages/definitions.md#grounding) quantities of one track. */
export interface TrackKinematics extends TrackGrid {
  /** Track id. */
  readonly trackId: string;
  /** Track category. */
  readonly category: string;
  /** Index in `clip.tracks`. */
  readonly trackIndex: number;
  /** Ground-plane coordinates, shape `[N, 2]` row-major (see `projectToGround`). */
  readonly ground: Float64Array;
  /** Gap-free presence segments, in time order. */
  readonly segments: readonly PresenceSegment[];
  /** The longest gap-free presence (ties → earliest), or undefined when never present. */
  readonly longest: PresenceSegment | undefined;
  /** 12 o'clock of this track, or undefined when it has none. */
  readonly reference: ReferenceDirection | undefined;
  /** Clock of each step k → k+1 (1…12), 0 = no direction; length `max(N − 1, 0)`. */
  readonly clocks: Uint8Array;
}

/** The [definitions §2](docs/pages/definitions.md#grounding) quantities of a clip. */
export interface ClipKinematics {
  /** Clip id. */
  readonly clipId: string;
  /** Grid times `t_k`, clip seconds. */
  readonly frameTimes: Float64Array;
  /** Ground-plane basis `[e1, e2]` with `e1 × e2 = up` (see `groundPlaneBasis`). */
  readonly basis: Float64Array;
  /** One entry per `clip.tracks`, same order. */
  readonly tracks: readonly TrackKinematics[];
}

/**
 * Reusable backing storage for {@link analyzeClip}. Passing one avoids a new
 * off-heap buffer per clip (which, over thousands of clips, costs more in
 * garbage collection than the kinematics themselves); the arrays of the
 * result are then views into it and stay valid only until the next
 * `analyzeClip` call with the same workspace.
 */
export interface KinematicsWorkspace {
  /** Positions and ground coordinates of every track; grown on demand. */
  doubles: Float64Array;
  /** Presence and step clocks of every track; grown on demand. */
  bytes: Uint8Array;
}

/** An empty {@link KinematicsWorkspace}. */
export function createKinematicsWorkspace(): KinematicsWorkspace {
  return { doubles: new Float64Array(0), bytes: new Uint8Array(0) };
}

/**
 * Computes every track's grid positions, ground coordinates, presence,
 * reference direction and step clocks, once.
 * @param workspace - optional reusable storage; without it the result owns fresh arrays.
 * @throws {@link ClipDataError} on non-finite values, non-increasing frame times, a zero up vector or duplicate track ids.
 */
export function analyzeClip(
  clip: Pick<Clip, 'id' | 'frames' | 'up' | 'tracks'>,
  options: KinematicsOptions = {},
  workspace?: KinematicsWorkspace,
): ClipKinematics {
  const frameTimes = frameTimesOf(clip);
  let basis: Float64Array;
  try {
    basis = groundPlaneBasis(clip.up);
  } catch (cause) {
    throw new ClipDataError({
      clipId: clip.id,
      field: 'up',
      reason: `must be a finite non-zero vector, got [${clip.up.join(', ')}]`,
      cause,
    });
  }
  const seen = new Set<string>();
  const tracks: TrackKinematics[] = [];
  // One backing buffer for all tracks' arrays, sliced into views: typed arrays above 64 bytes get an
  // off-heap backing store each, so 4 × T small allocations would dominate the cost of a clip.
  const frameCount = frameTimes.length;
  const stepCount = Math.max(frameCount - 1, 0);
  const trackCount = clip.tracks.length;
  const doubleCount = trackCount * frameCount * 5; // positions [N,3] then ground [N,2] per track
  const byteCount = trackCount * (frameCount + stepCount); // present [N] then clocks [N−1] per track
  let doubles: Float64Array;
  let bytes: Uint8Array;
  if (workspace) {
    if (workspace.doubles.length < doubleCount)
      workspace.doubles = new Float64Array(Math.max(doubleCount, 2 * workspace.doubles.length));
    if (workspace.bytes.length < byteCount)
      workspace.bytes = new Uint8Array(Math.max(byteCount, 2 * workspace.bytes.length));
    doubles = workspace.doubles;
    bytes = workspace.bytes;
  } else {
    doubles = new Float64Array(doubleCount);
    bytes = new Uint8Array(byteCount);
  }
  for (let index = 0; index < trackCount; index++) {
    const track = clip.tracks[index]!;
    if (seen.has(track.id)) {
      throw new ClipDataError({
        clipId: clip.id,
        trackId: track.id,
        trackIndex: index,
        field: `tracks[${index}].id`,
        reason: `duplicate track id '${track.id}'`,
      });
    }
    seen.add(track.id);
    const d = index * frameCount * 5;
    const b = index * (frameCount + stepCount);
    const scratch: TrackScratch = {
      positions: doubles.subarray(d, d + 3 * frameCount),
      ground: doubles.subarray(d + 3 * frameCount, d + 5 * frameCount),
      present: bytes.subarray(b, b + frameCount),
      clocks: bytes.subarray(b + frameCount, b + frameCount + stepCount),
    };
    tracks.push(analyzeTrack(track, index, frameTimes, basis, clip.id, options, scratch));
  }
  return { clipId: clip.id, frameTimes, basis, tracks };
}

/** Preallocated arrays for {@link analyzeTrack}: positions `[N,3]`, ground `[N,2]`, present `[N]`, clocks `[N−1]`. */
export interface TrackScratch {
  /** Length `3N`. */
  positions: Float64Array;
  /** Length `2N`. */
  ground: Float64Array;
  /** Length `N`. */
  present: Uint8Array;
  /** Length `max(N − 1, 0)`. */
  clocks: Uint8Array;
}

/**
 * The [definitions §2](docs/pages/definitions.md#grounding) quantities of one track (see {@link analyzeClip}).
 * @param trackIndex - index of the track in `clip.tracks`, for error messages.
 * @param basis - ground-plane basis from `groundPlaneBasis(clip.up)`.
 * @param clipId - id of the clip, for error messages.
 * @param scratch - optional preallocated arrays the result will use (and own).
 */
export function analyzeTrack(
  track: Pick<Track, 'id' | 'category' | 'samples'>,
  trackIndex: number,
  frameTimes: Float64Array,
  basis: Float64Array,
  clipId: string,
  options: KinematicsOptions = {},
  scratch?: TrackScratch,
): TrackKinematics {
  const minStep = options.minStepMeters ?? 0.3;
  const grid = sampleTrackOnGrid(
    track,
    frameTimes,
    {
      maxInterpolationGapSeconds: options.maxInterpolationGapSeconds ?? 1.0,
      timeEpsilonSeconds: options.timeEpsilonSeconds ?? DEFAULT_TIME_EPSILON_SECONDS,
      clipId,
      trackIndex,
    },
    scratch ? { frameCount: frameTimes.length, positions: scratch.positions, present: scratch.present } : undefined,
  );
  const ground = projectToGround(grid.positions, basis, scratch?.ground);
  const segments = presenceSegments(grid.present);
  const reference = referenceDirection(
    ground,
    grid.present,
    minStep,
    options.referenceDirection ?? 'first-moving-step',
  );
  return {
    trackId: track.id,
    category: track.category,
    trackIndex,
    frameCount: grid.frameCount,
    positions: grid.positions,
    present: grid.present,
    ground,
    segments,
    longest: longestPresence(grid.present, frameTimes, segments),
    reference,
    clocks: stepClocks(ground, grid.present, reference, minStep, scratch?.clocks),
  };
}
