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
    expect(directionRuns(Uint8Array.of(0, 9), times)).toEqual([
      { clock: 9, startIndex: 1, endIndex: 2, start: 0.5, end: 1 },
    ]);
    expect(directionRuns(Uint8Array.of(0, 0), times)).toEqual([]);
  });

  it('counts runs exactly on long grids (no 8-bit wrap at 256 runs)', () => {
    // The kinematics accept any grid length, e.g. a whole log at 10 Hz. Alternating clocks 12, 3, 12, 3, …
    // over 514 steps give 257 one-step runs of 12 and 257 of 3: neither clock occurs in exactly one run,
    // so nothing may be asked. (A byte counter would wrap 257 to 1 and offer all 514 runs.)
    const clocks = Uint8Array.from({ length: 514 }, (_, k) => (k % 2 === 0 ? 12 : 3));
    const times = Float64Array.from({ length: 515 }, (_, k) => 0.5 * k);
    const runs = directionRuns(clocks, times);
    expect(runs).toHaveLength(514);
    expect(uniqueRunClocks(runs)).toEqual([]);
    // Last step turned to 6: 257 runs of 12 (even steps 0–512), 256 of 3 (odd steps 1–511), one of 6
    // (step 513, frames 513 → 514 = [256.5, 257] s): only 6 is unique.
    clocks[513] = 6;
    expect(uniqueRunClocks(directionRuns(clocks, times)).map((run) => [run.clock, run.start, run.end])).toEqual([
      [6, 256.5, 257],
    ]);
  });
});
