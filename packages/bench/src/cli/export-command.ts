/** `stkit-bench export`: the benchmark as an lmms-eval task folder or a VLMEvalKit TSV. */
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InvalidArgumentError } from '@stkit/core';
import { exportLmmsEval, exportVlmEvalKit } from '../export/harness-export';
import { readBench } from '../io/read-samples';
import { required, type CliIo } from './cli-io';

export const exportUsage = `Usage: stkit-bench export --format lmms-eval|vlmevalkit --bench bench.jsonl --out DIR [options]

Writes the benchmark for another evaluation harness:
  lmms-eval    DIR/NAME.yaml (task), DIR/NAME.jsonl (one document per sample,
               keyed by id) and DIR/utils.py (the Python port of the
               deterministic extractor: process_results gives the verdict
               stkit-bench evaluate gives). Run it with
               python -m lmms_eval --include_path DIR --tasks NAME …
  vlmevalkit   DIR/NAME.tsv (one row per sample: index, question, answer,
               category = task, image_path = the frames, video_path, labels)
               and DIR/stkit_bench.py to score VLMEvalKit's predictions.

Options:
  --format F            lmms-eval or vlmevalkit
  --bench FILE          Benchmark JSONL (frame paths resolve against its folder)
  --out DIR             Output folder (created)
  --name NAME           Task / dataset name (default: stkit_bench for lmms-eval, STKitBench_OpenEnded for vlmevalkit)
  --frames-root DIR     Folder relative frame paths start from (default: the benchmark's folder)
  -h, --help            Show this help
`;

const FORMATS = ['lmms-eval', 'vlmevalkit'] as const;

/** Runs `export`; returns the exit code. */
export async function runExportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string' },
      bench: { type: 'string' },
      out: { type: 'string' },
      name: { type: 'string' },
      'frames-root': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(exportUsage);
    return 0;
  }
  const format = required(values.format, 'format');
  if (!(FORMATS as readonly string[]).includes(format))
    throw new InvalidArgumentError({
      argument: '--format',
      value: format,
      message: `must be one of ${FORMATS.join(', ')}`,
    });
  const bench = required(values.bench, 'bench');
  const out = required(values.out, 'out');
  const samples = await readBench(bench, io.signal);
  const options = {
    samples,
    baseDir: resolve(values['frames-root'] ?? dirname(resolve(bench))),
    out,
    name: values.name,
  };
  const result = format === 'lmms-eval' ? await exportLmmsEval(options) : await exportVlmEvalKit(options);
  io.stdout.write(`${result.rows} samples → ${result.files.join(', ')}\n`);
  return 0;
}
