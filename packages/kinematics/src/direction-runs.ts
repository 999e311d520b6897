/**
 * Direction runs ([definitions §2](docs/pages/definitions.md#runs), "Direction timestamp"): maximal sequences of
 * consecutive steps with the same clock direction. A step without a
 * direction (absent frame, too short) ends a run.
 */

/** One run of steps with the same clock direction. */
export interface DirectionRun {
  /** Clock value 1…12. */
  readonly clock: number;
  /** First grid frame of the run (start of its first step). */
  readonly startIndex: number;
  /** Last grid frame of the run (end of its last step). */
  readonly endIndex: number;
  /** `t_startIndex`, clip seconds. */
  readonly start: number;
  /** `t_endIndex`, clip seconds. */
  readonly end: number;
}

/**
 * Splits step clocks into runs `[t_start, t_end]`: steps k…m with the same
 * non-zero clock, where step k−1 and step m+1 have another clock or none,
 * form the run from `t_k` to `t_{m+1}`.
 * @param clocks - per-step clocks from `stepClocks` (0 = no direction).
 * @param frameTimes - grid times, length `clocks.length + 1`.
 * @returns the runs in time order.
 */
export function directionRuns(clocks: Uint8Array, frameTimes: Float64Array): DirectionRun[] {
  const runs: DirectionRun[] = [];
  const stepCount = clocks.length;
  let k = 0;
  while (k < stepCount) {
    const clock = clocks[k]!;
    if (clock === 0) {
      k++;
      continue;
    }
    let m = k;
    while (m + 1 < stepCount && clocks[m + 1] === clock) m++;
    runs.push({ clock, startIndex: k, endIndex: m + 1, start: frameTimes[k]!, end: frameTimes[m + 1]! });
    k = m + 1;
  }
  return runs;
}

/**
 * Clock values that occur in exactly one run ([definitions §2](docs/pages/definitions.md#runs), ours: a direction
 * timestamp question is asked only for those), each with its run, in clock order.
 * @param runs - the runs of one track, from {@link directionRuns}.
 * @returns one run per clock value that occurs once.
 */
export function uniqueRunClocks(runs: readonly DirectionRun[]): DirectionRun[] {
  const counts = new Uint32Array(13); // not Uint8: a long grid can hold more than 255 runs of one clock
  for (const run of runs) counts[run.clock]!++;
  const unique: DirectionRun[] = [];
  for (let clock = 1; clock <= 12; clock++) {
    if (counts[clock] !== 1) continue;
    for (const run of runs) if (run.clock === clock) unique.push(run);
  }
  return unique;
}
