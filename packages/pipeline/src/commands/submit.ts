/** `stkit submit`: enqueue the shards of a run on Redis (BullMQ) for `stkit worker`s. */
import { parseArgs } from 'node:util';
import { InvalidArgumentError } from '@stkit/core';
import { parseIntegerOption, REDIS_REQUIRED, requireOption } from './options';

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

       stkit submit pseudo <the flags of stkit pseudo for one video> --redis URL [--attempts N]

Enqueues one video's \`stkit pseudo\` as a job for a worker with a GPU
(\`stkit worker --device …\`); its output folder is the one \`stkit pseudo\`
writes. Submit each video of a batch into its own --out folder.

       stkit submit gt <the flags of stkit gt> --redis URL [--attempts N] [--backoff-ms N]

Runs the dataset reader once, writes DIR/clips/ (the shards of \`stkit gt\`
with the same flags) and enqueues one job per shard; workers write
DIR/samples/ and the frames, \`stkit status\` the manifest: the same files
as \`stkit gt\`. Dataset root and DIR must be seen by every worker at the
same path.
`;

/** Runs `stkit submit`; returns the exit code. */
export async function runSubmitCommand(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream; signal?: AbortSignal },
): Promise<number> {
  const [kind, ...rest] = argv;
  if (kind === undefined || kind === '--help' || kind === '-h') {
    io.stdout.write(submitUsage);
    return kind === undefined ? 1 : 0;
  }
  if (kind === 'pseudo') return submitPseudoCommand(rest, io);
  if (kind === 'gt') return submitGtCommand(rest, io);
  if (kind !== 'qa') {
    throw new InvalidArgumentError({ argument: 'command', value: kind, message: "expected 'qa', 'gt' or 'pseudo'" });
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
  const out = requireOption('--out', values.out);
  if (!values.clips || values.clips.length === 0)
    throw new InvalidArgumentError({ argument: '--clips', message: 'give --clips FILE.jsonl' });
  const redis = requireOption('--redis', values.redis, REDIS_REQUIRED);
  const { submitQa } = await import('../distributed/submit');
  const result = await submitQa({
    redis,
    files: values.clips,
    outDir: out,
    seed: parseIntegerOption('--seed', values.seed, 0),
    shardSize: parseIntegerOption('--shard-size', values['shard-size'], 1000),
    maxFrames: parseIntegerOption('--max-frames', values['max-frames'], 32),
    attempts: parseIntegerOption('--attempts', values.attempts, 3),
    backoffMs: parseIntegerOption('--backoff-ms', values['backoff-ms'], 1000),
    signal: io.signal,
  });
  io.stderr.write(
    `${result.items} clips in ${result.shards} shards; ${result.added === 0 ? 'already submitted, nothing added' : `${result.added} jobs added`}\n`,
  );
  io.stdout.write(`${result.runId}\n`);
  return 0;
}

/** Takes the queue's own flags (`--redis`, `--attempts`, `--backoff-ms`) out of `argv`; the rest belongs to the local command. */
function splitQueueFlags(argv: readonly string[]): {
  redis: string;
  attempts: number;
  backoffMs: number;
  rest: string[];
} {
  const own: Record<string, string | undefined> = {
    '--redis': undefined,
    '--attempts': undefined,
    '--backoff-ms': undefined,
  };
  const rest: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    if (!(name in own)) {
      rest.push(arg);
      continue;
    }
    own[name] = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++index];
    if (own[name] === undefined) throw new InvalidArgumentError({ argument: name, message: 'needs a value' });
  }
  return {
    redis: requireOption('--redis', own['--redis'], REDIS_REQUIRED),
    attempts: parseIntegerOption('--attempts', own['--attempts'], 3),
    backoffMs: parseIntegerOption('--backoff-ms', own['--backoff-ms'], 1000),
    rest,
  };
}

/** `stkit submit pseudo …`: the queue flags are taken out, the rest is `stkit pseudo`'s. */
async function submitPseudoCommand(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream },
): Promise<number> {
  const { redis, attempts, backoffMs, rest } = splitQueueFlags(argv);
  const { submitPseudo } = await import('../distributed/submit');
  const result = await submitPseudo({ redis, argv: rest, attempts, backoffMs });
  io.stderr.write(
    `1 video; ${result.added === 0 ? 'already submitted, nothing added' : '1 job added (for a worker with --device)'}\n`,
  );
  io.stdout.write(`${result.runId}\n`);
  return 0;
}

/** `stkit submit gt …`: the queue flags are taken out, the rest is `stkit gt`'s (parsed and checked by the same code). */
async function submitGtCommand(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream; signal?: AbortSignal },
): Promise<number> {
  const { redis, attempts, backoffMs, rest } = splitQueueFlags(argv);
  const { openGtCommand } = await import('./gt');
  const plan = await openGtCommand(rest, io, 'stkit submit gt');
  if (plan === undefined) return 0;
  const { submitGt } = await import('../distributed/submit');
  const result = await submitGt({
    redis,
    events: plan.events,
    outDir: plan.outDir,
    seed: plan.seed,
    shardSize: plan.shardSize,
    framesRoot: plan.frames ? plan.root : undefined,
    config: plan.config,
    attempts,
    backoffMs,
    onError: (error) => io.stderr.write(`skipped: ${error.message}\n`),
    signal: io.signal,
  });
  io.stderr.write(
    `${result.items} clips in ${result.shards} shards${result.errors > 0 ? ` (${result.errors} failed logs skipped)` : ''}; ${result.added === 0 ? 'already submitted, nothing added' : `${result.added} jobs added`}\n`,
  );
  io.stdout.write(`${result.runId}\n`);
  return 0;
}
