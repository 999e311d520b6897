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
import { readCompleteShard, writeShard } from './shards';

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
  let batch: (ClipLine | Clip)[] = [];

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    let meta = await readCompleteShard<ShardCounts>(samplesDir, shardIndex);
    if (meta !== undefined && meta.items === batch.length) {
      resumedShards++;
    } else {
      const lines: string[] = [];
      const counts: ShardCounts = { tasks: emptyTaskCounts(), sources: {}, invalid: [], clips: 0 };
      for (const item of batch) {
        const clip = unwrap(item, counts.invalid);
        if (clip === undefined) continue;
        options.signal?.throwIfAborted();
        const result = generateClipSamples(clip, { seed, kinematics: options.kinematics, maxFrames: options.maxFrames });
        for (const sample of result.samples) lines.push(JSON.stringify(sample));
        addTaskCounts(counts.tasks, result.counts);
        const dataset = clip.source.dataset;
        counts.sources[dataset] = (counts.sources[dataset] ?? 0) + result.samples.length;
        counts.clips++;
      }
      meta = await writeShard(samplesDir, shardIndex, batch.length, lines, counts);
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
    batch = [];
    options.onProgress?.({ clips, samples, invalid: invalidClips });
  };

  for await (const item of options.clips) {
    options.signal?.throwIfAborted();
    batch.push(item);
    if (batch.length >= shardSize) await flush();
  }
  await flush();

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
