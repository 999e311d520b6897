/**
 * The three stages of [definitions §4](docs/pages/definitions.md#filtering) in order — rule-based, general model-based
 * (VLM judge), task-specific model-based (likelihood) — over a stream of
 * pseudo-labelled scenes, with a per-stage, per-reason report in the shape of
 * the paper's Table 10 (JSON-serialisable, for the run's manifest).
 *
 * Samples are made between stages 2 and 3 by the caller's `generateSamples`
 * (kinematic grounding + templates, from the smoothed tracks), since stage 3
 * scores QA pairs. Stage 3 normalises over all samples of the run, so it runs
 * once every scene has passed stages 1–2.
 */
import { InvalidArgumentError, type Clip, type Sample, type TaskId } from '@stkit/core';
import { applyLikelihoodFilter, type LikelihoodFilterOptions } from './likelihood/likelihood-filter';
import type { LikelihoodScorerV1 } from './likelihood/likelihood-scorer';
import type { PseudoScene } from './pseudo-scene';
import {
  applyRepairingFilters,
  type RepairingFilterOptions,
  type RepairingFilterResult,
  type RepairRejection,
} from './repair/repairing-stage';
import {
  applyRuleFilters,
  type ObservationRejection,
  type RuleFilterOptions,
  type RuleFilterResult,
  type TrackRejection,
} from './rule-stage';
import type { GeneralFilterPromptId } from './vlm-judge/general-filter-prompts';
import type { ImageInput } from './vlm-judge/image-input';
import type { VlmJudge } from './vlm-judge/vlm-judge';

/** Options of {@link filterPseudoLabels}. */
export interface FilterPseudoLabelsOptions {
  /** The scenes, in order (an array or a stream). */
  scenes: Iterable<PseudoScene> | AsyncIterable<PseudoScene>;
  /** Stage 1 thresholds of the [definitions §4](docs/pages/definitions.md#filtering) stage (`ruleStage: 'paper'`). */
  rules?: RuleFilterOptions;
  /**
   * Stage 1: `'paper'` = [definitions §4](docs/pages/definitions.md#filtering) exactly ({@link applyRuleFilters}); `'repair'` = the filters that repair
   * before they discard ({@link applyRepairingFilters}, options in `repair`). @default 'paper'
   */
  ruleStage?: 'paper' | 'repair';
  /** Options of the repairing stage. */
  repair?: RepairingFilterOptions;
  /** Called with each scene's stage-1 result (per-track yield with `ruleStage: 'repair'`). */
  onRuleResult?: (scene: PseudoScene, result: RuleFilterResult | RepairingFilterResult) => void;
  /** Stage 2: the VLM judge; omitted → the stage is skipped (and reported so). */
  judge?: VlmJudge;
  /** Frames (with the visual-prompt boxes drawn) to show the judge. @default the clip's `frames[].image` paths */
  frames?: (clip: Clip) => readonly ImageInput[] | Promise<readonly ImageInput[]>;
  /** Turns a scene that passed stages 1–2 into QA samples. */
  generateSamples: (clip: Clip, signal?: AbortSignal) => readonly Sample[] | Promise<readonly Sample[]>;
  /** Stage 3: the likelihood scorer; omitted → the stage is skipped (and reported so). */
  scorer?: LikelihoodScorerV1;
  /** Stage 3 thresholds and fixed ranges. */
  likelihood?: Pick<LikelihoodFilterOptions, 'thresholds' | 'ranges'>;
  /** Scenes processed at once (stage 2 is I/O bound). @default 4 */
  concurrency?: number;
  signal?: AbortSignal;
}

/** One row group of the report. */
export interface StageReport<Reason extends string> {
  stage: 'rule_based' | 'general_model_based' | 'task_specific_model_based';
  /** What is counted: scenes (stages 1–2) or samples (stage 3). */
  unit: 'scene' | 'sample';
  /** False when the stage was not configured. */
  applied: boolean;
  input: number;
  kept: number;
  /** Dropped units per reason. In stage 2 a scene counts once under each prompt it failed. */
  reasons: Partial<Record<Reason, number>>;
}

/** Per-stage, per-reason counts (paper Table 10). */
export interface FilterReport {
  ruleBased: StageReport<'no_track_left'> & {
    /** Dropped per-frame observations per reason. */
    observations: Partial<Record<ObservationRejection | RepairRejection, number>>;
    /** Dropped tracks per reason. */
    tracks: Partial<Record<TrackRejection | 'too_little_kept', number>>;
    /**
     * Kept tracks repaired by the default stage, per repair (`parked`: snapped to their static position;
     * `no_direction`: no direction question, the steps are within the position noise).
     */
    repaired?: Partial<Record<'parked' | 'no_direction', number>>;
  };
  generalModelBased: StageReport<GeneralFilterPromptId>;
  taskSpecificModelBased: StageReport<TaskId>;
}

/** Result of {@link filterPseudoLabels}. */
export interface FilterPseudoLabelsResult {
  /** Samples that passed all three stages, in scene order. */
  samples: Sample[];
  /** Clips (with the smoothed tracks) that passed stages 1–2, in scene order. */
  clips: Clip[];
  report: FilterReport;
}

function add<K extends string>(into: Partial<Record<K, number>>, from: Partial<Record<K, number>>): void {
  for (const key of Object.keys(from) as K[]) into[key] = (into[key] ?? 0) + (from[key] ?? 0);
}

function defaultFrames(clip: Clip): string[] {
  const images = clip.frames.map((frame) => frame.image);
  if (images.some((image) => image === undefined)) {
    throw new InvalidArgumentError({
      argument: 'frames',
      message: `clip ${clip.id} has frames without an image; pass a frames(clip) callback to give the judge its frames`,
    });
  }
  return images as string[];
}

/**
 * Runs stages 1–3 of [definitions §4](docs/pages/definitions.md#filtering).
 * @throws {@link InvalidArgumentError} for `concurrency`: must be an integer ≥ 1
 */
export async function filterPseudoLabels(options: FilterPseudoLabelsOptions): Promise<FilterPseudoLabelsResult> {
  const { judge, scorer, signal } = options;
  const concurrency = options.concurrency ?? 4;
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) {
    throw new InvalidArgumentError({ argument: 'concurrency', value: concurrency, message: 'must be an integer ≥ 1' });
  }
  const report: FilterReport = {
    ruleBased: {
      stage: 'rule_based',
      unit: 'scene',
      applied: true,
      input: 0,
      kept: 0,
      reasons: {},
      observations: {},
      tracks: {},
    },
    generalModelBased: {
      stage: 'general_model_based',
      unit: 'scene',
      applied: judge !== undefined,
      input: 0,
      kept: 0,
      reasons: {},
    },
    taskSpecificModelBased: {
      stage: 'task_specific_model_based',
      unit: 'sample',
      applied: scorer !== undefined,
      input: 0,
      kept: 0,
      reasons: {},
    },
  };

  const processScene = async (scene: PseudoScene) => {
    const rule =
      options.ruleStage === 'repair'
        ? applyRepairingFilters(scene, options.repair)
        : applyRuleFilters(scene, options.rules);
    options.onRuleResult?.(scene, rule);
    add(report.ruleBased.observations, rule.observations);
    add(report.ruleBased.tracks, rule.tracks);
    if ('repaired' in rule) add((report.ruleBased.repaired ??= {}), (rule as RepairingFilterResult).repaired);
    if (!rule.clip) {
      add(report.ruleBased.reasons, { [rule.sceneRejection!]: 1 });
      return undefined;
    }
    report.ruleBased.kept++;
    report.generalModelBased.input++;
    if (judge) {
      const frames = await (options.frames ?? defaultFrames)(rule.clip);
      const verdict = await judge.judge({ frames, signal });
      if (!verdict.keep) {
        for (const prompt of verdict.failed) add(report.generalModelBased.reasons, { [prompt]: 1 });
        return undefined;
      }
    }
    report.generalModelBased.kept++;
    return { clip: rule.clip, samples: await options.generateSamples(rule.clip, signal) };
  };

  // Backpressure: the next scene (with its point clouds) is pulled only when a slot is free,
  // so a stream of many scenes never sits in memory at once.
  const results: ({ clip: Clip; samples: readonly Sample[] } | undefined)[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  for await (const scene of options.scenes as AsyncIterable<PseudoScene>) {
    if (signal?.aborted) throw signal.reason;
    if (failure) break;
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure) break;
    report.ruleBased.input++;
    const index = results.push(undefined) - 1;
    const task: Promise<void> = processScene(scene)
      .then((result) => void (results[index] = result))
      .catch((error: unknown) => void (failure ??= { error }))
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  }
  await Promise.all(inFlight);
  if (failure) throw failure.error;
  const survivors = results.filter((item) => item !== undefined);
  const clips = survivors.map((item) => item.clip);
  const candidates = survivors.flatMap((item) => item.samples);
  report.taskSpecificModelBased.input = candidates.length;
  let samples = candidates;
  if (scorer && candidates.length > 0) {
    const { logLikelihoods } = await scorer.doScore({ samples: candidates, signal });
    const result = applyLikelihoodFilter({ samples: candidates, logLikelihoods, ...options.likelihood });
    samples = result.kept;
    report.taskSpecificModelBased.reasons = result.droppedByTask;
  }
  report.taskSpecificModelBased.kept = samples.length;
  return { samples, clips, report };
}
