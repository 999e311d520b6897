/**
 * Options of `selectFacts`: every threshold with its SPEC default, validated
 * once per call and resolved into a plain object. Validation is hand-written
 * (a handful of number checks) so that the package depends on `@stkit/core`
 * only and pays no schema cost per clip.
 */
import { InvalidArgumentError, TASK_IDS, type Random, type TaskId } from '@stkit/core';
import type { KinematicsOptions } from './clip-kinematics';
import { DEFAULT_STATIONARY_RADIUS_METERS } from './stationary';
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
  /** Distance/speed comparisons need larger ≥ ratio × smaller ([definitions §2](docs/pages/definitions.md#comparisons), ours). @default 1.25 */
  comparisonRatio?: number;
  /** Direction comparison "same" when the angle is ≤ this, degrees ([definitions §2](docs/pages/definitions.md#comparisons), ours). @default 30 */
  sameDirectionMaxDegrees?: number;
  /** Direction comparison "different" when the angle is ≥ this, degrees ([definitions §2](docs/pages/definitions.md#comparisons), ours). @default 90 */
  differentDirectionMinDegrees?: number;
  /** Each net ground-plane displacement of a direction comparison must be at least this, metres ([definitions §2](docs/pages/definitions.md#comparisons), ours). @default 2 */
  minNetDisplacementMeters?: number;
  /** Comparisons use each object's longest gap-free presence, which must last at least this, seconds ([definitions §2](docs/pages/definitions.md#comparisons), ours: 5 frames). @default 2 */
  minPresenceSeconds?: number;
  /** Distance/speed questions: the interval must last at least this, seconds (ours, mirrors minPresenceSeconds). @default 2 */
  minIntervalSeconds?: number;
  /** `clip.source.domain` values for which the three movement-direction tasks are not generated ([definitions §2](docs/pages/definitions.md#comparisons)). @default ['sports'] */
  directionExcludedDomains?: readonly string[];
  /**
   * Stationary rule ([definitions §2](docs/pages/definitions.md#grounding), ours): over [s, e] an object whose ground-plane positions all stay within
   * this distance of its first one is stationary (distance and speed 0, no single-object distance/speed
   * question, value 0 in comparisons), metres. @default 0.5
   */
  stationaryRadiusMeters?: number;
}

/** Options with every default filled in. */
export interface ResolvedSelectionOptions {
  /** Tasks to select facts for. */
  readonly tasks: ReadonlySet<TaskId>;
  /** Cap per task per clip. */
  readonly maxFactsPerTask: Readonly<Record<TaskId, number>>;
  /** See {@link FactSelectionOptions.maxInterpolationGapSeconds}. */
  readonly maxInterpolationGapSeconds: number;
  /** See {@link FactSelectionOptions.timeEpsilonSeconds}. */
  readonly timeEpsilonSeconds: number;
  /** See {@link FactSelectionOptions.minStepMeters}. */
  readonly minStepMeters: number;
  /** See {@link FactSelectionOptions.referenceDirection}. */
  readonly referenceDirection: 'first-moving-step' | 'first-step';
  /** See {@link FactSelectionOptions.comparisonRatio}. */
  readonly comparisonRatio: number;
  /** See {@link FactSelectionOptions.sameDirectionMaxDegrees}. */
  readonly sameDirectionMaxDegrees: number;
  /** See {@link FactSelectionOptions.differentDirectionMinDegrees}. */
  readonly differentDirectionMinDegrees: number;
  /** See {@link FactSelectionOptions.minNetDisplacementMeters}. */
  readonly minNetDisplacementMeters: number;
  /** See {@link FactSelectionOptions.minPresenceSeconds}. */
  readonly minPresenceSeconds: number;
  /** See {@link FactSelectionOptions.minIntervalSeconds}. */
  readonly minIntervalSeconds: number;
  /** See {@link FactSelectionOptions.directionExcludedDomains}. */
  readonly directionExcludedDomains: readonly string[];
  /** See {@link FactSelectionOptions.stationaryRadiusMeters}. */
  readonly stationaryRadiusMeters: number;
}

/** The default number of facts per task per clip. */
export const DEFAULT_MAX_FACTS_PER_TASK = 2;

const NUMBER_RULES = {
  maxInterpolationGapSeconds: { min: 0 },
  timeEpsilonSeconds: { min: 0 },
  minStepMeters: { min: 0 },
  comparisonRatio: { min: 1 },
  sameDirectionMaxDegrees: { min: 0, max: 180 },
  differentDirectionMinDegrees: { min: 0, max: 180 },
  minNetDisplacementMeters: { min: 0 },
  minPresenceSeconds: { min: 0 },
  minIntervalSeconds: { min: 0, exclusive: true },
  stationaryRadiusMeters: { min: 0 },
} as const satisfies Record<string, { min: number; max?: number; exclusive?: boolean }>;

function invalid(argument: string, value: unknown, message: string): never {
  throw new InvalidArgumentError({ argument: `options.${argument}`, value, message });
}

function checkCount(argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    invalid(argument, value, 'must be a non-negative integer');
  return value;
}

/**
 * Validates options and fills in the SPEC defaults.
 * @throws InvalidArgumentError naming the offending option.
 */
export function resolveSelectionOptions(options: Omit<FactSelectionOptions, 'random'> = {}): ResolvedSelectionOptions {
  const value = options as FactSelectionOptions;
  for (const [name, rule] of Object.entries(NUMBER_RULES) as [
    keyof typeof NUMBER_RULES,
    { min: number; max?: number; exclusive?: boolean },
  ][]) {
    const number = value[name];
    if (number === undefined) continue;
    if (typeof number !== 'number' || !Number.isFinite(number)) invalid(name, number, 'must be a finite number');
    if (rule.exclusive ? number <= rule.min : number < rule.min)
      invalid(name, number, `must be ${rule.exclusive ? 'greater than' : 'at least'} ${rule.min}`);
    if (rule.max !== undefined && number > rule.max) invalid(name, number, `must be at most ${rule.max}`);
  }
  if (
    value.referenceDirection !== undefined &&
    value.referenceDirection !== 'first-moving-step' &&
    value.referenceDirection !== 'first-step'
  ) {
    invalid('referenceDirection', value.referenceDirection, "must be 'first-moving-step' or 'first-step'");
  }
  if (value.tasks !== undefined) {
    if (!Array.isArray(value.tasks)) invalid('tasks', value.tasks, 'must be an array of task ids');
    value.tasks.forEach((task, index) => {
      if (!(TASK_IDS as readonly string[]).includes(task))
        invalid(`tasks.${index}`, task, `unknown task id; known: ${TASK_IDS.join(', ')}`);
    });
  }
  if (
    value.directionExcludedDomains !== undefined &&
    (!Array.isArray(value.directionExcludedDomains) ||
      value.directionExcludedDomains.some((domain) => typeof domain !== 'string'))
  ) {
    invalid('directionExcludedDomains', value.directionExcludedDomains, 'must be an array of strings');
  }
  const cap = value.maxFactsPerTask;
  if (cap !== undefined && typeof cap !== 'number') {
    if (typeof cap !== 'object' || cap === null)
      invalid('maxFactsPerTask', cap, 'must be a non-negative integer or a record of them per task');
    for (const [task, count] of Object.entries(cap)) {
      if (!(TASK_IDS as readonly string[]).includes(task))
        invalid(`maxFactsPerTask.${task}`, count, `unknown task id; known: ${TASK_IDS.join(', ')}`);
      checkCount(`maxFactsPerTask.${task}`, count);
    }
  } else if (cap !== undefined) checkCount('maxFactsPerTask', cap);
  const same = value.sameDirectionMaxDegrees ?? 30;
  const different = value.differentDirectionMinDegrees ?? 90;
  if (same > different) {
    throw new InvalidArgumentError({
      argument: 'options.sameDirectionMaxDegrees',
      value: same,
      message: `must not exceed differentDirectionMinDegrees (${different})`,
    });
  }
  const caps = {} as Record<TaskId, number>;
  for (const task of TASK_IDS) caps[task] = typeof cap === 'number' ? cap : (cap?.[task] ?? DEFAULT_MAX_FACTS_PER_TASK);
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
    stationaryRadiusMeters: value.stationaryRadiusMeters ?? DEFAULT_STATIONARY_RADIUS_METERS,
  };
}
