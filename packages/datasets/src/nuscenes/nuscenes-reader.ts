/**
 * The nuScenes v1.0 reader: `<root>/<version>/*.json` tables streamed with
 * bounded memory into compact columns, then one scene at a time into clips.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetFormatError, InvalidArgumentError } from '@stkit/core';
import type { ClipReadEvent, DatasetReader, ReadClipsOptions } from '../reader';
import { buildSceneClips } from './build-scene-clips';
import { loadNuScenesDb } from './load-tables';
import { nuScenesSplitFilter } from './splits';

/** Options of the nuScenes reader. */
export interface NuScenesReadOptions extends ReadClipsOptions {
  /** Table folder under `root`; when omitted, the only `v1.0-*` folder found. */
  version?: string;
  /** Official split: `train`, `val`, `test`, `mini_train`, `mini_val`. */
  split?: string;
  /** Camera channel for poses, images and 2D boxes. @default 'CAM_FRONT' */
  camera?: string;
  /** Skip the camera tables (`sample_data`, `ego_pose`, …): clips carry no camera, no images, no 2D boxes. @default false */
  noCamera?: boolean;
  /** Only these scene names (e.g. `scene-0061`). */
  scenes?: readonly string[];
  /** Windows shorter than this many frames are dropped. @default 2 */
  minFrames?: number;
}

/** Creates the nuScenes reader. */
export function createNuScenesReader(): DatasetReader & {
  readClips(options: NuScenesReadOptions): AsyncIterable<ClipReadEvent>;
} {
  return { dataset: 'nuscenes', readClips: readNuScenesClips };
}

async function resolveVersion(root: string, version: string | undefined): Promise<string> {
  if (version !== undefined) {
    const isFolder = await stat(join(root, version)).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isFolder)
      throw new InvalidArgumentError({
        argument: 'version',
        value: version,
        message: `no table folder ${join(root, version)}`,
      });
    return version;
  }
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch (error) {
    throw new InvalidArgumentError({
      argument: 'root',
      value: root,
      message: 'is not a readable folder',
      cause: error,
    });
  }
  const versions = entries.filter((entry) => entry.startsWith('v1.0-')).sort();
  if (versions.length === 1) return versions[0]!;
  throw new InvalidArgumentError({
    argument: 'version',
    message:
      versions.length === 0
        ? `no v1.0-* table folder in ${root}`
        : `several table folders in ${root} (${versions.join(', ')}); pass one`,
  });
}

async function imageNames(root: string, channel: string): Promise<Set<string> | undefined> {
  try {
    const folder = join(root, 'samples', channel);
    if (!(await stat(folder)).isDirectory()) return undefined;
    return new Set(await readdir(folder));
  } catch {
    return undefined;
  }
}

/**
 * Streams the clips of a nuScenes root. See {@link NuScenesReadOptions}.
 * @throws {@link InvalidArgumentError} for `maxFrames`: must be an integer in 1…40
 */
export async function* readNuScenesClips(options: NuScenesReadOptions): AsyncGenerator<ClipReadEvent> {
  const maxFrames = options.maxFrames ?? 40;
  if (!Number.isInteger(maxFrames) || maxFrames < 1 || maxFrames > 40)
    throw new InvalidArgumentError({ argument: 'maxFrames', value: maxFrames, message: 'must be an integer in 1…40' });
  const minFrames = options.minFrames ?? 2;
  const splitFilter = nuScenesSplitFilter(options.split);
  const sceneFilter = options.scenes === undefined ? undefined : new Set(options.scenes);
  const version = await resolveVersion(options.root, options.version);
  const tableDir = join(options.root, version);
  const channel = options.camera ?? 'CAM_FRONT';
  let db;
  try {
    db = await loadNuScenesDb({
      root: options.root,
      tableDir,
      camera: options.noCamera ? undefined : channel,
      signal: options.signal,
    });
  } catch (error) {
    if (!DatasetFormatError.isInstance(error)) throw error;
    yield { kind: 'error', error };
    return;
  }
  for (const error of db.globalErrors) yield { kind: 'error', error };
  if (db.camera?.unavailable !== undefined) {
    yield { kind: 'error', error: db.camera.unavailable };
    options.onWarning?.(`nuScenes camera tables unusable (${db.camera.unavailable.message}); clips carry no camera`);
  }
  const images = db.camera === undefined ? undefined : await imageNames(options.root, channel);
  let missingImages = 0;
  let firstMissing = '';
  if (db.camera !== undefined && db.camera.unavailable === undefined && images === undefined) {
    options.onWarning?.(
      `nuScenes images absent (${join(options.root, 'samples', channel)} not found): frames are skipped`,
    );
  }

  // Annotations grouped by scene (counting sort over the annotation columns).
  const { annotations } = db;
  const sceneCount = db.scenes.reduce((count, scene) => Math.max(count, scene.id + 1), 0);
  const starts = new Int32Array(sceneCount + 1);
  const sceneOf = new Int32Array(annotations.count);
  for (let a = 0; a < annotations.count; a++) {
    const scene = db.sampleScene[annotations.sample[a]!]!;
    sceneOf[a] = scene;
    if (scene >= 0) starts[scene + 1]!++;
  }
  for (let s = 0; s < sceneCount; s++) starts[s + 1]! += starts[s]!;
  const order = new Int32Array(annotations.count);
  const fill = starts.slice(0, sceneCount);
  for (let a = 0; a < annotations.count; a++) if (sceneOf[a]! >= 0) order[fill[sceneOf[a]!]!++] = a;

  let produced = 0;
  const scenes = [...db.scenes]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .filter(
      (scene) =>
        (splitFilter === undefined || splitFilter(scene.name)) &&
        (sceneFilter === undefined || sceneFilter.has(scene.name)),
    );
  for (const [index, scene] of scenes.entries()) {
    options.onUnits?.({ done: index, total: scenes.length, unit: 'scenes' });
    options.signal?.throwIfAborted();
    const sceneError = db.sceneErrors.get(scene.id);
    if (sceneError !== undefined) {
      yield { kind: 'error', error: sceneError, log: scene.name };
      continue;
    }
    let clips;
    try {
      clips = buildSceneClips(db, scene, order.subarray(starts[scene.id]!, starts[scene.id + 1]!), {
        maxFrames,
        minFrames,
        split: options.split,
        images: images ?? new Set(),
        onMissingImage: (path) => {
          if (missingImages++ === 0) firstMissing = path;
        },
      });
    } catch (error) {
      if (!DatasetFormatError.isInstance(error)) throw error;
      yield { kind: 'error', error, log: scene.name };
      continue;
    }
    for (const clip of clips) {
      yield { kind: 'clip', clip };
      if (options.maxClips !== undefined && ++produced >= options.maxClips) return;
    }
  }
  if (images !== undefined && missingImages > 0)
    options.onWarning?.(
      `nuScenes: ${missingImages} keyframe images missing (first: ${firstMissing}); those frames are skipped`,
    );
}
