/**
 * The default rule-based stage (ours): [definitions §4](docs/pages/definitions.md#filtering)'s stage 1, reordered so that
 * it repairs before it discards. Per scene: camera-pose glitches make their
 * frame absent for every object. Per frame of a track: the detection
 * thresholds of [definitions §4](docs/pages/definitions.md#filtering) (an absent score is unknown, not low), DBSCAN
 * (min_points 5) with a radius that grows with the object's distance (the
 * footprint of one pixel), the largest cluster, and a slide-corrected centre
 * ({@link robustCenter}). Per track: per-frame outliers become absent
 * ({@link findFrameOutliers}); the track is dropped only when fewer than
 * `minObservations` frames, or less than `minKeptFraction` (40 %) of its frames,
 * remain, or by SPEC's size rules; then a constant-velocity
 * Rauch–Tung–Striebel smoother. No nearest-neighbour reordering: it permutes
 * positions against their times, so one bad frame becomes a wrong path.
 *
 * `applyRuleFilters` (rule-stage.ts) stays [definitions §4](docs/pages/definitions.md#filtering) exactly (`--filters paper`).
 */
import { InvalidArgumentError, type Clip, type Track } from '@stkit/core';
import { dbscan } from '../dbscan';
import { checkDetection, type DetectionFilterOptions } from '../detection-filter';
import { smoothTrajectory, type KalmanSmoothingOptions } from '../kalman-smoothing';
import { largestClusterLabel, selectCluster } from '../point-cloud';
import type { PseudoScene, PseudoTrack } from '../pseudo-scene';
import type { ObservationRejection, RuleFilterResult, TrackRejection } from '../rule-stage';
import { checkTrackSize, cloudExtent, type SceneFilterOptions } from '../scene-filter';
import { assessDirection, type DirectionNoiseOptions, type DirectionVerdict } from './direction-noise';
import { findFrameOutliers, type FrameOutlierOptions } from './frame-outliers';
import { testParked, type ParkedTestOptions, type ParkedVerdict } from './parked';
import { detectPoseGlitches, type PoseGlitchOptions } from './pose-glitches';
import { cloudFrame, estimateHalfDepth, nearFace, percentile, robustCenter } from './robust-center';

/** Options of {@link applyRepairingFilters}; every number is ours unless marked SPEC. */
export interface RepairingFilterOptions {
  /** [definitions §4](docs/pages/definitions.md#filtering) detection thresholds (box 0.4, text 0.3, 10 px²). */
  detection?: DetectionFilterOptions;
  /** DBSCAN `min_samples`. @default 5 ([definitions §4](docs/pages/definitions.md#filtering)) */
  minPoints?: number;
  /** DBSCAN denoising (largest cluster); `false` keeps every lifted point. @default true */
  denoise?: boolean;
  /** Smallest DBSCAN radius, metres. @default 0.1 */
  minEps?: number;
  /** DBSCAN radius in pixel footprints at the object's distance (`range / focal` metres each). @default 4 */
  epsPixels?: number;
  /** `'robust'`: slide-corrected centre; `'centroid'`: mean of the largest cluster. @default 'robust' */
  center?: 'robust' | 'centroid';
  /** Camera-pose glitch detection on `scene.cameras`, or `false`. */
  poseGlitches?: PoseGlitchOptions | false;
  /** Per-frame outlier test, or `false`. */
  frameOutliers?: FrameOutlierOptions | false;
  /**
   * A frame whose 2D box comes within this many pixels of the image border (the clip camera's size) is absent:
   * the object is cut off there, and its visible centre is not its centre. `false` keeps such frames. @default 2
   */
  borderMargin?: number | false;
  /**
   * Frames where the object is partly hidden behind a nearer one (`observation.occluded`): `true` makes every such
   * frame absent, `false` keeps them all, `'selective'` measures each: one whose visible area (points × (range /
   * focal)², m²) is at least `minVisibleShare` of what the track's unoccluded frames nearest in time show (the hidden
   * part is small) is an ordinary frame; one below is handled per `hiddenFrames`. A frame without a cloud or a camera
   * cannot be measured and is made absent. @default 'selective'
   */
  dropOccluded?: boolean | 'selective';
  /**
   * `dropOccluded: 'selective'`: an occluded frame below `minVisibleShare` is absent (`'absent'`), or kept for the
   * object's presence and path but left out of the parked test's statistic (`'presence'`). @default 'presence'
   */
  hiddenFrames?: 'absent' | 'presence';
  /**
   * Factor on the smoother's measurement variance for a mostly hidden frame kept for presence (`hiddenFrames:
   * 'presence'`): its biased centre counts for little, the path there follows the clear frames. @default 100
   */
  hiddenVarianceFactor?: number;
  /** `dropOccluded: 'selective'`: least visible area of an occluded frame, as a share of the prediction. @default 0.8 */
  minVisibleShare?: number;
  /** Least share of a track's frames that must survive. @default 0.4 */
  minKeptFraction?: number;
  /** Size rules (≥ 5 frames, median ≥ 30 points, extent ≥ 0.15 m). */
  scene?: SceneFilterOptions;
  /** Smoother, or `false`. @default constant velocity, RTS, q = 1, r = 10 (m²; 1 before the extended drives, see the README) */
  kalman?: KalmanSmoothingOptions | false;
  /**
   * Parked-object test ({@link testParked}): a track whose apparent motion stays within the depth/mask noise is
   * snapped to its static position (no distance/speed/direction question), or `false`. @default on, its defaults
   */
  parked?: ParkedTestOptions | false;
  /**
   * Direction test ({@link assessDirection}) on a kept moving track: its direction questions are asked only when the
   * reference and last steps are long against its position noise (`TrackYield.direction`), or `false`. @default on
   */
  direction?: DirectionNoiseOptions | false;
}

/** Why frames of a track were made absent by the default stage, beyond {@link ObservationRejection}. */
export type RepairRejection = ObservationRejection | 'pose_glitch' | 'frame_outlier' | 'truncated' | 'occluded';

/** What one track kept: frames in, frames kept, why the others went. */
export interface TrackYield {
  trackId: string;
  category: string;
  framesIn: number;
  framesKept: number;
  /** Frames made absent, per reason. */
  dropped: Partial<Record<RepairRejection, number>>;
  /**
   * Frames kept although the object was mostly hidden there (visible area below `minVisibleShare` of the prediction,
   * `hiddenFrames: 'presence'`): they count for its presence and path, not for the parked test.
   */
  partlyHidden?: number;
  verdict: 'kept' | TrackRejection | 'too_little_kept';
  /** The parked-object test on a kept track (absent when it did not run): whether it was snapped, and why. */
  motion?: Pick<ParkedVerdict, 'parked' | 'statistic' | 'maxOffset' | 'reason'>;
  /**
   * The direction test on a kept moving track (absent when it did not run): `reliable: false` means no direction
   * question (movement direction, direction timestamp) may be asked about it.
   */
  direction?: Pick<DirectionVerdict, 'reliable' | 'noise' | 'reason'>;
}

/** Result of {@link applyRepairingFilters}: {@link RuleFilterResult} plus the yield per track. */
export interface RepairingFilterResult extends Omit<RuleFilterResult, 'observations' | 'tracks'> {
  observations: Partial<Record<RepairRejection, number>>;
  tracks: Partial<Record<TrackRejection | 'too_little_kept', number>>;
  yields: TrackYield[];
  /** Clip times whose camera pose was a glitch. */
  poseGlitchTimes: number[];
  /**
   * Kept tracks that were repaired, per repair (`parked`: snapped to their static position; `no_direction`: their
   * steps are within the position noise, so no direction question).
   */
  repaired: Partial<Record<'parked' | 'no_direction', number>>;
}

const DEFAULT_KALMAN: KalmanSmoothingOptions = { processVariance: 1, measurementVariance: 10 };

function bump<K extends string>(counts: Partial<Record<K, number>>, key: K): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

interface CameraAt {
  position: readonly [number, number, number];
  focalLength: number;
}

/** Frames nearest in time whose visible area predicts an occluded frame's. */
const AREA_NEIGHBOURS = 4;

/**
 * Indices of the occluded frames that hide too much: visible area below `minShare` × the median area of the
 * {@link AREA_NEIGHBOURS} unoccluded frames nearest in time (the apparent size changes slowly with range and angle;
 * the area is already range-normalised). A track with no unoccluded frame keeps none of its occluded ones.
 */
export function selectHiddenFrames(
  frames: readonly { t: number; area?: number; occluded?: boolean }[],
  minShare: number,
): Set<number> {
  if (!(Number.isFinite(minShare) && minShare >= 0))
    throw new InvalidArgumentError({
      argument: 'minVisibleShare',
      value: minShare,
      message: 'must be a finite number ≥ 0',
    });
  const clear = frames.flatMap((frame) => (!frame.occluded && frame.area !== undefined ? [frame] : []));
  const hidden = new Set<number>();
  frames.forEach((frame, k) => {
    if (!frame.occluded) return;
    if (frame.area === undefined || clear.length === 0) {
      hidden.add(k);
      return;
    }
    const nearest = [...clear]
      .sort((a, b) => Math.abs(a.t - frame.t) - Math.abs(b.t - frame.t))
      .slice(0, AREA_NEIGHBOURS);
    const predicted = percentile(
      Float64Array.from(nearest, (entry) => entry.area!),
      50,
    );
    if (frame.area < minShare * predicted) hidden.add(k);
  });
  return hidden;
}

function filterTrack(
  track: PseudoTrack,
  scene: PseudoScene,
  cameras: Map<string, CameraAt>,
  glitchTimes: Set<string>,
  options: RepairingFilterOptions,
  result: RepairingFilterResult,
): Track | undefined {
  const yieldEntry: TrackYield = {
    trackId: track.id,
    category: track.category,
    framesIn: track.observations.length,
    framesKept: 0,
    dropped: {},
    verdict: 'kept',
  };
  result.yields.push(yieldEntry);
  const drop = (reason: RepairRejection): void => {
    bump(yieldEntry.dropped, reason);
    bump(result.observations, reason);
  };
  const minEps = options.minEps ?? 0.1,
    epsPixels = options.epsPixels ?? 4,
    minPoints = options.minPoints ?? 5;
  const up = scene.clip.up as readonly [number, number, number];
  const frames: {
    t: number;
    timestamp?: string;
    box?: readonly [number, number, number, number];
    points?: Float64Array;
    center?: readonly [number, number, number];
    camera?: CameraAt;
    visibleDepth?: number;
    medianDepth?: number;
    pointCount?: number;
    extent?: number;
    /** Visible area, m² (points × pixel footprint²). */
    area?: number;
    occluded?: boolean;
    /** Occluded beyond `minVisibleShare` but kept (`hiddenFrames: 'presence'`): not used by the parked test. */
    hidden?: boolean;
  }[] = [];
  const occludedMode = options.dropOccluded ?? 'selective';
  for (const [index, observation] of track.observations.entries()) {
    const key = observation.t.toFixed(6);
    if (glitchTimes.has(key)) {
      drop('pose_glitch');
      continue;
    }
    let rejection;
    try {
      rejection = checkDetection(observation, options.detection);
    } catch (error) {
      if (InvalidArgumentError.isInstance(error))
        throw new InvalidArgumentError({
          argument: `clip '${scene.clip.id}' track '${track.id}' observations[${index}].${error.argument}`,
          value: error.value,
          message: error.message.replace(/^Invalid argument '[^']*': /, ''),
          cause: error,
        });
      throw error;
    }
    if (rejection) {
      drop(rejection);
      continue;
    }
    const image = scene.clip.camera?.intrinsics;
    const margin = options.borderMargin ?? 2;
    if (margin !== false && image && observation.box) {
      const [x1, y1, x2, y2] = observation.box;
      if (x1 <= margin || y1 <= margin || x2 >= image.width - margin || y2 >= image.height - margin) {
        drop('truncated');
        continue;
      }
    }
    // A partly hidden object shows a cut silhouette: its centre is not its centre (unless little is hidden, below).
    const camera = cameras.get(key);
    if (
      observation.occluded &&
      (occludedMode === true || (occludedMode === 'selective' && !(camera && observation.points)))
    ) {
      drop('occluded');
      continue;
    }
    if (observation.points) {
      const points = observation.points;
      if (points.length % 3 !== 0)
        throw new InvalidArgumentError({
          argument: `clip '${scene.clip.id}' track '${track.id}' observations[${index}].points`,
          value: points.length,
          message: 'length must be a multiple of 3',
        });
      let eps = minEps,
        range: number | undefined;
      if (camera && points.length > 0) {
        // Radius from the median range: one pixel covers range / focal metres there.
        const ranges = new Float64Array(points.length / 3);
        for (let i = 0; i < ranges.length; i++)
          ranges[i] = Math.hypot(
            points[3 * i]! - camera.position[0],
            points[3 * i + 1]! - camera.position[1],
            points[3 * i + 2]! - camera.position[2],
          );
        range = percentile(ranges, 50);
        eps = Math.max(minEps, (epsPixels * range) / camera.focalLength);
      }
      let cluster = points;
      if (options.denoise !== false) {
        const { labels, clusterCount } = dbscan(points, { eps, minPoints });
        const best = largestClusterLabel(labels, clusterCount);
        if (best === -1) {
          drop('empty_cloud');
          continue;
        }
        cluster = selectCluster(points, labels, best);
      } else if (points.length === 0) {
        drop('empty_cloud');
        continue;
      }
      const frame: (typeof frames)[number] = {
        t: observation.t,
        points: cluster,
        pointCount: cluster.length / 3,
        extent: cloudExtent(cluster),
      };
      if (camera && range !== undefined) frame.area = (cluster.length / 3) * (range / camera.focalLength) ** 2;
      if (observation.occluded) frame.occluded = true;
      if (camera && (options.center ?? 'robust') === 'robust') {
        frame.camera = camera;
        const face = nearFace(cloudFrame(cluster, camera.position, up));
        frame.visibleDepth = face.visibleDepth;
        frame.medianDepth = face.median - face.near;
      }
      if (observation.timestamp !== undefined) frame.timestamp = observation.timestamp;
      if (observation.box) frame.box = observation.box;
      frames.push(frame);
    } else if (observation.center) {
      frames.push({
        t: observation.t,
        center: observation.center,
        ...(observation.timestamp !== undefined ? { timestamp: observation.timestamp } : {}),
        ...(observation.box ? { box: observation.box } : {}),
      });
    } else drop('no_position');
  }
  if (occludedMode === 'selective') {
    const hidden = selectHiddenFrames(frames, options.minVisibleShare ?? 0.8);
    if ((options.hiddenFrames ?? 'presence') === 'presence') {
      for (const k of hidden) frames[k]!.hidden = true;
      if (hidden.size > 0) yieldEntry.partlyHidden = hidden.size;
    } else {
      for (let i = 0; i < hidden.size; i++) drop('occluded');
      if (hidden.size > 0) frames.splice(0, frames.length, ...frames.filter((_, k) => !hidden.has(k)));
    }
  }
  const pointCounts = frames.flatMap((frame) => (frame.pointCount !== undefined ? [frame.pointCount] : [])),
    extents = frames.flatMap((frame) => (frame.extent !== undefined ? [frame.extent] : []));
  // Far objects are a few pixels wide: DBSCAN's own 5 points (not the SPEC stage's 30) once it has run.
  const size = checkTrackSize(
    { observations: frames.length, pointCounts, extents },
    { minPointsPerFrame: 5, ...options.scene },
  );
  if (size) {
    yieldEntry.verdict = size;
    bump(result.tracks, size);
    return undefined;
  }
  const halfDepth = estimateHalfDepth(
    frames.flatMap((frame) => (frame.visibleDepth !== undefined ? [frame.visibleDepth] : [])),
  );
  // Centre = median ray coordinate + a per-track offset (half the depth minus the median's depth behind the near face).
  const medianDepths = frames.flatMap((frame) => (frame.medianDepth !== undefined ? [frame.medianDepth] : []));
  const medianOffset = medianDepths.length > 0 ? halfDepth - percentile(Float64Array.from(medianDepths), 50) : 0;
  const centers = new Float64Array(3 * frames.length);
  frames.forEach((frame, k) => {
    let c: readonly [number, number, number];
    if (frame.center) c = frame.center;
    else if (frame.camera)
      c = robustCenter(frame.points!, { cameraPosition: frame.camera.position, up, halfDepth, medianOffset });
    else {
      const p = frame.points!;
      let x = 0,
        y = 0,
        z = 0;
      for (let i = 0; i < p.length; i += 3) {
        x += p[i]!;
        y += p[i + 1]!;
        z += p[i + 2]!;
      }
      c = [(3 * x) / p.length, (3 * y) / p.length, (3 * z) / p.length];
    }
    centers[3 * k] = c[0];
    centers[3 * k + 1] = c[1];
    centers[3 * k + 2] = c[2];
  });
  const times = frames.map((frame) => frame.t);
  const outliers = options.frameOutliers === false ? [] : findFrameOutliers(centers, times, options.frameOutliers);
  const outlierSet = new Set(outliers);
  for (let i = 0; i < outliers.length; i++) drop('frame_outlier');
  const keptIndex = frames.map((_, k) => k).filter((k) => !outlierSet.has(k));
  yieldEntry.framesKept = keptIndex.length;
  const minObservations = options.scene?.minObservations ?? 5;
  if (keptIndex.length < minObservations) {
    yieldEntry.verdict = 'too_few_observations';
    bump(result.tracks, 'too_few_observations');
    yieldEntry.framesKept = 0;
    return undefined;
  }
  if (keptIndex.length < (options.minKeptFraction ?? 0.4) * track.observations.length) {
    yieldEntry.verdict = 'too_little_kept';
    bump(result.tracks, 'too_little_kept');
    yieldEntry.framesKept = 0;
    return undefined;
  }
  let positions: Float64Array = new Float64Array(3 * keptIndex.length);
  keptIndex.forEach((k, j) => {
    positions[3 * j] = centers[3 * k]!;
    positions[3 * j + 1] = centers[3 * k + 1]!;
    positions[3 * j + 2] = centers[3 * k + 2]!;
  });
  const keptTimes = keptIndex.map((k) => times[k]!);
  let parked = false;
  if (options.parked !== false) {
    const extent = extents.length > 0 ? percentile(Float64Array.from(extents), 50) : 0;
    // The parked test on the frames whose centre is trustworthy (not mostly hidden), when enough remain.
    const clear = keptIndex.flatMap((k, j) => (frames[k]!.hidden ? [] : [j]));
    const tested = clear.length >= minObservations ? clear : keptIndex.map((_, j) => j);
    const verdict = testParked(
      {
        positions: Float64Array.from(
          tested.flatMap((j) => [positions[3 * j]!, positions[3 * j + 1]!, positions[3 * j + 2]!]),
        ),
        cameras: tested.map((j) => cameras.get(keptTimes[j]!.toFixed(6))?.position),
        up,
        extent,
      },
      options.parked,
    );
    yieldEntry.motion = {
      parked: verdict.parked,
      statistic: verdict.statistic,
      maxOffset: verdict.maxOffset,
      reason: verdict.reason,
    };
    if (verdict.parked) {
      // Repaired, not dropped: one position for every kept frame, so SPEC §2's stationary rule sees no motion.
      parked = true;
      for (let j = 0; j < keptIndex.length; j++) positions.set(verdict.position, 3 * j);
      bump(result.repaired, 'parked');
    }
  }
  const kalman = options.kalman === undefined ? DEFAULT_KALMAN : options.kalman;
  if (!parked) {
    const raw = positions;
    if (kalman !== false) {
      // A mostly hidden frame's centre is biased (a cut silhouette, a shifted median depth): it counts for little.
      const factor = options.hiddenVarianceFactor ?? 100;
      const measurementScale = keptIndex.map((k) => (frames[k]!.hidden ? factor : 1));
      positions = smoothTrajectory(positions, keptTimes, {
        ...kalman,
        ...(measurementScale.some((value) => value !== 1) ? { measurementScale } : {}),
      }).positions;
    }
    if (options.direction !== false) {
      const verdict = assessDirection({ raw, smoothed: positions, times: keptTimes, up }, options.direction);
      yieldEntry.direction = { reliable: verdict.reliable, noise: verdict.noise, reason: verdict.reason };
      if (!verdict.reliable) bump(result.repaired, 'no_direction');
    }
  }
  return {
    id: track.id,
    category: track.category,
    samples: keptIndex.map((k, j) => {
      const frame = frames[k]!;
      return {
        t: frame.t,
        ...(frame.timestamp !== undefined ? { timestamp: frame.timestamp } : {}),
        center: [positions[3 * j]!, positions[3 * j + 1]!, positions[3 * j + 2]!] as [number, number, number],
        ...(frame.box !== undefined ? { box2d: [...frame.box] as [number, number, number, number] } : {}),
      };
    }),
  };
}

/**
 * Runs the default (repairing) rule-based stage on one scene; see the module comment.
 * @throws {@link InvalidArgumentError} for `clip '…' cameras[t=…].focalLength`: must be > 0
 */
export function applyRepairingFilters(scene: PseudoScene, options: RepairingFilterOptions = {}): RepairingFilterResult {
  const result: RepairingFilterResult = {
    clip: undefined,
    sceneRejection: undefined,
    observations: {},
    tracks: {},
    trackVerdicts: [],
    yields: [],
    poseGlitchTimes: [],
    repaired: {},
  };
  const cameras = new Map<string, CameraAt>();
  for (const camera of scene.cameras ?? []) {
    if (!(camera.focalLength > 0))
      throw new InvalidArgumentError({
        argument: `clip '${scene.clip.id}' cameras[t=${camera.t}].focalLength`,
        value: camera.focalLength,
        message: 'must be > 0',
      });
    cameras.set(camera.t.toFixed(6), { position: camera.translation, focalLength: camera.focalLength });
  }
  const glitchTimes = new Set<string>();
  if (options.poseGlitches !== false && scene.cameras && scene.cameras.length >= 3) {
    for (const index of detectPoseGlitches(scene.cameras, options.poseGlitches || {}).glitches) {
      const t = scene.cameras[index]!.t;
      glitchTimes.add(t.toFixed(6));
      result.poseGlitchTimes.push(t);
    }
  }
  const kept: Track[] = [];
  for (const track of scene.tracks) {
    const filtered = filterTrack(track, scene, cameras, glitchTimes, options, result);
    const entry = result.yields[result.yields.length - 1]!;
    if (filtered) kept.push(filtered);
    result.trackVerdicts.push({
      trackId: track.id,
      verdict: entry.verdict === 'too_little_kept' ? 'too_few_observations' : entry.verdict,
      reordered: false,
    });
  }
  if (kept.length === 0) result.sceneRejection = 'no_track_left';
  else result.clip = { ...scene.clip, tracks: kept } satisfies Clip;
  return result;
}
