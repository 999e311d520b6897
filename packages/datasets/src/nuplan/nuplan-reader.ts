/**
 * The nuPlan reader: every `.db` log under `root` (sorted), each scene of a
 * log thinned from 20 Hz lidar sweeps to the 0.5 s grid, boxes from
 * `lidar_box` (global frame, yaw about +z), categories from
 * `track → category`.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import {
  DatasetFormatError,
  InvalidArgumentError,
  type Clip,
  type ClipCamera,
  type Pose,
  type Track,
} from '@stkit/core';
import { projectBoxToImage } from '@stkit/geometry';
import type { ClipReadEvent, DatasetReader, ReadClipsOptions } from '../reader';
import { quatFromYaw } from '../shared/geometry-adapter';
import { loadLog, type GridScene, type GridSweep } from './load-log';
import { loadLogCamera, type LogCamera } from './log-camera';
import { openLogDatabase } from './open-log-database';

/** Options of the nuPlan reader. */
export interface NuPlanReadOptions extends ReadClipsOptions {
  /** Only logs under a folder of this name (e.g. `mini`, `val`, as in `splits/<split>/*.db`). */
  split?: string;
  /** Camera channel for poses, images and 2D boxes. @default 'CAM_F0' */
  camera?: string;
  /** Folder of the images (`<sensorRoot>/<image.filename_jpg>`). @default '<root>/sensor_blobs' */
  sensorRoot?: string;
  /** Only these log names (file names without `.db`). */
  logs?: readonly string[];
  /** Windows shorter than this many frames are dropped. @default 2 */
  minFrames?: number;
}

/** Creates the nuPlan reader. */
export function createNuPlanReader(): DatasetReader & {
  readClips(options: NuPlanReadOptions): AsyncIterable<ClipReadEvent>;
} {
  return { dataset: 'nuplan', readClips: readNuPlanClips };
}

async function findLogs(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) await walk(join(dir, entry.name));
      else if (entry.name.endsWith('.db')) found.push(join(dir, entry.name));
    }
  };
  try {
    await walk(root);
  } catch (error) {
    throw new InvalidArgumentError({
      argument: 'root',
      value: root,
      message: 'is not a readable folder',
      cause: error,
    });
  }
  return found.sort();
}

/**
 * Streams the clips of the nuPlan logs under `root`. See {@link NuPlanReadOptions}.
 * @throws {@link InvalidArgumentError} for `maxFrames`: must be an integer in 1…40
 */
export async function* readNuPlanClips(options: NuPlanReadOptions): AsyncGenerator<ClipReadEvent> {
  const maxFrames = options.maxFrames ?? 40;
  if (!Number.isInteger(maxFrames) || maxFrames < 1 || maxFrames > 40)
    throw new InvalidArgumentError({ argument: 'maxFrames', value: maxFrames, message: 'must be an integer in 1…40' });
  const minFrames = options.minFrames ?? 2;
  const channel = options.camera ?? 'CAM_F0';
  const sensorRoot = options.sensorRoot ?? join(options.root, 'sensor_blobs');
  let files = await findLogs(options.root);
  if (options.split !== undefined)
    files = files.filter((file) => relative(options.root, file).split(sep).slice(0, -1).includes(options.split!));
  if (options.logs !== undefined) {
    const wanted = new Set(options.logs);
    files = files.filter((file) => wanted.has(basename(file, '.db')));
  }
  let produced = 0;
  let warnedImages = false;
  for (const [index, file] of files.entries()) {
    options.onUnits?.({ done: index, total: files.length, unit: 'logs' });
    options.signal?.throwIfAborted();
    const logName = basename(file, '.db');
    let opened;
    try {
      opened = await openLogDatabase(file);
    } catch (error) {
      if (!DatasetFormatError.isInstance(error)) throw error;
      yield { kind: 'error', error, log: logName };
      continue;
    }
    const { database, tables } = opened;
    try {
      let loaded;
      let camera: LogCamera | undefined;
      try {
        loaded = loadLog(database, file, tables);
      } catch (error) {
        yield { kind: 'error', error: asFormatError(file, error), log: logName };
        continue;
      }
      try {
        camera = loadLogCamera(database, file, tables, channel);
      } catch (error) {
        // An unusable camera costs the 2D boxes and images, not the log.
        yield { kind: 'error', error: asFormatError(file, error), log: logName };
        options.onWarning?.(`nuPlan log ${logName}: camera ${channel} unusable; its clips carry no camera`);
      }
      for (const error of loaded.errors) yield { kind: 'error', error, log: logName };
      for (const scene of loaded.scenes) {
        if (scene.error !== undefined) {
          yield { kind: 'error', error: scene.error, log: logName };
          continue;
        }
        let clips: Clip[];
        try {
          clips = sceneClips(logName, scene, loaded.trackCategory, camera, {
            maxFrames,
            minFrames,
            split: options.split,
            sensorRoot,
            root: options.root,
            onMissingImage: () => {
              if (!warnedImages) options.onWarning?.(`nuPlan images absent under ${sensorRoot}: frames are skipped`);
              warnedImages = true;
            },
          });
        } catch (error) {
          if (!DatasetFormatError.isInstance(error)) throw error;
          yield { kind: 'error', error, log: logName };
          continue;
        }
        for (const clip of clips) {
          yield { kind: 'clip', clip };
          if (options.maxClips !== undefined && ++produced >= options.maxClips) return;
        }
      }
    } finally {
      database.close();
    }
  }
}

function asFormatError(file: string, error: unknown): DatasetFormatError {
  return DatasetFormatError.isInstance(error)
    ? error
    : new DatasetFormatError({ file, reason: `unreadable log: ${(error as Error).message}`, cause: error });
}

interface SceneSettings {
  maxFrames: number;
  minFrames: number;
  split: string | undefined;
  sensorRoot: string;
  root: string;
  onMissingImage: () => void;
}

function sceneClips(
  logName: string,
  scene: GridScene,
  trackCategory: Map<string, string>,
  camera: LogCamera | undefined,
  settings: SceneSettings,
): Clip[] {
  const clips: Clip[] = [];
  const windows: GridSweep[][] = [];
  for (const segment of scene.segments) {
    for (let start = 0; start < segment.length; start += settings.maxFrames) {
      const window = segment.slice(start, start + settings.maxFrames);
      if (window.length >= settings.minFrames) windows.push(window);
    }
  }
  for (const [index, window] of windows.entries()) {
    const frames: Clip['frames'] = [];
    const poses: Pose[] = [];
    for (const [k, sweep] of window.entries()) {
      const frame: Clip['frames'][number] = { t: k * 0.5, timestamp: String(sweep.timestamp) };
      const cam = camera?.frameAt(sweep.timestamp);
      if (DatasetFormatError.isInstance(cam)) throw cam;
      if (cam !== undefined) {
        poses.push(cam.pose);
        const path = join(settings.sensorRoot, cam.filename);
        if (existsSync(path)) frame.image = relative(settings.root, path).split(sep).join('/');
        else settings.onMissingImage();
      }
      frames.push(frame);
    }
    const clipCamera: ClipCamera | undefined =
      camera !== undefined && poses.length === frames.length ? { intrinsics: camera.intrinsics, poses } : undefined;
    const tracks = new Map<string, Track>();
    for (const [k, sweep] of window.entries()) {
      for (const box of scene.boxes.get(sweep.token) ?? []) {
        let track = tracks.get(box.track);
        if (track === undefined)
          tracks.set(box.track, (track = { id: box.track, category: trackCategory.get(box.track)!, samples: [] }));
        const rotation = quatFromYaw(box.yaw);
        // nuPlan size is [width, length, height]; Clip size is [length, width, height].
        const size: [number, number, number] = [box.size[1], box.size[0], box.size[2]];
        const sample: Track['samples'][number] = {
          t: k * 0.5,
          timestamp: String(sweep.timestamp),
          center: box.center,
          size,
          rotation,
        };
        if (clipCamera !== undefined) {
          const box2d = projectBoxToImage(clipCamera.poses![k]!, clipCamera.intrinsics, {
            center: box.center,
            size,
            rotation,
          });
          if (box2d !== null) sample.box2d = box2d;
        }
        track.samples.push(sample);
      }
    }
    clips.push({
      id: `nuplan-${logName}-${scene.name}-${index}`,
      source: {
        dataset: 'nuplan',
        log: logName,
        ...(settings.split !== undefined ? { split: settings.split } : {}),
        ...(clipCamera !== undefined ? { camera: camera!.channel } : {}),
        domain: 'driving',
      },
      up: [0, 0, 1],
      frames,
      ...(clipCamera !== undefined ? { camera: clipCamera } : {}),
      tracks: [...tracks.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    });
  }
  return clips;
}
