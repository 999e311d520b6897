/** The `stkit-bench` command line: dispatch, usage, and error reporting. */
import { createRequire } from 'node:module';
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

/** Node's parseArgs error as one line naming the flag: `Invalid argument '--foo': unknown flag`. */
function describeParseError(error: Error & { code: string }): string {
  const flag = /'(-{1,2}[^' ]+)/.exec(error.message)?.[1] ?? /'([^']+)'/.exec(error.message)?.[1] ?? '(arguments)';
  const what =
    error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? 'unknown flag'
      : error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
        ? 'unexpected argument (every value follows its flag)'
        : /argument missing/.test(error.message)
          ? 'needs a value'
          : /ambiguous/.test(error.message)
            ? `its value starts with '-'; write it as ${flag}=VALUE`
            : 'takes no value';
  return `Invalid argument '${flag}': ${what}`;
}

/** One line for a Node.js system error (EISDIR, ENOSPC, …) on a path, or undefined. */
function systemErrorLine(error: unknown): string | undefined {
  const system = error as { code?: unknown; syscall?: unknown; path?: unknown };
  if (typeof system?.code !== 'string' || typeof system.syscall !== 'string' || !/^E[A-Z]+$/.test(system.code))
    return undefined;
  return `cannot ${system.syscall} ${typeof system.path === 'string' ? system.path : '(unknown path)'}: ${system.code}`;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v' || command === 'version') {
    io.stdout.write(
      `stkit-bench ${(createRequire(import.meta.url)('@stkit/bench/package.json') as { version: string }).version}\n`,
    );
    return 0;
  }
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
    if (
      typeof (error as { code?: unknown }).code === 'string' &&
      (error as { code: string }).code.startsWith('ERR_PARSE_ARGS')
    ) {
      io.stderr.write(
        `stkit-bench ${command}: ${describeParseError(error as Error & { code: string })}; see stkit-bench ${command} --help\n`,
      );
      return 2;
    }
    const system = systemErrorLine(error);
    if (system !== undefined) {
      io.stderr.write(`stkit-bench ${command}: ${system}\n`);
      return 74;
    }
    if (io.signal?.aborted) {
      io.stderr.write(`stkit-bench ${command}: interrupted\n`);
      return 130;
    }
    throw error;
  }
}
