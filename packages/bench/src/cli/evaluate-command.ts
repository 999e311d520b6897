/** `stkit-bench evaluate`: a benchmark + predictions → results.jsonl, report.json, report.md. */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DatasetFormatError } from '@stkit/core';
import { parseArgs } from 'node:util';
import { evaluatePredictions } from '../evaluate/evaluate-predictions';
import { writeEvaluation } from '../evaluate/write-evaluation';
import { readPredictions, type PredictionLine } from '../io/predictions-file';
import { readBench } from '../io/read-samples';
import { required, type CliIo } from './cli-io';
import { concurrencyFlag, extractorFromFlags, extractorOptions, extractorUsage } from './extractor-flags';

export const evaluateUsage = `Usage: stkit-bench evaluate --bench bench.jsonl --predictions predictions.jsonl --out DIR [options]

Extracts an answer from every response, scores it (SPEC §6) and writes
DIR/results.jsonl, DIR/report.json and DIR/report.md (Table 3 layout, with
breakdowns by source dataset and by sample tag).

Options:
  --bench FILE          Benchmark JSONL
  --predictions FILE    Predictions JSONL ({"id", "response", …} per line)
  --out DIR             Output folder
  --name NAME           Model name in the report (default: the predictions' "model", else the file name)
${extractorUsage}  -h, --help            Show this help
`;

/** The model name recorded in prediction lines, else the file's base name; " (blind)" for a text-only baseline run. */
export function runName(file: string, predictions: ReadonlyMap<string, PredictionLine>): string {
  const blind = [...predictions.values()].some((line) => line.blind === true) ? ' (blind)' : '';
  for (const line of predictions.values())
    if (typeof line.model === 'string' && line.model !== '') return `${line.model}${blind}`;
  return `${basename(file).replace(/\.jsonl$/i, '')}${blind}`;
}

/** Reads predictions, warning about a torn tail and repeated ids; a missing file is an error (never a score of 0 %). */
export async function readPredictionsForCli(file: string, io: CliIo) {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new DatasetFormatError({
      file,
      reason:
        error.code === 'ENOENT' ? 'predictions file not found' : `cannot read the predictions file (${error.code})`,
      cause: error,
    });
  });
  if (!info.isFile()) throw new DatasetFormatError({ file, reason: 'the predictions file is not a regular file' });
  const read = await readPredictions(file);
  if (read.tornTail) io.stderr.write(`warning: ${file}: ignored a torn last line\n`);
  if (read.duplicateIds.length > 0)
    io.stderr.write(`warning: ${file}: ${read.duplicateIds.length} repeated id(s); the last line of each counts\n`);
  return read.predictions;
}

/** Runs `evaluate`; returns the exit code. */
export async function runEvaluateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      bench: { type: 'string' },
      predictions: { type: 'string' },
      out: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...extractorOptions,
    },
  });
  if (values.help) {
    io.stdout.write(evaluateUsage);
    return 0;
  }
  const bench = required(values.bench, 'bench');
  const predictionsFile = required(values.predictions, 'predictions');
  const out = required(values.out, 'out');
  const extractor = extractorFromFlags(values, io);
  const samples = await readBench(bench, io.signal);
  const predictions = await readPredictionsForCli(predictionsFile, io);
  const evaluation = await evaluatePredictions({
    samples,
    predictions,
    extractor,
    concurrency: concurrencyFlag(values.concurrency),
    signal: io.signal,
  });
  const model = values.name ?? runName(predictionsFile, predictions);
  const written = await writeEvaluation({ evaluation, dir: out, model, bench, predictions: predictionsFile });
  const average = evaluation.metrics.average;
  io.stdout.write(
    `${model}: average accuracy ${average === null ? '–' : `${(average * 100).toFixed(1)} %`} over ${evaluation.metrics.count} samples → ${written.reportMarkdown}\n`,
  );
  return 0;
}
