import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClipSchema, type Clip } from '@stkit/core';
import type { ClipReadEvent } from '../reader';
import {
  BUS_CENTERS,
  CAR_CENTERS,
  PED_CENTERS,
  SCENE1_TIMES,
  SCENE2_TIMES,
  buildTables,
  token,
  writeTables,
} from './__fixtures__/nuscenes-tables';
import { createNuScenesReader, type NuScenesReadOptions } from './index';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'stkit-nuscenes-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function collect(options: NuScenesReadOptions): Promise<{ events: ClipReadEvent[]; warnings: string[] }> {
  const warnings: string[] = [];
  const events: ClipReadEvent[] = [];
  for await (const event of createNuScenesReader().readClips({ ...options, onWarning: (w) => warnings.push(w) }))
    events.push(event);
  return { events, warnings };
}
const clipsOf = (events: ClipReadEvent[]): Clip[] => events.flatMap((e) => (e.kind === 'clip' ? [e.clip] : []));

describe('nuScenes reader on generated v1.0 tables', () => {
  it('yields one clip per scene on the keyframe grid, positions and timestamps as in the tables', async () => {
    const dir = join(root, 'good');
    await writeTables(dir, buildTables());
    const { events, warnings } = await collect({ root: dir });
    expect(events.every((e) => e.kind === 'clip')).toBe(true);
    const clips = clipsOf(events);
    expect(clips.map((c) => c.id)).toEqual(['nuscenes-scene-0001-0', 'nuscenes-scene-0002-0']);
    for (const clip of clips) expect(ClipSchema.safeParse(clip).success).toBe(true);
    const [c1, c2] = clips as [Clip, Clip];
    expect(c1.up).toEqual([0, 0, 1]);
    expect(c1.source).toMatchObject({ dataset: 'nuscenes', log: 'scene-0001', camera: 'CAM_FRONT' });
    // Keyframe k → clip time 0.5·k; timestamps are the sample µs as decimal strings.
    expect(c1.frames.map((f) => f.t)).toEqual([0, 0.5, 1, 1.5]);
    expect(c1.frames.map((f) => f.timestamp)).toEqual(SCENE1_TIMES.map(String));
    expect(c1.frames[2]!.timestamp).toBe('1532402928648001'); // 1532402927647951 + 1000050
    const car = c1.tracks.find((t) => t.id === token('car'))!;
    expect(car.category).toBe('vehicle.car');
    expect(car.samples.map((s) => s.center)).toEqual(CAR_CENTERS);
    expect(car.samples.map((s) => s.t)).toEqual([0, 0.5, 1, 1.5]);
    // nuScenes size [w, l, h] = [2, 4, 1.5] → Clip size [l, w, h].
    expect(car.samples[0]!.size).toEqual([4, 2, 1.5]);
    const ped = c1.tracks.find((t) => t.id === token('ped'))!;
    expect(ped.category).toBe('human.pedestrian.adult');
    expect(ped.samples.map((s) => [s.t, s.timestamp])).toEqual([
      [0.5, String(SCENE1_TIMES[1])],
      [1, String(SCENE1_TIMES[2])],
    ]);
    expect(ped.samples.map((s) => s.center)).toEqual(PED_CENTERS);
    expect(c2.tracks).toHaveLength(1);
    expect(c2.tracks[0]!.samples.map((s) => s.center)).toEqual(BUS_CENTERS);
    expect(c2.frames.map((f) => f.timestamp)).toEqual(SCENE2_TIMES.map(String));
    // No images on disk: no frame carries an image, one warning.
    expect(c1.frames.some((f) => f.image !== undefined)).toBe(false);
    expect(warnings.filter((w) => w.includes('images absent'))).toHaveLength(1);
  });

  it('composes the camera pose and projects boxes like a hand calculation', async () => {
    const dir = join(root, 'camera');
    await writeTables(dir, buildTables());
    const clip = clipsOf((await collect({ root: dir, scenes: ['scene-0001'] })).events)[0]!;
    expect(clip.camera!.intrinsics).toEqual({ fx: 1000, fy: 1000, cx: 800, cy: 450, width: 1600, height: 900 });
    // world_from_camera at keyframe 1: ego (110, 200, 0), identity; camera at ego + (1.5, 0, 1.5).
    const pose = clip.camera!.poses![1]!;
    expect(pose.translation).toEqual([111.5, 200, 1.5]);
    expect(pose.rotation.map((v) => Math.abs(v))).toEqual([0.5, 0.5, 0.5, 0.5]);
    // Keyframe 0: camera at (101.5, 200, 1.5), car centre (120, 202, 1.5), length 4 along x, width 2 along y, height 1.5.
    // Camera coordinates: x = −(y_world − 200) ∈ [−3, −1], y = −(z − 1.5) ∈ [−0.75, 0.75], z = x_world − 101.5 ∈ [16.5, 20.5].
    // u ∈ [800 − 1000·3/16.5, 800 − 1000·1/20.5] = [618.1818…, 751.2195…]; v ∈ [450 − 750/16.5, 450 + 750/16.5] = [404.5454…, 495.4545…].
    const box = clip.tracks.find((t) => t.id === token('car'))!.samples[0]!.box2d!;
    expect(box[0]).toBeCloseTo(800 - 3000 / 16.5, 9);
    expect(box[1]).toBeCloseTo(450 - 750 / 16.5, 9);
    expect(box[2]).toBeCloseTo(800 - 1000 / 20.5, 9);
    expect(box[3]).toBeCloseTo(450 + 750 / 16.5, 9);
    // The pedestrian at keyframe 1 is behind-left of the camera's view cone? x_world 110.3 < 111.5: behind → no box.
    expect(clip.tracks.find((t) => t.id === token('ped'))!.samples[0]!.box2d).toBeUndefined();
  });

  it('sets frame images that exist and warns once about the missing ones', async () => {
    const dir = join(root, 'images');
    const tables = buildTables();
    await writeTables(dir, tables);
    await mkdir(join(dir, 'samples', 'CAM_FRONT'), { recursive: true });
    const cams = tables.sample_data!.filter((r) => r.is_key_frame && String(r.filename).includes('CAM_FRONT'));
    for (const row of cams.slice(0, 3)) await writeFile(join(dir, String(row.filename)), 'jpeg');
    const { events, warnings } = await collect({ root: dir, scenes: ['scene-0001'] });
    const clip = clipsOf(events)[0]!;
    expect(clip.frames.map((f) => f.image)).toEqual([
      cams[0]!.filename,
      cams[1]!.filename,
      cams[2]!.filename,
      undefined,
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('1 keyframe images missing');
  });

  it('cuts windows of maxFrames and filters by split', async () => {
    const dir = join(root, 'windows');
    await writeTables(dir, buildTables());
    const clips = clipsOf((await collect({ root: dir, maxFrames: 2 })).events);
    // scene-0001: frames [0,1], [2,3]; scene-0002: [0,1], and [2] is dropped (< 2 frames).
    expect(clips.map((c) => c.id)).toEqual(['nuscenes-scene-0001-0', 'nuscenes-scene-0001-1', 'nuscenes-scene-0002-0']);
    expect(clips[1]!.frames.map((f) => [f.t, f.timestamp])).toEqual([
      [0, String(SCENE1_TIMES[2])],
      [0.5, String(SCENE1_TIMES[3])],
    ]);
    expect(clips[1]!.tracks.find((t) => t.id === token('car'))!.samples.map((s) => s.center)).toEqual(
      CAR_CENTERS.slice(2),
    );
    // scene-0003 is in the official val split; scene-0001 and -0002 are train.
    expect(clipsOf((await collect({ root: dir, split: 'val' })).events)).toHaveLength(0);
    expect(clipsOf((await collect({ root: dir, split: 'train', noCamera: true })).events)).toHaveLength(2);
  });

  it('stops after maxClips and on an aborted signal', async () => {
    const dir = join(root, 'limits');
    await writeTables(dir, buildTables());
    expect(clipsOf((await collect({ root: dir, maxClips: 1 })).events).map((c) => c.id)).toEqual([
      'nuscenes-scene-0001-0',
    ]);
    const controller = new AbortController();
    controller.abort();
    await expect(collect({ root: dir, signal: controller.signal })).rejects.toThrow(/abort/i);
    await expect(collect({ root: dir, maxFrames: 41 })).rejects.toThrow(/maxFrames/);
    await expect(collect({ root: dir, version: 'v1.0-trainval' })).rejects.toThrow(
      /Invalid argument 'version': no table folder/,
    );
  });
});
