/**
 * One clip → its QA samples: kinematic fact selection, then template
 * phrasing, each with its own seeded sub-stream of the run's generator so a
 * clip's samples depend only on the seed and the clip (not on its position
 * in the input or on the other clips).
 */
import { createRandom, TASK_IDS, type Clip, type Sample, type TaskId } from '@stkit/core';
import { selectFacts, type FactSelectionOptions } from '@stkit/kinematics';
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

/** Selects the facts of a clip and phrases each as a Sample. */
export function generateClipSamples(clip: Clip, options: ClipSamplesOptions): { samples: Sample[]; counts: TaskCounts } {
  const random = createRandom(options.seed).fork(clip.id);
  const selection = selectFacts(clip, { ...options.kinematics, random: random.fork('facts') });
  const samples: Sample[] = buildSamples({ clip, facts: selection.facts, random: random.fork('templates'), maxFrames: options.maxFrames });
  const counts = emptyTaskCounts();
  for (const fact of selection.facts) counts.samples[fact.task]++;
  for (const task of TASK_IDS) {
    counts.candidates[task] = selection.candidates[task] ?? 0;
    counts.rejected[task] = { ...(selection.rejected[task] ?? {}) };
  }
  return { samples, counts };
}
