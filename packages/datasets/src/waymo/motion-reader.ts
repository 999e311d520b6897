/**
 * The Waymo Open Motion Dataset reader (`--dataset waymo-motion`): every
 * TFRecord under the root, each record one `Scenario`. One clip per scenario
 * (its first 20 s, 0.5 s grid from the first time step); tracks from the valid
 * states: centre x, y, z in the scenario's global frame (z up), size, heading;
 * `trackId` = the Waymo track id in decimal; category = the `ObjectType` name.
 * There is no camera: the clips are camera-free (every task can still be asked,
 * labels need only the tracks). `frames[].timestamp` is the grid frame's
 * scenario time in microseconds from the scenario start, as an integer string.
 */
import { relative } from 'node:path';
import type { Clip } from '@stkit/core';
import type { ClipReadEvent, DatasetReader, ReadClipsOptions } from '../reader';
import {
  assembleClips,
  findFilesMatching,
  planClipWindows,
  readClipsByUnit,
  type TrackObservation,
} from '../shared/index';
import { quatFromHeading } from './heading';
import { decodeScenario, WAYMO_MOTION_OBJECT_TYPES, type MotionScenario } from './scenario-decode';
import { readTfRecords } from './tfrecord';

/** Options of the Waymo Motion reader. `split`, when given, is a subfolder of the root. */
export interface WaymoMotionReadOptions extends ReadClipsOptions {
  /** @default 1 GiB */
  maxRecordBytes?: number;
}

/** TFRecord file names: `*.tfrecord`, `*.tfrecord-00000-of-01000`. */
export const TFRECORD_FILE = /\.tfrecord(-\d+-of-\d+)?$/;

/** Creates the Waymo Motion reader. */
export function createWaymoMotionReader(): DatasetReader<WaymoMotionReadOptions> {
  return { dataset: 'waymo-motion', readClips: readWaymoMotionClips };
}

/** Streams the clips of every scenario of every TFRecord under the root. */
export async function* readWaymoMotionClips(options: WaymoMotionReadOptions): AsyncGenerator<ClipReadEvent> {
  const root = options.split ? `${options.root}/${options.split}` : options.root;
  const files = await findFilesMatching(root, TFRECORD_FILE, { signal: options.signal });
  yield* readClipsByUnit(files, {
    read: options,
    unit: 'files',
    logOf: (file) => relative(options.root, file),
    load: async (file) => {
      const clips: Clip[] = [];
      for await (const record of readTfRecords(file, {
        maxRecordBytes: options.maxRecordBytes,
        signal: options.signal,
      })) {
        clips.push(...scenarioClips(decodeScenario(record.data, { file, record: record.index }), options));
      }
      return clips;
    },
  });
}

/** The clip of one scenario (none when it has fewer than two time steps). */
export function scenarioClips(
  scenario: MotionScenario,
  options: Pick<ReadClipsOptions, 'split' | 'maxFrames'> = {},
): Clip[] {
  const times = scenario.timestamps;
  if (times.length < 2) return [];
  const t0 = times[0]!;
  const observations: TrackObservation[] = [];
  for (const track of scenario.tracks) {
    const category = WAYMO_MOTION_OBJECT_TYPES[track.objectType] ?? `TYPE_${track.objectType}`;
    const count = Math.min(track.count, times.length);
    for (let i = 0; i < count; i++) {
      if (track.valid[i] !== 1) continue;
      const time = times[i]! - t0;
      observations.push({
        trackId: String(track.id),
        category,
        time,
        timestamp: microsString(time),
        center: [track.center[3 * i]!, track.center[3 * i + 1]!, track.center[3 * i + 2]!],
        size: [track.size[3 * i]!, track.size[3 * i + 1]!, track.size[3 * i + 2]!],
        rotation: quatFromHeading(track.heading[i]!),
      });
    }
  }
  // One clip per scenario: the first window (≤ 40 frames = 20 s).
  const windows = planClipWindows({ end: times[times.length - 1]! - t0, maxFrames: options.maxFrames ?? 40 }).slice(
    0,
    1,
  );
  return assembleClips({
    source: {
      dataset: 'waymo-motion',
      log: scenario.scenarioId || 'scenario',
      ...(options.split ? { split: options.split } : {}),
      domain: 'driving',
    },
    up: [0, 0, 1],
    windows,
    observations,
    frameTimestamp: microsString,
  });
}

/** Seconds → integer microseconds as a decimal string. */
function microsString(seconds: number): string {
  return String(Math.round(seconds * 1e6));
}
