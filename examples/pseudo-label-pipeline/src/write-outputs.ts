/**
 * Output folder of the example: `samples.jsonl` (one `Sample` per line),
 * `clips.jsonl` (the filtered clips with their smoothed tracks, one `Clip`
 * per line), `filter-report.json` (the `FilterReport` plus the scale
 * canonicalisation) and `filter-report.md` (the Table-10 layout). Each file
 * is written to a temporary name and renamed, so an interrupted run never
 * leaves a half-written file.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatFilterReport } from '@stkit/filters';
import type { PseudoLabelPipelineResult } from './run-pipeline';

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}

const jsonLines = (items: readonly unknown[]) =>
  items.map((item) => JSON.stringify(item)).join('\n') + (items.length > 0 ? '\n' : '');

/** Writes the result to `outDir`; returns the paths written. */
export async function writePipelineOutputs(outDir: string, result: PseudoLabelPipelineResult): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files = {
    samples: join(outDir, 'samples.jsonl'),
    clips: join(outDir, 'clips.jsonl'),
    report: join(outDir, 'filter-report.json'),
    table: join(outDir, 'filter-report.md'),
  };
  await writeAtomically(files.samples, jsonLines(result.samples));
  await writeAtomically(files.clips, jsonLines(result.clips));
  await writeAtomically(
    files.report,
    JSON.stringify({ canonicalScale: result.canonicalScale, ...result.report }, null, 2) + '\n',
  );
  await writeAtomically(files.table, formatFilterReport(result.report) + '\n');
  return Object.values(files);
}
