/**
 * The KITTI reader on a generated sequence (`__fixtures__/generate-kitti.ts`),
 * so it is tested without the shared data. Expected values are worked out by
 * hand from the scene's formulas: world positions, traveled distance and
 * speed and clock directions through `@stkit/kinematics`, and the pinhole
 * projection of a car straight ahead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseClip, type Clip } from '@stkit/core';
import { analyzeClip, averageSpeed, selectFacts, traveledDistance } from '@stkit/kinematics';
import { generateKittiSequence, KITTI_FIXTURE_RIG } from '../__fixtures__/generate-kitti';
import type { Scene } from '../__fixtures__/scene';
import { readKittiClips } from './kitti-reader';

const HEADING = 0.3; // ego heading, rad from east
const c = Math.cos(HEADING),
  s = Math.sin(HEADING);
/** World point `fwd` metres ahead and `left` metres to the left of the ego's start. */
const ahead = (fwd: number, left: number): [number, number] => [fwd * c - left * s, fwd * s + left * c];
const EGO_SPEED = 4;
const CAR_SPEED = 5;
const RADIUS = 6;
const YAW_RATE = (20 * Math.PI) / 180; // cyclist: a left turn at 20°/s
const CYCLIST_CENTER = ahead(35, 5);

const scene: Scene = {
  duration: 6,
  ego: { kind: 'linear', start: [0, 0], heading: HEADING, speed: EGO_SPEED },
  objects: [
    {
      id: 'car',
      category: 'Car',
      size: [4, 1.8, 1.5],
      motion: { kind: 'linear', start: ahead(15, 0), heading: HEADING, speed: CAR_SPEED },
    },
    {
      id: 'parked',
      category: 'Car',
      size: [4.2, 1.8, 1.6],
      motion: { kind: 'parked', at: ahead(40, 4), heading: HEADING + 0.1, jitter: 0.01 },
    },
    {
      id: 'cyclist',
      category: 'Cyclist',
      size: [1.8, 0.6, 1.7],
      motion: {
        kind: 'turn',
        center: CYCLIST_CENTER,
        radius: RADIUS,
        startAngle: HEADING - Math.PI / 2,
        yawRate: YAW_RATE,
      },
    },
  ],
};

let root = '';
let clip: Clip;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'stkit-kitti-gen-'));
  generateKittiSequence(root, scene, { sequence: '0007' });
  const clips: Clip[] = [];
  for await (const event of readKittiClips({ root, onWarning: () => {} })) {
    if (event.kind === 'error') throw event.error;
    clips.push(event.clip);
  }
  expect(clips).toHaveLength(1);
  clip = clips[0]!;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const track = (id: string) => clip.tracks.find((t) => t.id === id)!;
const at = (id: string, time: number) => track(id).samples.find((sample) => Math.abs(sample.t - time) < 1e-9)!;

describe('KITTI reader on a generated sequence', () => {
  it('reads 61 frames at 10 Hz into one clip of 13 grid frames with the three tracks (ids = label track ids)', () => {
    parseClip(clip);
    expect(clip.source).toMatchObject({
      dataset: 'kitti',
      log: '0007',
      split: 'training',
      camera: 'image_02',
      domain: 'driving',
    });
    expect(clip.frames.map((f) => f.t)).toEqual(Array.from({ length: 13 }, (_, k) => k * 0.5));
    expect(clip.frames[3]!.timestamp).toBe('1.5');
    expect(clip.tracks.map((t) => [t.id, t.category, t.samples.length])).toEqual([
      ['0', 'Car', 61],
      ['1', 'Car', 61],
      ['2', 'Cyclist', 61],
    ]);
    expect(at('0', 0).size).toEqual([4, 1.8, 1.5]);
  });

  it('puts every box at its scene position in the oxts world frame (origin = ego start, x east, y north)', () => {
    for (const time of [0, 1.3, 2.5, 6]) {
      const car = at('0', time);
      const [x, y] = ahead(15 + CAR_SPEED * time, 0);
      expect(car.center[0]).toBeCloseTo(x, 4);
      expect(car.center[1]).toBeCloseTo(y, 4);
      expect(car.center[2]).toBeCloseTo(0.75, 4);
      const angle = HEADING - Math.PI / 2 + YAW_RATE * time;
      const cyclist = at('2', time);
      expect(cyclist.center[0]).toBeCloseTo(CYCLIST_CENTER[0] + RADIUS * Math.cos(angle), 4);
      expect(cyclist.center[1]).toBeCloseTo(CYCLIST_CENTER[1] + RADIUS * Math.sin(angle), 4);
      const parked = at('1', time);
      const [px, py] = ahead(40, 4);
      expect(Math.hypot(parked.center[0] - px, parked.center[1] - py)).toBeLessThanOrEqual(0.01 * Math.SQRT2 + 1e-5);
    }
    // Car heading: its rotation maps the object's x axis to the ego heading (yaw = HEADING about z).
    const [w, , , z] = at('0', 2).rotation!;
    expect(2 * Math.atan2(z, w)).toBeCloseTo(HEADING, 5);
  });

  it('gives traveled distance, speed and clocks through @stkit/kinematics equal to the hand values', () => {
    const k = analyzeClip(clip);
    const car = k.tracks.find((t) => t.trackId === '0')!;
    expect(traveledDistance(car.positions, car.present, 0, 12)).toBeCloseTo(CAR_SPEED * 6, 4);
    expect(averageSpeed(car.positions, car.present, k.frameTimes, 0, 12)).toBeCloseTo(CAR_SPEED, 4);
    // The cyclist's 0.5 s chords each subtend 10°: 12 chords of 2r·sin 5°.
    const cyclist = k.tracks.find((t) => t.trackId === '2')!;
    expect(traveledDistance(cyclist.positions, cyclist.present, 0, 12)).toBeCloseTo(
      12 * 2 * RADIUS * Math.sin((5 * Math.PI) / 180),
      4,
    );
    // Step k turns 10k° counter-clockwise from step 0: clock round((360 − 10k)/30) mod 12, 0 → 12.
    const expected = Array.from({ length: 12 }, (_, step) => (12 - Math.round((10 * step) / 30)) % 12 || 12);
    expect([...cyclist.clocks]).toEqual(expected);
    expect([...car.clocks]).toEqual(Array(12).fill(12));
    // The parked car (1.4 cm of jitter) gets no distance or speed question.
    const { facts } = selectFacts(clip, { maxFactsPerTask: 1000 });
    const about = (id: string) =>
      facts.filter((f) => (f.task === 'traveled_distance' || f.task === 'traveling_speed') && f.trackIds[0] === id);
    expect(about('1')).toEqual([]);
    expect(about('0').length).toBeGreaterThan(0);
  });

  it('keeps a parked car in place while the ego turns left (oxts yaw and Mercator positions of a curved drive)', async () => {
    const turnRoot = mkdtempSync(join(tmpdir(), 'stkit-kitti-gen-turn-'));
    try {
      // Ego: a left turn at 10°/s on a 20 m radius from the origin, heading east at first.
      generateKittiSequence(
        turnRoot,
        {
          duration: 6,
          ego: { kind: 'turn', center: [0, 20], radius: 20, startAngle: -Math.PI / 2, yawRate: (10 * Math.PI) / 180 },
          objects: [
            {
              id: 'p',
              category: 'Van',
              size: [5, 2, 2.2],
              motion: { kind: 'parked', at: [35, 30], heading: 1, jitter: 0 },
            },
          ],
        },
        { sequence: '0008' },
      );
      const turned: Clip[] = [];
      for await (const event of readKittiClips({ root: turnRoot, onWarning: () => {} })) {
        if (event.kind === 'error') throw event.error;
        turned.push(event.clip);
      }
      const samples = turned[0]!.tracks[0]!.samples;
      expect(samples).toHaveLength(61);
      for (const sample of samples) {
        expect(sample.center[0]).toBeCloseTo(35, 4);
        expect(sample.center[1]).toBeCloseTo(30, 4);
        expect(sample.center[2]).toBeCloseTo(1.1, 4);
      }
      // Camera 2 at the end (t = 6 s): ego at angle −90° + 60° on the circle, heading 60°.
      const end = turned[0]!.camera!.poses!.at(-1)!;
      const a = (-30 * Math.PI) / 180,
        h = (60 * Math.PI) / 180;
      const [ex, ey] = [20 * Math.cos(a), 20 + 20 * Math.sin(a)];
      expect(end.translation[0]).toBeCloseTo(ex + 1.08 * Math.cos(h) + 0.26 * Math.sin(h), 4);
      expect(end.translation[1]).toBeCloseTo(ey + 1.08 * Math.sin(h) - 0.26 * Math.cos(h), 4);
    } finally {
      rmSync(turnRoot, { recursive: true, force: true });
    }
  });

  it('places camera 2 on the ego and projects the car ahead where the pinhole model says', () => {
    const rig = KITTI_FIXTURE_RIG;
    expect(clip.camera!.intrinsics).toEqual({ fx: 720, fy: 720, cx: 620, cy: 180, width: 1242, height: 375 });
    for (const [index, time] of [
      [0, 0],
      [4, 2],
      [12, 6],
    ] as const) {
      const pose = clip.camera!.poses![index]!;
      const [ex, ey] = ahead(EGO_SPEED * time, 0);
      // Camera 2 in the IMU frame (1.08 fwd, −0.26 left, 0.72 up), rotated by the ego heading.
      expect(pose.translation[0]).toBeCloseTo(ex + 1.08 * c + 0.26 * s, 6);
      expect(pose.translation[1]).toBeCloseTo(ey + 1.08 * s - 0.26 * c, 6);
      expect(pose.translation[2]).toBeCloseTo(0.72, 6);
      // The car straight ahead: camera X = 0.26 − 0 … (right of camera 2 is −left), Y = −(0.75 − 0.72), Z = gap − 1.08.
      const X = -0.26,
        Y = -0.03,
        Z = 15 + (CAR_SPEED - EGO_SPEED) * time - 1.08;
      const [l, w, h] = [4, 1.8, 1.5];
      const near = Z - l / 2;
      const box = at('0', time).box2d!;
      const want = [
        rig.cx + (rig.fx * (X - w / 2)) / near,
        rig.cy + (rig.fy * (Y - h / 2)) / near,
        rig.cx + (rig.fx * (X + w / 2)) / near,
        rig.cy + (rig.fy * (Y + h / 2)) / near,
      ];
      box.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 4));
      // The clip camera maps the car's world centre to u = cx + fx·X/Z, v = cy + fy·Y/Z.
      const [qw, qx, qy, qz] = pose.rotation;
      const center = at('0', time).center;
      const d = [center[0] - pose.translation[0], center[1] - pose.translation[1], center[2] - pose.translation[2]];
      // Camera axes in the world (columns of R(q)): x right, y down, z forward.
      const R = [
        [1 - 2 * (qy * qy + qz * qz), 2 * (qx * qy - qz * qw), 2 * (qx * qz + qy * qw)],
        [2 * (qx * qy + qz * qw), 1 - 2 * (qx * qx + qz * qz), 2 * (qy * qz - qx * qw)],
        [2 * (qx * qz - qy * qw), 2 * (qy * qz + qx * qw), 1 - 2 * (qx * qx + qy * qy)],
      ];
      const cam = [0, 1, 2].map((axis) => R[0]![axis]! * d[0]! + R[1]![axis]! * d[1]! + R[2]![axis]! * d[2]!);
      expect(cam[0]).toBeCloseTo(X, 5);
      expect(cam[1]).toBeCloseTo(Y, 5);
      expect(cam[2]).toBeCloseTo(Z, 5);
    }
  });
});
