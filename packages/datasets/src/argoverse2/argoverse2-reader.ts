/**
 * The Argoverse 2 sensor-dataset reader: every log folder under the root
 * (a folder holding `annotations.feather`; its parent folder names the split)
 * becomes clips of up to 40 frames on the 0.5 s grid, positions in the city
 * frame (`city_SE3_egovehicle(t) ∘ ego_SE3_object`), z up.
 */
import { readdir } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { DatasetFormatError, InvalidArgumentError, type Clip, type Pose } from '@stkit/core';
import { projectBoxToImageWithMatrix, quatMultiply, quatNormalize, quatRotateVec3 } from '@stkit/geometry';
import type { ClipReadEvent, DatasetReader, ReadClipsOptions } from '../reader';
import {
  assembleClips,
  createWarnOnce,
  readClipsByUnit,
  findDirsContaining,
  planClipWindows,
  poseAt,
  quatFromSe3,
  se3Compose,
  se3FromRotationTranslation,
  se3Inverse,
  secondsSince,
  timestampAfter,
  NANOSECONDS,
  type TrackObservation,
} from '../shared/index';
import { loadArgoverse2Log, type Argoverse2Log } from './argoverse2-log';

/** The camera used when `options.camera` is not given. */
export const ARGOVERSE2_DEFAULT_CAMERA = 'ring_front_center';

/** Options of the Argoverse 2 reader (the common {@link ReadClipsOptions} plus these). */
export interface Argoverse2ReadOptions extends ReadClipsOptions {
  /** Keep only these logs (folder names). */
  logs?: readonly string[];
  /** Largest distance between a grid time and the camera image used for it, seconds. @default 0.05 */
  imageToleranceSeconds?: number;
}

/** Creates the Argoverse 2 sensor-dataset reader. */
export function createArgoverse2Reader(): DatasetReader & {
  readClips(options: Argoverse2ReadOptions): AsyncIterable<ClipReadEvent>;
} {
  return { dataset: 'argoverse2', readClips: readArgoverse2Clips };
}

/** Streams the clips of every Argoverse 2 log under `options.root` (see {@link createArgoverse2Reader}). */
export async function* readArgoverse2Clips(options: Argoverse2ReadOptions): AsyncGenerator<ClipReadEvent> {
  const camera = options.camera ?? ARGOVERSE2_DEFAULT_CAMERA;
  let logDirs = await findDirsContaining(options.root, {
    entry: 'annotations.feather',
    maxDepth: 3,
    signal: options.signal,
  });
  if (options.split !== undefined) logDirs = logDirs.filter((d) => basename(dirname(d)) === options.split);
  if (options.logs) logDirs = logDirs.filter((d) => options.logs!.includes(basename(d)));
  if (logDirs.length === 0)
    options.onWarning?.(
      `Argoverse 2: no log folder (with annotations.feather) found under ${options.root}${options.split ? ` for split '${options.split}'` : ''}.`,
    );
  const warnOnce = createWarnOnce(options.onWarning);
  yield* readClipsByUnit(logDirs, {
    read: options,
    unit: 'logs',
    logOf: (dir) => basename(dir),
    load: async (dir) => {
      const log = await loadArgoverse2Log(dir, { camera, signal: options.signal });
      if (!log.camera) {
        if (log.cameraNames.length > 0) {
          throw new InvalidArgumentError({
            argument: 'camera',
            value: camera,
            message: `unknown Argoverse 2 camera; known: ${log.cameraNames.join(', ')}`,
          });
        }
        warnOnce(
          'calibration',
          `Argoverse 2: ${join(dir, 'calibration')} is absent; clips have no camera and objects no 2D boxes.`,
        );
      }
      const images = log.camera ? await listCameraImages(join(dir, 'sensors', 'cameras', camera)) : [];
      if (log.camera && images.length === 0) {
        warnOnce(
          'images',
          `Argoverse 2: no images in ${join(dir, 'sensors', 'cameras', camera)}; clips are produced without frame images (frames skipped).`,
        );
      }
      return buildClips(log, { ...options, camera }, images);
    },
  });
}

/** Sorted image timestamps (ns) of a camera folder; empty when the folder is absent. */
async function listCameraImages(folder: string): Promise<bigint[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  return names
    .filter((n) => /^\d+\.jpg$/.test(n))
    .map((n) => BigInt(n.slice(0, -4)))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function toPose(m: ArrayLike<number>): Pose {
  return { rotation: quatFromSe3(m), translation: [m[3]!, m[7]!, m[11]!] };
}

function buildClips(log: Argoverse2Log, options: Argoverse2ReadOptions & { camera: string }, images: bigint[]): Clip[] {
  const a = log.annotations;
  const n = a.timestamps.length;
  const observations: TrackObservation[] = new Array(n);
  const cameraFromEgo = log.camera ? se3Inverse(log.camera.egoFromCamera) : undefined;
  const scratchCenter = new Float64Array(3);
  const scratchRotation = new Float64Array(4);
  let end = 0;
  for (let i = 0; i < n; i++) {
    const time = secondsSince(log.origin, a.timestamps[i]!, NANOSECONDS);
    end = Math.max(end, time);
    const egoPose = poseAt(log.egoPoses, time, { exactSeconds: 1e-6, maxGapSeconds: 0.2 });
    if (!egoPose) {
      throw new DatasetFormatError({
        file: a.file,
        row: i + 1,
        field: 'timestamp_ns',
        reason: `missing ego pose: ${basename(log.egoPoses.file)} has no pose at or around ${a.timestamps[i]} ns`,
      });
    }
    const rotation = a.rotations.subarray(4 * i, 4 * i + 4);
    const center = a.centers.subarray(3 * i, 3 * i + 3);
    const size: [number, number, number] = [a.sizes[3 * i]!, a.sizes[3 * i + 1]!, a.sizes[3 * i + 2]!];
    // city_from_object = city_from_ego ∘ ego_from_object, with quaternions (no 4×4 per box):
    // centre = q_ego · c · q_ego* + t_ego, rotation = q_ego ⊗ q_object (normalised, w ≥ 0).
    const egoQ = Float64Array.from(egoPose.rotation);
    quatNormalize(egoQ, egoQ);
    quatRotateVec3(scratchCenter, egoQ, center);
    quatNormalize(scratchRotation, quatMultiply(scratchRotation, egoQ, rotation));
    const observation: TrackObservation = {
      trackId: a.trackIds[i]!,
      category: a.categories[i]!,
      time,
      timestamp: a.timestamps[i]!.toString(),
      center: [
        scratchCenter[0]! + egoPose.translation[0],
        scratchCenter[1]! + egoPose.translation[1],
        scratchCenter[2]! + egoPose.translation[2],
      ],
      size,
      rotation: [scratchRotation[0]!, scratchRotation[1]!, scratchRotation[2]!, scratchRotation[3]!],
    };
    if (log.camera && cameraFromEgo) {
      const box2d = projectBoxToImageWithMatrix(cameraFromEgo, log.camera.intrinsics, {
        center: [center[0]!, center[1]!, center[2]!],
        size,
        rotation: [rotation[0]!, rotation[1]!, rotation[2]!, rotation[3]!],
      });
      if (box2d) observation.box2d = box2d;
    }
    observations[i] = observation;
  }
  const windows = planClipWindows({ end, maxFrames: options.maxFrames ?? 40 });
  const tolerance = BigInt(Math.round((options.imageToleranceSeconds ?? 0.05) * 1e9));
  const cameraFolder = join(log.dir, 'sensors', 'cameras', options.camera);
  const root = options.root;
  return assembleClips({
    source: {
      dataset: 'argoverse2',
      log: basename(log.dir),
      split: basename(dirname(log.dir)),
      ...(log.camera ? { camera: options.camera } : {}),
      domain: 'driving',
    },
    up: [0, 0, 1],
    windows,
    observations,
    frameTimestamp: (time) => timestampAfter(log.origin, time, NANOSECONDS),
    frameImage:
      images.length > 0
        ? (time) => {
            const ts = nearest(images, BigInt(timestampAfter(log.origin, time, NANOSECONDS)), tolerance);
            return ts === undefined ? undefined : relative(root, join(cameraFolder, `${ts}.jpg`));
          }
        : undefined,
    ...(log.camera
      ? {
          intrinsics: log.camera.intrinsics,
          cameraPose: (time: number) => {
            const ego = poseAt(log.egoPoses, time, { maxGapSeconds: 0.2 });
            if (!ego) {
              throw new DatasetFormatError({
                file: log.egoPoses.file,
                field: 'timestamp_ns',
                reason: `missing ego pose at ${timestampAfter(log.origin, time, NANOSECONDS)} ns (a clip frame)`,
              });
            }
            return toPose(
              se3Compose(se3FromRotationTranslation(ego.rotation, ego.translation), log.camera!.egoFromCamera),
            );
          },
        }
      : {}),
  });
}

/** The element of sorted `values` nearest to `target`, if within `tolerance`. */
function nearest(values: bigint[], target: bigint, tolerance: bigint): bigint | undefined {
  let lo = 0,
    hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  let best: bigint | undefined;
  for (const i of [lo - 1, lo]) {
    const v = values[i];
    if (v === undefined) continue;
    const d = v > target ? v - target : target - v;
    if (d <= tolerance && (best === undefined || d < (best > target ? best - target : target - best))) best = v;
  }
  return best;
}
