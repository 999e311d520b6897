/**
 * The progress of a run, and its end: when every shard is done or has
 * failed, the manifest is written from the shards' sidecars (the same bytes
 * as `stkit qa` when none failed) and temporary files of killed workers are
 * removed.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { addQaShardToTotals, emptyQaTotals, writeQaManifest, type ShardCounts } from '../qa';
import { formatDuration } from '../progress';
import { readCompleteShard, removeStaleTemporaryFiles, shardFileName, shardPaths } from '../shards';
import { finishGtRun } from './gt-jobs';
import { openQueue } from './queue';
import { GPU_QUEUE_NAME, doneKey, findRun, jobId, type DoneShard, type RunRecord } from './run';

/** A shard that failed after its retries. */
export interface FailedShard {
  index: number;
  file: string;
  error: string;
  attempts: number;
}

/** Options of {@link runStatus}. */
export interface RunStatusOptions {
  redis: string;
  /** The output folder of the run (the run last submitted into it). */
  outDir?: string;
  /** Or the run id printed by `submit`. */
  runId?: string;
}

/** The state of a run. */
export interface RunStatus {
  run: RunRecord;
  shards: number;
  done: number;
  failed: FailedShard[];
  inFlight: number;
  waiting: number;
  /** Input items of the finished shards. */
  itemsDone: number;
  samples: number;
  /** Items per second since the submission. */
  rate: number;
  /** Seconds to go at that rate (undefined before the first shard). */
  etaSeconds: number | undefined;
  /** Done shards whose files are missing or do not match (e.g. deleted after the run). */
  missing: number[];
  /** Every shard done or failed, and the manifest written. */
  complete: boolean;
  manifestPath?: string;
}

/** Reads a run's state; when every shard is finished, writes its manifest. */
export async function runStatus(options: RunStatusOptions): Promise<RunStatus> {
  const control = await openQueue(options.redis);
  let jobs: Awaited<ReturnType<typeof openQueue>> | undefined;
  try {
    const run = await findRun(control, { outDir: options.outDir, id: options.runId });
    const redis = await control.client;
    const queue = run.command === 'pseudo' ? (jobs = await openQueue(options.redis, GPU_QUEUE_NAME)) : control;
    const doneEntries = await redis.hgetall(doneKey(run.id));
    const done = new Map<number, DoneShard>();
    for (const [index, text] of Object.entries(doneEntries)) done.set(Number(index), JSON.parse(text) as DoneShard);
    const prefix = jobId(run.command, run.id, 0).slice(0, -1);
    const ofRun = (id: string | undefined): boolean => id?.startsWith(prefix) === true;
    const failed: FailedShard[] = [];
    for (const job of await queue.getJobs(['failed'])) {
      if (!ofRun(job.id)) continue;
      const index = Number(job.id!.slice(prefix.length));
      if (done.has(index)) continue;
      failed.push({ index, file: shardFileName(index), error: job.failedReason, attempts: job.attemptsMade });
    }
    failed.sort((a, b) => a.index - b.index);
    const inFlight = (await queue.getJobs(['active'])).filter((job) => ofRun(job.id)).length;
    const shards = run.shards.length;
    let itemsDone = 0;
    let samples = 0;
    for (const shard of done.values()) {
      itemsDone += shard.items;
      samples += shard.lines;
    }
    const elapsed = (Date.now() - run.submittedAt) / 1000;
    const rate = elapsed > 0 ? itemsDone / elapsed : 0;
    const status: RunStatus = {
      run,
      shards,
      done: done.size,
      failed,
      inFlight,
      waiting: Math.max(0, shards - done.size - failed.length - inFlight),
      itemsDone,
      samples,
      rate,
      etaSeconds: rate > 0 ? (run.items - itemsDone) / rate : undefined,
      missing: [],
      complete: false,
    };
    if (done.size + failed.length < shards || inFlight > 0) return status;
    if (run.command === 'pseudo') {
      // The job wrote the folder's manifest itself (`stkit pseudo`).
      status.complete = true;
      if (done.size > 0) status.manifestPath = join(run.outDir, 'manifest.json');
      return status;
    }

    if (run.command === 'gt') {
      const finished = await finishGtRun(run, new Set(done.keys()), failed);
      status.missing = finished.missing;
      if (finished.manifestPath === undefined) return status;
      status.manifestPath = finished.manifestPath;
      status.complete = true;
      return status;
    }

    // Every shard finished: the manifest, from the sidecars on disk, in shard order.
    const samplesDir = join(run.outDir, 'samples');
    const totals = emptyQaTotals();
    for (let index = 0; index < shards; index++) {
      if (!done.has(index)) continue;
      const meta = await readCompleteShard<ShardCounts>(samplesDir, index);
      const plan = run.shards[index]!;
      if (meta === undefined || meta.inputDigest !== plan.digest || meta.items !== plan.items) {
        status.missing.push(index);
        continue;
      }
      addQaShardToTotals(totals, meta);
    }
    if (status.missing.length > 0) return status;
    await removeStaleTemporaryFiles(samplesDir);
    // A failed shard has no file: one an older run left under its name goes.
    for (const shard of failed)
      for (const path of Object.values(shardPaths(samplesDir, shard.index))) await rm(path, { force: true });
    const extra =
      failed.length > 0
        ? { failedShards: failed.map(({ index, file, error, attempts }) => ({ index, file, error, attempts })) }
        : {};
    status.manifestPath = await writeQaManifest(run.outDir, run.config, totals, extra, shards);
    status.complete = true;
    return status;
  } finally {
    await jobs?.close();
    await control.close();
  }
}

/**
 * The lines `stkit status` prints. Only the last line group of a finished run
 * starts with `complete`: exactly `complete`, or `complete with N failed
 * shards` followed by one indented line per failed shard.
 */
export function formatStatus(status: RunStatus): string {
  const { run } = status;
  const lines = [
    `run ${run.id}: ${run.command} → ${run.outDir}`,
    `shards: ${status.done}/${status.shards} done, ${status.failed.length} failed, ${status.inFlight} in flight, ${status.waiting} waiting`,
    `${run.command === 'pseudo' ? 'videos' : 'clips'}: ${status.itemsDone}/${run.items} · samples: ${status.samples} · ${status.rate.toFixed(1)} ${run.command === 'pseudo' ? 'videos' : 'clips'}/s${status.complete ? '' : ` · ETA ${status.etaSeconds === undefined ? '?' : formatDuration(status.etaSeconds)}`}`,
  ];
  if (status.missing.length > 0) {
    lines.push(
      `missing on disk: ${status.missing.length} done shards (${status.missing.slice(0, 10).map(shardFileName).join(', ')}${status.missing.length > 10 ? ', …' : ''}); the folder was changed after they were written`,
    );
  }
  if (status.complete) {
    if (status.manifestPath !== undefined)
      lines.push(`${run.command === 'pseudo' ? 'written by the job:' : 'wrote'} ${status.manifestPath}`);
    if (status.failed.length === 0) lines.push('complete');
    else {
      lines.push(`complete with ${status.failed.length} failed shards`);
      for (const shard of status.failed)
        lines.push(`  ${shard.file} (shard ${shard.index}, ${shard.attempts} attempts): ${shard.error}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
