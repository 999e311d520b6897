/** `stkit worker`: process shard jobs of any run from Redis (BullMQ). */
import { parseArgs } from 'node:util';
import { parseIntegerOption, REDIS_REQUIRED, requireOption } from './options';

export const workerUsage = `Usage: stkit worker --redis URL [--concurrency N] [--threads N] [--device D …] [--exit-when-idle] [--lock-ms N]

Takes shard jobs of any submitted run and writes their output into the run's
folder (atomically, under the shard's name). Start one per machine (or more);
a job held by a killed worker is taken over once its lock expires.

  --redis URL         redis://host:port of the queue
  --concurrency N     jobs at once (default 1)
  --threads N         worker threads turning a qa job's clips into samples;
                      0 = in the worker's own thread (default: 0 with
                      --concurrency 1, else N)
  --device D          cuda:N (a GPU) or cpu, for \`pseudo\` jobs (repeatable: one
                      job per device at a time, each in a process that sees
                      only its device through CUDA_VISIBLE_DEVICES); without it
                      the worker takes no pseudo jobs
  --exit-when-idle    exit once the queues it serves have no waiting, delayed
                      or active jobs of any run
  --lock-ms N         job lock, ms: a killed worker's job is taken over after
                      at most about twice this (default 30000)
  --quiet             no line per job on stderr
`;

/** Runs `stkit worker`; returns the exit code. */
export async function runWorkerCommand(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream; signal?: AbortSignal },
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      redis: { type: 'string' },
      concurrency: { type: 'string' },
      threads: { type: 'string' },
      'exit-when-idle': { type: 'boolean' },
      'lock-ms': { type: 'string' },
      quiet: { type: 'boolean' },
      device: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(workerUsage);
    return 0;
  }
  const redis = requireOption('--redis', values.redis, REDIS_REQUIRED);
  const { runWorker } = await import('../distributed/worker');
  const result = await runWorker({
    redis,
    concurrency: parseIntegerOption('--concurrency', values.concurrency, 1),
    ...(values.threads === undefined ? {} : { threads: parseIntegerOption('--threads', values.threads, 0) }),
    exitWhenIdle: values['exit-when-idle'] ?? false,
    lockMs: parseIntegerOption('--lock-ms', values['lock-ms'], 30_000),
    devices: values.device ?? [],
    onLog: values.quiet ? undefined : (line) => io.stderr.write(`${line}\n`),
    signal: io.signal,
  });
  io.stdout.write(`worker: ${result.completed} jobs done, ${result.failed} failed\n`);
  return 0;
}
