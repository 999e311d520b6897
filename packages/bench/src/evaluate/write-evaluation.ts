/**
 * Writes an evaluation to a folder: `results.jsonl` (one line per sample:
 * id, task, extracted prediction, correct, error or IoU), `report.json`
 * (all metrics and breakdowns) and `report.md` (Table 3 layout, extraction
 * counts, breakdowns by source dataset and by tag). Each file is written to
 * a temporary name and renamed, so a crash never leaves a half-written file.
 */
import { join } from 'node:path';
import { TASK_IDS } from '@stkit/core';
import { writeFileAtomic } from '@stkit/core/node';
import { markdownTable } from '../report/markdown-table';
import type { Evaluation } from './evaluate-predictions';
import { mraTable, table3 } from './table3';

/** Options of {@link writeEvaluation}. */
export interface WriteEvaluationOptions {
  readonly evaluation: Evaluation;
  /** Output folder (created). */
  readonly dir: string;
  /** Row name of the model in the tables. */
  readonly model: string;
  /** Paths recorded in the report. */
  readonly bench?: string;
  readonly predictions?: string;
}

/** Paths written by {@link writeEvaluation}. */
export interface WrittenEvaluation {
  readonly results: string;
  readonly reportJson: string;
  readonly reportMarkdown: string;
}

/** The JSON report object. */
export function evaluationReport(options: Omit<WriteEvaluationOptions, 'dir'>) {
  const { evaluation } = options;
  return {
    model: options.model,
    bench: options.bench ?? null,
    predictions: options.predictions ?? null,
    extractor: evaluation.extractorId,
    metrics: evaluation.metrics,
    bySource: evaluation.bySource,
    byTag: evaluation.byTag,
    unknownPredictionIds: evaluation.unknownIds,
  };
}

/** The markdown report. */
export function evaluationMarkdown(options: Omit<WriteEvaluationOptions, 'dir'>): string {
  const { evaluation, model } = options;
  const missing = evaluation.results.filter((result) => result.missing === true).length;
  const lines = [
    '# STKit-Bench report',
    '',
    `Model **${model}** · extractor \`${evaluation.extractorId}\` · ${evaluation.metrics.count} samples` +
      (options.bench ? ` · bench \`${options.bench}\`` : '') +
      (options.predictions ? ` · predictions \`${options.predictions}\`` : ''),
    '',
    'Accuracy in %; distance/speed correct within ±25 % of the truth, direction exact, timestamp at temporal IoU ≥ 0.5; MAE and mIoU over the responses a value was extracted from; Average = mean of the seven accuracies (SPEC §6).',
    '',
    '## Results',
    '',
    table3('Model', [{ name: model, metrics: evaluation.metrics }]),
    '',
    '## Mean Relative Accuracy',
    '',
    "Distance and speed beside the paper's ±25 % accuracy: MRA = mean over θ = 0.50, 0.55, …, 0.95 of 1[|ŷ − y| / y < 1 − θ], 0 when no value was extracted (VSI-Bench).",
    '',
    mraTable('Model', [{ name: model, metrics: evaluation.metrics }]),
    '',
    '## Extraction',
    '',
    markdownTable(
      ['Task', 'Samples', 'Extracted', 'Not extractable', 'No prediction'],
      TASK_IDS.filter((task) => evaluation.metrics.tasks[task]).map((task) => {
        const metrics = evaluation.metrics.tasks[task]!;
        return [
          task,
          String(metrics.count),
          String(metrics.extracted),
          String(metrics.count - metrics.extracted - metrics.missing),
          String(metrics.missing),
        ];
      }),
    ),
    '',
  ];
  if (missing > 0) lines.push(`${missing} benchmark sample(s) have no prediction and count as wrong.`, '');
  if (evaluation.unknownIds.length > 0)
    lines.push(
      `${evaluation.unknownIds.length} prediction line(s) name ids that are not in the benchmark and were ignored.`,
      '',
    );
  lines.push(
    '## By source dataset',
    '',
    table3(
      'Dataset',
      Object.entries(evaluation.bySource).map(([name, metrics]) => ({ name, metrics })),
    ),
    '',
  );
  for (const [tag, groups] of Object.entries(evaluation.byTag)) {
    lines.push(
      `## By tag \`${tag}\``,
      '',
      table3(
        tag,
        Object.entries(groups).map(([name, metrics]) => ({ name, metrics })),
      ),
      '',
    );
  }
  return lines.join('\n');
}

/** Writes results.jsonl, report.json and report.md into `options.dir`. */
export async function writeEvaluation(options: WriteEvaluationOptions): Promise<WrittenEvaluation> {
  const results = join(options.dir, 'results.jsonl');
  const reportJson = join(options.dir, 'report.json');
  const reportMarkdown = join(options.dir, 'report.md');
  // Key order for people reading the file: id, task, what was extracted, the verdict, then the measures.
  const lines = options.evaluation.results
    .map(({ id, task, prediction, correct, extracted, error, iou, mra, missing }) =>
      JSON.stringify({ id, task, prediction, correct, extracted, error, iou, mra, missing }),
    )
    .join('\n');
  await writeFileAtomic(results, lines.length > 0 ? `${lines}\n` : '');
  await writeFileAtomic(reportJson, `${JSON.stringify(evaluationReport(options), null, 2)}\n`);
  await writeFileAtomic(reportMarkdown, evaluationMarkdown(options));
  return { results, reportJson, reportMarkdown };
}
