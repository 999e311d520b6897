/**
 * Fact selection of the four single-object tasks ([definitions §1–2](docs/pages/definitions.md#tasks)).
 */
import type { FactOf, Random } from '@stkit/core';
import { pickBalanced } from './balanced-pick';
import type { ClipKinematics, TrackKinematics } from './clip-kinematics';
import { directionRuns, uniqueRunClocks, type DirectionRun } from './direction-runs';
import type { PresenceSegment } from './presence';
import type { ResolvedSelectionOptions } from './selection-options';
import { reject, type SelectionTally } from './selection-tally';
import { firstMovingIndex, isStationary, labeledDistance } from './stationary';
import { lastStepClock } from './step-directions';

type ValueTask = 'traveled_distance' | 'traveling_speed';

interface IntervalCandidate {
  readonly kind: 'whole' | 'interval';
  readonly track: TrackKinematics;
  /** Whole: the single segment. Interval: the segments long enough to hold an interval (at least one holds a non-stationary one). */
  readonly segments: readonly PresenceSegment[];
}

/** The intervals [s, e] that may be drawn inside one segment: for each admissible start s, every e in [firstEnd, lastEnd]. */
interface IntervalChoices {
  readonly segment: PresenceSegment;
  readonly starts: readonly number[];
  readonly firstEnds: readonly number[];
  readonly lastEnds: readonly number[];
}

/**
 * Distance or speed facts. Per object two candidates: its whole presence
 * (only if gap-free, ≥ minIntervalSeconds and not stationary → whole-video
 * templates) and one random interval of ≥ minIntervalSeconds inside a
 * gap-free segment, other than the whole presence, over which the object is
 * not stationary ([START]/[END] templates). A stationary object ([definitions §2](docs/pages/definitions.md#stationary),
 * ours) is never the subject of either.
 */
export function selectValueFacts<T extends ValueTask>(
  task: T,
  clip: ClipKinematics,
  options: ResolvedSelectionOptions,
  random: Random,
  tally: SelectionTally,
): FactOf<T>[] {
  const times = clip.frameTimes;
  const minDuration = options.minIntervalSeconds - options.timeEpsilonSeconds;
  const radius = options.stationaryRadiusMeters;
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
    else if (isStationary(track.ground, segments[0]!.start, segments[0]!.end, radius))
      reject(tally, task, 'stationary');
    else pool.push({ kind: 'whole', track, segments });
    // Sub-interval.
    if (longEnough.length === 0) reject(tally, task, 'presence-too-short');
    else if (segments.length === 1 && !hasProperInterval(times, segments[0]!, minDuration))
      reject(tally, task, 'no-proper-sub-interval');
    else {
      // Only whether some interval qualifies is decided here (cheap: it stops at the first); the
      // admissible intervals are listed for the picked candidates only.
      const excludeWhole = segments.length === 1;
      if (
        !longEnough.some(
          (segment) =>
            intervalChoices(times, track.ground, segment, excludeWhole, minDuration, radius, true).starts.length > 0,
        )
      )
        reject(tally, task, 'stationary');
      else pool.push({ kind: 'interval', track, segments: longEnough });
    }
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
      const excludeWhole = track.segments.length === 1;
      const choices = candidate.segments
        .map((segment) => intervalChoices(times, track.ground, segment, excludeWhole, minDuration, radius, false))
        .filter((choice) => choice.starts.length > 0);
      [start, end] = drawInterval(random.pick(choices), random);
    }
    // Never stationary here (checked above), so this is the traveled distance.
    const meters = labeledDistance(track.positions, track.ground, track.present, start, end, radius)!;
    const label =
      task === 'traveled_distance'
        ? { start: times[start]!, end: times[end]!, meters }
        : { start: times[start]!, end: times[end]!, metersPerSecond: meters / (times[end]! - times[start]!) };
    facts.push({
      task,
      trackIds: [track.trackId],
      label,
      wholeVideo: candidate.kind === 'whole',
    } as unknown as FactOf<T>);
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
 * The intervals [s, e] inside `segment` that last ≥ minDuration and over
 * which the object is not stationary; when `excludeWhole`, not the segment
 * itself. For a start s, being stationary over [s, e] only gets harder to
 * keep as e grows, so the admissible ends are a range [firstEnd, lastEnd]:
 * firstEnd is both long enough and past the first frame that leaves the
 * stationary radius around s.
 */
function intervalChoices(
  times: Float64Array,
  ground: Float64Array,
  segment: PresenceSegment,
  excludeWhole: boolean,
  minDuration: number,
  radius: number,
  firstOnly: boolean,
): IntervalChoices {
  const { start: a, end: b } = segment;
  const starts: number[] = [];
  const firstEnds: number[] = [];
  const lastEnds: number[] = [];
  // Shortcut for parked objects: all positions within radius/2 of the first → any two within the radius
  // of each other (triangle inequality) → stationary over every sub-interval; no O(N²) scan.
  if (firstMovingIndex(ground, a, b, radius / 2) === -1) return { segment, starts, firstEnds, lastEnds };
  let firstLongEnough = a + 1;
  for (let s = a; s < b; s++) {
    if (firstLongEnough <= s) firstLongEnough = s + 1;
    while (firstLongEnough <= b && times[firstLongEnough]! - times[s]! < minDuration) firstLongEnough++;
    if (firstLongEnough > b) break;
    const moving = firstMovingIndex(ground, s, b, radius);
    if (moving === -1) continue;
    const firstEnd = Math.max(firstLongEnough, moving);
    const lastEnd = excludeWhole && s === a ? b - 1 : b;
    if (firstEnd <= lastEnd) {
      starts.push(s);
      firstEnds.push(firstEnd);
      lastEnds.push(lastEnd);
      if (firstOnly) break;
    }
  }
  return { segment, starts, firstEnds, lastEnds };
}

/** A random interval among `choices`: s uniform among the admissible starts, then e uniform among its admissible ends. */
function drawInterval(choices: IntervalChoices, random: Random): [number, number] {
  const choice = random.int(choices.starts.length);
  const s = choices.starts[choice]!;
  const firstEnd = choices.firstEnds[choice]!;
  const e = firstEnd + random.int(choices.lastEnds[choice]! - firstEnd + 1);
  return [s, e];
}

/** Movement direction at the end of the video: the clock of each object's last step ([definitions §2](docs/pages/definitions.md#clocks)). */
export function selectMovementDirectionFacts(
  clip: ClipKinematics,
  options: ResolvedSelectionOptions,
  excluded: boolean,
  random: Random,
  tally: SelectionTally,
): FactOf<'movement_direction'>[] {
  const task = 'movement_direction';
  const pool: { track: TrackKinematics; clock: number }[] = [];
  for (const track of clip.tracks) {
    tally.candidates[task]++;
    if (excluded) reject(tally, task, 'excluded-domain');
    else if (track.segments.length === 0) reject(tally, task, 'never-present');
    else if (track.reference === undefined) reject(tally, task, 'no-reference-direction');
    else if (stationaryThroughout(track, options.stationaryRadiusMeters)) reject(tally, task, 'stationary');
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

/** Direction timestamp: per object one clock value (random among those in exactly one run) and its run ([definitions §2](docs/pages/definitions.md#runs)). */
export function selectDirectionTimestampFacts(
  clip: ClipKinematics,
  options: ResolvedSelectionOptions,
  excluded: boolean,
  random: Random,
  tally: SelectionTally,
): FactOf<'direction_timestamp'>[] {
  const task = 'direction_timestamp';
  const pool: { track: TrackKinematics; run: DirectionRun }[] = [];
  for (const track of clip.tracks) {
    tally.candidates[task]++;
    if (excluded) reject(tally, task, 'excluded-domain');
    else if (track.segments.length === 0) reject(tally, task, 'never-present');
    else if (track.reference === undefined) reject(tally, task, 'no-reference-direction');
    else if (stationaryThroughout(track, options.stationaryRadiusMeters)) reject(tally, task, 'stationary');
    else {
      const unique = uniqueRunClocks(directionRuns(track.clocks, clip.frameTimes));
      if (unique.length === 0) reject(tally, task, 'no-unique-run-clock');
      else pool.push({ track, run: random.pick(unique) });
    }
  }
  const picked = pickBalanced(pool, (candidate) => candidate.run.clock, options.maxFactsPerTask[task], random);
  reject(tally, task, 'over-cap', pool.length - picked.length);
  return picked.map(({ track, run }) => ({
    task,
    trackIds: [track.trackId],
    label: { clock: run.clock, start: run.start, end: run.end },
  }));
}

/**
 * Stationary over each of its presence segments ([definitions §2](docs/pages/definitions.md#stationary) stationary rule): its jitter steps may pass the
 * 0.3 m direction threshold, but it has no motion whose direction could be asked (ours, see README).
 */
function stationaryThroughout(track: TrackKinematics, radius: number): boolean {
  return track.segments.every((segment) => isStationary(track.ground, segment.start, segment.end, radius));
}
