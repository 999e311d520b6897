/**
 * The Waymo Open Dataset v2 layout: one parquet file per component and
 * segment, `<root>/<component>/<segment>.parquet`, rows joined on
 * `key.segment_context_name` and `key.frame_timestamp_micros` (calibrations on
 * the segment and `key.camera_name`). Column names are those of the official
 * v2 component definitions — waymo-research/waymo-open-dataset,
 * `src/waymo_open_dataset/v2/perception/` (commit 99a4cb3f):
 * - base.py: keys `key.segment_context_name`, `key.frame_timestamp_micros`,
 *   `key.camera_name`, `key.laser_object_id`;
 * - pose.py `VehiclePoseComponent`: `[VehiclePoseComponent].world_from_vehicle.transform`
 *   (column_types.Transform: 16 values, row-major, vehicle → world);
 * - context.py `CameraCalibrationComponent`: `[CameraCalibrationComponent].intrinsic.{f_u,f_v,c_u,c_v,k1,k2,p1,p2,k3}`,
 *   `.extrinsic.transform` (camera → vehicle), `.width`, `.height`;
 * - box.py `LiDARBoxComponent`: `[LiDARBoxComponent].box.center.{x,y,z}`, `.box.size.{x,y,z}`
 *   (length, width, height), `.box.heading`, `.type` (box.BoxType, same values as v1 `Label.Type`);
 * - camera_image.py `CameraImageComponent`: `[CameraImageComponent].image` (JPEG bytes).
 * Read with hyparquet (+ hyparquet-compressors for Snappy/ZSTD/…): pure
 * JavaScript, no native build; only the listed columns are read.
 */
import { basename, relative } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { DatasetFormatError } from '@stkit/core';
import { findFilesMatching } from '../shared/index';
import type { WaymoCameraCalibration, WaymoLaserLabel } from './frame-decode';
import { cameraNumber, type SegmentFrame, type WaymoSegment } from './segment-clips';

/** The v2 components this reader uses (folder names). */
export const WAYMO_V2_COMPONENTS = ['vehicle_pose', 'lidar_box', 'camera_calibration', 'camera_image'] as const;
/** Column of the image bytes in `camera_image`. */
export const V2_IMAGE_COLUMN = '[CameraImageComponent].image';

const KEY_SEGMENT = 'key.segment_context_name';
const KEY_TIME = 'key.frame_timestamp_micros';
const KEY_CAMERA = 'key.camera_name';
const KEY_OBJECT = 'key.laser_object_id';
const POSE = '[VehiclePoseComponent].world_from_vehicle.transform';
const CAL = '[CameraCalibrationComponent]';
const BOX = '[LiDARBoxComponent]';

/**
 * v2 segments under `root`: those with a `vehicle_pose` and a `lidar_box` file.
 * @returns each segment's name and its component files by component.
 */
export async function findV2Segments(
  root: string,
  signal?: AbortSignal,
): Promise<{ name: string; files: Record<string, string> }[]> {
  const files = await findFilesMatching(root, /\.parquet$/, { signal });
  const bySegment = new Map<string, Record<string, string>>();
  for (const file of files) {
    const component = basename(file.slice(0, file.length - basename(file).length - 1));
    if (!(WAYMO_V2_COMPONENTS as readonly string[]).includes(component)) continue;
    const name = basename(file, '.parquet');
    const entry = bySegment.get(name) ?? {};
    entry[component] = file;
    bySegment.set(name, entry);
  }
  return [...bySegment]
    .filter(([, entry]) => entry.vehicle_pose && entry.lidar_box)
    .map(([name, entry]) => ({ name, files: entry }));
}

type Row = Record<string, unknown>;

async function readRows(file: string, columns: readonly string[], signal?: AbortSignal): Promise<Row[]> {
  signal?.throwIfAborted();
  try {
    const buffer = await asyncBufferFromFile(file);
    return (await parquetReadObjects({ file: buffer, columns: [...columns], compressors, utf8: true })) as Row[];
  } catch (cause) {
    throw new DatasetFormatError({ file, reason: `cannot read the parquet file: ${(cause as Error).message}`, cause });
  }
}

function numberAt(file: string, row: number, field: string, value: unknown): number {
  const number = typeof value === 'bigint' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number))
    throw new DatasetFormatError({
      file,
      row: row + 1,
      field,
      reason: `expected a finite number, got ${String(value)}`,
    });
  return number;
}

function transformAt(file: string, row: number, field: string, value: unknown): number[] {
  if (!Array.isArray(value) || value.length !== 16)
    throw new DatasetFormatError({ file, row: row + 1, field, reason: 'expected a 4×4 transform (16 values)' });
  return value.map((v, i) => numberAt(file, row, `${field}[${i}]`, v));
}

function timeAt(file: string, row: number, value: unknown): string {
  if (typeof value !== 'bigint' && typeof value !== 'number')
    throw new DatasetFormatError({ file, row: row + 1, field: KEY_TIME, reason: 'missing frame timestamp' });
  return BigInt(value).toString();
}

/**
 * Reads one v2 segment's components into the shape the v1 reader produces.
 * @param name - the segment name (the context name in the file names).
 * @param options - the dataset `root`, the `camera` to use and an optional `signal`.
 */
export async function readV2Segment(
  name: string,
  files: Record<string, string>,
  options: { root: string; camera?: string; signal?: AbortSignal },
): Promise<WaymoSegment> {
  const camera = cameraNumber(options.camera);
  const poseFile = files.vehicle_pose!;
  const poses = await readRows(poseFile, [KEY_SEGMENT, KEY_TIME, POSE], options.signal);
  const frames = new Map<string, { pose: number[]; labels: WaymoLaserLabel[]; image?: string }>();
  poses.forEach((row, index) => {
    if (row[KEY_SEGMENT] !== name) return;
    frames.set(timeAt(poseFile, index, row[KEY_TIME]), {
      pose: transformAt(poseFile, index, POSE, row[POSE]),
      labels: [],
    });
  });
  const boxFile = files.lidar_box!;
  const boxColumns = [
    KEY_SEGMENT,
    KEY_TIME,
    KEY_OBJECT,
    `${BOX}.box.center.x`,
    `${BOX}.box.center.y`,
    `${BOX}.box.center.z`,
    `${BOX}.box.size.x`,
    `${BOX}.box.size.y`,
    `${BOX}.box.size.z`,
    `${BOX}.box.heading`,
    `${BOX}.type`,
  ];
  (await readRows(boxFile, boxColumns, options.signal)).forEach((row, index) => {
    if (row[KEY_SEGMENT] !== name) return;
    const time = timeAt(boxFile, index, row[KEY_TIME]);
    const frame = frames.get(time);
    if (!frame)
      throw new DatasetFormatError({
        file: boxFile,
        row: index + 1,
        field: KEY_TIME,
        reason: `no vehicle pose at frame ${time} (vehicle_pose/${name}.parquet)`,
      });
    const values = boxColumns.slice(3).map((column) => numberAt(boxFile, index, column, row[column]));
    const id = row[KEY_OBJECT];
    if (typeof id !== 'string' || id === '')
      throw new DatasetFormatError({ file: boxFile, row: index + 1, field: KEY_OBJECT, reason: 'missing object id' });
    frame.labels.push({
      id,
      type: values[7]!,
      box: [values[0]!, values[1]!, values[2]!, values[3]!, values[4]!, values[5]!, values[6]!],
    });
  });
  const calibrations: WaymoCameraCalibration[] = [];
  if (files.camera_calibration) {
    const file = files.camera_calibration;
    const intrinsicColumns = ['f_u', 'f_v', 'c_u', 'c_v', 'k1', 'k2', 'p1', 'p2', 'k3'].map(
      (k) => `${CAL}.intrinsic.${k}`,
    );
    const columns = [
      KEY_SEGMENT,
      KEY_CAMERA,
      ...intrinsicColumns,
      `${CAL}.extrinsic.transform`,
      `${CAL}.width`,
      `${CAL}.height`,
    ];
    (await readRows(file, columns, options.signal)).forEach((row, index) => {
      if (row[KEY_SEGMENT] !== name) return;
      calibrations.push({
        name: numberAt(file, index, KEY_CAMERA, row[KEY_CAMERA]),
        intrinsic: intrinsicColumns.map((column) => numberAt(file, index, column, row[column])),
        extrinsic: transformAt(file, index, `${CAL}.extrinsic.transform`, row[`${CAL}.extrinsic.transform`]),
        width: numberAt(file, index, `${CAL}.width`, row[`${CAL}.width`]),
        height: numberAt(file, index, `${CAL}.height`, row[`${CAL}.height`]),
      });
    });
  }
  if (files.camera_image) {
    const file = files.camera_image;
    const rel = relative(options.root, file);
    // Keys only: the image bytes are read when a frame is drawn (`<file>#row=<n>`).
    (await readRows(file, [KEY_SEGMENT, KEY_TIME, KEY_CAMERA], options.signal)).forEach((row, index) => {
      if (row[KEY_SEGMENT] !== name || numberAt(file, index, KEY_CAMERA, row[KEY_CAMERA]) !== camera) return;
      const frame = frames.get(timeAt(file, index, row[KEY_TIME]));
      if (frame) frame.image = `${rel}#row=${index}`;
    });
  }
  const list: SegmentFrame[] = [...frames].map(([timestampMicros, frame]) => ({
    timestampMicros,
    pose: frame.pose,
    labels: frame.labels,
    ...(frame.image ? { image: frame.image } : {}),
  }));
  return { name, frames: list, calibrations };
}
