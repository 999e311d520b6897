/**
 * Turns one nuScenes scene of a loaded {@link NuScenesDb} into clips: the
 * keyframes (samples, ~2 Hz) are the 0.5 s grid — frame k of a window has
 * clip time 0.5·k and the sample's own timestamp — and each annotation is a
 * track sample at its keyframe's grid time. Annotations are already in the
 * global frame; the camera pose per frame is
 * `world_from_ego(ego_pose of the camera keyframe) ∘ ego_from_camera(calibrated_sensor)`.
 */
import { join } from 'node:path';
import { DatasetFormatError, type Clip, type ClipCamera, type Pose, type Track } from '@stkit/core';
import { clipWindows } from './clip-windows';
import type { NuScenesDb, SceneRecord } from './nuscenes-db';
import { quatNormalized } from '../shared/geometry-adapter';
import { poseCompose, projectBoxToImage } from '@stkit/geometry';

/** Per-call settings of the builder. */
export interface SceneClipSettings {
  maxFrames: number;
  minFrames: number;
  split?: string;
  /** Image file names present under `samples/<channel>`, `undefined` when the folder is absent. */
  images: Set<string> | undefined;
  /** Called with the image paths that are missing. */
  onMissingImage: (path: string) => void;
}

/** The ordered keyframes (sample ids) of a scene, checked; throws a `DatasetFormatError`. */
export function sceneSamples(db: NuScenesDb, scene: SceneRecord): number[] {
  const sceneFile = join(db.tableDir, 'scene.json');
  const sampleFile = join(db.tableDir, 'sample.json');
  const ids: number[] = [];
  let id = scene.firstSample;
  if (id < 0 || db.samples.definedAt(id) === 0)
    throw new DatasetFormatError({
      file: sceneFile,
      row: scene.row,
      field: 'first_sample_token',
      reason: 'references no sample',
    });
  while (id >= 0) {
    const row = db.samples.definedAt(id);
    if (row === 0)
      throw new DatasetFormatError({
        file: sampleFile,
        row: db.samples.definedAt(ids[ids.length - 1]!),
        field: 'next',
        reason: 'references no sample',
      });
    if (db.sampleScene[id] !== scene.id)
      throw new DatasetFormatError({
        file: sampleFile,
        row,
        field: 'scene_token',
        reason: `sample chain of scene '${scene.name}' reaches a sample of another scene`,
      });
    if (ids.length > 0 && !(db.sampleTimestamp[id]! > db.sampleTimestamp[ids[ids.length - 1]!]!)) {
      throw new DatasetFormatError({
        file: sampleFile,
        row,
        field: 'timestamp',
        reason: `timestamps not increasing along the scene: ${db.sampleTimestamp[id]} after ${db.sampleTimestamp[ids[ids.length - 1]!]}`,
      });
    }
    ids.push(id);
    if (ids.length > scene.nbrSamples) break;
    id = db.sampleNext[id]!;
  }
  if (ids.length !== scene.nbrSamples)
    throw new DatasetFormatError({
      file: sceneFile,
      row: scene.row,
      field: 'nbr_samples',
      reason: `says ${scene.nbrSamples}, the sample chain has ${ids.length}`,
    });
  if (ids[ids.length - 1] !== scene.lastSample)
    throw new DatasetFormatError({
      file: sceneFile,
      row: scene.row,
      field: 'last_sample_token',
      reason: 'is not the end of the sample chain',
    });
  return ids;
}

/** World-from-camera pose, intrinsics and image of the camera keyframe of `sample`, or a reason why there is none. */
function cameraFrame(db: NuScenesDb, sample: number): { pose: Pose; sd: number } | DatasetFormatError | undefined {
  const camera = db.camera;
  if (camera === undefined || camera.unavailable !== undefined) return undefined;
  const sd = camera.sampleData[sample]!;
  if (sd < 0) return undefined;
  const ego = camera.sdEgoPose[sd]!;
  const egoError = camera.egoErrors.get(ego);
  if (egoError !== undefined) return egoError;
  if (camera.egoPoses.definedAt(ego) === 0) {
    return new DatasetFormatError({
      file: join(db.tableDir, 'sample_data.json'),
      row: camera.sdRow[sd],
      field: 'ego_pose_token',
      reason: 'missing ego pose: references no ego_pose record',
    });
  }
  const e = camera.egoPose;
  const c = camera.calibration;
  const cal = camera.sdCalibrated[sd]! * 16;
  const worldFromEgo: Pose = {
    translation: [e[ego * 7]!, e[ego * 7 + 1]!, e[ego * 7 + 2]!],
    rotation: quatNormalized([e[ego * 7 + 3]!, e[ego * 7 + 4]!, e[ego * 7 + 5]!, e[ego * 7 + 6]!]),
  };
  const egoFromCamera: Pose = {
    translation: [c[cal]!, c[cal + 1]!, c[cal + 2]!],
    rotation: quatNormalized([c[cal + 3]!, c[cal + 4]!, c[cal + 5]!, c[cal + 6]!]),
  };
  return { pose: poseCompose(worldFromEgo, egoFromCamera), sd };
}

/**
 * Clips of one scene. `annotationIndices` are the scene's annotations.
 * Throws a `DatasetFormatError` when the scene is inconsistent.
 */
export function buildSceneClips(
  db: NuScenesDb,
  scene: SceneRecord,
  annotationIndices: ArrayLike<number>,
  settings: SceneClipSettings,
): Clip[] {
  const samples = sceneSamples(db, scene);
  const frameOf = new Map<number, number>();
  samples.forEach((sample, k) => frameOf.set(sample, k));
  const times = samples.map((sample) => db.sampleTimestamp[sample]!);
  const cameras = samples.map((sample) => cameraFrame(db, sample));
  // Annotations per (instance, frame), checked for duplicates.
  const { annotations } = db;
  const byInstance = new Map<number, number[]>();
  for (let i = 0; i < annotationIndices.length; i++) {
    const a = annotationIndices[i]!;
    const instance = annotations.instance[a]!;
    let list = byInstance.get(instance);
    if (list === undefined) byInstance.set(instance, (list = []));
    list.push(a);
  }
  for (const [instance, list] of byInstance) {
    list.sort((x, y) => frameOf.get(annotations.sample[x]!)! - frameOf.get(annotations.sample[y]!)!);
    for (let i = 1; i < list.length; i++) {
      if (annotations.sample[list[i]!] === annotations.sample[list[i - 1]!]) {
        throw new DatasetFormatError({
          file: join(db.tableDir, 'sample_annotation.json'),
          row: annotations.row[list[i]!],
          field: 'instance_token',
          reason: `second annotation of instance ${db.instances.token(instance)} in one sample (first at row ${annotations.row[list[i - 1]!]})`,
        });
      }
    }
    if (db.instanceCategory[instance]! < 0)
      throw new DatasetFormatError({
        file: join(db.tableDir, 'instance.json'),
        row: db.instances.definedAt(instance),
        field: 'category_token',
        reason: 'references no category',
      });
  }
  const clips: Clip[] = [];
  const windows = clipWindows(times, settings.maxFrames, settings.minFrames);
  for (const [index, window] of windows.entries()) {
    const frameTime = (k: number): number => (k - window.start) * 0.5;
    const frames: Clip['frames'] = [];
    let camera: ClipCamera | undefined;
    const poses: Pose[] = [];
    for (let k = window.start; k < window.end; k++) {
      const frame: Clip['frames'][number] = { t: frameTime(k), timestamp: String(times[k]) };
      const cam = cameras[k];
      if (DatasetFormatError.isInstance(cam)) throw cam;
      if (cam !== undefined) {
        poses.push(cam.pose);
        const path = db.camera!.sdFilename[cam.sd]!;
        const name = path.slice(path.lastIndexOf('/') + 1);
        if (settings.images?.has(name)) frame.image = path;
        else settings.onMissingImage(path);
      }
      frames.push(frame);
    }
    if (poses.length === frames.length && db.camera !== undefined) {
      const c = db.camera.calibration;
      const sd = (cameras[window.start] as { sd: number }).sd;
      const cal = db.camera.sdCalibrated[sd]! * 16 + 7;
      camera = {
        intrinsics: {
          fx: c[cal]!,
          fy: c[cal + 4]!,
          cx: c[cal + 2]!,
          cy: c[cal + 5]!,
          width: db.camera.sdWidth[sd]!,
          height: db.camera.sdHeight[sd]!,
        },
        poses,
      };
    }
    const tracks: Track[] = [];
    for (const [instance, list] of byInstance) {
      const trackSamples: Track['samples'] = [];
      for (const a of list) {
        const k = frameOf.get(annotations.sample[a]!)!;
        if (k < window.start || k >= window.end) continue;
        const center: [number, number, number] = [
          annotations.center[a * 3]!,
          annotations.center[a * 3 + 1]!,
          annotations.center[a * 3 + 2]!,
        ];
        // nuScenes size is [width, length, height]; Clip size is [length, width, height].
        const size: [number, number, number] = [
          annotations.size[a * 3 + 1]!,
          annotations.size[a * 3]!,
          annotations.size[a * 3 + 2]!,
        ];
        const rotation = quatNormalized([
          annotations.rotation[a * 4]!,
          annotations.rotation[a * 4 + 1]!,
          annotations.rotation[a * 4 + 2]!,
          annotations.rotation[a * 4 + 3]!,
        ]);
        const sample: Track['samples'][number] = {
          t: frameTime(k),
          timestamp: String(times[k]),
          center,
          size,
          rotation,
        };
        if (camera !== undefined) {
          const box2d = projectBoxToImage(camera.poses![k - window.start]!, camera.intrinsics, {
            center,
            size,
            rotation,
          });
          if (box2d !== null) sample.box2d = box2d;
        }
        trackSamples.push(sample);
      }
      if (trackSamples.length > 0)
        tracks.push({
          id: db.instances.token(instance),
          category: db.categoryNames[db.instanceCategory[instance]!]!,
          samples: trackSamples,
        });
    }
    clips.push({
      id: `nuscenes-${scene.name}-${index}`,
      source: {
        dataset: 'nuscenes',
        log: scene.name,
        ...(settings.split !== undefined ? { split: settings.split } : {}),
        ...(camera !== undefined ? { camera: db.camera!.channel } : {}),
        domain: 'driving',
      },
      up: [0, 0, 1],
      frames,
      ...(camera !== undefined ? { camera } : {}),
      tracks,
    });
  }
  return clips;
}
