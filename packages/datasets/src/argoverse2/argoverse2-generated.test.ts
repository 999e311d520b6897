/**
 * The Argoverse 2 reader on generated logs (`__fixtures__/generate-argoverse2.ts`),
 * so it is tested without the shared data: LZ4_FRAME-compressed Feather V2
 * files like the real ones, and an uncompressed copy of the same scene.
 * Expected values are worked out by hand from the scene's formulas: city
 * positions, traveled distance and speed and clock directions through
 * `@stkit/kinematics`, and the pinhole projection of the car ahead.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lz4 from 'lz4js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseClip, type Clip } from '@stkit/core';
import { analyzeClip, averageSpeed, selectFacts, traveledDistance } from '@stkit/kinematics';
import { generateArgoverse2Log } from '../__fixtures__/generate-argoverse2';
import type { Scene } from '../__fixtures__/scene';
import { readArgoverse2Clips } from './argoverse2-reader';

const HEADING = 0.4;
const c = Math.cos(HEADING),
  s = Math.sin(HEADING);
const ahead = (fwd: number, left: number): [number, number] => [fwd * c - left * s, fwd * s + left * c];
const OFFSET: [number, number, number] = [5000, 2400, 60];
const EGO_SPEED = 6,
  CAR_SPEED = 8,
  RADIUS = 5,
  YAW_RATE = (-20 * Math.PI) / 180; // cyclist: a right turn
const CYCLIST_CENTER = ahead(10, -12);

const scene: Scene = {
  duration: 6,
  ego: { kind: 'linear', start: [0, 0], heading: HEADING, speed: EGO_SPEED },
  objects: [
    {
      id: 'car',
      category: 'REGULAR_VEHICLE',
      size: [4, 1.9, 1.5],
      motion: { kind: 'linear', start: ahead(20, 0), heading: HEADING, speed: CAR_SPEED },
    },
    {
      id: 'parked',
      category: 'REGULAR_VEHICLE',
      size: [4.5, 1.9, 1.6],
      motion: { kind: 'parked', at: ahead(30, -5), heading: HEADING - 0.05, jitter: 0.01 },
    },
    {
      id: 'cyclist',
      category: 'BICYCLIST',
      size: [1.8, 0.6, 1.7],
      motion: {
        kind: 'turn',
        center: CYCLIST_CENTER,
        radius: RADIUS,
        startAngle: HEADING + Math.PI / 2,
        yawRate: YAW_RATE,
      },
    },
  ],
};

let root = '';
const clips = new Map<string, Clip>();
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'stkit-av2-gen-'));
  generateArgoverse2Log(root, scene, { log: 'lz4-log', cityOffset: OFFSET });
  generateArgoverse2Log(root, scene, { log: 'plain-log', cityOffset: OFFSET, compression: 'none' });
  for await (const event of readArgoverse2Clips({ root, onWarning: () => {} })) {
    if (event.kind === 'error') throw event.error;
    clips.set(event.clip.source.log, event.clip);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const at = (clip: Clip, id: string, time: number) =>
  clip.tracks.find((t) => t.id === id)!.samples.find((x) => Math.abs(x.t - time) < 1e-9)!;

describe('Argoverse 2 reader on generated logs', () => {
  it('writes real-format Feather V2 files (ARROW1 magic; LZ4 frames in the compressed log only)', () => {
    const lz4Magic = Buffer.from([0x04, 0x22, 0x4d, 0x18]);
    for (const [log, compressed] of [
      ['lz4-log', true],
      ['plain-log', false],
    ] as const) {
      const bytes = readFileSync(join(root, 'val', log, 'annotations.feather'));
      expect(bytes.subarray(0, 6).toString('latin1')).toBe('ARROW1');
      expect(bytes.subarray(-6).toString('latin1')).toBe('ARROW1');
      expect(bytes.includes(lz4Magic)).toBe(compressed);
    }
    // Arrow format: each compressed buffer is an int64 (LE) of its *uncompressed* length, then the LZ4 frame;
    // checked with lz4js's own decoder, not the reader's.
    const bytes = readFileSync(join(root, 'val', 'lz4-log', 'annotations.feather'));
    let frames = 0;
    for (let at = bytes.indexOf(lz4Magic); at >= 0; at = bytes.indexOf(lz4Magic, at + 4)) {
      expect(Number(bytes.readBigInt64LE(at - 8))).toBe(lz4.decompress(bytes.subarray(at)).length);
      frames++;
    }
    expect(frames).toBeGreaterThan(5);
  });

  it('reads both logs into one 13-frame clip each with the three tracks', () => {
    expect([...clips.keys()].sort()).toEqual(['lz4-log', 'plain-log']);
    for (const clip of clips.values()) {
      parseClip(clip);
      expect(clip.source).toMatchObject({
        dataset: 'argoverse2',
        split: 'val',
        camera: 'ring_front_center',
        domain: 'driving',
      });
      expect(clip.frames).toHaveLength(13);
      expect(clip.frames[2]!.timestamp).toBe(String(315966253660357000n + 1_000_000_000n));
      expect(clip.tracks.map((t) => [t.id, t.category, t.samples.length])).toEqual([
        ['car', 'REGULAR_VEHICLE', 61],
        ['cyclist', 'BICYCLIST', 61],
        ['parked', 'REGULAR_VEHICLE', 61],
      ]);
    }
    expect(clips.get('plain-log')!.tracks).toEqual(clips.get('lz4-log')!.tracks);
  });

  it('puts every cuboid at its scene position in the city frame', () => {
    const clip = clips.get('lz4-log')!;
    for (const time of [0, 1.7, 3, 6]) {
      const car = at(clip, 'car', time);
      const [x, y] = ahead(20 + CAR_SPEED * time, 0);
      expect(car.center[0]).toBeCloseTo(OFFSET[0] + x, 6);
      expect(car.center[1]).toBeCloseTo(OFFSET[1] + y, 6);
      expect(car.center[2]).toBeCloseTo(OFFSET[2] + 0.75, 6);
      expect(car.size).toEqual([4, 1.9, 1.5]);
      const [w, , , z] = car.rotation!;
      expect(2 * Math.atan2(z, w)).toBeCloseTo(HEADING, 9);
      const angle = HEADING + Math.PI / 2 + YAW_RATE * time;
      const cyclist = at(clip, 'cyclist', time);
      expect(cyclist.center[0]).toBeCloseTo(OFFSET[0] + CYCLIST_CENTER[0] + RADIUS * Math.cos(angle), 6);
      expect(cyclist.center[1]).toBeCloseTo(OFFSET[1] + CYCLIST_CENTER[1] + RADIUS * Math.sin(angle), 6);
    }
  });

  it('gives traveled distance, speed and clock directions through @stkit/kinematics equal to the hand values', () => {
    const clip = clips.get('lz4-log')!;
    const k = analyzeClip(clip);
    const car = k.tracks.find((t) => t.trackId === 'car')!;
    expect(traveledDistance(car.positions, car.present, 0, 12)).toBeCloseTo(CAR_SPEED * 6, 6);
    expect(averageSpeed(car.positions, car.present, k.frameTimes, 4, 10)).toBeCloseTo(CAR_SPEED, 6);
    const cyclist = k.tracks.find((t) => t.trackId === 'cyclist')!;
    expect(traveledDistance(cyclist.positions, cyclist.present, 0, 12)).toBeCloseTo(
      12 * 2 * RADIUS * Math.sin((5 * Math.PI) / 180),
      6,
    );
    // A right turn: step k is turned 10k° clockwise from step 0, clock round(10k/30) mod 12, 0 → 12.
    expect([...cyclist.clocks]).toEqual(
      Array.from({ length: 12 }, (_, step) => Math.round((10 * step) / 30) % 12 || 12),
    );
    const { facts } = selectFacts(clip, { maxFactsPerTask: 1000 });
    const valueFacts = (id: string) =>
      facts.filter((f) => (f.task === 'traveled_distance' || f.task === 'traveling_speed') && f.trackIds[0] === id);
    expect(valueFacts('parked')).toEqual([]);
    expect(valueFacts('car').length).toBeGreaterThan(0);
  });

  it('interpolates ego poses between rows when no pose is at a sweep time (20 Hz, 23 ms out of phase)', async () => {
    const shifted = mkdtempSync(join(tmpdir(), 'stkit-av2-gen-phase-'));
    try {
      generateArgoverse2Log(shifted, scene, {
        log: 'phase-log',
        cityOffset: OFFSET,
        egoRateHz: 20,
        egoPhaseNs: 23_000_000n,
      });
      let clip: Clip | undefined;
      for await (const event of readArgoverse2Clips({ root: shifted, onWarning: () => {} })) {
        if (event.kind === 'error') throw event.error;
        clip = event.clip;
      }
      // The ego moves at constant velocity on a straight line: linear interpolation of its poses is exact.
      for (const time of [0, 2.5, 6]) {
        const [x, y] = ahead(20 + CAR_SPEED * time, 0);
        expect(at(clip!, 'car', time).center[0]).toBeCloseTo(OFFSET[0] + x, 6);
        expect(at(clip!, 'car', time).center[1]).toBeCloseTo(OFFSET[1] + y, 6);
      }
    } finally {
      rmSync(shifted, { recursive: true, force: true });
    }
  });

  it('projects the car ahead into ring_front_center as the pinhole model says', () => {
    const clip = clips.get('lz4-log')!;
    expect(clip.camera!.intrinsics).toEqual({ fx: 1776, fy: 1776, cx: 775, cy: 1024, width: 1550, height: 2048 });
    for (const [index, time] of [
      [0, 0],
      [6, 3],
      [12, 6],
    ] as const) {
      const pose = clip.camera!.poses![index]!;
      const [ex, ey] = ahead(EGO_SPEED * time + 1.6, 0);
      expect(pose.translation[0]).toBeCloseTo(OFFSET[0] + ex, 6);
      expect(pose.translation[1]).toBeCloseTo(OFFSET[1] + ey, 6);
      expect(pose.translation[2]).toBeCloseTo(OFFSET[2] + 1.4, 6);
      // Camera 1.6 m ahead of the ego origin, 1.4 m up; the car centre straight ahead at 0.75 m:
      // X = 0, Y = 1.4 − 0.75, depth Z = gap − 1.6; the near face (Z − l/2) bounds the box.
      const Z = 20 + (CAR_SPEED - EGO_SPEED) * time - 1.6;
      const near = Z - 2;
      const want = [
        775 - (1776 * 0.95) / near,
        1024 + (1776 * (0.65 - 0.75)) / near,
        775 + (1776 * 0.95) / near,
        1024 + (1776 * (0.65 + 0.75)) / near,
      ];
      at(clip, 'car', time).box2d!.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 6));
    }
  });
});
