/**
 * `selectFacts`: which facts of a clip to ask about, for all seven tasks
 * ([definitions §1–2](docs/pages/definitions.md#tasks)), with per-task candidate and rejection counts.
 */
import { createRandom, type Clip, type Fact, type TaskId } from '@stkit/core';
import { analyzeClip, createKinematicsWorkspace } from './clip-kinematics';
import type { RejectionReason } from './rejection-reasons';
import { selectDirectionComparisonFacts, selectValueComparisonFacts, summarizePresence } from './select-pairs';
import { selectDirectionTimestampFacts, selectMovementDirectionFacts, selectValueFacts } from './select-single';
import { resolveSelectionOptions, type FactSelectionOptions } from './selection-options';
import { createTally } from './selection-tally';

/** Result of {@link selectFacts}. */
export interface FactSelection {
  /** Selected facts, grouped by task in `TASK_IDS` order. */
  facts: Fact[];
  /** Candidates considered per task (every task present; 0 for tasks not requested). */
  candidates: Record<TaskId, number>;
  /**
   * Rejected candidates per task and rule (see `REJECTION_REASONS`; only
   * non-zero rules appear). For every task,
   * `candidates[task] = facts of task + Σ rejected[task][rule]`.
   */
  rejected: Record<TaskId, Partial<Record<RejectionReason, number>>>;
}

// Storage reused across calls (selectFacts is synchronous and returns no view into it): one
// off-heap buffer per clip would cost more in garbage collection than the kinematics.
const workspace = createKinematicsWorkspace();

/**
 * Selects the facts to ask about in a clip, for all seven tasks.
 *
 * Candidates per task: distance and speed — two per object (its whole
 * gap-free presence, and one random sub-interval of ≥ 2 s); movement
 * direction and direction timestamp — one per object; comparisons — every
 * unordered pair of objects. Each candidate either passes the SPEC rules or
 * is counted under the rule that rejected it; the passing ones are capped at
 * `maxFactsPerTask` per task with a label-balanced random choice.
 *
 * Deterministic: the same clip, options and generator state give the same facts.
 * @throws {@link ClipDataError} on non-finite or inconsistent clip values.
 * @throws InvalidArgumentError on invalid options.
 */
export function selectFacts(clip: Clip, options: FactSelectionOptions = {}): FactSelection {
  const resolved = resolveSelectionOptions(options);
  const kinematics = analyzeClip(clip, resolved, workspace);
  const tally = createTally();
  // One draw from the caller's generator seeds this call; each task forks its own stream from it.
  const random = createRandom((options.random ?? createRandom(`stkit-kinematics:${clip.id}`)).nextUint32());
  const streamOf = (task: TaskId) => random.fork(task);
  const wants = (task: TaskId) => resolved.tasks.has(task);
  const domain = clip.source.domain;
  const excluded = domain !== undefined && resolved.directionExcludedDomains.includes(domain);

  const facts: Fact[] = [];
  if (wants('traveled_distance'))
    facts.push(...selectValueFacts('traveled_distance', kinematics, resolved, streamOf('traveled_distance'), tally));
  if (wants('traveling_speed'))
    facts.push(...selectValueFacts('traveling_speed', kinematics, resolved, streamOf('traveling_speed'), tally));
  if (wants('movement_direction'))
    facts.push(...selectMovementDirectionFacts(kinematics, resolved, excluded, streamOf('movement_direction'), tally));
  if (wants('direction_timestamp'))
    facts.push(
      ...selectDirectionTimestampFacts(kinematics, resolved, excluded, streamOf('direction_timestamp'), tally),
    );
  const needsSummaries =
    wants('traveled_distance_comparison') ||
    wants('traveling_speed_comparison') ||
    wants('movement_direction_comparison');
  if (needsSummaries) {
    const summaries = summarizePresence(kinematics, resolved);
    for (const task of ['traveled_distance_comparison', 'traveling_speed_comparison'] as const) {
      if (wants(task)) facts.push(...selectValueComparisonFacts(task, summaries, resolved, streamOf(task), tally));
    }
    if (wants('movement_direction_comparison')) {
      facts.push(
        ...selectDirectionComparisonFacts(
          summaries,
          resolved,
          excluded,
          streamOf('movement_direction_comparison'),
          tally,
        ),
      );
    }
  }
  return { facts, candidates: tally.candidates, rejected: tally.rejected };
}
