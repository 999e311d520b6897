/**
 * `gt` runs cut into jobs. The dataset reader runs once, at submission (it
 * reads annotations: cheap next to labelling and drawing frames), and cuts
 * the valid clips into the shards of `stkit gt` — `shardSize` clips in reader
 * order, spanning logs — writing `clips/part-NNNNN.jsonl` exactly as `stkit
 * gt` does. A job turns one clips shard into `samples/part-NNNNN.jsonl` and
 * its frames; `status` writes the manifest and prunes the folder at the end.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Clip, type DatasetFormatError, StkitError } from '@stkit/core';
import { createFrameRenderer } from '../frame-renderer';
import {
  addGtShardToTotals,
  emptyGtTotals,
  gtConfigKey,
  gtShardBatches,
  gtShardDigest,
  processGtShard,
  pruneGtOutput,
  removeStaleGtFiles,
  writeGtManifest,
  type GtErrorRecord,
  type GtReadEvent,
  type GtRunConfig,
  type GtShardCounts,
} from '../gt';
import { readCompleteShard, shardPaths, writeShard } from '../shards';
import type { GtJobData, GtRunRecord, ShardPlan } from './run';

/**
 * Reads the events, writes the clips shards of a `gt` run into `outDir/clips`
 * (a complete shard with the same digest is kept) and returns the shards'
 * plan; failed logs and invalid clips are appended to `errors`.
 */
export async function planGtShards(
  events: AsyncIterable<GtReadEvent>,
  run: GtRunConfig,
  outDir: string,
  errors: GtErrorRecord[],
  onError?: (error: DatasetFormatError) => void,
  signal?: AbortSignal,
): Promise<ShardPlan[]> {
  const clipsDir = join(outDir, 'clips');
  await mkdir(clipsDir, { recursive: true });
  const configKey = gtConfigKey(run);
  const shards: ShardPlan[] = [];
  for await (const batch of gtShardBatches(events, run.shardSize, errors, onError, signal)) {
    const index = shards.length;
    const lines = batch.map((clip) => JSON.stringify(clip));
    const digest = gtShardDigest(configKey, lines);
    const existing = await readCompleteShard<Record<string, never>>(clipsDir, index);
    if (existing === undefined || existing.inputDigest !== digest || existing.items !== batch.length)
      await writeShard(clipsDir, index, batch.length, lines, {}, digest);
    shards.push({ items: batch.length, digest });
  }
  return shards;
}

/**
 * Processes one `gt` job: reads its clips shard, checks it against the
 * submitted digest, writes the samples shard (atomically, sidecar first) and
 * the frames, unless a complete samples shard with the same digest is there
 * (a retry after a crash that came after the rename).
 */
export async function runGtJob(
  run: GtRunRecord,
  data: GtJobData,
  onError?: (error: DatasetFormatError) => void,
  signal?: AbortSignal,
): Promise<{ items: number; lines: number; kept: boolean }> {
  const samplesDir = join(run.outDir, 'samples');
  await mkdir(samplesDir, { recursive: true });
  const existing = await readCompleteShard<GtShardCounts>(samplesDir, data.index);
  if (existing !== undefined && existing.inputDigest === data.digest && existing.items === data.items)
    return { items: existing.items, lines: existing.lines, kept: true };
  const changed = (what: string): StkitError =>
    new StkitError({
      message: `the clips of shard ${data.index} (${shardPaths(join(run.outDir, 'clips'), data.index).shard}) ${what} since the run was submitted: resubmit the run`,
    });
  let text: string;
  try {
    text = await readFile(shardPaths(join(run.outDir, 'clips'), data.index).shard, 'utf8');
  } catch {
    throw changed('are missing');
  }
  const lines = text.split('\n').filter((line) => line !== '');
  if (lines.length !== data.items || gtShardDigest(gtConfigKey(run.config), lines) !== data.digest)
    throw changed('changed');
  const clips = lines.map((line) => JSON.parse(line) as Clip);
  const renderFrames = run.framesRoot === undefined ? undefined : createFrameRenderer({ datasetRoot: run.framesRoot });
  const shard = await processGtShard(clips, { run: run.config, outDir: run.outDir, renderFrames, onError, signal });
  const meta = await writeShard(samplesDir, data.index, clips.length, shard.lines, shard.counts, data.digest);
  return { items: clips.length, lines: meta.lines, kept: false };
}

/**
 * The end of a `gt` run (every shard done or failed): checks the done
 * shards' files, removes what killed workers and older runs left (temporary
 * files, failed shards' files, shards beyond the plan, frames no sample
 * names) and writes the manifest (`stkit gt`'s bytes when none failed).
 * Returns the manifest's path, or the done shards whose files are missing.
 */
export async function finishGtRun(
  run: GtRunRecord,
  done: ReadonlySet<number>,
  failed: readonly { index: number; file: string; error: string; attempts: number }[],
): Promise<{ manifestPath?: string; missing: number[] }> {
  const samplesDir = join(run.outDir, 'samples');
  const totals = emptyGtTotals();
  const missing: number[] = [];
  for (let index = 0; index < run.shards.length; index++) {
    if (!done.has(index)) continue;
    const meta = await readCompleteShard<GtShardCounts>(samplesDir, index);
    const plan = run.shards[index]!;
    if (meta === undefined || meta.inputDigest !== plan.digest || meta.items !== plan.items) {
      missing.push(index);
      continue;
    }
    addGtShardToTotals(totals, meta.counts, meta.lines);
  }
  if (missing.length > 0) return { missing };
  await removeStaleGtFiles(run.outDir);
  // A failed shard has no files: what an older run left under its names goes.
  for (const shard of failed)
    for (const dir of ['clips', 'samples'])
      for (const path of Object.values(shardPaths(join(run.outDir, dir), shard.index))) await rm(path, { force: true });
  await pruneGtOutput(run.outDir, run.shards.length);
  const extra =
    failed.length > 0
      ? { failedShards: failed.map(({ index, file, error, attempts }) => ({ index, file, error, attempts })) }
      : {};
  return { manifestPath: await writeGtManifest(run.outDir, run.config, totals, run.errors, extra), missing };
}
