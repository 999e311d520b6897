import type { Clip } from '@stkit/core';
import { describe, expect, it } from 'vitest';
import type { PseudoObservation } from './pseudo-scene';
import { applyRuleFilters } from './rule-stage';

const clip: Clip = {
  id: 'clip-1',
  source: { dataset: 'demo', log: 'log-1' },
  up: [0, 0, 1],
  frames: Array.from({ length: 8 }, (_, k) => ({ t: 0.5 * k })),
  tracks: [],
};

/** A 4 × 4 × 4 lattice of points with `spacing` around (x, 0, 0), plus one far flying pixel. */
function cube(x: number, spacing: number): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++)
      for (let k = 0; k < 4; k++) out.push(x + (i - 1.5) * spacing, (j - 1.5) * spacing, (k - 1.5) * spacing);
  out.push(x, 30, 0);
  return Float64Array.from(out);
}

const good = (k: number, extra: Partial<PseudoObservation> = {}): PseudoObservation => ({
  t: 0.5 * k,
  box: [10, 10, 50, 40],
  boxConfidence: 0.8,
  textConfidence: 0.6,
  points: cube(2 * k, 0.08),
  ...extra,
});

describe('applyRuleFilters', () => {
  it('counts every dropped observation and track by reason and smooths the survivors', () => {
    const result = applyRuleFilters({
      clip,
      tracks: [
        // 8 frames, x = 0, 2, …, 14 (4 m/s). Frame 3 has a low box confidence, frame 6 a 3 × 3 px box: 6 frames remain.
        // Lattice spacing 0.08 ≤ eps 0.1 → one 64-point cluster per frame; the flying pixel is noise.
        // Extent of the lattice: 3·0.08·√3 = 0.4157 m ≥ 0.15; points 64 ≥ 30.
        {
          id: 'car',
          category: 'car',
          observations: Array.from({ length: 8 }, (_, k) =>
            k === 3 ? good(k, { boxConfidence: 0.2 }) : k === 6 ? good(k, { box: [0, 0, 3, 3] }) : good(k),
          ),
        },
        // Text confidence 0.1 on 4 of 8 frames → 4 usable frames < 5.
        {
          id: 'ghost',
          category: 'person',
          observations: Array.from({ length: 8 }, (_, k) => (k % 2 === 0 ? good(k, { textConfidence: 0.1 }) : good(k))),
        },
        // Lattice spacing 0.02 → extent 3·0.02·√3 = 0.104 m < 0.15 → small object (64 points, one cluster).
        {
          id: 'tiny',
          category: 'animal',
          observations: Array.from({ length: 6 }, (_, k) => good(k, { points: cube(k, 0.02) })),
        },
        // Spacing 0.2 > eps 0.1: every point is isolated → all noise → empty clouds on every frame.
        {
          id: 'sparse',
          category: 'car',
          observations: Array.from({ length: 6 }, (_, k) => good(k, { points: cube(k, 0.2) })),
        },
      ],
    });
    expect(result.observations).toEqual({
      low_box_confidence: 1,
      small_box: 1,
      low_text_confidence: 4,
      empty_cloud: 6,
    });
    expect(result.tracks).toEqual({ too_few_observations: 2, small_object: 1 });
    expect(result.trackVerdicts.map((verdict) => verdict.verdict)).toEqual([
      'kept',
      'too_few_observations',
      'small_object',
      'too_few_observations',
    ]);
    expect(result.sceneRejection).toBeUndefined();
    const car = result.clip!.tracks[0]!;
    expect(car.samples.map((sample) => sample.t)).toEqual([0, 0.5, 1, 2, 2.5, 3.5]);
    // The centroids lie exactly on x = 4t (the lattice is symmetric), a constant-velocity line the smoother keeps.
    for (const sample of car.samples) {
      expect(sample.center[0]).toBeCloseTo(4 * sample.t, 2);
      expect(sample.center[1]).toBeCloseTo(0, 6);
    }
    expect(car.samples[0]!.box2d).toEqual([10, 10, 50, 40]);
  });

  it('drops the scene when no track survives and discards trajectories with outliers', () => {
    // 11 frames along x at 1 m per frame, except frame 5 jumps 40 m sideways: z-score on y = √10 = 3.16 > 3.
    const jumpy = Array.from({ length: 11 }, (_, k) => ({
      t: 0.5 * k,
      center: [k, k === 5 ? 40 : 0, 0] as [number, number, number],
    }));
    const result = applyRuleFilters({ clip, tracks: [{ id: 'jumpy', category: 'car', observations: jumpy }] });
    expect(result.tracks).toEqual({ centroid_z_score: 1 });
    expect(result.clip).toBeUndefined();
    expect(result.sceneRejection).toBe('no_track_left');
  });
});

describe('applyRuleFilters errors', () => {
  it('names the clip, track and frame of bad input', () => {
    const bad = { t: 0, points: Float64Array.from([0, Number.NaN, 0]) };
    expect(() => applyRuleFilters({ clip, tracks: [{ id: 'car', category: 'car', observations: [bad] }] })).toThrow(
      /Invalid argument 'clip 'clip-1' track 'car' observations\[0\]\.points\.points\[0\.\.2\]': point 0 has a non-finite coordinate/,
    );
    const repeated = Array.from({ length: 5 }, () => ({ t: 1, center: [0, 0, 0] as [number, number, number] }));
    expect(() => applyRuleFilters({ clip, tracks: [{ id: 'car', category: 'car', observations: repeated }] })).toThrow(
      /clip 'clip-1' track 'car'\.times\[1\]/,
    );
  });
});
