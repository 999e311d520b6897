/**
 * What Redis holds about a distributed run, besides BullMQ's own job keys:
 *
 * - `stkit:run:<id>` — the run record (JSON): command, output folder, the
 *   configuration that decides the bytes, package versions, and per shard its
 *   item count and input digest (the same digest `stkit qa` stores beside a
 *   shard);
 * - `stkit:run:<id>:done` — hash shard index → `{ items, lines, at }`, set by
 *   the worker after the shard's files are renamed into place;
 * - `stkit:out:<outDir>` — the id of the last run submitted into that folder
 *   (what `stkit status --out DIR` reads).
 *
 * Jobs are BullMQ jobs in the queue {@link QUEUE_NAME}, one per shard, with
 * the id `<kind>-<run id>-<shard index>`: the same input gives the same ids,
 * and BullMQ does not add a job whose id exists, so a resubmission adds nothing.
 */
import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import { InvalidArgumentError } from '@stkit/core';
import type { GtErrorRecord, GtRunConfig } from '../gt';
import type { QaRunConfig } from '../qa';

/** The BullMQ queue of CPU jobs (`qa`, `gt`). */
export const QUEUE_NAME = 'stkit';

/** The BullMQ queue of jobs that hold a GPU each (`pseudo`), taken only by workers started with `--device`. */
export const GPU_QUEUE_NAME = 'stkit-gpu';

/** Kinds of jobs (one per distributed command). */
export type JobKind = 'qa' | 'gt' | 'pseudo';

/** Where a shard's input lines are: a byte range of a file, starting at line `firstLine`. */
export interface Segment {
  file: string;
  start: number;
  end: number;
  firstLine: number;
}

/** One shard of a run's plan. */
export interface ShardPlan {
  /** Input items (non-blank lines) in the shard. */
  items: number;
  /** Digest of the run's configuration and the shard's items (`ShardMeta.inputDigest`). */
  digest: string;
}

/** Data of a `qa` job. */
export interface QaJobData {
  kind: 'qa';
  run: string;
  index: number;
  items: number;
  digest: string;
  segments: Segment[];
}

/** Data of a `pseudo` job: one video, the arguments of `stkit pseudo` (paths absolute). */
export interface PseudoJobData {
  kind: 'pseudo';
  run: string;
  index: number;
  argv: string[];
}

/**
 * Data of a `gt` job: shard `index` of the run, whose clips `submit` wrote to
 * `clips/part-NNNNN.jsonl` (with the digest of the run's configuration and
 * those clips); the job writes `samples/part-NNNNN.jsonl` and the frames.
 */
export interface GtJobData {
  kind: 'gt';
  run: string;
  index: number;
  items: number;
  digest: string;
}

/** Data of any job. */
export type JobData = QaJobData | GtJobData | PseudoJobData;

/** The record of a `qa` run. */
export interface QaRunRecord {
  id: string;
  command: 'qa';
  outDir: string;
  config: QaRunConfig;
  shards: ShardPlan[];
  /** Non-blank input lines. */
  items: number;
  /** Milliseconds since the epoch of the first submission. */
  submittedAt: number;
}

/** The record of a `pseudo` run: one video, one job; the job writes the folder's manifest itself. */
export interface PseudoRunRecord {
  id: string;
  command: 'pseudo';
  outDir: string;
  argv: string[];
  config: { versions: Record<string, string> };
  /** One shard (the video); its digest covers the arguments and the input files' names and sizes. */
  shards: ShardPlan[];
  items: number;
  submittedAt: number;
}

/** The record of a `gt` run: the reader ran at submission; its failed logs and invalid clips are kept for the manifest. */
export interface GtRunRecord {
  id: string;
  command: 'gt';
  outDir: string;
  config: GtRunConfig;
  /** The dataset root frames are drawn from (absolute); absent: no frames. */
  framesRoot?: string;
  /** Failed logs and schema-invalid clips, in reader order (the manifest's `errors`). */
  errors: GtErrorRecord[];
  shards: ShardPlan[];
  /** Valid clips. */
  items: number;
  submittedAt: number;
}

/** A run record. */
export type RunRecord = QaRunRecord | GtRunRecord | PseudoRunRecord;

/** A finished shard, as the worker records it. */
export interface DoneShard {
  items: number;
  lines: number;
  /** Milliseconds since the epoch. */
  at: number;
}

export const runKey = (id: string): string => `stkit:run:${id}`;
export const doneKey = (id: string): string => `stkit:run:${id}:done`;
export const outKey = (outDir: string): string => `stkit:out:${outDir}`;

/** The job id of shard `index` of run `run`. */
export function jobId(kind: JobKind, run: string, index: number): string {
  return `${kind}-${run}-${index}`;
}

/** A run's id: digest of its command, output folder, configuration and the digests of its shards. */
export function runId(command: JobKind, outDir: string, configKey: string, shards: readonly ShardPlan[]): string {
  const hash = createHash('sha1').update(JSON.stringify({ command, outDir, configKey })).update('\n');
  for (const shard of shards) hash.update(`${shard.items} ${shard.digest}\n`);
  return hash.digest('hex').slice(0, 16);
}

/** The Redis client of a queue (BullMQ's own connection). */
export async function redisOf(queue: Queue): Promise<Awaited<Queue['client']>> {
  return queue.client;
}

/** Reads a run record; undefined when Redis has none. */
export async function loadRun(queue: Queue, id: string): Promise<RunRecord | undefined> {
  const text = await (await redisOf(queue)).get(runKey(id));
  return text === null ? undefined : (JSON.parse(text) as RunRecord);
}

/** The run last submitted into `outDir`, or the one named by `id`; a typed error when Redis knows neither. */
export async function findRun(queue: Queue, options: { outDir?: string; id?: string }): Promise<RunRecord> {
  const redis = await redisOf(queue);
  const id = options.id ?? (options.outDir === undefined ? null : await redis.get(outKey(options.outDir)));
  if (id === null || id === undefined) {
    throw new InvalidArgumentError({
      argument: '--out',
      value: options.outDir,
      message: 'no run was submitted into this folder on this Redis server (check --redis and --out)',
    });
  }
  const run = await loadRun(queue, id);
  if (run === undefined)
    throw new InvalidArgumentError({ argument: '--run', value: id, message: 'no such run on this Redis server' });
  return run;
}
