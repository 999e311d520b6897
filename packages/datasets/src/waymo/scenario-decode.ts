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
export const WAYMO_MOTION_OBJECT_TYPES = [
  'TYPE_UNSET',
  'TYPE_VEHICLE',
  'TYPE_PEDESTRIAN',
  'TYPE_CYCLIST',
  'TYPE_OTHER',
] as const;

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

/**
 * Decodes the used fields of a serialized `Scenario`. Two passes: the first
 * finds the tracks and counts their states (skipping each state by its
 * length), so that all states land in four arrays allocated once per
 * scenario; each track's arrays are views into them.
 * @throws {@link DatasetFormatError} on bad input, naming the file: not a valid Scenario protobuf: …
 */
export function decodeScenario(bytes: Uint8Array, place: RecordPlace): MotionScenario {
  const reader = Reader.create(bytes);
  let scenarioId = '';
  const times: number[] = [];
  const trackStarts: number[] = [];
  const trackEnds: number[] = [];
  const trackCounts: number[] = [];
  let total = 0;
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
        if (end > reader.len) throw new Error('packed timestamps overrun the record');
        while (reader.pos < end) times.push(reader.double());
      } else if (number === 1 && wire === 1) {
        field = 'timestamps_seconds';
        times.push(reader.double());
      } else if (number === 2 && wire === 2) {
        field = 'tracks';
        const end = reader.uint32() + reader.pos;
        if (end > reader.len) throw new Error('a Track overruns the record');
        trackStarts.push(reader.pos);
        trackEnds.push(end);
        const count = countStates(reader, end);
        trackCounts.push(count);
        total += count;
      } else if (number === 6 && wire === 0) {
        field = 'sdc_track_index';
        sdcTrackIndex = reader.int32();
      } else {
        // Map features, dynamic map states, lidar…: skipped by their length, never decoded.
        field = 'Scenario';
        reader.skipType(wire);
      }
    }
    const valid = new Uint8Array(total);
    const center = new Float64Array(3 * total);
    const size = new Float32Array(3 * total);
    const heading = new Float32Array(total);
    const tracks: MotionTrack[] = [];
    let offset = 0;
    for (let t = 0; t < trackStarts.length; t++) {
      field = `tracks[${t}]`;
      const count = trackCounts[t]!;
      reader.pos = trackStarts[t]!;
      const end = trackEnds[t]!;
      let id = 0;
      let objectType = 0;
      let k = offset;
      while (reader.pos < end) {
        const tag = reader.uint32();
        const number = tag >>> 3;
        const wire = tag & 7;
        if (number === 1 && wire === 0) id = reader.int32();
        else if (number === 2 && wire === 0) objectType = reader.int32();
        else if (number === 3 && wire === 2) {
          const stateEnd = reader.uint32() + reader.pos;
          reader.pos = decodeState(reader, stateEnd, k, center, size, heading, valid);
          k++;
        } else reader.skipType(wire);
      }
      tracks.push({
        id,
        objectType,
        count,
        valid: valid.subarray(offset, offset + count),
        center: center.subarray(3 * offset, 3 * (offset + count)),
        size: size.subarray(3 * offset, 3 * (offset + count)),
        heading: heading.subarray(offset, offset + count),
      });
      offset += count;
    }
    return { scenarioId, timestamps: Float64Array.from(times), tracks, sdcTrackIndex };
  } catch (cause) {
    throw new DatasetFormatError({
      file: place.file,
      row: place.record,
      field,
      reason: `not a valid Scenario protobuf: ${(cause as Error).message}`,
      cause,
    });
  }
}

/** Counts the `states` (field 3) of a Track in [reader.pos, end), skipping everything; leaves `reader.pos = end`. */
function countStates(reader: ProtoReader, end: number): number {
  let count = 0;
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag === ((3 << 3) | 2)) count++;
    reader.skipType(tag & 7);
  }
  if (reader.pos !== end) throw new Error('a Track overruns its length');
  return count;
}

/** Reads one ObjectState's fields in [reader.pos, end) into slot `k`; returns `end`. */
function decodeState(
  reader: ProtoReader,
  end: number,
  k: number,
  center: Float64Array,
  size: Float32Array,
  heading: Float32Array,
  valid: Uint8Array,
): number {
  const buf = reader.buf;
  const view = viewOf(buf);
  let pos = reader.pos;
  if (end > buf.length) throw new Error('an ObjectState overruns the record');
  while (pos < end) {
    const tag = buf[pos]!;
    if (tag >= 0x80) {
      // Multi-byte tag (field ≥ 16): not one of ours.
      reader.pos = pos;
      const long = reader.uint32();
      reader.skipType(long & 7);
      pos = reader.pos;
      continue;
    }
    pos++;
    switch (tag) {
      case (2 << 3) | 1:
        center[3 * k] = view.getFloat64(pos, true);
        pos += 8;
        break;
      case (3 << 3) | 1:
        center[3 * k + 1] = view.getFloat64(pos, true);
        pos += 8;
        break;
      case (4 << 3) | 1:
        center[3 * k + 2] = view.getFloat64(pos, true);
        pos += 8;
        break;
      case (5 << 3) | 5:
        size[3 * k] = view.getFloat32(pos, true);
        pos += 4;
        break;
      case (6 << 3) | 5:
        size[3 * k + 1] = view.getFloat32(pos, true);
        pos += 4;
        break;
      case (7 << 3) | 5:
        size[3 * k + 2] = view.getFloat32(pos, true);
        pos += 4;
        break;
      case (8 << 3) | 5:
        heading[k] = view.getFloat32(pos, true);
        pos += 4;
        break;
      case (11 << 3) | 0: {
        // bool varint: 0 or 1 in one byte (longer varints are still read whole).
        let value = buf[pos++]!;
        if (value >= 0x80) {
          reader.pos = pos - 1;
          value = reader.uint32();
          pos = reader.pos;
        }
        valid[k] = value !== 0 ? 1 : 0;
        break;
      }
      default:
        reader.pos = pos;
        reader.skipType(tag & 7);
        pos = reader.pos;
    }
  }
  return pos;
}

let lastBuffer: Uint8Array | undefined;
let lastView: DataView | undefined;
function viewOf(buf: Uint8Array): DataView {
  if (buf !== lastBuffer) {
    lastBuffer = buf;
    lastView = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  return lastView!;
}
