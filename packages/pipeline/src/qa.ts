/**
 * `stkit qa` as a function: Clips in, QA samples out, in resumable shards.
 */
import { availableParallelism } from 'node:os';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError, safeParseClip, TASK_IDS, type Clip, type TaskId } from '@stkit/core';
import type { FactSelectionOptions } from '@stkit/kinematics';
import { addTaskCounts, emptyTaskCounts, type ClipSamplesOptions, type TaskCounts } from './clip-samples';
import type { ClipLine } from './clip-input';
import {
  invalidOutcome,
  outcomeOfClip,
  outcomeOfLine,
  type ClipOutcome,
  type InvalidClipRecord,
  type RawClipLine,
} from './clip-outcome';
import { createClipPool, type ClipPool } from './clip-pool';
import { packageVersions, writeManifest } from './manifest';
import { readLines } from './read-lines';
import { prepareOutputDir } from './atomic-write';
import {
  acquireShardBody,
  createShardDigest,
  readCompleteShard,
  releaseShardBody,
  removeShardsFrom,
  removeStaleTemporaryFiles,
  writeShard,
  type ShardBody,
  type ShardMeta,
} from './shards';

export type { InvalidClipRecord } from './clip-outcome';

/** Progress of a run, reported after each shard. */
export interface QaProgress {
  clips: number;
  samples: number;
  invalid: number;
}

/** An input item: a parsed clip, a line from {@link readClipsJsonl}, or a raw line (parsed where it is processed). */
export type QaInput = Clip | ClipLine | RawClipLine;

/** Options of {@link generateQa}. */
export interface GenerateQaOptions {
  /** Clips (plain `Clip`s, {@link readClipsJsonl} lines, or raw lines). Give this or `files`. */
  clips?: AsyncIterable<QaInput> | Iterable<QaInput>;
  /** JSONL files of clips, read in order (parsed in the worker threads). Give this or `clips`. */
  files?: readonly string[];
  /** Output folder: `samples/part-*.jsonl` and `manifest.json` are written there. */
  outDir: string;
  /** Seed of every random choice. @default 0 */
  seed?: number;
  /** Clips per output shard. Shard boundaries depend only on the input order. @default 1000 */
  shardSize?: number;
  /** Fact selection thresholds (SPEC defaults when absent). */
  kinematics?: Omit<FactSelectionOptions, 'random'>;
  /** Frames shown per sample. @default 32 */
  maxFrames?: number;
  /**
   * Worker threads for raw lines (`files`): parsing and fact selection run
   * there, the output order is the input order. 0 = in this thread. More
   * than the machine's available parallelism is capped at it.
   * @default min(available parallelism, 4)
   */
  workers?: number;
  /** Configuration echoed into the manifest (e.g. the input file). */
  inputs?: Record<string, unknown>;
  /** Called after each shard. */
  onProgress?: (progress: QaProgress) => void;
  /** Called for each invalid clip (already counted in the manifest). */
  onInvalid?: (error: Error) => void;
  /** Stops between clips; completed shards stay valid and a rerun resumes. */
  signal?: AbortSignal;
}

/** Result of {@link generateQa}. */
export interface GenerateQaResult {
  clips: number;
  invalidClips: number;
  samples: number;
  counts: TaskCounts;
  /** Shards kept from an earlier run. */
  resumedShards: number;
  manifestPath: string;
}

/** Counts stored in a `qa` shard's sidecar. */
export interface ShardCounts {
  tasks: TaskCounts;
  sources: Record<string, number>;
  invalid: InvalidClipRecord[];
  clips: number;
}

interface OpenShard {
  /** Metadata of the same shard from an earlier run, when complete. */
  kept: ShardMeta<ShardCounts> | undefined;
  /** Items held while a kept shard is being matched against the input. */
  held: QaInput[];
  count: number;
  /** The shard's outcomes so far (its body goes back for reuse when the shard is closed). */
  collected: QaShardCollector;
  /** The pushes of the batches sent to the pool, in order (each resolves once its outcomes are collected). */
  pooled: Promise<void>[];
  /** Raw lines waiting to be sent to the pool as one batch. */
  batch: RawClipLine[];
  /** Digest of the configuration and the shard's items. */
  digest: ReturnType<typeof createShardDigest>;
}

const MAX_INVALID_LISTED = 1000;
const BATCH_LINES = 16;

async function* linesOfFiles(files: readonly string[], signal: AbortSignal | undefined): AsyncGenerator<RawClipLine> {
  for (const file of files) {
    try {
      for await (const [line, text] of readLines(file, { signal })) {
        if (text.trim() !== '') yield { kind: 'raw', file, line, text };
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        const { DatasetFormatError } = await import('@stkit/core');
        throw new DatasetFormatError({ file, reason: 'file not found', cause: error });
      }
      throw error;
    }
  }
}

/**
 * Generates the QA samples of `clips` into `outDir` (see the package README).
 * @throws {@link InvalidArgumentError} for `seed`: must be an integer
 * @throws {@link InvalidArgumentError} for `shardSize`: must be a positive integer
 * @throws {@link InvalidArgumentError} for `clips`: give exactly one of `clips` and `files`
 * @throws {@link InvalidArgumentError} on the other invalid inputs this function checks (the message names the value)
 */
export async function generateQa(options: GenerateQaOptions): Promise<GenerateQaResult> {
  const seed = options.seed ?? 0;
  const shardSize = options.shardSize ?? 1000;
  if (!Number.isSafeInteger(seed))
    throw new InvalidArgumentError({ argument: 'seed', value: seed, message: 'must be an integer' });
  if (!Number.isInteger(shardSize) || shardSize < 1)
    throw new InvalidArgumentError({ argument: 'shardSize', value: shardSize, message: 'must be a positive integer' });
  if ((options.clips === undefined) === (options.files === undefined))
    throw new InvalidArgumentError({ argument: 'clips', message: 'give exactly one of `clips` and `files`' });
  const requestedWorkers = options.workers ?? Math.min(availableParallelism(), 4);
  if (!Number.isInteger(requestedWorkers) || requestedWorkers < 0)
    throw new InvalidArgumentError({
      argument: 'workers',
      value: requestedWorkers,
      message: 'must be a non-negative integer',
    });
  // Threads beyond the cores only cost memory (100,000 of them exhaust V8's heap).
  const workerCount = Math.min(requestedWorkers, availableParallelism());
  if (options.maxFrames !== undefined && (!Number.isInteger(options.maxFrames) || options.maxFrames < 1)) {
    throw new InvalidArgumentError({
      argument: 'maxFrames',
      value: options.maxFrames,
      message: 'must be a positive integer',
    });
  }
  await prepareOutputDir(options.outDir);
  const samplesDir = join(options.outDir, 'samples');
  await mkdir(samplesDir, { recursive: true });
  // Until this run completes the folder has no manifest, so a manifest never describes a mix of two runs.
  await rm(join(options.outDir, 'manifest.json'), { force: true });
  await removeStaleTemporaryFiles(samplesDir);
  const clipOptions: ClipSamplesOptions = { seed, kinematics: options.kinematics, maxFrames: options.maxFrames };
  const input = options.clips ?? linesOfFiles(options.files!, options.signal);
  let pool: ClipPool | undefined;

  const versions = packageVersions(QA_PACKAGES);
  const configKey = qaConfigKey({
    seed,
    kinematics: options.kinematics,
    maxFrames: options.maxFrames,
    shardSize,
    versions,
  });
  const totals = emptyQaTotals();
  let resumedShards = 0;
  let shardIndex = 0;
  let outstanding = 0;

  const submitBatch = (shard: OpenShard): void => {
    if (shard.batch.length === 0) return;
    const lines = shard.batch;
    shard.batch = [];
    if (workerCount === 0) {
      void shard.collected.push(lines.map((raw) => outcomeOfLine(raw, clipOptions)));
      return;
    }
    pool ??= createClipPool(workerCount, clipOptions);
    outstanding++;
    shard.pooled.push(shard.collected.push(pool.run(lines).finally(() => outstanding--)));
  };

  const addItem = async (shard: OpenShard, item: QaInput): Promise<void> => {
    if ('kind' in item && item.kind === 'raw') {
      shard.batch.push(item);
      if (shard.batch.length >= BATCH_LINES) submitBatch(shard);
      // Bound the lines in flight: wait for the oldest batch when the workers are behind.
      if (outstanding > workerCount * 4) await Promise.race(shard.pooled.slice(-workerCount * 4));
      return;
    }
    submitBatch(shard);
    let outcome: ClipOutcome;
    if (!('kind' in item)) {
      const location = { file: '<clips>', line: shard.count + shardIndex * shardSize };
      const parsed = safeParseClip(item, location);
      outcome = parsed.success
        ? outcomeOfClip(item, clipOptions, location)
        : invalidOutcome(location.file, location.line, parsed.error);
    } else if (item.kind === 'clip') outcome = outcomeOfClip(item.clip, clipOptions, item);
    else outcome = invalidOutcome(item.file, item.line, item.error);
    void shard.collected.push([outcome]);
  };

  const closeShard = async (shard: OpenShard): Promise<void> => {
    let meta = shard.kept;
    const inputDigest = shard.digest.digest();
    if (meta !== undefined && meta.items === shard.count && meta.inputDigest === inputDigest) {
      resumedShards++;
    } else {
      for (const item of shard.held) await addItem(shard, item);
      submitBatch(shard);
      const collected = shard.collected;
      await collected.drained();
      options.signal?.throwIfAborted();
      meta = await writeShard(samplesDir, shardIndex, shard.count, collected.body, collected.counts, inputDigest);
    }
    shard.collected.release();
    addQaShardToTotals(totals, meta);
    for (const record of meta.counts.invalid) options.onInvalid?.(new Error(record.message));
    shardIndex++;
    options.onProgress?.({ clips: totals.clips, samples: totals.samples, invalid: totals.invalidClips });
  };

  try {
    let current: OpenShard | undefined;
    for await (const item of input) {
      options.signal?.throwIfAborted();
      current ??= {
        kept: await readCompleteShard<ShardCounts>(samplesDir, shardIndex),
        held: [],
        count: 0,
        collected: collectQaShard(),
        pooled: [],
        batch: [],
        digest: createShardDigest(configKey),
      };
      current.count++;
      current.digest.update(itemText(item));
      if (current.kept !== undefined) current.held.push(item);
      else await addItem(current, item);
      if (current.count >= shardSize) {
        await closeShard(current);
        current = undefined;
      }
    }
    if (current !== undefined) await closeShard(current);
  } finally {
    await pool?.close();
  }

  const manifestPath = await writeQaManifest(
    options.outDir,
    { seed, shardSize, maxFrames: options.maxFrames, kinematics: options.kinematics, inputs: options.inputs, versions },
    totals,
  );
  return {
    clips: totals.clips,
    invalidClips: totals.invalidClips,
    samples: totals.samples,
    counts: totals.tasks,
    resumedShards,
    manifestPath,
  };
}

/** Packages whose versions decide a `qa` run's bytes (recorded in the manifest and the shard digests). */
export const QA_PACKAGES = ['@stkit/core', '@stkit/kinematics', '@stkit/templates', '@stkit/pipeline'] as const;

/** What decides a `qa` run's output bytes besides the input. */
export interface QaRunConfig {
  seed: number;
  shardSize: number;
  maxFrames?: number;
  kinematics?: Omit<FactSelectionOptions, 'random'>;
  /** Configuration echoed into the manifest (not part of the digest). */
  inputs?: Record<string, unknown>;
  versions: Record<string, string>;
}

/** The configuration part of every `qa` shard digest: everything besides the input that decides the output bytes. */
export function qaConfigKey(run: Omit<QaRunConfig, 'inputs'>): string {
  return JSON.stringify({
    command: 'qa',
    seed: run.seed,
    kinematics: run.kinematics ?? {},
    maxFrames: run.maxFrames ?? 32,
    shardSize: run.shardSize,
    versions: run.versions,
  });
}

/** The outcomes of one shard's clips, encoded into its body in input order as they arrive (see {@link collectQaShard}). */
export interface QaShardCollector {
  /** The shard's lines so far. */
  readonly body: ShardBody;
  /** The shard's counts so far. */
  readonly counts: ShardCounts;
  /**
   * Adds outcomes after everything pushed before them: at once when they are
   * ready and nothing earlier is pending, else when they and all earlier
   * pushes are in. The returned promise resolves then (rejects with the first
   * failure of this or an earlier push).
   */
  push(outcomes: readonly ClipOutcome[] | Promise<readonly ClipOutcome[]>): Promise<void>;
  /** Resolves when every push is in; rejects with the first failure. */
  drained(): Promise<void>;
  /** Gives the body back for reuse, once it is written. */
  release(): void;
}

/**
 * Collects the outcomes of one shard's clips, in input order, into its body
 * and counts. Each outcome's lines are encoded as soon as its turn comes, so
 * the strings die young instead of living (and being promoted) until the shard
 * is written.
 */
export function collectQaShard(): QaShardCollector {
  const body = acquireShardBody();
  const counts: ShardCounts = { tasks: emptyTaskCounts(), sources: {}, invalid: [], clips: 0 };
  let tail: Promise<void> | undefined;
  const add = (outcomes: readonly ClipOutcome[]): void => {
    for (const outcome of outcomes) {
      if (outcome.kind === 'invalid') {
        counts.invalid.push(outcome.record);
        continue;
      }
      body.appendAll(outcome.lines);
      addTaskCounts(counts.tasks, outcome.counts);
      counts.sources[outcome.dataset] = (counts.sources[outcome.dataset] ?? 0) + outcome.lines.length;
      counts.clips++;
    }
  };
  return {
    body,
    counts,
    push(outcomes) {
      if (tail === undefined && !(outcomes instanceof Promise)) {
        add(outcomes);
        return Promise.resolve();
      }
      const next = Promise.all([tail, outcomes]).then(([, ready]) => add(ready));
      tail = next;
      // Once the chain is empty, ready outcomes are added at once again; a failure stays in the chain.
      next.then(
        () => {
          if (tail === next) tail = undefined;
        },
        () => undefined,
      );
      return next;
    },
    drained: () => tail ?? Promise.resolve(),
    release: () => releaseShardBody(body),
  };
}

/** Running totals of a `qa` run, summed shard by shard in shard order. */
export interface QaTotals {
  tasks: TaskCounts;
  sources: Record<string, number>;
  invalid: InvalidClipRecord[];
  clips: number;
  invalidClips: number;
  samples: number;
  shards: number;
}

/** Zeroed {@link QaTotals}. */
export function emptyQaTotals(): QaTotals {
  return { tasks: emptyTaskCounts(), sources: {}, invalid: [], clips: 0, invalidClips: 0, samples: 0, shards: 0 };
}

/** Adds a finished shard to the totals (shards must be added in shard order). */
export function addQaShardToTotals(totals: QaTotals, meta: ShardMeta<ShardCounts>): void {
  const counts = meta.counts;
  addTaskCounts(totals.tasks, counts.tasks);
  for (const [dataset, count] of Object.entries(counts.sources))
    totals.sources[dataset] = (totals.sources[dataset] ?? 0) + count;
  for (const record of counts.invalid) if (totals.invalid.length < MAX_INVALID_LISTED) totals.invalid.push(record);
  totals.clips += counts.clips;
  totals.invalidClips += counts.invalid.length;
  totals.samples += meta.lines;
  totals.shards++;
}

/**
 * Writes a `qa` run's `manifest.json` in `outDir`; returns its path. `extra`
 * fields (e.g. the failed shards of a distributed run) follow the standard ones;
 * shard files numbered `plannedShards` or more are removed (an older run's).
 */
export async function writeQaManifest(
  outDir: string,
  run: QaRunConfig,
  totals: QaTotals,
  extra: Record<string, unknown> = {},
  plannedShards = totals.shards,
): Promise<string> {
  const manifestPath = join(outDir, 'manifest.json');
  // A rerun over a shorter input: the shards beyond this run's last one belong to the older run
  // (`plannedShards`: a distributed run with failed shards counts fewer finished shards than it has).
  await removeShardsFrom(join(outDir, 'samples'), plannedShards);
  await writeManifest(manifestPath, {
    command: 'qa',
    seed: run.seed,
    config: {
      shardSize: run.shardSize,
      maxFrames: run.maxFrames ?? 32,
      kinematics: run.kinematics ?? {},
      ...(run.inputs ?? {}),
    },
    versions: run.versions,
    counts: {
      clips: totals.clips,
      invalidClips: totals.invalidClips,
      samples: totals.samples,
      shards: totals.shards,
      perTask: Object.fromEntries(TASK_IDS.map((task) => [task, totals.tasks.samples[task]])) as Record<TaskId, number>,
      perSource: sortKeys(totals.sources),
      candidates: totals.tasks.candidates,
      rejected: Object.fromEntries(TASK_IDS.map((task) => [task, sortKeys(totals.tasks.rejected[task])])),
    },
    invalid: totals.invalid,
    ...extra,
  });
  return manifestPath;
}

/** The text an input item contributes to its shard's digest. */
function itemText(item: QaInput): string {
  if (!('kind' in item)) return JSON.stringify(item);
  if (item.kind === 'raw') return item.text;
  if (item.kind === 'clip') return JSON.stringify(item.clip);
  return `invalid ${item.file}:${item.line}: ${item.error.message}`;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
