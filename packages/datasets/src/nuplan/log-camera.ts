/**
 * The chosen camera of a nuPlan log: intrinsics and extrinsics from the
 * `camera` table (pickled lists, see `unpickle-numbers.ts`) and, per grid
 * sweep, the nearest image of that camera (within 50 ms) with its
 * `world_from_camera = ego_pose(image) ∘ camera` pose. Lens distortion is
 * ignored (pinhole projection).
 */
import { DatasetFormatError, type Intrinsics, type Pose, type Quaternion, type Vec3 } from '@stkit/core';
import { poseCompose } from '@stkit/geometry';
import { quatNormalized } from '../shared/geometry-adapter';
import { GRID_MATCH_US } from './load-log';
import type { LogDatabase } from './open-log-database';
import { unpickleNumbers, type PickledNumbers } from './unpickle-numbers';

/** A camera frame matched to a sweep. */
export interface CameraFrame {
  pose: Pose;
  /** `filename_jpg` of the image. */
  filename: string;
}

/** The log's camera, or why there is none. */
export interface LogCamera {
  channel: string;
  intrinsics: Intrinsics;
  /** Frame for a sweep timestamp (µs), or `undefined` when no image is close enough; a `DatasetFormatError` for a missing ego pose. */
  frameAt(timestamp: number): CameraFrame | DatasetFormatError | undefined;
}

const flat = (value: PickledNumbers): number[] => (Array.isArray(value) ? value.flatMap(flat) : [value]);

/** Loads the camera `channel`; `undefined` when the log has no camera/image tables or no such channel. */
export function loadLogCamera(
  database: LogDatabase,
  file: string,
  tables: Set<string>,
  channel: string,
): LogCamera | undefined {
  if (!tables.has('camera') || !tables.has('image')) return undefined;
  const row = database
    .prepare('SELECT rowid, token, translation, rotation, intrinsic, width, height FROM camera WHERE channel = ?')
    .raw()
    .get(channel) as [number, Uint8Array, Uint8Array, Uint8Array, Uint8Array, number, number] | undefined;
  if (row === undefined) return undefined;
  const [rowid, token, translationBlob, rotationBlob, intrinsicBlob, width, height] = row;
  const decode = (blob: Uint8Array, field: string, count: number): number[] => {
    let values: number[];
    try {
      values = flat(unpickleNumbers(blob));
    } catch (error) {
      throw new DatasetFormatError({
        file,
        row: rowid,
        field: `camera.${field}`,
        reason: (error as Error).message,
        cause: error,
      });
    }
    if (values.length !== count || !values.every(Number.isFinite))
      throw new DatasetFormatError({
        file,
        row: rowid,
        field: `camera.${field}`,
        reason: `expected ${count} finite numbers, got [${values.join(', ')}]`,
      });
    return values;
  };
  const t = decode(translationBlob, 'translation', 3);
  const q = decode(rotationBlob, 'rotation', 4);
  const k = decode(intrinsicBlob, 'intrinsic', 9);
  const egoFromCamera: Pose = { translation: t as Vec3, rotation: quatNormalized(q as Quaternion) };
  const intrinsics: Intrinsics = {
    fx: k[0]!,
    fy: k[4]!,
    cx: k[2]!,
    cy: k[5]!,
    width: Math.round(width),
    height: Math.round(height),
  };
  const images = database
    .prepare(
      'SELECT timestamp, ego_pose_token, filename_jpg, rowid FROM image WHERE camera_token = ? ORDER BY timestamp',
    )
    .raw()
    .all(token) as Array<[number, Uint8Array, string, number]>;
  const egoPose = database.prepare('SELECT x, y, z, qw, qx, qy, qz FROM ego_pose WHERE token = ?').raw();
  return {
    channel,
    intrinsics,
    frameAt(timestamp) {
      // Binary search for the nearest image.
      let lo = 0;
      let hi = images.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (images[mid]![0] < timestamp) lo = mid + 1;
        else hi = mid;
      }
      let best = -1;
      for (const i of [lo - 1, lo])
        if (
          i >= 0 &&
          i < images.length &&
          (best < 0 || Math.abs(images[i]![0] - timestamp) < Math.abs(images[best]![0] - timestamp))
        )
          best = i;
      if (best < 0 || Math.abs(images[best]![0] - timestamp) > GRID_MATCH_US) return undefined;
      const [, ego, filename, imageRow] = images[best]!;
      const pose = egoPose.get(ego) as number[] | undefined;
      if (pose === undefined)
        return new DatasetFormatError({
          file,
          row: imageRow,
          field: 'image.ego_pose_token',
          reason: 'missing ego pose: references no ego_pose record',
        });
      if (!pose.every((v) => typeof v === 'number' && Number.isFinite(v)))
        return new DatasetFormatError({
          file,
          row: imageRow,
          field: 'image.ego_pose_token',
          reason: 'ego pose has non-finite values',
        });
      const worldFromEgo: Pose = {
        translation: [pose[0]!, pose[1]!, pose[2]!],
        rotation: quatNormalized([pose[3]!, pose[4]!, pose[5]!, pose[6]!]),
      };
      return { pose: poseCompose(worldFromEgo, egoFromCamera), filename };
    },
  };
}
