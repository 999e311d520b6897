/**
 * The Project Aria MPS / Ego-Exo4D reader: every `closed_loop_trajectory.csv`
 * under the root (MPS output `…/trajectory/`, Ego-Exo4D
 * `takes/<take>/trajectory/`) becomes clips with one track, the camera
 * wearer (the device), in the MPS world frame, `up = −gravity`. In Ego-Exo4D
 * the wearer is the object seen from the exo cameras.
 */
import { basename, dirname, relative } from 'node:path';
import { DatasetFormatError, InvalidArgumentError, type Clip, type ClipSource } from '@stkit/core';
import { projectBoxToImageWithMatrix } from '@stkit/geometry';
import type { ClipReadEvent, DatasetReader, ReadClipsOptions } from '../reader';
import {
  assembleClips,
  createWarnOnce,
  readClipsByUnit,
  exists,
  findDirsContaining,
  planClipWindows,
  se3FromRotationTranslation,
  se3Inverse,
  secondsSince,
  timestampAfter,
  MICROSECONDS,
  type TrackObservation,
} from '../shared/index';
import { EXO_CALIBRATION_FILE, readExoCameras, type ExoCamera } from './exo-cameras';
import { readAriaTrajectory, type AriaTrajectory } from './trajectory-csv';

/** The trajectory file name the reader looks for. */
export const ARIA_TRAJECTORY_FILE = 'closed_loop_trajectory.csv';

/** Options of the Aria reader (the common {@link ReadClipsOptions} plus these). */
export interface AriaReadOptions extends ReadClipsOptions {
  /**
   * Domain written into the clips; movement-direction tasks are not generated for `sports` ([definitions §2](docs/pages/definitions.md#comparisons)). MPS
   * carries no domain: an Ego-Exo4D take (exo calibration `gopro_calibs.csv` beside it) is `sports`, an
   * MPS-only recording `general`. @default 'sports' for Ego-Exo4D takes, else 'general'
   */
  domain?: ClipSource['domain'];
  /** Track samples per second taken from the ~1 kHz trajectory (the row nearest each tick). @default 10 */
  trackSampleRate?: number;
  /** Track id of the wearer. @default 'camera_wearer' */
  trackId?: string;
  /** Category of the wearer. @default 'person' */
  category?: string;
  /**
   * The body box projected into an exo camera for `box2d`: `size`
   * `[length, width, height]` metres, its top `topAboveDevice` metres above
   * the device (the glasses), axis-aligned with `up`. Only `box2d` uses it;
   * track `center` stays the device position.
   * @default { size: [0.5, 0.5, 1.8], topAboveDevice: 0.1 }
   */
  wearerBox?: { size: [number, number, number]; topAboveDevice: number };
}

/** Creates the Aria MPS / Ego-Exo4D reader. */
export function createAriaReader(): DatasetReader & {
  readClips(options: AriaReadOptions): AsyncIterable<ClipReadEvent>;
} {
  return { dataset: 'aria', readClips: readAriaClips };
}

/** The log id of a trajectory file: the folder above `trajectory/` (the take or recording), else the file's folder. */
function logIdOf(root: string, dir: string): string {
  const recording = basename(dir) === 'trajectory' ? dirname(dir) : dir;
  const rel = relative(root, recording);
  return rel === '' ? basename(recording) : rel.split(/[\\/]/).join('/');
}

/** Streams the clips of every Aria trajectory under `options.root`. */
export async function* readAriaClips(options: AriaReadOptions): AsyncGenerator<ClipReadEvent> {
  const dirs = await findDirsContaining(options.root, {
    entry: ARIA_TRAJECTORY_FILE,
    maxDepth: 4,
    signal: options.signal,
  });
  if (dirs.length === 0) options.onWarning?.(`Aria: no ${ARIA_TRAJECTORY_FILE} found under ${options.root}.`);
  const warnOnce = createWarnOnce(options.onWarning);
  yield* readClipsByUnit(dirs, {
    read: options,
    unit: 'recordings',
    logOf: (dir) => logIdOf(options.root, dir),
    load: async (dir) => {
      const log = logIdOf(options.root, dir);
      const trajectory = await readAriaTrajectory(`${dir}/${ARIA_TRAJECTORY_FILE}`, { signal: options.signal });
      if (!trajectory.gravity) warnOnce('gravity', `Aria: ${trajectory.file} has no gravity columns; up = +z assumed.`);
      const camera = await chooseExoCamera(dir, options);
      warnOnce(
        'images',
        camera
          ? 'Aria / Ego-Exo4D: exo videos are not decoded into frames; clips carry the exo camera and 2D boxes, frame images are skipped.'
          : 'Aria: no exo camera calibration (gopro_calibs.csv) found; clips are produced without camera and frame images (frames skipped).',
      );
      return buildClips(trajectory, log, options, camera, (m) => warnOnce(`graph:${log}`, m));
    },
  });
}

/** The exo camera to use: `options.camera` (a `cam_uid`), else the first by name; `undefined` without calibration. */
async function chooseExoCamera(dir: string, options: AriaReadOptions): Promise<ExoCamera | undefined> {
  const file = `${dir}/${EXO_CALIBRATION_FILE}`;
  if (!(await exists(file))) return undefined;
  const cameras = (await readExoCameras(file, { signal: options.signal })).sort((a, b) =>
    a.camUid < b.camUid ? -1 : 1,
  );
  if (options.camera === undefined) return cameras[0];
  const camera = cameras.find((c) => c.camUid === options.camera);
  if (!camera)
    throw new InvalidArgumentError({
      argument: 'camera',
      value: options.camera,
      message: `no exo camera '${options.camera}' in ${file}; known: ${cameras.map((c) => c.camUid).join(', ')}`,
    });
  return camera;
}

/** Quaternion `[w, x, y, z]` of the shortest rotation taking +z to the unit vector `up`. */
function zToUp(up: readonly [number, number, number]): [number, number, number, number] {
  // q = normalise([1 + z·up, z × up]) = normalise([1 + up_z, −up_y, up_x, 0]); for up = −z use a half turn about x.
  const w = 1 + up[2];
  if (w < 1e-9) return [0, 1, 0, 0];
  const n = Math.hypot(w, up[1], up[0]);
  return [w / n, -up[1] / n, up[0] / n, 0];
}

/** Rows of the largest `graph_uid` (each graph has its own world frame). */
function rowsOfMainGraph(trajectory: AriaTrajectory, warn: (m: string) => void): number[] {
  const n = trajectory.timestamps.length;
  const all = Array.from({ length: n }, (_, i) => i);
  if (!trajectory.graphIds) return all;
  const counts = new Map<string, number>();
  for (const g of trajectory.graphIds) counts.set(g, (counts.get(g) ?? 0) + 1);
  if (counts.size <= 1) return all;
  const main = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  warn(
    `Aria: ${trajectory.file} has ${counts.size} graph_uid values (separate world frames); only graph ${main} (${counts.get(main)} rows) is used.`,
  );
  return all.filter((i) => trajectory.graphIds![i] === main);
}

function buildClips(
  trajectory: AriaTrajectory,
  log: string,
  options: AriaReadOptions,
  exo: ExoCamera | undefined,
  warn: (m: string) => void,
): Clip[] {
  const rows = rowsOfMainGraph(trajectory, warn);
  let camera = exo;
  const graph = trajectory.graphIds?.[rows[0]!];
  if (camera?.graphUid && graph && camera.graphUid !== graph) {
    warn(
      `Aria: exo camera ${camera.camUid} is calibrated in graph ${camera.graphUid}, the trajectory in ${graph}; no camera is used.`,
    );
    camera = undefined;
  }
  if (rows.length < 2)
    throw new DatasetFormatError({ file: trajectory.file, reason: `too few poses (${rows.length})` });
  const ts = trajectory.timestamps;
  const origin = ts[rows[0]!]!;
  const times = rows.map((i) => secondsSince(origin, ts[i]!, MICROSECONDS));
  const end = times[times.length - 1]!;
  const g = trajectory.gravity;
  const norm = g ? Math.hypot(...g) : 0;
  // `+ 0` turns −0 into 0.
  const up: [number, number, number] =
    g && norm > 1e-6 ? [-g[0] / norm + 0, -g[1] / norm + 0, -g[2] / norm + 0] : [0, 0, 1];
  const cameraFromWorld = camera
    ? se3Inverse(se3FromRotationTranslation(camera.pose.rotation, camera.pose.translation))
    : undefined;
  const body = options.wearerBox ?? { size: [0.5, 0.5, 1.8] as [number, number, number], topAboveDevice: 0.1 };
  const bodyOffset = body.topAboveDevice - body.size[2] / 2; // along up, from the device to the body box centre
  const bodyRotation = zToUp(up);
  const rate = options.trackSampleRate ?? 10;
  const observations: TrackObservation[] = [];
  const halfTick = 0.5 / rate;
  // For each tick k/rate, the row nearest to it (within half a tick), scanning forward once; a row
  // half-way between two ticks (after a gap) is taken once, for the first.
  for (let k = 0, j = 0, last = -1; k / rate <= end + 1e-9; k++) {
    const tick = k / rate;
    while (j + 1 < times.length && Math.abs(times[j + 1]! - tick) <= Math.abs(times[j]! - tick)) j++;
    if (Math.abs(times[j]! - tick) > halfTick || j === last) continue;
    last = j;
    const i = rows[j]!;
    const p = trajectory.translations,
      q = trajectory.rotations;
    const observation: TrackObservation = {
      trackId: options.trackId ?? 'camera_wearer',
      category: options.category ?? 'person',
      time: times[j]!,
      timestamp: ts[i]!.toString(),
      center: [p[3 * i]!, p[3 * i + 1]!, p[3 * i + 2]!],
      rotation: [q[4 * i]!, q[4 * i + 1]!, q[4 * i + 2]!, q[4 * i + 3]!],
    };
    if (camera && cameraFromWorld) {
      const c = observation.center;
      const box2d = projectBoxToImageWithMatrix(cameraFromWorld, camera.intrinsics, {
        center: [c[0] + bodyOffset * up[0], c[1] + bodyOffset * up[1], c[2] + bodyOffset * up[2]],
        size: body.size,
        rotation: bodyRotation,
      });
      if (box2d) observation.box2d = box2d;
    }
    observations.push(observation);
  }
  return assembleClips({
    source: {
      dataset: 'aria',
      log,
      ...(camera ? { camera: camera.camUid } : {}),
      domain: options.domain ?? (exo !== undefined ? 'sports' : 'general'),
    },
    up,
    windows: planClipWindows({ end, maxFrames: options.maxFrames ?? 40 }),
    observations,
    frameTimestamp: (time) => timestampAfter(origin, time, MICROSECONDS),
    ...(camera ? { intrinsics: camera.intrinsics, cameraPose: () => camera.pose } : {}),
  });
}
