/** `stkit-bench report`: several prediction files side by side → one table and one SVG chart. */
import { parseArgs } from 'node:util';
import { InvalidArgumentError } from '@stkit/core';
import { readBench } from '../io/read-samples';
import { compareRuns, writeComparison } from '../report/compare-runs';
import { required, type CliIo } from './cli-io';
import { readPredictionsForCli, runName } from './evaluate-command';
import { extractorFromFlags, extractorOptions, extractorUsage } from './extractor-flags';

export const reportUsage = `Usage: stkit-bench report --bench bench.jsonl --predictions A.jsonl --predictions B.jsonl … --out DIR [options]

Evaluates several models' predictions on one benchmark and writes
DIR/report.md (one Table 3 row per model), DIR/report.json and DIR/report.svg
(accuracy per task, one bar per model).

Options:
  --bench FILE          Benchmark JSONL
  --predictions FILE    Predictions JSONL (repeatable; positional paths work too)
  --name NAME           Row name of each predictions file, in the same order (default: the
                        predictions' "model", else the file name)
  --out DIR             Output folder
${extractorUsage}  -h, --help            Show this help
`;

/** Runs `report`; returns the exit code. */
export async function runReportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      bench: { type: 'string' },
      predictions: { type: 'string', multiple: true },
      name: { type: 'string', multiple: true },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...extractorOptions,
    },
  });
  if (values.help) {
    io.stdout.write(reportUsage);
    return 0;
  }
  const bench = required(values.bench, 'bench');
  const files = required([...(values.predictions ?? []), ...positionals], 'predictions');
  const out = required(values.out, 'out');
  const names = values.name ?? [];
  if (names.length > 0 && names.length !== files.length) {
    throw new InvalidArgumentError({
      argument: '--name',
      value: names,
      message: `give one name per predictions file (${files.length}), or none`,
    });
  }
  const extractor = extractorFromFlags(values, io);
  const samples = await readBench(bench, io.signal);
  const runs = [];
  for (const [index, file] of files.entries()) {
    const predictions = await readPredictionsForCli(file, io);
    runs.push({ name: names[index] ?? runName(file, predictions), predictions });
  }
  const compared = await compareRuns({ samples, runs, extractor, signal: io.signal });
  const written = await writeComparison({ runs: compared, dir: out });
  for (const run of compared) {
    const average = run.evaluation.metrics.average;
    io.stdout.write(`${run.name}: average accuracy ${average === null ? '–' : `${(average * 100).toFixed(1)} %`}\n`);
  }
  io.stdout.write(`wrote ${written.reportMarkdown} and ${written.chart}\n`);
  return 0;
}
