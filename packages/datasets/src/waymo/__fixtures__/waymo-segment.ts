/**
 * Test helper: a multi-frame Waymo segment built from the structure of the
 * real one-frame file — its context (camera calibrations), its FRONT JPEG and
 * its 75 labels' ids, types and sizes — as v1 `Frame` records (protobufjs
 * `Writer`, field numbers of dataset.proto/label.proto) and as v2 parquet
 * components (hyparquet-writer, column names of the v2 component definitions).
 * The ego vehicle drives straight at `egoSpeed`; every label keeps its real
 * world position at frame 0, vehicles with an even index move at 8 m/s along
 * their heading, the others stay parked. Returns the designed world centres.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import protobuf from 'protobufjs/minimal.js';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { WaymoFrame } from '../frame-decode';
import { encodeTfRecords } from '../tfrecord';

const { Writer } = protobuf;

export interface BuiltSegment {
  /** World centre of each label id at each frame. */
  world: Map<string, [number, number, number][]>;
  /** Ids of the moving labels. */
  moving: Set<string>;
  /** Frame timestamps, µs. */
  times: bigint[];
  poses: number[][];
}

const mul = (a: number[], b: number[]) =>
  Array.from({ length: 16 }, (_, i) =>
    [0, 1, 2, 3].reduce((s, k) => s + a[4 * Math.floor(i / 4) + k]! * b[4 * k + (i % 4)]!, 0),
  );
const apply = (m: number[], p: number[]) =>
  [0, 1, 2].map((r) => m[4 * r]! * p[0]! + m[4 * r + 1]! * p[1]! + m[4 * r + 2]! * p[2]! + m[4 * r + 3]!);
const inverse = (m: number[]) => {
  const r = [m[0]!, m[4]!, m[8]!, m[1]!, m[5]!, m[9]!, m[2]!, m[6]!, m[10]!];
  const t = [m[3]!, m[7]!, m[11]!];
  const it = [0, 1, 2].map((i) => -(r[3 * i]! * t[0]! + r[3 * i + 1]! * t[1]! + r[3 * i + 2]! * t[2]!));
  return [r[0]!, r[1]!, r[2]!, it[0]!, r[3]!, r[4]!, r[5]!, it[1]!, r[6]!, r[7]!, r[8]!, it[2]!, 0, 0, 0, 1];
};

/** Builds `frameCount` frames at 10 Hz; writes `<dir>/v1/segment.tfrecord` and `<dir>/v2/<component>/<name>.parquet`. */
export async function buildSegment(
  real: WaymoFrame,
  realBytes: Uint8Array,
  dir: string,
  frameCount = 41,
  egoSpeed = 5,
): Promise<BuiltSegment> {
  const front = real.images.find((image) => image.name === 1)!;
  const jpeg = realBytes.slice(front.offset, front.offset + front.length);
  const pose0 = real.pose;
  const yaw0 = Math.atan2(pose0[4]!, pose0[0]!);
  const world0 = real.labels.map((label) => apply(pose0, label.box.slice(0, 3)));
  const moving = new Set(
    real.labels.filter((label, index) => label.type === 1 && index % 2 === 0).map((label) => label.id),
  );
  const t0 = BigInt(real.timestampMicros);
  const world = new Map<string, [number, number, number][]>();
  const times: bigint[] = [];
  const poses: number[][] = [];
  const records: Uint8Array[] = [];
  const v2 = {
    pose: [] as unknown[],
    time: [] as bigint[],
    boxTime: [] as bigint[],
    boxId: [] as string[],
    box: [] as number[][],
    boxType: [] as number[],
  };
  for (let f = 0; f < frameCount; f++) {
    const dt = f / 10;
    const time = t0 + BigInt(f * 100_000);
    // Ego: straight ahead along its heading.
    const pose = pose0.slice();
    pose[3] = pose0[3]! + egoSpeed * dt * Math.cos(yaw0);
    pose[7] = pose0[7]! + egoSpeed * dt * Math.sin(yaw0);
    const vehicleFromWorld = inverse(pose);
    times.push(time);
    poses.push(pose);
    const writer = Writer.create();
    // context (1): name + camera calibrations, as in the real record.
    const context = Writer.create()
      .uint32((1 << 3) | 2)
      .string(real.segment);
    for (const calibration of real.calibrations) {
      const c = Writer.create()
        .uint32((1 << 3) | 0)
        .int32(calibration.name);
      const intrinsic = Writer.create();
      for (const v of calibration.intrinsic) intrinsic.double(v);
      c.uint32((2 << 3) | 2).bytes(intrinsic.finish());
      const extrinsic = Writer.create();
      for (const v of calibration.extrinsic) extrinsic.double(v);
      c.uint32((3 << 3) | 2).bytes(
        Writer.create()
          .uint32((1 << 3) | 2)
          .bytes(extrinsic.finish())
          .finish(),
      );
      c.uint32((4 << 3) | 0)
        .int32(calibration.width)
        .uint32((5 << 3) | 0)
        .int32(calibration.height);
      context.uint32((2 << 3) | 2).bytes(c.finish());
    }
    writer.uint32((1 << 3) | 2).bytes(context.finish());
    writer.uint32((2 << 3) | 0).int64(time.toString());
    const poseValues = Writer.create();
    for (const v of pose) poseValues.double(v);
    writer.uint32((3 << 3) | 2).bytes(
      Writer.create()
        .uint32((1 << 3) | 2)
        .bytes(poseValues.finish())
        .finish(),
    );
    writer.uint32((4 << 3) | 2).bytes(
      Writer.create()
        .uint32((1 << 3) | 0)
        .int32(1)
        .uint32((2 << 3) | 2)
        .bytes(jpeg)
        .finish(),
    );
    real.labels.forEach((label, index) => {
      const heading = label.box[6];
      const w = world0[index]!.slice();
      if (moving.has(label.id)) {
        // Heading in the world = vehicle yaw + box heading.
        w[0]! += 8 * dt * Math.cos(yaw0 + heading);
        w[1]! += 8 * dt * Math.sin(yaw0 + heading);
      }
      const list = world.get(label.id) ?? [];
      list.push([w[0]!, w[1]!, w[2]!]);
      world.set(label.id, list);
      const v = apply(vehicleFromWorld, w);
      const box = Writer.create();
      // center_x 1, center_y 2, center_z 3, width 4, length 5, height 6, heading 7.
      [v[0]!, v[1]!, v[2]!, label.box[4], label.box[3], label.box[5], heading].forEach((value, i) =>
        box.uint32(((i + 1) << 3) | 1).double(value),
      );
      writer.uint32((6 << 3) | 2).bytes(
        Writer.create()
          .uint32((1 << 3) | 2)
          .bytes(box.finish())
          .uint32((3 << 3) | 0)
          .int32(label.type)
          .uint32((4 << 3) | 2)
          .string(label.id)
          .finish(),
      );
      v2.boxTime.push(time);
      v2.boxId.push(label.id);
      v2.box.push([v[0]!, v[1]!, v[2]!, label.box[3], label.box[4], label.box[5], heading]);
      v2.boxType.push(label.type);
    });
    v2.pose.push(pose);
    v2.time.push(time);
    records.push(writer.finish());
  }
  await mkdir(join(dir, 'v1'), { recursive: true });
  await writeFile(join(dir, 'v1', 'segment.tfrecord'), encodeTfRecords(records));
  // v2 components (column names: waymo_open_dataset/v2/perception/{base,pose,box,context,camera_image}.py).
  const name = real.segment;
  const list = (column: string, type: 'DOUBLE' | 'FLOAT') => [
    { name: column, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', type, repetition_type: 'OPTIONAL' },
  ];
  const scalar = (column: string, type: string, extra: Record<string, unknown> = {}) => ({
    name: column,
    type,
    repetition_type: 'OPTIONAL',
    ...extra,
  });
  const write = async (component: string, schema: unknown[], columns: { name: string; data: unknown[] }[]) => {
    await mkdir(join(dir, 'v2', component), { recursive: true });
    const buffer = parquetWriteBuffer({
      schema: [{ name: 'root', num_children: columns.length }, ...schema] as never,
      columnData: columns as never,
    });
    await writeFile(join(dir, 'v2', component, `${name}.parquet`), new Uint8Array(buffer));
  };
  const seg = (n: number) => Array.from({ length: n }, () => name);
  await write(
    'vehicle_pose',
    [
      scalar('key.segment_context_name', 'BYTE_ARRAY', { converted_type: 'UTF8' }),
      scalar('key.frame_timestamp_micros', 'INT64'),
      ...list('[VehiclePoseComponent].world_from_vehicle.transform', 'DOUBLE'),
    ],
    [
      { name: 'key.segment_context_name', data: seg(frameCount) },
      { name: 'key.frame_timestamp_micros', data: v2.time },
      { name: '[VehiclePoseComponent].world_from_vehicle.transform', data: v2.pose },
    ],
  );
  const boxColumns = [
    'box.center.x',
    'box.center.y',
    'box.center.z',
    'box.size.x',
    'box.size.y',
    'box.size.z',
    'box.heading',
  ].map((c) => `[LiDARBoxComponent].${c}`);
  await write(
    'lidar_box',
    [
      scalar('key.segment_context_name', 'BYTE_ARRAY', { converted_type: 'UTF8' }),
      scalar('key.frame_timestamp_micros', 'INT64'),
      scalar('key.laser_object_id', 'BYTE_ARRAY', { converted_type: 'UTF8' }),
      ...boxColumns.map((c) => scalar(c, 'DOUBLE')),
      scalar('[LiDARBoxComponent].type', 'INT32'),
    ],
    [
      { name: 'key.segment_context_name', data: seg(v2.boxId.length) },
      { name: 'key.frame_timestamp_micros', data: v2.boxTime },
      { name: 'key.laser_object_id', data: v2.boxId },
      ...boxColumns.map((c, i) => ({ name: c, data: v2.box.map((b) => b[i]!) })),
      { name: '[LiDARBoxComponent].type', data: v2.boxType },
    ],
  );
  const intrinsic = ['f_u', 'f_v', 'c_u', 'c_v', 'k1', 'k2', 'p1', 'p2', 'k3'].map(
    (k) => `[CameraCalibrationComponent].intrinsic.${k}`,
  );
  await write(
    'camera_calibration',
    [
      scalar('key.segment_context_name', 'BYTE_ARRAY', { converted_type: 'UTF8' }),
      scalar('key.camera_name', 'INT32'),
      ...intrinsic.map((c) => scalar(c, 'DOUBLE')),
      ...list('[CameraCalibrationComponent].extrinsic.transform', 'DOUBLE'),
      scalar('[CameraCalibrationComponent].width', 'INT32'),
      scalar('[CameraCalibrationComponent].height', 'INT32'),
    ],
    [
      { name: 'key.segment_context_name', data: seg(real.calibrations.length) },
      { name: 'key.camera_name', data: real.calibrations.map((c) => c.name) },
      ...intrinsic.map((c, i) => ({ name: c, data: real.calibrations.map((cal) => cal.intrinsic[i]!) })),
      { name: '[CameraCalibrationComponent].extrinsic.transform', data: real.calibrations.map((c) => c.extrinsic) },
      { name: '[CameraCalibrationComponent].width', data: real.calibrations.map((c) => c.width) },
      { name: '[CameraCalibrationComponent].height', data: real.calibrations.map((c) => c.height) },
    ],
  );
  await write(
    'camera_image',
    [
      scalar('key.segment_context_name', 'BYTE_ARRAY', { converted_type: 'UTF8' }),
      scalar('key.frame_timestamp_micros', 'INT64'),
      scalar('key.camera_name', 'INT32'),
      scalar('[CameraImageComponent].image', 'BYTE_ARRAY'),
    ],
    [
      { name: 'key.segment_context_name', data: seg(frameCount) },
      { name: 'key.frame_timestamp_micros', data: v2.time },
      { name: 'key.camera_name', data: Array.from({ length: frameCount }, () => 1) },
      { name: '[CameraImageComponent].image', data: Array.from({ length: frameCount }, () => jpeg) },
    ],
  );
  return { world, moving, times, poses };
}

export { mul, apply, inverse };
