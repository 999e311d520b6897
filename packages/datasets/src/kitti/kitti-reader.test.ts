/**
 * The KITTI reader on the real tracking sequence 0001. References: the raw
 * label/oxts/calib text parsed here with plain string splitting, geodesy by
 * the haversine formula (independent of the devkit's Mercator projection),
 * and a physical check: parked cars must stay put in the world frame while
 * the ego vehicle drives past them.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { type DatasetFormatError, parseClip, type Clip } from '@stkit/core';
import { hasSharedData, sharedDataPath, skipMessage } from '@stkit/test-data';
import { readKittiClips } from './kitti-reader';
import { oxtsToPoses } from './kitti-poses';
import { readKittiOxts } from './kitti-text';

const root = sharedDataPath('kitti') ?? '';
const split = join(root, 'tracking', 'training');
const temp = mkdtempSync(join(tmpdir(), 'stkit-kitti-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function readAll(options: Parameters<typeof readKittiClips>[0]) {
  const clips: Clip[] = [];
  const errors: DatasetFormatError[] = [];
  const warnings: string[] = [];
  for await (const event of readKittiClips({ onWarning: (m) => warnings.push(m), ...options })) {
    if (event.kind === 'clip') clips.push(event.clip);
    else errors.push(event.error);
  }
  return { clips, errors, warnings };
}

describe.skipIf(!hasSharedData)(
  hasSharedData ? 'KITTI reader on the real sequence 0001' : `KITTI reader: skipped, ${skipMessage}`,
  () => {
    it('cuts 447 frames into 0.5 s-grid clips with the raw labels, sizes and 2D boxes', async () => {
      const { clips, errors, warnings } = await readAll({ root });
      expect(errors).toEqual([]);
      expect(warnings).toHaveLength(1); // no image_02: one warning
      expect(clips.map((c) => c.frames.length)).toEqual([40, 40, 6]); // last labelled frame 425 → 42.5 s
      for (const clip of clips) parseClip(clip);
      expect(clips[1]!.frames[3]!.timestamp).toBe('21.5'); // frame 215 = 21.5 s at 10 Hz
      const raw = readFileSync(join(split, 'label_02', '0001.txt'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(' '));
      const objects = raw.filter((r) => r[1] !== '-1');
      const clip = clips[0]!;
      const byKey = new Map(
        clip.tracks.flatMap((t) => t.samples.map((s) => [`${t.id}@${s.timestamp}`, { track: t, sample: s }] as const)),
      );
      let checked = 0;
      for (const r of objects) {
        const frame = Number(r[0]);
        if (frame > 195) continue; // window 0 is frames 0 … 195 (+ 0.5 s margin)
        const hit = byKey.get(`${r[1]}@${(frame / 10).toFixed(1)}`)!;
        expect(hit.track.category).toBe(r[2]);
        expect(hit.sample.size).toEqual([Number(r[12]), Number(r[11]), Number(r[10])]); // [l, w, h] from h w l
        expect(hit.sample.box2d).toEqual([Number(r[6]), Number(r[7]), Number(r[8]), Number(r[9])]);
        checked++;
      }
      expect(checked).toBe(objects.filter((r) => Number(r[0]) <= 195).length);
    });

    it('builds oxts poses whose displacements match haversine distances and altitude changes', async () => {
      const packets = await readKittiOxts(join(split, 'oxts', '0001.txt'));
      expect(packets).toHaveLength(447);
      const poses = oxtsToPoses(packets);
      const R = 6378137; // the devkit's earth radius
      const rad = Math.PI / 180;
      for (const [a, b] of [
        [0, 100],
        [100, 300],
        [0, 446],
      ] as const) {
        const pa = packets[a]!,
          pb = packets[b]!;
        const h =
          Math.sin(((pb.lat - pa.lat) * rad) / 2) ** 2 +
          Math.cos(pa.lat * rad) * Math.cos(pb.lat * rad) * Math.sin(((pb.lon - pa.lon) * rad) / 2) ** 2;
        const haversine = 2 * R * Math.asin(Math.sqrt(h));
        const planar = Math.hypot(poses[b]![3]! - poses[a]![3]!, poses[b]![7]! - poses[a]![7]!);
        expect(Math.abs(planar - haversine) / haversine).toBeLessThan(2e-3);
        expect(poses[b]![11]! - poses[a]![11]!).toBeCloseTo(pb.alt - pa.alt, 9);
      }
      // The first pose is at the origin; the world is gravity-aligned (z up): R·ẑ ≈ ẑ for the ~4° roll/pitch of frame 0.
      expect([poses[0]![3], poses[0]![7], poses[0]![11]]).toEqual([0, 0, 0]);
      expect(poses[0]![10]).toBeCloseTo(Math.cos(packets[0]!.roll) * Math.cos(packets[0]!.pitch), 12);
    });

    it('keeps parked cars still in the world frame while the ego vehicle drives past', async () => {
      const { clips } = await readAll({ root });
      let parked = 0;
      let egoTravel = 0;
      for (const clip of clips) {
        const poses = clip.camera!.poses!;
        egoTravel += Math.hypot(
          poses.at(-1)!.translation[0] - poses[0]!.translation[0],
          poses.at(-1)!.translation[1] - poses[0]!.translation[1],
        );
        for (const track of clip.tracks) {
          if (track.category !== 'Car' || track.samples.length < 20) continue;
          const xs = track.samples.map((s) => s.center[0]),
            ys = track.samples.map((s) => s.center[1]);
          const spread = Math.hypot(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
          if (spread < 1.0) parked++;
        }
      }
      expect(egoTravel).toBeGreaterThan(100);
      expect(parked).toBeGreaterThanOrEqual(5);
    });

    it('ego motion follows the oxts velocities: displacement and camera forward axis point along (ve, vn)', async () => {
      // Independent reference: the raw oxts velocity columns vn (6), ve (7), integrated by the trapezoid
      // rule at 0.1 s (east = x, north = y). From /usr/bin/python3 on the raw file: frames 0 → 50 give
      // (50.76, −14.58) m, heading −16.0°; the reader's camera moves (52.61, −15.72) m, heading −16.6°
      // (the GPS distance is 4 % longer than the integrated speed: a property of the data, not of the frame).
      const rows = readFileSync(join(split, 'oxts', '0001.txt'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(' ').map(Number));
      const { clips } = await readAll({ root });
      const poses = clips.flatMap((c) => c.camera!.poses!); // frame 5k at index k (windows are consecutive)
      for (const [a, b] of [
        [0, 50],
        [100, 150],
        [300, 350],
        [350, 400],
      ] as const) {
        let east = 0,
          north = 0;
        for (let f = a; f < b; f++) {
          east += ((rows[f]![7]! + rows[f + 1]![7]!) / 2) * 0.1;
          north += ((rows[f]![6]! + rows[f + 1]![6]!) / 2) * 0.1;
        }
        const pa = poses[a / 5]!.translation,
          pb = poses[b / 5]!.translation;
        const moved = Math.atan2(pb[1] - pa[1], pb[0] - pa[0]);
        const expected = Math.atan2(north, east);
        const diff = (x: number, y: number) => Math.abs(Math.atan2(Math.sin(x - y), Math.cos(x - y))) * (180 / Math.PI);
        expect(diff(moved, expected)).toBeLessThan(3);
        // Camera z (forward) = third column of R(q), projected on the ground, points the same way (±5°: crab angle, turns).
        const [w, x, y, z] = poses[a / 5]!.rotation;
        const forward = Math.atan2(2 * (y * z - w * x), 2 * (x * z + w * y));
        expect(diff(forward, expected)).toBeLessThan(5);
      }
    });

    it('camera poses and P2 intrinsics project each box centre where the raw P2 puts it', async () => {
      const { clips } = await readAll({ root, maxClips: 1 });
      const clip = clips[0]!;
      const p2 = readFileSync(join(split, 'calib', '0001.txt'), 'utf8')
        .split('\n')
        .find((l) => l.startsWith('P2:'))!
        .split(/\s+/)
        .slice(1, 13)
        .map(Number);
      const raw = readFileSync(join(split, 'label_02', '0001.txt'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(' ').map((v, i) => (i === 2 ? v : Number(v))) as number[]);
      const { fx, fy, cx, cy } = clip.camera!.intrinsics;
      let checked = 0;
      for (const [k, pose] of clip.camera!.poses!.entries()) {
        const frame = 5 * k;
        const [w, x, y, z] = pose.rotation;
        // world → camera: Rᵀ (p − t), Rᵀ from the quaternion.
        const rt = [
          [1 - 2 * (y * y + z * z), 2 * (x * y + w * z), 2 * (x * z - w * y)],
          [2 * (x * y - w * z), 1 - 2 * (x * x + z * z), 2 * (y * z + w * x)],
          [2 * (x * z + w * y), 2 * (y * z - w * x), 1 - 2 * (x * x + y * y)],
        ];
        for (const r of raw.filter((r) => r[0] === frame && r[1]! >= 0)) {
          const track = clip.tracks.find((t) => t.id === String(r[1]))!;
          const sample = track.samples.find((s) => s.timestamp === (frame / 10).toFixed(1))!;
          const d = sample.center.map((c, i) => c - pose.translation[i]!);
          const cam = rt.map((row) => row[0]! * d[0]! + row[1]! * d[1]! + row[2]! * d[2]!);
          const loc = [r[13]!, r[14]! - r[10]! / 2, r[15]!, 1];
          const h = [0, 1, 2].map(
            (i) =>
              p2[4 * i]! * loc[0]! + p2[4 * i + 1]! * loc[1]! + p2[4 * i + 2]! * loc[2]! + p2[4 * i + 3]! * loc[3]!,
          );
          expect((fx * cam[0]!) / cam[2]! + cx).toBeCloseTo(h[0]! / h[2]!, 2);
          expect((fy * cam[1]!) / cam[2]! + cy).toBeCloseTo(h[1]! / h[2]!, 2);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(100);
    });

    it('with image_02 present: image size from the PNG header, frame images where the PNG exists, no warning', async () => {
      const r = join(temp, 'with-images', 'training');
      for (const dir of ['label_02', 'oxts', 'calib']) cpSync(join(split, dir, '0001.txt'), join(r, dir, '0001.txt'));
      const images = join(r, 'image_02', '0001');
      mkdirSync(images, { recursive: true });
      const png = sharp({ create: { width: 1224, height: 370, channels: 3, background: { r: 0, g: 0, b: 0 } } }).png();
      for (const frame of [0, 5]) await png.clone().toFile(join(images, `${String(frame).padStart(6, '0')}.png`));
      const { clips, warnings } = await readAll({ root: join(temp, 'with-images'), maxClips: 1 });
      expect(warnings).toEqual([]);
      expect(clips[0]!.camera!.intrinsics).toMatchObject({ width: 1224, height: 370, fx: 721.5377, cx: 609.5593 });
      expect(clips[0]!.frames.slice(0, 3).map((f) => f.image)).toEqual([
        join('training', 'image_02', '0001', '000000.png'),
        join('training', 'image_02', '0001', '000005.png'),
        undefined,
      ]);
    });

    describe('bad input (corrupt copies in a temp dir)', () => {
      let n = 0;
      function makeRoot(
        kind: 'label_02' | 'oxts' | 'calib',
        edit: (lines: string[]) => void,
      ): { root: string; bad: string } {
        const r = join(temp, `root${n++}`, 'training');
        for (const dir of ['label_02', 'oxts', 'calib']) {
          cpSync(join(split, dir, '0001.txt'), join(r, dir, '0000.txt'));
          cpSync(join(split, dir, '0001.txt'), join(r, dir, '0001.txt'));
        }
        const bad = join(r, kind, '0001.txt');
        const lines = readFileSync(bad, 'utf8').split('\n');
        edit(lines);
        writeFileSync(bad, lines.join('\n'));
        return { root: r, bad };
      }
      it.each([
        [
          'a label line cut short',
          'label_02',
          (l: string[]) => (l[10] = l[10]!.split(' ').slice(0, 12).join(' ')),
          { row: 11, field: 'length' },
        ],
        [
          'a NaN label coordinate',
          'label_02',
          (l: string[]) =>
            (l[2000] = l[2000]!
              .split(' ')
              .map((c, i) => (i === 13 ? 'nan' : c))
              .join(' ')),
          { row: 2001, field: 'x' },
        ],
        [
          'decreasing frames',
          'label_02',
          (l: string[]) => (l[3000] = `0${l[3000]!.slice(l[3000]!.indexOf(' '))}`),
          { row: 3001, field: 'frame' },
        ],
        [
          'an infinite oxts latitude',
          'oxts',
          (l: string[]) => (l[7] = `inf${l[7]!.slice(l[7]!.indexOf(' '))}`),
          { row: 8, field: 'lat' },
        ],
        [
          'a missing ego pose (oxts shorter than the labels)',
          'oxts',
          (l: string[]) => l.splice(300),
          { field: 'frame' },
        ],
        ['a calib matrix missing', 'calib', (l: string[]) => l.splice(4, 1), { field: 'R_rect' }],
        // Line 108 (index 107, `8 1 Car …`, a real object, not DontCare) repeated as line 109: track 1 twice
        // in frame 8, so the copy is the error, at row 109, field track_id.
        [
          'one track twice in a frame',
          'label_02',
          (l: string[]) => l.splice(108, 0, l[107]!),
          { row: 109, field: 'track_id' },
        ],
      ] as const)('%s', async (_name, kind, edit, expected) => {
        const { root: r, bad } = makeRoot(kind, edit as (l: string[]) => void);
        const { clips, errors } = await readAll({ root: r });
        expect(new Set(clips.map((c) => c.source.log))).toEqual(new Set(['0000']));
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatchObject(expected);
        // A missing ego pose is reported at the label that needs it; everything else at the broken file.
        const missingPose = kind === 'oxts' && !('row' in expected);
        expect(errors[0]!.file).toBe(missingPose ? join(r, 'label_02', '0001.txt') : bad);
        if (missingPose) expect(errors[0]!.message).toMatch(/missing ego pose/);
      });
    });
  },
);
