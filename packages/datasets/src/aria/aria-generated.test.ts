/**
 * The Aria reader on generated recordings (`__fixtures__/generate-aria.ts`),
 * so it is tested without the shared data: an Ego-Exo4D-style take (wearer
 * walking past a static exo camera) and an MPS-only recording (wearer
 * turning left, classic 20-column schema). Expected values are worked out by
 * hand from the scene's formulas, never from the reader's output.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseClip, type Clip } from '@stkit/core';
import { analyzeClip, averageSpeed, traveledDistance } from '@stkit/kinematics';
import { generateAriaRecording, type AriaExoCamera } from '../__fixtures__/generate-aria';
import { readAriaClips } from './aria-reader';

const WALK_HEADING = 0.5;
const WALK_SPEED = 1.4;
const RADIUS = 3;
const YAW_RATE = (24 * Math.PI) / 180; // 12° per 0.5 s step
const CAMERA: AriaExoCamera = {
  camUid: 'cam01',
  position: [-8, 0, 0.8],
  lookAt: [0, 0, 0.8],
  fx: 600,
  fy: 600,
  cx: 960,
  cy: 540,
  width: 1920,
  height: 1080,
};

let root = '';
const clips = new Map<string, Clip>();
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'stkit-aria-gen-'));
  generateAriaRecording(
    join(root, 'takes', 'walk'),
    { duration: 6, ego: { kind: 'linear', start: [0, 0], heading: WALK_HEADING, speed: WALK_SPEED }, objects: [] },
    { exoCameras: [CAMERA] },
  );
  generateAriaRecording(
    join(root, 'turn'),
    {
      duration: 6,
      ego: { kind: 'turn', center: [2, 3], radius: RADIUS, startAngle: 0, yawRate: YAW_RATE },
      objects: [],
    },
    { schema: 'classic', rate: 200 },
  );
  for await (const event of readAriaClips({ root, onWarning: () => {} })) {
    if (event.kind === 'error') throw event.error;
    clips.set(event.clip.source.log, event.clip);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('Aria reader on generated recordings', () => {
  it('reads both recordings: one clip each, the wearer sampled at 10 Hz, up = −gravity', () => {
    expect([...clips.keys()].sort()).toEqual(['takes/walk', 'turn']);
    const walk = clips.get('takes/walk')!,
      turn = clips.get('turn')!;
    for (const clip of [walk, turn]) {
      parseClip(clip);
      expect(clip.up).toEqual([0, 0, 1]);
      expect(clip.frames).toHaveLength(13);
      expect(clip.tracks.map((t) => [t.id, t.category, t.samples.length])).toEqual([['camera_wearer', 'person', 61]]);
    }
    expect(walk.source).toMatchObject({ dataset: 'aria', camera: 'cam01', domain: 'sports' });
    expect(turn.source.domain).toBe('general');
    expect(turn.camera).toBeUndefined();
    // Frame timestamps are device microseconds: 149202610 + 0.5 s · k.
    expect(walk.frames[2]!.timestamp).toBe(String(149202610 + 1_000_000));
  });

  it('puts the wearer at the scene position (device 1.6 m above the ground)', () => {
    const walk = clips.get('takes/walk')!.tracks[0]!,
      turn = clips.get('turn')!.tracks[0]!;
    for (const time of [0, 0.7, 3, 6]) {
      const w = walk.samples.find((s) => Math.abs(s.t - time) < 1e-9)!;
      expect(w.center[0]).toBeCloseTo(WALK_SPEED * time * Math.cos(WALK_HEADING), 5);
      expect(w.center[1]).toBeCloseTo(WALK_SPEED * time * Math.sin(WALK_HEADING), 5);
      expect(w.center[2]).toBeCloseTo(1.6, 6);
      const [qw, , , qz] = w.rotation!;
      expect(2 * Math.atan2(qz, qw)).toBeCloseTo(WALK_HEADING, 6);
      const r = turn.samples.find((s) => Math.abs(s.t - time) < 1e-9)!;
      expect(r.center[0]).toBeCloseTo(2 + RADIUS * Math.cos(YAW_RATE * time), 5);
      expect(r.center[1]).toBeCloseTo(3 + RADIUS * Math.sin(YAW_RATE * time), 5);
    }
  });

  it('gives traveled distance, speed and clock directions through @stkit/kinematics equal to the hand values', () => {
    const walk = analyzeClip(clips.get('takes/walk')!).tracks[0]!;
    expect(traveledDistance(walk.positions, walk.present, 0, 12)).toBeCloseTo(WALK_SPEED * 6, 5);
    expect(traveledDistance(walk.positions, walk.present, 2, 6)).toBeCloseTo(WALK_SPEED * 2, 5);
    const k = analyzeClip(clips.get('turn')!);
    const turn = k.tracks[0]!;
    // 12 chords of 2r·sin 6°, travelled in 6 s.
    const chords = 12 * 2 * RADIUS * Math.sin((6 * Math.PI) / 180);
    expect(traveledDistance(turn.positions, turn.present, 0, 12)).toBeCloseTo(chords, 5);
    expect(averageSpeed(turn.positions, turn.present, k.frameTimes, 0, 12)).toBeCloseTo(chords / 6, 5);
    // Step k is turned 12k° counter-clockwise from step 0 (a left turn): clock round((360 − 12k)/30) mod 12, 0 → 12.
    expect([...turn.clocks]).toEqual([12, 12, 11, 11, 10, 10, 10, 9, 9, 8, 8, 8]);
  });

  it('projects the wearer body box into the exo camera as the pinhole model says', () => {
    const clip = clips.get('takes/walk')!;
    expect(clip.camera!.intrinsics).toEqual({ fx: 600, fy: 600, cx: 960, cy: 540, width: 1920, height: 1080 });
    const pose = clip.camera!.poses![0]!;
    expect(pose.translation).toEqual([-8, 0, 0.8]);
    for (const time of [0, 2.5, 6]) {
      const sample = clip.tracks[0]!.samples.find((s) => Math.abs(s.t - time) < 1e-9)!;
      const px = WALK_SPEED * time * Math.cos(WALK_HEADING),
        py = WALK_SPEED * time * Math.sin(WALK_HEADING);
      // Body box: 0.5 × 0.5 m, from 0.1 m above the device (1.7 m) down 1.8 m; the camera looks along +x:
      // camera x = −world y, camera y = −(world z − 0.8), depth = world x + 8.
      let u1 = Infinity,
        v1 = Infinity,
        u2 = -Infinity,
        v2 = -Infinity;
      for (const x of [px - 0.25, px + 0.25])
        for (const y of [py - 0.25, py + 0.25])
          for (const z of [-0.1, 1.7]) {
            const u = 960 + (600 * -y) / (x + 8),
              v = 540 + (600 * -(z - 0.8)) / (x + 8);
            u1 = Math.min(u1, u);
            v1 = Math.min(v1, v);
            u2 = Math.max(u2, u);
            v2 = Math.max(v2, v);
          }
      sample.box2d!.forEach((value, i) => expect(value).toBeCloseTo([u1, v1, u2, v2][i]!, 3));
    }
  });
});
