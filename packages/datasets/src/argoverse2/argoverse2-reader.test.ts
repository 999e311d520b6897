/**
 * The reader on the real Argoverse 2 val log. Reference values are computed
 * here from the raw tables, read straight through apache-arrow (not through
 * the reader), with quaternion algebra written independently of the reader
 * (Hamilton product q·v·q* instead of rotation matrices); table sizes are the
 * ones recorded in shared/data/SOURCES.md.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableFromIPC, compressionRegistry, CompressionType } from 'apache-arrow';
import * as lz4 from 'lz4js';
import { parseClip, type Clip } from '@stkit/core';
import { hasSharedData, sharedDataPath, skipMessage } from '@stkit/test-data';
import { readArgoverse2Clips } from './argoverse2-reader';
import { readFeather } from './read-feather';

const LOG = '7fab2350-7eaf-3b7e-a39d-6937a4c1bede';
const root = sharedDataPath('argoverse2') ?? '';
const logDir = `${root}/sensor/val/${LOG}`;

type Q = [number, number, number, number];
const qmul = (a: Q, b: Q): Q => [
  a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3],
  a[0] * b[1] + a[1] * b[0] + a[2] * b[3] - a[3] * b[2],
  a[0] * b[2] - a[1] * b[3] + a[2] * b[0] + a[3] * b[1],
  a[0] * b[3] + a[1] * b[2] - a[2] * b[1] + a[3] * b[0],
];
const rotate = (q: Q, v: number[]): number[] => {
  const n = Math.hypot(...q);
  const u: Q = [q[0] / n, q[1] / n, q[2] / n, q[3] / n];
  const r = qmul(qmul(u, [0, v[0]!, v[1]!, v[2]!]), [u[0], -u[1], -u[2], -u[3]]);
  return [r[1], r[2], r[3]];
};

function rawTable(file: string): Record<string, unknown>[] {
  compressionRegistry.set(CompressionType.LZ4_FRAME, { decode: (b: Uint8Array) => lz4.decompress(b) });
  return tableFromIPC(readFileSync(file))
    .toArray()
    .map((row) => row.toJSON() as Record<string, unknown>);
}

async function readAll(options: Parameters<typeof readArgoverse2Clips>[0]) {
  const clips: Clip[] = [];
  const errors: unknown[] = [];
  const warnings: string[] = [];
  for await (const event of readArgoverse2Clips({ onWarning: (m) => warnings.push(m), ...options })) {
    if (event.kind === 'clip') clips.push(event.clip);
    else errors.push(event.error);
  }
  return { clips, errors, warnings };
}

describe.skipIf(!hasSharedData)(
  hasSharedData ? `Argoverse 2 reader on the real log ${LOG}` : `Argoverse 2 reader: skipped, ${skipMessage}`,
  () => {
    it('decodes the LZ4-compressed feather tables to the sizes recorded in SOURCES.md', async () => {
      const ann = await readFeather(`${logDir}/annotations.feather`, { timestamp_ns: 'int64', track_uuid: 'string' });
      expect(ann.numRows).toBe(11364);
      expect(new Set(ann.columns.get('timestamp_ns') as BigInt64Array).size).toBe(156);
      expect(new Set(ann.columns.get('track_uuid') as string[]).size).toBe(114);
      const ego = await readFeather(`${logDir}/city_SE3_egovehicle.feather`, { timestamp_ns: 'int64' });
      expect(ego.numRows).toBe(2706);
      const intr = await readFeather(`${logDir}/calibration/intrinsics.feather`, { sensor_name: 'string' });
      expect(intr.numRows).toBe(9);
    });

    it('places every annotation at city_SE3_egovehicle(t) ∘ box and projects boxes into ring_front_center', async () => {
      const { clips, errors, warnings } = await readAll({ root, split: 'val' });
      expect(errors).toEqual([]);
      expect(clips).toHaveLength(1); // 15.5 s of sweeps → one window of 31 frames (0 … 15 s)
      const clip = parseClip(clips[0]);
      expect(clip.frames).toHaveLength(31);
      expect(clip.source).toEqual({
        dataset: 'argoverse2',
        log: LOG,
        split: 'val',
        camera: 'ring_front_center',
        domain: 'driving',
      });
      expect(warnings.filter((w) => /no images/.test(w))).toHaveLength(1);

      const annotations = rawTable(`${logDir}/annotations.feather`);
      const egoRows = rawTable(`${logDir}/city_SE3_egovehicle.feather`);
      const egoByTs = new Map(egoRows.map((r) => [String(r.timestamp_ns), r]));
      const origin = annotations.map((r) => BigInt(r.timestamp_ns as bigint)).reduce((a, b) => (a < b ? a : b));
      // Frame k's timestamp = first sweep + 0.5·k s, exactly, in integer nanoseconds.
      expect(clip.frames[30]!.timestamp).toBe((origin + 15_000_000_000n).toString());

      const samples = new Map<string, { center: number[]; box2d?: number[]; t: number }>();
      for (const track of clip.tracks) for (const s of track.samples) samples.set(`${track.id}@${s.timestamp}`, s);
      let checked = 0;
      for (let i = 0; i < annotations.length; i += 97) {
        const row = annotations[i]!;
        const key = `${row.track_uuid}@${String(row.timestamp_ns)}`;
        const sample = samples.get(key);
        if (!sample) continue; // an annotation of the last half second outside the margin
        const ego = egoByTs.get(String(row.timestamp_ns))!; // every sweep of this log has an exact ego row (SOURCES.md)
        const q: Q = [ego.qw, ego.qx, ego.qy, ego.qz] as Q;
        const local = rotate(q, [row.tx_m as number, row.ty_m as number, row.tz_m as number]);
        const expected = [
          local[0]! + (ego.tx_m as number),
          local[1]! + (ego.ty_m as number),
          local[2]! + (ego.tz_m as number),
        ];
        for (let d = 0; d < 3; d++) expect(sample.center[d]).toBeCloseTo(expected[d]!, 9);
        expect(sample.t).toBeCloseTo(Number(BigInt(row.timestamp_ns as bigint) - origin) / 1e9, 6);
        checked++;
      }
      expect(checked).toBeGreaterThan(100);

      // 2D boxes: corners rotated by quaternions into the camera frame (cam_from_ego = inverse of ego_SE3_sensor).
      const calib = rawTable(`${logDir}/calibration/egovehicle_SE3_sensor.feather`).find(
        (r) => r.sensor_name === 'ring_front_center',
      )!;
      const intr = rawTable(`${logDir}/calibration/intrinsics.feather`).find(
        (r) => r.sensor_name === 'ring_front_center',
      )!;
      const qCam: Q = [calib.qw, calib.qx, calib.qy, calib.qz] as Q;
      const qCamInv: Q = [qCam[0], -qCam[1], -qCam[2], -qCam[3]];
      let projected = 0;
      for (const row of annotations) {
        const sample = samples.get(`${row.track_uuid}@${String(row.timestamp_ns)}`);
        if (!sample) continue;
        const qObj: Q = [row.qw, row.qx, row.qy, row.qz] as Q;
        const pixels: number[][] = [];
        let inFront = true;
        for (let c = 0; c < 8; c++) {
          const corner = [
            (c & 4 ? 0.5 : -0.5) * (row.length_m as number),
            (c & 2 ? 0.5 : -0.5) * (row.width_m as number),
            (c & 1 ? 0.5 : -0.5) * (row.height_m as number),
          ];
          const ego = rotate(qObj, corner).map((v, d) => v + ([row.tx_m, row.ty_m, row.tz_m][d] as number));
          const cam = rotate(qCamInv, [
            ego[0]! - (calib.tx_m as number),
            ego[1]! - (calib.ty_m as number),
            ego[2]! - (calib.tz_m as number),
          ]);
          if (cam[2]! < 0.1) inFront = false;
          pixels.push([
            ((intr.fx_px as number) * cam[0]!) / cam[2]! + (intr.cx_px as number),
            ((intr.fy_px as number) * cam[1]!) / cam[2]! + (intr.cy_px as number),
          ]);
        }
        const xs = pixels.map((p) => p[0]!),
          ys = pixels.map((p) => p[1]!);
        const inside =
          Math.min(...xs) >= 0 &&
          Math.min(...ys) >= 0 &&
          Math.max(...xs) <= (intr.width_px as number) &&
          Math.max(...ys) <= (intr.height_px as number);
        if (!inFront || !inside) continue;
        expect(sample.box2d).toBeDefined();
        expect(sample.box2d![0]).toBeCloseTo(Math.min(...xs), 6);
        expect(sample.box2d![1]).toBeCloseTo(Math.min(...ys), 6);
        expect(sample.box2d![2]).toBeCloseTo(Math.max(...xs), 6);
        expect(sample.box2d![3]).toBeCloseTo(Math.max(...ys), 6);
        projected++;
      }
      expect(projected).toBeGreaterThan(500);
    });

    it('is rich enough for every task: several visible objects move ≥ 5 m over ≥ 5 grid frames', async () => {
      const { clips } = await readAll({ root, split: 'val' });
      const movers = clips[0]!.tracks.filter((track) => {
        const visible = track.samples.filter((s) => s.box2d);
        if (visible.length < 2) return false;
        const a = track.samples[0]!.center,
          b = track.samples.at(-1)!.center;
        return Math.hypot(a[0] - b[0], a[1] - b[1]) >= 5 && track.samples.at(-1)!.t - track.samples[0]!.t >= 2;
      });
      expect(movers.length).toBeGreaterThanOrEqual(10);
    });

    it('rejects an unknown camera, naming the known ones', async () => {
      await expect(readAll({ root, split: 'val', camera: 'ring_front_centre' })).rejects.toThrow(
        /unknown Argoverse 2 camera.*ring_front_center/,
      );
    });

    it('reads the log without calibration with one warning and no camera', async () => {
      const { clips, errors, warnings } = await readAll({ root, split: 'sensor_dataset_logs' });
      expect(errors).toEqual([]);
      expect(clips).toHaveLength(1);
      expect(clips[0]!.camera).toBeUndefined();
      expect(warnings.filter((w) => /calibration/.test(w))).toHaveLength(1);
    });
  },
);
