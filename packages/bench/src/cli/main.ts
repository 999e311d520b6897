/** The `stkit-bench` command line: dispatch, usage, and error reporting. */
import { StkitError } from '@stkit/core';
import { buildUsage, runBuildCommand } from './build-command';
import type { CliIo } from './cli-io';
import { evaluateUsage, runEvaluateCommand } from './evaluate-command';
import { exportUsage, runExportCommand } from './export-command';
import { reportUsage, runReportCommand } from './report-command';
import { runRunCommand, runUsage } from './run-command';

export const usage = `Usage: stkit-bench <command> [options]

Commands:
  build      Sample JSONL → a label-balanced benchmark + statistics    stkit-bench build --help
  run        Benchmark → a model on an OpenAI-compatible server       stkit-bench run --help
  evaluate   Benchmark + predictions → scores and a report            stkit-bench evaluate --help
  report     Several prediction files side by side (table + chart)    stkit-bench report --help
  export     Benchmark → an lmms-eval task or a VLMEvalKit TSV          stkit-bench export --help
`;

const COMMANDS = {
  build: { run: runBuildCommand, usage: buildUsage },
  run: { run: runRunCommand, usage: runUsage },
  evaluate: { run: runEvaluateCommand, usage: evaluateUsage },
  report: { run: runReportCommand, usage: reportUsage },
  export: { run: runExportCommand, usage: exportUsage },
} as const;

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout).write(usage);
    return command === undefined ? 2 : 0;
  }
  const entry = COMMANDS[command as keyof typeof COMMANDS];
  if (entry === undefined) {
    io.stderr.write(`stkit-bench: unknown command '${command}'\n\n${usage}`);
    return 2;
  }
  try {
    return await entry.run(rest, io);
  } catch (error) {
    if (StkitError.isInstance(error)) {
      io.stderr.write(`stkit-bench ${command}: ${error.message}\n`);
      return 2;
    }
    if (typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`stkit-bench ${command}: ${(error as Error).message}\n\n${entry.usage}`);
      return 2;
    }
    if (io.signal?.aborted) {
      io.stderr.write(`stkit-bench ${command}: interrupted\n`);
      return 130;
    }
    throw error;
  }
}
