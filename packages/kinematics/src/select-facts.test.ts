import { describe, expect, it } from 'vitest';
import { createRandom } from '@stkit/core';
import { analyzeClip } from './clip-kinematics';
import { selectFacts } from './select-facts';
import { makeClip, onGrid } from './__fixtures__/clip-builder';
import { factsOf, unaccounted, ZERO_PER_TASK } from './__fixtures__/selection-helpers';

const many = { maxFactsPerTask: 100, random: createRandom(1) };

/** Heading +x at 5 m/s for 4 s (frames 0–8), then along `turn` at 5 m/s for 4 s (frames 8–16). */
function turning(turn: [number, number]): [number, number, number, number][] {
  return onGrid(0, 16, (t) => (t <= 4 ? [5 * t, 0, 0] : [20 + turn[0] * 5 * (t - 4), turn[1] * 5 * (t - 4), 0]));
}

describe('selectFacts on hand-computed scenes', () => {
  it('constant-speed straight motion: 5 m/s along x for 8 s', () => {
    // Frames 0–16 (t = 0…8 s), x = 5t. Whole presence [0, 8]: 16 steps × 2.5 m = 40 m, 40 / 8 = 5 m/s.
    // Any sub-interval [s, e]: 5·(t_e − t_s) m at 5 m/s. All steps point along the reference (+x) → 12 o'clock,
    // one run [0, 8]; the last step is 12.
    const clip = makeClip({ frameCount: 17, tracks: [{ id: 'car', samples: onGrid(0, 16, (t) => [5 * t, 0, 0]) }] });
    const selection = selectFacts(clip, many);
    const distances = factsOf(selection, 'traveled_distance');
    expect(distances).toHaveLength(2);
    const whole = distances.find((fact) => fact.wholeVideo)!;
    expect(whole.label).toEqual({ start: 0, end: 8, meters: expect.closeTo(40, 9) });
    const part = distances.find((fact) => !fact.wholeVideo)!;
    expect(part.label.end - part.label.start).toBeGreaterThanOrEqual(2);
    expect(part.label.end - part.label.start).toBeLessThan(8);
    expect(part.label.meters).toBeCloseTo(5 * (part.label.end - part.label.start), 9);
    for (const fact of factsOf(selection, 'traveling_speed')) expect(fact.label.metersPerSecond).toBeCloseTo(5, 9);
    expect(factsOf(selection, 'movement_direction').map((fact) => fact.label)).toEqual([{ clock: 12 }]);
    expect(factsOf(selection, 'direction_timestamp').map((fact) => fact.label)).toEqual([
      { clock: 12, start: 0, end: 8 },
    ]);
    expect(unaccounted(selection)).toEqual(ZERO_PER_TASK);
  });

  it.each([
    ['right turn (towards −y)', 3, [0, -1]],
    ['left turn (towards +y)', 9, [0, 1]],
    ['U-turn (back along −x)', 6, [-1, 0]],
  ] as const)("%s ends at %i o'clock", (_name, clock, turn) => {
    // Steps 0–7 along +x (12 o'clock, run [0, 4]); steps 8–15 along the turn (run [4, 8]).
    // z up, seen from above: heading +x, −y is clockwise 90° (3), +y counter-clockwise (9), −x 180° (6).
    // Distance: 16 steps × 2.5 m = 40 m whatever the turn.
    const clip = makeClip({ frameCount: 17, tracks: [{ id: 'car', samples: turning([turn[0], turn[1]]) }] });
    const selection = selectFacts(clip, many);
    expect(factsOf(selection, 'movement_direction').map((fact) => fact.label.clock)).toEqual([clock]);
    const [timestamp] = factsOf(selection, 'direction_timestamp');
    expect([
      { clock: 12, start: 0, end: 4 },
      { clock, start: 4, end: 8 },
    ]).toContainEqual(timestamp!.label);
    expect(factsOf(selection, 'traveled_distance').find((fact) => fact.wholeVideo)!.label.meters).toBeCloseTo(40, 9);
  });

  it('parked objects with annotation jitter get no direction questions', () => {
    // Jitter pattern ±0.1 m in x and y: the largest ground step is √(0.2² + 0.2²) = 0.283 m < 0.3 m.
    const jitter = [
      [0.1, 0.1],
      [-0.1, -0.1],
      [0.1, -0.05],
      [-0.05, 0.1],
    ];
    const parked = (id: string, x0: number) => ({
      id,
      samples: onGrid(0, 39, (t) => {
        const [dx, dy] = jitter[Math.round(t * 2) % 4]!;
        return [x0 + dx!, 10 + dy!, 0.02 * (Math.round(t * 2) % 3)];
      }),
    });
    const clip = makeClip({
      tracks: [parked('p1', 0), parked('p2', 8), { id: 'mover', samples: onGrid(0, 39, (t) => [2 * t, -5, 0]) }],
    });
    const selection = selectFacts(clip, many);
    const directionTracks = [
      ...factsOf(selection, 'movement_direction'),
      ...factsOf(selection, 'direction_timestamp'),
    ].map((fact) => fact.trackIds[0]);
    expect(directionTracks.sort()).toEqual(['mover', 'mover']);
    expect(selection.rejected.movement_direction).toEqual({ 'no-reference-direction': 2 });
    expect(selection.rejected.direction_timestamp).toEqual({ 'no-reference-direction': 2 });
    // Direction comparisons: the parked objects' net displacement is < 2 m → all 3 pairs rejected.
    expect(selection.rejected.movement_direction_comparison).toEqual({ 'displacement-too-short': 3 });
    expect(unaccounted(selection)).toEqual(ZERO_PER_TASK);
  });

  it('off-grid 10 Hz samples: positions interpolated, labels exact for linear motion', () => {
    // Samples at t = 0.05 + 0.1·i, i = 0…99 (last 9.95 s), x = 4t: grid frames 1…19 (0.5…9.5 s) are bracketed
    // 0.1 s apart → present with x = 4·t_k exactly (linear motion); frame 0 (t = 0) precedes the first sample → absent.
    // Whole presence [0.5, 9.5]: 4 × 9 = 36 m, 4 m/s.
    const samples = Array.from({ length: 100 }, (_, i) => {
      const t = 0.05 + 0.1 * i;
      return [t, 4 * t, 0, 0] as [number, number, number, number];
    });
    const clip = makeClip({ frameCount: 20, tracks: [{ id: 'car', samples }] });
    const selection = selectFacts(clip, many);
    const whole = factsOf(selection, 'traveled_distance').find((fact) => fact.wholeVideo)!;
    expect(whole.label).toEqual({ start: 0.5, end: 9.5, meters: expect.closeTo(36, 9) });
    expect(analyzeClip(clip).tracks[0]!.present[0]).toBe(0);
    expect(factsOf(selection, 'traveling_speed').every((fact) => Math.abs(fact.label.metersPerSecond - 4) < 1e-9)).toBe(
      true,
    );
  });

  it('gaps longer than 1 s make frames absent and split the presence', () => {
    // On-grid samples at 0–4 s and 6.5–10 s; the 2.5 s gap leaves frames 9–12 (4.5–6 s) absent.
    // Segments [0, 4] s (8 steps) and [6.5, 10] s: whole-presence questions are rejected (gap);
    // sub-intervals come from either segment; the longest presence is [0, 4] s.
    const samples = [...onGrid(0, 8, (t) => [3 * t, 0, 0]), ...onGrid(13, 20, (t) => [3 * t, 0, 0])];
    const clip = makeClip({ frameCount: 21, tracks: [{ id: 'car', samples }] });
    const selection = selectFacts(clip, many);
    const track = analyzeClip(clip).tracks[0]!;
    expect(Array.from(track.present.subarray(8, 14))).toEqual([1, 0, 0, 0, 0, 1]);
    expect(track.segments).toEqual([
      { start: 0, end: 8 },
      { start: 13, end: 20 },
    ]);
    expect(track.longest).toEqual({ start: 0, end: 8 });
    expect(selection.rejected.traveled_distance).toEqual({ 'presence-has-gaps': 1 });
    const [interval] = factsOf(selection, 'traveled_distance');
    expect(interval!.wholeVideo).toBe(false);
    const { start, end, meters } = interval!.label;
    expect((start >= 0 && end <= 4) || (start >= 6.5 && end <= 10)).toBe(true);
    expect(meters).toBeCloseTo(3 * (end - start), 9);
    // Steps 0–7 and 13–19 all point along +x (12), in two runs → 12 occurs twice: no direction timestamp.
    expect(selection.rejected.direction_timestamp).toEqual({ 'no-unique-run-clock': 1 });
    expect(factsOf(selection, 'movement_direction').map((fact) => fact.label.clock)).toEqual([12]);
  });

  it('objects entering late: reference from their first two frames, whole-presence interval', () => {
    // Enters at frame 10 (5 s) heading −y at 2 m/s until 12 s (frame 24), then +x until 19.5 s (frame 39).
    // Reference (12 o'clock) = −y; facing south, east (+x) is on the left → 9 o'clock.
    // Whole presence [5, 19.5]: 7 s × 2 m/s + 7.5 s × 2 m/s = 29 m.
    const samples = onGrid(10, 39, (t) => (t <= 12 ? [0, -2 * (t - 5), 0] : [2 * (t - 12), -14, 0]));
    const clip = makeClip({ tracks: [{ id: 'late', samples }] });
    const selection = selectFacts(clip, many);
    expect(analyzeClip(clip).tracks[0]!.reference).toEqual({ step: 10, x: 0, y: -1 });
    const whole = factsOf(selection, 'traveled_distance').find((fact) => fact.wholeVideo)!;
    expect(whole.label).toEqual({ start: 5, end: 19.5, meters: expect.closeTo(29, 9) });
    expect(factsOf(selection, 'movement_direction').map((fact) => fact.label.clock)).toEqual([9]);
    expect([
      { clock: 12, start: 5, end: 12 },
      { clock: 9, start: 12, end: 19.5 },
    ]).toContainEqual(factsOf(selection, 'direction_timestamp')[0]!.label);
  });

  it('sports domain: no movement-direction tasks, reported as rejections', () => {
    const tracks = [
      { id: 'a', samples: turning([0, -1]) },
      { id: 'b', samples: onGrid(0, 16, (t) => [0, 3 * t, 0]) },
      { id: 'c', samples: onGrid(0, 16, (t) => [0, -3 * t, 0]) },
    ];
    const selection = selectFacts(makeClip({ frameCount: 17, domain: 'sports', tracks }), many);
    for (const task of ['movement_direction', 'direction_timestamp'] as const) {
      expect(factsOf(selection, task)).toEqual([]);
      expect(selection.rejected[task]).toEqual({ 'excluded-domain': 3 });
    }
    expect(selection.rejected.movement_direction_comparison).toEqual({ 'excluded-domain': 3 });
    expect(factsOf(selection, 'traveled_distance').length).toBeGreaterThan(0);
    expect(factsOf(selection, 'traveled_distance_comparison').length).toBeGreaterThan(0);
    // The same clip as driving does get them.
    const driving = selectFacts(makeClip({ frameCount: 17, domain: 'driving', tracks }), many);
    expect(factsOf(driving, 'movement_direction')).toHaveLength(3);
    expect(unaccounted(selection)).toEqual(ZERO_PER_TASK);
  });
});
