import { describe, expect, it } from 'vitest';
import type { Clip } from '@stkit/core';
import type { PseudoScene } from '../pseudo-scene';
import { applyRepairingFilters, selectHiddenFrames } from './repairing-stage';

/** Cameras 1.5 m up driving along +y at 4 m/s, one per 0.5 s frame. */
const drivingCameras = (frames: number) =>
  Array.from({ length: frames }, (_, k) => ({
    t: 0.5 * k,
    rotation: [1, 0, 0, 0] as [number, number, number, number],
    translation: [0, 2 * k, 1.5] as [number, number, number],
    focalLength: 400,
  }));

/** A car's rear face (x 2.1…3.9 m in 37 columns, height 0.05…1.5 m, z up) at `y`, the columns left of `minX` hidden. */
const rearFace = (y: number, minX: number): Float64Array => {
  const points: number[] = [];
  for (let i = 0; i < 37; i++) {
    const x = 2.1 + 0.05 * i;
    if (x < minX - 1e-9) continue;
    for (let j = 0; j < 30; j++) points.push(x, y, 0.05 + 0.05 * j);
  }
  return Float64Array.from(points);
};

describe('selectHiddenFrames: visible area against the nearest unoccluded frames', () => {
  const clear = [1, 1, 1.1, 1.2, 1.2].map((area, k) => ({ t: 0.5 * k, area }));
  it('keeps an occluded frame at ≥ 80 % of the prediction, flags one below', () => {
    // t = 2.5 and 3: the four nearest clear frames are t = 2, 1.5, 1, 0.5 (areas 1.2, 1.2, 1.1, 1) → median 1.15.
    const frames = [...clear, { t: 2.5, area: 1.0, occluded: true }, { t: 3, area: 0.9, occluded: true }];
    // 1.0 / 1.15 = 0.87 ≥ 0.8 (kept); 0.9 / 1.15 = 0.78 < 0.8 (hidden).
    expect([...selectHiddenFrames(frames, 0.8)]).toEqual([6]);
    expect([...selectHiddenFrames(frames, 0.75)]).toEqual([]);
  });
  it('an occluded frame without an area, or a track without a clear frame, cannot be measured', () => {
    expect([...selectHiddenFrames([...clear, { t: 3, occluded: true }], 0.8)]).toEqual([5]);
    expect([...selectHiddenFrames([{ t: 0, area: 1, occluded: true }], 0.8)]).toEqual([0]);
  });
  it('rejects a negative share', () => {
    expect(() => selectHiddenFrames(clear, -0.1)).toThrow(/minVisibleShare/);
  });
});

describe('applyRepairingFilters: occluded frames kept when little is hidden', () => {
  // A parked car's rear face (x 2.1…3.9 m, height 0.05…1.5 m, z up) at y = 40, seen by a camera driving up +y at
  // 4 m/s. Frame 4 loses the three leftmost of 37 columns behind a nearer object (92 % visible), frame 7 half of
  // them (x < 3: 49 % visible). Every frame lifts the same number of points per column (a test cloud, not a projection).
  const frames = 12;
  const cameras = drivingCameras(frames);
  const clip: Clip = {
    id: 'c',
    source: { dataset: 'test', log: 'l' },
    up: [0, 0, 1],
    frames: Array.from({ length: frames }, (_, k) => ({ t: 0.5 * k })),
    tracks: [],
  };
  const scene: PseudoScene = {
    clip,
    cameras,
    tracks: [
      {
        id: 'gsam2-7',
        category: 'car',
        observations: Array.from({ length: frames }, (_, k) => ({
          t: 0.5 * k,
          points: rearFace(40, k === 4 ? 2.25 : k === 7 ? 3.0 : 0),
          ...(k === 4 || k === 7 ? { occluded: true } : {}),
        })),
      },
    ],
  };
  it('default: both occluded frames stay (the half-hidden one for presence only), the car is judged parked', () => {
    const result = applyRepairingFilters(scene);
    expect(result.yields[0]).toMatchObject({
      framesIn: 12,
      framesKept: 12,
      dropped: {},
      partlyHidden: 1,
      verdict: 'kept',
    });
    expect(result.yields[0]!.motion).toMatchObject({ parked: true });
    expect(result.clip!.tracks[0]!.samples.map((sample) => sample.t)).toContain(3.5);
  });
  it("`hiddenFrames: 'absent'` drops only the half-hidden frame; `dropOccluded: true` drops both", () => {
    expect(applyRepairingFilters(scene, { hiddenFrames: 'absent' }).yields[0]).toMatchObject({
      framesKept: 11,
      dropped: { occluded: 1 },
    });
    expect(applyRepairingFilters(scene, { dropOccluded: true }).yields[0]).toMatchObject({
      framesKept: 10,
      dropped: { occluded: 2 },
    });
  });
});

describe('applyRepairingFilters: a mostly hidden frame counts for little in the smoother', () => {
  // A car (rear face x 2.1…3.9 m) driving ahead at 4 m/s, 40 m in front of a camera at the same speed; in frame 7
  // a nearer object hides its left half (x < 3), so that frame's silhouette midpoint is 3.45 m instead of 3.0 m.
  const frames = 14;
  const cameras = drivingCameras(frames);
  const scene: PseudoScene = {
    clip: {
      id: 'c',
      source: { dataset: 'test', log: 'l' },
      up: [0, 0, 1],
      frames: Array.from({ length: frames }, (_, k) => ({ t: 0.5 * k })),
      tracks: [],
    },
    cameras,
    tracks: [
      {
        id: 'gsam2-3',
        category: 'car',
        observations: Array.from({ length: frames }, (_, k) => ({
          t: 0.5 * k,
          points: rearFace(40 + 2 * k, k === 7 ? 3.0 : 0),
          ...(k === 7 ? { occluded: true } : {}),
        })),
      },
    ],
  };
  const xAt7 = (options: Parameters<typeof applyRepairingFilters>[1]) =>
    applyRepairingFilters(scene, { frameOutliers: false, ...options }).clip!.tracks[0]!.samples.find(
      (sample) => sample.t === 3.5,
    )!.center[0];
  it('weighted (default): the path at frame 7 stays on the car (x = 3.0 m); unweighted it is pulled towards 3.45 m', () => {
    expect(Math.abs(xAt7({}) - 3.0)).toBeLessThan(0.02);
    expect(xAt7({ hiddenVarianceFactor: 1 }) - 3.0).toBeGreaterThan(0.07);
  });
});
