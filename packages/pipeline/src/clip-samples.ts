/**
 * One clip → its QA samples: kinematic fact selection, then template
 * phrasing, each with its own seeded sub-stream of the run's generator so a
 * clip's samples depend only on the seed and the clip (not on its position
 * in the input or on the other clips).
 */
import {
  createRandom,
  isValidSample,
  safeParseSample,
  StkitError,
  TASK_IDS,
  type Clip,
  type Sample,
  type TaskId,
} from '@stkit/core';
import { ClipDataError, selectFacts, type FactSelectionOptions } from '@stkit/kinematics';
import { buildSamples } from '@stkit/templates';

/** Options of {@link generateClipSamples}. */
export interface ClipSamplesOptions {
  /** Run seed. */
  seed: number;
  /** Fact selection thresholds (SPEC defaults when absent). */
  kinematics?: Omit<FactSelectionOptions, 'random'>;
  /** Frames shown per sample (uniform subsample of the clip's frames). @default 32 */
  maxFrames?: number;
}

/** Per-task counts of one or many clips. */
export interface TaskCounts {
  /** Samples written per task. */
  samples: Record<TaskId, number>;
  /** Candidates considered per task. */
  candidates: Record<TaskId, number>;
  /** Rejected candidates per task and rule. */
  rejected: Record<TaskId, Record<string, number>>;
}

/** Zeroed counts. */
export function emptyTaskCounts(): TaskCounts {
  const samples = {} as Record<TaskId, number>;
  const candidates = {} as Record<TaskId, number>;
  const rejected = {} as Record<TaskId, Record<string, number>>;
  for (const task of TASK_IDS) {
    samples[task] = 0;
    candidates[task] = 0;
    rejected[task] = {};
  }
  return { samples, candidates, rejected };
}

/** Adds `from` into `into` (in place). */
export function addTaskCounts(into: TaskCounts, from: TaskCounts): TaskCounts {
  for (const task of TASK_IDS) {
    into.samples[task] += from.samples[task] ?? 0;
    into.candidates[task] += from.candidates[task] ?? 0;
    const target = into.rejected[task];
    for (const [rule, count] of Object.entries(from.rejected[task] ?? {})) target[rule] = (target[rule] ?? 0) + count;
  }
  return into;
}

/**
 * Rejects what the Clip schema cannot see but would make labels wrong: two
 * samples of one track at the same time (which position holds then?). Throws a
 * `ClipDataError` naming the clip, the track id and the second sample.
 */
export function checkTrackTimes(clip: Clip): void {
  for (let trackIndex = 0; trackIndex < clip.tracks.length; trackIndex++) {
    const track = clip.tracks[trackIndex]!;
    // Times in increasing order (the usual case) cannot repeat: checked without a map of every time.
    if (strictlyIncreasingTimes(track.samples)) continue;
    const seen = new Map<number, number>();
    for (let sampleIndex = 0; sampleIndex < track.samples.length; sampleIndex++) {
      const time = track.samples[sampleIndex]!.t;
      const first = seen.get(time);
      if (first !== undefined) {
        throw new ClipDataError({
          clipId: clip.id,
          trackId: track.id,
          trackIndex,
          sampleIndex,
          field: `tracks[${trackIndex}].samples[${sampleIndex}].t`,
          reason: `two samples of the track at t = ${time} s (samples ${first} and ${sampleIndex})`,
        });
      }
      seen.set(time, sampleIndex);
    }
  }
}

function strictlyIncreasingTimes(samples: readonly { t: number }[]): boolean {
  for (let index = 1; index < samples.length; index++) if (!(samples[index]!.t > samples[index - 1]!.t)) return false;
  return true;
}

/**
 * Checks every generated sample against core's Sample schema before it is
 * written: a value that overflowed (a distance of 1e308 m squared) or became
 * NaN would otherwise be written as `null`. Throws a `StkitError` naming the
 * clip, the sample and the field.
 */
export function checkSamples(clip: Clip, samples: readonly Sample[]): void {
  for (const sample of samples) {
    // The hand-written check gives zod's verdict without copying the sample; zod runs only to explain a rejection.
    if (isValidSample(sample)) continue;
    const result = safeParseSample(sample, { file: `clip '${clip.id}'` });
    if (!result.success)
      throw new StkitError({
        message: `clip '${clip.id}': sample ${sample.id} is not a valid Sample (${result.error.field}: ${result.error.reason}); the clip's values are out of range`,
        cause: result.error,
      });
  }
}

/**
 * Selects the facts of a clip and phrases each as a Sample (validated: see {@link checkSamples}).
 * @returns the samples and the per-task counts (samples, candidates, rejections by rule).
 */
export function generateClipSamples(
  clip: Clip,
  options: ClipSamplesOptions,
): { samples: Sample[]; counts: TaskCounts } {
  checkTrackTimes(clip);
  const random = createRandom(options.seed).fork(clip.id);
  const selection = selectFacts(clip, { ...options.kinematics, random: random.fork('facts') });
  const samples: Sample[] = buildSamples({
    clip,
    facts: selection.facts,
    random: random.fork('templates'),
    maxFrames: options.maxFrames,
  });
  checkSamples(clip, samples);
  const counts = emptyTaskCounts();
  for (const fact of selection.facts) counts.samples[fact.task]++;
  for (const task of TASK_IDS) {
    counts.candidates[task] = selection.candidates[task] ?? 0;
    counts.rejected[task] = { ...(selection.rejected[task] ?? {}) };
  }
  return { samples, counts };
}
