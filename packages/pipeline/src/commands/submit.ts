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

       stkit submit pseudo <the flags of stkit pseudo for one video> --redis URL [--attempts N]

Enqueues one video's \`stkit pseudo\` as a job for a worker with a GPU
(\`stkit worker --device …\`); its output folder is the one \`stkit pseudo\`
writes. Submit each video of a batch into its own --out folder.

\`gt\` runs are not distributed yet (see the README).
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
  if (kind !== 'qa') {
    throw new InvalidArgumentError({
      argument: 'command',
      value: kind,
      message:
        kind === 'gt'
          ? "distributed 'gt' runs are not available yet; run `stkit gt` on one machine"
          : "expected 'qa' or 'pseudo'",
    });
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
  if (!values.clips || values.clips.length === 0)
    throw new InvalidArgumentError({ argument: '--clips', message: 'give --clips FILE.jsonl' });
  if (values.redis === undefined)
    throw new InvalidArgumentError({ argument: '--redis', message: 'is required (e.g. redis://localhost:6379)' });
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
  io.stderr.write(
    `${result.items} clips in ${result.shards} shards; ${result.added === 0 ? 'already submitted, nothing added' : `${result.added} jobs added`}\n`,
  );
  io.stdout.write(`${result.runId}\n`);
  return 0;
}

/** `stkit submit pseudo …`: the queue flags are taken out, the rest is `stkit pseudo`'s. */
async function submitPseudoCommand(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream },
): Promise<number> {
  const own: Record<string, string | undefined> = {
    '--redis': undefined,
    '--attempts': undefined,
    '--backoff-ms': undefined,
  };
  const pseudo: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    if (!(name in own)) {
      pseudo.push(arg);
      continue;
    }
    own[name] = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++index];
    if (own[name] === undefined) throw new InvalidArgumentError({ argument: name, message: 'needs a value' });
  }
  if (own['--redis'] === undefined)
    throw new InvalidArgumentError({ argument: '--redis', message: 'is required (e.g. redis://localhost:6379)' });
  const { submitPseudo } = await import('../distributed/submit');
  const result = await submitPseudo({
    redis: own['--redis'],
    argv: pseudo,
    attempts: parseIntegerOption('--attempts', own['--attempts'], 3),
    backoffMs: parseIntegerOption('--backoff-ms', own['--backoff-ms'], 1000),
  });
  io.stderr.write(
    `1 video; ${result.added === 0 ? 'already submitted, nothing added' : '1 job added (for a worker with --device)'}\n`,
  );
  io.stdout.write(`${result.runId}\n`);
  return 0;
}
