#!/usr/bin/env node
/** The `stkit` command line. */
import { StkitError } from '@stkit/core';
import { describeSystemError, EXIT_CODES } from './commands/options';
import { qaUsage, runQaCommand } from './commands/qa';
import { packageVersions } from './manifest';

const usage = `Usage: stkit <command> [options]

Commands:
  qa       Clips (JSONL) → kinematic QA samples                 stkit qa --help
  gt       3D-annotated dataset logs → Clips → QA samples       stkit gt --help
  pseudo   a plain video's reconstruction + masks → QA samples  stkit pseudo --help
  segment  masks + tracks of a video; convert SA-V/BDD100K/…    stkit segment --help
  view     samples (+ clips) → a static HTML page               stkit view --help
  export   samples → LLaVA / ShareGPT training records          stkit export --help
  submit   enqueue a run's shards on Redis (BullMQ)             stkit submit --help
  worker   process queued shards (any machine)                  stkit worker --help
  status   progress of a queued run; writes its manifest        stkit status --help

Quick start: stkit qa --demo --out out/demo
Exit codes: 0 done, 2 bad flag or input, 74 output not writable, 70 internal error, 130 interrupted.
`;

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v' || command === 'version') {
    process.stdout.write(`stkit ${packageVersions(['@stkit/pipeline'])['@stkit/pipeline']}\n`);
    return EXIT_CODES.ok;
  }
  // Ctrl-C stops between clips: completed shards stay, no shard is half-written, a rerun resumes.
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(
      '\nstkit: interrupted; finishing the current clip (Ctrl-C again to quit at once). Rerun the same command to resume.\n',
    );
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  // Started by `stkit worker` for one job (with an IPC channel): end with the worker, whose death closes the
  // channel, so that no job of a killed worker keeps running beside the one that takes it over.
  if (process.channel !== undefined) {
    process.channel.unref();
    process.once('disconnect', () => process.exit(EXIT_CODES.interrupted));
  }
  const io = { stdout: process.stdout, stderr: process.stderr, signal: controller.signal };
  try {
    switch (command) {
      case 'qa':
        return await runQaCommand(rest, io);
      case 'gt': {
        const { runGtCommand } = await import('./commands/gt');
        return await runGtCommand(rest, io);
      }
      case 'view': {
        const { runViewCommand } = await import('./commands/view');
        return await runViewCommand(rest, io);
      }
      case 'submit': {
        const { runSubmitCommand } = await import('./commands/submit');
        return await runSubmitCommand(rest, io);
      }
      case 'worker': {
        const { runWorkerCommand } = await import('./commands/worker');
        return await runWorkerCommand(rest, io);
      }
      case 'status': {
        const { runStatusCommand } = await import('./commands/status');
        return await runStatusCommand(rest, io);
      }
      case 'export': {
        const { runExportCommand } = await import('./commands/export');
        return await runExportCommand(rest, io);
      }
      case 'segment': {
        const { runSegmentCommand } = await import('./commands/segment');
        return await runSegmentCommand(rest, io);
      }
      case 'pseudo': {
        const { runPseudoCommand } = await import('./commands/pseudo');
        return await runPseudoCommand(rest, io);
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
    const system = describeSystemError(error);
    if (system !== undefined) {
      process.stderr.write(`stkit ${command}: ${system}\n`);
      return EXIT_CODES.outputFailed;
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
    // One line; the stack only on request (STKIT_DEBUG=1), so users never face a trace.
    const detail = process.env.STKIT_DEBUG
      ? ((error as Error)?.stack ?? String(error))
      : ((error as Error)?.message ?? String(error)).split('\n')[0];
    process.stderr.write(`stkit: internal error: ${detail} (please report it; STKIT_DEBUG=1 shows the stack)\n`);
    process.exitCode = EXIT_CODES.internal;
  },
);
