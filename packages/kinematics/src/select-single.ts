/**
 * Fact selection of the four single-object tasks (SPEC §1–2).
 */
import type { FactOf, Random } from '@stkit/core';
import { pickBalanced } from './balanced-pick';
import type { ClipKinematics, TrackKinematics } from './clip-kinematics';
import { directionRuns, uniqueRunClocks, type DirectionRun } from './direction-runs';
import type { PresenceSegment } from './presence';
import type { ResolvedSelectionOptions } from './selection-options';
import { reject, type SelectionTally } from './selection-tally';
import { lastStepClock } from './step-directions';
import { traveledDistance } from './traveled-distance';


type ValueTask = 'traveled_distance' | 'traveling_speed';

interface IntervalCandidate {
  readonly kind: 'whole' | 'interval';
  readonly track: TrackKinematics;
  /** Whole: the single segment. Interval: the segments long enough to hold one. */
  readonly segments: readonly PresenceSegment[];
}

/**
 * Distance or speed facts. Per object two candidates: its whole presence
 * (only if gap-free and ≥ minIntervalSeconds → whole-video templates) and
 * one random interval of ≥ minIntervalSeconds inside a gap-free segment,
 * other than the whole presence ([START]/[END] templates).
 */
export function selectValueFacts<T extends ValueTask>(task: T, clip: ClipKinematics, options: ResolvedSelectionOptions, random: Random, tally: SelectionTally): FactOf<T>[] {
  const times = clip.frameTimes;
  const minDuration = options.minIntervalSeconds - options.timeEpsilonSeconds;
  const pool: IntervalCandidate[] = [];
  for (const track of clip.tracks) {
    tally.candidates[task] += 2;
    const segments = track.segments;
    if (segments.length === 0) {
      reject(tally, task, 'never-present', 2);
      continue;
    }
    const longEnough = segments.filter((segment) => times[segment.end]! - times[segment.start]! >= minDuration);
    // Whole presence.
    if (segments.length > 1) reject(tally, task, 'presence-has-gaps');
    else if (longEnough.length === 0) reject(tally, task, 'presence-too-short');
    else pool.push({ kind: 'whole', track, segments });
    // Sub-interval.
    if (longEnough.length === 0) reject(tally, task, 'presence-too-short');
    else if (segments.length === 1 && !hasProperInterval(times, segments[0]!, minDuration)) reject(tally, task, 'no-proper-sub-interval');
    else pool.push({ kind: 'interval', track, segments: longEnough });
  }
  const picked = pickBalanced(pool, (candidate) => candidate.kind, options.maxFactsPerTask[task], random);
  reject(tally, task, 'over-cap', pool.length - picked.length);
  const facts: FactOf<T>[] = [];
  for (const candidate of picked) {
    const track = candidate.track;
    let start: number;
    let end: number;
    if (candidate.kind === 'whole') {
      start = candidate.segments[0]!.start;
      end = candidate.segments[0]!.end;
    } else {
      const segment = random.pick(candidate.segments);
      [start, end] = drawInterval(times, segment, track.segments.length === 1, minDuration, random);
    }
    const meters = traveledDistance(track.positions, track.present, start, end)!;
    const label =
      task === 'traveled_distance'
        ? { start: times[start]!, end: times[end]!, meters }
        : { start: times[start]!, end: times[end]!, metersPerSecond: meters / (times[end]! - times[start]!) };
    facts.push({ task, trackIds: [track.trackId], label, wholeVideo: candidate.kind === 'whole' } as unknown as FactOf<T>);
  }
  return facts;
}

/** A segment [a, b] holds an interval of ≥ minDuration other than [a, b] itself iff [a, b−1] or [a+1, b] does. */
function hasProperInterval(times: Float64Array, segment: PresenceSegment, minDuration: number): boolean {
  const { start, end } = segment;
  if (end - start < 2) return false;
  return times[end - 1]! - times[start]! >= minDuration || times[end]! - times[start + 1]! >= minDuration;
}

/**
 * A random interval [s, e] of ≥ minDuration inside `segment`: s uniform among
 * the starts that admit one, then e uniform among the admissible ends. When
 * `excludeWhole`, the segment itself is not drawn.
 */
function drawInterval(times: Float64Array, segment: PresenceSegment, excludeWhole: boolean, minDuration: number, random: Random): [number, number] {
  const { start: a, end: b } = segment;
  const starts: number[] = [];
  const firstEnds: number[] = [];
  let firstEnd = a + 1;
  for (let s = a; s < b; s++) {
    if (firstEnd <= s) firstEnd = s + 1;
    while (firstEnd <= b && times[firstEnd]! - times[s]! < minDuration) firstEnd++;
    const lastEnd = excludeWhole && s === a ? b - 1 : b;
    if (firstEnd <= lastEnd) {
      starts.push(s);
      firstEnds.push(firstEnd);
    }
  }
  const choice = random.int(starts.length);
  const s = starts[choice]!;
  const lastEnd = excludeWhole && s === a ? b - 1 : b;
  const e = firstEnds[choice]! + random.int(lastEnd - firstEnds[choice]! + 1);
  return [s, e];
}

/** Movement direction at the end of the video: the clock of each object's last step (SPEC §2). */
export function selectMovementDirectionFacts(clip: ClipKinematics, options: ResolvedSelectionOptions, excluded: boolean, random: Random, tally: SelectionTally): FactOf<'movement_direction'>[] {
  const task = 'movement_direction';
  const pool: { track: TrackKinematics; clock: number }[] = [];
  for (const track of clip.tracks) {
    tally.candidates[task]++;
    if (excluded) reject(tally, task, 'excluded-domain');
    else if (track.segments.length === 0) reject(tally, task, 'never-present');
    else if (track.reference === undefined) reject(tally, task, 'no-reference-direction');
    else {
      const clock = lastStepClock(track.present, track.clocks);
      if (clock === undefined) reject(tally, task, 'last-step-no-direction');
      else pool.push({ track, clock });
    }
  }
  const picked = pickBalanced(pool, (candidate) => candidate.clock, options.maxFactsPerTask[task], random);
  reject(tally, task, 'over-cap', pool.length - picked.length);
  return picked.map(({ track, clock }) => ({ task, trackIds: [track.trackId], label: { clock } }));
}

/** Direction timestamp: per object one clock value (random among those in exactly one run) and its run (SPEC §2). */
export function selectDirectionTimestampFacts(clip: ClipKinematics, options: ResolvedSelectionOptions, excluded: boolean, random: Random, tally: SelectionTally): FactOf<'direction_timestamp'>[] {
  const task = 'direction_timestamp';
  const pool: { track: TrackKinematics; run: DirectionRun }[] = [];
  for (const track of clip.tracks) {
    tally.candidates[task]++;
    if (excluded) reject(tally, task, 'excluded-domain');
    else if (track.segments.length === 0) reject(tally, task, 'never-present');
    else if (track.reference === undefined) reject(tally, task, 'no-reference-direction');
    else {
      const unique = uniqueRunClocks(directionRuns(track.clocks, clip.frameTimes));
      if (unique.length === 0) reject(tally, task, 'no-unique-run-clock');
      else pool.push({ track, run: random.pick(unique) });
    }
  }
  const picked = pickBalanced(pool, (candidate) => candidate.run.clock, options.maxFactsPerTask[task], random);
  reject(tally, task, 'over-cap', pool.length - picked.length);
  return picked.map(({ track, run }) => ({ task, trackIds: [track.trackId], label: { clock: run.clock, start: run.start, end: run.end } }));
}
