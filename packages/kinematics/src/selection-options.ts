/**
 * Options of `selectFacts`: every threshold with its SPEC default, validated
 * once per call with zod (the edge), resolved into a plain object.
 */
import { z } from 'zod/v4';
import { InvalidArgumentError, TASK_IDS, type Random, type TaskId } from '@stkit/core';
import type { KinematicsOptions } from './clip-kinematics';
import { DEFAULT_TIME_EPSILON_SECONDS } from './tolerances';

/** Options of `selectFacts`. Every threshold defaults to its SPEC value. */
export interface FactSelectionOptions extends KinematicsOptions {
  /**
   * Source of every random choice. `selectFacts` draws exactly one value from
   * it and derives an independent sub-stream per task from that value, so the
   * same generator state gives the same facts, and changing one task's cap
   * leaves the other tasks' choices unchanged.
   * @default createRandom(`stkit-kinematics:${clip.id}`)
   */
  random?: Random;
  /** Tasks to select facts for; the others report 0 candidates. @default all seven */
  tasks?: readonly TaskId[];
  /** Most facts per task per clip: one number for all tasks, or per task (missing tasks get 2). @default 2 */
  maxFactsPerTask?: number | Partial<Record<TaskId, number>>;
  /** Distance/speed comparisons need larger ≥ ratio × smaller (SPEC §2, ours). @default 1.25 */
  comparisonRatio?: number;
  /** Direction comparison "same" when the angle is ≤ this, degrees (SPEC §2, ours). @default 30 */
  sameDirectionMaxDegrees?: number;
  /** Direction comparison "different" when the angle is ≥ this, degrees (SPEC §2, ours). @default 90 */
  differentDirectionMinDegrees?: number;
  /** Each net ground-plane displacement of a direction comparison must be at least this, metres (SPEC §2, ours). @default 2 */
  minNetDisplacementMeters?: number;
  /** Comparisons use each object's longest gap-free presence, which must last at least this, seconds (SPEC §2, ours: 5 frames). @default 2 */
  minPresenceSeconds?: number;
  /** Distance/speed questions: the interval must last at least this, seconds (ours, mirrors minPresenceSeconds). @default 2 */
  minIntervalSeconds?: number;
  /** `clip.source.domain` values for which the three movement-direction tasks are not generated (SPEC §2). @default ['sports'] */
  directionExcludedDomains?: readonly string[];
}

/** Options with every default filled in. */
export interface ResolvedSelectionOptions {
  readonly tasks: ReadonlySet<TaskId>;
  readonly maxFactsPerTask: Readonly<Record<TaskId, number>>;
  readonly maxInterpolationGapSeconds: number;
  readonly timeEpsilonSeconds: number;
  readonly minStepMeters: number;
  readonly referenceDirection: 'first-moving-step' | 'first-step';
  readonly comparisonRatio: number;
  readonly sameDirectionMaxDegrees: number;
  readonly differentDirectionMinDegrees: number;
  readonly minNetDisplacementMeters: number;
  readonly minPresenceSeconds: number;
  readonly minIntervalSeconds: number;
  readonly directionExcludedDomains: readonly string[];
}

/** The default number of facts per task per clip. */
export const DEFAULT_MAX_FACTS_PER_TASK = 2;

const nonNegative = z.number().nonnegative();
const count = z.number().int().nonnegative();
const taskId = z.enum(TASK_IDS);

const OptionsSchema = z.object({
  tasks: z.array(taskId).readonly().optional(),
  maxFactsPerTask: z.union([count, z.partialRecord(taskId, count)]).optional(),
  maxInterpolationGapSeconds: nonNegative.optional(),
  timeEpsilonSeconds: nonNegative.optional(),
  minStepMeters: nonNegative.optional(),
  referenceDirection: z.enum(['first-moving-step', 'first-step']).optional(),
  comparisonRatio: z.number().min(1).optional(),
  sameDirectionMaxDegrees: z.number().min(0).max(180).optional(),
  differentDirectionMinDegrees: z.number().min(0).max(180).optional(),
  minNetDisplacementMeters: nonNegative.optional(),
  minPresenceSeconds: nonNegative.optional(),
  minIntervalSeconds: z.number().positive().optional(),
  directionExcludedDomains: z.array(z.string()).readonly().optional(),
});

/**
 * Validates options and fills in the SPEC defaults.
 * @throws InvalidArgumentError naming the offending option.
 */
export function resolveSelectionOptions(options: Omit<FactSelectionOptions, 'random'> = {}): ResolvedSelectionOptions {
  const { random: _random, ...rest } = options as FactSelectionOptions;
  const parsed = OptionsSchema.safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String).join('.');
    throw new InvalidArgumentError({ argument: `options${path ? `.${path}` : ''}`, message: issue.message, cause: parsed.error });
  }
  const value = parsed.data;
  const same = value.sameDirectionMaxDegrees ?? 30;
  const different = value.differentDirectionMinDegrees ?? 90;
  if (same > different) {
    throw new InvalidArgumentError({ argument: 'options.sameDirectionMaxDegrees', value: same, message: `must not exceed differentDirectionMinDegrees (${different})` });
  }
  const caps = {} as Record<TaskId, number>;
  for (const task of TASK_IDS) {
    const cap = value.maxFactsPerTask;
    caps[task] = typeof cap === 'number' ? cap : (cap?.[task] ?? DEFAULT_MAX_FACTS_PER_TASK);
  }
  return {
    tasks: new Set(value.tasks ?? TASK_IDS),
    maxFactsPerTask: caps,
    maxInterpolationGapSeconds: value.maxInterpolationGapSeconds ?? 1.0,
    timeEpsilonSeconds: value.timeEpsilonSeconds ?? DEFAULT_TIME_EPSILON_SECONDS,
    minStepMeters: value.minStepMeters ?? 0.3,
    referenceDirection: value.referenceDirection ?? 'first-moving-step',
    comparisonRatio: value.comparisonRatio ?? 1.25,
    sameDirectionMaxDegrees: same,
    differentDirectionMinDegrees: different,
    minNetDisplacementMeters: value.minNetDisplacementMeters ?? 2,
    minPresenceSeconds: value.minPresenceSeconds ?? 2,
    minIntervalSeconds: value.minIntervalSeconds ?? 2,
    directionExcludedDomains: value.directionExcludedDomains ?? ['sports'],
  };
}
