/** `stkit submit`: enqueue the shards of a run on Redis (BullMQ) for `stkit worker`s. */
import { parseArgs } from 'node:util';
import { InvalidArgumentError } from '@stkit/core';
import { parseIntegerOption } from './options';

export const submitUsage = `Usage: stkit submit qa --clips FILE.jsonl … --out DIR --redis URL
                    [--seed N] [--shard-size N] [--max-frames N] [--attempts N]

Cuts the run into shards (those of \`stkit qa\` with the same flags), records it
on the Redis server and enqueues one job per shard; prints the run id.
Submitting the same run again adds nothing. Input and output folder must be
on a filesystem every worker sees at the same path.
Then start workers (\`stkit worker --redis URL\`) and follow the run with
\`stkit status --redis URL --out DIR\`.

  --clips FILE      input clips, JSONL (repeatable)
  --out DIR         output folder
  --redis URL       redis://host:port of the queue
  --seed N          seed of every random choice (default 0)
  --shard-size N    clips per shard and job (default 1000)
  --max-frames N    frames shown per sample (default 32)
  --attempts N      tries per shard before it counts as failed (default 3)
  --backoff-ms N    delay before the first retry, doubling (default 1000)

Only \`qa\` runs are distributed so far (\`gt\` and \`pseudo\`: see the README).
`;

/** Runs `stkit submit`; returns the exit code. */
export async function runSubmitCommand(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream; signal?: AbortSignal }): Promise<number> {
  const [kind, ...rest] = argv;
  if (kind === undefined || kind === '--help' || kind === '-h') {
    io.stdout.write(submitUsage);
    return kind === undefined ? 1 : 0;
  }
  if (kind !== 'qa') {
    throw new InvalidArgumentError({ argument: 'command', value: kind, message: kind === 'gt' || kind === 'pseudo' ? `distributed '${kind}' runs are not available yet; run \`stkit ${kind}\` on one machine` : "expected 'qa'" });
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      clips: { type: 'string', multiple: true },
      out: { type: 'string' },
      redis: { type: 'string' },
      seed: { type: 'string' },
      'shard-size': { type: 'string' },
      'max-frames': { type: 'string' },
      workers: { type: 'string' },
      attempts: { type: 'string' },
      'backoff-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(submitUsage);
    return 0;
  }
  if (!values.out) throw new InvalidArgumentError({ argument: '--out', message: 'is required' });
  if (!values.clips || values.clips.length === 0) throw new InvalidArgumentError({ argument: '--clips', message: 'give --clips FILE.jsonl' });
  if (values.redis === undefined) throw new InvalidArgumentError({ argument: '--redis', message: 'is required (e.g. redis://localhost:6379)' });
  const { submitQa } = await import('../distributed/submit');
  const result = await submitQa({
    redis: values.redis,
    files: values.clips,
    outDir: values.out,
    seed: parseIntegerOption('--seed', values.seed, 0),
    shardSize: parseIntegerOption('--shard-size', values['shard-size'], 1000),
    maxFrames: parseIntegerOption('--max-frames', values['max-frames'], 32),
    attempts: parseIntegerOption('--attempts', values.attempts, 3),
    backoffMs: parseIntegerOption('--backoff-ms', values['backoff-ms'], 1000),
    signal: io.signal,
  });
  io.stderr.write(`${result.items} clips in ${result.shards} shards; ${result.added === 0 ? 'already submitted, nothing added' : `${result.added} jobs added`}\n`);
  io.stdout.write(`${result.runId}\n`);
  return 0;
}
