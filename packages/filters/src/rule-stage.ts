/**
 * Stage 1 of [definitions §4](docs/pages/definitions.md#filtering), the rule-based filter, on one scene: per frame,
 * detection filters then DBSCAN denoising (largest cluster) and centroid; per
 * track, scene (size) filters, trajectory outlier tests, nearest-neighbour
 * reordering and 3D Kalman smoothing. Returns the clip with the surviving,
 * smoothed tracks and per-reason counts.
 */
import { InvalidArgumentError, ShapeMismatchError, type Clip, type Track } from '@stkit/core';
import { checkDetection, type DetectionFilterOptions, type DetectionRejection } from './detection-filter';
import { smoothTrajectory, type KalmanSmoothingOptions } from './kalman-smoothing';
import { nearestNeighbourOrder } from './nearest-neighbour-order';
import { centroid, denoisePointCloud, type DenoiseOptions } from './point-cloud';
import type { PseudoScene, PseudoTrack } from './pseudo-scene';
import { checkTrackSize, cloudExtent, type SceneFilterOptions, type SceneRejection } from './scene-filter';
import {
  checkTrajectoryOutliers,
  type TrajectoryOutlierOptions,
  type TrajectoryRejection,
} from './trajectory-outliers';

/** Options of {@link applyRuleFilters}; every threshold defaults to [definitions §4](docs/pages/definitions.md#filtering) (or ours where SPEC is silent). */
export interface RuleFilterOptions {
  detection?: DetectionFilterOptions;
  denoise?: DenoiseOptions;
  scene?: SceneFilterOptions;
  trajectory?: TrajectoryOutlierOptions;
  /** Kalman smoothing options, or `false` to skip smoothing. */
  kalman?: KalmanSmoothingOptions | false;
  /** Skip the nearest-neighbour reordering. @default false */
  skipReordering?: boolean;
}

/** Why a frame's observation was dropped. */
export type ObservationRejection = DetectionRejection | 'empty_cloud' | 'no_position';
/** Why a track was dropped. */
export type TrackRejection = SceneRejection | TrajectoryRejection;

/** Result of {@link applyRuleFilters}. */
export interface RuleFilterResult {
  /** The clip with the kept, smoothed tracks; undefined when the scene is dropped. */
  clip: Clip | undefined;
  /** Why the scene was dropped (`no_track_left`), if it was. */
  sceneRejection: 'no_track_left' | undefined;
  /** Dropped observations per reason. */
  observations: Partial<Record<ObservationRejection, number>>;
  /** Dropped tracks per reason. */
  tracks: Partial<Record<TrackRejection, number>>;
  /** Per track: its verdict (`kept` or the reason) and the frames that were reordered. */
  trackVerdicts: { trackId: string; verdict: 'kept' | TrackRejection; reordered: boolean }[];
}

function bump<K extends string>(counts: Partial<Record<K, number>>, key: K): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Runs `run`, re-throwing argument and shape errors with `where` (clip, track, frame) prefixed. */
function located<T>(where: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) {
      throw new InvalidArgumentError({
        argument: `${where}.${error.argument}`,
        value: error.value,
        message: error.message.replace(/^Invalid argument '[^']*': /, ''),
        cause: error,
      });
    }
    if (ShapeMismatchError.isInstance(error)) {
      throw new ShapeMismatchError({
        what: `${where}.${error.what}`,
        expected: error.expected,
        actual: error.actual,
        cause: error,
      });
    }
    throw error;
  }
}

function filterTrack(
  clipId: string,
  track: PseudoTrack,
  options: RuleFilterOptions,
  observationCounts: Partial<Record<ObservationRejection, number>>,
): { track: Track; reordered: boolean } | TrackRejection {
  const times: number[] = [];
  const timestamps: (string | undefined)[] = [];
  const boxes: (readonly [number, number, number, number] | undefined)[] = [];
  const centers: number[] = [];
  const pointCounts: number[] = [];
  const extents: number[] = [];
  const trackWhere = `clip '${clipId}' track '${track.id}'`;
  for (const [index, observation] of track.observations.entries()) {
    const where = `${trackWhere} observations[${index}]`;
    const rejection = located(where, () => checkDetection(observation, options.detection));
    if (rejection) {
      bump(observationCounts, rejection);
      continue;
    }
    let center: readonly [number, number, number] | undefined = observation.center;
    if (observation.points) {
      const denoised = located(`${where}.points`, () => denoisePointCloud(observation.points!, options.denoise));
      if (denoised.points.length === 0) {
        bump(observationCounts, 'empty_cloud');
        continue;
      }
      center = centroid(denoised.points);
      pointCounts.push(denoised.points.length / 3);
      extents.push(cloudExtent(denoised.points));
    } else if (!center) {
      bump(observationCounts, 'no_position');
      continue;
    }
    times.push(observation.t);
    timestamps.push(observation.timestamp);
    boxes.push(observation.box);
    centers.push(center[0], center[1], center[2]);
  }
  const sizeRejection = checkTrackSize({ observations: times.length, pointCounts, extents }, options.scene);
  if (sizeRejection) return sizeRejection;
  let positions: Float64Array = Float64Array.from(centers);
  const outliers = located(trackWhere, () => checkTrajectoryOutliers(positions, options.trajectory));
  if (outliers.rejection) return outliers.rejection;
  let reordered = false;
  if (!options.skipReordering) {
    const result = nearestNeighbourOrder(positions);
    positions = result.centers;
    reordered = result.changed;
  }
  const kalman = options.kalman;
  if (kalman !== false) {
    const raw = positions;
    positions = located(trackWhere, () => smoothTrajectory(raw, times, kalman ?? {})).positions;
  }
  return {
    reordered,
    track: {
      id: track.id,
      category: track.category,
      samples: times.map((t, k) => ({
        t,
        ...(timestamps[k] !== undefined ? { timestamp: timestamps[k] } : {}),
        center: [positions[3 * k]!, positions[3 * k + 1]!, positions[3 * k + 2]!] as [number, number, number],
        ...(boxes[k] !== undefined ? { box2d: [...boxes[k]!] as [number, number, number, number] } : {}),
      })),
    },
  };
}

/** Runs the rule-based stage on one scene. */
export function applyRuleFilters(scene: PseudoScene, options: RuleFilterOptions = {}): RuleFilterResult {
  const observations: RuleFilterResult['observations'] = {};
  const tracks: RuleFilterResult['tracks'] = {};
  const trackVerdicts: RuleFilterResult['trackVerdicts'] = [];
  const kept: Track[] = [];
  for (const track of scene.tracks) {
    const result = filterTrack(scene.clip.id, track, options, observations);
    if (typeof result === 'string') {
      bump(tracks, result);
      trackVerdicts.push({ trackId: track.id, verdict: result, reordered: false });
    } else {
      kept.push(result.track);
      trackVerdicts.push({ trackId: track.id, verdict: 'kept', reordered: result.reordered });
    }
  }
  const dropped = kept.length === 0;
  return {
    clip: dropped ? undefined : { ...scene.clip, tracks: kept },
    sceneRejection: dropped ? 'no_track_left' : undefined,
    observations,
    tracks,
    trackVerdicts,
  };
}
