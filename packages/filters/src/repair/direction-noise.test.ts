import { describe, expect, it } from 'vitest';
import type { Clip } from '@stkit/core';
import { assessDirection, groundNoise } from './direction-noise';
import { applyRepairingFilters } from './repairing-stage';

const Z_UP: [number, number, number] = [0, 0, 1];

/** A walker along +x at `speed` m/s, 0.5 s frames; raw centres wobble by ±`wobble` m across (y), alternating. */
function walker(frames: number, speed: number, wobble: number) {
  const times = Array.from({ length: frames }, (_, k) => 0.5 * k);
  const line = new Float64Array(3 * frames),
    raw = new Float64Array(3 * frames);
  times.forEach((t, k) => {
    line.set([speed * t, 0, 0.85], 3 * k);
    raw.set([speed * t, k % 2 === 0 ? wobble : -wobble, 0.85], 3 * k);
  });
  return { times, line, raw };
}

describe('groundNoise: leave-one-out residuals to the local line', () => {
  it('alternating ±d across a straight path: every residual is 4d/3, σ = (4d/3) / √(2 ln 2)', () => {
    // Hand derivation: the six neighbours within ±1.5 s sit symmetrically (or, at the ends, three on one side with
    // values −ε, +ε, −ε); either way the line through them is flat at −ε/3, so the residual is ε + ε/3 = 4ε/3.
    const { times, raw } = walker(40, 1.2, 0.1);
    expect(groundNoise(raw, times, Z_UP)).toBeCloseTo(0.4 / 3 / Math.sqrt(2 * Math.log(2)), 9);
  });
  it('is undefined below three frames with two neighbours', () => {
    expect(groundNoise(new Float64Array(6), [0, 0.5], Z_UP)).toBeUndefined();
  });
});

describe('assessDirection: steps against the position noise', () => {
  it('a 0.5 m step is not a direction when σ = 0.113 m (5σ = 0.57 m)', () => {
    const { times, line, raw } = walker(20, 1, 0.1);
    const verdict = assessDirection({ raw, smoothed: line, times, up: Z_UP });
    expect(verdict.reliable).toBe(false);
    expect(verdict.referenceStep).toBeCloseTo(0.5, 9);
    expect(verdict.lastStep).toBeCloseTo(0.5, 9);
    expect(verdict.reason).toMatch(/below 5 × its position noise/);
    // A 0.6 m step clears it.
    const faster = walker(20, 1.2, 0.1);
    expect(assessDirection({ raw: faster.raw, smoothed: faster.line, times, up: Z_UP }).reliable).toBe(true);
  });
  it('the same walk with half the wobble (σ = 0.057 m, 5σ = 0.28 m) keeps its direction questions', () => {
    const { times, line, raw } = walker(20, 1, 0.05);
    const verdict = assessDirection({ raw, smoothed: line, times, up: Z_UP });
    expect(verdict.noise).toBeCloseTo(0.2 / 3 / Math.sqrt(2 * Math.log(2)), 9);
    expect(verdict.reliable).toBe(true);
  });
  it('the reference is the first step of ≥ 0.3 m between consecutive grid frames (as kinematics reads it)', () => {
    // Waits 1 s (steps 0), then walks 2 m per frame; a 1 s gap before the last frame is not a step.
    const times = [0, 0.5, 1, 1.5, 2, 2.5, 3, 4];
    const x = [0, 0, 0, 2, 4, 6, 8, 12];
    const line = Float64Array.from(times.flatMap((_, k) => [x[k]!, 0, 0]));
    const verdict = assessDirection({ raw: line, smoothed: line, times, up: Z_UP }, { minStepNoiseRatio: 1 });
    expect(verdict.referenceStep).toBe(2);
    expect(verdict.lastStep).toBe(2);
  });
  it('rejects lengths that do not match and a negative ratio', () => {
    const { times, line, raw } = walker(6, 1, 0);
    expect(() => assessDirection({ raw: raw.subarray(3), smoothed: line, times, up: Z_UP })).toThrow(/must hold 6 × 3/);
    expect(() => assessDirection({ raw, smoothed: line, times, up: Z_UP }, { minStepNoiseRatio: -1 })).toThrow(
      /minStepNoiseRatio/,
    );
  });
});

describe('applyRepairingFilters: direction verdict per kept moving track', () => {
  const clip: Clip = {
    id: 'c',
    source: { dataset: 'test', log: 'l' },
    up: Z_UP,
    frames: Array.from({ length: 20 }, (_, k) => ({ t: 0.5 * k })),
    tracks: [],
  };
  const track = (id: string, wobble: number) => ({
    id,
    category: 'person',
    observations: Array.from({ length: 20 }, (_, k) => ({
      t: 0.5 * k,
      center: [0.6 * k, k % 2 === 0 ? wobble : -wobble, 0.85] as [number, number, number],
    })),
  });
  it('a walker whose 0.6 m steps drown in ±0.3 m wobble gets no direction question; a clean one does', () => {
    const result = applyRepairingFilters({ clip, tracks: [track('gsam2-1', 0.3), track('gsam2-2', 0.01)] });
    expect(result.yields[0]!.direction).toMatchObject({ reliable: false });
    expect(result.yields[1]!.direction).toMatchObject({ reliable: true });
    expect(result.repaired).toEqual({ no_direction: 1 });
    // Both stay kept, with their distance questions: only the direction is withheld.
    expect(result.clip!.tracks.map((entry) => entry.id)).toEqual(['gsam2-1', 'gsam2-2']);
  });
  it('`direction: false` turns the test off', () => {
    const result = applyRepairingFilters({ clip, tracks: [track('gsam2-1', 0.3)] }, { direction: false });
    expect(result.yields[0]!.direction).toBeUndefined();
    expect(result.repaired).toEqual({});
  });
});
