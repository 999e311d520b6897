/**
 * The Waymo perception reader. On the real one-frame v1 file: decoding
 * against Python protobuf (classes from protoc on the shipped dataset.proto),
 * world centres against the vehicle pose applied by hand, 2D boxes against a
 * projection written here in Waymo's own camera convention (x forward, y left,
 * z up: u = c_u − f_u·y/x, v = c_v − f_v·z/x), and the visual prompt drawn on
 * the real FRONT JPEG. A 41-frame segment built from the real frame's
 * structure (v1 records and v2 parquet components) checks motion: designed
 * world trajectories, the stationary rule, and v1 = v2.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseClip, type Clip } from '@stkit/core';
import { selectFacts } from '@stkit/kinematics';
import { hasSharedData, HEAVY_PROCESS_TIMEOUT_MS, sharedDataPath, skipMessage } from '@stkit/test-data';
import { writeClipFrames } from '../frames/index';
import { decodeFrame, type WaymoFrame } from './frame-decode';
import { readWaymoClips } from './perception-reader';
import { readTfRecords } from './tfrecord';
import { apply, buildSegment, type BuiltSegment } from './__fixtures__/waymo-segment';
import { generatePythonClasses, hasPythonPeer, runPeer } from './__fixtures__/waymo-python';

const perceptionDir = sharedDataPath('waymo', 'perception');
const realFile = perceptionDir && join(perceptionDir, 'pvps_data_one_frame.tfrecord');

async function readAll(root: string, camera?: string): Promise<Clip[]> {
  const clips: Clip[] = [];
  for await (const event of readWaymoClips({ root, ...(camera ? { camera } : {}) })) {
    if (event.kind === 'error') throw event.error;
    clips.push(event.clip);
  }
  return clips;
}

describe.skipIf(!hasSharedData)(
  hasSharedData ? 'Waymo perception reader' : `Waymo perception reader: skipped, ${skipMessage}`,
  () => {
    let real: WaymoFrame;
    let realBytes: Uint8Array;
    let peer:
      | {
          name: string;
          timestamp: number;
          pose: number[];
          calibrations: { name: number; intrinsic: number[]; extrinsic: number[]; width: number; height: number }[];
          images: { name: number; bytes: number; head: string }[];
          labels: { id: string; type: number; box: number[] }[];
        }[]
      | undefined;
    let dir: string;
    let built: BuiltSegment;
    beforeAll(async () => {
      for await (const record of readTfRecords(realFile!)) {
        realBytes = record.data;
        real = decodeFrame(record.data, { file: realFile!, record: record.index });
      }
      dir = await mkdtemp(join(tmpdir(), 'stkit-waymo-'));
      built = await buildSegment(real, realBytes, dir);
      if (await hasPythonPeer())
        peer = await runPeer(await generatePythonClasses(sharedDataPath('waymo', 'protos')!), 'frame', realFile!);
    }, HEAVY_PROCESS_TIMEOUT_MS);

    it('decodes the real Frame as Python protobuf does', () => {
      expect(peer, 'needs /usr/bin/python3 with python3-protobuf, and protoc').toBeDefined();
      const frame = peer![0]!;
      expect(real.segment).toBe(frame.name);
      expect(real.timestampMicros).toBe(String(frame.timestamp));
      expect(real.pose).toEqual(frame.pose);
      expect(real.calibrations).toEqual(frame.calibrations);
      expect(real.images.map((image) => [image.name, image.length])).toEqual(
        frame.images.map((image) => [image.name, image.bytes]),
      );
      for (const image of real.images)
        expect(Buffer.from(realBytes.subarray(image.offset, image.offset + 4)).toString('hex')).toBe('ffd8ffe0');
      expect(real.labels.map((label) => [label.id, label.type, label.box])).toEqual(
        frame.labels.map((label) => [label.id, label.type, label.box]),
      );
      expect(real.labels).toHaveLength(75);
    });

    it("real frame: world centres through the vehicle pose, 2D boxes in Waymo's camera convention, prompt drawn on the real JPEG", async () => {
      const clips = await readAll(perceptionDir!);
      expect(clips).toHaveLength(1);
      const clip = parseClip(clips[0]!);
      expect(clip.source).toMatchObject({ dataset: 'waymo', log: real.segment, camera: 'FRONT', domain: 'driving' });
      expect(clip.frames).toEqual([
        {
          t: 0,
          timestamp: real.timestampMicros,
          image: expect.stringMatching(/^pvps_data_one_frame\.tfrecord#bytes=\d+\+446413$/),
        },
      ]);
      const front = real.calibrations.find((c) => c.name === 1)!;
      const [fu, fv, cu, cv] = front.intrinsic as [number, number, number, number];
      const e = front.extrinsic;
      // vehicle → Waymo camera: inverse of the extrinsic (rotation transposed).
      const toCamera = (p: number[]) => {
        const d = [p[0]! - e[3]!, p[1]! - e[7]!, p[2]! - e[11]!];
        return [0, 1, 2].map((c) => e[c]! * d[0]! + e[4 + c]! * d[1]! + e[8 + c]! * d[2]!);
      };
      let inside = 0;
      for (const label of real.labels) {
        const track = clip.tracks.find((candidate) => candidate.id === label.id)!;
        const sample = track.samples[0]!;
        const world = apply(real.pose, label.box.slice(0, 3));
        sample.center.forEach((v, i) => expect(v).toBeCloseTo(world[i]!, 6));
        const [x, y, z, l, w, h, heading] = label.box;
        const corners = [-1, 1].flatMap((a) =>
          [-1, 1].flatMap((b) =>
            [-1, 1].map((c) => {
              const dx = (a * l) / 2;
              const dy = (b * w) / 2;
              return toCamera([
                x + dx * Math.cos(heading) - dy * Math.sin(heading),
                y + dx * Math.sin(heading) + dy * Math.cos(heading),
                z + (c * h) / 2,
              ]);
            }),
          ),
        );
        const us = corners.map((p) => cu - (fu * p[1]!) / p[0]!);
        const vs = corners.map((p) => cv - (fv * p[2]!) / p[0]!);
        const fully =
          corners.every((p) => p[0]! > 0.1) &&
          us.every((u) => u >= 0 && u <= front.width) &&
          vs.every((v) => v >= 0 && v <= front.height);
        if (fully) {
          inside++;
          expect(sample.box2d).toBeDefined();
          const expected = [Math.min(...us), Math.min(...vs), Math.max(...us), Math.max(...vs)];
          sample.box2d!.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
        }
        if (corners.every((p) => p[0]! < 0)) expect(sample.box2d).toBeUndefined(); // behind the camera
      }
      expect(inside).toBeGreaterThan(5);
      // Drawing on the real JPEG: the first projected box's outline has its colour.
      const track = clip.tracks.find((candidate) => candidate.samples[0]!.box2d !== undefined)!;
      const out = await mkdtemp(join(tmpdir(), 'stkit-waymo-frames-'));
      const { files } = await writeClipFrames({
        clip,
        root: perceptionDir!,
        outDir: out,
        colors: { [track.id]: [255, 0, 255] },
      });
      const { data, info } = await sharp(await readFile(files[0]!))
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([1920, 1280]);
      const [x1, y1, x2] = track.samples[0]!.box2d!.map(Math.round) as [number, number, number, number];
      const pixel = (px: number, py: number) =>
        Array.from(data.subarray((py * info.width + px) * info.channels, (py * info.width + px) * info.channels + 3));
      const edge = pixel(Math.round((x1 + x2) / 2), y1 + 1);
      expect(edge[0]).toBeGreaterThan(200);
      expect(edge[1]).toBeLessThan(60);
      expect(edge[2]).toBeGreaterThan(200);
    }, 60_000);

    it('a 41-frame segment built from the real frame: designed world trajectories, parked boxes not asked about, v1 = v2', async () => {
      const v1 = await readAll(join(dir, 'v1'));
      const v2 = await readAll(join(dir, 'v2'));
      expect(v1).toHaveLength(1);
      const clip = parseClip(v1[0]!);
      expect(clip.frames).toHaveLength(9); // 4 s at 0.5 s
      expect(clip.frames.map((frame) => frame.timestamp)).toEqual(
        built.times.filter((_, f) => f % 5 === 0).map(String),
      );
      for (const track of clip.tracks) {
        const world = built.world.get(track.id)!;
        for (const sample of track.samples) {
          const f = Math.round(sample.t * 10);
          sample.center.forEach((v, i) => expect(v).toBeCloseTo(world[f]![i]!, 6));
        }
      }
      const { facts } = selectFacts(clip, { maxFactsPerTask: 1000 });
      const distance = facts.filter((fact) => fact.task === 'traveled_distance');
      expect(distance.length).toBeGreaterThan(0);
      for (const fact of distance) {
        expect(built.moving.has(fact.trackIds[0]!)).toBe(true);
        if (fact.task === 'traveled_distance')
          expect(fact.label.meters).toBeCloseTo(8 * (fact.label.end - fact.label.start), 6);
      }
      // v2 parquet components of the same segment give the same clip (frame images referenced by parquet row).
      expect(v2).toHaveLength(1);
      const strip = (c: Clip) => ({ ...c, frames: c.frames.map(({ image: _image, ...frame }) => frame) });
      expect(strip(parseClip(v2[0]!))).toEqual(strip(clip));
      expect(v2[0]!.frames[2]!.image).toMatch(/^camera_image\/.*\.parquet#row=10$/);
      const out = await mkdtemp(join(tmpdir(), 'stkit-waymo-v2-frames-'));
      const { files } = await writeClipFrames({
        clip: v2[0]!,
        root: join(dir, 'v2'),
        outDir: out,
        colors: {},
        frameIndices: [2],
      });
      const meta = await sharp(await readFile(files[2]!)).metadata();
      expect([meta.width, meta.height]).toEqual([1920, 1280]);
    }, 120_000);

    it('reads the real v2 vehicle_pose parquet (float32 transforms) and joins a lidar_box component on segment and frame timestamp', async () => {
      const { asyncBufferFromFile, parquetReadObjects } = await import('hyparquet');
      const { parquetWriteBuffer } = await import('hyparquet-writer');
      const { copyFile, mkdir, writeFile } = await import('node:fs/promises');
      const realPose = sharedDataPath('waymo', 'v2', 'vehicle_pose', '10023947602400723454_1120_000_1140_000.parquet')!;
      const rows = (await parquetReadObjects({ file: await asyncBufferFromFile(realPose) })) as Record<
        string,
        unknown
      >[];
      const root = await mkdtemp(join(tmpdir(), 'stkit-waymo-v2-real-'));
      await mkdir(join(root, 'vehicle_pose'), { recursive: true });
      await mkdir(join(root, 'lidar_box'), { recursive: true });
      await copyFile(realPose, join(root, 'vehicle_pose', '10023947602400723454_1120_000_1140_000.parquet'));
      // One box 2 m ahead of the vehicle at every frame (column names of v2/perception/box.py).
      const n = rows.length;
      const columns = [
        'box.center.x',
        'box.center.y',
        'box.center.z',
        'box.size.x',
        'box.size.y',
        'box.size.z',
        'box.heading',
      ].map((c) => `[LiDARBoxComponent].${c}`);
      const values = [2, 0, 0, 4.5, 2, 1.6, 0];
      const buffer = parquetWriteBuffer({
        schema: [
          { name: 'root', num_children: 4 + columns.length },
          { name: 'key.segment_context_name', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
          { name: 'key.frame_timestamp_micros', type: 'INT64', repetition_type: 'OPTIONAL' },
          { name: 'key.laser_object_id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
          ...columns.map((name) => ({ name, type: 'DOUBLE', repetition_type: 'OPTIONAL' })),
          { name: '[LiDARBoxComponent].type', type: 'INT32', repetition_type: 'OPTIONAL' },
        ] as never,
        columnData: [
          { name: 'key.segment_context_name', data: rows.map((row) => row['key.segment_context_name']) },
          { name: 'key.frame_timestamp_micros', data: rows.map((row) => row['key.frame_timestamp_micros']) },
          { name: 'key.laser_object_id', data: rows.map(() => 'lead') },
          ...columns.map((name, i) => ({ name, data: rows.map(() => values[i]!) })),
          { name: '[LiDARBoxComponent].type', data: rows.map(() => 1) },
        ] as never,
      });
      await writeFile(
        join(root, 'lidar_box', '10023947602400723454_1120_000_1140_000.parquet'),
        new Uint8Array(buffer),
      );
      const clips = await readAll(root);
      expect(clips.length).toBeGreaterThan(0);
      const byTime = new Map(
        rows.map((row) => [
          String(row['key.frame_timestamp_micros']),
          row['[VehiclePoseComponent].world_from_vehicle.transform'] as number[],
        ]),
      );
      let checked = 0;
      for (const clip of clips) {
        for (const sample of clip.tracks[0]!.samples) {
          const pose = byTime.get(sample.timestamp!)!;
          const world = apply(pose, [2, 0, 0]);
          sample.center.forEach((v, i) => expect(v).toBeCloseTo(world[i]!, 6));
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(n);
    }, 60_000);
  },
);
