import { describe, expect, it } from 'vitest';
import { directionRuns, uniqueRunClocks } from './direction-runs';

describe('directionRuns', () => {
  it('groups consecutive equal clocks and breaks on steps without direction', () => {
    // Steps 0..6 with clocks 12 12 0 3 3 12 12; frame times 0, 0.5, …, 3.5.
    // Runs: 12 over steps 0–1 → [0, 1.0]; 3 over steps 3–4 → [1.5, 2.5]; 12 over steps 5–6 → [2.5, 3.5].
    const times = Float64Array.from({ length: 8 }, (_, k) => 0.5 * k);
    const runs = directionRuns(Uint8Array.of(12, 12, 0, 3, 3, 12, 12), times);
    expect(runs.map((run) => [run.clock, run.start, run.end])).toEqual([
      [12, 0, 1],
      [3, 1.5, 2.5],
      [12, 2.5, 3.5],
    ]);
    expect(runs[1]).toMatchObject({ startIndex: 3, endIndex: 5 });
    // 12 occurs in two runs: only 3 may be asked.
    expect(uniqueRunClocks(runs).map((run) => run.clock)).toEqual([3]);
  });

  it('handles a single-step run and no runs', () => {
    const times = Float64Array.of(0, 0.5, 1);
    expect(directionRuns(Uint8Array.of(0, 9), times)).toEqual([{ clock: 9, startIndex: 1, endIndex: 2, start: 0.5, end: 1 }]);
    expect(directionRuns(Uint8Array.of(0, 0), times)).toEqual([]);
  });
});
