#!/usr/bin/env node
/** The `stkit` command line. */
import { StkitError } from '@stkit/core';
import { qaUsage, runQaCommand } from './commands/qa';

const usage = `Usage: stkit <command> [options]

Commands:
  qa     Clips (JSONL) → kinematic QA samples            stkit qa --help
  gt     3D-annotated dataset logs → Clips → QA samples  stkit gt --help

Quick start: stkit qa --demo --out out/demo
`;

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // Ctrl-C stops between clips: completed shards stay, no shard is half-written, a rerun resumes.
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nstkit: interrupted; finishing the current clip (Ctrl-C again to quit at once). Rerun the same command to resume.\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  const io = { stdout: process.stdout, stderr: process.stderr, signal: controller.signal };
  try {
    switch (command) {
      case 'qa':
        return await runQaCommand(rest, io);
      case 'gt': {
        const { runGtCommand } = await import('./commands/gt');
        return await runGtCommand(rest, io);
      }
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(usage);
        return command === undefined ? 1 : 0;
      default:
        process.stderr.write(`stkit: unknown command '${command}'\n\n${usage}`);
        return 1;
    }
  } catch (error) {
    if (controller.signal.aborted) return 130;
    if (StkitError.isInstance(error)) {
      process.stderr.write(`stkit ${command}: ${error.message}\n`);
      return 2;
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`stkit ${command}: ${(error as Error).message}\n\n${command === 'qa' ? qaUsage : ''}`);
      return 2;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`stkit: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 70;
  },
);
