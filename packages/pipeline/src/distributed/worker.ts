/** A worker process: takes shard jobs of any run from the queue and writes their output. */
import { availableParallelism } from 'node:os';
import type { Job } from 'bullmq';
import { InvalidArgumentError } from '@stkit/core';
import { createClipPool, type ClipPool } from '../clip-pool';
import { outcomeOfLine } from '../clip-outcome';
import type { ClipSamplesOptions } from '../clip-samples';
import { packageVersions } from '../manifest';
import { connectionOf, openQueue } from './queue';
import { runGtJob } from './gt-jobs';
import { pseudoDeviceEnvironment, runPseudoJob } from './pseudo-jobs';
import { runQaJob } from './qa-jobs';
import { GPU_QUEUE_NAME, QUEUE_NAME, doneKey, loadRun, type DoneShard, type JobData, type RunRecord } from './run';

/** Options of {@link runWorker}. */
export interface WorkerOptions {
  redis: string;
  /** Jobs processed at once. @default 1 */
  concurrency?: number;
  /**
   * Exit when the queues this worker serves (the CPU queue; with `devices`
   * also the GPU queue) have no unfinished jobs of any run — waiting, delayed
   * (a retry's back-off), prioritized or active, which includes jobs held by
   * a killed worker until they are taken over — instead of waiting for new ones.
   */
  exitWhenIdle?: boolean;
  /**
   * How long a job's lock lasts without renewal, ms; a killed worker's job is
   * taken over after at most about twice this. The lock is renewed every half
   * of it while the job runs. @default 30000
   */
  lockMs?: number;
  /**
   * Devices this worker may use for `pseudo` jobs, e.g. `['cuda:0', 'cuda:1']`
   * (or `'cpu'`): it takes that many `pseudo` jobs at once, each in a process
   * that sees only its device (`CUDA_VISIBLE_DEVICES`; named in the job's log
   * line). Without devices it takes no `pseudo` jobs.
   * @throws {@link InvalidArgumentError} for `--device`: not `cuda:N` or `cpu`
   */
  devices?: readonly string[];
  /**
   * Worker threads that turn a `qa` job's clips into samples; 0 = in this
   * thread. One job at a time gains nothing from a thread (every line would
   * be copied to it and every sample back), so the default is 0 for
   * `concurrency` 1 and `concurrency` otherwise: scale out with processes.
   * @default concurrency === 1 ? 0 : concurrency
   */
  threads?: number;
  /** A line per finished or failed job. */
  onLog?: (line: string) => void;
  /** Closes the worker after the jobs in hand are finished. */
  signal?: AbortSignal;
}

/** What a worker did. */
export interface WorkerResult {
  completed: number;
  failed: number;
}

/** How often an idle worker started with `exitWhenIdle` checks whether every run is finished. */
const IDLE_POLL_MS = 200;

/** Thread pools (run configurations) a worker keeps at once. */
const MAX_POOLS = 4;

/**
 * Runs a worker until it is idle (`exitWhenIdle`) or `signal` aborts.
 * @throws {@link InvalidArgumentError} for `concurrency`: must be a positive integer
 * @throws {@link InvalidArgumentError} for `lockMs`: must be an integer of at least 200 (ms)
 * @throws {@link InvalidArgumentError} for `threads`: must be a non-negative integer
 */
export async function runWorker(options: WorkerOptions): Promise<WorkerResult> {
  const concurrency = options.concurrency ?? 1;
  const lockMs = options.lockMs ?? 30_000;
  const threads = options.threads ?? (concurrency === 1 ? 0 : concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new InvalidArgumentError({
      argument: 'concurrency',
      value: concurrency,
      message: 'must be a positive integer',
    });
  if (!Number.isInteger(lockMs) || lockMs < 200)
    throw new InvalidArgumentError({
      argument: 'lockMs',
      value: lockMs,
      message: 'must be an integer of at least 200 (ms)',
    });
  if (!Number.isInteger(threads) || threads < 0 || threads > availableParallelism() * 4)
    throw new InvalidArgumentError({ argument: 'threads', value: threads, message: 'must be a non-negative integer' });
  for (const device of options.devices ?? []) pseudoDeviceEnvironment(device);
  const { Worker, UnrecoverableError } = await import('bullmq');
  const queue = await openQueue(options.redis);
  const redis = await queue.client;
  const runs = new Map<string, RunRecord>();
  // One thread pool per run configuration (the threads are started with the seed and options);
  // at most MAX_POOLS are kept, unused ones are closed first.
  const pools = new Map<string, { pool: ClipPool; jobs: number }>();
  const result: WorkerResult = { completed: 0, failed: 0 };
  // Jobs this process is running: while there are any, the idle check needs no Redis round trip.
  let running = 0;
  const log = options.onLog ?? (() => {});

  const runOf = async (id: string): Promise<RunRecord> => {
    let run = runs.get(id);
    if (run === undefined) {
      run = await loadRun(queue, id);
      if (run === undefined) throw new UnrecoverableError(`run ${id} has no record on this Redis server`);
      const mine = packageVersions(Object.keys(run.config.versions));
      const differ = Object.keys(run.config.versions).filter((name) => mine[name] !== run!.config.versions[name]);
      if (differ.length > 0) {
        // Another version could write other bytes: leave the job to a worker with the submitter's versions.
        throw new UnrecoverableError(
          `this worker has ${differ.map((name) => `${name} ${mine[name]}`).join(', ')}; the run was submitted with ${differ.map((name) => `${name} ${run!.config.versions[name]}`).join(', ')}`,
        );
      }
      runs.set(id, run);
    }
    return run;
  };

  const poolFor = (
    options: ClipSamplesOptions,
  ): {
    run: (lines: Parameters<ClipPool['run']>[0]) => Promise<ReturnType<typeof outcomeOfLine>[]>;
    release: () => void;
  } => {
    if (threads === 0)
      return { run: async (lines) => lines.map((line) => outcomeOfLine(line, options)), release: () => {} };
    const key = JSON.stringify(options);
    let entry = pools.get(key);
    if (entry === undefined) {
      for (const [other, unused] of pools) {
        if (pools.size < MAX_POOLS) break;
        if (unused.jobs > 0) continue;
        pools.delete(other);
        void unused.pool.close();
      }
      entry = { pool: createClipPool(threads, options), jobs: 0 };
      pools.set(key, entry);
    }
    const held = entry;
    held.jobs++;
    return {
      run: (lines) => held.pool.run(lines),
      release: () => {
        held.jobs--;
      },
    };
  };

  const processor = async (job: Job<JobData>): Promise<DoneShard> => {
    const data = job.data;
    const started = performance.now();
    running++;
    try {
      return await processJob(job, data, started);
    } finally {
      running--;
    }
  };

  const processJob = async (job: Job<JobData>, data: JobData, started: number): Promise<DoneShard> => {
    const run = await runOf(data.run);
    let done: { items: number; lines: number; kept?: boolean };
    let where = '';
    if (data.kind === 'qa' && run.command === 'qa') {
      const lease = poolFor({
        seed: run.config.seed,
        kinematics: run.config.kinematics,
        maxFrames: run.config.maxFrames,
      });
      try {
        done = await runQaJob(run, data, lease.run);
      } finally {
        lease.release();
      }
    } else if (data.kind === 'gt' && run.command === 'gt') {
      done = await runGtJob(run, data, (error) => log(`${job.id}: skipped: ${error.message}`), options.signal);
    } else if (data.kind === 'pseudo' && run.command === 'pseudo') {
      const device = freeDevices.shift();
      if (device === undefined) throw new Error('no free device (more pseudo jobs than --device entries)');
      where = ` on ${device}`;
      try {
        done = await runPseudoJob(data.argv, run.outDir, device, options.signal);
      } finally {
        freeDevices.push(device);
      }
    } else {
      throw new UnrecoverableError(`job kind '${data.kind}' does not match run ${run.id} (${run.command})`);
    }
    const record: DoneShard = { items: done.items, lines: done.lines, at: Date.now() };
    await redis.hset(doneKey(run.id), { [String(data.index)]: JSON.stringify(record) });
    log(
      `${job.id}${where}: ${done.items} ${data.kind === 'pseudo' ? 'video' : 'clips'} → ${done.lines} samples${done.kept ? ' (already written)' : ''} in ${((performance.now() - started) / 1000).toFixed(2)} s`,
    );
    return record;
  };

  const devices = options.devices ?? [];
  const freeDevices = [...devices];
  // Set with `exitWhenIdle`: runs the idle check as soon as a finished job leaves this worker with none.
  let checkSoon = (): void => {};
  const makeWorker = (name: string, jobs: number) => {
    const made = new Worker<JobData, DoneShard>(name, processor, {
      connection: connectionOf(options.redis),
      concurrency: jobs,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      // A shard may be held by a killed worker more than once before it counts as poison.
      maxStalledCount: 3,
      autorun: false,
    });
    made.on('error', (error) => log(`worker error: ${error.message}`));
    made.on('completed', () => {
      result.completed++;
      checkSoon();
    });
    made.on('failed', (job, error) => {
      if (job === undefined) return;
      const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error instanceof UnrecoverableError;
      if (final) result.failed++;
      log(`${job.id}: ${final ? 'failed' : `attempt ${job.attemptsMade} failed, will retry`}: ${error.message}`);
      checkSoon();
    });
    return made;
  };
  const workers = [makeWorker(QUEUE_NAME, concurrency)];
  // pseudo jobs: one per device at a time, only on workers that have devices.
  const gpuQueue = devices.length > 0 ? await openQueue(options.redis, GPU_QUEUE_NAME) : undefined;
  if (devices.length > 0) workers.push(makeWorker(GPU_QUEUE_NAME, devices.length));
  const served = gpuQueue === undefined ? [queue] : [queue, gpuQueue];

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all([...pools.values()].map((entry) => entry.pool.close()));
      await Promise.all(served.map((open) => open.close()));
    })();
    return closing;
  };
  options.signal?.addEventListener('abort', () => void close(), { once: true });
  let idleTimer: NodeJS.Timeout | undefined;
  if (options.exitWhenIdle) {
    const check = async (): Promise<void> => {
      idleTimer = undefined;
      if (closing !== undefined) return;
      if (running > 0) {
        idleTimer = setTimeout(check, IDLE_POLL_MS);
        return;
      }
      try {
        let unfinished = 0;
        for (const open of served) {
          const counts = await open.getJobCounts(
            'active',
            'waiting',
            'delayed',
            'paused',
            'prioritized',
            'waiting-children',
          );
          unfinished += Object.values(counts).reduce((sum, count) => sum + count, 0);
        }
        if (unfinished === 0) {
          void close();
          return;
        }
      } catch (error) {
        log(`idle check failed: ${(error as Error).message}`);
      }
      idleTimer = setTimeout(check, IDLE_POLL_MS);
    };
    idleTimer = setTimeout(check, IDLE_POLL_MS);
    // When the last held job is finished, look at once instead of at the next poll (up to IDLE_POLL_MS later).
    // (No timer means a check is under way: it polls again by itself.)
    checkSoon = () => {
      if (running > 0 || closing !== undefined || idleTimer === undefined) return;
      clearTimeout(idleTimer);
      idleTimer = setTimeout(check, 0);
    };
  }
  try {
    await Promise.all(workers.map((worker) => worker.run()));
  } finally {
    if (idleTimer !== undefined) clearTimeout(idleTimer);
    await close();
  }
  return result;
}
