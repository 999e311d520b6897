/** The per-task summary table printed at the end of a run. */
import { TASK_IDS } from '@stkit/core';
import type { TaskCounts } from './clip-samples';

/**
 * Renders a plain-text table: task, samples, candidates, top rejection reasons.
 * @returns the table, one line per task, with a header.
 */
export function formatTaskSummary(counts: TaskCounts): string {
  const rows = TASK_IDS.map((task) => {
    const rejected = Object.entries(counts.rejected[task])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 2)
      .map(([rule, count]) => `${rule} ${count}`)
      .join(', ');
    return [task, String(counts.samples[task]), String(counts.candidates[task]), rejected || '-'];
  });
  const header = ['task', 'samples', 'candidates', 'most rejected by'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 1 || column === 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** The closing lines of a run: the per-task table, then `N clips → M samples (notes)` and where the output went. */
export function formatRunReport(run: {
  counts: TaskCounts;
  clips: number;
  samples: number;
  notes: (string | false)[];
  wrote: string;
}): string {
  const notes = run.notes
    .filter((note): note is string => note !== false)
    .map((note) => ` (${note})`)
    .join('');
  return `${formatTaskSummary(run.counts)}\n\n${run.clips} clips → ${run.samples} samples${notes}\nwrote ${run.wrote}\n`;
}
