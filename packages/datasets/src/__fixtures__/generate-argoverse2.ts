/// <reference path="../argoverse2/lz4js.d.ts" />
/**
 * Writes an Argoverse 2 sensor log of a {@link Scene} as Feather V2 files
 * (Arrow IPC file format, one record batch, pandas schema metadata,
 * LZ4_FRAME-compressed bodies like the real files; `compression: 'none'` for
 * uncompressed bodies): `<root>/<split>/<log>/annotations.feather` (cuboids
 * in the ego frame at 10 Hz sweeps), `city_SE3_egovehicle.feather` (ego poses
 * at 100 Hz, including every sweep time unless `egoPhaseNs` shifts them), and
 * `calibration/egovehicle_SE3_sensor.feather` + `calibration/intrinsics.feather`
 * (a ring camera rig). Column names, order and types are those of the real
 * files (`timestamp_ns:int64`, strings `utf8`, `width_px`/`height_px`
 * `uint16`, the rest `float64`). No Argoverse data is copied.
 *
 * The city frame is the scene frame shifted by `cityOffset`; the ego frame
 * (x forward, y left, z up) sits on the ground at the ego's scene pose.
 * Track uuids are the scene objects' ids.
 */
import { join } from 'node:path';
import {
  CompressionType,
  Float64,
  Int64,
  RecordBatch,
  RecordBatchFileWriter,
  Schema,
  Table,
  Uint16,
  Utf8,
  compressionRegistry,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';
import * as lz4 from 'lz4js';
import { createLz4FrameCodec } from '../argoverse2/lz4-frame-codec';
import {
  centerZOf,
  mat4Mul,
  poseOnGround,
  quatFromRotation,
  rigidInverse,
  writeFileAtomic,
  yawPose,
  type Scene,
} from './scene';

/** The camera rig written to `calibration/` (pinhole, no distortion). */
export const ARGOVERSE2_FIXTURE_CAMERAS = [
  // ring_front_center: optical axis along ego +x, 1.6 m ahead of the origin and 1.4 m up (the real rig's layout, simplified).
  {
    name: 'ring_front_center',
    yaw: 0,
    translation: [1.6, 0, 1.4] as [number, number, number],
    fx: 1776,
    fy: 1776,
    cx: 775,
    cy: 1024,
    width: 1550,
    height: 2048,
  },
  {
    name: 'ring_rear_left',
    yaw: (150 * Math.PI) / 180,
    translation: [1.0, 0.9, 1.4] as [number, number, number],
    fx: 1776,
    fy: 1776,
    cx: 1024,
    cy: 775,
    width: 2048,
    height: 1550,
  },
] as const;

/** Options of {@link generateArgoverse2Log}. */
export interface Argoverse2FixtureOptions {
  /** Log id (folder name). @default '00000000-0000-4000-8000-00000000a2a2' */
  log?: string;
  /** Split folder. @default 'val' */
  split?: string;
  /** First sweep, ns (the real logs count from 1980). @default 315966253660357000n */
  startNs?: bigint;
  /** City frame = scene frame + this offset, metres. @default [0, 0, 0] */
  cityOffset?: [number, number, number];
  /** Body compression. @default 'lz4' */
  compression?: 'lz4' | 'none';
  /** Ego poses per second. @default 100 */
  egoRateHz?: number;
  /** Shift of the ego pose clock against the sweeps, ns (non-zero: no pose row at a sweep time, the reader interpolates). @default 0 */
  egoPhaseNs?: bigint;
  /** Write `calibration/`. @default true */
  calibration?: boolean;
}

type ColumnSpec = readonly [name: string, type: 'int64' | 'utf8' | 'float64' | 'uint16', values: unknown[]];

const PANDAS_TYPES = {
  int64: ['int64', 'int64'],
  utf8: ['unicode', 'object'],
  float64: ['float64', 'float64'],
  uint16: ['uint16', 'uint16'],
} as const;

/** A Feather V2 file: the columns in order, pandas metadata, one record batch. */
export function featherBytes(columns: readonly ColumnSpec[], compression: 'lz4' | 'none'): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const [name, type, values] of columns) {
    const arrowType: DataType =
      type === 'int64' ? new Int64() : type === 'utf8' ? new Utf8() : type === 'uint16' ? new Uint16() : new Float64();
    vectors[name] = vectorFromArray(values, arrowType);
  }
  const plain = new Table(vectors);
  const pandas = {
    index_columns: [],
    column_indexes: [],
    columns: columns.map(([name, type]) => ({
      name,
      field_name: name,
      pandas_type: PANDAS_TYPES[type][0],
      numpy_type: PANDAS_TYPES[type][1],
      metadata: null,
    })),
    creator: { library: '@stkit/datasets fixtures' },
  };
  const schema = new Schema(plain.schema.fields, new Map([['pandas', JSON.stringify(pandas)]]));
  const table = new Table(
    schema,
    plain.batches.map((batch) => new RecordBatch(schema, batch.data)),
  );
  if (compression === 'none') return RecordBatchFileWriter.writeAll(table).toUint8Array(true);
  // apache-arrow 21.2 writes the *compressed* length into each buffer's 8-byte prefix, where the Arrow
  // format (Message.fbs, BodyCompressionMethod.BUFFER) puts the uncompressed length (arrow-js's own reader
  // ignores it; pyarrow and our reader use it). The codec records every frame it returns, and the prefixes
  // are corrected in the written bytes afterwards.
  const codec = createLz4FrameCodec({ compress: lz4.compress, decompress: lz4.decompress });
  const frames: { frame: Uint8Array; rawLength: number }[] = [];
  compressionRegistry.set(CompressionType.LZ4_FRAME, {
    decode: codec.decode,
    encode(bytes: Uint8Array) {
      const frame = codec.encode(bytes);
      if (frame.length < bytes.length) frames.push({ frame, rawLength: bytes.length });
      return frame;
    },
  });
  const bytes = Buffer.from(
    RecordBatchFileWriter.writeAll(table, { compressionType: CompressionType.LZ4_FRAME }).toUint8Array(true),
  );
  let from = 0;
  for (const { frame, rawLength } of frames) {
    const prefix = Buffer.alloc(8);
    prefix.writeBigInt64LE(BigInt(frame.length));
    const at = bytes.indexOf(Buffer.concat([prefix, frame]), from);
    if (at < 0) throw new Error('featherBytes: a compressed buffer was not found in the written file');
    bytes.writeBigInt64LE(BigInt(rawLength), at);
    from = at + 8 + frame.length;
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

const SWEEP_NS = 100_000_000n;

/** Writes the log; returns its folder. */
export function generateArgoverse2Log(root: string, scene: Scene, options: Argoverse2FixtureOptions = {}): string {
  const dir = join(root, options.split ?? 'val', options.log ?? '00000000-0000-4000-8000-00000000a2a2');
  const start = options.startNs ?? 315966253660357000n;
  const [ox, oy, oz] = options.cityOffset ?? [0, 0, 0];
  const compression = options.compression ?? 'lz4';
  const cityFromEgo = (t: number): Float64Array => {
    const ego = poseOnGround(scene.ego, t);
    return yawPose(ego.heading, ego.x + ox, ego.y + oy, oz);
  };
  const seconds = (ns: bigint): number => Number(ns - start) / 1e9;

  // Ego poses (100 Hz by default) from 0.1 s before the first sweep to 0.1 s after the last.
  const sweeps = Math.round(scene.duration * 10) + 1;
  const egoStep = BigInt(Math.round(1e9 / (options.egoRateHz ?? 100)));
  const egoRows: { t: bigint[]; q: number[][]; p: number[][] } = { t: [], q: [], p: [] };
  for (
    let ns = start - SWEEP_NS + (options.egoPhaseNs ?? 0n);
    ns <= start + BigInt(sweeps - 1) * SWEEP_NS + SWEEP_NS;
    ns += egoStep
  ) {
    const m = cityFromEgo(seconds(ns));
    egoRows.t.push(ns);
    egoRows.q.push(quatFromRotation(m));
    egoRows.p.push([m[3]!, m[7]!, m[11]!]);
  }
  const poseColumns = (q: number[][], p: number[][]): ColumnSpec[] => [
    ['qw', 'float64', q.map((v) => v[0])],
    ['qx', 'float64', q.map((v) => v[1])],
    ['qy', 'float64', q.map((v) => v[2])],
    ['qz', 'float64', q.map((v) => v[3])],
    ['tx_m', 'float64', p.map((v) => v[0])],
    ['ty_m', 'float64', p.map((v) => v[1])],
    ['tz_m', 'float64', p.map((v) => v[2])],
  ];
  writeFileAtomic(
    join(dir, 'city_SE3_egovehicle.feather'),
    featherBytes([['timestamp_ns', 'int64', egoRows.t], ...poseColumns(egoRows.q, egoRows.p)], compression),
  );

  // Annotations: every object at every sweep, in the ego frame of that sweep.
  const ann = {
    t: [] as bigint[],
    id: [] as string[],
    cat: [] as string[],
    l: [] as number[],
    w: [] as number[],
    h: [] as number[],
    q: [] as number[][],
    p: [] as number[][],
    pts: [] as bigint[],
  };
  for (let k = 0; k < sweeps; k++) {
    const ns = start + BigInt(k) * SWEEP_NS;
    const t = seconds(ns);
    const egoFromCity = rigidInverse(cityFromEgo(t));
    for (const object of scene.objects) {
      const pose = poseOnGround(object.motion, t);
      const m = mat4Mul(egoFromCity, yawPose(pose.heading, pose.x + ox, pose.y + oy, oz + centerZOf(object)));
      ann.t.push(ns);
      ann.id.push(object.id);
      ann.cat.push(object.category);
      ann.l.push(object.size[0]);
      ann.w.push(object.size[1]);
      ann.h.push(object.size[2]);
      ann.q.push(quatFromRotation(m));
      ann.p.push([m[3]!, m[7]!, m[11]!]);
      ann.pts.push(BigInt(Math.max(1, Math.round(2000 / (1 + Math.hypot(m[3]!, m[7]!))))));
    }
  }
  writeFileAtomic(
    join(dir, 'annotations.feather'),
    featherBytes(
      [
        ['timestamp_ns', 'int64', ann.t],
        ['track_uuid', 'utf8', ann.id],
        ['category', 'utf8', ann.cat],
        ['length_m', 'float64', ann.l],
        ['width_m', 'float64', ann.w],
        ['height_m', 'float64', ann.h],
        ...poseColumns(ann.q, ann.p),
        ['num_interior_pts', 'int64', ann.pts],
      ],
      compression,
    ),
  );

  if (options.calibration ?? true) {
    const cameras = ARGOVERSE2_FIXTURE_CAMERAS;
    // ego_from_camera: camera axes (x right, y down, z forward) → ego (x fwd, y left, z up), turned by the camera's yaw.
    const egoFromCamera = cameras.map((c) =>
      mat4Mul(yawPose(c.yaw, ...c.translation), Float64Array.of(0, 0, 1, 0, -1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 1)),
    );
    const lidar = yawPose(0, 1.35, 0, 1.64);
    const names = [...cameras.map((c) => c.name), 'up_lidar'];
    const rigs = [...egoFromCamera, lidar];
    writeFileAtomic(
      join(dir, 'calibration', 'egovehicle_SE3_sensor.feather'),
      featherBytes(
        [
          ['sensor_name', 'utf8', names],
          ...poseColumns(
            rigs.map((m) => quatFromRotation(m)),
            rigs.map((m) => [m[3]!, m[7]!, m[11]!]),
          ),
        ],
        compression,
      ),
    );
    writeFileAtomic(
      join(dir, 'calibration', 'intrinsics.feather'),
      featherBytes(
        [
          ['sensor_name', 'utf8', cameras.map((c) => c.name)],
          ['fx_px', 'float64', cameras.map((c) => c.fx)],
          ['fy_px', 'float64', cameras.map((c) => c.fy)],
          ['cx_px', 'float64', cameras.map((c) => c.cx)],
          ['cy_px', 'float64', cameras.map((c) => c.cy)],
          ['k1', 'float64', cameras.map(() => 0)],
          ['k2', 'float64', cameras.map(() => 0)],
          ['k3', 'float64', cameras.map(() => 0)],
          ['height_px', 'uint16', cameras.map((c) => c.height)],
          ['width_px', 'uint16', cameras.map((c) => c.width)],
        ],
        compression,
      ),
    );
  }
  return dir;
}
