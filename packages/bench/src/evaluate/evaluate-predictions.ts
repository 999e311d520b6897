/**
 * Scores a model's predictions on a benchmark: extracts an answer from every
 * response, scores it ([definitions §6](docs/pages/definitions.md#benchmark)), and aggregates overall, by source dataset
 * and by every tag of `sample.tags`. A benchmark sample without a prediction
 * line is wrong and counted as missing; prediction lines for unknown ids are
 * reported and ignored.
 */
import type { Sample, TaskId } from '@stkit/core';
import { InvalidArgumentError } from '@stkit/core';
import { createDeterministicExtractor, type Extractor } from '../extract/extractor';
import type { Prediction } from '../extract/types';
import type { PredictionLine } from '../io/predictions-file';
import { aggregateScores, type Metrics } from '../metrics/aggregate';
import { scoreSample, type SampleScore } from '../metrics/score-sample';

/** One line of `results.jsonl`. */
export interface SampleResult extends SampleScore {
  /** What was extracted from the response; null when nothing was (or no prediction). */
  readonly prediction: Prediction | null;
}

/** Options of {@link evaluatePredictions}. */
export interface EvaluateOptions {
  readonly samples: readonly Sample[];
  /** Prediction lines by sample id (see `readPredictions`). */
  readonly predictions: ReadonlyMap<string, PredictionLine>;
  /** @default the deterministic extractor */
  readonly extractor?: Extractor | undefined;
  /** Extractions in flight at once (matters for the LLM extractor). @default 8 */
  readonly concurrency?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

/** An evaluation. */
export interface Evaluation {
  readonly extractorId: string;
  /** One per benchmark sample, in benchmark order. */
  readonly results: SampleResult[];
  readonly metrics: Metrics;
  /** Metrics per `sample.source.dataset`. */
  readonly bySource: Record<string, Metrics>;
  /** Metrics per tag name, then per tag value (as a string). */
  readonly byTag: Record<string, Record<string, Metrics>>;
  /** Prediction ids that are not in the benchmark. */
  readonly unknownIds: string[];
}

function groupMetrics(
  samples: readonly Sample[],
  results: readonly SampleResult[],
  keyOf: (sample: Sample) => string | undefined,
): Record<string, Metrics> {
  const groups = new Map<string, SampleResult[]>();
  samples.forEach((sample, index) => {
    const key = keyOf(sample);
    if (key === undefined) return;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = []));
    group.push(results[index]!);
  });
  const out: Record<string, Metrics> = {};
  for (const key of [...groups.keys()].sort()) out[key] = aggregateScores(groups.get(key)!);
  return out;
}

/**
 * Extracts, scores and aggregates.
 * @throws {@link InvalidArgumentError} for `concurrency`: must be a positive integer
 */
export async function evaluatePredictions(options: EvaluateOptions): Promise<Evaluation> {
  const extractor = options.extractor ?? createDeterministicExtractor();
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new InvalidArgumentError({
      argument: 'concurrency',
      value: concurrency,
      message: 'must be a positive integer',
    });
  const samples = options.samples;
  const results: SampleResult[] = new Array(samples.length);
  let next = 0;
  let done = 0;
  async function worker(): Promise<void> {
    while (next < samples.length) {
      options.signal?.throwIfAborted();
      const index = next++;
      const sample = samples[index]!;
      const line = options.predictions.get(sample.id);
      if (line === undefined) {
        results[index] = { ...scoreSample(sample, undefined), missing: true, prediction: null };
      } else {
        const prediction = await extractor.extract({ sample, response: line.response, signal: options.signal });
        results[index] = { ...scoreSample(sample, prediction), prediction: prediction ?? null };
      }
      options.onProgress?.(++done, samples.length);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(samples.length, 1)) }, worker));
  const ids = new Set(samples.map((sample) => sample.id));
  const unknownIds = [...options.predictions.keys()].filter((id) => !ids.has(id));
  const tagNames = [...new Set(samples.flatMap((sample) => Object.keys(sample.tags ?? {})))].sort();
  const byTag: Record<string, Record<string, Metrics>> = {};
  for (const tag of tagNames)
    byTag[tag] = groupMetrics(samples, results, (sample) =>
      sample.tags?.[tag] === undefined ? undefined : String(sample.tags[tag]),
    );
  return {
    extractorId: extractor.extractorId,
    results,
    metrics: aggregateScores(results),
    bySource: groupMetrics(samples, results, (sample) => sample.source.dataset),
    byTag,
    unknownIds,
  };
}

/** Tasks in the paper's Table 3 order with their column titles. */
export const TASK_COLUMNS: readonly { task: TaskId; title: string; error?: string }[] = [
  { task: 'traveled_distance', title: 'Traveled distance', error: 'MAE (m)' },
  { task: 'traveling_speed', title: 'Traveling speed', error: 'MAE (km/h)' },
  { task: 'movement_direction', title: 'Movement direction', error: 'MAE (clock)' },
  { task: 'direction_timestamp', title: 'Direction timestamp', error: 'mIoU' },
  { task: 'traveled_distance_comparison', title: 'Distance comparison' },
  { task: 'traveling_speed_comparison', title: 'Speed comparison' },
  { task: 'movement_direction_comparison', title: 'Direction comparison' },
];
