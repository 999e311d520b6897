import { describe, expect, it } from 'vitest';
import type { Sample } from '@stkit/core';
import { makeSample } from '../__fixtures__/samples';
import { computeStats, statsMarkdown } from './bench-stats';
import { buildBench } from './build-bench';
import { labelBin } from './label-bin';
import { apportion, mixQuotas, PAPER_MIX, parseMix } from './source-mix';

let counter = 0;
function directions(clock: number, count: number, dataset = 'nuscenes'): Sample[] {
  return Array.from({ length: count }, () =>
    makeSample('movement_direction', { clock }, { id: `d${counter++}`, dataset }),
  );
}

describe('labelBin', () => {
  it('bins distances and speeds by the default edges, clocks by value, comparisons by polarity and answer', () => {
    const distance = (meters: number) => labelBin(makeSample('traveled_distance', { start: 0, end: 7, meters }));
    expect([1, 5, 7, 15, 50, 80, 100].map(distance)).toEqual([
      '0–5 m',
      '5–10 m',
      '5–10 m',
      '10–20 m',
      '40–80 m',
      '≥80 m',
      '≥80 m',
    ]);
    expect(labelBin(makeSample('traveling_speed', { start: 0, end: 7, metersPerSecond: 2.5 }))).toBe('2.5–5 m/s');
    expect(labelBin(makeSample('direction_timestamp', { clock: 9, start: 1, end: 2 }))).toBe("9 o'clock");
    expect(
      labelBin(
        makeSample('traveling_speed_comparison', {
          polarity: 'negative',
          answerTrackId: 'track-b',
          values: { 'track-a': 5, 'track-b': 1 },
        }),
      ),
    ).toBe('negative · second object');
    expect(labelBin(makeSample('movement_direction_comparison', { polarity: 'negative', same: true }))).toBe(
      'negative · no (same)',
    );
  });
});

describe('source mix', () => {
  it('apportions by largest remainder', () => {
    // 200 · (0.748, 0.125, 0.056, 0.071) = 149.6, 25, 11.2, 14.2 → floors 149, 25, 11, 14 (199); the 1 left goes to nuplan (.6).
    expect(apportion(200, PAPER_MIX)).toEqual({ nuplan: 150, nuscenes: 25, argoverse2: 11, aria: 14 });
  });
  it('caps quotas at availability and moves the shortfall by weight', () => {
    // 20 at 50/50 → 10 each; b has 4 → 6 move to a.
    expect(mixQuotas(20, { a: 0.5, b: 0.5 }, { a: 30, b: 4 })).toEqual({ a: 16, b: 4 });
    expect(mixQuotas(20, { a: 0.5, b: 0.5 }, { a: 3, b: 4 })).toEqual({ a: 3, b: 4 });
  });
  it('parses and normalises a mix, rejecting bad ones', () => {
    expect(parseMix('a=3, b=1')).toEqual({ a: 0.75, b: 0.25 });
    expect(() => parseMix('a=x')).toThrow(/Invalid argument 'mix'/);
    expect(() => parseMix('a=0')).toThrow(/not all be zero/);
  });
});

describe('buildBench', () => {
  it('flattens the label histogram as far as the pool allows (water filling)', () => {
    // 100 × 12 o'clock, 10 × 3, 5 × 6; 30 wanted → 10 each is the target; 6 has 5, the 25 left split 12.5/12.5;
    // 3 has 10, so 12 o'clock gets the remaining 15.
    const pool = [...directions(12, 100), ...directions(3, 10), ...directions(6, 5)];
    const result = buildBench({ samples: pool, perTask: 30, seed: 1, tasks: ['movement_direction'] });
    expect(result.samples).toHaveLength(30);
    expect(computeStats(result.samples).movement_direction!.bins).toEqual({
      "12 o'clock": 15,
      "3 o'clock": 10,
      "6 o'clock": 5,
    });
    expect(result.notes).toEqual([]);
  });

  it('respects the mix where possible and reports where not', () => {
    const pool = [
      ...directions(1, 15, 'a'),
      ...directions(2, 15, 'a'),
      ...directions(1, 2, 'b'),
      ...directions(2, 2, 'b'),
      ...directions(1, 50, 'c'),
    ];
    const result = buildBench({
      samples: pool,
      perTask: 20,
      mix: { a: 0.5, b: 0.5 },
      seed: 3,
      tasks: ['movement_direction'],
    });
    const stats = computeStats(result.samples).movement_direction!;
    expect(stats.sources).toEqual({ a: 16, b: 4 }); // c is not in the mix
    expect(stats.bins).toEqual({ "1 o'clock": 10, "2 o'clock": 10 });
    expect(result.mix).toEqual([
      { task: 'movement_direction', dataset: 'a', wanted: 10, available: 30, taken: 16 },
      { task: 'movement_direction', dataset: 'b', wanted: 10, available: 4, taken: 4 },
    ]);
    expect(result.notes).toEqual([
      'movement_direction: a filled 6 extra to make up for other datasets',
      'movement_direction: b short by 6 (wanted 10, has 4)',
    ]);
    expect(result.notes.every((note) => !note.includes('only'))).toBe(true);
  });

  it('is deterministic for a seed and reports small pools', () => {
    const pool = directions(4, 40).concat(directions(5, 40));
    const ids = (seed: number) =>
      buildBench({ samples: pool, perTask: 10, seed, tasks: ['movement_direction'] }).samples.map(
        (sample) => sample.id,
      );
    expect(ids(7)).toEqual(ids(7));
    expect(ids(7)).not.toEqual(ids(8));
    const small = buildBench({ samples: directions(4, 3), perTask: 10, tasks: ['movement_direction'] });
    expect(small.samples).toHaveLength(3);
    expect(small.notes).toEqual(['movement_direction: only 3 of 10 samples available']);
  });

  it('writes statistics tables before and after', () => {
    const pool = [...directions(12, 20), ...directions(3, 4)];
    const result = buildBench({ samples: pool, perTask: 8, tasks: ['movement_direction'] });
    const markdown = statsMarkdown({ before: computeStats(pool), after: computeStats(result.samples) });
    // Pool: 20/24 = 83.3 %, 4/24 = 16.7 %; bench: 4 and 4 of 8 = 50 %.
    expect(markdown).toContain("| 12 o'clock | 20 | 83.3 | 4 | 50.0 |");
    expect(markdown).toContain("| 3 o'clock | 4 | 16.7 | 4 | 50.0 |");
    expect(markdown).toContain("| 1 o'clock | 0 | 0.0 | 0 | 0.0 |");
  });
});
