/** Renders a {@link FilterReport} as a Markdown table in the layout of the paper's Table 10. */
import type { FilterReport, StageReport } from './filter-pseudo-labels';

function rows(
  report: StageReport<string>,
  label: string,
  extra: Record<string, Partial<Record<string, number>>> = {},
): string[] {
  const lines = [
    `| ${label} | ${report.applied ? `${report.input} → ${report.kept} ${report.unit}s` : 'not applied'} | |`,
  ];
  for (const [reason, count] of Object.entries(report.reasons)) lines.push(`| | ${reason} | ${count} |`);
  for (const [group, counts] of Object.entries(extra)) {
    for (const [reason, count] of Object.entries(counts)) lines.push(`| | ${group}: ${reason} | ${count} |`);
  }
  return lines;
}

/** One row per stage (input → kept) followed by one row per drop reason. */
export function formatFilterReport(report: FilterReport): string {
  return [
    '| stage | reason | dropped |',
    '|---|---|---:|',
    ...rows(report.ruleBased, 'rule-based', {
      observations: report.ruleBased.observations,
      tracks: report.ruleBased.tracks,
      ...(report.ruleBased.repaired ? { 'tracks kept, repaired': report.ruleBased.repaired } : {}),
    }),
    ...rows(report.generalModelBased, 'general model-based (VLM)'),
    ...rows(report.taskSpecificModelBased, 'task-specific model-based'),
  ].join('\n');
}
