/**
 * The paper's Table 3 layout as markdown: per task accuracy (%) and, for the
 * single-object tasks, MAE (distance m, speed km/h, direction clock hours) or
 * mean IoU (timestamp), then the average of the seven accuracies.
 */
import type { Metrics } from '../metrics/aggregate';
import { markdownTable } from '../report/markdown-table';
import { TASK_COLUMNS } from './evaluate-predictions';

const DASH = '–';

function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? DASH : (value * 100).toFixed(1);
}

function fixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined ? DASH : value.toFixed(digits);
}

/** Header cells of the table; `firstColumn` names the row label (Model, Dataset, …). */
export function table3Header(firstColumn: string): string[] {
  const header = [firstColumn];
  for (const column of TASK_COLUMNS) {
    header.push(`${column.title} Acc ↑`);
    if (column.error) header.push(`${column.title} ${column.error} ${column.error === 'mIoU' ? '↑' : '↓'}`);
  }
  header.push('Average Acc ↑', 'n');
  return header;
}

/** Cells of one row. */
export function table3Row(name: string, metrics: Metrics): string[] {
  const row = [name];
  for (const column of TASK_COLUMNS) {
    const task = metrics.tasks[column.task];
    row.push(percent(task?.accuracy));
    if (column.error)
      row.push(
        column.error === 'mIoU' ? fixed(task?.meanIou, 2) : fixed(task?.mae, column.error === 'MAE (clock)' ? 2 : 1),
      );
  }
  row.push(percent(metrics.average), String(metrics.count));
  return row;
}

/**
 * A whole table, one row per entry.
 * @param firstColumn - header of the row-label column (Model, Dataset, …).
 * @param rows - a name and the metrics of each row.
 */
export function table3(firstColumn: string, rows: readonly { name: string; metrics: Metrics }[]): string {
  return markdownTable(
    table3Header(firstColumn),
    rows.map((row) => table3Row(row.name, row.metrics)),
  );
}

/**
 * Distance and speed: the paper's accuracy beside Mean Relative Accuracy (%), one row per entry.
 * @param firstColumn - header of the row-label column.
 * @param rows - a name and the metrics of each row.
 * @returns the table (Markdown).
 */
export function mraTable(firstColumn: string, rows: readonly { name: string; metrics: Metrics }[]): string {
  const header = [
    firstColumn,
    'Traveled distance Acc ↑',
    'Traveled distance MRA ↑',
    'Traveling speed Acc ↑',
    'Traveling speed MRA ↑',
  ];
  return markdownTable(
    header,
    rows.map((row) => {
      const distance = row.metrics.tasks.traveled_distance;
      const speed = row.metrics.tasks.traveling_speed;
      return [
        row.name,
        percent(distance?.accuracy),
        percent(distance?.mra),
        percent(speed?.accuracy),
        percent(speed?.mra),
      ];
    }),
  );
}
