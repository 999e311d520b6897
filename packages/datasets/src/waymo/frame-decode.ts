/**
 * Decoding of the Waymo perception v1 `Frame` message
 * (waymo_open_dataset/dataset.proto, label.proto), only the fields STKit
 * uses: `context` (1: `name` 1, `camera_calibrations` 2: `name` 1,
 * `intrinsic` 2 [f_u, f_v, c_u, c_v, k1, k2, p1, p2, k3], `extrinsic` 3
 * (camera → vehicle), `width` 4, `height` 5), `timestamp_micros` (2), `pose`
 * (3, vehicle → world), `images` (4: `name` 1, `image` 2 — only its byte
 * range, the JPEG is not copied —, `pose_timestamp` 5) and `laser_labels`
 * (6: `box` 1 {center_x 1, center_y 2, center_z 3, width 4, length 5,
 * height 6, heading 7}, `type` 3, `id` 4). Lidar returns, camera labels and
 * everything else are skipped by length.
 */
import protobuf from 'protobufjs/minimal.js';
import { DatasetFormatError } from '@stkit/core';
import type { RecordPlace } from './scenario-decode';

const { Reader } = protobuf;
type ProtoReader = InstanceType<typeof Reader>;

/** Waymo `Label.Type` names by value. */
export const WAYMO_LABEL_TYPES = [
  'TYPE_UNKNOWN',
  'TYPE_VEHICLE',
  'TYPE_PEDESTRIAN',
  'TYPE_SIGN',
  'TYPE_CYCLIST',
] as const;
/** Waymo `CameraName.Name` names by value. */
export const WAYMO_CAMERA_NAMES = [
  'UNKNOWN',
  'FRONT',
  'FRONT_LEFT',
  'FRONT_RIGHT',
  'SIDE_LEFT',
  'SIDE_RIGHT',
  'REAR_LEFT',
  'REAR',
  'REAR_RIGHT',
] as const;

/** A camera's calibration. */
export interface WaymoCameraCalibration {
  readonly name: number;
  /** [f_u, f_v, c_u, c_v, k1, k2, p1, p2, k3]. */
  readonly intrinsic: number[];
  /** camera → vehicle, 4×4 row-major (camera frame: x forward, y left, z up). */
  readonly extrinsic: number[];
  readonly width: number;
  readonly height: number;
}

/** A camera image: where its encoded bytes lie inside the record. */
export interface WaymoCameraImage {
  readonly name: number;
  /** Offset of the JPEG bytes within the record payload. */
  readonly offset: number;
  readonly length: number;
  readonly poseTimestamp: number;
}

/** A 3D box label (vehicle frame of its frame). */
export interface WaymoLaserLabel {
  readonly id: string;
  readonly type: number;
  /** [center_x, center_y, center_z, length, width, height, heading]. */
  readonly box: [number, number, number, number, number, number, number];
}

/** The decoded fields of one `Frame`. */
export interface WaymoFrame {
  readonly segment: string;
  /** Decimal string (int64). */
  readonly timestampMicros: string;
  /** vehicle → world, 4×4 row-major. */
  readonly pose: number[];
  readonly calibrations: WaymoCameraCalibration[];
  readonly images: WaymoCameraImage[];
  readonly labels: WaymoLaserLabel[];
}

/**
 * Decodes the used fields of a serialized `Frame`.
 * @throws {@link DatasetFormatError} on bad input, naming the file: not a valid Frame protobuf: …
 */
export function decodeFrame(bytes: Uint8Array, place: RecordPlace): WaymoFrame {
  const reader = Reader.create(bytes);
  let segment = '';
  let timestampMicros = '';
  let pose: number[] = [];
  const calibrations: WaymoCameraCalibration[] = [];
  const images: WaymoCameraImage[] = [];
  const labels: WaymoLaserLabel[] = [];
  let field = 'Frame';
  try {
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      const number = tag >>> 3;
      const wire = tag & 7;
      if (number === 1 && wire === 2) {
        field = 'context';
        const end = endOf(reader);
        while (reader.pos < end) {
          const t = reader.uint32();
          if (t === ((1 << 3) | 2)) segment = reader.string();
          else if (t === ((2 << 3) | 2)) {
            field = `context.camera_calibrations[${calibrations.length}]`;
            calibrations.push(decodeCalibration(reader, endOf(reader)));
          } else reader.skipType(t & 7);
        }
      } else if (number === 2 && wire === 0) {
        field = 'timestamp_micros';
        timestampMicros = reader.int64().toString();
      } else if (number === 3 && wire === 2) {
        field = 'pose';
        pose = decodeTransform(reader, endOf(reader));
      } else if (number === 4 && wire === 2) {
        field = `images[${images.length}]`;
        images.push(decodeImage(reader, endOf(reader)));
      } else if (number === 6 && wire === 2) {
        field = `laser_labels[${labels.length}]`;
        labels.push(decodeLabel(reader, endOf(reader)));
      } else {
        field = 'Frame';
        reader.skipType(wire);
      }
    }
    if (pose.length !== 16) throw new Error(`pose has ${pose.length} values, expected 16`);
  } catch (cause) {
    throw new DatasetFormatError({
      file: place.file,
      row: place.record,
      field,
      reason: `not a valid Frame protobuf: ${(cause as Error).message}`,
      cause,
    });
  }
  return { segment, timestampMicros, pose, calibrations, images, labels };
}

function endOf(reader: ProtoReader): number {
  const end = reader.uint32() + reader.pos;
  if (end > reader.len) throw new Error('a message overruns the record');
  return end;
}

function doubles(reader: ProtoReader, wire: number, into: number[]): void {
  if (wire === 2) {
    const end = endOf(reader);
    while (reader.pos < end) into.push(reader.double());
  } else into.push(reader.double());
}

function decodeTransform(reader: ProtoReader, end: number): number[] {
  const values: number[] = [];
  while (reader.pos < end) {
    const t = reader.uint32();
    if (t >>> 3 === 1) doubles(reader, t & 7, values);
    else reader.skipType(t & 7);
  }
  return values;
}

function decodeCalibration(reader: ProtoReader, end: number): WaymoCameraCalibration {
  let name = 0;
  const intrinsic: number[] = [];
  let extrinsic: number[] = [];
  let width = 0;
  let height = 0;
  while (reader.pos < end) {
    const t = reader.uint32();
    const number = t >>> 3;
    if (number === 1) name = reader.int32();
    else if (number === 2) doubles(reader, t & 7, intrinsic);
    else if (number === 3) extrinsic = decodeTransform(reader, endOf(reader));
    else if (number === 4) width = reader.int32();
    else if (number === 5) height = reader.int32();
    else reader.skipType(t & 7);
  }
  return { name, intrinsic, extrinsic, width, height };
}

function decodeImage(reader: ProtoReader, end: number): WaymoCameraImage {
  let name = 0;
  let offset = 0;
  let length = 0;
  let poseTimestamp = Number.NaN;
  while (reader.pos < end) {
    const t = reader.uint32();
    const number = t >>> 3;
    if (number === 1) name = reader.int32();
    else if (number === 2 && (t & 7) === 2) {
      length = reader.uint32();
      offset = reader.pos;
      if (offset + length > end) throw new Error('image bytes overrun the CameraImage');
      reader.pos += length;
    } else if (number === 5) poseTimestamp = reader.double();
    else reader.skipType(t & 7);
  }
  return { name, offset, length, poseTimestamp };
}

function decodeLabel(reader: ProtoReader, end: number): WaymoLaserLabel {
  let id = '';
  let type = 0;
  const box: [number, number, number, number, number, number, number] = [0, 0, 0, 0, 0, 0, 0];
  while (reader.pos < end) {
    const t = reader.uint32();
    const number = t >>> 3;
    if (number === 1 && (t & 7) === 2) {
      const boxEnd = endOf(reader);
      while (reader.pos < boxEnd) {
        const b = reader.uint32();
        const n = b >>> 3;
        if ((b & 7) !== 1 || n < 1 || n > 7) {
          reader.skipType(b & 7);
          continue;
        }
        const value = reader.double();
        // Box fields: center_x 1, center_y 2, center_z 3, width 4, length 5, height 6, heading 7.
        const slot = n === 4 ? 4 : n === 5 ? 3 : n - 1;
        box[slot] = value;
      }
    } else if (number === 3) type = reader.int32();
    else if (number === 4) id = reader.string();
    else reader.skipType(t & 7);
  }
  return { id, type, box };
}
