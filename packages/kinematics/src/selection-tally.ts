/**
 * Per-task counts of candidates and of rejections by rule.
 */
import { TASK_IDS, type TaskId } from '@stkit/core';
import type { RejectionReason } from './rejection-reasons';

/** Candidate and rejection counts of one `selectFacts` call. */
export interface SelectionTally {
  /** Candidates considered per task. */
  readonly candidates: Record<TaskId, number>;
  /** Rejected candidates per task and rule (only rules with a non-zero count appear). */
  readonly rejected: Record<TaskId, Partial<Record<RejectionReason, number>>>;
}

/** A zeroed tally with every task present. */
export function createTally(): SelectionTally {
  const candidates = {} as Record<TaskId, number>;
  const rejected = {} as Record<TaskId, Partial<Record<RejectionReason, number>>>;
  for (const task of TASK_IDS) {
    candidates[task] = 0;
    rejected[task] = {};
  }
  return { candidates, rejected };
}

/** Counts `count` candidates of `task` rejected under `reason`. */
export function reject(tally: SelectionTally, task: TaskId, reason: RejectionReason, count = 1): void {
  if (count <= 0) return;
  const byReason = tally.rejected[task];
  byReason[reason] = (byReason[reason] ?? 0) + count;
}
