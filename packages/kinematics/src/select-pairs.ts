/**
 * Fact selection of the three two-object comparisons ([definitions §2](docs/pages/definitions.md#comparisons),
 * "Comparisons", ours): each object's distance, speed and net ground-plane
 * displacement over its longest gap-free presence (≥ minPresenceSeconds).
 */
import type { FactOf, Random } from '@stkit/core';
import { createPolarityBalancer, pickBalanced } from './balanced-pick';
import type { ClipKinematics, TrackKinematics } from './clip-kinematics';
import { compareDirections } from './comparisons';
import type { ResolvedSelectionOptions } from './selection-options';
import { reject, type SelectionTally } from './selection-tally';
import { LENGTH_TOLERANCE_METERS, RATIO_TOLERANCE } from './tolerances';
import { labeledDistance } from './stationary';

/** What a comparison needs of one object, over its longest gap-free presence. */
export interface PresenceSummary {
  readonly track: TrackKinematics;
  /** Longest gap-free presence lasts ≥ minPresenceSeconds (and spans at least two frames). */
  readonly eligible: boolean;
  /** Traveled distance over it, metres, 0 when stationary over it (NaN when not eligible). */
  readonly meters: number;
  /** Average speed over it, m/s (NaN when not eligible). */
  readonly metersPerSecond: number;
  /** Net ground-plane displacement along `e1`, first to last frame of it, metres. */
  readonly netX: number;
  /** Net ground-plane displacement along `e2`, metres. */
  readonly netY: number;
  /** Its length, metres. */
  readonly netLength: number;
}

/**
 * Summarises each track's longest gap-free presence once, for all three comparisons.
 * @returns one summary per track of `clip`, in track order.
 */
export function summarizePresence(clip: ClipKinematics, options: ResolvedSelectionOptions): PresenceSummary[] {
  const times = clip.frameTimes;
  const minDuration = options.minPresenceSeconds - options.timeEpsilonSeconds;
  return clip.tracks.map((track) => {
    const longest = track.longest;
    if (
      longest === undefined ||
      longest.end <= longest.start ||
      times[longest.end]! - times[longest.start]! < minDuration
    ) {
      return {
        track,
        eligible: false,
        meters: Number.NaN,
        metersPerSecond: Number.NaN,
        netX: 0,
        netY: 0,
        netLength: 0,
      };
    }
    // Stationary over its longest presence ([definitions §2](docs/pages/definitions.md#distance-speed), ours): distance and speed 0.
    const meters = labeledDistance(
      track.positions,
      track.ground,
      track.present,
      longest.start,
      longest.end,
      options.stationaryRadiusMeters,
    )!;
    const netX = track.ground[2 * longest.end]! - track.ground[2 * longest.start]!;
    const netY = track.ground[2 * longest.end + 1]! - track.ground[2 * longest.start + 1]!;
    return {
      track,
      eligible: true,
      meters,
      metersPerSecond: meters / (times[longest.end]! - times[longest.start]!),
      netX,
      netY,
      netLength: Math.sqrt(netX * netX + netY * netY),
    };
  });
}

type ValueComparisonTask = 'traveled_distance_comparison' | 'traveling_speed_comparison';

/**
 * Distance or speed comparisons over every unordered pair: asked only when
 * the larger value is ≥ comparisonRatio × the smaller. Polarity is balanced;
 * the question's object order is random; the answer is the larger object for
 * a positive question, the smaller for a negative one.
 */
export function selectValueComparisonFacts<T extends ValueComparisonTask>(
  task: T,
  summaries: readonly PresenceSummary[],
  options: ResolvedSelectionOptions,
  random: Random,
  tally: SelectionTally,
): FactOf<T>[] {
  // Pool of eligible pairs as integers `larger · count + smaller` (no per-pair objects); values
  // read once into a flat array, NaN marking objects without an eligible presence.
  const pool: number[] = [];
  const count = summaries.length;
  const isDistance = task === 'traveled_distance_comparison';
  const quantityOf = (s: PresenceSummary) => (isDistance ? s.meters : s.metersPerSecond);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = summaries[i]!.eligible ? quantityOf(summaries[i]!) : Number.NaN;
  const ratio = options.comparisonRatio * (1 - RATIO_TOLERANCE);
  let tooShort = 0;
  let belowRatio = 0;
  let bothStationary = 0;
  tally.candidates[task] += (count * (count - 1)) / 2;
  for (let i = 0; i < count; i++) {
    const a = values[i]!;
    for (let j = i + 1; j < count; j++) {
      const b = values[j]!;
      if (Number.isNaN(a) || Number.isNaN(b)) tooShort++;
      // Both stationary (value 0): no positive larger value to compare (SPEC §2).
      else if (a === 0 && b === 0) bothStationary++;
      // Same rule as `compareValues`: larger > 0 and larger ≥ ratio × smaller.
      else if (a >= b ? a > 0 && a >= ratio * b : b >= ratio * a) pool.push(a >= b ? i * count + j : j * count + i);
      else belowRatio++;
    }
  }
  reject(tally, task, 'presence-too-short', tooShort);
  reject(tally, task, 'margin-below-ratio', belowRatio);
  reject(tally, task, 'stationary', bothStationary);
  const picked = pickBalanced(pool, undefined, options.maxFactsPerTask[task], random);
  reject(tally, task, 'over-cap', pool.length - picked.length);
  const polarityOf = createPolarityBalancer(random);
  return picked.map((code) => {
    const larger = summaries[Math.floor(code / count)]!;
    const smaller = summaries[code % count]!;
    const polarity = polarityOf(0);
    const [first, second] = random.next() < 0.5 ? [larger, smaller] : [smaller, larger];
    const answer = polarity === 'positive' ? larger : smaller;
    const label = {
      polarity,
      answerTrackId: answer.track.trackId,
      values: { [first.track.trackId]: quantityOf(first), [second.track.trackId]: quantityOf(second) },
    };
    return { task, trackIds: [first.track.trackId, second.track.trackId], label } as unknown as FactOf<T>;
  });
}

/**
 * Direction comparisons over every unordered pair: net ground-plane
 * displacements each ≥ minNetDisplacementMeters; "same" at ≤ 30°,
 * "different" at ≥ 90°, not asked in between. Same and different pairs are
 * picked alternately, and polarity is balanced within each.
 */
export function selectDirectionComparisonFacts(
  summaries: readonly PresenceSummary[],
  options: ResolvedSelectionOptions,
  excluded: boolean,
  random: Random,
  tally: SelectionTally,
): FactOf<'movement_direction_comparison'>[] {
  const task = 'movement_direction_comparison';
  const count = summaries.length;
  const pairs = (count * (count - 1)) / 2;
  tally.candidates[task] += pairs;
  if (excluded) {
    reject(tally, task, 'excluded-domain', pairs);
    return [];
  }
  const minLength = options.minNetDisplacementMeters - LENGTH_TOLERANCE_METERS;
  const rule = {
    sameDirectionMaxDegrees: options.sameDirectionMaxDegrees,
    differentDirectionMinDegrees: options.differentDirectionMinDegrees,
  };
  // Pool of eligible pairs as integers `2·(i · count + j) + (same ? 1 : 0)` (no per-pair objects).
  const pool: number[] = [];
  let tooShort = 0;
  let tooSmall = 0;
  let between = 0;
  for (let i = 0; i < count; i++) {
    const a = summaries[i]!;
    for (let j = i + 1; j < count; j++) {
      const b = summaries[j]!;
      if (!a.eligible || !b.eligible) tooShort++;
      else if (a.netLength < minLength || b.netLength < minLength) tooSmall++;
      else {
        const verdict = compareDirections(a.netX, a.netY, b.netX, b.netY, rule);
        if (verdict === 'ambiguous') between++;
        else pool.push(2 * (i * count + j) + (verdict === 'same' ? 1 : 0));
      }
    }
  }
  reject(tally, task, 'presence-too-short', tooShort);
  reject(tally, task, 'displacement-too-short', tooSmall);
  reject(tally, task, 'angle-between-thresholds', between);
  const picked = pickBalanced(pool, (code) => code % 2, options.maxFactsPerTask[task], random);
  reject(tally, task, 'over-cap', pool.length - picked.length);
  const polarityOf = createPolarityBalancer(random);
  return picked.map((coded) => {
    const isSame = coded % 2 === 1;
    const code = Math.floor(coded / 2);
    const a = summaries[Math.floor(code / count)]!;
    const b = summaries[code % count]!;
    const polarity = polarityOf(isSame ? 1 : 0);
    const [first, second] = random.next() < 0.5 ? [a, b] : [b, a];
    return { task, trackIds: [first.track.trackId, second.track.trackId], label: { polarity, same: isSame } };
  });
}
