/**
 * Decoding of the Waymo Open Motion Dataset `Scenario` message
 * (waymo_open_dataset/protos/scenario.proto), only the fields STKit uses:
 * `scenario_id` (5), `timestamps_seconds` (1), `tracks` (2: `id` 1,
 * `object_type` 2, `states` 3: `center_x/y/z` 2–4 double, `length/width/height`
 * 5–7 float, `heading` 8 float, `valid` 11 bool) and `sdc_track_index` (6).
 * Everything else — above all the map features, most of a record's bytes —
 * is skipped by its wire length with protobufjs' `Reader.skipType`, without
 * being decoded. Field numbers are declared here (no .proto is loaded at run
 * time); a record that is not a valid protobuf stream is a
 * `DatasetFormatError` naming the file, record and field.
 */
import protobuf from 'protobufjs/minimal.js';
import { DatasetFormatError } from '@stkit/core';

const { Reader } = protobuf;
type ProtoReader = InstanceType<typeof Reader>;

/** Waymo Motion `Track.ObjectType` names by value. */
export const WAYMO_MOTION_OBJECT_TYPES = ['TYPE_UNSET', 'TYPE_VEHICLE', 'TYPE_PEDESTRIAN', 'TYPE_CYCLIST', 'TYPE_OTHER'] as const;

/** One track's states, as parallel arrays over the scenario's time steps. */
export interface MotionTrack {
  /** Waymo track id. */
  readonly id: number;
  /** `Track.ObjectType` value. */
  readonly objectType: number;
  /** Number of states (normally = number of time steps). */
  readonly count: number;
  /** 1 where `valid` is true. */
  readonly valid: Uint8Array;
  /** Centre x, y, z (scenario global frame, metres), `[count, 3]` row-major. */
  readonly center: Float64Array;
  /** Length, width, height (metres), `[count, 3]` row-major. */
  readonly size: Float32Array;
  /** Heading (radians, yaw about +z). */
  readonly heading: Float32Array;
}

/** The decoded fields of one `Scenario`. */
export interface MotionScenario {
  readonly scenarioId: string;
  /** Seconds of each time step. */
  readonly timestamps: Float64Array;
  readonly tracks: MotionTrack[];
  /** Index of the autonomous vehicle's track, or -1. */
  readonly sdcTrackIndex: number;
}

/** Where a decoded record came from, for error messages. */
export interface RecordPlace {
  file: string;
  /** 1-based record number. */
  record: number;
}

/** Decodes the used fields of a serialized `Scenario`. */
export function decodeScenario(bytes: Uint8Array, place: RecordPlace): MotionScenario {
  const reader = Reader.create(bytes);
  let scenarioId = '';
  const times: number[] = [];
  const tracks: MotionTrack[] = [];
  let sdcTrackIndex = -1;
  let field = 'Scenario';
  try {
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      const number = tag >>> 3;
      const wire = tag & 7;
      if (number === 5 && wire === 2) {
        field = 'scenario_id';
        scenarioId = reader.string();
      } else if (number === 1 && wire === 2) {
        field = 'timestamps_seconds';
        const end = reader.uint32() + reader.pos;
        while (reader.pos < end) times.push(reader.double());
      } else if (number === 1 && wire === 1) {
        field = 'timestamps_seconds';
        times.push(reader.double());
      } else if (number === 2 && wire === 2) {
        field = `tracks[${tracks.length}]`;
        tracks.push(decodeTrack(reader, reader.uint32() + reader.pos));
      } else if (number === 6 && wire === 0) {
        field = 'sdc_track_index';
        sdcTrackIndex = reader.int32();
      } else {
        field = `field ${number}`;
        reader.skipType(wire);
      }
    }
  } catch (cause) {
    throw new DatasetFormatError({ file: place.file, row: place.record, field, reason: `not a valid Scenario protobuf: ${(cause as Error).message}`, cause });
  }
  return { scenarioId, timestamps: Float64Array.from(times), tracks, sdcTrackIndex };
}

function decodeTrack(reader: ProtoReader, end: number): MotionTrack {
  let id = 0;
  let objectType = 0;
  // Grown geometrically; a scenario has 91 (or 11) states per track.
  let capacity = 96;
  let valid = new Uint8Array(capacity);
  let center = new Float64Array(3 * capacity);
  let size = new Float32Array(3 * capacity);
  let heading = new Float32Array(capacity);
  let count = 0;
  while (reader.pos < end) {
    const tag = reader.uint32();
    const number = tag >>> 3;
    const wire = tag & 7;
    if (number === 1 && wire === 0) id = reader.int32();
    else if (number === 2 && wire === 0) objectType = reader.int32();
    else if (number === 3 && wire === 2) {
      if (count === capacity) {
        capacity *= 2;
        valid = grow(valid, capacity);
        center = grow(center, 3 * capacity);
        size = grow(size, 3 * capacity);
        heading = grow(heading, capacity);
      }
      const stateEnd = reader.uint32() + reader.pos;
      while (reader.pos < stateEnd) {
        const stateTag = reader.uint32();
        switch (stateTag) {
          case (2 << 3) | 1: center[3 * count] = reader.double(); break;
          case (3 << 3) | 1: center[3 * count + 1] = reader.double(); break;
          case (4 << 3) | 1: center[3 * count + 2] = reader.double(); break;
          case (5 << 3) | 5: size[3 * count] = reader.float(); break;
          case (6 << 3) | 5: size[3 * count + 1] = reader.float(); break;
          case (7 << 3) | 5: size[3 * count + 2] = reader.float(); break;
          case (8 << 3) | 5: heading[count] = reader.float(); break;
          case (11 << 3) | 0: valid[count] = reader.bool() ? 1 : 0; break;
          default: reader.skipType(stateTag & 7);
        }
      }
      if (reader.pos !== stateEnd) throw new Error('an ObjectState overruns its length');
      count++;
    } else reader.skipType(wire);
  }
  if (reader.pos !== end) throw new Error('a Track overruns its length');
  return { id, objectType, count, valid: valid.subarray(0, count), center: center.subarray(0, 3 * count), size: size.subarray(0, 3 * count), heading: heading.subarray(0, count) };
}

function grow<T extends Uint8Array | Float32Array | Float64Array>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}
