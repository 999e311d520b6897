/**
 * The Aria reader on the real MPS sample trajectory. Reference values come
 * from Debian's /usr/bin/python3 reading the raw CSV with its csv module
 * (a peer reader, not the code under test).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type DatasetFormatError, parseClip, type Clip } from '@stkit/core';
import {
  DEBIAN_PYTHON,
  hasSharedData,
  PROCESS_TIMEOUT_MS,
  runProcess,
  sharedDataPath,
  skipMessage,
} from '@stkit/test-data';
import { readAriaClips } from './aria-reader';
import { readAriaTrajectory } from './trajectory-csv';

const root = sharedDataPath('projectaria', 'gen1', 'mps_sample') ?? '';
const csv = join(root, 'trajectory', 'closed_loop_trajectory.csv');
const temp = mkdtempSync(join(tmpdir(), 'stkit-aria-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function readAll(options: Parameters<typeof readAriaClips>[0]) {
  const clips: Clip[] = [];
  const errors: DatasetFormatError[] = [];
  const warnings: string[] = [];
  for await (const event of readAriaClips({ onWarning: (m) => warnings.push(m), ...options })) {
    if (event.kind === 'clip') clips.push(event.clip);
    else errors.push(event.error);
  }
  return { clips, errors, warnings };
}

const PYTHON = `
import csv, json, sys
rows = {}
with open(sys.argv[1], newline='') as f:
    for r in csv.DictReader(f):
        rows[r['tracking_timestamp_us']] = r
want = json.loads(sys.stdin.read())
out = {}
for ts in want:
    r = rows[ts]
    out[ts] = [float(r[k]) for k in ('tx_world_device','ty_world_device','tz_world_device','qw_world_device','qx_world_device','qy_world_device','qz_world_device')]
first = min(int(k) for k in rows)
out['__first'] = str(first)
out['__count'] = len(rows)
print(json.dumps(out))
`;

describe.skipIf(!hasSharedData)(
  hasSharedData ? 'Aria reader on the real MPS sample' : `Aria reader: skipped, ${skipMessage}`,
  () => {
    it(
      'yields the wearer track with the raw poses (w first), up = −gravity, general domain (MPS only)',
      async () => {
        const { clips, errors, warnings } = await readAll({ root });
        expect(errors).toEqual([]);
        expect(clips).toHaveLength(1);
        const clip = parseClip(clips[0]);
        expect(clip.source).toEqual({ dataset: 'aria', log: 'mps_sample', domain: 'general' });
        expect(clip.up).toEqual([0, 0, 1]); // gravity column is [0, 0, −9.81]
        expect(warnings).toHaveLength(1);
        const track = clip.tracks[0]!;
        expect(track).toMatchObject({ id: 'camera_wearer', category: 'person' });
        const timestamps = track.samples.map((s) => s.timestamp!);
        const reference = JSON.parse(
          (await runProcess(DEBIAN_PYTHON, ['-c', PYTHON, csv], { input: JSON.stringify(timestamps) })).stdout,
        ) as Record<string, number[] | string | number>;
        expect(reference.__count).toBe(11517);
        // Frame k is 0.5·k s after the first pose, in the device clock (µs).
        expect(clip.frames[4]!.timestamp).toBe(String(BigInt(reference.__first as string) + 2_000_000n));
        for (const sample of track.samples) {
          const r = reference[sample.timestamp!] as number[];
          expect(sample.center).toEqual([r[0], r[1], r[2]]);
          expect(sample.rotation).toEqual([r[3], r[4], r[5], r[6]]);
          expect(sample.t).toBeCloseTo((Number(sample.timestamp) - Number(reference.__first)) / 1e6, 9);
        }
        // 10 samples per second, each the row nearest its 0.1 s tick (1 kHz rows → within 1 ms).
        track.samples.forEach((s, k) => expect(Math.abs(s.t - k / 10)).toBeLessThanOrEqual(0.001));
        expect(clip.frames.length).toBe(Math.floor(track.samples.at(-1)!.t / 0.5) + 1);
      },
      PROCESS_TIMEOUT_MS,
    );

    it('maps columns by header name: the classic 20-column file gives the same poses', async () => {
      const full = await readAriaTrajectory(csv);
      const classic = await readAriaTrajectory(join(root, 'trajectory', 'closed_loop_trajectory_geo_missing.csv'));
      expect(classic.timestamps.length).toBe(199);
      const i = full.timestamps.indexOf(classic.timestamps[0]!);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(Array.from(classic.translations.subarray(0, 3))).toEqual(
        Array.from(full.translations.subarray(3 * i, 3 * i + 3)),
      );
      expect(Array.from(classic.rotations.subarray(0, 4))).toEqual(
        Array.from(full.rotations.subarray(4 * i, 4 * i + 4)),
      );
    });

    it('uses only the largest graph_uid (separate world frames) and warns', async () => {
      const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
      // Rows 2 … 3001 (3000 rows) get another graph id; the other 8517 rows stay.
      for (let i = 1; i <= 3000; i++) lines[i] = `other-graph${lines[i]!.slice(lines[i]!.indexOf(','))}`;
      const dir = join(temp, 'graphs', 'rec', 'trajectory');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'closed_loop_trajectory.csv'), lines.join('\n'));
      const { clips, warnings } = await readAll({ root: join(temp, 'graphs') });
      expect(warnings.some((w) => /2 graph_uid values/.test(w) && /8517 rows/.test(w))).toBe(true);
      const first = clips[0]!.tracks[0]!.samples[0]!;
      expect(first.timestamp).toBe(lines[3001]!.split(',')[1]); // the first row of the kept graph
    });

    it('Ego-Exo4D: projects the wearer into the exo camera of gopro_calibs.csv', async () => {
      const take = join(temp, 'egoexo', 'takes', 'take_1', 'trajectory');
      mkdirSync(take, { recursive: true });
      copyFileSync(csv, join(take, 'closed_loop_trajectory.csv'));
      const first = readFileSync(csv, 'utf8').split('\n')[1]!.split(',');
      const graph = first[0]!;
      const p0 = [Number(first[3]), Number(first[4]), Number(first[5])];
      // cam01 stands 5 m along +x from the first device position, looking along −x, image y down = world −z:
      // R = [[0,0,−1],[1,0,0],[0,−1,0]] (columns: camera x, y, z in world) → q = (w .5, x −.5, y −.5, z .5), written x,y,z,w.
      const header =
        'cam_uid,graph_uid,tx_world_cam,ty_world_cam,tz_world_cam,qx_world_cam,qy_world_cam,qz_world_cam,qw_world_cam,image_width,image_height,intrinsics_type,intrinsics_0,intrinsics_1,intrinsics_2,intrinsics_3,intrinsics_4,intrinsics_5,intrinsics_6,intrinsics_7,start_frame_idx,end_frame_idx';
      const cam01 = [
        'cam01',
        graph,
        p0[0]! + 5,
        p0[1],
        p0[2],
        -0.5,
        -0.5,
        0.5,
        0.5,
        1920,
        1080,
        'KANNALABRANDTK3',
        500,
        500,
        960,
        540,
        0.1,
        0,
        0,
        0,
        -1,
        -1,
      ].join(',');
      const cam02 = [
        'cam02',
        graph,
        0,
        0,
        10,
        0,
        0,
        0,
        1,
        1920,
        1080,
        'KANNALABRANDTK3',
        500,
        500,
        960,
        540,
        0,
        0,
        0,
        0,
        -1,
        -1,
      ].join(',');
      writeFileSync(join(take, 'gopro_calibs.csv'), [header, cam02, cam01].join('\n') + '\n');

      const { clips, errors } = await readAll({ root: join(temp, 'egoexo'), camera: 'cam01' });
      expect(errors).toEqual([]);
      const clip = parseClip(clips[0]);
      expect(clip.source).toMatchObject({ log: 'takes/take_1', camera: 'cam01' });
      expect(clip.camera!.intrinsics).toEqual({ fx: 500, fy: 500, cx: 960, cy: 540, width: 1920, height: 1080 });
      expect(clip.camera!.poses).toHaveLength(clip.frames.length);
      // Body box 0.5 × 0.5 × 1.8 m, top 0.1 m above the device: relative to p0, x,y ∈ ±0.25, z ∈ [−1.7, 0.1].
      // Camera coords: (dy, −dz, 5 − dx); nearest face at depth 4.75 m bounds every extreme:
      // u = 960 ± 500·0.25/4.75, v from 540 − 500·0.1/4.75 to 540 + 500·1.7/4.75.
      const box = clip.tracks[0]!.samples[0]!.box2d!;
      expect(box[0]).toBeCloseTo(960 - (500 * 0.25) / 4.75, 6);
      expect(box[2]).toBeCloseTo(960 + (500 * 0.25) / 4.75, 6);
      expect(box[1]).toBeCloseTo(540 - (500 * 0.1) / 4.75, 6);
      expect(box[3]).toBeCloseTo(540 + (500 * 1.7) / 4.75, 6);

      // Default: the first camera by name (cam01); an unknown camera names the known ones.
      expect((await readAll({ root: join(temp, 'egoexo') })).clips[0]!.source.camera).toBe('cam01');
      await expect(readAll({ root: join(temp, 'egoexo'), camera: 'cam09' })).rejects.toThrow(/known: cam01, cam02/);

      // A NaN in the calibration is a format error of that take, naming file, row and field.
      writeFileSync(
        join(take, 'gopro_calibs.csv'),
        [header, cam02.replace(',500,500,', ',NaN,500,'), cam01].join('\n') + '\n',
      );
      const broken = await readAll({ root: join(temp, 'egoexo') });
      expect(broken.clips).toEqual([]);
      expect(broken.errors[0]).toMatchObject({ file: join(take, 'gopro_calibs.csv'), row: 2, field: 'intrinsics_0' });
    });

    describe('bad input (corrupt copies in a temp dir)', () => {
      const lines = readFileSync(csv, 'utf8').split('\n');
      let n = 0;
      /** A root with an intact take `a-good` and a take `b-bad` whose line `lineNo` (1-based) is replaced. */
      function makeRoot(edit: (lines: string[]) => void): { root: string; bad: string } {
        const r = join(temp, `root${n++}`, 'takes');
        mkdirSync(join(r, 'a-good', 'trajectory'), { recursive: true });
        mkdirSync(join(r, 'b-bad', 'trajectory'), { recursive: true });
        copyFileSync(csv, join(r, 'a-good', 'trajectory', 'closed_loop_trajectory.csv'));
        const copy = [...lines];
        edit(copy);
        const bad = join(r, 'b-bad', 'trajectory', 'closed_loop_trajectory.csv');
        writeFileSync(bad, copy.join('\n'));
        return { root: r, bad };
      }
      it.each([
        ['a broken row (cut mid-line)', (l: string[]) => (l[100] = l[100]!.slice(0, 40)), { row: 101 }],
        [
          'a NaN coordinate',
          (l: string[]) =>
            (l[200] = l[200]!
              .split(',')
              .map((c, i) => (i === 4 ? 'nan' : c))
              .join(',')),
          { row: 201, field: 'ty_world_device' },
        ],
        [
          'an infinite coordinate',
          (l: string[]) =>
            (l[300] = l[300]!
              .split(',')
              .map((c, i) => (i === 5 ? 'inf' : c))
              .join(',')),
          { row: 301, field: 'tz_world_device' },
        ],
        [
          'non-monotonic timestamps',
          (l: string[]) => ([l[400], l[401]] = [l[401]!, l[400]!]),
          { row: 402, field: 'tracking_timestamp_us' },
        ],
        [
          'a missing column',
          (l: string[]) => (l[0] = l[0]!.replace('qw_world_device', 'qw')),
          { row: 1, field: 'qw_world_device' },
        ],
      ])('%s', async (_name, edit, expected) => {
        const { root: r, bad } = makeRoot(edit);
        const { clips, errors } = await readAll({ root: r });
        expect(clips.map((c) => c.source.log)).toEqual(['a-good']);
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatchObject({ file: bad, ...expected });
      });
    });
  },
);

describe.skipIf(!hasSharedData)('Aria reader: abort and limits', () => {
  it('stops at maxClips and honours an aborted signal', async () => {
    expect((await readAll({ root, maxClips: 0 })).clips).toEqual([]);
    const controller = new AbortController();
    controller.abort();
    await expect(readAll({ root, signal: controller.signal })).rejects.toThrow(/abort/i);
  });
});

describe('Aria reader: synthetic trajectory with a tilted gravity and a gap', () => {
  it('up is the unit vector against gravity, and a row between two ticks is one sample, not two', async () => {
    // Rows at 0 µs, 250 000 µs, then every 1 ms from 0.6 s to 2.6 s; gravity_world = [3, 0, −4] m/s² on every row.
    // up = −g/|g| = −[3, 0, −4] / 5 = [−0.6, 0, 0.8], |up| = 1.
    // With 10 samples per second the row at 0.25 s is the nearest row to both ticks 0.2 s and 0.3 s
    // (0.05 s from each, within half a tick; the next row is 0.3 s away): it is one annotation and
    // must appear once, so the samples' timestamps are strictly increasing.
    const dir = join(temp, 'tilted', 'rec', 'trajectory');
    mkdirSync(dir, { recursive: true });
    const times = [0, 250_000, ...Array.from({ length: 2001 }, (_, i) => 600_000 + 1000 * i)];
    const header =
      'graph_uid,tracking_timestamp_us,utc_timestamp_ns,tx_world_device,ty_world_device,tz_world_device,qx_world_device,qy_world_device,qz_world_device,qw_world_device,gravity_x_world,gravity_y_world,gravity_z_world';
    const rows = times.map((us) => ['g', us, -1, us / 1e6, 0, 1.5, 0, 0, 0, 1, 3, 0, -4].join(','));
    writeFileSync(join(dir, 'closed_loop_trajectory.csv'), [header, ...rows].join('\n') + '\n');
    const { clips, errors } = await readAll({ root: join(temp, 'tilted') });
    expect(errors).toEqual([]);
    const clip = parseClip(clips[0]);
    expect(clip.up[0]).toBeCloseTo(-0.6, 12);
    expect(clip.up[1]).toBeCloseTo(0, 12);
    expect(clip.up[2]).toBeCloseTo(0.8, 12);
    expect(Math.hypot(...clip.up)).toBeCloseTo(1, 12);
    const stamps = clip.tracks[0]!.samples.map((s) => BigInt(s.timestamp!));
    expect(stamps.filter((s) => s === 250_000n)).toHaveLength(1);
    stamps.slice(1).forEach((s, i) => expect(s > stamps[i]!).toBe(true));
  });
});
