/**
 * `qa` runs cut into jobs: the planner reads the clips files once and cuts
 * them into shards of `shardSize` non-blank lines in input order (the shard
 * boundaries of `stkit qa`), each a list of byte ranges; a worker reads its
 * shard's ranges, turns the lines into samples on its thread pool and writes
 * `samples/part-NNNNN.jsonl` with its sidecar, exactly as `stkit qa` would.
 */
import { isUtf8 } from 'node:buffer';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError, StkitError } from '@stkit/core';
import type { RawClipLine, ClipOutcome } from '../clip-outcome';
import { collectQaShard, qaConfigKey, type QaRunConfig, type ShardCounts } from '../qa';
import { checkInputFile, readLineBytesRange, readLineRange } from '../read-lines';
import { createShardDigest, readCompleteShard, writeShard } from '../shards';
import type { QaJobData, QaRunRecord, Segment, ShardPlan } from './run';

/** A planned shard with where its lines are. */
export interface PlannedQaShard extends ShardPlan {
  segments: Segment[];
}

/**
 * Cuts `files` into the shards of a `qa` run with `config` (reads every file once).
 * @throws {@link InvalidArgumentError} for `--clips`: a distributed run reads its input from a shared file, not stdin
 */
export async function planQaShards(
  files: readonly string[],
  config: Omit<QaRunConfig, 'inputs'>,
  signal?: AbortSignal,
): Promise<PlannedQaShard[]> {
  const configKey = qaConfigKey(config);
  const shards: PlannedQaShard[] = [];
  let current: (PlannedQaShard & { hash: ReturnType<typeof createShardDigest> }) | undefined;
  const close = (): void => {
    if (current === undefined) return;
    shards.push({ items: current.items, digest: current.hash.digest(), segments: current.segments });
    current = undefined;
  };
  for (const file of files) {
    if (file === '-')
      throw new InvalidArgumentError({
        argument: '--clips',
        value: file,
        message: 'a distributed run reads its input from a shared file, not stdin',
      });
    await checkInputFile(file);
    // Bytes, not text: the plan only splits and digests the input (a fifth of `submit`'s time went to decoding).
    for await (const { line, bytes, offset } of readLineBytesRange(file, 0, Number.POSITIVE_INFINITY, 1, signal)) {
      if (isBlankLine(bytes)) continue;
      if (current !== undefined && current.items >= config.shardSize) {
        const last = current.segments.at(-1)!;
        last.end = offset;
        close();
      }
      current ??= { items: 0, digest: '', segments: [], hash: createShardDigest(configKey) };
      let segment = current.segments.at(-1);
      if (segment === undefined || segment.file !== file) {
        segment = { file, start: offset, end: Number.POSITIVE_INFINITY, firstLine: line };
        current.segments.push(segment);
      }
      current.items++;
      // The digest of the text, as the worker computes it: the bytes when they are its exact UTF-8 encoding.
      current.hash.update(isUtf8(bytes) ? bytes : bytes.toString());
    }
  }
  close();
  // JSON has no Infinity: an open end is the file's end, written as -1.
  for (const shard of shards) for (const segment of shard.segments) if (!Number.isFinite(segment.end)) segment.end = -1;
  return shards;
}

/** True when the line's text is blank (`text.trim() === ''`), decoding only lines with non-ASCII bytes. */
export function isBlankLine(bytes: Buffer): boolean {
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]!;
    if (byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)) continue;
    // ASCII other than whitespace: not blank; a non-ASCII byte may start Unicode whitespace, so trim decides.
    return byte < 0x80 ? false : bytes.toString().trim() === '';
  }
  return true;
}

/** Runs a batch of raw lines (on the worker's thread pool). */
export type OutcomeRunner = (lines: RawClipLine[]) => Promise<ClipOutcome[]>;

const BATCH_LINES = 16;

/**
 * Processes one `qa` job: writes its shard (atomically, sidecar first) unless
 * a complete shard with the same digest is already there (a retry after a
 * crash that came after the rename). Returns the shard's counts.
 */
export async function runQaJob(
  run: QaRunRecord,
  data: QaJobData,
  runLines: OutcomeRunner,
): Promise<{ items: number; lines: number; kept: boolean }> {
  const samplesDir = join(run.outDir, 'samples');
  await mkdir(samplesDir, { recursive: true });
  const existing = await readCompleteShard<ShardCounts>(samplesDir, data.index);
  if (existing !== undefined && existing.inputDigest === data.digest && existing.items === data.items)
    return { items: existing.items, lines: existing.lines, kept: true };
  const hash = createShardDigest(qaConfigKey(run.config));
  // Outcomes are encoded into the shard's body as they arrive, in order (see collectQaShard).
  const collected = collectQaShard();
  let batch: RawClipLine[] = [];
  let items = 0;
  for (const segment of data.segments) {
    const end = segment.end < 0 ? Number.POSITIVE_INFINITY : segment.end;
    for await (const { line, text } of readLineRange(segment.file, segment.start, end, segment.firstLine)) {
      if (text.trim() === '') continue;
      items++;
      hash.update(text);
      batch.push({ kind: 'raw', file: segment.file, line, text });
      if (batch.length >= BATCH_LINES) {
        void collected.push(runLines(batch));
        batch = [];
      }
    }
  }
  if (batch.length > 0) void collected.push(runLines(batch));
  const digest = hash.digest();
  if (items !== data.items || digest !== data.digest) {
    await collected.drained().catch(() => undefined);
    throw new StkitError({
      message: `the input of shard ${data.index} changed since it was submitted (${items} lines, expected ${data.items}; digest ${digest.slice(0, 12)}, expected ${data.digest.slice(0, 12)}): resubmit the run`,
    });
  }
  await collected.drained();
  const meta = await writeShard(samplesDir, data.index, items, collected.body, collected.counts, digest);
  collected.release();
  return { items, lines: meta.lines, kept: false };
}
