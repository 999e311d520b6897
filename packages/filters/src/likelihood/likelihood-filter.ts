/**
 * Stage 3 of [definitions §4](docs/pages/definitions.md#filtering): min-max normalise the answer log-likelihoods within
 * each task and keep a sample when its normalised score is ≥ the task's
 * threshold — 0.8 (traveled distance, traveling speed), 0.4 (distance and
 * speed comparison), 0.7 (movement direction, direction comparison) and, ours,
 * 0.7 for direction timestamp: the paper gives none; it is a direction task
 * ([definitions §1](docs/pages/definitions.md#tasks) groups it with movement direction) and the paper's thresholds
 * follow the task family, so it takes the direction family's value.
 *
 * Normalisation is over the samples passed in (the whole pseudo-labelled set
 * of a run, as in the paper). A task whose scores are all equal (or has one
 * sample) normalises to 1: nothing to tell apart, nothing dropped. To filter
 * in shards consistently, pass fixed per-task `ranges`.
 */
import { InvalidArgumentError, ShapeMismatchError, type Sample, type TaskId } from '@stkit/core';

/** Keep thresholds on the normalised score, per task. */
export const LIKELIHOOD_THRESHOLDS: Readonly<Record<TaskId, number>> = Object.freeze({
  traveled_distance: 0.8,
  traveling_speed: 0.8,
  traveled_distance_comparison: 0.4,
  traveling_speed_comparison: 0.4,
  movement_direction: 0.7,
  movement_direction_comparison: 0.7,
  direction_timestamp: 0.7,
});

/** Options of {@link applyLikelihoodFilter}. */
export interface LikelihoodFilterOptions {
  samples: readonly Sample[];
  /** Raw answer log-likelihoods, same order as `samples`. */
  logLikelihoods: ArrayLike<number>;
  /** Per-task threshold overrides, each in [0, 1] (else an `InvalidArgumentError`). @default {@link LIKELIHOOD_THRESHOLDS} */
  thresholds?: Partial<Record<TaskId, number>>;
  /** Fixed per-task `{ min, max }` (finite, max ≥ min) of the raw scores instead of those of `samples` (scores outside are clamped to [0, 1]). */
  ranges?: Partial<Record<TaskId, { min: number; max: number }>>;
}

/** Result of {@link applyLikelihoodFilter}. */
export interface LikelihoodFilterResult {
  kept: Sample[];
  /** Normalised score of every input sample. */
  normalized: Float64Array;
  /** Dropped samples per task. */
  droppedByTask: Partial<Record<TaskId, number>>;
}

/**
 * Min-max normalises `scores` within each task.
 * @throws {@link ShapeMismatchError} when the array lengths do not match
 * @throws {@link InvalidArgumentError} for `logLikelihoods[…]`: must be finite
 * @throws {@link InvalidArgumentError} for `ranges.…`: must be finite { min, max } with max ≥ min
 */
export function normalizeWithinTask(
  tasks: readonly TaskId[],
  scores: ArrayLike<number>,
  ranges: LikelihoodFilterOptions['ranges'] = {},
): Float64Array {
  if (tasks.length !== scores.length)
    throw new ShapeMismatchError({ what: 'logLikelihoods', expected: [tasks.length], actual: [scores.length] });
  const min = new Map<TaskId, number>();
  const max = new Map<TaskId, number>();
  for (let index = 0; index < tasks.length; index++) {
    const score = scores[index]!;
    if (!Number.isFinite(score))
      throw new InvalidArgumentError({ argument: `logLikelihoods[${index}]`, value: score, message: 'must be finite' });
    const task = tasks[index]!;
    min.set(task, Math.min(min.get(task) ?? Infinity, score));
    max.set(task, Math.max(max.get(task) ?? -Infinity, score));
  }
  for (const [task, range] of Object.entries(ranges) as [TaskId, { min: number; max: number } | undefined][]) {
    if (range === undefined) continue;
    if (!(Number.isFinite(range.min) && Number.isFinite(range.max) && range.max >= range.min)) {
      throw new InvalidArgumentError({
        argument: `ranges.${task}`,
        value: range,
        message: 'must be finite { min, max } with max ≥ min',
      });
    }
  }
  const out = new Float64Array(tasks.length);
  for (let index = 0; index < tasks.length; index++) {
    const task = tasks[index]!;
    const low = ranges[task]?.min ?? min.get(task)!;
    const high = ranges[task]?.max ?? max.get(task)!;
    out[index] = high > low ? Math.min(1, Math.max(0, (scores[index]! - low) / (high - low))) : 1;
  }
  return out;
}

/**
 * Normalises within each task and keeps the samples at or above their task's threshold.
 * @throws {@link InvalidArgumentError} for `thresholds.…`: must be in [0, 1] (normalised scores)
 */
export function applyLikelihoodFilter(options: LikelihoodFilterOptions): LikelihoodFilterResult {
  const { samples } = options;
  for (const [task, threshold] of Object.entries(options.thresholds ?? {}) as [TaskId, number | undefined][]) {
    if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) {
      throw new InvalidArgumentError({
        argument: `thresholds.${task}`,
        value: threshold,
        message: 'must be in [0, 1] (normalised scores)',
      });
    }
  }
  const normalized = normalizeWithinTask(
    samples.map((sample) => sample.task),
    options.logLikelihoods,
    options.ranges,
  );
  const kept: Sample[] = [];
  const droppedByTask: LikelihoodFilterResult['droppedByTask'] = {};
  samples.forEach((sample, index) => {
    const threshold = options.thresholds?.[sample.task] ?? LIKELIHOOD_THRESHOLDS[sample.task];
    if (normalized[index]! >= threshold) kept.push(sample);
    else droppedByTask[sample.task] = (droppedByTask[sample.task] ?? 0) + 1;
  });
  return { kept, normalized, droppedByTask };
}
