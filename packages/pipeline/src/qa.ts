/**
 * `stkit qa` as a function: Clips in, QA samples out, in resumable shards.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError, TASK_IDS, type Clip, type TaskId } from '@stkit/core';
import type { FactSelectionOptions } from '@stkit/kinematics';
import { addTaskCounts, emptyTaskCounts, generateClipSamples, type TaskCounts } from './clip-samples';
import type { ClipLine } from './clip-input';
import { packageVersions, writeManifest } from './manifest';
import { readCompleteShard, writeShard, type ShardMeta } from './shards';

/** Progress of a run, reported after each shard. */
export interface QaProgress {
  clips: number;
  samples: number;
  invalid: number;
}

/** Options of {@link generateQa}. */
export interface GenerateQaOptions {
  /** Clips (from {@link readClipsJsonl}, a reader, or plain `Clip`s). */
  clips: AsyncIterable<ClipLine | Clip> | Iterable<ClipLine | Clip>;
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
  /** Configuration echoed into the manifest (e.g. the input file). */
  inputs?: Record<string, unknown>;
  /** Called after each shard. */
  onProgress?: (progress: QaProgress) => void;
  /** Called for each invalid clip (already counted in the manifest). */
  onInvalid?: (error: Error) => void;
  /** Stops between clips; completed shards stay valid and a rerun resumes. */
  signal?: AbortSignal;
}

/** One invalid clip as recorded in the manifest. */
export interface InvalidClipRecord {
  file: string;
  line: number;
  field: string | undefined;
  message: string;
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

interface ShardCounts {
  tasks: TaskCounts;
  sources: Record<string, number>;
  invalid: InvalidClipRecord[];
  clips: number;
}

const MAX_INVALID_LISTED = 1000;

/** Generates the QA samples of `clips` into `outDir` (see the package README). */
export async function generateQa(options: GenerateQaOptions): Promise<GenerateQaResult> {
  const seed = options.seed ?? 0;
  const shardSize = options.shardSize ?? 1000;
  if (!Number.isSafeInteger(seed)) throw new InvalidArgumentError({ argument: 'seed', value: seed, message: 'must be an integer' });
  if (!Number.isInteger(shardSize) || shardSize < 1) throw new InvalidArgumentError({ argument: 'shardSize', value: shardSize, message: 'must be a positive integer' });
  const samplesDir = join(options.outDir, 'samples');
  await mkdir(samplesDir, { recursive: true });

  const total = emptyTaskCounts();
  const sources: Record<string, number> = {};
  const invalid: InvalidClipRecord[] = [];
  let clips = 0;
  let invalidClips = 0;
  let samples = 0;
  let resumedShards = 0;
  let shardIndex = 0;

  // A shard is either recomputed, streaming (each clip's samples are made as
  // the clip arrives, so only the current shard's output lines are held), or
  // kept from an earlier run (its clips are only counted; they are buffered
  // in case the input turns out shorter than the kept shard says).
  let current: { kept: ShardMeta<ShardCounts> | undefined; items: (ClipLine | Clip)[]; count: number; lines: string[]; counts: ShardCounts } | undefined;

  const openShard = async (): Promise<NonNullable<typeof current>> => {
    const kept = await readCompleteShard<ShardCounts>(samplesDir, shardIndex);
    return { kept, items: [], count: 0, lines: [], counts: { tasks: emptyTaskCounts(), sources: {}, invalid: [], clips: 0 } };
  };
  const process = (shard: NonNullable<typeof current>, item: ClipLine | Clip): void => {
    const clip = unwrap(item, shard.counts.invalid);
    if (clip === undefined) return;
    const result = generateClipSamples(clip, { seed, kinematics: options.kinematics, maxFrames: options.maxFrames });
    for (const sample of result.samples) shard.lines.push(JSON.stringify(sample));
    addTaskCounts(shard.counts.tasks, result.counts);
    const dataset = clip.source.dataset;
    shard.counts.sources[dataset] = (shard.counts.sources[dataset] ?? 0) + result.samples.length;
    shard.counts.clips++;
  };
  const closeShard = async (shard: NonNullable<typeof current>): Promise<void> => {
    let meta = shard.kept;
    if (meta !== undefined && meta.items === shard.count) {
      resumedShards++;
    } else {
      if (meta !== undefined) for (const item of shard.items) process(shard, item);
      meta = await writeShard(samplesDir, shardIndex, shard.count, shard.lines, shard.counts);
    }
    const counts = meta.counts;
    addTaskCounts(total, counts.tasks);
    for (const [dataset, count] of Object.entries(counts.sources)) sources[dataset] = (sources[dataset] ?? 0) + count;
    for (const record of counts.invalid) {
      if (invalid.length < MAX_INVALID_LISTED) invalid.push(record);
      options.onInvalid?.(new Error(`${record.file}:${record.line}: ${record.message}`));
    }
    clips += counts.clips;
    invalidClips += counts.invalid.length;
    samples += meta.lines;
    shardIndex++;
    options.onProgress?.({ clips, samples, invalid: invalidClips });
  };

  for await (const item of options.clips) {
    options.signal?.throwIfAborted();
    current ??= await openShard();
    current.count++;
    if (current.kept !== undefined) current.items.push(item);
    else process(current, item);
    if (current.count >= shardSize) {
      await closeShard(current);
      current = undefined;
    }
  }
  if (current !== undefined) await closeShard(current);

  const manifestPath = join(options.outDir, 'manifest.json');
  await writeManifest(manifestPath, {
    command: 'qa',
    seed,
    config: { shardSize, maxFrames: options.maxFrames ?? 32, kinematics: options.kinematics ?? {}, ...(options.inputs ?? {}) },
    versions: packageVersions(['@stkit/core', '@stkit/kinematics', '@stkit/templates', '@stkit/pipeline']),
    counts: {
      clips,
      invalidClips,
      samples,
      shards: shardIndex,
      perTask: Object.fromEntries(TASK_IDS.map((task) => [task, total.samples[task]])) as Record<TaskId, number>,
      perSource: sortKeys(sources),
      candidates: total.candidates,
      rejected: Object.fromEntries(TASK_IDS.map((task) => [task, sortKeys(total.rejected[task])])),
    },
    invalid: invalid,
  });
  return { clips, invalidClips, samples, counts: total, resumedShards, manifestPath };
}

function unwrap(item: ClipLine | Clip, invalid: InvalidClipRecord[]): Clip | undefined {
  if (!('kind' in item)) return item;
  if (item.kind === 'clip') return item.clip;
  const error = item.error;
  invalid.push({ file: item.file, line: item.line, field: error.field, message: error.message });
  return undefined;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
