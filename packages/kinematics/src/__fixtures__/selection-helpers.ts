/**
 * Helpers for `selectFacts` tests.
 */
import { TASK_IDS, type Fact, type FactOf, type TaskId } from '@stkit/core';
import type { FactSelection } from '../select-facts';

/** The facts of one task. */
export function factsOf<T extends TaskId>(selection: FactSelection, task: T): FactOf<T>[] {
  return selection.facts.filter((fact: Fact) => fact.task === task) as FactOf<T>[];
}

/** `candidates − facts − Σ rejected` per task (all zeros when every candidate is accounted for). */
export function unaccounted(selection: FactSelection): Record<TaskId, number> {
  const out = {} as Record<TaskId, number>;
  for (const task of TASK_IDS) {
    const rejected = Object.values(selection.rejected[task]).reduce((sum: number, count) => sum + (count ?? 0), 0);
    out[task] = selection.candidates[task] - factsOf(selection, task).length - rejected;
  }
  return out;
}

/** A record with every task mapped to 0. */
export const ZERO_PER_TASK = Object.fromEntries(TASK_IDS.map((task) => [task, 0])) as Record<TaskId, number>;
