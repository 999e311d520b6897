import { describe, expect, it } from 'vitest';
import type { Clip } from '@stkit/core';
import type { PseudoScene } from '../pseudo-scene';
import { testParked } from './parked';
import { applyRepairingFilters } from './repairing-stage';

const Z_UP: [number, number, number] = [0, 0, 1];
const flat = (points: readonly (readonly number[])[]): Float64Array => Float64Array.from(points.flat());

describe('testParked: hand-computed tolerance ellipses', () => {
  // Defaults: floor 0.3, along 0.03/m, across 0.01/m. Each point 40 m straight ahead (+y) of its own camera, so
  // the ray is +y and a sideways offset is purely across it.
  const camera = [0, 0, 0] as const;
  it('±0.6 m across the ray at 40 m: z = 0.6 / (0.3 + 0.01·40) = 0.857 → parked', () => {
    const verdict = testParked(
      {
        positions: flat([
          [-0.6, 40, 0.7],
          [0.6, 40, 0.7],
        ]),
        cameras: [
          [-0.6, 0, 0],
          [0.6, 0, 0],
        ],
        up: Z_UP,
      },
      { quantile: 1 },
    );
    expect(verdict.statistic).toBeCloseTo(0.6 / 0.7, 9);
    expect(verdict.parked).toBe(true);
    expect(verdict.position[0]).toBeCloseTo(0, 9);
    expect(verdict.position[1]).toBeCloseTo(40, 9);
    expect(verdict.position[2]).toBeCloseTo(0.7, 9);
  });
  it('±0.8 m across the ray is beyond the noise: z = 0.8 / 0.7 = 1.143 → moving', () => {
    const verdict = testParked(
      {
        positions: flat([
          [-0.8, 40, 0],
          [0.8, 40, 0],
        ]),
        cameras: [
          [-0.8, 0, 0],
          [0.8, 0, 0],
        ],
        up: Z_UP,
      },
      { quantile: 1 },
    );
    expect(verdict.statistic).toBeCloseTo(0.8 / 0.7, 9);
    expect(verdict.parked).toBe(false);
  });
  it('the same ±0.8 m along the ray is depth noise: weighted mean by 1/tol², z ≈ 0.54 → parked', () => {
    const verdict = testParked(
      {
        positions: flat([
          [0, 39.2, 0],
          [0, 40.8, 0],
        ]),
        cameras: [camera, camera],
        up: Z_UP,
      },
      { quantile: 1 },
    );
    // Hand calculation: tolerances 0.3 + 0.03·39.2 = 1.476 and 0.3 + 0.03·40.8 = 1.524; the static point is their
    // 1/tol²-weighted mean; z_k = |y_k − y*| / tol_k; the statistic (quantile 1) is the larger z.
    const a1 = 1.476,
      a2 = 1.524,
      w1 = 1 / a1 ** 2,
      w2 = 1 / a2 ** 2;
    const y = (w1 * 39.2 + w2 * 40.8) / (w1 + w2);
    expect(verdict.position[1]).toBeCloseTo(y, 6);
    expect(verdict.statistic).toBeCloseTo(Math.max((y - 39.2) / a1, (40.8 - y) / a2), 6);
    // y* = 39.2 + 1.6 · 0.45901 / (0.45901 + 0.43056) = 39.9744; z = 0.8256 / 1.524 = 0.5417.
    expect(verdict.statistic).toBeCloseTo(0.5417, 4);
    expect(verdict.parked).toBe(true);
  });
  it('without cameras the tolerance is round (floor + extent term)', () => {
    const verdict = testParked(
      {
        positions: flat([
          [0, 0, 0],
          [0.5, 0, 0],
          [1, 0, 0],
        ]),
        up: Z_UP,
        extent: 2,
      },
      { quantile: 1 },
    );
    // Static point (0.5, 0): z = 0.5 / (0.3 + 0.1·2) = 1.0 exactly at the bound → parked.
    expect(verdict.statistic).toBeCloseTo(1, 9);
    expect(verdict.parked).toBe(true);
  });
  it('rejects bad input with a typed error', () => {
    expect(() => testParked({ positions: new Float64Array(3), up: Z_UP })).toThrow(/positions/);
    expect(() =>
      testParked({
        positions: flat([
          [0, 0, 0],
          [1, Number.NaN, 0],
        ]),
        up: Z_UP,
      }),
    ).toThrow(/positions/);
    expect(() =>
      testParked({
        positions: flat([
          [0, 0, 0],
          [1, 0, 0],
        ]),
        up: [0, 0, 0],
      }),
    ).toThrow(/up/);
    expect(() =>
      testParked({
        positions: flat([
          [0, 0, 0],
          [1, 0, 0],
        ]),
        cameras: [[0, 0, 0]],
        up: Z_UP,
      }),
    ).toThrow(/cameras/);
    expect(() =>
      testParked(
        {
          positions: flat([
            [0, 0, 0],
            [1, 0, 0],
          ]),
          up: Z_UP,
        },
        { quantile: 2 },
      ),
    ).toThrow(/quantile/);
  });
});

describe('testParked: driving scenarios', () => {
  // Camera driving along +y at 4 m/s, 2 fps, z-up, 20 frames (9.5 s).
  const cameraAt = (k: number): [number, number, number] => [0, 2 * k, 1.5];
  /** The lifted position of a true point X seen from C with a relative depth error ε along the ray. */
  const lifted = (x: readonly number[], c: readonly number[], epsilon: number): number[] =>
    x.map((value, i) => c[i]! + (1 + epsilon) * (value - c[i]!));

  it('a parked car whose depth error grows with range (2–4 %) drifts > 0.5 m raw, yet is judged parked', () => {
    const truth = [-6.5, 50, 0.75];
    const cameras = Array.from({ length: 20 }, (_, k) => cameraAt(k));
    // Depth bias 3 % ± 1 % alternating: the error along the ray is ε·range, 1.5–2.0 m at 50 m, 0.3–0.5 m at 14 m.
    const positions = cameras.map((c, k) => lifted(truth, c, 0.03 + 0.01 * (k % 2 === 0 ? 1 : -1)));
    // SPEC §2's rule on the raw positions: frame 1 is already > 0.5 m from frame 0 → it would see motion.
    const d01 = Math.hypot(positions[1]![0]! - positions[0]![0]!, positions[1]![1]! - positions[0]![1]!);
    const last = positions[19]!,
      first = positions[0]!;
    expect(Math.max(d01, Math.hypot(last[0]! - first[0]!, last[1]! - first[1]!))).toBeGreaterThan(0.5);
    const verdict = testParked({ positions: flat(positions), cameras, up: Z_UP, extent: 4.9 });
    expect(verdict.parked).toBe(true);
    // The snapped point lies within the spread of the lifted points (≤ 2 m from the truth, 3 % of 50 m is 1.5 m).
    expect(Math.hypot(verdict.position[0] - truth[0]!, verdict.position[1] - truth[1]!)).toBeLessThan(2);
    expect(verdict.reason).toMatch(/parked/);
  });

  it('a pedestrian crossing at 1 m/s, 40 m away, for 5 s stays moving under the same depth error', () => {
    const cameras = Array.from({ length: 11 }, () => [0, 0, 1.5] as [number, number, number]);
    const positions = cameras.map((c, k) =>
      lifted([-2.5 + 0.5 * k, 40, 0.85], c, 0.03 + 0.01 * (k % 2 === 0 ? 1 : -1)),
    );
    const verdict = testParked({ positions: flat(positions), cameras, up: Z_UP, extent: 1.8 });
    expect(verdict.parked).toBe(false);
    expect(verdict.statistic).toBeGreaterThan(1.5);
  });

  it('a pedestrian walking along the viewing ray at 1 m/s, 40 m away, for 9.5 s stays moving', () => {
    const cameras = Array.from({ length: 20 }, () => [0, 0, 1.5] as [number, number, number]);
    const positions = cameras.map((c, k) => lifted([1, 45 - 0.5 * k, 0.85], c, 0.03 + 0.01 * (k % 2 === 0 ? 1 : -1)));
    expect(testParked({ positions: flat(positions), cameras, up: Z_UP, extent: 1.8 }).parked).toBe(false);
  });

  it('a far car (120 m) at 5 m/s from a driving camera stays moving', () => {
    const cameras = Array.from({ length: 20 }, (_, k) => cameraAt(k));
    const positions = cameras.map((c, k) =>
      lifted([-3.5, 120 + 2.5 * k, 0.75], c, 0.03 + 0.02 * (k % 2 === 0 ? 1 : -1)),
    );
    expect(testParked({ positions: flat(positions), cameras, up: Z_UP, extent: 4.9 }).parked).toBe(false);
  });
});

describe('applyRepairingFilters snaps a parked track and keeps a moving one', () => {
  const clip: Clip = {
    id: 'c',
    source: { dataset: 'test', log: 'l' },
    up: [0, 0, 1],
    frames: Array.from({ length: 20 }, (_, k) => ({ t: 0.5 * k })),
    tracks: [],
  };
  const cameras = Array.from({ length: 20 }, (_, k) => ({
    t: 0.5 * k,
    rotation: [1, 0, 0, 0] as [number, number, number, number],
    translation: [0, 2 * k, 1.5] as [number, number, number],
    focalLength: 400,
  }));
  const observe = (x: (k: number) => number[], epsilon: (k: number) => number) =>
    Array.from({ length: 20 }, (_, k) => {
      const c = cameras[k]!.translation,
        p = x(k),
        e = epsilon(k);
      return {
        t: 0.5 * k,
        center: [c[0] + (1 + e) * (p[0]! - c[0]), c[1] + (1 + e) * (p[1]! - c[1]), c[2] + (1 + e) * (p[2]! - c[2])] as [
          number,
          number,
          number,
        ],
      };
    });
  const scene: PseudoScene = {
    clip,
    cameras,
    tracks: [
      {
        id: 'gsam2-6',
        category: 'car',
        observations: observe(
          () => [-6.5, 50, 0.75],
          (k) => 0.04 - 0.0015 * k,
        ),
      },
      {
        id: 'gsam2-5',
        category: 'person',
        observations: observe(
          (k) => [-9 + 0.6 * k, 35, 0.85],
          () => 0.03,
        ),
      },
    ],
  };
  it('every position of the parked car is one point; the report says why; the pedestrian keeps its motion', () => {
    const result = applyRepairingFilters(scene);
    const parked = result.clip!.tracks.find((track) => track.id === 'gsam2-6')!;
    const first = parked.samples[0]!.center;
    for (const sample of parked.samples) expect(sample.center).toEqual(first);
    expect(result.yields[0]!.motion).toMatchObject({ parked: true });
    expect(result.yields[0]!.motion!.reason).toMatch(/parked, snapped/);
    expect(result.repaired).toEqual({ parked: 1 });
    const walker = result.clip!.tracks.find((track) => track.id === 'gsam2-5')!;
    expect(result.yields[1]!.motion).toMatchObject({ parked: false });
    const s = walker.samples;
    // 0.6 m per frame over 19 steps (hand value 11.4 m), with a 3 % depth error on a crossing path.
    expect(s[s.length - 1]!.center[0] - s[0]!.center[0]).toBeGreaterThan(10);
  });
  it('`parked: false` leaves the drift in place (what SPEC §2 alone would see)', () => {
    const result = applyRepairingFilters(scene, { parked: false });
    const samples = result.clip!.tracks[0]!.samples;
    const a = samples[0]!.center;
    expect(Math.max(...samples.map(({ center: b }) => Math.hypot(b[0] - a[0], b[1] - a[1])))).toBeGreaterThan(0.5);
    expect(result.yields[0]!.motion).toBeUndefined();
  });
});
