/**
 * Aggregates sample scores into the benchmark's metrics ([definitions §6](docs/pages/definitions.md#benchmark)): accuracy
 * per task over all its samples (nothing extracted and missing predictions
 * count as wrong), MAE and mean IoU over the samples with an extracted value,
 * and the headline: the mean of the task accuracies.
 */
import { TASK_IDS, type TaskId } from '@stkit/core';
import type { SampleScore } from './score-sample';

/** Metrics of one task. */
export interface TaskMetrics {
  readonly task: TaskId;
  /** Samples of the task. */
  readonly count: number;
  /** Correct samples. */
  readonly correct: number;
  /** `correct / count`, in [0, 1]. */
  readonly accuracy: number;
  /** Samples from whose response a value was extracted. */
  readonly extracted: number;
  /** Samples without a prediction line. */
  readonly missing: number;
  /** Mean absolute error over extracted samples: metres (distance), km/h (speed), clock hours (direction); null when none was extracted or the task has no error. */
  readonly mae: number | null;
  /** Mean temporal IoU over extracted samples (direction timestamp; null otherwise or when none). */
  readonly meanIou: number | null;
  /** Mean Relative Accuracy over all samples of the task (distance and speed; null for the other tasks). */
  readonly mra: number | null;
}

/** Metrics of a set of scores. */
export interface Metrics {
  /** Mean of the accuracies of the tasks present, in [0, 1]; null when there are no samples. */
  readonly average: number | null;
  /** Number of samples. */
  readonly count: number;
  /** Tasks with at least one sample, in the order of `TASK_IDS`. */
  readonly tasks: Partial<Record<TaskId, TaskMetrics>>;
}

/** Aggregates `scores` (any order) into per-task metrics and the headline average. */
export function aggregateScores(scores: readonly SampleScore[]): Metrics {
  const sums = new Map<
    TaskId,
    {
      count: number;
      correct: number;
      extracted: number;
      missing: number;
      errorSum: number;
      errorCount: number;
      iouSum: number;
      iouCount: number;
      mraSum: number;
      mraCount: number;
    }
  >();
  for (const score of scores) {
    let sum = sums.get(score.task);
    if (sum === undefined) {
      sum = {
        count: 0,
        correct: 0,
        extracted: 0,
        missing: 0,
        errorSum: 0,
        errorCount: 0,
        iouSum: 0,
        iouCount: 0,
        mraSum: 0,
        mraCount: 0,
      };
      sums.set(score.task, sum);
    }
    sum.count++;
    if (score.correct) sum.correct++;
    if (score.extracted) sum.extracted++;
    if (score.missing === true) sum.missing++;
    if (score.error !== undefined) {
      sum.errorSum += score.error;
      sum.errorCount++;
    }
    if (score.mra !== undefined) {
      sum.mraSum += score.mra;
      sum.mraCount++;
    }
    if (score.iou !== undefined) {
      sum.iouSum += score.iou;
      sum.iouCount++;
    }
  }
  const tasks: Partial<Record<TaskId, TaskMetrics>> = {};
  let accuracySum = 0;
  let present = 0;
  for (const task of TASK_IDS) {
    const sum = sums.get(task);
    if (sum === undefined) continue;
    const accuracy = sum.correct / sum.count;
    accuracySum += accuracy;
    present++;
    tasks[task] = {
      task,
      count: sum.count,
      correct: sum.correct,
      accuracy,
      extracted: sum.extracted,
      missing: sum.missing,
      mae: sum.errorCount > 0 ? sum.errorSum / sum.errorCount : null,
      meanIou: sum.iouCount > 0 ? sum.iouSum / sum.iouCount : null,
      mra: sum.mraCount > 0 ? sum.mraSum / sum.mraCount : null,
    };
  }
  return { average: present > 0 ? accuracySum / present : null, count: scores.length, tasks };
}
