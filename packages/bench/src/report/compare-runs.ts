/**
 * Several models' predictions on one benchmark side by side: one Table 3
 * row per model and one SVG chart of the seven accuracies and the average.
 */
import { join } from 'node:path';
import type { Sample } from '@stkit/core';
import { evaluatePredictions, TASK_COLUMNS, type Evaluation } from '../evaluate/evaluate-predictions';
import { mraTable, table3 } from '../evaluate/table3';
import type { Extractor } from '../extract/extractor';
import { writeFileAtomic } from '@stkit/core/node';
import type { PredictionLine } from '../io/predictions-file';
import { renderBarChartSvg } from './svg-chart';

/** One model's predictions. */
export interface RunInput {
  /** Row name. */
  readonly name: string;
  readonly predictions: ReadonlyMap<string, PredictionLine>;
}

/** Options of {@link compareRuns}. */
export interface CompareRunsOptions {
  readonly samples: readonly Sample[];
  readonly runs: readonly RunInput[];
  /** @default the deterministic extractor */
  readonly extractor?: Extractor | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** One evaluated run. */
export interface ComparedRun {
  readonly name: string;
  readonly evaluation: Evaluation;
}

/** Evaluates every run on the same samples. */
export async function compareRuns(options: CompareRunsOptions): Promise<ComparedRun[]> {
  const out: ComparedRun[] = [];
  for (const run of options.runs) {
    out.push({
      name: run.name,
      evaluation: await evaluatePredictions({
        samples: options.samples,
        predictions: run.predictions,
        extractor: options.extractor,
        signal: options.signal,
      }),
    });
  }
  return out;
}

/**
 * The markdown of a comparison.
 * @param runs - the evaluated runs, one table row each.
 */
export function comparisonMarkdown(runs: readonly ComparedRun[]): string {
  return [
    '# STKit-Bench comparison',
    '',
    'Accuracy in %; MAE over extracted responses; Average = mean of the seven accuracies (SPEC §6).',
    '',
    table3(
      'Model',
      runs.map((run) => ({ name: run.name, metrics: run.evaluation.metrics })),
    ),
    '',
    'Mean Relative Accuracy (%) of distance and speed beside their accuracy:',
    '',
    mraTable(
      'Model',
      runs.map((run) => ({ name: run.name, metrics: run.evaluation.metrics })),
    ),
    '',
    '![accuracy per task](report.svg)',
    '',
    `Each task of the chart links to \`${VIEW_PAGE}#task=…\`: write that page with \`stkit view --samples <bench.jsonl> --out <this folder>/view\` to read the task's questions, answers and trajectories.`,
    '',
  ].join('\n');
}

/** Where the chart's task links point: the `stkit view` page of the benchmark's samples, beside the report. */
export const VIEW_PAGE = 'view/index.html';

/**
 * The SVG chart of a comparison: accuracy (%) per task and the average, one bar per model.
 * Each task's bars and label link into the `stkit view` page filtered to that task (`viewPage#task=<id>`).
 * @param runs - the evaluated runs, one bar each per task.
 * @param viewPage - the viewer page, relative to the report folder.
 */
export function comparisonSvg(runs: readonly ComparedRun[], viewPage: string = VIEW_PAGE): string {
  const groups = [...TASK_COLUMNS.map((column) => column.title), 'Average'];
  const groupLinks = [...TASK_COLUMNS.map((column) => `${viewPage}#task=${column.task}`), viewPage];
  return renderBarChartSvg(
    [
      {
        title: 'Accuracy per task',
        groups,
        yMax: 100,
        yLabel: 'accuracy (%)',
        groupLinks,
        series: runs.map((run) => ({
          name: run.name,
          values: [
            ...TASK_COLUMNS.map((column) => run.evaluation.metrics.tasks[column.task]?.accuracy ?? null),
            run.evaluation.metrics.average,
          ].map((value) => (value === null ? null : value * 100)),
        })),
      },
    ],
    { title: 'STKit-Bench' },
  );
}

/**
 * Writes report.md, report.json and report.svg of a comparison into `dir`.
 * @param options - the evaluated `runs` and the output folder `dir`.
 * @returns the paths of the three files written.
 */
export async function writeComparison(options: {
  runs: readonly ComparedRun[];
  dir: string;
}): Promise<{ reportMarkdown: string; reportJson: string; chart: string }> {
  const reportMarkdown = join(options.dir, 'report.md');
  const reportJson = join(options.dir, 'report.json');
  const chart = join(options.dir, 'report.svg');
  const json = options.runs.map((run) => ({
    name: run.name,
    extractor: run.evaluation.extractorId,
    metrics: run.evaluation.metrics,
    bySource: run.evaluation.bySource,
  }));
  await writeFileAtomic(reportJson, `${JSON.stringify(json, null, 2)}\n`);
  await writeFileAtomic(chart, comparisonSvg(options.runs));
  await writeFileAtomic(reportMarkdown, comparisonMarkdown(options.runs));
  return { reportMarkdown, reportJson, chart };
}
