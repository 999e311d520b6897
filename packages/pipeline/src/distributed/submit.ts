/** Submitting a run: plan its shards, record it in Redis, enqueue one job per shard. */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Queue } from 'bullmq';
import { DatasetFormatError, InvalidArgumentError } from '@stkit/core';
import type { FactSelectionOptions } from '@stkit/kinematics';
import { prepareOutputDir } from '../atomic-write';
import { packageVersions } from '../manifest';
import { gtConfigKey, gtRunConfig, type GenerateGtOptions, type GtErrorRecord } from '../gt';
import { QA_PACKAGES, qaConfigKey, type QaRunConfig } from '../qa';
import { planGtShards } from './gt-jobs';
import { openQueue } from './queue';
import { planQaShards } from './qa-jobs';
import { normalisePseudoArgs, pseudoInputDigest, pseudoVersions } from './pseudo-jobs';
import {
  GPU_QUEUE_NAME,
  jobId,
  outKey,
  runId,
  runKey,
  type PseudoJobData,
  type GtJobData,
  type GtRunRecord,
  type PseudoRunRecord,
  type QaJobData,
  type QaRunRecord,
} from './run';

/** Options of {@link submitQa}: those of `generateQa` with `files`, plus where the queue is. */
export interface SubmitQaOptions {
  /** Redis URL, e.g. `redis://localhost:6379`. */
  redis: string;
  /** Clips files (JSONL) on a filesystem every worker sees at the same path. */
  files: readonly string[];
  /** Output folder on a filesystem every worker sees at the same path. */
  outDir: string;
  /** @default 0 */
  seed?: number;
  /** @default 1000 */
  shardSize?: number;
  /** @default 32 */
  maxFrames?: number;
  kinematics?: Omit<FactSelectionOptions, 'random'>;
  /** Configuration echoed into the manifest. @default { clips: file names } (as `stkit qa`) */
  inputs?: Record<string, unknown>;
  /** Attempts per shard before it counts as failed. @default 3 */
  attempts?: number;
  /** First retry delay, ms (doubling per attempt). @default 1000 */
  backoffMs?: number;
  signal?: AbortSignal;
}

/** Result of a submission. */
export interface SubmitResult {
  /** The run id (`stkit status --run ID`). */
  runId: string;
  shards: number;
  /** Input items (non-blank lines). */
  items: number;
  /** Jobs this call added (0 when the same run was submitted before). */
  added: number;
}

/**
 * Plans a `qa` run and enqueues its shards (see the package README, "Scale-out").
 * @throws {@link InvalidArgumentError} for `seed`: must be an integer
 * @throws {@link InvalidArgumentError} for `shardSize`: must be a positive integer
 * @throws {@link InvalidArgumentError} for `attempts`: must be a positive integer
 * @throws {@link InvalidArgumentError} on the other invalid inputs this function checks (the message names the value)
 */
export async function submitQa(options: SubmitQaOptions): Promise<SubmitResult> {
  const seed = options.seed ?? 0;
  const shardSize = options.shardSize ?? 1000;
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 1000;
  if (!Number.isSafeInteger(seed))
    throw new InvalidArgumentError({ argument: 'seed', value: seed, message: 'must be an integer' });
  if (!Number.isInteger(shardSize) || shardSize < 1)
    throw new InvalidArgumentError({ argument: 'shardSize', value: shardSize, message: 'must be a positive integer' });
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new InvalidArgumentError({ argument: 'attempts', value: attempts, message: 'must be a positive integer' });
  if (!Number.isInteger(backoffMs) || backoffMs < 0)
    throw new InvalidArgumentError({
      argument: 'backoffMs',
      value: backoffMs,
      message: 'must be a non-negative integer',
    });
  if (options.files.length === 0)
    throw new InvalidArgumentError({ argument: 'files', message: 'give at least one clips file' });
  const files = options.files.map((file) => resolve(file));
  const outDir = resolve(options.outDir);
  const config: QaRunConfig = {
    seed,
    shardSize,
    maxFrames: options.maxFrames,
    kinematics: options.kinematics,
    inputs: options.inputs ?? { clips: files.map((file) => file.split('/').pop()) },
    versions: packageVersions(QA_PACKAGES),
  };
  const queue = await openQueue(options.redis);
  try {
    const shards = await planQaShards(files, config, options.signal);
    const id = runId('qa', outDir, qaConfigKey(config), shards);
    const record: QaRunRecord = {
      id,
      command: 'qa',
      outDir,
      config,
      shards: shards.map(({ items, digest }) => ({ items, digest })),
      items: shards.reduce((sum, shard) => sum + shard.items, 0),
      submittedAt: Date.now(),
    };
    const redis = await queue.client;
    // The first submission's record stays (its submission time is the run's start).
    if ((await redis.get(runKey(id))) === null) await redis.set(runKey(id), JSON.stringify(record));
    await redis.set(outKey(outDir), id);
    await prepareOutputDir(outDir, '--out');
    const added = await enqueueShards(
      queue,
      'qa',
      id,
      shards,
      { attempts, backoffMs },
      (shard, index): QaJobData => ({
        kind: 'qa',
        run: id,
        index,
        items: shard.items,
        digest: shard.digest,
        segments: shard.segments,
      }),
    );
    // Until the new run completes, the folder has no manifest (one never describes a mix of two runs).
    if (added > 0) await rm(join(outDir, 'manifest.json'), { force: true });
    return { runId: id, shards: shards.length, items: record.items, added };
  } finally {
    await queue.close();
  }
}

/** Options of {@link submitGt}: those of `generateGt` (frames named by their dataset root), plus where the queue is. */
export interface SubmitGtOptions extends Omit<GenerateGtOptions, 'renderFrames' | 'onProgress' | 'outDir'> {
  redis: string;
  /** Output folder on a filesystem every worker sees at the same path. */
  outDir: string;
  /**
   * Draw frames with the visual prompt from the images under this dataset
   * root (as `stkit gt` does without `--no-frames`; it must be on a
   * filesystem every worker sees at the same path). Absent: no frames.
   */
  framesRoot?: string;
  /** Attempts per shard before it counts as failed. @default 3 */
  attempts?: number;
  /** First retry delay, ms (doubling per attempt). @default 1000 */
  backoffMs?: number;
}

/** Result of {@link submitGt}: {@link SubmitResult} with the reader's failed logs and invalid clips. */
export interface SubmitGtResult extends SubmitResult {
  errors: number;
}

/**
 * Plans a `gt` run and enqueues its shards: runs the dataset reader (the
 * events), writes the clips shards of `stkit gt` into `outDir/clips` and
 * adds one job per shard (see docs/pages/scale-out.md). The same events and
 * options give the same run id and add nothing the second time.
 * @throws {@link InvalidArgumentError} for `shardSize`, `seed`, `attempts` or `backoffMs` out of their domain
 * @throws {@link DatasetFormatError} when the events hold no valid clip but failed logs (nothing is enqueued)
 */
export async function submitGt(options: SubmitGtOptions): Promise<SubmitGtResult> {
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 1000;
  const run = gtRunConfig({ ...options, frames: options.framesRoot !== undefined });
  if (!Number.isSafeInteger(run.seed))
    throw new InvalidArgumentError({ argument: 'seed', value: run.seed, message: 'must be an integer' });
  if (!Number.isInteger(run.shardSize) || run.shardSize < 1)
    throw new InvalidArgumentError({
      argument: 'shardSize',
      value: run.shardSize,
      message: 'must be a positive integer',
    });
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new InvalidArgumentError({ argument: 'attempts', value: attempts, message: 'must be a positive integer' });
  if (!Number.isInteger(backoffMs) || backoffMs < 0)
    throw new InvalidArgumentError({
      argument: 'backoffMs',
      value: backoffMs,
      message: 'must be a non-negative integer',
    });
  const outDir = resolve(options.outDir);
  const queue = await openQueue(options.redis);
  try {
    await prepareOutputDir(outDir, '--out');
    const errors: GtErrorRecord[] = [];
    const shards = await planGtShards(options.events, run, outDir, errors, options.onError, options.signal);
    if (shards.length === 0 && errors.length > 0)
      throw new DatasetFormatError({
        file: errors[0]!.file,
        reason: `no clip to label: every log or clip failed (${errors.length}; the first: ${errors[0]!.message})`,
      });
    const framesRoot = options.framesRoot === undefined ? undefined : resolve(options.framesRoot);
    const id = runId(
      'gt',
      outDir,
      JSON.stringify({ configKey: gtConfigKey(run), echo: run.echo, framesRoot, errors }),
      shards,
    );
    const record: GtRunRecord = {
      id,
      command: 'gt',
      outDir,
      config: run,
      ...(framesRoot === undefined ? {} : { framesRoot }),
      errors,
      shards,
      items: shards.reduce((sum, shard) => sum + shard.items, 0),
      submittedAt: Date.now(),
    };
    const redis = await queue.client;
    if ((await redis.get(runKey(id))) === null) await redis.set(runKey(id), JSON.stringify(record));
    await redis.set(outKey(outDir), id);
    const added = await enqueueShards(
      queue,
      'gt',
      id,
      shards,
      { attempts, backoffMs },
      (shard, index): GtJobData => ({
        kind: 'gt',
        run: id,
        index,
        items: shard.items,
        digest: shard.digest,
      }),
    );
    // Until the new run completes, the folder has no manifest (one never describes a mix of two runs).
    if (added > 0) await rm(join(outDir, 'manifest.json'), { force: true });
    return { runId: id, shards: shards.length, items: record.items, added, errors: errors.length };
  } finally {
    await queue.close();
  }
}

/** Options of {@link submitPseudo}. */
export interface SubmitPseudoOptions {
  redis: string;
  /** The arguments of `stkit pseudo` for one video (must include `--out`; paths are made absolute). */
  argv: readonly string[];
  /** @default 3 */
  attempts?: number;
  /** @default 1000 */
  backoffMs?: number;
}

/**
 * Enqueues one video's `stkit pseudo` as a job for a worker with a GPU
 * (`stkit worker --device …`). Submit each video of a batch into its own
 * output folder; the same arguments and inputs give the same run id.
 * @throws {@link InvalidArgumentError} for `attempts`: must be a positive integer
 */
export async function submitPseudo(options: SubmitPseudoOptions): Promise<SubmitResult> {
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 1000;
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new InvalidArgumentError({ argument: 'attempts', value: attempts, message: 'must be a positive integer' });
  const { argv, outDir, inputs } = normalisePseudoArgs(options.argv);
  const versions = pseudoVersions();
  const digest = await pseudoInputDigest(argv, inputs, versions);
  const shards = [{ items: 1, digest }];
  const id = runId('pseudo', outDir, JSON.stringify({ argv, versions }), shards);
  const control = await openQueue(options.redis);
  const queue = await openQueue(options.redis, GPU_QUEUE_NAME).catch(async (error: unknown) => {
    await control.close();
    throw error;
  });
  try {
    await prepareOutputDir(outDir, '--out');
    const record: PseudoRunRecord = {
      id,
      command: 'pseudo',
      outDir,
      argv,
      config: { versions },
      shards,
      items: 1,
      submittedAt: Date.now(),
    };
    const redis = await control.client;
    if ((await redis.get(runKey(id))) === null) await redis.set(runKey(id), JSON.stringify(record));
    await redis.set(outKey(outDir), id);
    const data: PseudoJobData = { kind: 'pseudo', run: id, index: 0, argv };
    const job = jobId('pseudo', id, 0);
    const added = (await queue.getJobState(job)) === 'unknown' ? 1 : 0;
    await queue.add('pseudo', data, {
      jobId: job,
      attempts,
      backoff: { type: 'exponential', delay: backoffMs },
      removeOnComplete: false,
      removeOnFail: false,
    });
    return { runId: id, shards: 1, items: 1, added };
  } finally {
    await queue.close();
    await control.close();
  }
}

/**
 * Adds one job per shard (id `<kind>-<run>-<index>`, in chunks of 500);
 * BullMQ adds no job whose id exists. Returns how many were new.
 */
async function enqueueShards<S, D>(
  queue: Queue,
  kind: 'qa' | 'gt',
  id: string,
  shards: readonly S[],
  retry: { attempts: number; backoffMs: number },
  dataOf: (shard: S, index: number) => D,
): Promise<number> {
  let added = 0;
  const chunk = 500;
  for (let start = 0; start < shards.length; start += chunk) {
    const jobs = shards.slice(start, start + chunk).map((shard, offset) => ({
      name: kind,
      data: dataOf(shard, start + offset),
      opts: {
        jobId: jobId(kind, id, start + offset),
        attempts: retry.attempts,
        backoff: { type: 'exponential', delay: retry.backoffMs },
        removeOnComplete: false,
        removeOnFail: false,
      },
    }));
    const before = await Promise.all(jobs.map((job) => queue.getJobState(job.opts.jobId)));
    added += before.filter((state) => state === 'unknown').length;
    await queue.addBulk(jobs);
  }
  return added;
}
