import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClipSchema, type Clip } from '@stkit/core';
import type { ClipReadEvent } from '../reader';
import { PICKLED, T1, TRACKS, buildNuPlanDb, sceneATime } from './__fixtures__/nuplan-db';
import { createNuPlanReader, type NuPlanReadOptions } from './index';
import { unpickleNumbers } from './unpickle-numbers';

const LOG = '2021.03.31.22.13.46_veh-38_01234_01567';
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'stkit-nuplan-'));
  await mkdir(join(root, 'splits', 'mini'), { recursive: true });
  buildNuPlanDb(join(root, 'splits', 'mini', `${LOG}.db`));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function collect(
  options: Omit<NuPlanReadOptions, 'root'> & { root?: string } = {},
): Promise<{ events: ClipReadEvent[]; warnings: string[] }> {
  const warnings: string[] = [];
  const events: ClipReadEvent[] = [];
  for await (const event of createNuPlanReader().readClips({ root, ...options, onWarning: (w) => warnings.push(w) }))
    events.push(event);
  return { events, warnings };
}
const clipsOf = (events: ClipReadEvent[]): Clip[] => events.flatMap((e) => (e.kind === 'clip' ? [e.clip] : []));

describe('unpickleNumbers', () => {
  it('decodes the pickles Python writes for nuPlan camera columns', () => {
    expect(unpickleNumbers(Buffer.from(PICKLED.translation, 'hex'))).toEqual([1.5, -0.25, 1.75]);
    expect(unpickleNumbers(Buffer.from(PICKLED.intrinsic, 'hex'))).toEqual([
      [1000, 0, 800],
      [0, 1000, 450],
      [0, 0, 1],
    ]);
    // /usr/bin/python3: pickle.dumps([[1000, 0, 800], [0, 1000, 450], [0, 0, 1]]), protocol 2 of [1.5, 2, 300000], protocol 0 of [1.5, 2].
    expect(
      unpickleNumbers(
        Buffer.from(
          '80049527000000000000005d94285d94284de8034b004d2003655d94284b004de8034dc201655d94284b004b004b0165652e',
          'hex',
        ),
      ),
    ).toEqual([
      [1000, 0, 800],
      [0, 1000, 450],
      [0, 0, 1],
    ]);
    expect(unpickleNumbers(Buffer.from('80025d710028473ff80000000000004b024ae0930400652e', 'hex'))).toEqual([
      1.5, 2, 300000,
    ]);
    expect(unpickleNumbers(Buffer.from('(lp0\nF1.5\naI2\na.', 'latin1'))).toEqual([1.5, 2]);
    expect(() => unpickleNumbers(Buffer.from('8004950000000000000000', 'hex').subarray(0, 11))).toThrow(/truncated/);
  });
});

describe('nuPlan reader on a generated log with the real schema', () => {
  it('thins 20 Hz sweeps to the 0.5 s grid and keeps global positions', async () => {
    const { events } = await collect();
    expect(events.every((e) => e.kind === 'clip')).toBe(true);
    const clips = clipsOf(events);
    expect(clips.map((c) => c.id)).toEqual([
      `nuplan-${LOG}-scene-a-0`,
      `nuplan-${LOG}-scene-b-0`,
      `nuplan-${LOG}-scene-b-1`,
    ]);
    for (const clip of clips) expect(ClipSchema.safeParse(clip).success).toBe(true);
    const a = clips[0]!;
    expect(a.up).toEqual([0, 0, 1]);
    expect(a.source).toMatchObject({ dataset: 'nuplan', log: LOG, camera: 'CAM_F0', domain: 'driving' });
    // Grid picks sweeps 0, 10, 20, 30, 40 (the nearest to last + 0.5 s; jitter 700·(i mod 3) µs).
    expect(a.frames.map((f) => f.timestamp)).toEqual([0, 10, 20, 30, 40].map((i) => String(sceneATime(i))));
    expect(a.frames.map((f) => f.timestamp)).toEqual([
      '1617230000000000',
      '1617230000500700',
      '1617230001001400',
      '1617230001500000',
      '1617230002000700',
    ]);
    expect(a.frames.map((f) => f.t)).toEqual([0, 0.5, 1, 1.5, 2]);
    const car = a.tracks.find((t) => t.id === TRACKS.car.toString('hex'))!;
    expect(car.category).toBe('vehicle');
    expect(car.samples.map((s) => s.center)).toEqual([0, 10, 20, 30, 40].map((i) => [664010 + 0.5 * i, 3997000, 1.75]));
    expect(car.samples[0]!.size).toEqual([4, 2, 1.5]); // nuPlan [w, l, h] = [2, 4, 1.5]
    const ped = a.tracks.find((t) => t.id === TRACKS.ped.toString('hex'))!;
    expect(ped.category).toBe('pedestrian');
    // yaw 0.3 about +z → [cos 0.15, 0, 0, sin 0.15].
    expect(ped.samples[0]!.rotation![0]).toBeCloseTo(Math.cos(0.15), 12);
    expect(ped.samples[0]!.rotation![3]).toBeCloseTo(Math.sin(0.15), 12);
    // Scene B has a 2 s hole: two segments of 3 grid frames each.
    expect(clips[1]!.frames.map((f) => f.timestamp)).toEqual([0, 500_000, 1_000_000].map((d) => String(T1 + d)));
    expect(clips[2]!.frames.map((f) => f.timestamp)).toEqual(
      [3_050_000, 3_550_000, 4_050_000].map((d) => String(T1 + d)),
    );
    expect(clips[2]!.tracks[0]!.samples.map((s) => s.center[0])).toEqual([665021, 665031, 665041]);
  });

  it('projects boxes through the pickled camera like a hand calculation', async () => {
    const a = clipsOf((await collect({ maxClips: 1 })).events)[0]!;
    expect(a.camera!.intrinsics).toEqual({ fx: 1000, fy: 1000, cx: 800, cy: 450, width: 1600, height: 900 });
    // Sweep 0: ego (663990, 3997000, 0) → camera at (663991.5, 3996999.75, 1.75); car centre (664010, 3997000, 1.75), l 4, w 2, h 1.5.
    // Camera coords: z = 18.5 ± 2, x = −(0.25 ± 1) ∈ [−1.25, 0.75], y ∈ [−0.75, 0.75].
    // u ∈ [800 − 1250/16.5, 800 + 750/16.5]; v ∈ [450 − 750/16.5, 450 + 750/16.5].
    expect(a.camera!.poses![0]!.translation).toEqual([663991.5, 3996999.75, 1.75]);
    const box = a.tracks.find((t) => t.id === TRACKS.car.toString('hex'))!.samples[0]!.box2d!;
    expect(box[0]).toBeCloseTo(800 - 1250 / 16.5, 6);
    expect(box[1]).toBeCloseTo(450 - 750 / 16.5, 6);
    expect(box[2]).toBeCloseTo(800 + 750 / 16.5, 6);
    expect(box[3]).toBeCloseTo(450 + 750 / 16.5, 6);
  });

  it('links images that exist and warns once when they are absent', async () => {
    const { events, warnings } = await collect({ maxClips: 1 });
    expect(clipsOf(events)[0]!.frames.some((f) => f.image !== undefined)).toBe(false);
    expect(warnings).toEqual([`nuPlan images absent under ${join(root, 'sensor_blobs')}: frames are skipped`]);
    const image = join(root, 'sensor_blobs', LOG, 'CAM_F0', '10.jpg');
    await mkdir(join(root, 'sensor_blobs', LOG, 'CAM_F0'), { recursive: true });
    await writeFile(image, 'jpeg');
    const clip = clipsOf((await collect({ maxClips: 1 })).events)[0]!;
    expect(clip.frames[1]!.image).toBe(`sensor_blobs/${LOG}/CAM_F0/10.jpg`);
    await rm(join(root, 'sensor_blobs'), { recursive: true });
  });

  it('filters by split folder and log name, and windows by maxFrames', async () => {
    expect(clipsOf((await collect({ split: 'val' })).events)).toHaveLength(0);
    expect(clipsOf((await collect({ split: 'mini', logs: [LOG] })).events)).toHaveLength(3);
    const clips = clipsOf((await collect({ maxFrames: 2 })).events);
    // scene-a: 5 frames → [0,1], [2,3], ([4] dropped); scene-b: 3 + 3 → [0,1] and [0,1] of each segment.
    expect(clips.map((c) => c.frames.length)).toEqual([2, 2, 2, 2]);
  });
});
