/**
 * The Project Aria MPS / Ego-Exo4D reader: every `closed_loop_trajectory.csv`
 * under the root (MPS output `…/trajectory/`, Ego-Exo4D
 * `takes/<take>/trajectory/`) becomes clips with one track, the camera
 * wearer (the device), in the MPS world frame, `up = −gravity`. In Ego-Exo4D
 * the wearer is the object seen from the exo cameras.
 */
import { basename, dirname, relative } from 'node:path';
import { DatasetFormatError, type Clip, type ClipSource } from '@stkit/core';
import type { ClipReadEvent, DatasetReader, ReadClipsOptions } from '../reader';
import { assembleClips, findDirsContaining, planClipWindows, secondsSince, timestampAfter, MICROSECONDS, type TrackObservation } from '../shared/index';
import { readAriaTrajectory, type AriaTrajectory } from './trajectory-csv';

/** The trajectory file name the reader looks for. */
export const ARIA_TRAJECTORY_FILE = 'closed_loop_trajectory.csv';

/** Options of the Aria reader (the common {@link ReadClipsOptions} plus these). */
export interface AriaReadOptions extends ReadClipsOptions {
  /** Domain written into the clips; movement-direction tasks are not generated for `sports` (SPEC §2). @default 'sports' */
  domain?: ClipSource['domain'];
  /** Track samples per second taken from the ~1 kHz trajectory (the row nearest each tick). @default 10 */
  trackSampleRate?: number;
  /** Track id of the wearer. @default 'camera_wearer' */
  trackId?: string;
  /** Category of the wearer. @default 'person' */
  category?: string;
}

/** Creates the Aria MPS / Ego-Exo4D reader. */
export function createAriaReader(): DatasetReader & { readClips(options: AriaReadOptions): AsyncIterable<ClipReadEvent> } {
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
  const dirs = await findDirsContaining(options.root, { entry: ARIA_TRAJECTORY_FILE, maxDepth: 4, signal: options.signal });
  if (dirs.length === 0) options.onWarning?.(`Aria: no ${ARIA_TRAJECTORY_FILE} found under ${options.root}.`);
  const warned = new Set<string>();
  const warnOnce = (key: string, message: string): void => {
    if (!warned.has(key)) {
      warned.add(key);
      options.onWarning?.(message);
    }
  };
  let produced = 0;
  for (const dir of dirs) {
    options.signal?.throwIfAborted();
    if (options.maxClips !== undefined && produced >= options.maxClips) return;
    const log = logIdOf(options.root, dir);
    let clips: Clip[];
    try {
      const trajectory = await readAriaTrajectory(`${dir}/${ARIA_TRAJECTORY_FILE}`, { signal: options.signal });
      if (!trajectory.gravity) warnOnce('gravity', `Aria: ${trajectory.file} has no gravity columns; up = +z assumed.`);
      warnOnce('images', 'Aria: no exo camera calibration or frames are read; clips are produced without camera and frame images (frames skipped).');
      clips = buildClips(trajectory, log, options, (m) => warnOnce(`graph:${log}`, m));
    } catch (error) {
      if (DatasetFormatError.isInstance(error)) {
        yield { kind: 'error', error, log };
        continue;
      }
      throw error;
    }
    for (const clip of clips) {
      if (options.maxClips !== undefined && produced >= options.maxClips) return;
      produced++;
      yield { kind: 'clip', clip };
    }
  }
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
  warn(`Aria: ${trajectory.file} has ${counts.size} graph_uid values (separate world frames); only graph ${main} (${counts.get(main)} rows) is used.`);
  return all.filter((i) => trajectory.graphIds![i] === main);
}

function buildClips(trajectory: AriaTrajectory, log: string, options: AriaReadOptions, warn: (m: string) => void): Clip[] {
  const rows = rowsOfMainGraph(trajectory, warn);
  if (rows.length < 2) throw new DatasetFormatError({ file: trajectory.file, reason: `too few poses (${rows.length})` });
  const ts = trajectory.timestamps;
  const origin = ts[rows[0]!]!;
  const times = rows.map((i) => secondsSince(origin, ts[i]!, MICROSECONDS));
  const end = times[times.length - 1]!;
  const rate = options.trackSampleRate ?? 10;
  const observations: TrackObservation[] = [];
  const halfTick = 0.5 / rate;
  // For each tick k/rate, the row nearest to it (within half a tick), scanning forward once.
  for (let k = 0, j = 0; k / rate <= end + 1e-9; k++) {
    const tick = k / rate;
    while (j + 1 < times.length && Math.abs(times[j + 1]! - tick) <= Math.abs(times[j]! - tick)) j++;
    if (Math.abs(times[j]! - tick) > halfTick) continue;
    const i = rows[j]!;
    const p = trajectory.translations, q = trajectory.rotations;
    observations.push({
      trackId: options.trackId ?? 'camera_wearer',
      category: options.category ?? 'person',
      time: times[j]!,
      timestamp: ts[i]!.toString(),
      center: [p[3 * i]!, p[3 * i + 1]!, p[3 * i + 2]!],
      rotation: [q[4 * i]!, q[4 * i + 1]!, q[4 * i + 2]!, q[4 * i + 3]!],
    });
  }
  const g = trajectory.gravity;
  const norm = g ? Math.hypot(...g) : 0;
  // `+ 0` turns −0 into 0.
  const up: [number, number, number] = g && norm > 1e-6 ? [-g[0] / norm + 0, -g[1] / norm + 0, -g[2] / norm + 0] : [0, 0, 1];
  return assembleClips({
    source: { dataset: 'aria', log, domain: options.domain ?? 'sports' },
    up,
    windows: planClipWindows({ end, maxFrames: options.maxFrames ?? 40 }),
    observations,
    frameTimestamp: (time) => timestampAfter(origin, time, MICROSECONDS),
  });
}
