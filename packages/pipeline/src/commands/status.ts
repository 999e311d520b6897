/** `stkit status`: progress of a distributed run; writes its manifest when every shard is finished. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { InvalidArgumentError } from '@stkit/core';
import { REDIS_REQUIRED, requireOption } from './options';

export const statusUsage = `Usage: stkit status --redis URL (--out DIR | --run ID)

Prints the progress of the run last submitted into DIR: shards done, failed
and in flight, clips and samples, rate and ETA. Once every shard is done or
has failed it writes DIR/manifest.json and prints a line that is exactly
\`complete\`, or \`complete with N failed shards\` followed by one line per
failed shard and its error. No other line starts with \`complete\`.

Exit code: 0 complete, 3 still running, 4 complete with failed shards.
`;

/** Runs `stkit status`; returns the exit code. */
export async function runStatusCommand(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream; signal?: AbortSignal },
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      redis: { type: 'string' },
      out: { type: 'string' },
      run: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(statusUsage);
    return 0;
  }
  const redis = requireOption('--redis', values.redis, REDIS_REQUIRED);
  if (values.out === undefined && values.run === undefined)
    throw new InvalidArgumentError({ argument: '--out', message: 'give --out DIR or --run ID' });
  const { runStatus, formatStatus } = await import('../distributed/status');
  const status = await runStatus({
    redis,
    outDir: values.out === undefined ? undefined : resolve(values.out),
    runId: values.run,
  });
  io.stdout.write(formatStatus(status));
  return status.complete ? (status.failed.length > 0 ? 4 : 0) : 3;
}
