/**
 * Loads the tables of one Argoverse 2 sensor log and validates them:
 * `annotations.feather` (cuboids in the ego frame at each LiDAR sweep),
 * `city_SE3_egovehicle.feather` (ego poses in the city frame) and, when
 * present, `calibration/egovehicle_SE3_sensor.feather` and
 * `calibration/intrinsics.feather`.
 */
import { join } from 'node:path';
import { DatasetFormatError, type Intrinsics } from '@stkit/core';
import {
  exists,
  nonMonotonicError,
  requireFinite,
  requireQuaternion,
  secondsSince,
  NANOSECONDS,
  type PoseSeries,
} from '../shared/index';
import { se3FromRotationTranslation, type Mat4 } from '../shared/index';
import { readFeather } from './read-feather';

const POSE_COLUMNS = {
  qw: 'float',
  qx: 'float',
  qy: 'float',
  qz: 'float',
  tx_m: 'float',
  ty_m: 'float',
  tz_m: 'float',
} as const;

/** The annotations of a log as columns (one entry per cuboid). */
export interface Argoverse2Annotations {
  file: string;
  timestamps: BigInt64Array;
  trackIds: string[];
  categories: string[];
  /** `[length, width, height]`, flat N×3. */
  sizes: Float64Array;
  /** `ego_from_object` rotations `[w, x, y, z]`, flat N×4. */
  rotations: Float64Array;
  /** Centres in the ego frame, flat N×3. */
  centers: Float64Array;
}

/** A loaded Argoverse 2 log. */
export interface Argoverse2Log {
  dir: string;
  /** Grid origin: the first annotation timestamp, ns. */
  origin: bigint;
  annotations: Argoverse2Annotations;
  /** `city_from_ego` poses, times in seconds since `origin`. */
  egoPoses: PoseSeries & { file: string };
  /** The chosen camera, when the log has calibration. */
  camera?: { name: string; egoFromCamera: Mat4; intrinsics: Intrinsics };
  /** Camera names found in the calibration (empty without calibration). */
  cameraNames: string[];
}

function column<T>(table: { columns: Map<string, unknown> }, name: string): T {
  return table.columns.get(name) as T;
}

/**
 * Plausibility bounds. The LZ4 frames of Argoverse 2 feather files carry no
 * checksums, so a flipped byte in a value can only be caught by its size:
 * Argoverse 2 stores unit quaternions (a norm off 1 by more than 1e-3 is not
 * a rotation), city frames span a few tens of kilometres (|t| ≤ 100 km), a
 * cuboid is at most 100 m long, and timestamps are positive nanoseconds
 * below 2^62 (the shared logs count from 1980: no tighter calendar bound).
 */
const MAX_TRANSLATION_M = 100_000;
const MAX_EXTENT_M = 100;
const QUATERNION_NORM_TOLERANCE = 1e-3;
const MIN_TIMESTAMP_NS = 0n;
const MAX_TIMESTAMP_NS = 2n ** 62n;

function implausible(location: { file: string; row: number; field: string }, reason: string): DatasetFormatError {
  return new DatasetFormatError({ ...location, reason: `implausible value: ${reason} (a corrupt file?)` });
}

/** Throws unless every timestamp is positive and below 2^62 ns. */
function checkTimestamps(file: string, timestamps: BigInt64Array): void {
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i]!;
    if (t <= MIN_TIMESTAMP_NS || t > MAX_TIMESTAMP_NS)
      throw implausible({ file, row: i + 1, field: 'timestamp_ns' }, `${t} ns is not a positive time below 2^62 ns`);
  }
}

const Q_FIELDS = ['qw', 'qx', 'qy', 'qz'] as const;
const T_FIELDS = ['tx_m', 'ty_m', 'tz_m'] as const;

/** Reads pose columns into flat `[w,x,y,z]` and `[x,y,z]` arrays, checking every value. */
function readPoses(table: { file: string; numRows: number; columns: Map<string, unknown> }): {
  rotations: Float64Array;
  translations: Float64Array;
} {
  const n = table.numRows;
  const q = Q_FIELDS.map((c) => column<Float64Array>(table, c));
  const t = T_FIELDS.map((c) => column<Float64Array>(table, c));
  const rotations = new Float64Array(4 * n);
  const translations = new Float64Array(3 * n);
  // Plain loops with the error location built only on failure: this runs once per box (≈10⁴ per log).
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let d = 0; d < 4; d++) {
      const v = q[d]![i]!;
      if (!Number.isFinite(v)) requireFinite(v, { file: table.file, row: i + 1, field: Q_FIELDS[d] });
      rotations[4 * i + d] = v;
      norm += v * v;
    }
    if (!(norm > 1e-12)) requireQuaternion([0, 0, 0, 0], { file: table.file, row: i + 1, field: 'qw,qx,qy,qz' });
    if (Math.abs(Math.sqrt(norm) - 1) > QUATERNION_NORM_TOLERANCE)
      throw implausible(
        { file: table.file, row: i + 1, field: 'qw,qx,qy,qz' },
        `quaternion norm ${Math.sqrt(norm)}, expected 1`,
      );
    for (let d = 0; d < 3; d++) {
      const v = t[d]![i]!;
      if (!Number.isFinite(v)) requireFinite(v, { file: table.file, row: i + 1, field: T_FIELDS[d] });
      if (Math.abs(v) > MAX_TRANSLATION_M)
        throw implausible(
          { file: table.file, row: i + 1, field: T_FIELDS[d]! },
          `${v} m is farther than ${MAX_TRANSLATION_M} m`,
        );
      translations[3 * i + d] = v;
    }
  }
  return { rotations, translations };
}

/**
 * Loads and validates a log; `camera` selects the camera used for projection.
 * @throws {@link DatasetFormatError} on bad input, naming the file: no annotations
 * @throws {@link DatasetFormatError} on bad input, naming the file: second cuboid of track … in sweep … (first at row …)
 * @throws {@link DatasetFormatError} on bad input, naming the file: negative extent …
 * @throws {@link DatasetFormatError} on the other invalid inputs this function checks (the message names the value)
 * @param dir - the log folder (`<split>/<log id>/`).
 * @param options - the `camera` whose poses and images to use, and an optional `signal`.
 */
export async function loadArgoverse2Log(
  dir: string,
  options: { camera: string; signal?: AbortSignal },
): Promise<Argoverse2Log> {
  const annFile = join(dir, 'annotations.feather');
  const ann = await readFeather(
    annFile,
    {
      timestamp_ns: 'int64',
      track_uuid: 'string',
      category: 'string',
      length_m: 'float',
      width_m: 'float',
      height_m: 'float',
      ...POSE_COLUMNS,
    },
    options,
  );
  if (ann.numRows === 0) throw new DatasetFormatError({ file: annFile, reason: 'no annotations' });
  const timestamps = column<BigInt64Array>(ann, 'timestamp_ns');
  checkTimestamps(annFile, timestamps);
  const trackIds = column<string[]>(ann, 'track_uuid');
  // One cuboid per track and sweep: a second one would give the track two positions at one time.
  const sweepTracks = new Map<string, number>();
  for (let i = 0; i < ann.numRows; i++) {
    if (i > 0 && timestamps[i]! < timestamps[i - 1]!)
      throw nonMonotonicError(
        { file: annFile, row: i + 1, field: 'timestamp_ns' },
        String(timestamps[i - 1]),
        String(timestamps[i]),
      );
    if (i > 0 && timestamps[i] !== timestamps[i - 1]) sweepTracks.clear();
    const first = sweepTracks.get(trackIds[i]!);
    if (first !== undefined) {
      throw new DatasetFormatError({
        file: annFile,
        row: i + 1,
        field: 'track_uuid',
        reason: `second cuboid of track ${trackIds[i]} in sweep ${timestamps[i]} (first at row ${first})`,
      });
    }
    sweepTracks.set(trackIds[i]!, i + 1);
  }
  const poses = readPoses(ann);
  const sizes = new Float64Array(3 * ann.numRows);
  const sizeFields = ['length_m', 'width_m', 'height_m'] as const;
  const sizeColumns = sizeFields.map((c) => column<Float64Array>(ann, c));
  for (let i = 0; i < ann.numRows; i++) {
    for (let d = 0; d < 3; d++) {
      const v = sizeColumns[d]![i]!;
      if (!(v >= 0 && v < Infinity)) {
        requireFinite(v, { file: annFile, row: i + 1, field: sizeFields[d] });
        throw new DatasetFormatError({
          file: annFile,
          row: i + 1,
          field: sizeFields[d],
          reason: `negative extent ${v}`,
        });
      }
      if (v > MAX_EXTENT_M)
        throw implausible(
          { file: annFile, row: i + 1, field: sizeFields[d]! },
          `extent ${v} m is larger than ${MAX_EXTENT_M} m`,
        );
      sizes[3 * i + d] = v;
    }
  }
  const origin = timestamps[0]!;
  const annotations: Argoverse2Annotations = {
    file: annFile,
    timestamps,
    trackIds,
    categories: column<string[]>(ann, 'category'),
    sizes,
    rotations: poses.rotations,
    centers: poses.translations,
  };

  const egoFile = join(dir, 'city_SE3_egovehicle.feather');
  const ego = await readFeather(egoFile, { timestamp_ns: 'int64', ...POSE_COLUMNS }, options);
  const egoTimestamps = column<BigInt64Array>(ego, 'timestamp_ns');
  checkTimestamps(egoFile, egoTimestamps);
  const times = new Float64Array(ego.numRows);
  for (let i = 0; i < ego.numRows; i++) {
    if (i > 0 && egoTimestamps[i]! <= egoTimestamps[i - 1]!)
      throw nonMonotonicError(
        { file: egoFile, row: i + 1, field: 'timestamp_ns' },
        String(egoTimestamps[i - 1]),
        String(egoTimestamps[i]),
      );
    times[i] = secondsSince(origin, egoTimestamps[i]!, NANOSECONDS);
  }
  const egoPoses = { file: egoFile, times, ...readPoses(ego) };

  const log: Argoverse2Log = { dir, origin, annotations, egoPoses, cameraNames: [] };
  const extrinsicsFile = join(dir, 'calibration', 'egovehicle_SE3_sensor.feather');
  const intrinsicsFile = join(dir, 'calibration', 'intrinsics.feather');
  if ((await exists(extrinsicsFile)) && (await exists(intrinsicsFile))) {
    const ext = await readFeather(extrinsicsFile, { sensor_name: 'string', ...POSE_COLUMNS }, options);
    const intr = await readFeather(
      intrinsicsFile,
      {
        sensor_name: 'string',
        fx_px: 'float',
        fy_px: 'float',
        cx_px: 'float',
        cy_px: 'float',
        width_px: 'uint',
        height_px: 'uint',
      },
      options,
    );
    const names = column<string[]>(intr, 'sensor_name');
    log.cameraNames = [...names];
    const ei = column<string[]>(ext, 'sensor_name').indexOf(options.camera);
    const ii = names.indexOf(options.camera);
    if (ei >= 0 && ii >= 0) {
      const extPoses = readPoses(ext);
      const value = (name: string): number =>
        requireFinite(column<Float64Array>(intr, name)[ii]!, { file: intrinsicsFile, row: ii + 1, field: name });
      const intrinsics: Intrinsics = {
        fx: value('fx_px'),
        fy: value('fy_px'),
        cx: value('cx_px'),
        cy: value('cy_px'),
        width: value('width_px'),
        height: value('height_px'),
      };
      if (!(intrinsics.fx > 0 && intrinsics.fy > 0 && intrinsics.width > 0 && intrinsics.height > 0)) {
        throw new DatasetFormatError({
          file: intrinsicsFile,
          row: ii + 1,
          field: 'fx_px',
          reason: 'focal lengths and image size must be positive',
        });
      }
      log.camera = {
        name: options.camera,
        egoFromCamera: se3FromRotationTranslation(
          extPoses.rotations.subarray(4 * ei, 4 * ei + 4),
          extPoses.translations.subarray(3 * ei, 3 * ei + 3),
        ),
        intrinsics,
      };
    }
  }
  return log;
}
