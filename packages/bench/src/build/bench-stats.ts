/**
 * Label and source statistics of a set of samples, and their rendering
 * before/after balancing as a markdown report and an SVG chart (label-bin
 * shares per task, before versus after).
 */
import { TASK_IDS, type Sample, type TaskId } from '@stkit/core';
import { markdownTable } from '../report/markdown-table';
import { renderBarChartSvg, type ChartPanel } from '../report/svg-chart';
import type { MixOutcome } from './build-bench';
import { DEFAULT_DISTANCE_BINS, DEFAULT_SPEED_BINS, histogramBinNames, labelBin, type BinEdges } from './label-bin';

/** Counts of one task. */
export interface TaskStats {
  readonly count: number;
  /** Samples per label bin. */
  readonly bins: Record<string, number>;
  /** Samples per source dataset. */
  readonly sources: Record<string, number>;
}

/** Counts per task (tasks without samples are absent). */
export type BenchStats = Partial<Record<TaskId, TaskStats>>;

/** Counts samples per task, label bin and source dataset. */
export function computeStats(samples: readonly Sample[], bins: BinEdges = {}): BenchStats {
  const stats: BenchStats = {};
  for (const sample of samples) {
    const task = (stats[sample.task] ??= { count: 0, bins: {}, sources: {} });
    (task as { count: number }).count++;
    const bin = labelBin(sample, bins);
    task.bins[bin] = (task.bins[bin] ?? 0) + 1;
    task.sources[sample.source.dataset] = (task.sources[sample.source.dataset] ?? 0) + 1;
  }
  return stats;
}

const CLOCK_BINS = Array.from({ length: 12 }, (_, index) => `${index + 1} o'clock`);

/** Bin names of a task in display order: the known bins first, then any others seen. */
function binOrder(task: TaskId, seen: readonly string[], bins: BinEdges): string[] {
  let known: string[] = [];
  if (task === 'traveled_distance') known = histogramBinNames(bins.distance ?? DEFAULT_DISTANCE_BINS, 'm');
  else if (task === 'traveling_speed') known = histogramBinNames(bins.speed ?? DEFAULT_SPEED_BINS, 'm/s');
  else if (task === 'movement_direction' || task === 'direction_timestamp') known = CLOCK_BINS;
  return [...known, ...seen.filter((bin) => !known.includes(bin)).sort()];
}

function share(count: number, total: number): string {
  return total === 0 ? '–' : `${((count * 100) / total).toFixed(1)}`;
}

/**
 * Markdown report of the statistics before and after balancing, with the mix outcome and notes.
 * @param options - the statistics of the pool (`before`) and of the benchmark (`after`), and optionally the mix outcome, notes, histogram bins and the count of invalid input lines.
 * @returns the report (Markdown).
 */
export function statsMarkdown(options: {
  before: BenchStats;
  after: BenchStats;
  mix?: readonly MixOutcome[];
  notes?: readonly string[];
  bins?: BinEdges;
  invalidLines?: number;
}): string {
  const { before, after } = options;
  const lines = ['# STKit-Bench build statistics', ''];
  lines.push(
    markdownTable(
      ['Task', 'Pool', 'Bench'],
      TASK_IDS.filter((task) => before[task] || after[task]).map((task) => [
        task,
        String(before[task]?.count ?? 0),
        String(after[task]?.count ?? 0),
      ]),
    ),
    '',
  );
  if (options.invalidLines) lines.push(`${options.invalidLines} invalid input line(s) were skipped.`, '');
  if (options.mix && options.mix.length > 0) {
    lines.push(
      '## Source mix',
      '',
      markdownTable(
        ['Task', 'Dataset', 'Wanted', 'Available', 'Taken'],
        options.mix.map((outcome) => [
          outcome.task,
          outcome.dataset,
          String(outcome.wanted),
          String(outcome.available),
          String(outcome.taken),
        ]),
      ),
      '',
    );
  }
  if (options.notes && options.notes.length > 0)
    lines.push('## Notes', '', ...options.notes.map((note) => `- ${note}`), '');
  for (const task of TASK_IDS) {
    const b = before[task];
    const a = after[task];
    if (!b && !a) continue;
    const order = binOrder(
      task,
      [...new Set([...Object.keys(b?.bins ?? {}), ...Object.keys(a?.bins ?? {})])],
      options.bins ?? {},
    );
    lines.push(`## ${task}`, '');
    lines.push(
      markdownTable(
        ['Label', 'Pool n', 'Pool %', 'Bench n', 'Bench %'],
        order.map((bin) => [
          bin,
          String(b?.bins[bin] ?? 0),
          share(b?.bins[bin] ?? 0, b?.count ?? 0),
          String(a?.bins[bin] ?? 0),
          share(a?.bins[bin] ?? 0, a?.count ?? 0),
        ]),
      ),
      '',
    );
    const sources = [...new Set([...Object.keys(b?.sources ?? {}), ...Object.keys(a?.sources ?? {})])].sort();
    lines.push(
      markdownTable(
        ['Dataset', 'Pool n', 'Pool %', 'Bench n', 'Bench %'],
        sources.map((source) => [
          source,
          String(b?.sources[source] ?? 0),
          share(b?.sources[source] ?? 0, b?.count ?? 0),
          String(a?.sources[source] ?? 0),
          share(a?.sources[source] ?? 0, a?.count ?? 0),
        ]),
      ),
      '',
    );
  }
  return lines.join('\n');
}

/**
 * SVG chart: per task, the share (%) of each label bin in the pool and in the bench.
 * @param options - the statistics of the pool (`before`) and of the benchmark (`after`), and the histogram bins.
 * @returns a standalone SVG document.
 */
export function statsSvg(options: { before: BenchStats; after: BenchStats; bins?: BinEdges }): string {
  const panels: ChartPanel[] = [];
  for (const task of TASK_IDS) {
    const b = options.before[task];
    const a = options.after[task];
    if (!b && !a) continue;
    const order = binOrder(
      task,
      [...new Set([...Object.keys(b?.bins ?? {}), ...Object.keys(a?.bins ?? {})])],
      options.bins ?? {},
    );
    const pct = (stats: TaskStats | undefined, bin: string) =>
      stats && stats.count > 0 ? ((stats.bins[bin] ?? 0) * 100) / stats.count : null;
    panels.push({
      title: task,
      groups: order,
      yLabel: 'share of task (%)',
      series: [
        { name: 'pool (before)', values: order.map((bin) => pct(b, bin)) },
        { name: 'bench (after)', values: order.map((bin) => pct(a, bin)) },
      ],
    });
  }
  return renderBarChartSvg(panels, { title: 'Label balance before and after' });
}
